"""The API pages show each signature's types as written in the source: a module-level alias such
as ``Arrays = dict[str, NDArray[np.float64]]`` renders as a bare name defined nowhere on the page,
so public signatures spell their types out (issue 7)."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

from test_docs_coverage import PUBLIC

KNOWN = {"ArrayLike", "NDArray", "Callable", "Mapping", "Sequence", "Hashable", "Iterable", "None"}
# Every public module except dlref.check, whose public functions are generated.
MODULES = {m for m, _ in PUBLIC} - {"check"}


@pytest.mark.parametrize("module, name", [(m, n) for m, n in PUBLIC if m in MODULES])
def test_a_signature_names_no_type_alias(module, name):
    function = getattr(importlib.import_module(f"dlref.{module}"), name)
    annotations = " ".join(str(a) for a in inspect.get_annotations(function).values())
    names = set(re.findall(r"(?<![\w.])[A-Z]\w*", annotations)) - KNOWN  # np.random.Generator is dotted
    assert not names, f"dlref.{module}.{name} annotates with {sorted(names)}: write the type out"


def test_every_module_checked_exists():
    assert MODULES <= {m for m, _ in PUBLIC}
