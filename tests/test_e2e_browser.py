"""End to end: the linked-data browser in headless Chromium, driven by Playwright.

A person's paths through the site, clicked as they would click them: search with a typo, a
region, an innovation under its dimension, the sentence it comes from; the language switch;
the query page; and the issue's question, "what did Kabupaten Langkat present in 2024, and
where is it written?". Every request the pages make is recorded: none may leave this machine,
fail, or log a console error. Key pages are saved to test-artifacts/screenshots/ for a look.

The browser is Debian's Chromium (.ci/run installs it), never one Playwright downloads.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Request,
    Response,
    Route,
    WebError,
    expect,
    sync_playwright,
)

from tests.conftest import REPO
from tests.server_fixtures import LiveServer, live_server

CHROMIUM = Path(os.environ.get("KOTACERDAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
NOT_FETCHED = {"data", "blob", "about"}  # schemes that never reach a host
LANGKAT = "/region/12.05"
EVALUATION_2024 = "/event/2024/evaluasi-tahap-i/12.05"
ARTICLE_2024 = "/article/2024-langkat-evaluasi-tahap-i"
QUOTE_URL = re.compile(re.escape(ARTICLE_2024) + r"#(quote-[0-9a-f]+)$")
TIMEOUT_MS = 10_000
# What Chromium sends when it follows a link.
NAVIGATION_ACCEPT = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
                     "image/webp,image/apng,*/*;q=0.8")
KEY_PAGES = ["/", LANGKAT, "/innovation/12.05/bursa-kerja", EVALUATION_2024, ARTICLE_2024,
             "/sparql"]


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def server(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(dumps, tmp_path_factory.mktemp("server")) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module; its absence fails the tests, it does not skip them."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}, which is missing: install "
                    "Debian's package (apt-get install chromium; .ci/run does it) or point "
                    "KOTACERDAS_CHROMIUM at a Chromium binary.", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Watch:
    """What the pages of one browser context did beyond what a test looks at."""

    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        self.requests.append(f"{request.method} {request.url}")

    def on_route(self, route: Route) -> None:
        """Local requests go on; any other is recorded and never leaves the machine."""
        url = urlsplit(route.request.url)
        if url.scheme in NOT_FETCHED or url.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort("blockedbyclient")

    def on_failed(self, request: Request) -> None:
        if request.url not in self.foreign:
            self.failed.append(f"{request.method} {request.url}: {request.failure}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})")

    def on_web_error(self, error: WebError) -> None:
        self.console_errors.append(f"uncaught: {error.error}")

    def problems(self) -> list[str]:
        return ([f"request to another host: {url}" for url in self.foreign]
                + [f"failed request: {failure}" for failure in self.failed]
                + [f"console error: {text}" for text in self.console_errors])


@dataclass
class Tab:
    page: Page
    watch: Watch
    server: LiveServer

    def shoot(self, name: str) -> Path:
        """A full-page screenshot at test-artifacts/screenshots/<name>.png."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def path(self) -> str:
        """The current page's path (and query and fragment), after checking it is ours."""
        url = urlsplit(self.page.url)
        assert url.hostname in LOCAL_HOSTS, f"left the site for {self.page.url}"
        return self.page.url[len(f"{url.scheme}://{url.netloc}"):]


def watched_context(browser: Browser, server: LiveServer, **options: Any) -> tuple[
        BrowserContext, Watch]:
    """A fresh context (no cookies) in Indonesian whose every request and error is watched."""
    context = browser.new_context(base_url=server.url, locale="id-ID",
                                  viewport={"width": 1200, "height": 900}, **options)
    context.set_default_timeout(TIMEOUT_MS)
    watch = Watch()
    context.route("**/*", watch.on_route)
    context.on("request", watch.on_request)
    context.on("requestfailed", watch.on_failed)
    context.on("response", watch.on_response)
    context.on("console", watch.on_console)
    context.on("weberror", watch.on_web_error)
    return context, watch


@pytest.fixture
def tab(browser: Browser, server: LiveServer) -> Iterator[Tab]:
    """A watched tab; at the end, nothing may have left the machine, failed or logged an error."""
    context, watch = watched_context(browser, server)
    try:
        yield Tab(context.new_page(), watch, server)
    finally:
        context.close()
    assert watch.requests, "the pages made no request at all"
    problems = watch.problems()
    assert not problems, "while browsing:\n" + "\n".join(problems)


def test_the_watch_sees_foreign_requests_failures_and_errors(browser: Browser,
                                                             server: LiveServer) -> None:
    """The checks every other test relies on do catch what they are meant to catch."""
    context, watch = watched_context(browser, server, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto("/")
        page.evaluate("""async () => {
            console.error('deliberate error');
            await fetch('/static/no-such-file.css').catch(() => null);
            await fetch('http://example.invalid/tracker.gif', {mode: 'no-cors'})
                .catch(() => null);
        }""")
    finally:
        context.close()
    problems = "\n".join(watch.problems())
    assert "request to another host: http://example.invalid/tracker.gif" in problems, problems
    assert "/static/no-such-file.css: HTTP 404" in problems, problems
    assert "console error: deliberate error" in problems, problems
    assert not any("example.invalid" in failure for failure in watch.failed), watch.failed


def region(page: Page, heading: str) -> Locator:
    """A page section by its heading (a <section aria-labelledby> is a landmark region)."""
    return page.get_by_role("region", name=heading, exact=True)


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


# ---------------------------------------------------------------- the home page

def test_home_page(tab: Tab) -> None:
    page = tab.page
    page.goto("/")
    expect(page).to_have_title("Kota Cerdas KG")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(h1(page)).to_have_text("Kota Cerdas KG")
    # Landmarks: banner with navigation and search, main, footer.
    nav = page.get_by_role("navigation", name="Navigasi utama")
    for name in ("Beranda", "Kueri SPARQL", "Unduhan", "Ontologi", "English"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("search").get_by_role("searchbox")).to_be_visible()
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()
    # What the graph holds, and where to start browsing.
    counts = region(page, "Isi graf")
    expect(counts.get_by_role("row", name=re.compile(r"^Tripel \(RDF\) \d+"))).to_be_visible()
    entry_points = region(page, "Mulai menjelajah").get_by_role("listitem")
    expect(entry_points.get_by_role("link", name="Kabupaten/kota yang ikut program")).to_be_visible()
    assert entry_points.count() >= 6, entry_points.all_inner_texts()
    tab.shoot("home")
    # An entry point leads to a list that holds Kabupaten Langkat.
    entry_points.get_by_role("link", name="Kabupaten/kota yang ikut program").click()
    expect(page).to_have_url(re.compile(r"/list/regions$"))
    expect(page.get_by_role("main").get_by_role("link", name="Kabupaten Langkat")).to_be_visible()


# ---------------------------------------------------------------- search with a typo

@pytest.mark.parametrize("typed", ["Langkt", "kab. langkat"])
def test_search_with_typo_finds_langkat(tab: Tab, typed: str) -> None:
    page = tab.page
    page.goto("/")
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill(typed)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    expect(h1(page)).to_have_text("Cari")
    results = page.locator("main ul.results > li > a")
    expect(results.first).to_be_visible()
    assert "Kabupaten Langkat" in results.all_inner_texts()[:3], results.all_inner_texts()
    tab.shoot("search-" + re.sub(r"[^a-z]+", "-", typed.lower()).strip("-"))
    results.filter(has_text=re.compile(r"^Kabupaten Langkat$")).first.click()
    expect(page).to_have_url(re.compile(re.escape(LANGKAT) + "$"))
    expect(h1(page)).to_have_text("Kabupaten Langkat")


# ---------------------------------------------------------------- region, innovation, sentence

@pytest.mark.parametrize(("dimension", "innovation", "slug"), [
    ("Smart Economy", "Bursa Kerja", "bursa-kerja"),
    ("Smart Environment", "FABA", "faba"),
])
def test_innovation_to_its_source_sentence(tab: Tab, dimension: str, innovation: str,
                                          slug: str) -> None:
    page = tab.page
    page.goto(LANGKAT)
    expect(h1(page)).to_have_text("Kabupaten Langkat")
    first_case = slug == "bursa-kerja"
    if first_case:
        tab.shoot("region")
    # Under its dimension in "Innovations by dimension".
    by_dimension = region(page, "Inovasi menurut dimensi")
    group = by_dimension.locator("section").filter(
        has=page.get_by_role("heading", name=dimension, exact=True))
    expect(group).to_have_count(1)
    group.get_by_role("link", name=innovation, exact=True).click()

    expect(page).to_have_url(re.compile(rf"/innovation/12\.05/{slug}$"))
    expect(h1(page)).to_have_text(innovation)
    facts = page.locator("main dl.facts").first
    expect(facts.get_by_role("link", name="Kabupaten Langkat", exact=True)).to_be_visible()
    expect(facts.get_by_role("link", name=dimension, exact=True)).to_be_visible()
    sentences = region(page, "Kalimat sumber").locator("figure")
    expect(sentences.first).to_be_visible()
    sentence = sentences.first.locator("blockquote").inner_text().strip()
    assert sentence, "the innovation's first source sentence is empty"
    tab.shoot(f"innovation-{slug}")

    # The sentence's link opens the article at that very sentence.
    sentences.first.locator("figcaption a").click()
    expect(page).to_have_url(QUOTE_URL)
    match = QUOTE_URL.search(tab.path())
    assert match is not None
    anchor = match.group(1)
    quoted = page.locator(f"[id='{anchor}']")
    expect(quoted).to_have_count(1)
    expect(quoted).to_contain_text(sentence)
    expect(page.locator(":target")).to_have_attribute("id", anchor)
    expect(quoted).to_be_in_viewport()
    # The article names the innovation among what the sentence supports (and again in the
    # facts it only implies about it).
    expect(quoted.get_by_role("link", name=innovation, exact=True).first).to_be_visible()
    if first_case:
        tab.shoot("article")


# ---------------------------------------------------------------- the language switch

def test_language_switch_persists(tab: Tab) -> None:
    page = tab.page
    page.goto(LANGKAT)
    expect(h1(page)).to_have_text("Kabupaten Langkat")
    switch = page.locator("#language-switch")
    expect(switch).to_have_text("English")
    switch.click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(h1(page)).to_have_text("Langkat Regency")
    expect(page.locator("#language-switch")).to_have_text("Bahasa Indonesia")
    expect(page.get_by_role("navigation", name="Main navigation")
           .get_by_role("link", name="Home", exact=True)).to_be_visible()
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get("lang") == "en", cookies
    tab.shoot("region-en")

    # The next pages, reached by plain links without ?lang=, stay in English.
    by_dimension = page.locator("main section.dimension-group")
    by_dimension.get_by_role("link", name="Job Exchange", exact=True).click()
    expect(page).to_have_url(re.compile(r"/innovation/12\.05/bursa-kerja$"))
    expect(h1(page)).to_have_text("Job Exchange")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("navigation").get_by_role("link", name="Home", exact=True).click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="What the graph holds")).to_be_visible()

    # And back.
    page.locator("#language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", name="Isi graf")).to_be_visible()
    page.goto(LANGKAT)
    expect(h1(page)).to_have_text("Kabupaten Langkat")


# ---------------------------------------------------------------- the query page

def editor_text(page: Page) -> str:
    """The query in the editor: CodeMirror's when it is installed, else the text box's."""
    return str(page.evaluate("""() => {
        const cm = document.querySelector('.CodeMirror');
        return cm && cm.CodeMirror ? cm.CodeMirror.getValue()
                                   : document.getElementById('query-editor').value;
    }"""))


def test_query_page_runs_a_canned_query(tab: Tab) -> None:
    page = tab.page
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Kueri SPARQL", exact=True).click()
    expect(page).to_have_url(re.compile(r"/sparql$"))
    expect(page.locator("#query-editor")).to_be_attached()

    canned = page.locator("#canned-queries a.canned-query[data-name='innovations-of-region']")
    expect(canned).to_be_visible()
    canned.click()
    expect(page).to_have_url(re.compile(r"/sparql$"))  # loaded into the editor, not run
    page.wait_for_function("""() => {
        const cm = document.querySelector('.CodeMirror');
        const text = cm && cm.CodeMirror ? cm.CodeMirror.getValue()
                                         : document.getElementById('query-editor').value;
        return text.includes('?innovation kc:region ?region');
    }""")
    assert "SELECT ?region ?regionLabel ?innovation" in editor_text(page)

    with page.expect_navigation():
        page.locator("#run-query").click()
    table = page.locator("#results-table")
    expect(table).to_be_visible()
    expect(page.locator("#result-count")).to_have_text(re.compile(r"^\d+ baris$"))
    rows = table.locator("tbody tr")
    assert rows.count() >= 4, rows.count()
    expect(table.get_by_role("cell", name="Bursa Kerja", exact=True).first).to_be_visible()
    # IRIs of the graph link to this server's own pages.
    hrefs = [str(a.get_attribute("href")) for a in table.locator("a").all()]
    assert hrefs
    foreign = [h for h in hrefs if urlsplit(h).hostname not in LOCAL_HOSTS | {None}]
    assert not foreign, foreign
    assert any(urlsplit(h).path == LANGKAT for h in hrefs), hrefs[:10]
    tab.shoot("query-results")

    table.locator(f"a[href$='{LANGKAT}']").first.click()
    expect(page).to_have_url(re.compile(re.escape(LANGKAT) + "$"))
    expect(h1(page)).to_have_text("Kabupaten Langkat")


# ---------------------------------------------------------------- the issue's question

def test_what_langkat_presented_in_2024_and_where_it_is_written(tab: Tab) -> None:
    """From the region page to the 2024 evaluation session, its innovations and their sources."""
    page = tab.page
    page.goto(LANGKAT)
    events = region(page, "Kegiatan")
    session = events.get_by_role("row").filter(has_text="2024").get_by_role(
        "link", name="Paparan Kabupaten Langkat, Evaluasi Tahap I 2024", exact=True)
    session.click()
    expect(page).to_have_url(re.compile(re.escape(EVALUATION_2024) + "$"))
    expect(h1(page)).to_have_text("Paparan Kabupaten Langkat, Evaluasi Tahap I 2024")
    tab.shoot("event")

    presented = region(page, "Inovasi dan masterplan yang dipaparkan")
    rows = presented.locator("tbody tr")
    names = [row.locator("td").first.inner_text().strip() for row in rows.all()]
    assert {"Bank Sampah Sumatera Trash Bank", "Bursa Kerja", "FABA"} <= set(names), names

    # Each presented innovation has its sentences, in the 2024 article.
    sources: dict[str, list[str]] = {}
    for row in rows.all():
        name = row.locator("td").first.inner_text().strip()
        details = row.locator("details.sources")
        details.locator("summary").click()
        links = details.locator("a")
        expect(links.first).to_be_visible()
        sources[name] = [tab.server.url + urlsplit(str(a.get_attribute("href"))).path
                         + "#" + urlsplit(str(a.get_attribute("href"))).fragment
                         for a in links.all()]
        assert all(QUOTE_URL.search(url) for url in sources[name]), sources[name]

    # Follow one: the article shows the sentence, and names the innovation it supports.
    first = rows.filter(has_text="Bursa Kerja").locator("details.sources a").first
    first.click()
    expect(page).to_have_url(QUOTE_URL)
    expect(h1(page)).to_contain_text("Pemerintah Kabupaten Langkat mengikuti Evaluasi")
    for name in ("Bank Sampah Sumatera Trash Bank", "Bursa Kerja", "FABA"):
        for url in sources[name]:
            match = QUOTE_URL.search(url)
            assert match is not None
            quoted = page.locator(f"[id='{match.group(1)}']")
            expect(quoted).to_have_count(1)
            expect(quoted.locator("blockquote")).not_to_be_empty()
    anchor = urlsplit(page.url).fragment
    expect(page.locator(":target")).to_have_attribute("id", anchor)
    expect(page.locator(f"[id='{anchor}']").get_by_role(  # also in what it only implies
        "link", name="Bursa Kerja", exact=True).first).to_be_visible()



# ---------------------------------------------------------------- links on the key pages

def test_links_on_key_pages_lead_somewhere(tab: Tab) -> None:
    """Every link to this site on the key pages answers a browser with a page (or a document)."""
    page = tab.page
    found_on: dict[str, str] = {}
    for path in KEY_PAGES:
        page.goto(path)
        hrefs = page.locator("a[href]").evaluate_all(
            "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
        for href in hrefs:
            url = urlsplit(str(href))
            assert url.hostname in LOCAL_HOSTS or url.scheme in ("http", "https"), href
            if url.hostname in LOCAL_HOSTS:
                found_on.setdefault(str(href).split("#")[0], path)
    assert len(found_on) > 50, sorted(found_on)
    broken = []
    for url, path in sorted(found_on.items()):
        local = url[len(tab.server.url):]
        reply = tab.server.request("GET", local, headers={"Accept": NAVIGATION_ACCEPT})
        if reply.status != 200:
            broken.append(f"{local} (linked from {path}): HTTP {reply.status}")
    assert not broken, "broken links:\n" + "\n".join(broken)
