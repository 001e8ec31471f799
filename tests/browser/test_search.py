"""Search in Chromium: the first visit does not fetch the index, opening search does, and a
search for "momentum" shows formulas as text."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import page_weight  # noqa: E402


def test_first_visit_of_the_home_page_is_within_budget_and_search_works(browser, site_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    loaded: dict[str, int] = {}
    page.on("requestfinished", lambda request: loaded.__setitem__(request.url, request.sizes()["responseBodySize"]))
    try:
        page.goto(site_url, wait_until="networkidle")
        assert not [url for url in loaded if url.endswith("search_index.json")]
        assert sum(loaded.values()) <= page_weight.HOME_BUDGET, loaded

        search = page.locator("input[data-md-component=search-query]")
        search.click()  # at 1400 px the search field is in the header
        search.fill("momentum")
        first = page.locator(".md-search-result__item").first
        first.wait_for(timeout=15_000)
        assert [url for url in loaded if url.endswith("search_index.json")]
        text = first.inner_text()
        assert "momentum" in text.lower()
        assert "\\" not in text, text
    finally:
        context.close()
