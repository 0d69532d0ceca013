"""Pages on a phone and the recurring-innovations network, in headless Chromium (issue 9).

At 375 px wide no page is wider than the screen: tables scroll sideways inside their own box.
The network of regions and kinds of innovation, drawn on the server as SVG, labels every node
readably, inside its picture. The language switch keeps what was asked. Fixtures (the live
server, the browser, the watched tab) are those of test_e2e_browser.py.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, expect

from tests.server_fixtures import LiveServer
from tests.test_e2e_browser import (  # noqa: F401  (fixtures, used by name)
    Tab,
    browser,
    server,
    tab,
    watched_context,
)

PHONE = {"width": 375, "height": 800}
NARROW_PAGES = [
    "/", "/list/kabupaten-kota", "/list/innovations", "/list/events", "/list/people",
    "/list/articles", "/list/quotations", "/list/inferred", "/region/12.05", "/region/31.71",
    "/region/12", "/innovation/12.05/bursa-kerja", "/dimension/smart-environment",
    "/event/2024/evaluasi-tahap-i/12.05", "/event/2018/opening",
    "/article/2024-langkat-evaluasi-tahap-i", "/org/kominfo", "/person/m-faisal-hasrimy",
    "/category/bank-sampah", "/category", "/recurring",
    "/category-assignment/12.05/bursa-kerja/bursa-kerja",
]
MIN_FONT_PX = 11  # what a label may not shrink below on screen


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_page_is_wider_than_a_phone(browser: Browser, server: LiveServer,  # noqa: F811
                                       lang: str) -> None:
    context, watch = watched_context(browser, server)
    wide = []
    try:
        page = context.new_page()
        page.set_viewport_size(PHONE)
        for path in NARROW_PAGES:
            page.goto(f"{path}?lang={lang}")
            found: dict[str, Any] = page.evaluate("""() => ({
                page: document.documentElement.scrollWidth,
                screen: window.innerWidth,
                loose: [...document.querySelectorAll('main table, main svg')]
                    .filter(t => !t.closest('.table-scroll, .figure-scroll'))
                    .map(t => t.tagName + (t.id ? '#' + t.id : '')),
                cut: [...document.querySelectorAll('.table-scroll, .figure-scroll')]
                    .filter(box => getComputedStyle(box).overflowX !== 'auto').length,
            })""")
            if found["page"] > found["screen"] or found["loose"] or found["cut"]:
                wide.append(f"{path}: {found}")
    finally:
        context.close()
    assert not wide, "\n".join(wide)
    assert not watch.problems(), watch.problems()


def test_a_wide_table_scrolls_inside_its_box(browser: Browser,  # noqa: F811
                                            server: LiveServer) -> None:  # noqa: F811
    context, _ = watched_context(browser, server)
    try:
        page = context.new_page()
        page.set_viewport_size(PHONE)
        page.goto("/list/inferred")
        box = page.locator(".table-scroll").first
        sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
        assert sizes[0] > sizes[1], sizes  # the table is wider than the screen ...
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        assert box.evaluate("b => b.scrollLeft") > 0  # ... and scrolls in its box
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


NODES = """() => {
    const svg = document.querySelector('figure.network svg');
    const view = svg.viewBox.baseVal;
    return [...svg.querySelectorAll('a.node')].map(a => {
        const text = a.querySelector('text');
        const circle = a.querySelector('circle');
        const box = text ? text.getBBox() : null;
        return {
            name: a.querySelector('title').textContent,
            label: text ? text.textContent : '',
            inside: !!box && box.x >= view.x && box.y >= view.y
                && box.x + box.width <= view.x + view.width
                && box.y + box.height <= view.y + view.height,
            circle: circle.cx.baseVal.value >= view.x
                && circle.cx.baseVal.value <= view.x + view.width,
            px: text ? text.getBoundingClientRect().height : 0,
            shown: !!text && getComputedStyle(text).visibility === 'visible'
                && getComputedStyle(text).display !== 'none',
            box: box ? [box.x, box.y, box.width, box.height] : null,
            kind: a.classList.contains('category') ? 'category' : 'region',
        };
    });
}"""


def overlapping(nodes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            ax, ay, aw, ah = a["box"]
            bx, by, bw, bh = b["box"]
            if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                found.append((a["label"], b["label"]))
    return found


@pytest.mark.parametrize(("viewport", "query"), [
    (PHONE, ""), ({"width": 1200, "height": 900}, ""),
    ({"width": 1200, "height": 900}, "?lang=en&suggested=1")])
def test_the_network_labels_every_node_readably(browser: Browser, server: LiveServer,  # noqa: F811
                                                viewport: dict[str, int], query: str) -> None:
    context, watch = watched_context(browser, server)
    try:
        page = context.new_page()
        page.set_viewport_size(viewport)
        page.goto("/recurring" + query)
        nodes: list[dict[str, Any]] = page.evaluate(NODES)
        assert len(nodes) >= 10, nodes
        assert {n["kind"] for n in nodes} == {"region", "category"}
        for node in nodes:
            assert node["label"].strip(), node
            assert node["shown"], node
            assert node["inside"], node
            assert node["circle"], node
            assert node["px"] >= MIN_FONT_PX, node
            assert node["label"].rstrip("…") in node["name"], node
        assert not overlapping(nodes)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        names = {n["name"] for n in nodes}
        english = "lang=en" in query
        assert ("Langkat Regency" if english else "Kabupaten Langkat") in names
        assert ("Waste bank" if english else "Bank sampah") in names
    finally:
        context.close()
    assert not watch.problems(), watch.problems()


def test_language_switch_keeps_the_search(tab: Tab) -> None:  # noqa: F811
    page = tab.page
    page.goto("/search?q=kab.+langkat&type=RegencyOrCity")
    page.locator("#language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    asked = dict(parse_qsl(urlsplit(page.url).query))
    assert asked == {"q": "kab. langkat", "type": "RegencyOrCity", "lang": "en"}, page.url
    expect(page.locator("main ul.results > li > a").first).to_be_visible()
    results = page.locator("main ul.results > li > a").all_inner_texts()
    assert results[0] == "Langkat Regency", results
    page.locator("#language-switch").click()
    assert re.search(r"[?&]q=kab\.\+langkat&type=RegencyOrCity&lang=id$", page.url), page.url
