"""Standard SPARQL clients work without special cases; canned queries answer as rdflib does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from kotacerdas.graph.queries import canned_queries
from tests.server_fixtures import LiveServer, live_server

SELECT = ("PREFIX kc: <https://w3id.org/kotacerdas/ontology#> "
          "SELECT ?i WHERE { ?i kc:region <https://w3id.org/kotacerdas/region/64.08> ; "
          "kc:dimension ?d }")
CONSTRUCT = ("CONSTRUCT { <https://w3id.org/kotacerdas/region/12.05> ?p ?o } WHERE "
             "{ <https://w3id.org/kotacerdas/region/12.05> ?p ?o }")


@pytest.fixture(scope="module")
def server(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(dumps, tmp_path_factory.mktemp("clients")) as live:
        yield live


def wrapper(server: LiveServer, query: str, fmt: str, method: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(server: LiveServer, fmt: str, method: str) -> None:
    converted = wrapper(server, SELECT, fmt, method).query().convert()
    if fmt == JSON:
        assert len(converted["results"]["bindings"]) == 7  # type: ignore[index]
    elif fmt == XML:
        assert len(converted.getElementsByTagName("result")) == 7  # type: ignore[union-attr]
    else:
        assert len(converted.decode("utf-8").strip().splitlines()) == 8  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_construct(server: LiveServer, fmt: str) -> None:
    result = wrapper(server, CONSTRUCT, fmt, "GET").query()
    graph = result.convert()
    if not isinstance(graph, Graph):  # Turtle and N3 come back as bytes
        graph = Graph().parse(data=graph, format="turtle")
    assert (URIRef("https://w3id.org/kotacerdas/region/12.05"), None, None) in graph


def test_sparqlwrapper_ask(server: LiveServer) -> None:
    assert wrapper(server, "ASK { ?s ?p ?o }", JSON, "GET").query().convert()["boolean"] is True


def test_rdflib_sparqlstore(server: LiveServer) -> None:
    graph = Graph(store=SPARQLStore(server.url + "/sparql", returnFormat="json"))
    rows = list(graph.query(SELECT))
    assert len(rows) == 7
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    labels = set(graph.objects(URIRef("https://w3id.org/kotacerdas/region/12.05"), label))
    assert {str(x) for x in labels} == {"Kabupaten Langkat", "Langkat Regency"}


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_canned_query_through_the_endpoint(name: str, server: LiveServer, union: Graph) -> None:
    """Each canned query answers through HTTP exactly as rdflib answers it in-process."""
    query = canned_queries()[name]
    expected = {tuple(str(v) if v is not None else "" for v in row) for row in query.run(union)}
    client = wrapper(server, query.text, JSON, "POST")
    body = client.query().convert()
    variables = body["head"]["vars"]  # type: ignore[index]
    got = {tuple(_value(b.get(v)) for v in variables)
           for b in body["results"]["bindings"]}  # type: ignore[index]
    assert got == expected
    assert got


def _value(binding: dict | None) -> str:
    if binding is None:
        return ""
    if binding.get("datatype") == "http://www.w3.org/2001/XMLSchema#boolean":
        return binding["value"]
    return binding["value"]
