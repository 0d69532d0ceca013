"""Region, province, innovation, dimension, list and home pages, over real HTTP."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from tests.app_fixtures import AppClient
from tests.server_fixtures import LiveServer, live_server

BASE = "https://w3id.org/kotacerdas/"
KC = "https://w3id.org/kotacerdas/ontology#"
QUOTE_LINK = re.compile(r'href="[^"]*/article/([a-z0-9-]+)#quote-[0-9a-f]{12}"')


@pytest.fixture(scope="module")
def server(client: AppClient) -> AppClient:
    """The app in this process (page logic needs no server process)."""
    return client


@pytest.fixture(scope="module")
def live(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real server: a JSON-LD parser fetches the published @context from it over HTTP."""
    with live_server(dumps, tmp_path_factory.mktemp("pages-regions")) as running:
        yield running


def page(server: AppClient, path: str, lang: str = "id") -> str:
    separator = "&" if "?" in path else "?"
    reply = server.get(f"{path}{separator}lang={lang}", Accept="text/html")
    assert reply.status == 200, reply.text[:500]
    assert reply.header("Content-Type").startswith("text/html")
    return reply.text


def section(html: str, heading_id: str) -> str:
    """The <section aria-labelledby=heading_id> of a page, nested sections included."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    depth, position = 1, html.index(">", start)
    for match in re.finditer(r"<(/?)section\b", html[position:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[start:position + match.start()]
    raise AssertionError(f"section {heading_id} is not closed")


def groups(html: str) -> dict[str, str]:
    """Sub-sections (dimension or region groups) by the text of their <h3>."""
    found = {}
    for chunk in re.split(r'<section class="(?:dimension|region)-group">', html)[1:]:
        heading = re.search(r"<h3>(.*?)</h3>", chunk, re.S)
        assert heading, chunk[:200]
        found[re.sub(r"<[^>]+>", "", heading.group(1)).strip()] = chunk
    return found


def items(html: str) -> dict[str, str]:
    """List items of a piece of a page by the text of their first link (a source's item,
    which starts with its quotation, stays inside the item it belongs to)."""
    found = {}
    for chunk in re.split(r"<li>(?!<blockquote)", html)[1:]:
        name = re.search(r"<a [^>]*>(.*?)</a>", chunk)
        if name:
            found.setdefault(name.group(1), chunk)
    return found


def visible_text(html: str) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


# ---------------------------------------------------------------- the region page

def test_langkat_innovations_by_dimension(server: AppClient) -> None:
    html = section(page(server, "/region/12.05"), "h-innovations")
    by_dimension = groups(html)
    assert list(by_dimension) == ["Smart Governance", "Smart Economy", "Smart Environment"]
    assert "Bursa Kerja" in items(by_dimension["Smart Economy"])
    environment = items(by_dimension["Smart Environment"])
    assert {"FABA", "Bank Sampah Sumatera Trash Bank"} <= set(environment)
    for name, item in environment.items():  # year, quick-win badge, its source
        assert "(2024)" in item, name
        assert 'class="badge quick-win"' in item, name
        assert QUOTE_LINK.search(item), name
    assert {m.group(1) for m in QUOTE_LINK.finditer(html)} >= {"2024-langkat-evaluasi-tahap-i"}
    # The command centre's dimension is inferred: badge and reason.
    command_centre = items(by_dimension["Smart Governance"])["Langkat Command Center"]
    assert "dimensi disimpulkan" in command_centre
    assert "command center melayani penyelenggaraan pemerintahan" in command_centre  # id page


def test_langkat_participation_masterplan_people(server: AppClient) -> None:
    html = page(server, "/region/12.05")
    province = section(html, "h-overview")
    assert 'href="http://127.0.0.1' in province
    assert "/region/12\"" in province
    assert "Provinsi Sumatera Utara" in province
    participation = section(html, "h-participation")
    assert "/programme/kota-cerdas/cohort/2018" in participation
    assert "Angkatan 2018" in participation
    assert "angkatan disimpulkan" in participation  # "tahap kedua" in 2018: read, not stated
    assert QUOTE_LINK.search(participation)
    masterplan = section(html, "h-masterplan")
    assert "<strong>2018</strong>" in masterplan
    assert "/article/2024-langkat-evaluasi-tahap-i#quote-" in masterplan
    posts = section(html, "h-posts")
    rows = {visible_text(row).strip(): row for row in posts.split("<tr>")[2:]}
    faisal = next(row for text, row in rows.items() if text.startswith("M Faisal Hasrimy"))
    assert "Bupati Langkat" in faisal
    assert "Penjabat Bupati" in faisal  # the capacity (Pj)
    assert 'datetime="2024-06-24"' in faisal
    assert "tanggal disimpulkan" in faisal  # the day is inferred from the event's dates
    assert "/article/2024-langkat-evaluasi-tahap-i#quote-" in faisal
    assert any(text.startswith("Ngogesa Sitepu") for text in rows)
    assert "Kepala Bappeda Kabupaten Langkat" in posts  # a post in one of its agencies


def test_langkat_events_take_the_parents_dates(server: AppClient) -> None:
    events = section(page(server, "/region/12.05"), "h-events")
    row = next(r for r in events.split("<tr>") if "Paparan Kabupaten Langkat" in r)
    assert 'datetime="2024-06-24"' in row
    assert 'datetime="2024-06-27"' in row
    assert "The Meru" in row
    assert QUOTE_LINK.search(row)
    assert "Opening Gerakan Menuju 100 Smart City 2018" in events


def test_deli_serdang_inferred_badges(server: AppClient) -> None:
    html = page(server, "/region/12.07")
    innovation = groups(section(html, "h-innovations"))["Smart Branding"]
    kenang_lemu = items(innovation)["Kenang Lemu"]
    assert '<span class="badge">dimensi disimpulkan</span>' in kenang_lemu
    assert "destinasi wisata termasuk Smart Branding" in kenang_lemu  # the reason in Indonesian
    assert "/article/2018-deli-serdang-evaluasi-masterplan#quote-" in kenang_lemu
    participation = section(html, "h-participation")
    assert "angkatan disimpulkan" in participation
    assert "Deli Serdang dibaca sebagai salah satunya" in participation  # the page's language


def test_langkat_quick_wins_say_their_year_and_status_are_inferred(server: AppClient) -> None:
    html = page(server, "/region/12.05")
    bursa = items(groups(section(html, "h-innovations"))["Smart Economy"])["Bursa Kerja"]
    assert '<span class="badge">tahun disimpulkan</span>' in bursa
    assert '<span class="badge">status quick win disimpulkan</span>' in bursa


def test_a_region_that_moved_province_shows_both_with_dates(server: AppClient) -> None:
    overview = visible_text(section(page(server, "/region/91.01", "en"), "h-overview"))
    assert "Papua Province : until 24 July 2022 (UU 14/2022)" in overview
    assert "South Papua Province : from 25 July 2022 (UU 14/2022)" in overview
    assert "code in its new province: 93.01" in overview


def test_council_and_decree(server: AppClient) -> None:
    html = section(page(server, "/region/12.16"), "h-council")
    assert "Dewan Smart City Kabupaten Humbang Hasundutan" in html
    assert "Surat Keputusan Bupati Humbang Hasundutan Nomor 66 Tahun 2024" in html
    assert "/legal/12.16/sk-bupati-66-2024" in html
    assert "/article/2024-humbang-hasundutan-rapat-dewan-smart-city#quote-" in html


def test_region_without_sources(server: AppClient) -> None:
    html = page(server, "/region/31.71")  # Jakarta Pusat: in the gazetteer only
    assert "Sumber-sumber graf ini tidak menyebut apa pun lagi tentang wilayah ini" in html
    assert "/region/31\"" in section(html, "h-overview")


# ---------------------------------------------------------------- province, innovation, dimension

def test_province_lists_who_takes_part(server: AppClient) -> None:
    html = page(server, "/region/12")
    taking_part = section(html, "h-taking-part")
    names = set(items(taking_part))
    assert names == {"Kabupaten Langkat", "Kabupaten Deli Serdang",
                     "Kabupaten Humbang Hasundutan"}
    assert "Kutai Timur" not in taking_part
    members = section(html, "h-members")
    assert members.count("<tr>") == 1 + 33  # header and the 33 kabupaten/kota of 2018's list
    assert "Kota Medan" in members


def categories_of(server: AppClient, innovation: str) -> list[str]:
    query = f"SELECT ?c WHERE {{ <{BASE}innovation/{innovation}> <{KC}category> ?c }}"
    reply = server.get("/sparql?" + urlencode({"query": query}),
                       Accept="application/sparql-results+json")
    assert reply.status == 200
    return [b["c"]["value"] for b in json.loads(reply.body)["results"]["bindings"]]


def test_innovation_page_same_kind(server: AppClient) -> None:
    html = page(server, "/innovation/64.08/bank-sampah")
    overview = section(html, "h-overview")
    assert "Kabupaten Kutai Timur" in overview
    assert "/dimension/smart-environment" in overview
    categories = categories_of(server, "64.08/bank-sampah")
    if categories:  # same kind = sharing a category
        assert all(href_of(c) in overview for c in categories)
        assert "kategori yang sama" in section(html, "h-same-kind")
    else:  # same kind = the same normalised name
        assert "Belum dikategorikan." in overview
        assert "nama yang sama" in section(html, "h-same-kind")
    assert "quick-win" not in overview  # an innovation, not a quick win
    assert "/event/2022/evaluasi-tahap-i/64.08" in overview
    sentences = section(html, "sentences")
    assert "smart environment bank sampah" in sentences
    assert "/article/2022-kutai-timur-evaluasi-tahap-i#quote-" in sentences
    same_kind = section(html, "h-same-kind")
    assert "/innovation/12.05/bank-sampah" in same_kind
    assert "Kabupaten Langkat" in same_kind
    assert "/innovation/64.08/" not in same_kind  # other regions only


def test_innovation_page_inferred_expansion_and_site(server: AppClient) -> None:
    html = section(page(server, "/innovation/64.08/e-sptpd"), "h-overview")
    assert "Surat Pemberitahuan Pajak Daerah elektronik" in html
    assert "kepanjangan disimpulkan" in html
    html = section(page(server, "/innovation/12.05/bank-sampah", lang="en"), "h-overview")
    assert "Bukit Lawang" in html
    assert "Sumatera Trash Bank" in html
    assert re.search(r'<span class="badge quick-win">quick win</span>', html)


def href_of(iri: str) -> str:
    return iri.removeprefix(BASE.removesuffix("/")) + '"'


def test_dimension_page(server: AppClient) -> None:
    html = page(server, "/dimension/smart-environment")
    assert "Tata kelola lingkungan yang baik, bertanggung jawab, dan berkelanjutan." in html
    elements = section(html, "h-elements")
    assert elements.count("<li>") == 3
    spellings = section(html, "h-spellings")
    assert "smart enviroment" in spellings
    by_region = groups(section(html, "h-innovations"))
    assert set(by_region) == {"Kabupaten Deli Serdang", "Kabupaten Kutai Timur",
                              "Kabupaten Langkat"}
    assert {"FABA", "Bank Sampah Sumatera Trash Bank"} <= set(items(by_region["Kabupaten Langkat"]))
    assert "dimensi disimpulkan" in items(by_region["Kabupaten Deli Serdang"])["Jumpa Madu"]
    english = page(server, "/dimension/smart-environment", lang="en")
    assert "Good, responsible and sustainable environmental governance." in english


# ---------------------------------------------------------------- home and lists

def test_home_counts_and_entry_points(server: AppClient, dumps: Path) -> None:
    html = page(server, "/")
    triples = json.loads((dumps / "manifest.json").read_text())["triples"]
    counts = section(html, "h-counts")
    assert re.search(rf'<td class="number">{triples}</td>', counts)
    assert re.search(r'list/provinces">Provinsi</a></th><td class="number">38</td>', counts)
    assert re.search(r'list/dimensions">Dimensi</a></th><td class="number">6</td>', counts)
    assert re.search(r'list/articles">Artikel sumber</a></th><td class="number">5</td>', counts)
    assert re.search(r'list/regions">[^<]*</a></th><td class="number">4</td>', counts)
    for kind in ("provinces", "regions", "dimensions", "innovations", "institutions",
                 "councils", "events", "articles"):
        assert f'href="/list/{kind}"' in section(html, "h-browse")
    query = section(html, "h-query")
    assert 'href="/sparql"' in query
    assert 'href="/dumps/"' in query
    assert "innovations-of-region.rq" in query
    assert "Graf pengetahuan terbuka" in html
    assert "An open knowledge graph" not in html  # the about text in the page's language
    assert "An open knowledge graph" in page(server, "/", "en")


@pytest.mark.parametrize(("kind", "expected"), [
    ("provinces", ["/region/12\"", "Provinsi Sumatera Utara"]),
    ("regions", ["/region/12.05\"", "/region/12.07\"", "/region/12.16\"", "/region/64.08\"",
                 "Deli Serdang dibaca sebagai salah satunya"]),
    ("dimensions", ["/dimension/smart-governance\"", "/dimension/smart-environment\""]),
    ("innovations", ["/innovation/12.05/bursa-kerja\"", "/innovation/64.08/e-sptpd\""]),
    ("institutions", ["/org/kominfo\"", "/org/12.05/pemda\"", "/org/12.16/dewan-smart-city\""]),
    ("councils", ["/org/12.16/dewan-smart-city\"", "/legal/12.16/sk-bupati-66-2024\""]),
    ("events", ["/event/2024/evaluasi-tahap-i/12.05\"", "/event/2018/opening\""]),
    ("articles", ["/article/2024-langkat-evaluasi-tahap-i\"", "/region/12.05\""]),
])
def test_list_pages(server: AppClient, kind: str, expected: list[str]) -> None:
    html = page(server, f"/list/{kind}")
    assert '<th scope="col">' in html
    for text in expected:
        assert text in html, text


def test_list_details(server: AppClient) -> None:
    provinces = page(server, "/list/provinces")
    row = next(r for r in provinces.split("<tr>") if "Provinsi Sumatera Utara" in r)
    assert re.findall(r'<td class="number">(\d+)</td>', row) == ["33", "3"]
    dimensions = page(server, "/list/dimensions")
    order = [dimensions.index(f"/dimension/smart-{d}\"") for d in
             ("governance", "branding", "economy", "living", "society", "environment")]
    assert order == sorted(order)
    institutions = page(server, "/list/institutions")
    assert "/org/11.01/pemda\"" not in institutions  # local governments no source mentions
    events = page(server, "/list/events")
    row = next(r for r in events.split("<tr>") if "Paparan Kabupaten Langkat" in r)
    assert 'datetime="2024-06-24"' in row  # the session takes its event's dates


def test_unknown_list(server: AppClient) -> None:
    assert server.get("/list/nothing", Accept="text/html").status == 404


# ---------------------------------------------------------------- negotiation and language

@pytest.mark.parametrize(("path", "kind"), [
    ("region/12.05", KC + "Regency"), ("region/12", KC + "Province"),
    ("innovation/12.05/faba", KC + "QuickWin"), ("innovation/64.08/bank-sampah", KC + "Innovation"),
    ("dimension/smart-environment", KC + "Dimension")])
def test_each_page_kind_negotiates(live: LiveServer, path: str, kind: str) -> None:
    server = live
    subject = URIRef(BASE + path)
    turtle = server.get("/" + path, Accept="text/turtle")
    assert turtle.status == 200
    assert turtle.header("Content-Type").startswith("text/turtle")
    graph = Graph().parse(data=turtle.body, format="turtle")
    assert (subject, RDF.type, URIRef(kind)) in graph
    assert (subject, RDFS.label, None) in graph or (
        subject, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), None) in graph
    jsonld = server.get(f"/{path}.jsonld", Accept="text/html")
    assert jsonld.status == 200
    assert jsonld.header("Content-Type").startswith("application/ld+json")
    from_jsonld = Graph().parse(data=jsonld.body, format="json-ld")
    assert set(graph.triples((subject, None, None))) == set(
        from_jsonld.triples((subject, None, None)))
    html = server.get("/" + path, Accept="text/html")
    assert html.header("Content-Type").startswith("text/html")


def test_language_switch_persists(server: AppClient) -> None:
    english = server.get("/region/12.05?lang=en", Accept="text/html")
    assert english.status == 200
    assert "<h1>Langkat Regency</h1>" in english.text
    assert "Innovations by dimension" in english.text
    cookie = english.header("Set-Cookie")
    assert cookie.startswith("lang=en")
    again = server.get("/region/12.05", Accept="text/html",
                       Cookie=cookie.split(";", 1)[0])
    assert "<h1>Langkat Regency</h1>" in again.text
    assert "North Sumatra Province" in again.text
    for path, label in [("/region/12", "North Sumatra Province"),
                        ("/innovation/12.05/bank-sampah", "Sumatera Trash Bank"),
                        ("/list/regions", "Langkat Regency"), ("/", "What the graph holds")]:
        assert label in server.get(path, Accept="text/html", Cookie="lang=en").text, path
    indonesian = server.get("/region/12.05", Accept="text/html", Cookie="lang=id")
    assert "<h1>Kabupaten Langkat</h1>" in indonesian.text
    assert "Inovasi menurut dimensi" in indonesian.text
