"""Stand-ins over the read layer (server/read.py) for the ontology and list pages until they
read through it themselves: no helper of its own. Delete with their last use."""

from __future__ import annotations

from collections.abc import Iterable

from kotacerdas.server.read import (
    DCT,
    KC,
    OWL,
    RDF,
    RDFS,
    SKOS,
    Knowledge,
    Literal,
    Quote,
    Row,
    iri_of,
    iri_ok,
    text_of,
    values_blocks,
)
from kotacerdas.server.read import Query as ReadQuery
from kotacerdas.server.state import reader

__all__ = ["DCT", "KC", "OWL", "RDF", "RDFS", "SKOS", "Names", "choose_literal", "evidence",
           "iri_of", "query", "ref", "text_of", "values"]


def query(sparql: str) -> list[Row]:
    return reader().run(ReadQuery(sparql))[0]


def ref(iri: str) -> str:
    """`<iri>` for a query; refuses anything that is not a well-formed IRI."""
    if not iri_ok(iri):
        raise ValueError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def values(iris: Iterable[str]) -> str:
    return " ".join(values_blocks(iris))


def choose_literal(literals: Iterable[Literal]) -> Literal | None:
    return reader().choose(literals)


def evidence(nodes: Iterable[str]) -> dict[str, list[Quote]]:
    return reader().lookup(evidence=nodes)[0].evidence


class Names:
    @staticmethod
    def fetch(iris: Iterable[str]) -> Knowledge:
        return reader().lookup(names=iris)[0]
