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
    rendered = (site / "course-1" / "logistic-regression" / "index.html").read_text(encoding="utf-8")
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
        if path.name == "errata.md":
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
