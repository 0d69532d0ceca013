"""SPARQL 1.1 Protocol, Service Description and Graph Store reads, over real HTTP."""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS
from rdflib.query import Result

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


# ---------------------------------------------------------------- started as the README does

DUMP_TYPES = {".nq": "application/n-quads", ".trig": "application/trig",
              ".nt": "application/n-triples", ".ttl": "text/turtle",
              ".jsonld": "application/ld+json", ".json": "application/json"}


@pytest.fixture(scope="module", params=["default", "environment"])
def relative(request: pytest.FixtureRequest, dumps: Path,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`kotacerdas serve` in a folder holding the dumps, naming them by a relative path: no
    --dumps at all (./dumps, as `make run`), or KOTACERDAS_DUMPS=built/dumps."""
    checkout = tmp_path_factory.mktemp("checkout")
    where = "dumps" if request.param == "default" else "built/dumps"
    shutil.copytree(dumps, checkout / where, ignore=shutil.ignore_patterns(".store"))
    env = {"KOTACERDAS_DUMPS": where} if request.param == "environment" else {}
    with live_server(None, checkout, cwd=checkout, env=env) as live:
        yield live


def test_every_dump_downloads_from_relative_dumps(relative: LiveServer, dumps: Path) -> None:
    files = json.loads(relative.get("/dumps/", Accept="application/json").body)["files"]
    assert len(files) >= 10
    for name in [*files, "manifest.json"]:
        reply = relative.get("/dumps/" + name)
        assert reply.status == 200, (name, reply.text)
        assert reply.header("Content-Type").split(";")[0] == DUMP_TYPES[Path(name).suffix]
        if name != "manifest.json":
            assert reply.body == (dumps / name).read_bytes()


@pytest.mark.parametrize("page", ["/dumps/", "/ontology", "/validation"])
def test_dump_links_of_pages_download(relative: LiveServer, page: str) -> None:
    html = relative.get(page, Accept="text/html").text
    links = set(re.findall(r'href="(/dumps/[^"#?]+)"', html))
    assert links, page
    for link in links:
        assert relative.get(link).status == 200, link


# ---------------------------------------------------------------- whole documents

def ontology_version(dumps: Path) -> str:
    graph = Graph().parse(dumps / "ontology.ttl")
    return str(next(graph.objects(None, OWL.versionIRI)))


def local_json_ld(body: bytes, server: LiveServer, dumps: Path) -> Graph:
    """Parse a JSON-LD document that names the published context, with that context loaded
    from the dumps: nothing is fetched."""
    document = json.loads(body)
    assert document["@context"] == server.url + "/dumps/context.jsonld"
    document["@context"] = json.loads((dumps / "context.jsonld").read_text())["@context"]
    return Graph().parse(data=json.dumps(document), format="json-ld")


@pytest.mark.parametrize(("path", "accept", "rdflib_format"), [
    ("/ontology", "text/turtle", "turtle"),
    ("/ontology", "application/n-triples", "nt"),
    ("/ontology", "application/rdf+xml", "xml"),
    ("/ontology", "application/ld+json", "json-ld"),
    ("/ontology.ttl", "text/html", "turtle"),
    ("/ontology.nt", "*/*", "nt"),
    ("/ontology.rdf", "*/*", "xml"),
    ("/ontology.jsonld", "*/*", "json-ld"),
    ("/ontology?format=ttl", "text/html", "turtle"),
    ("{version}", "text/turtle", "turtle"),
    ("{version}.jsonld", "*/*", "json-ld"),
])
def test_ontology_gives_rdf_clients_the_whole_ontology(server: LiveServer, dumps: Path,
                                                       path: str, accept: str,
                                                       rdflib_format: str) -> None:
    version = ontology_version(dumps).removeprefix(BASE)
    reply = server.get(path.format(version="/" + version), Accept=accept)
    assert reply.status == 200, reply.text
    if rdflib_format == "json-ld":
        served = local_json_ld(reply.body, server, dumps)
    else:
        served = Graph().parse(data=reply.body, format=rdflib_format)
    assert isomorphic(served, Graph().parse(dumps / "ontology.ttl"))


def test_version_iri_shows_browsers_the_ontology(server: LiveServer, dumps: Path) -> None:
    version = ontology_version(dumps).removeprefix(BASE)
    page = server.get("/" + version, Accept="text/html")
    ontology = server.get("/ontology", Accept="text/html")
    assert page.status == 200
    assert 'id="Innovation"' in page.text
    assert page.text.count("<h2") == ontology.text.count("<h2")
    assert f'href="{server.url}/{version}"' in ontology.text  # the ontology page links it


@pytest.mark.parametrize("scheme", ["dimension", "category", "role", "stage"])
def test_scheme_gives_rdf_clients_every_concept(server: LiveServer, union: Graph,
                                                scheme: str) -> None:
    reply = server.get(f"/{scheme}", Accept="text/turtle")
    assert reply.status == 200
    served = Graph().parse(data=reply.body, format="turtle")
    iri = URIRef(BASE + scheme)
    concepts = set(union.subjects(SKOS.inScheme, iri)) | set(union.subjects(SKOS.topConceptOf,
                                                                            iri))
    assert len(concepts) >= 2
    for concept in [iri, *concepts]:
        for triple in union.triples((concept, None, None)):
            assert triple in served, triple


# ---------------------------------------------------------------- JSON-LD

@pytest.mark.parametrize(("path", "accept"), [("/region/12.05.jsonld", "*/*"),
                                              ("/region/12.05", "application/ld+json"),
                                              ("/innovation/12.05/faba?format=jsonld", "*/*")])
def test_descriptions_in_json_ld_use_the_published_context(server: LiveServer, dumps: Path,
                                                           path: str, accept: str) -> None:
    reply = server.get(path, Accept=accept)
    assert reply.status == 200
    document = json.loads(reply.body)
    nodes = document["@graph"]
    ids = [node["@id"] for node in nodes]
    assert len(ids) == len(set(ids)) > 3  # one node object per subject
    keys = {key for node in nodes for key in node}
    assert "rdfs:label" in keys  # compacted: terms and prefixes of the context
    assert not any(key.startswith("http") for key in keys)
    stem = path.split("?")[0].removesuffix(".jsonld")
    turtle = Graph().parse(data=server.get(stem + ".ttl").body, format="turtle")
    assert isomorphic(local_json_ld(reply.body, server, dumps), turtle)


def test_construct_in_json_ld_uses_the_published_context(server: LiveServer,
                                                         dumps: Path) -> None:
    query = ("CONSTRUCT { ?i ?p ?o } WHERE { ?i ?p ?o . "
             "FILTER (?i = <https://w3id.org/kotacerdas/innovation/12.05/faba>) }")
    reply = server.get(q(query), Accept="application/ld+json")
    assert reply.status == 200
    turtle = Graph().parse(data=server.get(q(query), Accept="text/turtle").body, format="turtle")
    assert isomorphic(local_json_ld(reply.body, server, dumps), turtle)


# ---------------------------------------------------------------- carriage returns in XML

def test_rdf_xml_keeps_carriage_returns(server: LiveServer) -> None:
    query = 'CONSTRUCT { <http://e/s> <http://e/p> "a\\rb\\r\\nc" } WHERE {}'
    reply = server.get(q(query), Accept="application/rdf+xml")
    assert reply.status == 200
    assert b"\r" not in reply.body
    graph = Graph().parse(data=reply.body, format="xml")
    assert [str(o) for o in graph.objects()] == ["a\rb\r\nc"]


def test_sparql_xml_results_keep_carriage_returns(server: LiveServer) -> None:
    reply = server.get(q('SELECT ?x WHERE { BIND ("a\\rb\\r\\nc" AS ?x) }'),
                       Accept="application/sparql-results+xml")
    parsed = Result.parse(io.BytesIO(reply.body), format="xml")
    assert [str(row[0]) for row in parsed] == ["a\rb\r\nc"]  # type: ignore[index]


def test_rdf_xml_cannot_carry_control_characters(server: LiveServer) -> None:
    reply = server.get(q('CONSTRUCT { <http://e/s> <http://e/p> "bell\\u0007" } WHERE {}'),
                       Accept="application/rdf+xml")
    assert reply.status == 406
    assert "XML" in json.loads(reply.body)["message"]


@pytest.mark.parametrize("query", [
    'CONSTRUCT { <http://e/s> <http://e/1> "a" } WHERE {}',  # no XML name at all
    'CONSTRUCT { <http://e/s> <http://e/p%20> "a" } WHERE {}',
    "CONSTRUCT { <http://e/s> a <http://e/2> } WHERE {}"])  # a type is an element name too
def test_rdf_xml_that_cannot_be_written_gets_406(server: LiveServer, query: str) -> None:
    reply = server.get(q(query), Accept="application/rdf+xml")
    assert reply.status == 406, reply.text
    message = json.loads(reply.body)["message"]
    assert "RDF/XML cannot write <http://e/" in message
    assert "Turtle" in message
    assert server.get(q(query), Accept="text/turtle").status == 200


# ---------------------------------------------------------------- graph pages

def test_graph_store_wants_an_absolute_graph_iri(server: LiveServer) -> None:
    for name in ("foo", "graph/gazetteer", "/graph/gazetteer"):
        reply = server.get("/rdf-graphs?graph=" + quote(name, safe=""), Accept="text/turtle")
        assert reply.status == 400, name
        assert "absolute IRI" in json.loads(server.get(
            "/rdf-graphs?graph=" + quote(name, safe=""), Accept="application/json").body
        )["message"]


def rows_of(html: str) -> int:
    table = html.split('<table class="triples">', 1)[1].split("</table>", 1)[0]
    return table.count("<tr>") - 1  # less the heading


@pytest.mark.parametrize("path", ["/rdf-graphs?graph={name}", "/graph/article/{id}"])
def test_named_graph_page_for_browsers(server: LiveServer, dumps: Path, path: str) -> None:
    article = "2018-langkat-nota-kesepahaman"
    name = BASE + "graph/article/" + article
    first = server.get(path.format(name=quote(name, safe=""), id=article), Accept="text/html")
    assert first.status == 200
    assert first.header("Content-Type").startswith("text/html")
    assert f'href="{server.url}/article/{article}"' in first.text  # the article it holds
    dataset = Dataset().parse(dumps / "kotacerdas.nq", format="nquads")
    size = len(dataset.graph(URIRef(name)))
    assert f"{size} " in first.text
    # Every triple, a page at a time.
    pages = re.findall(r'page=(\d+)">(?:last|terakhir)', first.text)
    assert pages
    seen = rows_of(first.text)
    for number in range(2, int(pages[0]) + 1):
        sep = "&" if "?" in path else "?"
        page = server.get(path.format(name=quote(name, safe=""), id=article)
                          + f"{sep}page={number}", Accept="text/html")
        seen += rows_of(page.text)
    assert seen == size
    # Sorted: the pages hold the triples in one order, subject by subject.
    subjects = []
    for number in range(1, int(pages[0]) + 1):
        sep = "&" if "?" in path else "?"
        listed = server.get(path.format(name=quote(name, safe=""), id=article)
                          + f"{sep}page={number}", Accept="text/html").text
        subjects += [BASE + href.removeprefix(server.url + "/") for href in re.findall(
            r'<th scope="rowgroup"[^>]*><a href="([^"]+)"', listed)]
    assert len(subjects) > 10
    assert subjects == sorted(subjects)
    # The data links stay data, whatever a browser accepts.
    links = re.findall(r'<a href="([^"]+)" type="(application/[a-z+-]+|text/turtle)"',
                       first.text)
    assert {media_type for _, media_type in links} == {
        "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"}
    for link, media_type in links:
        data = server.get(link.replace("&amp;", "&"), Accept="text/html")
        assert data.status == 200
        assert data.header("Content-Type").split(";")[0] == media_type


def test_gazetteer_graph_page_gives_the_sources_the_data_names(server: LiveServer,
                                                                 dumps: Path) -> None:
    gazetteer = URIRef(BASE + "graph/gazetteer")
    dataset = Dataset().parse(dumps / "kotacerdas.nq", format="nquads")
    void = Graph().parse(dumps / "void.ttl", format="turtle")
    sources = {source: graph for graph in (dataset, void)
               for source in graph.objects(gazetteer, DCTERMS.source)}
    rights = {str(r) for graph in (dataset, void) for r in graph.objects(gazetteer, DCTERMS.rights)
              if r.language in (None, "en")}
    page = server.get("/graph/gazetteer?lang=en", Accept="text/html")
    assert page.status == 200
    if not sources and not rights:  # nothing hard-coded: the page says what the data says
        assert 'id="graph-credits"' not in page.text
        return
    credits = html.unescape(page.text.split('id="graph-credits"', 1)[1].split("</div>", 1)[0])
    for text in rights:
        assert text in credits
    for source, graph in sources.items():
        names = {str(n) for p in (RDFS.label, DCTERMS.title) for n in graph.objects(source, p)}
        assert any(name in credits for name in names) or str(source) in credits, source
        for notice in graph.objects(source, DCTERMS.rights):
            assert str(notice) in credits


@pytest.mark.parametrize("number", ["0", "999", "x", "-1"])
@pytest.mark.parametrize("path", ["/graph/article/2018-langkat-nota-kesepahaman?page={n}",
                                  "/rdf-graphs?default&page={n}",
                                  "/sparql?query=" + quote(LANGKAT_INNOVATIONS) + "&page={n}"])
def test_paged_views_refuse_a_page_that_is_not_there(server: LiveServer, path: str,
                                                     number: str) -> None:
    """One rule for every paged view (they are pages for browsers): 400 with a message."""
    reply = server.get(path.format(n=number), Accept="text/html")
    assert reply.status == 400
    assert re.search(r"page must be a number from 1 to \d+ \(\d+ (rows|triples)", reply.text)


def test_graph_iri_gives_rdf_clients_the_graph(server: LiveServer, dumps: Path) -> None:
    dataset = Dataset().parse(dumps / "kotacerdas.nq", format="nquads")
    expected = dataset.graph(URIRef(BASE + "graph/reference"))
    for path, accept in (("/graph/reference", "text/turtle"), ("/graph/reference.ttl", "*/*")):
        reply = server.get(path, Accept=accept)
        assert reply.status == 200
        assert reply.header("Content-Type").startswith("text/turtle")
        assert 'rel="alternate"' in reply.header("Link")
        assert isomorphic(Graph().parse(data=reply.body, format="turtle"), expected)


def test_default_graph_page_lists_the_named_graphs(server: LiveServer) -> None:
    page = server.get("/rdf-graphs?default", Accept="text/html")
    assert page.status == 200
    names = json.loads(server.get("/health").body)["graphs"]
    assert page.text.count(f'href="{server.url}/graph/') == names
    assert rows_of(page.text) == 100
    assert server.get("/rdf-graphs", Accept="text/html").status == 200
