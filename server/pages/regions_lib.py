"""Stand-ins over the read layer (server/read.py) for the list and recurring pages until
they read through it themselves: no helper of its own. Delete with their last use."""

from __future__ import annotations

from collections.abc import Iterable

from kotacerdas.graph.namespaces import PREFIXES as NAMESPACES
from kotacerdas.server.pages.common import DIMENSION_SLUGS, dimension_rank
from kotacerdas.server.read import KC, Inference, Query, Ref, Row, Term
from kotacerdas.server.state import reader

__all__ = ["DIMENSION_ORDER", "DIMENSION_ROOT", "KC", "PREFIXES", "Inference", "Ref",
           "dimension_rank", "inference", "inferences_for", "names", "ref", "run"]

DIMENSION_ROOT = "https://w3id.org/kotacerdas/dimension/"
DIMENSION_ORDER = list(DIMENSION_SLUGS)
PREFIXES = "".join(f"PREFIX {name}: <{NAMESPACES[name]}>\n"
                   for name in ("kc", "rdf", "rdfs", "skos", "schema", "org", "prov", "dct"))


def run(query: str, max_rows: int = 20_000) -> list[Row]:
    return reader().run(Query(query, max_rows=max_rows))[0]


def names(iris: Iterable[str | None]) -> dict[str, Ref]:
    wanted = [i for i in dict.fromkeys(iris) if i]
    known = reader().lookup(names=wanted)[0]
    return {i: known.ref(i) for i in wanted}


def ref(iri: str, refs: dict[str, Ref]) -> Ref:
    return refs.get(iri) or reader().lookup()[0].ref(iri)


def inferences_for(subjects: Iterable[str | None]) -> dict[tuple[str, str], list[Inference]]:
    found: dict[tuple[str, str], list[Inference]] = {}
    for item in reader().lookup(inferences=subjects)[0].inferences:
        found.setdefault((item.subject, item.predicate), []).append(item)
    return found


def inference(inferences: dict[tuple[str, str], list[Inference]], subject: str,
              predicate: str, value: Term | None = None) -> Inference | None:
    for one in inferences.get((subject, predicate), []):
        if value is None or one.value is None or one.value == value:
            return one
    return None

