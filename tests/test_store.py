"""The executor's side of the store: running a query and writing its result in place."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kotacerdas.server import results
from kotacerdas.server.store import (
    AskResult,
    GraphResult,
    OxigraphStore,
    QueryError,
    QueryRequest,
    SelectResult,
    SerializedResult,
    execute,
)
from kotacerdas.server.terms import IRI, XSD, XSD_STRING, Literal

XSD_INT = XSD + "int"

SELECT = "SELECT ?s ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?o"
CONSTRUCT = "CONSTRUCT WHERE { ?s <http://e/p> ?o }"


@pytest.fixture
def store() -> ox.Store:
    store = ox.Store()
    for n in range(5):
        store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
                          ox.Literal(f"v{n}", language="id")))
    return store


def test_terms_when_no_media_type(store: ox.Store) -> None:
    result = execute(store, QueryRequest(SELECT))
    assert isinstance(result, SelectResult)
    assert result.rows[0] == {"s": IRI("http://e/a"), "o": Literal("v0", lang="id")}
    assert result.rows[0]["s"] is result.rows[1]["s"]  # a repeated term is converted once


@pytest.mark.parametrize("media_type", sorted(results.SELECT_MEDIA_TYPES))
def test_select_written_where_it_runs(store: ox.Store, media_type: str) -> None:
    terms = execute(store, QueryRequest(SELECT, max_rows=3))
    written = execute(store, QueryRequest(SELECT, max_rows=3, media_type=media_type))
    assert isinstance(terms, SelectResult)
    assert isinstance(written, SerializedResult)
    assert (written.form, written.count, written.truncated) == ("SELECT", 3, True)
    assert written.body == results.write_select(media_type, terms.variables, terms.rows,
                                                truncated=True)


def test_truncation_is_stated_in_json(store: ox.Store) -> None:
    written = execute(store, QueryRequest(SELECT, max_rows=2, media_type=results.SPARQL_JSON))
    assert isinstance(written, SerializedResult)
    document = json.loads(written.body)
    assert document["kotacerdas"] == {"truncated": True}
    assert len(document["results"]["bindings"]) == 2


def test_graph_written_where_it_runs(store: ox.Store) -> None:
    written = execute(store, QueryRequest(CONSTRUCT, media_type="application/n-triples"))
    assert isinstance(written, SerializedResult)
    assert (written.form, written.count, written.truncated) == ("CONSTRUCT", 5, False)
    assert len(written.body.decode().strip().splitlines()) == 5


def test_bindings_are_bound_by_the_engine_not_the_text(store: ox.Store) -> None:
    store.add(ox.Quad(ox.NamedNode("http://e/b"), ox.NamedNode("http://e/p"), ox.Literal("w")))
    query = "SELECT ?s ?o WHERE { ?s <http://e/p> ?o }"
    bound = execute(store, QueryRequest(query, bindings={"s": IRI("http://e/b")}))
    assert isinstance(bound, SelectResult)
    assert bound.rows == [{"s": IRI("http://e/b"), "o": Literal("w", datatype=XSD_STRING)}]
    hostile = execute(store, QueryRequest(query, bindings={"s": Literal("> } UNION { ?s ?p ?o")}))
    assert isinstance(hostile, SelectResult)
    assert hostile.rows == []  # a value stays a value


def test_a_batch_runs_in_one_round_trip(tmp_path: Path) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "kotacerdas.nq").write_text("<http://e/a> <http://e/p> \"x\" <http://e/g> .\n")
    (dumps / "kotacerdas.nt").write_text("<http://e/a> <http://e/p> \"x\" .\n")
    (dumps / "manifest.json").write_text(json.dumps({"dataset_version": "t", "triples": 1}))
    oxigraph = OxigraphStore(dumps, workers=1)
    try:
        answers = oxigraph.query_many([QueryRequest("ASK { ?s ?p \"x\" }"),
                                       QueryRequest("SELECT ?o WHERE { ?s ?p ?o }")], 10)
        assert answers == [AskResult(True), SelectResult(["o"], [
            {"o": Literal("x", datatype=XSD_STRING)}])]
        assert oxigraph.query_many([], 10) == []
        with pytest.raises(QueryError) as failed:
            oxigraph.query_many([QueryRequest("ASK {}"), QueryRequest("SELECT nonsense")], 10)
        assert failed.value.kind == "syntax"
    finally:
        oxigraph.close()


def test_media_type_that_does_not_fit_the_form_returns_terms(store: ox.Store) -> None:
    assert isinstance(execute(store, QueryRequest(CONSTRUCT, media_type=results.SPARQL_JSON)),
                      GraphResult)
    assert isinstance(execute(store, QueryRequest("ASK {}", media_type=results.SPARQL_JSON)),
                      AskResult)


def test_json_fast_path_writes_what_the_term_writer_writes() -> None:
    """Every kind of term, unbound variables, escapes and non-ASCII text."""
    store = ox.Store()
    objects = [
        ox.Literal("plain"), ox.Literal("typed string", datatype=ox.NamedNode(XSD_STRING)),
        ox.Literal("Kota", language="ID"), ox.Literal("42", datatype=ox.NamedNode(XSD_INT)),
        ox.Literal('quote " backslash \\ tab \t line \n bell \x07 café 城市 \U0001f600'),
        ox.BlankNode("b1"), ox.NamedNode("https://w3id.org/kotacerdas/region/12.05?q=é"),
    ]
    for n, value in enumerate(objects):
        store.add(ox.Quad(ox.NamedNode(f"http://e/{n}"), ox.NamedNode("http://e/p"), value))
    query = "SELECT ?s ?missing ?o WHERE { ?s <http://e/p> ?o OPTIONAL { ?s <http://e/q> ?missing } }"
    terms = execute(store, QueryRequest(query))
    written = execute(store, QueryRequest(query, media_type=results.SPARQL_JSON))
    assert isinstance(terms, SelectResult)
    assert isinstance(written, SerializedResult)
    assert written.count == len(objects)
    assert written.body == results.select_json(terms.variables, terms.rows)
    bindings = json.loads(written.body)["results"]["bindings"]
    assert {"type": "literal", "value": "Kota", "xml:lang": "id"} in [b["o"] for b in bindings]
