"""The canned queries: documented in both languages, parameterised by their own result
variables, and bound by the engine: every answer, bound and unbound, is rdflib's answer, in
process (pyoxigraph, substitution) and through the endpoint (`kotacerdas serve`)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kotacerdas.graph.queries import CannedQuery, canned_queries, parse
from tests.server_fixtures import LiveServer, live_server

QUERIES = canned_queries()
REGION = URIRef("https://w3id.org/kotacerdas/region/12.05")


@pytest.fixture(scope="module")
def store(dumps: Path) -> ox.Store:
    """The built graph in Oxigraph, the engine the server runs the queries on."""
    loaded = ox.Store()
    loaded.bulk_load(path=str(dumps / "kotacerdas.nt"), format=ox.RdfFormat.N_TRIPLES)
    return loaded


Row = tuple[Node | None, ...]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def rdflib_term(term: object) -> Node | None:
    """A pyoxigraph term as the rdflib term it stands for (None for an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def json_term(binding: dict[str, str] | None) -> Node | None:
    """A SPARQL 1.1 JSON results binding as an rdflib term."""
    if binding is None:
        return None
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return BNode(binding["value"])
    datatype = binding.get("datatype")
    return Literal(binding["value"], lang=binding.get("xml:lang"),
                   datatype=URIRef(datatype) if datatype and datatype != XSD_STRING else None)


def oxigraph_answer(store: ox.Store, query: CannedQuery, values: dict[str, URIRef]
                    ) -> tuple[list[str], Counter[Row]]:
    """Variables and rows (a multiset) of the query in pyoxigraph, its parameters bound by
    substitution as the endpoint binds them."""
    solutions = store.query(query.text, substitutions={
        ox.Variable(name): ox.NamedNode(str(value))
        for name, value in query.bindings(values).items()})
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return names, Counter(tuple(rdflib_term(s[name]) for name in names) for s in solutions)


def rdflib_answer(union: Graph, query: CannedQuery, values: dict[str, URIRef]
                  ) -> tuple[list[str], Counter[Row]]:
    result = query.run(union, **values)
    names = [str(v) for v in result.vars or []]
    return names, Counter(tuple(row) for row in result)  # type: ignore[arg-type]


def parameter_values(store: ox.Store, query: CannedQuery) -> Iterator[dict[str, URIRef]]:
    """Unbound, then each parameter bound to each value its choices offer (or to the
    documented example when it has none) and to a value with no answers."""
    yield {}
    for param, texts in query.param_texts.items():
        if param in query.choices:
            found = store.query(query.choices_query(param))
            assert isinstance(found, ox.QuerySolutions)
            values = sorted(str(row[f"_{param}"].value) for row in found)
            assert values, f"{query.name}: no choices for ?{param}"
        else:
            values = re.findall(r"<([^>]+)>", texts["en"])
        for value in [*values, "https://w3id.org/kotacerdas/nothing"]:
            yield {param: URIRef(value)}


def test_queries_are_found() -> None:
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_is_documented_and_answers(name: str, union: Graph) -> None:
    query = QUERIES[name]
    assert query.summary
    assert query.description
    body = query.text.split("\nPREFIX", 1)[1]
    assert not re.findall(r"[?$]_\w+", body), "parameters are result variables, not ?_name"
    rows = list(query.run(union))
    assert rows, f"{name} returns nothing on the seed graph"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_parameters_are_projected(name: str, store: ox.Store) -> None:
    """Oxigraph binds only projected variables: each parameter is a result column."""
    query = QUERIES[name]
    solutions = store.query(query.text)
    assert isinstance(solutions, ox.QuerySolutions)
    assert set(query.param_texts) <= {v.value for v in solutions.variables}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_is_described_in_both_languages(name: str) -> None:
    query = QUERIES[name]
    assert set(query.summaries) == {"en", "id"}
    assert set(query.descriptions) == {"en", "id"}
    assert query.title("id") != query.title("en")
    assert query.about("id") != query.about("en")
    assert query.title("en") == query.summary
    for param in query.param_texts:
        assert query.param_about(param, "id") != query.param_about(param, "en")
        assert query.param_about(param, "en") == query.param_texts[param]["en"]


def test_languages_fall_back_to_english() -> None:
    query = parse("q", "#+ summary: Everything\n#+ summary_id: Semuanya\n"
                       "#+ description: All triples.\nSELECT * WHERE { ?s ?p ?o }")
    assert (query.title("id"), query.title("en"), query.title("fr")) == (
        "Semuanya", "Everything", "Everything")
    assert query.about("id") == "All triples."


@pytest.mark.parametrize("header", [
    "#+ summary: Only English",
    "#+ summary_id: Hanya bahasa Indonesia",
    "#+ summary: A\n#+ summary_id: B\n#+ summary-id: typo",
    "#+ summary: A\n#+ summary_id: B\n#+ choices: x  { ?_x a ?y }",
])
def test_malformed_headers_are_refused(header: str) -> None:
    with pytest.raises(ValueError, match=r"summary|header|choices"):
        parse("bad", header + "\nSELECT * WHERE { ?s ?p ?o }")


def test_unknown_parameter_is_refused(union: Graph) -> None:
    with pytest.raises(ValueError, match="unknown parameter"):
        QUERIES["awards"].run(union, region=REGION)
    with pytest.raises(ValueError, match="unknown parameter"):
        QUERIES["awards"].bindings({"region": REGION})
    with pytest.raises(ValueError, match="unknown parameter"):
        QUERIES["awards"].bound_text({"region": REGION})


def test_query_without_summary_is_refused() -> None:
    with pytest.raises(ValueError, match="summary"):
        parse("nameless", "SELECT * WHERE { ?s ?p ?o }")


# ---------------------------------------------------------------- answers, bound and unbound

PARAMETERISED = sorted(name for name, q in QUERIES.items() if q.param_texts)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_answers_are_rdflibs(name: str, store: ox.Store, union: Graph) -> None:
    """pyoxigraph with the parameters substituted answers as rdflib with them bound: the
    same variables and the same rows, as multisets of terms, unbound and bound to every
    value offered (and to one without answers)."""
    query = QUERIES[name]
    for values in parameter_values(store, query):
        names, found = oxigraph_answer(store, query, values)
        expected_names, expected = rdflib_answer(union, query, values)
        assert names == expected_names
        assert found == expected, f"{name} {values}"
        if not values:
            assert found, f"{name} answers nothing unbound"


@pytest.mark.parametrize("name", PARAMETERISED)
def test_bound_is_the_unbound_answer_for_the_value(name: str, store: ox.Store) -> None:
    """Binding a parameter keeps exactly the unbound rows with that value; each value the
    query page offers has rows."""
    query = QUERIES[name]
    names, everything = oxigraph_answer(store, query, {})
    for values in parameter_values(store, query):
        if not values:
            continue
        (param, value), = values.items()
        column = names.index(param)
        _, bound = oxigraph_answer(store, query, values)
        assert bound == Counter({row: n for row, n in everything.items()
                                 if row[column] == value})
        if param in query.choices and not value.endswith("/nothing"):
            assert bound, f"{name}: ?{param} = {value} is offered but answers nothing"


@pytest.mark.parametrize("name", PARAMETERISED)
def test_bound_text_answers_as_the_substitution(name: str, store: ox.Store) -> None:
    """The self-contained text (for engines without substitution) has the same answer."""
    query = QUERIES[name]
    for values in parameter_values(store, query):
        solutions = store.query(query.bound_text(values))
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        found = Counter(tuple(rdflib_term(s[n]) for n in names) for s in solutions)
        assert (names, found) == oxigraph_answer(store, query, values)


def test_bound_text_writes_the_value_in_place_of_the_variable() -> None:
    """As a person would write it: the IRI in the pattern, projected as the column."""
    query = QUERIES["innovations-of-region"]
    text = query.bound_text({"region": REGION})
    body = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in body if re.search(r"[?$]region\b(?! *\))", line)]
    assert f"(<{REGION}> AS ?region)" in text
    assert f"kc:region <{REGION}>" in text
    assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == [
        line for line in query.text.splitlines() if line.lstrip().startswith("#")]
    assert query.bound_text({}) == query.text


@pytest.mark.parametrize("value", [
    "https://w3id.org/kotacerdas/region/12.05> } ?s ?p ?o . { <x:y",
    "no-scheme", "https://w3id.org/x y", 'https://w3id.org/"', ""])
def test_values_that_are_not_iris_are_refused(value: str) -> None:
    query = QUERIES["innovations-of-region"]
    with pytest.raises(ValueError, match="not an absolute IRI"):
        query.bindings({"region": URIRef(value)})
    with pytest.raises(ValueError, match="not an absolute IRI"):
        query.bound_text({"region": URIRef(value)})


def test_bound_text_writes_literals_escaped(store: ox.Store) -> None:
    query = parse("q", '#+ summary: A\n#+ summary_id: B\n#+ param: label  a label\n'
                       "SELECT ?label WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label>"
                       " ?label }")
    text = query.bound_text({"label": Literal('Kabupaten "Langkat" }', lang="id")})
    assert not list(store.query(text))  # type: ignore[arg-type]  # one literal, no match
    found = store.query(query.bound_text({"label": Literal("Kabupaten Langkat", lang="id")}))
    assert [str(row["label"]) for row in found] == ['"Kabupaten Langkat"@id']  # type: ignore
    with pytest.raises(TypeError):
        query.bindings({"label": "Kabupaten Langkat"})  # type: ignore[dict-item]


# ---------------------------------------------------------------- through the endpoint


@pytest.fixture(scope="module")
def server(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(dumps, tmp_path_factory.mktemp("canned")) as live:
        yield live


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_endpoint_answers_as_in_process(name: str, server: LiveServer, store: ox.Store) -> None:
    """GET /sparql?canned=NAME&PARAM=IRI, as the query page and users call a canned query,
    answers exactly what pyoxigraph answers in process, unbound and bound."""
    query = QUERIES[name]
    for values in parameter_values(store, query):
        reply = server.get("/sparql?" + urlencode({"canned": name, **values}),
                           Accept="application/sparql-results+json")
        assert reply.status == 200, reply.text
        body = json.loads(reply.body)
        names = body["head"]["vars"]
        found = Counter(tuple(json_term(b.get(n)) for n in names)
                        for b in body["results"]["bindings"])
        assert (names, found) == oxigraph_answer(store, query, values), f"{name} {values}"
