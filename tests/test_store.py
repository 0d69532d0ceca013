"""The store: running a query and writing its result where it runs, the query text rewrites
that keeps the row limit and the column order, and the zygote and its forked executors."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kotacerdas.server import media
from kotacerdas.server.safety import with_limit, with_projection
from kotacerdas.server.store import (
    AskResult,
    GraphResult,
    OxigraphStore,
    QueryError,
    QueryRequest,
    ReadOnlyStore,
    SelectResult,
    SerializedResult,
    execute,
    read_manifest,
)
from kotacerdas.server.terms import IRI, XSD, XSD_STRING, Literal, from_oxigraph

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


@pytest.mark.parametrize("media_type", sorted(media.RESULTS_FORMATS))
def test_select_written_where_it_runs(store: ox.Store, media_type: str) -> None:
    written = execute(store, QueryRequest(SELECT, max_rows=3, media_type=media_type))
    assert isinstance(written, SerializedResult)
    assert (written.form, written.count, written.truncated) == ("SELECT", 3, True)
    expected = ["v0", "v1", "v2"]
    if media_type == media.CSV:
        assert written.body.decode().split("\r\n")[1:-1] == [f"http://e/a,{v}" for v in expected]
    else:
        found = ox.parse_query_results(written.body, media.RESULTS_FORMATS[media_type])
        assert isinstance(found, ox.QuerySolutions)
        assert [s["o"].value for s in found] == expected


def test_truncation_is_stated_in_json(store: ox.Store) -> None:
    written = execute(store, QueryRequest(SELECT, max_rows=2, media_type=media.SPARQL_JSON))
    assert isinstance(written, SerializedResult)
    document = json.loads(written.body)
    assert document["kotacerdas"] == {"truncated": True}
    assert len(document["results"]["bindings"]) == 2


def test_a_limit_of_the_query_itself_is_kept(store: ox.Store) -> None:
    for limit, count, truncated in ((2, 2, False), (4, 3, True), (9, 3, True)):
        written = execute(store, QueryRequest(f"{SELECT} LIMIT {limit}", max_rows=3,
                                              media_type=media.TSV))
        assert isinstance(written, SerializedResult)
        assert (written.count, written.truncated) == (count, truncated)


def test_select_star_keeps_the_order_of_the_query(store: ox.Store) -> None:
    query = "SELECT * WHERE { ?zebra <http://e/p> ?apple . BIND (1 AS ?middle) }"
    for media_type in media.RESULTS_FORMATS:
        written = execute(store, QueryRequest(query, media_type=media_type))
        assert isinstance(written, SerializedResult)
        if media_type == media.CSV:
            assert written.body.startswith(b"zebra,apple,middle\r\n")
        else:
            found = ox.parse_query_results(written.body, media.RESULTS_FORMATS[media_type])
            assert isinstance(found, ox.QuerySolutions)
            assert [v.value for v in found.variables] == ["zebra", "apple", "middle"]
    terms = execute(store, QueryRequest(query))
    assert isinstance(terms, SelectResult)
    assert terms.variables == ["zebra", "apple", "middle"]


@pytest.mark.parametrize(("query", "limited"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o }\nLIMIT 11\n"),
    ("SELECT * { ?s ?p ?o } # LIMIT 3", "SELECT * { ?s ?p ?o } # LIMIT 3\nLIMIT 11\n"),
    ("SELECT * { ?s ?p ?o } LIMIT 3", "SELECT * { ?s ?p ?o } LIMIT 3"),
    ("SELECT * { ?s ?p ?o } limit  500 OFFSET 2", "SELECT * { ?s ?p ?o } limit  11 OFFSET 2"),
    ("SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 99 } }",
     "SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 99 } }\nLIMIT 11\n"),
    ("SELECT ?x { ?s ?p ?x } VALUES ?x { 1 }", "SELECT ?x { ?s ?p ?x } LIMIT 11\nVALUES ?x { 1 }"),
    ('SELECT ?x { BIND ("LIMIT 5" AS ?x) }', 'SELECT ?x { BIND ("LIMIT 5" AS ?x) }\nLIMIT 11\n'),
])
def test_with_limit(query: str, limited: str) -> None:
    assert with_limit(query, 11) == limited
    ox.Store().query(limited)  # still a query


def test_with_projection_replaces_only_the_outer_star() -> None:
    assert with_projection("SELECT DISTINCT * { ?b ?a ?c }", ["b", "a", "c"]) == (
        "SELECT DISTINCT ?b ?a ?c { ?b ?a ?c }")
    inner = "SELECT ?a { { SELECT * { ?b ?a ?c } } }"
    assert with_projection(inner, ["a"]) == inner
    assert with_projection("SELECT (COUNT(*) AS ?n) {}", ["n"]) == "SELECT (COUNT(*) AS ?n) {}"


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


def test_json_written_by_pyoxigraph_means_what_the_terms_say() -> None:
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
    query = ("SELECT ?s ?missing ?o WHERE { ?s <http://e/p> ?o "
             "OPTIONAL { ?s <http://e/q> ?missing } } ORDER BY ?s")
    terms = execute(store, QueryRequest(query))
    written = execute(store, QueryRequest(query, media_type=media.SPARQL_JSON))
    assert isinstance(terms, SelectResult)
    assert isinstance(written, SerializedResult)
    assert written.count == len(objects)
    read = ox.parse_query_results(written.body, ox.QueryResultsFormat.JSON)
    assert isinstance(read, ox.QuerySolutions)
    assert [{name: from_oxigraph(s[name]) for name in ("s", "o")} for s in read] == terms.rows
    bindings = json.loads(written.body)["results"]["bindings"]
    assert {"type": "literal", "value": "Kota", "xml:lang": "id"} in [b["o"] for b in bindings]


def test_media_type_that_does_not_fit_the_form_returns_terms(store: ox.Store) -> None:
    assert isinstance(execute(store, QueryRequest(CONSTRUCT, media_type=media.SPARQL_JSON)),
                      GraphResult)
    assert isinstance(execute(store, QueryRequest("ASK {}", media_type=media.SPARQL_JSON)),
                      AskResult)


def test_graph_results_are_cut_at_the_row_limit(store: ox.Store) -> None:
    written = execute(store, QueryRequest(CONSTRUCT, max_rows=2, media_type=media.NTRIPLES))
    assert isinstance(written, SerializedResult)
    assert (written.count, written.truncated) == (2, True)
    assert len(written.body.decode().strip().splitlines()) == 2


@pytest.mark.parametrize("update", [
    'INSERT DATA { <http://e/x> <http://e/p> "new" }',
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "LOAD <http://example.org/data.ttl>",
])
def test_an_update_never_reaches_the_store(store: ox.Store, update: str) -> None:
    before = len(store)
    readonly = ReadOnlyStore(store)
    for media_type in (None, media.SPARQL_JSON):
        with pytest.raises(SyntaxError):
            execute(readonly, QueryRequest(update, media_type=media_type))
    assert len(store) == before
    assert not hasattr(readonly, "update")
    assert not hasattr(readonly, "add")


# ---------------------------------------------------------------------------- the zygote


def tiny_dumps(folder: Path) -> Path:
    folder.mkdir()
    (folder / "kotacerdas.nq").write_text("<http://e/a> <http://e/p> \"x\" <http://e/g> .\n")
    (folder / "kotacerdas.nt").write_text("<http://e/a> <http://e/p> \"x\" .\n")
    (folder / "manifest.json").write_text(json.dumps({"dataset_version": "t", "triples": 1,
                                                      "files": {}}))
    return folder


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = OxigraphStore(tiny_dumps(tmp_path_factory.mktemp("store") / "dumps"), workers=1)
    yield store
    store.close()


def test_a_batch_runs_in_one_round_trip(oxigraph: OxigraphStore) -> None:
    answers = oxigraph.query_many([QueryRequest("ASK { ?s ?p \"x\" }"),
                                   QueryRequest("SELECT ?o WHERE { ?s ?p ?o }")], 10)
    assert answers == [AskResult(True), SelectResult(["o"], [
        {"o": Literal("x", datatype=XSD_STRING)}])]
    assert oxigraph.query_many([], 10) == []
    with pytest.raises(QueryError) as failed:
        oxigraph.query_many([QueryRequest("ASK {}"), QueryRequest("SELECT nonsense")], 10)
    assert failed.value.kind == "syntax"


def test_the_dataset_is_loaded_as_the_dumps_say(oxigraph: OxigraphStore) -> None:
    assert oxigraph.graph_names() == frozenset({"http://e/g"})
    assert (oxigraph.dataset_version, oxigraph.triple_count()) == ("t", 1)
    assert oxigraph.query(QueryRequest("ASK { GRAPH <http://e/g> { ?s ?p \"x\" } }"), 10) == (
        AskResult(True))


def children(pid: int) -> set[int]:
    return {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def test_a_runaway_query_is_killed_and_a_fork_replaces_its_executor(
        oxigraph: OxigraphStore) -> None:
    zygote = oxigraph.zygote.process.pid
    assert zygote is not None
    before = children(zygote)
    assert len(before) == 1
    endless = ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o "
               "VALUES ?a { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 } "
               "VALUES ?b { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 } "
               "VALUES ?c { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 } "
               "VALUES ?d { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 } "
               "VALUES ?e { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 } "
               "VALUES ?f { 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 } }")
    with pytest.raises(QueryError) as failed:
        oxigraph.query(QueryRequest(endless), 0.5)
    assert failed.value.kind == "timeout"
    (old,) = before
    assert not os.path.exists(f"/proc/{old}") or Path(f"/proc/{old}/stat").read_text(
        ).split()[2] == "Z"  # killed (at most not yet reaped)
    deadline = time.monotonic() + 30
    while oxigraph.workers()["busy"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert oxigraph.query(QueryRequest("ASK { ?s ?p \"x\" }"), 10) == AskResult(True)
    after = children(zygote)
    assert old not in after
    assert len(after) == 1


def test_the_manifest_is_read_in_one_place(tmp_path: Path) -> None:
    manifest = read_manifest(tiny_dumps(tmp_path / "dumps"))
    assert (manifest.dataset_version, manifest.triples, manifest.names) == (
        "t", 1, ["manifest.json"])
    with pytest.raises(FileNotFoundError, match="kotacerdas build"):
        read_manifest(tmp_path)
