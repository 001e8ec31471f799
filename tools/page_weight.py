"""Weigh a built site against its budgets (bytes, uncompressed).

    python tools/page_weight.py [SITE_DIR]     # default: site/

- The home page plus everything a first visit loads: its HTML, stylesheets, scripts, images,
  the search worker that Material starts on every page, the KaTeX fonts its formulas use, and
  the search index unless the page defers it until the reader opens search. At most 500 KB.
- Each page's HTML: at most 250 KB. The report splits off KaTeX's markup (HTML and MathML for
  every formula), which is most of every large page.

Exit status 1 when a budget is exceeded. The tests import the functions.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

from katex_render import element_spans

HOME_BUDGET = 500_000
PAGE_BUDGET = 250_000

_REFS = re.compile(
    r'<link\b[^>]*\brel="(?:stylesheet|icon)"[^>]*\bhref="(?P<href>[^"]+)"'
    r'|<script\b[^>]*\bsrc="(?P<src>[^"]+)"'
    r'|<img\b[^>]*\bsrc="(?P<img>[^"]+)"'
)
# KaTeX's fonts, by the classes of its markup that use them (the main and math italic
# fonts are used by nearly every formula)
_KATEX_FONTS = {
    "katex": ["KaTeX_Main-Regular", "KaTeX_Math-Italic"],
    "mathbf": ["KaTeX_Main-Bold"], "boldsymbol": ["KaTeX_Math-BoldItalic"],
    "textit": ["KaTeX_Main-Italic"], "mathit": ["KaTeX_Main-Italic"], "amsrm": ["KaTeX_AMS-Regular"],
    "mathbb": ["KaTeX_AMS-Regular"], "mathcal": ["KaTeX_Caligraphic-Regular"],
    "mathsf": ["KaTeX_SansSerif-Regular"], "mathtt": ["KaTeX_Typewriter-Regular"],
    "size1": ["KaTeX_Size1-Regular"], "size2": ["KaTeX_Size2-Regular"],
    "size3": ["KaTeX_Size3-Regular"], "size4": ["KaTeX_Size4-Regular"],
    "delimsizing": ["KaTeX_Size1-Regular", "KaTeX_Size2-Regular"],
}


def _local(site: Path, page: Path, url: str) -> Path | None:
    if urlparse(url).scheme or url.startswith("//"):
        return None
    rel = urljoin(page.relative_to(site).as_posix(), url.split("#")[0].split("?")[0])
    path = site / rel
    return path if path.is_file() else None


def first_visit(site: Path, page: Path) -> dict[str, int]:
    """Bytes of every file a first visit of ``page`` loads, by path relative to ``site``."""
    html = page.read_text(encoding="utf-8")
    loads = {page: page.stat().st_size}
    for match in _REFS.finditer(html):
        url = match["href"] or match["src"] or match["img"]
        path = _local(site, page, url)
        if path is not None:
            loads[path] = path.stat().st_size
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL)
    if config:
        worker = _local(site, page, json.loads(config[1]).get("search") or "")
        if worker is not None:  # Material starts the search worker on every page
            loads[worker] = worker.stat().st_size
        if "search-on-demand.js" not in html:  # otherwise fetched when the reader opens search
            index = site / "search" / "search_index.json"
            loads[index] = index.stat().st_size
    if 'class="katex"' in html:
        classes = set(re.findall(r'class="([^"]*)"', html))
        used = {token for names in classes for token in names.split()}
        for token, fonts in _KATEX_FONTS.items():
            if token in used:
                for font in fonts:
                    path = site / "assets" / "katex" / "fonts" / f"{font}.woff2"
                    if path.exists():
                        loads[path] = path.stat().st_size
    return {path.relative_to(site).as_posix(): size for path, size in loads.items()}


def katex_bytes(html: str) -> int:
    """Bytes of KaTeX's markup (every ``<span class="katex">`` element) in ``html``."""
    return sum(end - start for start, end in element_spans(html, re.compile(r'<span class="katex">'), "span"))


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def report(site: Path) -> bool:
    """Print the weights; return whether every budget holds."""
    home = first_visit(site, site / "index.html")
    total = sum(home.values())
    ok = total <= HOME_BUDGET
    print(f"home page, first visit: {total / 1000:.0f} KB (budget {HOME_BUDGET / 1000:.0f} KB)")
    for path, size in sorted(home.items(), key=lambda item: -item[1]):
        print(f"  {size / 1000:7.1f} KB  {path}")
    index = site / "search" / "search_index.json"
    if index.exists():
        print(f"search index (fetched when search opens): {index.stat().st_size / 1000:.0f} KB")
    print(f"page HTML (budget {PAGE_BUDGET / 1000:.0f} KB), largest first:   total   KaTeX markup")
    for page in sorted(pages(site), key=lambda p: -p.stat().st_size):
        size = page.stat().st_size
        over = size > PAGE_BUDGET
        ok &= not over
        if over or size > PAGE_BUDGET / 2:
            math = katex_bytes(page.read_text(encoding="utf-8"))
            flag = "  over" if over else ""
            print(f"  {page.relative_to(site).as_posix():48} {size / 1000:6.0f} KB {math / 1000:6.0f} KB{flag}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if report(Path(sys.argv[1] if len(sys.argv) > 1 else "site")) else 1)
