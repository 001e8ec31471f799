"""MkDocs hooks for the dlref site (a thin layer; the work is done in plain functions).

- ``on_files`` adds KaTeX's stylesheet and fonts from its npm package, and the figures drawn
  from dlref by :mod:`figures`, to the build. None of them is committed.
- ``on_post_page`` renders every formula to HTML with KaTeX (:mod:`katex_render`); a formula
  KaTeX cannot parse fails the build and names the page. It runs on the finished page, after
  the search index and the cross-reference scan have read the short TeX source rather than
  KaTeX's much longer markup (which made the scan several times slower).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import figures
from katex_render import KATEX_DIST, KatexRenderer, MathError, render_math

_renderer: KatexRenderer | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not (KATEX_DIST / "katex.min.css").exists():
        raise PluginError(f"KaTeX is missing from {KATEX_DIST}: run `make serve` or `make test` to install it")
    assets = [KATEX_DIST / "katex.min.css", *sorted((KATEX_DIST / "fonts").iterdir())]
    for path in assets:
        uri = "assets/katex/" + path.relative_to(KATEX_DIST).as_posix()
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    for name, svg in figures.draw_all().items():
        files.append(File.generated(config, f"figures/{name}.svg", content=svg))
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    global _renderer
    if _renderer is None:
        _renderer = KatexRenderer()
    try:
        return render_math(output, _renderer)
    except MathError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc


def on_shutdown() -> None:
    global _renderer
    if _renderer is not None:
        _renderer.close()
        _renderer = None
