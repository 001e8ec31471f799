"""A link made before a page was split still reaches its section (tools/moved_sections.py)."""

from __future__ import annotations

import pytest

# (old address, the page and the section it must end on): a heading, an API entry, an errata section
OLD_LINKS = [
    ("course-1/shallow-networks/#backward-propagation", "course-1/shallow-networks-gradients/", "backward-propagation"),
    ("course-5/gru-lstm/#dlref.lstm.lstm_backward", "course-5/lstm/", "dlref.lstm.lstm_backward"),
    ("errata/#course-5-sequence-models", "errata-courses-2-5/", "course-5-sequence-models"),
]


@pytest.mark.parametrize("old, new, section", OLD_LINKS)
def test_an_old_link_to_a_moved_section_lands_on_it(browser, site_url, old, new, section):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(site_url + old)
        page.wait_for_url(site_url + new + "#" + section)
        assert page.evaluate(f"document.getElementById({section!r}) !== null")
    finally:
        page.close()


def test_a_link_to_a_section_still_on_the_first_page_stays_there(browser, site_url):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(site_url + "course-1/shallow-networks/#dlref.shallow_network.forward_propagation")
        page.wait_for_timeout(300)
        assert page.url == site_url + "course-1/shallow-networks/#dlref.shallow_network.forward_propagation"
    finally:
        page.close()
