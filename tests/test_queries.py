"""The canned queries: documented in both languages, parameterised by `?_name`, each one
answers, and parameters are bound safely (checked terms, never pasted text)."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kotacerdas.graph.queries import canned_queries, parse

QUERIES = canned_queries()
REGION = URIRef("https://w3id.org/kotacerdas/region/12.05")


@pytest.fixture(scope="module")
def store(dumps: Path) -> ox.Store:
    """The built graph in Oxigraph, the engine the server runs the queries on."""
    loaded = ox.Store()
    loaded.bulk_load(path=str(dumps / "kotacerdas.nt"), format=ox.RdfFormat.N_TRIPLES)
    return loaded


def rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{name: str(s[name]) for name in names if s[name] is not None} for s in solutions]


def test_queries_are_found() -> None:
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_is_documented_and_answers(name: str, union: Graph) -> None:
    query = QUERIES[name]
    assert query.summary
    assert query.description
    used = set(re.findall(r"\?_(\w+)", query.text.split("\nPREFIX", 1)[1]))
    assert used == set(query.param_texts), "every ?_param is documented by '#+ param:' and vice versa"
    rows = list(query.run(union))
    assert rows, f"{name} returns nothing on the seed graph"


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
        QUERIES["awards"].run(union, region="x")
    with pytest.raises(ValueError, match="unknown parameter"):
        QUERIES["awards"].bound_text({"region": REGION})


def test_query_without_summary_is_refused() -> None:
    with pytest.raises(ValueError, match="summary"):
        parse("nameless", "SELECT * WHERE { ?s ?p ?o }")


# ---------------------------------------------------------------- binding parameters

PARAMETERISED = sorted(name for name, q in QUERIES.items() if q.param_texts)


@pytest.mark.parametrize("name", PARAMETERISED)
def test_choices_are_the_values_with_answers(name: str, store: ox.Store) -> None:
    """Each value the query page offers gives rows, exactly the unbound query's rows for it."""
    query = QUERIES[name]
    everything = rows(store, query.text)
    for param in query.choices:
        values = [row["_" + param] for row in rows(store, query.choices_query(param))]
        assert values, f"{name}: no choices for ?_{param}"
        for value in values:
            bound = rows(store, query.bound_text({param: URIRef(value.strip("<>"))}))
            expected = [row for row in everything if row.get(param) == value]
            assert bound, f"{name}: ?_{param} = {value} is offered but answers nothing"
            assert sorted(map(sorted, map(dict.items, bound))) == sorted(
                map(sorted, map(dict.items, expected)))


def test_bound_text_replaces_the_variable_everywhere_but_in_comments() -> None:
    query = QUERIES["events-of-region"]  # ?_region is read inside a sub-query
    text = query.bound_text({"region": REGION})
    body = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in body if "?_region" in line]
    original = [line for line in query.text.splitlines() if not line.lstrip().startswith("#")]
    assert sum(line.count(f"<{REGION}>") for line in body) == sum(
        line.count("?_region") for line in original) == 5  # four branches and the BIND
    assert [line for line in text.splitlines() if line.startswith("#")] == [
        line for line in query.text.splitlines() if line.startswith("#")]
    assert query.bound_text({}) == query.text


@pytest.mark.parametrize("value", [
    "https://w3id.org/kotacerdas/region/12.05> } ?s ?p ?o . { <x:y",
    "no-scheme", "https://w3id.org/x y", 'https://w3id.org/"', ""])
def test_bound_text_refuses_what_is_not_an_iri(value: str) -> None:
    with pytest.raises(ValueError, match="not an absolute IRI"):
        QUERIES["innovations-of-region"].bound_text({"region": URIRef(value)})


def test_bound_text_writes_literals_escaped(store: ox.Store) -> None:
    query = parse("q", '#+ summary: A\n#+ summary_id: B\n#+ param: name  a name\n'
                       "SELECT ?label WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label>"
                       " ?_name BIND (?_name AS ?label) }")
    text = query.bound_text({"name": Literal('Kabupaten "Langkat" }', lang="id")})
    assert rows(store, text) == []  # one well-formed literal, matching nothing
    found = rows(store, query.bound_text({"name": Literal("Kabupaten Langkat", lang="id")}))
    assert found == [{"label": '"Kabupaten Langkat"@id'}]
    with pytest.raises(TypeError):
        query.bound_text({"name": "Kabupaten Langkat"})  # type: ignore[dict-item]
