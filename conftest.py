"""Collect the examples a reader can copy: every Python code block of the pages and the README.

Sybil runs each fenced ``python`` block; a block that starts with ``>>>`` is checked as a doctest,
and the blocks of one page share a namespace, as they would in one session. Fences that carry a
``title`` only include source lines from ``dlref/`` (tested by its own doctests and tests), which
``tests/test_docs_coverage.py`` checks.
"""

import os

# The suite multiplies many small matrices, in this process and in the site build it starts beside
# it. On two cores, OpenBLAS's worker threads then wait on each other and the suite runs 3-4x
# slower than on one thread per process; set before NumPy is first imported. A reader's own
# setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE  # noqa: E402

from sybil import Sybil  # noqa: E402
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser  # noqa: E402

_parsers = [PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE), SkipParser()]

pytest_collect_file = (
    Sybil(parsers=_parsers, path="docs", patterns=["*.md", "**/*.md"])
    + Sybil(parsers=_parsers, path=".", patterns=["README.md"])
).pytest()

