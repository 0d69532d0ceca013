"""The executor's side of the store: running a query and writing its result in place."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kotacerdas.server import results
from kotacerdas.server.store import (
    AskResult,
    GraphResult,
    QueryRequest,
    SelectResult,
    SerializedResult,
    execute,
)
from kotacerdas.server.terms import IRI, Literal

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


def test_media_type_that_does_not_fit_the_form_returns_terms(store: ox.Store) -> None:
    assert isinstance(execute(store, QueryRequest(CONSTRUCT, media_type=results.SPARQL_JSON)),
                      GraphResult)
    assert isinstance(execute(store, QueryRequest("ASK {}", media_type=results.SPARQL_JSON)),
                      AskResult)
