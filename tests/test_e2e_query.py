"""End to end, in headless Chromium: the query page keeps the results in view after Run, pages
long results, runs a canned query from its form; search finds a region by its code and shows
each hit's type; a mistyped address suggests the near miss. The fixtures (a live server, one
Chromium, a watched tab that fails on any foreign request, failure or console error) are
those of test_e2e_browser.py."""

# ruff: noqa: F811  (the imported fixtures are the tests' parameters)
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.test_e2e_browser import (  # noqa: F401  (fixtures)
    LANGKAT,
    Tab,
    browser,
    h1,
    server,
    tab,
)

SHORT_WINDOW = {"width": 1200, "height": 600}  # the editor alone fills most of it


def expected_failure(tab: Tab, url_part: str) -> None:
    """Forget the failed request a test asked for (and the console line it logs)."""
    tab.watch.failed[:] = [f for f in tab.watch.failed if url_part not in f]
    tab.watch.console_errors[:] = [e for e in tab.watch.console_errors if url_part not in e]


def scrolled(page: Page) -> float:
    return float(page.evaluate("window.scrollY"))


def test_run_brings_the_results_into_view(tab: Tab) -> None:
    page = tab.page
    page.set_viewport_size(SHORT_WINDOW)
    page.goto("/sparql")
    expect(page.locator("#query-codemirror")).to_be_visible()
    table = page.locator("#results-table")
    with page.expect_navigation():
        page.locator("#run-query").click()
    expect(table).to_be_visible()
    expect(page).to_have_url(re.compile(r"/sparql\?.*#answer$"))
    expect(table).to_be_in_viewport()
    expect(page.locator("#results-heading")).to_be_in_viewport()
    assert scrolled(page) > 0
    tab.shoot("query-results-in-view")


def test_ctrl_enter_brings_the_results_into_view(tab: Tab) -> None:
    page = tab.page
    page.set_viewport_size(SHORT_WINDOW)
    page.goto("/sparql")
    page.locator("#query-codemirror").click()
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    expect(page.locator("#results-table")).to_be_in_viewport()


def test_an_error_is_in_view_too(tab: Tab) -> None:
    page = tab.page
    page.set_viewport_size(SHORT_WINDOW)
    page.goto("/sparql")
    page.evaluate("document.querySelector('.CodeMirror').CodeMirror.setValue("
                  "'SELECT * WHERE {\\n  ?s ?p\\n}')")
    with page.expect_navigation():
        page.locator("#run-query").click()
    expect(page.locator("#query-error")).to_be_in_viewport()
    expected_failure(tab, "/sparql?query=SELECT+*+WHERE")


def test_long_results_page_by_page(tab: Tab) -> None:
    page = tab.page
    page.set_viewport_size(SHORT_WINDOW)
    page.goto("/sparql?lang=en")
    page.evaluate("document.querySelector('.CodeMirror').CodeMirror.setValue("
                  "'SELECT ?regency WHERE { ?regency a "
                  "<https://w3id.org/kotacerdas/ontology#Regency> } ORDER BY ?regency')")
    with page.expect_navigation():
        page.locator("#run-query").click()
    rows = page.locator("#results-table tbody tr")
    expect(rows).to_have_count(100)
    expect(page.locator("#result-count")).to_have_text("416 rows")
    first_page = rows.first.inner_text()
    page.locator("#result-pages").get_by_role("link", name="next \u203a").click()
    expect(page.locator("#result-pages")).to_contain_text("Rows 101\u2013200 of 416")
    expect(rows).to_have_count(100)
    assert rows.first.inner_text() != first_page
    expect(page.locator("#results-table")).to_be_in_viewport()
    page.locator("#result-pages").get_by_role("link", name="\u2039 previous").click()
    expect(rows.first).to_have_text(first_page)


def test_a_canned_query_runs_from_its_form(tab: Tab) -> None:
    page = tab.page
    page.goto("/sparql?lang=en")
    form = page.locator("#canned-form-innovations-of-region")
    form.get_by_label("Parameter ?region").select_option(label="Langkat Regency")
    with page.expect_navigation():
        form.get_by_role("button", name="Run with these parameters").click()
    table = page.locator("#results-table")
    expect(table).to_be_in_viewport()
    expect(table.get_by_role("cell", name="Bursa Kerja", exact=True).first).to_be_visible()
    rows = table.locator("tbody tr")
    assert rows.count() >= 1
    # Every row is Langkat's: the value was bound, not ignored.
    expect(rows.filter(has_not=page.locator(f"a[href$='{LANGKAT}']"))).to_have_count(0)
    expect(page.locator("#canned-form-innovations-of-region select")).to_have_value(
        "https://w3id.org/kotacerdas/region/12.05")
    tab.shoot("canned-form-results")


def test_search_by_region_code_shows_types(tab: Tab) -> None:
    page = tab.page
    page.goto("/")
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill("12.05")
    box.press("Enter")
    first = page.locator("#search-results > li").first
    expect(first.locator("a")).to_have_text("Kabupaten Langkat")
    expect(first.locator(".hit-type")).to_have_text("Kabupaten")
    first.locator("a").click()
    expect(h1(page)).to_have_text("Kabupaten Langkat")


def test_a_mistyped_address_suggests_the_near_miss(tab: Tab) -> None:
    page = tab.page
    response = page.goto("/region/12.5")
    assert response is not None
    assert response.status == 404
    expected_failure(tab, "/region/12.5")
    suggestion = page.locator("#suggestions > li > a").first
    expect(suggestion).to_have_text("Kabupaten Langkat")
    suggestion.click()
    expect(page).to_have_url(re.compile(re.escape(LANGKAT) + "$"))
