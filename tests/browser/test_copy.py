"""Copy buttons: a click copies the block's source; every block's copy runs on its own."""

from __future__ import annotations

import html
import re

from test_site import python_copies, run_each_on_its_own, shown_errors

RECORD_COPY = """
document.addEventListener("copy", (event) => {
  const el = event.target;
  window.copied = el && "value" in el ? el.value.slice(el.selectionStart, el.selectionEnd)
                                      : String(document.getSelection());
}, true);
"""


def test_clicking_copy_on_a_doctest_block_copies_its_source_only(browser, site_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(RECORD_COPY)
    page = context.new_page()
    try:
        page.goto(site_url + "course-2/batch-normalization/", wait_until="load")
        block = page.locator("div.language-python.highlight", has_text=">>> with_bias").first
        expected = block.get_attribute("data-copy")
        assert expected and "with_bias, _ = batchnorm_forward(Z + b, gamma, beta)" in expected
        assert ">>>" not in expected and "\nTrue" not in expected
        block.hover()
        block.locator("button.md-code__button[data-md-type=copy]").click()
        page.wait_for_function("window.copied !== undefined")
        assert page.evaluate("window.copied") == expected
    finally:
        context.close()


def test_what_the_copy_button_gives_for_every_block_runs_on_its_own(site_dir):
    copies = python_copies(site_dir)
    assert len(copies) > 100
    assert run_each_on_its_own(copies, shown_errors(site_dir)) == {}


def test_every_python_block_on_the_pages_has_a_copy_text_or_no_button(site_dir):
    for page in site_dir.rglob("*.html"):
        for match in re.finditer(r'<div class="([^"]*language-py(?:thon|con)[^"]*)"([^>]*)>', page.read_text()):
            assert "no-copy" in match[1] or "data-copy=" in match[2], (page, html.unescape(match[0]))
