"""MkDocs hooks for the dlref site (a thin layer; the work is done in plain functions).

- ``on_files`` adds KaTeX's stylesheet and fonts from its npm package, and the figures drawn
  from dlref by :mod:`figures`, to the build. None of them is committed.
- ``on_env`` waits for the figures, which are drawn in background processes while MkDocs reads
  the pages, just before MkDocs copies them to the site.
- ``on_page_content`` trims the reference entries that a note page embeds (:func:`embed_entries`):
  their Notes repeat the formulas the page shows beside the code, so they are left to the full
  entry in the API reference, which each embedded entry links to.
- ``on_post_page`` renders every formula to HTML with KaTeX (:mod:`katex_render`); a formula
  KaTeX cannot parse fails the build and names the page. It runs on the finished page, after
  the search index and the cross-reference scan have read the short TeX source rather than
  KaTeX's much longer markup (which made the scan several times slower). It then sets what each
  code block's copy button copies (:func:`set_copy_text`), keeps shape tuples such as
  ``(n_prev, m)`` on one line, and defers the search index until the reader opens search.
- ``on_post_build`` rewrites the search index (:func:`compact_search_index`): formulas as
  readable text instead of TeX, no code listings, each reference entry once.
"""

from __future__ import annotations

import ast
import builtins
import html as html_lib
import importlib
import json
import re
import types
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import figures
from katex_render import KATEX_DIST, KatexRenderer, MathError, element_spans, render_math, share_styles, tex_to_text
from moved_sections import add_redirects

_renderer: KatexRenderer | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not (KATEX_DIST / "katex.min.css").exists():
        raise PluginError(f"KaTeX is missing from {KATEX_DIST}: run `make serve` or `make test` to install it")
    assets = [KATEX_DIST / "katex.min.css", *sorted((KATEX_DIST / "fonts").iterdir())]
    for path in assets:
        uri = "assets/katex/" + path.relative_to(KATEX_DIST).as_posix()
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    paths, _figures["wait"] = figures.start_drawing()  # drawn while the pages are read; see on_env
    for name, path in paths.items():
        files.append(File.generated(config, f"figures/{name}.svg", abs_src_path=str(path)))
    return files


_figures: dict[str, Callable[[], None]] = {}


def on_env(env, config: MkDocsConfig, files: Files):
    """Wait for the figures: the build copies them to the site next."""
    _figures.pop("wait", lambda: None)()
    return env


_api_pages: dict[str, str] = {}  # module ("dlref.x") -> URL of its API page ("api/x/")


def on_nav(nav, config: MkDocsConfig, files: Files):
    _api_pages.clear()
    for file in files.documentation_pages():
        if file.src_uri.startswith("api/"):
            for module in re.findall(r"^::: (dlref[\w.]*)$", file.content_string, re.MULTILINE):
                _api_pages[module] = file.url
    return nav


@event_priority(50)  # before the search index and the cross-references read the page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.file.src_uri.startswith("course-"):
        return html
    try:
        return embed_entries(html, lambda path: get_relative_url(api_url(path), page.url))
    except KeyError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc.args[0]}") from exc


def api_url(path: str) -> str:
    """URL of the full entry of ``path`` (``dlref.x.f``): its module's API page and its anchor."""
    parts = path.split(".")
    for end in range(len(parts) - 1, 0, -1):
        module = ".".join(parts[:end])
        if module in _api_pages:
            return f"{_api_pages[module]}#{path}"
    raise KeyError(f"{path} is shown on the page but no API page documents its module")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    global _renderer
    if _renderer is None:
        _renderer = KatexRenderer()
    try:
        output = share_styles(render_math(output, _renderer))
    except MathError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc
    try:
        output = set_copy_text(output)
    except SyntaxError as exc:
        raise PluginError(f"{page.file.src_uri}: a Python block does not parse: {exc}") from exc
    return collapse_whitespace(defer_search_index(keep_tuples_together(output)))


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    add_redirects(Path(config.site_dir))  # links to sections that moved when a page was split
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.exists():
        index = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(compact_search_index(index), ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")


def on_shutdown() -> None:
    global _renderer
    if _renderer is not None:
        _renderer.close()
        _renderer = None


# ---------------------------------------------------------------------------------------------
# Copy buttons. Material copies the `data-copy` attribute of the nearest element that has one,
# else the block's text; so the build decides what each button copies.

CODE_BLOCK = re.compile(
    r'<div class="(?P<cls>[^"]*\bhighlight)"(?P<attrs>[^>]*)>(?P<title><span class="filename">[^<]*</span>)?'
    r"<pre>(?P<pre>.*?)</pre></div>",
    re.DOTALL,
)
_DOC_OBJECT = re.compile(r'<div class="doc doc-object\b')
_BUILTINS = set(dir(builtins))


def block_text(pre: str) -> str:
    """The text of a highlighted block's ``<pre>`` contents, as the browser shows it."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", pre)).rstrip("\n")


def doctest_source(text: str) -> str:
    """The source lines of a ``>>>`` session, without prompts and without its output."""
    lines, in_source = [], False
    for line in text.splitlines():
        if line.startswith(">>> ") or line == ">>>":
            lines.append(line[4:])
            in_source = True
        elif in_source and (line.startswith("... ") or line == "..."):
            lines.append(line[4:])
        else:
            in_source = False  # output, which may itself be "..." under ELLIPSIS
    return "\n".join(lines)


def is_doctest(text: str) -> bool:
    return text.lstrip().startswith(">>>")


def _names(source: str) -> tuple[dict[str, str | None], set[str]]:
    """The names the code binds, each with the import statement that binds it (None when an
    assignment or a definition does), and the names it reads without binding (builtins aside)."""
    tree = ast.parse(source)
    bound: dict[str, str | None] = {}
    read: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                read.add(node.id)
            else:
                bound[node.id] = None
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound[node.name] = None
        elif isinstance(node, ast.arg):
            bound[node.arg] = None
    for node in tree.body:  # imports at the top level of the block can be copied on their own
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                name = (alias.asname or alias.name).split(".")[0]
                bound.setdefault(name, ast.unparse(ast.Import([alias]) if isinstance(node, ast.Import)
                                                   else ast.ImportFrom(node.module, [alias], node.level)))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound.setdefault((alias.asname or alias.name).split(".")[0], None)
    return bound, read - set(bound) - _BUILTINS


def _doc_object_spans(page: str) -> list[tuple[int, int, str]]:
    """Start, end and object path (``dlref.x.f``) of every mkdocstrings entry, nested ones too."""
    spans = []
    for start, end in element_spans(page, _DOC_OBJECT, "div"):
        heading = re.search(r'id="([\w.]+)"', page[start : start + 300])
        spans.append((start, end, heading[1] if heading else ""))
    return spans


def _module_imports(path: str, names: set[str]) -> list[str]:
    """Imports that give a docstring example the names its doctest took from the module."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        try:
            module = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        lines = []
        for name in sorted(names):
            value = getattr(module, name, None)
            if value is None:
                continue
            if isinstance(value, types.ModuleType):
                lines.append(f"import {value.__name__}" + ("" if value.__name__ == name else f" as {name}"))
            else:
                lines.append(f"from {module.__name__} import {name}")
        return sorted(lines, key=lambda line: not line.startswith("import"))
    return []


def copy_texts(page: str) -> list[str | None]:
    """What each code block of ``page`` should copy: runnable Python, or None for no button.

    A block may read names that an earlier block of its session bound: the blocks of a page
    share one namespace under Sybil, and a docstring's example runs in its module's namespace.
    Its copy then starts with what makes it run in a fresh interpreter: the imports that bound
    those names (from the module, for a docstring), or the earlier blocks that assigned them.
    """
    spans = _doc_object_spans(page)
    sessions: dict[int, list[tuple[dict[str, str | None], set[str], str]]] = {}
    out: list[str | None] = []
    for match in CODE_BLOCK.finditer(page):
        title = html_lib.unescape(re.sub(r"<[^>]+>", "", match["title"] or ""))
        if "doc-signature" in match["cls"] or title.startswith("dlref/"):
            out.append(None)  # a signature or an excerpt of a function body: read, not run
            continue
        if "language-python" not in match["cls"] and "language-pycon" not in match["cls"]:
            out.append(block_text(match["pre"]))
            continue
        text = block_text(match["pre"])
        source = doctest_source(text) if is_doctest(text) else text
        bound, free = _names(source)
        owner = max((s for s in spans if s[0] <= match.start() < s[1]), default=None)
        session = sessions.setdefault(owner[0] if owner else -1, [])
        imports: list[str] = []
        blocks: list[str] = []
        needed = set(free)
        for e_bound, e_free, e_source in reversed(session):
            names = needed & set(e_bound)
            if not names:
                continue
            statements = {e_bound[name] for name in names}
            if None in statements:  # assigned there: the whole block is needed
                blocks.insert(0, e_source)
                needed = (needed - set(e_bound)) | e_free
            else:
                imports[:0] = sorted(statements - set(imports))  # type: ignore[arg-type]
                needed -= names
        if owner and needed:
            imports[:0] = _module_imports(owner[2], needed)
        session.append((bound, free, source))
        head = "\n".join(dict.fromkeys(imports))
        out.append("\n\n".join(part for part in [head, *blocks, source] if part).strip("\n"))
    return out


def set_copy_text(page: str) -> str:
    """Mark each code block with what its copy button copies (``data-copy``) or ``no-copy``."""
    texts = iter(copy_texts(page))

    def mark(match: re.Match[str]) -> str:
        text = next(texts)
        start, end = match.span("attrs")
        base = match.start()
        if text is None:
            head = f'<div class="{match["cls"]} no-copy"'
        else:
            head = f'<div class="{match["cls"]}" data-copy="{html_lib.escape(text, quote=True)}"'
        return head + match[0][start - base :]

    return CODE_BLOCK.sub(mark, page)


# ---------------------------------------------------------------------------------------------
# Reference entries embedded in a note page. The page shows each formula beside the lines that
# compute it, and the entry's Notes show the same formula again (KaTeX's markup of a formula is
# several kilobytes); the embedded entry keeps its signature, summary, parameters, returns and
# errors, and ends with a link to the full entry (notes and example) in the API reference.

_NOTES = re.compile(r'<details class="note" open>\s*<summary>Notes</summary>.*?</details>\s*', re.DOTALL)
_EXAMPLES = '<p><span class="doc-section-title">Examples:</span></p>'
FULL_ENTRY = "Notes, example and full entry in the API reference"


def _top_level(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    top: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        if not (top and span[0] < top[-1][1]):
            top.append(span)
    return top


def embed_entries(page: str, link: Callable[[str], str]) -> str:
    """``page`` with each mkdocstrings entry trimmed to what the page does not already show.

    Each entry (``dlref.x.f``) loses its Notes and its Examples and ends with a link to
    ``link("dlref.x.f")``, its full entry. A docstring's Notes hold no headings, so no anchor goes with them.
    """
    out, last = [], 0
    for start, end, path in _top_level(_doc_object_spans(page)):
        entry = _NOTES.sub("", page[start:end])
        close = entry.rfind("</div>", 0, len(entry) - len("</div>"))  # the end of its doc-contents
        examples = entry.find(_EXAMPLES, 0, close)  # the last section, as numpydoc orders them
        cut = close if examples < 0 else examples
        href = html_lib.escape(link(path), quote=True)
        entry = (entry[:cut] + f'<p class="doc-full-entry"><a href="{href}">{FULL_ENTRY}</a></p>\n'
                 + entry[close:])
        out += [page[last:start], entry]
        last = end
    return "".join(out) + page[last:]


# ---------------------------------------------------------------------------------------------
# Shapes such as `ndarray of shape (n_prev, m)` may wrap between words, never inside the tuple.

_INLINE_CODE = re.compile(r"(?<!<span></span>)<code>([^<]*)</code>")
# a shape: "(n_prev, m)" after "shape ", or a code span that is only a shape, "(n[l], n[l-1])"
_TUPLE = re.compile(r"(?:(?<=shape )|^)\((?:[\w\[\]+\-]+, ){1,3}[\w\[\]+\-]+\)")


def keep_tuples_together(page: str) -> str:
    def inline(match: re.Match[str]) -> str:
        body = _TUPLE.sub(lambda t: f'<span class="nowrap">{t[0]}</span>', match[1])
        return f"<code>{body}</code>"

    return _INLINE_CODE.sub(inline, page)


# ---------------------------------------------------------------------------------------------
# The templates indent their markup deeply; between two tags a run of spaces and newlines shows as
# one space (or nothing) just as a single newline does, except where whitespace is kept as written.

_KEEPS_WHITESPACE = re.compile(r"<(pre|code|textarea|script|style)\b.*?</\1>", re.DOTALL)
# a part of the page between kept elements starts after a tag and ends before one
_BETWEEN_TAGS = re.compile(r"(?:(?<=>)|^)(\s{2,})(?=<|$)")


def collapse_whitespace(page: str) -> str:
    """``page`` with each whitespace run between two tags cut to one character (a newline if it
    held one), outside ``pre``, ``code``, ``textarea``, ``script`` and ``style`` elements."""

    def collapse(text: str) -> str:
        return _BETWEEN_TAGS.sub(lambda m: "\n" if "\n" in m[1] else " ", text)

    out, last = [], 0
    for match in _KEEPS_WHITESPACE.finditer(page):
        out += [collapse(page[last : match.start()]), match[0]]
        last = match.end()
    return "".join(out) + collapse(page[last:])


# ---------------------------------------------------------------------------------------------
# Search.

_BUNDLE = re.compile(r'<script src="(?P<base>(?:\.\./)*)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def defer_search_index(page: str) -> str:
    """Load ``javascripts/search-on-demand.js`` just before Material's bundle (see that file)."""
    return _BUNDLE.sub(lambda m: f'<script src="{m["base"]}javascripts/search-on-demand.js"></script>{m[0]}',
                       page, count=1)


_MATH_IN_INDEX = re.compile(r"\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\]", re.DOTALL)
_TABLE_HEADS = re.compile(r"\b(?:Name Type Description Default|Name Type Description|Type Description)\b ?")


def search_text(text: str) -> str:
    """An index entry's text as a reader reads it: math as text, no code listings, no markup."""
    text = re.sub(r"<pre\b.*?</pre>", " ", text, flags=re.DOTALL)

    def math(match: re.Match[str]) -> str:
        tex = html_lib.unescape(match["inline"] if match["inline"] is not None else match["display"])
        return html_lib.escape(tex_to_text(tex), quote=False)

    text = _MATH_IN_INDEX.sub(math, text)
    text = re.sub(r"<[^>]+>", "", text)
    text = _TABLE_HEADS.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def compact_search_index(index: dict) -> dict:
    """Material's search index without TeX, code listings or repeated reference entries.

    A content page shows the reference entries of its functions, which their API page shows
    too; each entry is kept once, on the API page (``api/…/#dlref.x.f``).
    """
    api_anchors = {doc["location"].partition("#")[2] for doc in index["docs"] if doc["location"].startswith("api/")}
    docs = []
    for doc in index["docs"]:
        anchor = doc["location"].partition("#")[2]
        if not doc["location"].startswith("api/") and anchor.startswith("dlref.") and anchor in api_anchors:
            continue
        text = search_text(doc["text"])
        if doc["location"].startswith("api/") and anchor.startswith("dlref."):
            text = reference_summary(text)
        docs.append({**doc, "title": search_text(doc["title"]), "text": text})
    return {**index, "docs": docs}


def reference_summary(text: str) -> str:
    """A reference entry's summary, parameters and returns: what a search for a name should show.

    Its errors, notes and examples stay on the page; the notes' formulas are indexed on the note
    page that shows them beside their code.
    """
    return re.split(r" (?:Raises|Notes|Examples|See Also):? ", text, maxsplit=1)[0]
