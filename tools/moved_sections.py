"""Sections that moved to a page of their own when a long page was split.

Each page below kept its URL and its first sections; the others went to the pages listed with
it. A link made before the split, such as ``course-1/shallow-networks/#backward-propagation``,
still opens the first page, whose section is gone. After the build, `add_redirects` gives each
first page a few lines of script: when the address names a section that is not on the page but
on one of its later parts, the browser goes there instead. A server redirect cannot do this,
since the part after ``#`` never reaches the server.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

MOVED = {
    "course-1/logistic-regression.md": ["course-1/logistic-regression-gradient-descent.md"],
    "course-1/shallow-networks.md": ["course-1/shallow-networks-gradients.md", "course-1/shallow-networks-training.md"],
    "course-1/deep-networks.md": ["course-1/deep-networks-building-blocks.md", "course-1/deep-networks-training.md"],
    "course-2/optimization-algorithms.md": ["course-2/optimization-rmsprop-adam.md"],
    "course-2/batch-normalization.md": ["course-2/batch-normalization-network.md"],
    "course-5/recurrent-neural-networks.md": ["course-5/bidirectional-deep-rnns.md"],
    "course-5/gru-lstm.md": ["course-5/lstm.md"],
    "errata.md": ["errata-courses-2-5.md"],
}

# the targets a link can name: headings, and the API entries mkdocstrings renders (id "dlref.module.name")
_TARGET = re.compile(r'<h[1-6][^>]*?\sid="([^"]+)"|\sid="(dlref\.[\w.]+)"')
_MARK = "<script data-moved-sections>"


def page_html(site: Path, source: str) -> Path:
    """The built file of a page, ``docs/x/y.md`` -> ``site/x/y/index.html``."""
    return site / source.removesuffix(".md") / "index.html"


def targets(html: str) -> set[str]:
    """The ids of a page's headings and API entries."""
    return {heading or entry for heading, entry in _TARGET.findall(html)}


def moved_targets(site: Path, first: str, parts: list[str]) -> dict[str, str]:
    """Each target of a later part that is not on the first page, to that part's URL relative to the first."""
    here = targets(page_html(site, first).read_text(encoding="utf-8"))
    moved: dict[str, str] = {}
    for part in parts:  # every part sits in the first page's folder
        url = "../" + Path(part).stem + "/"
        for target in sorted(targets(page_html(site, part).read_text(encoding="utf-8")) - here):
            moved.setdefault(target, url)
    return moved


def redirect_script(moved: dict[str, str]) -> str:
    """A script that sends an address naming a moved target to the page that now holds it."""
    table = json.dumps(moved, separators=(",", ":"))
    return (f'{_MARK}(function(){{var m={table},h=decodeURIComponent(location.hash.slice(1));'
            "if(h&&m[h]&&!document.getElementById(h))location.replace(m[h]+location.hash);})();</script>")


def add_redirects(site: Path) -> None:
    """Give every first page of `MOVED` its redirect script, once (a rebuild writes the page anew)."""
    for first, parts in MOVED.items():
        path = page_html(site, first)
        html = path.read_text(encoding="utf-8")
        if _MARK in html:
            continue
        path.write_text(html.replace("</body>", redirect_script(moved_targets(site, first, parts)) + "</body>", 1),
                        encoding="utf-8")
