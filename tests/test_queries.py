"""The canned queries: documented, parameterised by `?_name`, and each one answers."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph

from kotacerdas.graph.queries import canned_queries, parse

QUERIES = canned_queries()


def test_queries_are_found() -> None:
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_is_documented_and_answers(name: str, union: Graph) -> None:
    query = QUERIES[name]
    assert query.summary
    assert query.description
    used = set(re.findall(r"\?_(\w+)", query.text))
    assert used == set(query.params), "every ?_param is documented by '#+ param:' and vice versa"
    rows = list(query.run(union))
    assert rows, f"{name} returns nothing on the seed graph"


def test_unknown_parameter_is_refused(union: Graph) -> None:
    with pytest.raises(ValueError, match="unknown parameter"):
        QUERIES["awards"].run(union, region="x")


def test_query_without_summary_is_refused() -> None:
    with pytest.raises(ValueError, match="summary"):
        parse("nameless", "SELECT * WHERE { ?s ?p ?o }")
