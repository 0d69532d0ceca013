"""SPARQL 1.1 Protocol, Service Description and Graph Store reads, over real HTTP."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from tests.server_fixtures import LiveServer, live_server

BASE = "https://w3id.org/kotacerdas/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LANGKAT_INNOVATIONS = (
    "PREFIX kc: <https://w3id.org/kotacerdas/ontology#> "
    "SELECT ?i WHERE { ?i kc:region <https://w3id.org/kotacerdas/region/12.05> ; a kc:QuickWin }")
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def server(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(dumps, tmp_path_factory.mktemp("server")) as live:
        yield live


def q(query: str, **params: str) -> str:
    return "/sparql?" + urlencode({"query": query, **params})


def solutions(reply_body: bytes, fmt: ox.QueryResultsFormat) -> list[dict[str, str]]:
    if fmt == ox.QueryResultsFormat.CSV:  # pyoxigraph does not read CSV (it is lossy)
        return list(csv.DictReader(io.StringIO(reply_body.decode("utf-8"))))
    parsed = ox.parse_query_results(reply_body, format=fmt)
    return [{v.value: s[v].value for v in parsed.variables if s[v] is not None} for s in parsed]


def count(server: LiveServer, query: str, **params: str) -> int:
    reply = server.get(q(query, **params), Accept=JSON)
    assert reply.status == 200, reply.text
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


# ---------------------------------------------------------------- the three ways to query

def test_get(server: LiveServer, dumps: Path) -> None:
    reply = server.get(q(COUNT))
    assert reply.status == 200
    assert reply.header("Content-Type") == "application/sparql-results+json; charset=utf-8"
    union = json.loads((dumps / "manifest.json").read_text())["triples"]
    assert count(server, COUNT) == union


def test_post_form(server: LiveServer) -> None:
    reply = server.request("POST", "/sparql", urlencode({"query": LANGKAT_INNOVATIONS}),
                           {"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON})
    assert reply.status == 200
    assert len(json.loads(reply.body)["results"]["bindings"]) == 3


def test_post_direct(server: LiveServer) -> None:
    reply = server.request("POST", "/sparql", LANGKAT_INNOVATIONS,
                           {"Content-Type": "application/sparql-query", "Accept": JSON})
    assert reply.status == 200
    assert len(json.loads(reply.body)["results"]["bindings"]) == 3


# ---------------------------------------------------------------- formats and negotiation

@pytest.mark.parametrize(("accept", "fmt", "content_type"), [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON,
     "application/sparql-results+json"),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    ("text/csv", ox.QueryResultsFormat.CSV, "text/csv"),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV, "text/tab-separated-values"),
])
def test_select_formats(server: LiveServer, accept: str, fmt: ox.QueryResultsFormat,
                        content_type: str) -> None:
    reply = server.get(q(LANGKAT_INNOVATIONS), Accept=accept)
    assert reply.status == 200
    assert reply.header("Content-Type").startswith(content_type)
    assert "charset=utf-8" in reply.header("Content-Type")
    assert "Accept" in reply.header("Vary")
    found = {row["i"] for row in solutions(reply.body, fmt)}
    assert found == {BASE + "innovation/12.05/" + n for n in ("bursa-kerja", "bank-sampah", "faba")}


def test_q_values_and_format_parameter(server: LiveServer) -> None:
    reply = server.get(q(LANGKAT_INNOVATIONS),
                       Accept="text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1")
    assert reply.header("Content-Type").startswith("application/sparql-results+xml")
    reply = server.get(q(LANGKAT_INNOVATIONS, format="tsv"), Accept="text/csv")
    assert reply.header("Content-Type").startswith("text/tab-separated-values")


def test_select_is_never_turtle(server: LiveServer) -> None:
    reply = server.get(q(LANGKAT_INNOVATIONS), Accept="text/turtle")
    assert reply.status == 406
    assert "application/sparql-results+json" in reply.text


def test_ask(server: LiveServer) -> None:
    reply = server.get(q("ASK { ?s a <https://w3id.org/kotacerdas/ontology#Award> }"), Accept=JSON)
    assert json.loads(reply.body) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_formats(server: LiveServer, accept: str, rdflib_format: str) -> None:
    query = ("CONSTRUCT { ?i ?p ?o } WHERE { ?i ?p ?o . "
             "FILTER (?i = <https://w3id.org/kotacerdas/innovation/12.05/faba>) }")
    reply = server.get(q(query), Accept=accept)
    assert reply.status == 200
    assert reply.header("Content-Type").startswith(accept)
    graph = Graph().parse(data=reply.body, format=rdflib_format)
    assert (URIRef(BASE + "innovation/12.05/faba"), None, None) in graph
    assert len(graph) > 5


def test_describe_returns_a_graph(server: LiveServer) -> None:
    reply = server.get(q("DESCRIBE <https://w3id.org/kotacerdas/region/12.05>"),
                       Accept="application/n-triples")
    assert reply.status == 200
    graph = Graph().parse(data=reply.body, format="nt")
    assert (URIRef(BASE + "region/12.05"), None, None) in graph


# ---------------------------------------------------------------- the dataset

def test_default_graph_is_the_union_and_graphs_are_named(server: LiveServer) -> None:
    per_graph = server.get(q("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                             "GROUP BY ?g"), Accept=JSON)
    rows = json.loads(per_graph.body)["results"]["bindings"]
    names = {row["g"]["value"] for row in rows}
    assert BASE + "graph/gazetteer" in names
    assert len([n for n in names if "/graph/article/" in n]) == 5


def test_default_graph_uri_restricts_and_overrides_from(server: LiveServer) -> None:
    article = BASE + "graph/article/2024-humbang-hasundutan-rapat-dewan-smart-city"
    only = count(server, COUNT, **{"default-graph-uri": article})
    assert 100 < only < 1000
    with_from = f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/gazetteer> WHERE {{ ?s ?p ?o }}"
    assert count(server, with_from) > 5000
    assert count(server, with_from, **{"default-graph-uri": article}) == only


def test_named_graph_uri(server: LiveServer) -> None:
    article = BASE + "graph/article/2024-langkat-evaluasi-tahap-i"
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert count(server, query, **{"named-graph-uri": article}) == 1


def test_unknown_dataset_graph_is_refused(server: LiveServer) -> None:
    reply = server.get(q(COUNT, **{"default-graph-uri": "https://example.org/elsewhere"}),
                       Accept="application/json")
    assert reply.status == 400
    assert "does not have" in json.loads(reply.body)["message"]


# ---------------------------------------------------------------- service description

def test_service_description(server: LiveServer) -> None:
    reply = server.get("/sparql", Accept="text/turtle")
    assert reply.status == 200
    assert reply.header("Content-Type").startswith("text/turtle")
    graph = Graph().parse(data=reply.body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = URIRef(server.url + "/sparql")
    assert (service, URIRef(sd + "endpoint"), service) in graph
    formats = set(graph.objects(service, URIRef(sd + "resultFormat")))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_TSV") in formats
    named = list(graph.objects(None, URIRef(sd + "namedGraph")))
    assert len(named) == json.loads(server.get("/health").body)["graphs"] >= 8
    assert (None, URIRef("http://rdfs.org/ns/void#triples"), None) in graph


def test_service_description_page_for_browsers(server: LiveServer) -> None:
    reply = server.get("/sparql", Accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
    assert reply.status == 200
    assert reply.header("Content-Type").startswith("text/html")
    assert "innovations-of-region.rq" in reply.text


# ---------------------------------------------------------------- graph store (read side)

def test_graph_store_named_graph(server: LiveServer, dumps: Path) -> None:
    name = BASE + "graph/article/2018-langkat-nota-kesepahaman"
    reply = server.get("/rdf-graphs?graph=" + quote(name, safe=""), Accept="application/n-triples")
    assert reply.status == 200
    served = Graph().parse(data=reply.body, format="nt")
    dataset = Dataset().parse(dumps / "kotacerdas.nq", format="nquads")
    assert isomorphic(served, dataset.graph(URIRef(name)))


def test_graph_store_default_and_head(server: LiveServer) -> None:
    get = server.get("/rdf-graphs?default", Accept="text/turtle")
    head = server.request("HEAD", "/rdf-graphs?default", headers={"Accept": "text/turtle"})
    assert get.status == head.status == 200
    assert head.body == b""
    assert head.header("Content-Type") == get.header("Content-Type")
    assert head.header("ETag") == get.header("ETag")


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_graph_store_refuses_writes(server: LiveServer, method: str) -> None:
    reply = server.request(method, "/rdf-graphs?default", "<a> <b> <c> .",
                           {"Content-Type": "text/turtle"})
    assert reply.status == 405
    assert "GET" in reply.header("Allow")


def test_graph_store_errors(server: LiveServer) -> None:
    assert server.get("/rdf-graphs?graph=https%3A%2F%2Fexample.org%2Fnone").status == 404
    assert server.get("/rdf-graphs").status == 400


# ---------------------------------------------------------------- HTTP behaviour

def test_cors(server: LiveServer) -> None:
    assert server.get(q("ASK {}")).header("Access-Control-Allow-Origin") == "*"
    post = server.request("POST", "/sparql", "ASK {}", {"Content-Type": "application/sparql-query"})
    assert post.header("Access-Control-Allow-Origin") == "*"
    preflight = server.request("OPTIONS", "/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert preflight.status == 204
    assert "POST" in preflight.header("Access-Control-Allow-Methods")


def test_conditional_requests(server: LiveServer) -> None:
    first = server.get(q(LANGKAT_INNOVATIONS))
    etag, modified = first.header("ETag"), first.header("Last-Modified")
    assert etag
    assert modified
    assert server.get(q(LANGKAT_INNOVATIONS), If_None_Match=etag).status == 304
    assert server.get(q(LANGKAT_INNOVATIONS), If_Modified_Since=modified).status == 304
    other = server.get(q(LANGKAT_INNOVATIONS), Accept="text/csv")
    assert other.header("ETag") != etag


def test_gzip_for_large_responses(server: LiveServer) -> None:
    reply = server.get(q("SELECT * WHERE { ?s ?p ?o } LIMIT 2000"), Accept_Encoding="gzip")
    assert reply.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in reply.header("Vary")
    assert len(json.loads(gzip.decompress(reply.body))["results"]["bindings"]) == 2000


def test_head_behaves_like_get(server: LiveServer) -> None:
    get = server.get(q(LANGKAT_INNOVATIONS))
    head = server.request("HEAD", q(LANGKAT_INNOVATIONS))
    assert head.status == 200
    assert head.body == b""
    assert head.header("Content-Type") == get.header("Content-Type")


# ---------------------------------------------------------------- protocol traps

def test_two_query_parameters(server: LiveServer) -> None:
    reply = server.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert reply.status == 400


@pytest.mark.parametrize("content_type", ["text/plain", None])
def test_wrong_or_missing_content_type(server: LiveServer, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    reply = server.request("POST", "/sparql", "ASK {}", headers)
    assert reply.status == 415


def test_non_utf8_body(server: LiveServer) -> None:
    reply = server.request("POST", "/sparql", "ASK { ?s ?p \"caf\xe9\" }".encode("latin-1"),
                           {"Content-Type": "application/sparql-query"})
    assert reply.status == 400


def test_xml_results_escape_carriage_returns(server: LiveServer) -> None:
    reply = server.get(q('SELECT ?x WHERE { BIND ("a\\rb<&>" AS ?x) }'),
                       Accept="application/sparql-results+xml")
    assert b"\r" not in reply.body
    assert solutions(reply.body, ox.QueryResultsFormat.XML) == [{"x": "a\rb<&>"}]


def test_xml_cannot_carry_control_characters(server: LiveServer) -> None:
    query = q('SELECT ?x WHERE { BIND ("bell\\u0007" AS ?x) }')
    reply = server.get(query, Accept="application/sparql-results+xml")
    assert reply.status == 406
    assert "XML" in json.loads(reply.body)["message"]
    reply = server.get(query, Accept=JSON)  # the same value is fine in JSON
    assert solutions(reply.body, ox.QueryResultsFormat.JSON) == [{"x": "bell\x07"}]


@pytest.mark.parametrize("accept", [JSON, "application/sparql-results+xml"])
@pytest.mark.parametrize("term", ["TRIPLE(<http://e/a>, <http://e/b>, <http://e/c>)",
                                  'STRLANGDIR("a", "en", "ltr")'])
def test_rdf_12_terms_get_400(server: LiveServer, term: str, accept: str) -> None:
    reply = server.get(q(f"SELECT ?t WHERE {{ BIND ({term} AS ?t) }}"), Accept=accept)
    assert reply.status == 400
    assert "SPARQL 1.1" in json.loads(reply.body)["message"]


def test_tsv_escapes_tabs_and_newlines(server: LiveServer) -> None:
    reply = server.get(q('SELECT ?x ?y WHERE { BIND ("a\\tb\\nc" AS ?x) BIND (<http://e/x> AS ?y) }'),
                       Accept="text/tab-separated-values")
    lines = reply.text.splitlines()
    assert lines[0] == "?x\t?y"
    assert lines[1] == '"a\\tb\\nc"\t<http://e/x>'


def test_malformed_query_gets_400_with_position(server: LiveServer) -> None:
    reply = server.get(q("SELECT * WHERE { ?s ?p }"), Accept="application/json")
    assert reply.status == 400
    body = json.loads(reply.body)
    assert body["error"] == "syntax"
    assert "1:" in body["message"]
    page = server.get(q("SELECT * WHERE { ?s ?p }"), Accept="text/html")
    assert page.status == 400
    assert page.header("Content-Type").startswith("text/html")
    assert "Traceback" not in page.text


def test_health_and_versions(server: LiveServer, dumps: Path) -> None:
    health = json.loads(server.get("/health").body)
    manifest = json.loads((dumps / "manifest.json").read_text())
    assert health["dataset_version"] == manifest["dataset_version"]
    assert health["status"] == "ok"
    assert manifest["dataset_version"] in server.get(q("ASK {}")).header("X-Kotacerdas-Version")


def test_request_log(server: LiveServer) -> None:
    server.get(q("ASK { ?s ?p ?o }"))
    log = server.log.read_text()
    assert "GET /sparql 200" in log
    assert "query=" in log


# ---------------------------------------------------------------- site

def test_dumps_are_served_and_listed(server: LiveServer, dumps: Path) -> None:
    listing = json.loads(server.get("/dumps/", Accept="application/json").body)
    assert "kotacerdas.nt" in listing["files"]
    reply = server.get("/dumps/kotacerdas.nt")
    assert reply.status == 200
    assert reply.header("Content-Type").startswith("application/n-triples")
    assert reply.body == (dumps / "kotacerdas.nt").read_bytes()
    page = server.get("/dumps/", Accept="text/html")
    assert "kotacerdas.jsonld" in page.text


@pytest.mark.parametrize("path", ["/dumps/..%2F..%2Fetc%2Fpasswd", "/dumps/.store",
                                  "/dumps/%2e%2e", "/dumps/nothing.nt"])
def test_dump_paths_cannot_escape(server: LiveServer, path: str) -> None:
    assert server.get(path).status == 404


def test_home_page(server: LiveServer) -> None:
    page = server.get("/", Accept="text/html")
    assert page.status == 200
    assert "Kota Cerdas KG" in page.text
    assert page.header("Content-Security-Policy")
    assert page.header("X-Content-Type-Options") == "nosniff"
