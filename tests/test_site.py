"""The site: a strict build that renders every formula, loads nothing from another host,
and fails, naming the page, on a formula KaTeX cannot parse."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import figures
from conftest import ROOT, mkdocs_build
from katex_render import KatexRenderer, MathError, render_math



def html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def test_strict_build_succeeds(site):
    assert (site / "index.html").exists()
    assert (site / "course-1" / "logistic-regression" / "index.html").exists()


def test_every_formula_is_rendered_at_build_time(site):
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        # arithmatex's delimiters would only survive if a formula was left for the browser
        assert not re.search(r'class="arithmatex">\s*\\[(\[]', text), page
    rendered = "".join((site / "course-1" / name / "index.html").read_text(encoding="utf-8")
                       for name in ("logistic-regression", "logistic-regression-gradient-descent"))
    assert rendered.count('class="katex-display"') >= 10
    assert "<math" in rendered  # MathML for screen readers rides along


EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|preload|preconnect|icon|modulepreload|dns-prefetch))[^>]*\bhref=["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_no_page_loads_anything_from_another_host(site):
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL_LOAD.search(text), f"{page}: {EXTERNAL_LOAD.search(text)[0]}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
    for sheet in site.rglob("*.css"):
        urls = re.findall(r"url\(([^)]*)\)", sheet.read_text(encoding="utf-8"))
        assert not [u for u in urls if re.match(r"""["']?(?:https?:)?//""", u)], sheet


def test_katex_stylesheet_and_fonts_are_served_locally(site):
    css = (site / "assets" / "katex" / "katex.min.css").read_text(encoding="utf-8")
    fonts = set(re.findall(r"url\((fonts/[^)]+)\)", css))
    assert fonts and all((site / "assets" / "katex" / font).exists() for font in fonts)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="assets/katex/katex.min.css"' in index


@pytest.mark.parametrize("name", sorted(figures.FIGURES))
def test_every_figure_is_drawn_at_build_time_and_shown_on_a_page(site, name):
    svg = (site / "figures" / f"{name}.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<text" not in svg  # text drawn as paths: no font to load
    pages = [p for p in html_pages(site) if f"figures/{name}.svg" in p.read_text(encoding="utf-8")]
    assert pages, f"figure {name} is drawn but no page shows it"


def test_no_page_or_figure_is_hot_linked_from_another_host():
    for page in (ROOT / "docs").rglob("*.md"):
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text(encoding="utf-8")):
            assert not re.match(r"(?:https?:)?//", target), f"{page}: {target}"


def test_no_page_passes_a_tuple_to_randn():
    # the notes write np.random.randn((2, 2)), which raises TypeError; only the errata quote it
    for path in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "dlref").rglob("*.py")]:
        if path.parent == ROOT / "docs" and path.name.startswith("errata"):
            continue
        assert "randn((" not in path.read_text(encoding="utf-8"), path


def test_vectorization_page_quotes_the_benchmark_and_its_machine(site):
    html = (site / "course-1" / "vectorization" / "index.html").read_text(encoding="utf-8")
    assert "make bench" in html and "cores, Python" in html
    speedups = [int(s.replace(",", "")) for s in re.findall(r"<td[^>]*>([\d,]+)x</td>", html)]
    assert speedups and min(speedups) > 10


def test_a_formula_katex_cannot_parse_fails_the_build_and_names_the_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Fine\n\n$a + b$\n")
    (docs / "broken.md").write_text("# Broken\n\n$$\\usepackage{amsmath} x$$\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(textwrap.dedent(f"""\
        site_name: broken
        docs_dir: {docs}
        markdown_extensions:
          - pymdownx.arithmatex:
              generic: true
        hooks:
          - {ROOT / "tools" / "hooks.py"}
    """))
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "broken.md" in output and "usepackage" in output


@pytest.fixture(scope="module")
def katex() -> KatexRenderer:
    renderer = KatexRenderer()
    yield renderer
    renderer.close()


def test_render_math_replaces_inline_and_display_formulas(katex):
    html = '<p>See <span class="arithmatex">\\(a &lt; b\\)</span>.</p><div class="arithmatex">\\[x^2\\]</div>'
    out = render_math(html, katex)
    assert "\\(" not in out and "\\[" not in out
    assert out.count('class="katex"') == 2 and out.count('class="katex-display"') == 1
    assert "<mo>&lt;</mo>" in out  # the entity was unescaped before KaTeX saw it


def test_render_math_leaves_other_html_alone(katex):
    html = '<p class="other">\\(not math\\)</p>'
    assert render_math(html, katex) == html


@pytest.mark.parametrize("tex", ["\\frac{1}{", "\\usepackage{x}", "\\href{https://example.org}{x}", "é"])
def test_katex_rejects_bad_untrusted_or_non_strict_input(katex, tex):
    with pytest.raises(MathError, match="KaTeX cannot render"):
        katex(tex, False)


# ---------------------------------------------------------------------------------------------
# Search, page weight, copy buttons.

import html as html_lib  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import page_weight  # noqa: E402
from hooks import compact_search_index, doctest_source  # noqa: E402
from katex_render import tex_to_text  # noqa: E402


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"\beta_{\text{avg}}\, v_{t-1} + (1 - \beta_{\text{avg}})\, \theta_t", "β_avg vₜ₋₁ + (1 - β_avg) θₜ"),
        (r"\frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}", "(z⁽ⁱ⁾ - μ)/√(σ² + ε)"),
        (r"W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}", "W^[l] := W^[l] - α dW^[l]"),
        (r"\hat y = \sigma(w^T x + b)", "ŷ = σ(wᵀ x + b)"),
        (r"\lVert W \rVert_F^2", "‖ W ‖_F²"),
    ],
)
def test_tex_reads_as_text_in_search(tex, text):
    assert tex_to_text(tex) == text


def test_search_index_has_no_tex_no_code_listings_and_each_entry_once(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    tex = re.compile(r"\\[(\[]|\\(?:frac|text|beta|hat|sum|mathcal|qquad)\b")
    assert not [d["location"] for d in docs if tex.search(d["text"] + d["title"])]
    assert not [d["location"] for d in docs if "<pre" in d["text"] or "&gt;&gt;&gt;" in d["text"]]
    anchors = [d["location"].partition("#")[2] for d in docs if d["location"].partition("#")[2].startswith("dlref.")]
    assert anchors and len(anchors) == len(set(anchors))
    momentum = [d for d in docs if "momentum" in (d["title"] + d["text"]).lower()]
    assert any("β" in d["text"] for d in momentum)  # the formulas are there, as text


def test_compact_search_index_keeps_api_entries_and_drops_their_copies_on_pages():
    index = {"config": {}, "docs": [
        {"location": "api/x/#dlref.x.f", "title": "f", "text": "<p>Sum \\(\\sum_i x_i\\).</p>"},
        {"location": "course-1/p/#dlref.x.f", "title": "f", "text": "<p>Sum \\(\\sum_i x_i\\).</p>"},
        {"location": "course-1/p/#a-section", "title": "A", "text": "<pre><code>x = 1</code></pre><p>b &lt; c</p>"},
    ]}
    docs = compact_search_index(index)["docs"]
    assert [d["location"] for d in docs] == ["api/x/#dlref.x.f", "course-1/p/#a-section"]
    assert docs[0]["text"] == "Sum Σᵢ xᵢ." and docs[1]["text"] == "b &lt; c"


def test_home_page_first_visit_is_within_budget(site):
    loads = page_weight.first_visit(site, site / "index.html")
    assert "search/search_index.json" not in loads  # fetched when the reader opens search
    assert any(path.startswith("assets/javascripts/workers/search") for path in loads)
    assert sum(loads.values()) <= page_weight.HOME_BUDGET, loads


def test_reference_entries_are_indexed_by_their_summary_parameters_and_returns():
    from hooks import reference_summary

    text = "Backward pass of ReLU. Parameters: dA array_like Returns: dZ ndarray Raises: ValueError If Notes g'(z)"
    assert reference_summary(text) == "Backward pass of ReLU. Parameters: dA array_like Returns: dZ ndarray"


def test_every_page_with_its_formulas_is_within_the_page_budget_and_keeps_no_tex_copy(site):
    # the whole HTML counts, KaTeX's markup of the formulas included: a page that outgrows the
    # budget is split along its sections (see tools/page_weight.py)
    for page in page_weight.pages(site):
        html = page.read_text(encoding="utf-8")
        assert len(html.encode()) <= page_weight.PAGE_BUDGET, (page, len(html.encode()))
        assert "application/x-tex" not in html  # MathML without a second copy of the TeX


def copy_buttons(page: Path) -> list[tuple[str, str | None]]:
    """(class, what the copy button copies) of every code block: Material copies the block's
    ``data-copy`` attribute when it has one, its text otherwise, and shows no button under
    ``.no-copy``."""
    out = []
    for match in re.finditer(r'<div class="(?P<cls>[^"]*\bhighlight\b[^"]*)"(?: data-copy="(?P<copy>[^"]*)")?'
                             r"[^>]*>(?:<span class=\"filename\">[^<]*</span>)?<pre>(?P<pre>.*?)</pre>",
                             page.read_text(encoding="utf-8"), re.DOTALL):
        if "no-copy" in match["cls"]:
            out.append((match["cls"], None))
        elif match["copy"] is not None:
            out.append((match["cls"], html_lib.unescape(match["copy"])))
        else:
            out.append((match["cls"], html_lib.unescape(re.sub(r"<[^>]+>", "", match["pre"])).rstrip()))
    return out


def python_copies(site: Path, under: str = "") -> dict[str, str]:
    """Every Python block's copied text, by ``page#n``; identical texts once."""
    copies: dict[str, str] = {}
    for page in page_weight.pages(site):
        name = page.relative_to(site).as_posix()
        if not name.startswith(under):
            continue
        for n, (cls, text) in enumerate(copy_buttons(page)):
            if text is not None and ("language-python" in cls or "language-pycon" in cls):
                copies.setdefault(text, f"{name}#{n}")
    return {name: text for text, name in copies.items()}


RUN_EACH = r'''
import contextlib, io, json, os, sys, traceback
import numpy  # imported once so that each child starts fast; each block still imports its own
blocks, failures = json.load(sys.stdin), {}
for name, code in blocks.items():
    read, write = os.pipe()
    if os.fork() == 0:  # a fresh namespace in a child process, for each block
        os.close(read)
        error = ""
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(code, name, "exec"), {"__name__": "__main__"})
        except BaseException:
            error = traceback.format_exc(limit=4)
        os.write(write, error.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        error = pipe.read().decode()
    os.wait()
    if error:
        failures[name] = error
json.dump(failures, sys.stdout)
'''


def run_each_on_its_own(copies: dict[str, str], expected_errors: dict[str, str]) -> dict[str, str]:
    """Run every text in its own fresh namespace; return the unexpected failures."""
    result = subprocess.run([sys.executable, "-c", RUN_EACH], input=json.dumps(copies), capture_output=True,
                            text=True, cwd=ROOT, timeout=600, check=True)
    failures = json.loads(result.stdout)
    return {name: error for name, error in failures.items()
            if not (name in expected_errors and expected_errors[name] in error.strip().splitlines()[-1])}


def shown_errors(site: Path) -> dict[str, str]:
    """Blocks whose doctest shows a traceback: running their copy raises that error."""
    out = {}
    for page in page_weight.pages(site):
        name = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        blocks = re.findall(r'<div class="[^"]*\bhighlight\b[^"]*"[^>]*>.*?</pre>', html, re.DOTALL)
        for n, block in enumerate(blocks):
            text = html_lib.unescape(re.sub(r"<[^>]+>", "", block))
            error = re.search(r"^Traceback \(most recent call last\):\n(?:.*\n)*?(\w+Error)\b", text, re.MULTILINE)
            if error:
                out[f"{name}#{n}"] = error[1]
    return out


def test_every_python_block_copies_source_without_prompts_or_output(site):
    count = 0
    for page in page_weight.pages(site):
        for cls, text in copy_buttons(page):
            if "doc-signature" in cls:
                assert text is None  # a signature is not code to paste
            if text is None or not ("language-python" in cls or "language-pycon" in cls):
                continue
            count += 1
            assert not re.search(r"^(?:>>>|\.\.\.)( |$)", text, re.MULTILINE), (page, text)
            compile(text, str(page), "exec")  # output lines would not parse
    assert count > 150


def test_doctest_source_keeps_code_and_drops_output():
    text = ">>> x = [1,\n...      2]\n>>> x\n[1,\n 2]\n>>> for i in x:\n...     print(i)\n1\n...\n"
    assert doctest_source(text) == "x = [1,\n     2]\nx\nfor i in x:\n    print(i)"


def test_what_the_copy_button_gives_for_every_api_example_runs_on_its_own(site):
    # the examples of the reference pages (every docstring's doctest); the page examples,
    # some of which train networks, run the same way in tests/browser/test_copy.py
    copies = python_copies(site, "api/")
    assert len(copies) > 60
    assert run_each_on_its_own(copies, shown_errors(site)) == {}


def _block(source: str, title: str = "") -> str:
    code = html_lib.escape(source)
    head = f'<span class="filename">{title}</span>' if title else ""
    return f'<div class="language-python highlight">{head}<pre><span></span><code>{code}\n</code></pre></div>'


def test_copy_text_adds_what_a_block_takes_from_earlier_blocks_and_from_its_module():
    from hooks import copy_texts

    page = "".join([
        _block("import numpy as np\nx = np.ones(3)"),
        _block(">>> y = 2 * x\n>>> np.sum(y).item()\n6.0"),
        _block("A = sigmoid(Z)", title="dlref/activations.py · sigmoid"),
        '<div class="doc doc-object doc-function"><h3 id="dlref.activations.sigmoid" class="doc doc-heading">',
        _block(">>> sigmoid(np.array([0.0])).tolist()\n[0.5]"),
        "</div>",
    ])
    first, second, excerpt, example = copy_texts(page)
    assert first == "import numpy as np\nx = np.ones(3)"
    # x comes from the first block, which must run; np only needs its import
    assert second == "import numpy as np\nx = np.ones(3)\n\ny = 2 * x\nnp.sum(y).item()"
    assert excerpt is None  # an excerpt of a function body cannot run alone: no button
    # the docstring's doctest ran in its module's namespace
    assert example == "import numpy as np\nfrom dlref.activations import sigmoid\n\nsigmoid(np.array([0.0])).tolist()"
    for text in (second, example):
        exec(compile(text, "copy", "exec"), {})


# ---------------------------------------------------------------------------------------------
# Reference entries embedded in note pages, and the weight of every page.


def test_embedded_entries_link_to_their_full_entry_in_the_api_reference(site):
    linked = 0
    for page in sorted(site.glob("course-*/*/index.html")):
        html = page.read_text(encoding="utf-8")
        entries = html.count('<div class="doc doc-object')
        links = re.findall(r'<p class="doc-full-entry"><a href="([^"#]+)#(dlref\.[\w.]+)">', html)
        assert len(links) == entries, page  # one link per embedded entry
        assert "<summary>Notes</summary>" not in html and "doc-section-title\">Examples:" not in html, page
        for href, anchor in links:
            target = (page.parent / href / "index.html").resolve()
            assert target.is_relative_to(site / "api"), (page, href)
            full = target.read_text(encoding="utf-8")
            assert f'id="{anchor}"' in full, (page, href, anchor)
            linked += 1
    assert linked > 150
    full = (site / "api" / "logistic_regression" / "index.html").read_text(encoding="utf-8")
    assert "<summary>Notes</summary>" in full and "Examples:" in full and "doc-full-entry" not in full


def test_embed_entries_drops_notes_and_examples_and_links_the_full_entry():
    from hooks import embed_entries

    entry = ('<div class="doc doc-object doc-function"><h3 id="dlref.x.f">f</h3>'
             '<div class="doc doc-contents first"><p>Summary.</p>'
             '<details class="note" open>\n  <summary>Notes</summary>\n<p>Formula.</p>\n</details>\n'
             '<p><span class="doc-section-title">Examples:</span></p><div class="highlight">ex</div>'
             "</div></div>")
    out = embed_entries(f"<p>Before.</p>{entry}<p>After.</p>", lambda path: f"../../api/x/#{path}")
    assert out == ('<p>Before.</p><div class="doc doc-object doc-function"><h3 id="dlref.x.f">f</h3>'
                   '<div class="doc doc-contents first"><p>Summary.</p>'
                   '<p class="doc-full-entry"><a href="../../api/x/#dlref.x.f">'
                   "Notes, example and full entry in the API reference</a></p>\n</div></div><p>After.</p>")


def test_collapse_whitespace_keeps_what_a_reader_sees():
    from hooks import collapse_whitespace

    page = '<td>\n      <code>a  b</code>\n    </td>  <pre>  x\n\n  y</pre>\n\n<p>one  two</p>   <b>c</b>'
    assert collapse_whitespace(page) == '<td>\n<code>a  b</code>\n</td> <pre>  x\n\n  y</pre>\n<p>one  two</p> <b>c</b>'


def test_share_styles_moves_katex_inline_styles_into_one_sheet(katex):
    page = render_math('<article class="md-content__inner md-typeset"><p><span class="arithmatex">\\(x^{[l]} + y^{[l]}\\)'
                       '</span> <span style="color:red">mine</span></p></article>', katex)
    from katex_render import share_styles

    shared = share_styles(page)
    html_part = re.search(r'<span class="katex-html".*', shared, re.DOTALL)[0]
    assert ' style="' not in html_part.replace('<span style="color:red">', "")  # KaTeX's styles are gone
    assert '<span style="color:red">mine</span>' in shared  # other markup is left alone
    sheet = re.search(r"<style>(.*?)</style>", shared)[1]
    rules = dict(re.findall(r"\.(kx[0-9a-f]+)\{([^}]*)\}", sheet))
    styles = re.findall(r' style="([^"]*)"', re.search(r'<span class="katex-html".*?(?=<span style="color)', page, re.DOTALL)[0])
    assert len(rules) == len(set(styles)) < len(styles)  # each distinct style declared once
    for style in set(styles):  # with the same declarations, each made as strong as an inline style
        assert f"{{{';'.join(d + '!important' for d in style.rstrip(';').split(';'))}}}" in sheet
    assert shared.index("<style>") == shared.index("<article") + len('<article class="md-content__inner md-typeset">')
    assert "<math" in shared and shared.count("<math") == page.count("<math")


def test_each_split_page_sends_links_to_its_moved_sections_to_the_part_that_holds_them(site):
    from moved_sections import MOVED, moved_targets, page_html, targets

    for first, parts in MOVED.items():
        html = page_html(site, first).read_text(encoding="utf-8")
        script = re.search(r"<script data-moved-sections>\(function\(\)\{var m=(\{.*?\}),h=", html)
        assert script, first
        table = json.loads(script[1])
        assert table == moved_targets(site, first, parts) and table, first  # the table the build computed
        here = targets(html)
        for target, url in table.items():
            assert target not in here  # only sections that left the page
            part = (page_html(site, first).parent / url / "index.html").resolve()
            assert target in targets(part.read_text(encoding="utf-8")), (first, target, url)
        for part in parts:  # every section of a later part is reachable from the old address
            assert targets(page_html(site, part).read_text(encoding="utf-8")) - here <= table.keys(), part
