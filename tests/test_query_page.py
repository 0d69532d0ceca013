"""The SPARQL query page for browsers: editor, prefixes, canned queries, result tables, downloads.

Over real HTTP. The editor (CodeMirror 5) is installed from npm by `make`; where npm was
missing the page must fall back to its plain text box, and the tests of the vendor files skip.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from rdflib import Graph

from kotacerdas.graph.queries import canned_queries
from kotacerdas.server.sparql import EDITOR_FILES, EDITOR_PACKAGE, editor_installed
from tests.server_fixtures import LiveServer, live_server

BASE = "https://w3id.org/kotacerdas/"
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # a browser's Accept
LANGKAT = (
    "PREFIX kc: <https://w3id.org/kotacerdas/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?region ?label ?odd WHERE {\n"
    "  VALUES ?region { <https://w3id.org/kotacerdas/region/12.05> }\n"
    "  ?region rdfs:label ?label .\n"
    '  BIND ("<b>bold</b> & \\"quoted\\""@en AS ?odd)\n'
    "}")
CONSTRUCT = ("CONSTRUCT { ?region <http://www.w3.org/2000/01/rdf-schema#label> ?label } WHERE {"
             " <https://w3id.org/kotacerdas/region/12.05> "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?label ."
             " BIND (<https://w3id.org/kotacerdas/region/12.05> AS ?region) }")


@pytest.fixture(scope="module")
def server(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(dumps, tmp_path_factory.mktemp("query-page")) as live:
        yield live


# ---------------------------------------------------------------- a small HTML tree

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str) -> list[Element]:
        return [e for e in self.iter() if e.tag == tag]

    def by_id(self, ident: str) -> Element:
        found = [e for e in self.iter() if e.attrs.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if parent.tag in ("textarea", "pre") and not parent.children and data.startswith("\n"):
            data = data[1:]  # HTML drops a newline right after these start tags
        parent.children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def page(server: LiveServer, path: str, status: int = 200, **headers: str) -> Element:
    reply = server.get(path, Accept=HTML, **headers)
    assert reply.status == status, reply.text[:500]
    assert reply.header("Content-Type") == "text/html; charset=utf-8"
    return parse(reply.text)


def results_page(server: LiveServer, query: str, **headers: str) -> Element:
    return page(server, "/sparql?" + urlencode({"query": query}), **headers)


def local_path(server: LiveServer, url: str) -> str:
    """The path (and query) of a link on this server; fails for another host's."""
    parts = urlsplit(url)
    assert parts.scheme in ("", "http"), url
    assert parts.netloc in ("", f"127.0.0.1:{server.port}"), url
    return parts.path + (f"?{parts.query}" if parts.query else "")


# ---------------------------------------------------------------- the page

def test_page_has_the_editor_form(server: LiveServer) -> None:
    root = page(server, "/sparql")
    form = root.by_id("query-form")
    assert form.attrs["action"] == "/sparql#answer"  # Run lands on the results
    assert form.attrs["method"] == "get"
    editor = root.by_id("query-editor")
    assert editor.tag == "textarea"
    assert editor.attrs["name"] == "query"
    labels = [e for e in root.find_all("label") if e.attrs.get("for") == "query-editor"]
    assert len(labels) == 1
    run = root.by_id("run-query")
    assert (run.tag, run.attrs["type"]) == ("button", "submit")
    assert "hidden" in root.by_id("insert-prefixes").attrs  # shown by the script only
    # The editor starts with the common prefixes, then a query that runs.
    text = editor.text
    for prefix in ("kc", "dim", "org", "schema", "skos", "rdfs", "dct", "prov"):
        assert f"PREFIX {prefix}: <" in text
    assert text.startswith("PREFIX kc: <https://w3id.org/kotacerdas/ontology#>")
    run_default = server.get("/sparql?" + urlencode({"query": text}),
                             Accept="application/sparql-results+json")
    assert run_default.status == 200
    assert json.loads(run_default.body)["results"]["bindings"]
    # The prefix list is on the page for copying.
    prefix_lines = root.by_id("prefix-lines").text
    assert "PREFIX prov: <http://www.w3.org/ns/prov#>" in prefix_lines
    assert text.startswith(prefix_lines)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_lists_every_canned_query(server: LiveServer, lang: str) -> None:
    root = page(server, f"/sparql?lang={lang}")
    section = root.by_id("canned-queries")
    queries = canned_queries()
    assert queries
    items = [e for e in section.find_all("li") if e.attrs.get("id", "").startswith("canned-")]
    assert [e.attrs["id"] for e in items] == [f"canned-{name}" for name in queries]
    for name, canned in queries.items():
        item = section.by_id(f"canned-{name}")
        (link,) = [a for a in item.find_all("a") if "canned-query" in a.attrs.get("class", "")]
        assert link.text == canned.title(lang)
        assert " ".join(canned.about(lang).split()) in " ".join(item.text.split())
        # Without JavaScript the link runs the query; with it, the script loads the same text.
        target = urlsplit(link.attrs["href"])
        assert target.path == "/sparql"
        assert target.fragment == "answer"
        assert parse_qs(target.query)["query"] == [canned.text]
        for param in canned.param_texts:
            assert f"?{param}" in item.text
            assert canned.param_about(param, lang) in item.text
        assert f"queries/{name}.rq" in item.text


def test_canned_query_links_run(server: LiveServer) -> None:
    root = page(server, "/sparql")
    for link in root.by_id("canned-queries").find_all("a"):
        if "canned-query" in link.attrs.get("class", ""):
            result = page(server, local_path(server, link.attrs["href"]))
            assert result.by_id("results-table").find_all("th"), link.text


def test_page_in_both_languages(server: LiveServer) -> None:
    indonesian = page(server, "/sparql?lang=id")
    english = page(server, "/sparql?lang=en")
    assert indonesian.by_id("canned-heading").text == "Contoh kueri"
    assert english.by_id("canned-heading").text == "Canned queries"
    assert indonesian.by_id("run-query").text == "Jalankan"
    assert english.by_id("run-query").text == "Run"


# ---------------------------------------------------------------- nothing from elsewhere

def _resources(root: Element) -> list[str]:
    """Every URL the page makes a browser load (or send a form to)."""
    urls = [e.attrs["src"] for e in root.iter() if "src" in e.attrs]
    urls += [e.attrs["href"] for e in root.find_all("link")]
    urls += [e.attrs["action"] for e in root.find_all("form")]
    return urls


@pytest.mark.parametrize("path", ["/sparql", "/sparql?" + urlencode({"query": LANGKAT})])
def test_nothing_from_another_host(server: LiveServer, path: str) -> None:
    root = page(server, path)
    resources = _resources(root)
    assert any(url.endswith("/static/editor.js") for url in resources)
    for url in resources:
        assert not url.startswith("//"), url
        local_path(server, url)
    # The Content-Security-Policy allows no inline script or style.
    for script in root.find_all("script"):
        assert script.attrs.get("src"), "inline script"
    assert not root.find_all("style")
    assert not [e.tag for e in root.iter() if "style" in e.attrs]
    assert not [e.tag for e in root.iter() if any(a.startswith("on") for a in e.attrs)]


# ---------------------------------------------------------------- the editor's files

@pytest.mark.parametrize("name", sorted(EDITOR_FILES))
def test_vendor_files_served(server: LiveServer, name: str) -> None:
    path, content_type = EDITOR_FILES[name]
    reply = server.get(f"/static/vendor/{name}")
    assert reply.status == 200
    assert reply.header("Content-Type") == content_type
    assert reply.header("Content-Type").startswith(
        "text/css" if name.endswith(".css") else "text/javascript")
    assert reply.body == (EDITOR_PACKAGE / path).read_bytes()
    assert "nosniff" in reply.header("X-Content-Type-Options")
    again = server.get(f"/static/vendor/{name}", If_None_Match=reply.header("ETag"))
    assert again.status == 304


def test_page_loads_the_editor(server: LiveServer) -> None:
    resources = _resources(page(server, "/sparql"))
    for name in EDITOR_FILES:
        assert f"/static/vendor/{name}" in resources
    script = server.get("/static/editor.js")
    assert script.status == 200
    assert "javascript" in script.header("Content-Type")
    assert "CodeMirror.fromTextArea" in script.text


def test_editor_is_installed_by_the_set_up() -> None:
    assert editor_installed(), "CodeMirror is missing: `make` installs it with npm ci"


def test_page_without_the_editor_keeps_the_text_box(dumps: Path, tmp_path: Path) -> None:
    with live_server(dumps, tmp_path, env={"KOTACERDAS_EDITOR": "false"}) as plain:
        root = page(plain, "/sparql")
        assert not [url for url in _resources(root) if "/static/vendor/" in url]
        assert root.by_id("query-editor").tag == "textarea"


@pytest.mark.parametrize("path", [
    "/static/vendor/package.json",
    "/static/vendor/package-lock.json",
    "/static/vendor/node_modules/codemirror/lib/codemirror.js",
    "/static/vendor/node_modules/codemirror/package.json",
    "/static/vendor/node_modules/.package-lock.json",
    "/static/vendor/lib/codemirror.js",
    "/static/vendor/mode/sparql/sparql.js",
    "/static/vendor/codemirror.js/x",
    "/static/vendor/CODEMIRROR.JS",
    "/static/vendor/../vendor/package.json",
    "/static/vendor/%2e%2e/style.css",
    "/static/vendor/..%2fstyle.css",
    "/static/vendor/",
    "/static/node_modules/codemirror/lib/codemirror.js",
])
def test_other_vendor_paths_are_not_found(server: LiveServer, path: str) -> None:
    reply = server.get(path)
    assert reply.status == 404, path


# ---------------------------------------------------------------- results

def test_results_table_links_to_local_pages(server: LiveServer) -> None:
    root = results_page(server, LANGKAT, Cookie="lang=en")
    table = root.by_id("results-table")
    headers = [th.text for th in table.find_all("th")]
    assert headers == ["?region", "?label", "?odd"]
    assert all(th.attrs["scope"] == "col" for th in table.find_all("th"))
    rows = table.find_all("tbody")[0].find_all("tr")
    assert len(rows) == 2  # the Indonesian and the English label
    links = {a.attrs["href"] for a in table.find_all("a")}
    assert links == {f"http://127.0.0.1:{server.port}/region/12.05"}
    assert server.get("/region/12.05", Accept=HTML).status == 200
    # Literals: escaped, with their language tags.
    cells = [tr.find_all("td") for tr in rows]
    labels = {row[1].find_all("span")[0].attrs.get("lang"): row[1].text for row in cells}
    assert labels == {"id": "Kabupaten Langkat @id", "en": "Langkat Regency @en"}
    assert cells[0][2].text == '<b>bold</b> & "quoted" @en'
    assert not table.find_all("b")
    assert root.by_id("result-count").text == "2 rows"
    assert not [e for e in root.iter() if e.attrs.get("id") == "truncated"]
    # The editor holds the query, to change and run again.
    assert root.by_id("query-editor").text == LANGKAT


def test_results_escape_markup(server: LiveServer) -> None:
    reply = server.get("/sparql?" + urlencode({"query": LANGKAT}), Accept=HTML)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34;" in reply.text
    assert "<b>bold" not in reply.text


def test_typed_literals_and_blank_nodes(server: LiveServer) -> None:
    query = 'SELECT ?n ?b WHERE { BIND (42 AS ?n) BIND (BNODE("x") AS ?b) }'
    table = results_page(server, query).by_id("results-table")
    number, blank = table.find_all("tbody")[0].find_all("td")
    assert number.text == "42 xsd:integer"
    assert blank.text.startswith("_:")
    assert not blank.find_all("a")


def test_ask_result(server: LiveServer) -> None:
    root = results_page(server, "ASK { <https://w3id.org/kotacerdas/region/12.05> ?p ?o }")
    assert root.by_id("ask-answer").text == "true"
    downloads = {a.text for a in root.by_id("downloads").find_all("a")}
    assert {"CSV", "JSON"} <= downloads


def test_download_links_work(server: LiveServer) -> None:
    root = results_page(server, LANGKAT, Cookie="lang=en")
    links = {a.text: a.attrs["href"] for a in root.by_id("downloads").find_all("a")}
    assert {"CSV", "JSON"} <= set(links)
    as_csv = server.get(local_path(server, links["CSV"]), Accept=HTML)
    assert as_csv.status == 200
    assert as_csv.header("Content-Type").startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(rows) == 2
    assert {row["region"] for row in rows} == {BASE + "region/12.05"}
    as_json = server.get(local_path(server, links["JSON"]), Accept=HTML)
    assert as_json.status == 200
    assert as_json.header("Content-Type").startswith("application/sparql-results+json")
    bindings = json.loads(as_json.body)["results"]["bindings"]
    assert len(bindings) == 2
    assert {b["label"]["xml:lang"] for b in bindings} == {"id", "en"}


def test_download_links_keep_the_dataset(server: LiveServer) -> None:
    graph = BASE + "graph/article/2018-langkat-nota-kesepahaman"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    root = page(server, "/sparql?" + urlencode({"query": count, "default-graph-uri": graph}))
    in_table = root.by_id("results-table").find_all("td")[0].text
    links = {a.text: a.attrs["href"] for a in root.by_id("downloads").find_all("a")}
    assert parse_qs(urlsplit(links["CSV"]).query)["default-graph-uri"] == [graph]
    as_csv = server.get(local_path(server, links["CSV"]))
    assert as_csv.status == 200
    (row,) = csv.DictReader(io.StringIO(as_csv.text))
    assert in_table == row["n"] + " xsd:integer"
    everything = server.get("/sparql?" + urlencode({"query": count, "format": "csv"}))
    (union,) = csv.DictReader(io.StringIO(everything.text))
    assert int(union["n"]) > int(row["n"])


def test_graph_results_and_their_downloads(server: LiveServer) -> None:
    root = results_page(server, CONSTRUCT, Cookie="lang=en")
    table = root.by_id("results-table")
    assert [th.text for th in table.find_all("th")] == ["subject", "predicate", "object"]
    assert len(table.find_all("tbody")[0].find_all("tr")) == 2
    assert root.by_id("result-count").text == "2 triples"
    links = {a.text: a.attrs["href"] for a in root.by_id("downloads").find_all("a")}
    assert {"Turtle", "JSON-LD"} <= set(links)
    for label, media_type, rdflib_format in (("Turtle", "text/turtle", "turtle"),
                                             ("JSON-LD", "application/ld+json", "json-ld")):
        reply = server.get(local_path(server, links[label]), Accept=HTML)
        assert reply.status == 200
        assert reply.header("Content-Type").startswith(media_type)
        assert len(Graph().parse(data=reply.body, format=rdflib_format)) == 2


def test_syntax_error_shown_with_its_position(server: LiveServer) -> None:
    reply = server.get("/sparql?" + urlencode({"query": "SELECT * WHERE {\n  ?s ?p\n}"}),
                       Accept=HTML)
    assert reply.status == 400
    assert reply.header("Content-Type") == "text/html; charset=utf-8"
    assert "3:" in parse(reply.text).by_id("content").text  # line 3, where the object is missing
    assert "Traceback" not in reply.text


def test_truncation_notice(dumps: Path, tmp_path: Path) -> None:
    with live_server(dumps, tmp_path, "--max-rows", "3") as small:
        root = results_page(small, "SELECT ?s WHERE { ?s ?p ?o }", Cookie="lang=en")
        assert root.by_id("result-count").text == "3 rows"
        notice = root.by_id("truncated").text
        assert "cut at 3 rows" in notice
        assert len(root.by_id("results-table").find_all("tbody")[0].find_all("tr")) == 3


# ---------------------------------------------------------------- results land in view

def test_results_and_errors_are_in_the_answer_anchor(server: LiveServer) -> None:
    """Run sends the browser to /sparql?...#answer: the results, or the error, are there."""
    root = results_page(server, LANGKAT)
    answer = root.by_id("answer")
    assert [e for e in answer.iter() if e.attrs.get("id") == "results-table"]
    reply = server.get("/sparql?" + urlencode({"query": "SELECT * WHERE {"}), Accept=HTML)
    assert reply.status == 400
    answer = parse(reply.text).by_id("answer")
    assert [e for e in answer.iter() if e.attrs.get("id") == "query-error"]


# ---------------------------------------------------------------- SELECT * keeps the order

STAR = ("PREFIX kc: <https://w3id.org/kotacerdas/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "# SELECT ?code ?label ?region would be the alphabetical order\n"
        "SELECT * WHERE { ?region kc:regionCode ?code ; rdfs:label ?label .\n"
        '  FILTER (?code = "12.05") BIND ("?zzz" AS ?a) }')
STAR_ORDER = ["region", "code", "label", "a"]  # first appearance in the WHERE clause


@pytest.mark.parametrize("query", [STAR, STAR.replace("SELECT *", "SELECT DISTINCT *")])
def test_select_star_keeps_the_query_order(server: LiveServer, query: str) -> None:
    root = results_page(server, query)
    headers = [th.text for th in root.by_id("results-table").find_all("th")]
    assert headers == [f"?{name}" for name in STAR_ORDER]
    url = "/sparql?" + urlencode({"query": query})
    as_json = json.loads(server.get(url, Accept="application/sparql-results+json").body)
    assert as_json["head"]["vars"] == STAR_ORDER
    assert list(as_json["results"]["bindings"][0]) == STAR_ORDER
    for media_type, separator in (("text/csv", ","), ("text/tab-separated-values", "\t")):
        first_line = server.get(url, Accept=media_type).text.splitlines()[0]
        names = [name.removeprefix("?") for name in first_line.split(separator)]
        assert names == STAR_ORDER, media_type
    xml = server.get(url, Accept="application/sparql-results+xml").text
    assert re.findall(r'<variable name="(\w+)"', xml) == STAR_ORDER


def test_named_variables_keep_their_order(server: LiveServer) -> None:
    query = ("SELECT ?zeta ?alpha WHERE { { SELECT * WHERE { BIND (1 AS ?alpha) "
             "BIND (2 AS ?zeta) } } }")
    reply = server.get("/sparql?" + urlencode({"query": query}),
                       Accept="application/sparql-results+json")
    assert json.loads(reply.body)["head"]["vars"] == ["zeta", "alpha"]


# ---------------------------------------------------------------- long results, in pages

REGENCIES = ("SELECT ?regency WHERE { ?regency a <https://w3id.org/kotacerdas/ontology#Regency> }"
             " ORDER BY ?regency")


def table_rows(root: Element) -> list[str]:
    body = root.by_id("results-table").find_all("tbody")[0]
    return [tr.text.strip() for tr in body.find_all("tr")]


def test_long_results_are_paged(server: LiveServer) -> None:
    first = results_page(server, REGENCIES, Cookie="lang=en")
    assert first.by_id("result-count").text == "416 rows"
    assert len(table_rows(first)) == 100
    pages = first.by_id("result-pages")
    assert "Rows 1\u2013100 of 416 (page 1 of 5)" in pages.text
    assert not [a for a in pages.find_all("a") if a.attrs.get("rel") == "prev"]
    (forward,) = [a for a in pages.find_all("a") if a.attrs.get("rel") == "next"]
    assert urlsplit(forward.attrs["href"]).fragment == "answer"
    second = page(server, local_path(server, forward.attrs["href"]), Cookie="lang=en")
    assert "Rows 101\u2013200 of 416 (page 2 of 5)" in second.by_id("result-pages").text
    assert not set(table_rows(second)) & set(table_rows(first))
    assert second.by_id("query-editor").text == REGENCIES
    last = page(server, "/sparql?" + urlencode({"query": REGENCIES, "page": 5}))
    assert len(table_rows(last)) == 16
    (back,) = [a for a in last.by_id("result-pages").find_all("a") if a.attrs.get("rel") == "prev"]
    assert parse_qs(urlsplit(back.attrs["href"]).query)["page"] == ["4"]
    seen = set()
    for number in range(1, 6):
        seen |= set(table_rows(page(server, "/sparql?" + urlencode(
            {"query": REGENCIES, "page": number}))))
    assert len(seen) == 416
    # The downloads stay whole.
    links = {a.text: a.attrs["href"] for a in second.by_id("downloads").find_all("a")}
    assert "page" not in parse_qs(urlsplit(links["CSV"]).query)
    as_csv = server.get(local_path(server, links["CSV"]))
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == 416


def test_short_results_have_no_pages(server: LiveServer) -> None:
    root = results_page(server, LANGKAT)
    assert not [e for e in root.iter() if e.attrs.get("id") == "result-pages"]


@pytest.mark.parametrize("number", ["0", "6", "x", "-1", "2.5"])
def test_bad_page_numbers_get_400(server: LiveServer, number: str) -> None:
    reply = server.get("/sparql?" + urlencode({"query": REGENCIES, "page": number}),
                       Accept=HTML, Cookie="lang=en")
    assert reply.status == 400
    assert "page must be a number from 1 to 5" in parse(reply.text).by_id("query-error").text


def test_api_clients_ignore_the_page(server: LiveServer) -> None:
    reply = server.get("/sparql?" + urlencode({"query": REGENCIES, "page": "2"}),
                       Accept="application/sparql-results+json")
    assert reply.status == 200
    assert len(json.loads(reply.body)["results"]["bindings"]) == 416


# ---------------------------------------------------------------- canned queries' forms

def canned_form(root: Element, name: str) -> Element:
    return root.by_id(f"canned-form-{name}")


def test_parameterised_queries_have_a_form(server: LiveServer) -> None:
    root = page(server, "/sparql?lang=en")
    for name, canned in canned_queries().items():
        found = [e for e in root.iter() if e.attrs.get("id") == f"canned-form-{name}"]
        if not canned.param_texts:
            assert not found, name
            continue
        (form,) = found
        assert (form.attrs["method"], form.attrs["action"]) == ("get", "/sparql#answer")
        hidden = [i for i in form.find_all("input") if i.attrs.get("type") == "hidden"]
        assert [(i.attrs["name"], i.attrs["value"]) for i in hidden] == [("canned", name)]
        fields = [e for e in form.iter() if e.tag in ("input", "select")
                  and e.attrs.get("type") != "hidden"]
        assert [e.attrs["name"] for e in fields] == list(canned.param_texts)
        for field_ in fields:
            labels = [e for e in form.find_all("label") if e.attrs.get("for") == field_.attrs["id"]]
            assert len(labels) == 1
    # Few values: a list of them, by label; many: a text box.
    region = canned_form(root, "innovations-of-region").find_all("select")[0]
    options = {o.text: o.attrs["value"] for o in region.find_all("option")}
    assert options["(all)"] == ""
    assert options["Langkat Regency"] == BASE + "region/12.05"
    assert len(options) == 4  # all, and the three regions with innovations
    assert canned_form(root, "evidence-for").find_all("input")[-1].attrs["type"] == "text"


def test_a_canned_form_runs_the_query_with_its_value(server: LiveServer) -> None:
    root = page(server, "/sparql?" + urlencode(
        {"canned": "innovations-of-region", "region": BASE + "region/12.05"}))
    table = root.by_id("results-table")
    headers = [th.text for th in table.find_all("th")]
    rows = table_rows(root)
    assert rows
    region_column = headers.index("?region")
    for tr in table.find_all("tbody")[0].find_all("tr"):
        assert tr.find_all("td")[region_column].text == BASE + "region/12.05"
    # The bound query is in the editor, and the choice stays selected.
    text = root.by_id("query-editor").text
    assert f"kc:region <{BASE}region/12.05>" in text
    (selected,) = [o for o in canned_form(root, "innovations-of-region").find_all("option")
                   if "selected" in o.attrs]
    assert selected.attrs["value"] == BASE + "region/12.05"
    # The same query through the endpoint: what the downloads give.
    links = {a.text: a.attrs["href"] for a in root.by_id("downloads").find_all("a")}
    as_csv = list(csv.DictReader(io.StringIO(server.get(local_path(server, links["CSV"])).text)))
    assert len(as_csv) == len(rows)
    assert {row["region"] for row in as_csv} == {BASE + "region/12.05"}


def test_every_offered_value_answers(server: LiveServer) -> None:
    root = page(server, "/sparql")
    for name, canned in canned_queries().items():
        for param in canned.choices:
            (select,) = canned_form(root, name).find_all("select")
            values = [o.attrs["value"] for o in select.find_all("option") if o.attrs["value"]]
            assert values, name
            for value in values:
                result = page(server, "/sparql?" + urlencode({"canned": name, param: value}))
                assert table_rows(result), f"{name}: {param}={value}"


def test_a_canned_form_takes_this_servers_urls_and_empty_values(server: LiveServer) -> None:
    local = page(server, "/sparql?" + urlencode(
        {"canned": "evidence-for", "entity": f"<{server.url}/innovation/12.05/faba>"}))
    assert f"<{BASE}innovation/12.05/faba> kc:evidence" in local.by_id("query-editor").text
    assert table_rows(local)
    everything = page(server, "/sparql?" + urlencode({"canned": "evidence-for", "entity": ""}))
    assert everything.by_id("query-editor").text == canned_queries()["evidence-for"].text
    assert len(table_rows(everything)) > len(table_rows(local))


@pytest.mark.parametrize(("params", "message"), [
    ({"canned": "innovations-of-region", "region": "Langkat"}, "must be an IRI"),
    ({"canned": "innovations-of-region",
      "region": f"{BASE}region/12.05> }} ?s ?p ?o {{ <x:y"}, "must be an IRI"),
    ({"canned": "innovations-of-region", "region": "javascript alert(1)"}, "must be an IRI"),
    ({"canned": "no-such-query"}, "There is no canned query"),
])
def test_bad_canned_values_get_400(server: LiveServer, params: dict[str, str],
                                   message: str) -> None:
    reply = server.get("/sparql?" + urlencode(params), Accept=HTML)
    assert reply.status == 400
    assert message in reply.text
    assert "Traceback" not in reply.text


@pytest.mark.parametrize(("accept", "fmt", "content_type"), [
    ("text/csv", None, "text/csv"),
    ("application/sparql-results+json", None, "application/sparql-results+json"),
    ("text/turtle", "json", "application/sparql-results+json"),  # format= wins, as anywhere
])
def test_api_clients_run_canned_queries(server: LiveServer, accept: str, fmt: str | None,
                                        content_type: str) -> None:
    """/sparql?canned=NAME&PARAM=IRI is the canned query for programs too, in the format
    they negotiate; unbound, it covers everything."""
    bound = {"canned": "innovations-of-region", "region": BASE + "region/12.05"}
    reply = server.get("/sparql?" + urlencode({**bound, **({"format": fmt} if fmt else {})}),
                       Accept=accept)
    assert reply.status == 200, reply.text[:300]
    assert reply.header("Content-Type").startswith(content_type)
    if content_type == "text/csv":
        rows = list(csv.DictReader(io.StringIO(reply.text)))
        regions = {row["region"] for row in rows}
    else:
        rows = json.loads(reply.body)["results"]["bindings"]
        regions = {row["region"]["value"] for row in rows}
    assert rows
    assert regions == {BASE + "region/12.05"}
    everything = server.get("/sparql?" + urlencode({"canned": "innovations-of-region"}),
                            Accept="text/csv")
    assert len(list(csv.DictReader(io.StringIO(everything.text)))) > len(rows)


@pytest.mark.parametrize(("params", "message"), [
    ({"canned": "innovations-of-region", "region": "Langkat"}, "must be an IRI"),
    ({"canned": "innovations-of-region",
      "region": f"{BASE}region/12.05> }} ?s ?p ?o {{ <x:y"}, "must be an IRI"),
    ({"canned": "no-such-query"}, "There is no canned query"),
])
def test_api_clients_get_400_for_bad_canned_values(server: LiveServer, params: dict[str, str],
                                                   message: str) -> None:
    reply = server.get("/sparql?" + urlencode(params), Accept="application/json")
    assert reply.status == 400
    assert reply.header("Content-Type").startswith("application/json")
    assert message in json.loads(reply.body)["message"]


def test_api_clients_without_canned_get_the_service_description(server: LiveServer) -> None:
    reply = server.get("/sparql", Accept="text/turtle")
    assert reply.status == 200
    assert reply.header("Content-Type").startswith("text/turtle")
    assert "sd:endpoint" in reply.text or "ns#endpoint" in reply.text
