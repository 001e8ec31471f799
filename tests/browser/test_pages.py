"""Every page at a phone's width (390 px), 1400 and 1920 px, and in dark mode, in Chromium.

Each page fails on: a page wider than the viewport; a figure that did not load; a formula and
code block whose children overlap, leave the block, or read out of order; a display formula
that scrolls without showing it (a scroll shadow); and, at 1400 px and wider, a display
formula or a code line beside a formula that does not fit its box.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

WIDTHS = [390, 1400, 1920]

# Returns a list of problems, each a short string naming the element.
PROBLEMS = r"""
(wide) => {
  const problems = [];
  const name = (el) => {
    const block = el.closest(".formula-code, .highlight, figure, p, table") || el;
    const heading = [...document.querySelectorAll("h1, h2, h3")].filter(
      (h) => h.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    return `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} after "${heading ? heading.textContent.trim().split("\n")[0].replace(/¶$/, "") : "top"}"`;
  };
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px viewport`);
  for (const img of document.querySelectorAll(".md-content img")) {
    if (!img.complete || img.naturalWidth === 0) problems.push(`figure not loaded: ${img.getAttribute("src")}`);
  }
  for (const block of document.querySelectorAll(".md-typeset .formula-code")) {
    const box = block.getBoundingClientRect();
    const kids = [...block.children].map((el) => [el, el.getBoundingClientRect()]);
    for (const [el, r] of kids) {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        problems.push(`leaves its formula-code block: ${name(el)}`);
    }
    for (let i = 1; i < kids.length; i++) {
      const [, a] = kids[i - 1], [el, b] = kids[i];
      const below = b.top >= a.bottom - 1;
      const beside = b.left >= a.right - 1 && kids.length === 2;
      if (!below && !beside) problems.push(`overlaps or reads out of order: ${name(el)}`);
    }
  }
  for (const math of document.querySelectorAll(".md-typeset div.arithmatex")) {
    const style = getComputedStyle(math);
    if (math.scrollWidth > math.clientWidth + 1 && !(style.overflowX === "auto" && style.backgroundImage.includes("gradient")))
      problems.push(`display formula overflows without a scroll shadow: ${name(math)}`);
  }
  if (wide) {
    for (const math of document.querySelectorAll(".md-typeset div.arithmatex")) {
      if (math.scrollWidth > math.clientWidth + 1)
        problems.push(`display formula cut or scrolling (${math.scrollWidth} > ${math.clientWidth}px): ${name(math)}`);
    }
    for (const code of document.querySelectorAll(".md-typeset .formula-code pre > code")) {
      if (code.scrollWidth > code.clientWidth + 1)
        problems.push(`code line does not fit (${code.scrollWidth} > ${code.clientWidth}px): ${name(code)}`);
    }
  }
  return problems;
}
"""


def check_every_page(browser: Browser, site_url: str, paths: list[str], width: int, scheme: str) -> dict[str, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page: Page = context.new_page()
    found = {}
    try:
        for path in paths:
            page.goto(site_url + path, wait_until="load")
            if scheme == "dark":
                assert page.get_attribute("body", "data-md-color-scheme") == "slate", path
            problems = page.evaluate(PROBLEMS, width >= 1400)
            if problems:
                found[path or "(home)"] = problems
    finally:
        context.close()
    return found


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}: {problem}" for path, problems in found.items() for problem in problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_reads_at_every_width(browser, site_url, page_paths, width):
    found = check_every_page(browser, site_url, page_paths, width, "light")
    assert not found, report(found)


@pytest.mark.parametrize("width", [390, 1400])
def test_every_page_reads_in_dark_mode(browser, site_url, page_paths, width):
    found = check_every_page(browser, site_url, page_paths, width, "dark")
    assert not found, report(found)
