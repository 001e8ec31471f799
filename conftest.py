"""Collect the examples a reader can copy: every Python code block of the pages and the README.

Sybil runs each fenced ``python`` block; a block that starts with ``>>>`` is checked as a doctest,
and the blocks of one page share a namespace, as they would in one session. Fences that carry a
``title`` only include source lines from ``dlref/`` (tested by its own doctests and tests), which
``tests/test_docs_coverage.py`` checks.
"""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

_parsers = [PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE), SkipParser()]

pytest_collect_file = (
    Sybil(parsers=_parsers, path="docs", patterns=["*.md", "**/*.md"])
    + Sybil(parsers=_parsers, path=".", patterns=["README.md"])
).pytest()

