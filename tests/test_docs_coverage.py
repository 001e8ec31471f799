"""Every public function is shown on a note page and in the API reference, with its source."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import dlref
from conftest import ROOT

DOCS = ROOT / "docs"
MODULES = sorted(m.name for m in pkgutil.iter_modules(dlref.__path__) if not m.name.startswith("_"))
PUBLIC = [(module, name) for module in MODULES for name in importlib.import_module(f"dlref.{module}").__all__]
NOTE_PAGES = {p: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("course-*/*.md"))}
ALL_PAGES = {p: p.read_text(encoding="utf-8") for p in sorted(DOCS.rglob("*.md"))}
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```", re.MULTILINE | re.DOTALL)
SNIPPET = re.compile(r'^--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"$')


def test_public_names_are_found():
    assert len(PUBLIC) >= 10 and ("activations", "sigmoid") in PUBLIC


@pytest.mark.parametrize("module, name", PUBLIC)
def test_public_function_has_an_entry_on_a_note_page(module, name):
    if module == "check":  # one generated check per course function: a row each on the page that explains them
        assert f"`{name}`" in (DOCS / "check.md").read_text(encoding="utf-8"), f"dlref.check.{name}"
        return
    entry = re.compile(rf"^::: dlref\.{module}\.{name}$", re.MULTILINE)
    assert any(entry.search(text) for text in NOTE_PAGES.values()), f"dlref.{module}.{name}"


@pytest.mark.parametrize("module, name", PUBLIC)
def test_public_function_is_in_the_api_reference(site, module, name):
    page = (site / "api" / module / "index.html").read_text(encoding="utf-8")
    if module == "check":  # the checks share one generated signature and docstring: a table row each
        assert f"<code>dlref.check.{name}</code>" in page
        return
    assert f'id="dlref.{module}.{name}"' in page


@pytest.mark.parametrize("module, name", PUBLIC)
def test_public_function_docstring_has_formula_or_shapes_and_a_doctest(module, name):
    doc = getattr(importlib.import_module(f"dlref.{module}"), name).__doc__
    assert doc and "Parameters\n" in doc and "Returns\n" in doc and "Examples\n" in doc and ">>> " in doc


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_an_api_page_in_the_nav(module):
    page = DOCS / "api" / f"{module}.md"
    assert page.read_text(encoding="utf-8").count(f"::: dlref.{module}\n") == 1
    assert f"api/{module}.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def sections_defined(path: str) -> set[str]:
    text = (ROOT / path).read_text(encoding="utf-8")
    return set(re.findall(r"# --8<-- \[start:([\w-]+)\]", text))


def test_titled_code_blocks_only_include_tested_source():
    """Untitled ``python`` fences run as tests; titled ones must hold nothing but includes."""
    included = 0
    for page, text in ALL_PAGES.items():
        for fence in FENCE.finditer(text):
            if not fence["info"].startswith("python "):
                continue
            lines = fence["body"].strip().splitlines()
            assert lines, page
            for line in lines:
                match = SNIPPET.match(line.strip())
                assert match, f"{page}: a titled block holds code that no test runs: {line!r}"
                assert match["path"].startswith("dlref/") and match["section"], line
                assert match["section"] in sections_defined(match["path"]), line
                included += 1
    assert included >= 10


def test_every_source_section_is_shown_on_a_page():
    shown = {
        (m["path"], m["section"])
        for text in ALL_PAGES.values()
        for m in re.finditer(r'--8<-- "(?P<path>dlref/[^":]+):(?P<section>[\w-]+)"', text)
    }
    sources = [f"dlref/{module}.py" for module in MODULES if (ROOT / "dlref" / f"{module}.py").exists()]
    sources += sorted(p.relative_to(ROOT).as_posix() for module in MODULES for p in (ROOT / "dlref" / module).glob("*.py"))
    for path in sources:  # a module, or each file of a package such as dlref.check
        for section in sections_defined(path):
            assert (path, section) in shown, f"{path}:{section} is marked for the site but shown nowhere"


def test_every_test_the_errata_name_exists():
    """An erratum is only pinned if the test it names is real."""
    errata = "".join(page.read_text(encoding="utf-8") for page in DOCS.glob("errata*.md"))
    named = set(re.findall(r"`(?:tests/)?(test_\w+\.py)::(test_\w+)(?:\[[^\]]*\])?`", errata))
    assert len(named) >= 20
    for filename, test in sorted(named):
        source = (ROOT / "tests" / filename).read_text(encoding="utf-8")
        assert re.search(rf"^def {test}\(", source, re.MULTILINE), f"{filename}::{test}"
