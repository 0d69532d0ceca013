"""What several page kinds share that needs the app: named graphs cited as sources, and the
dataset's tables (the six dimensions in the scheme's order), cached per dataset version."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import get_args

from flask import current_app, url_for

from kotacerdas.graph.sources import Dimension
from kotacerdas.server.graphstore import Credit, graph_credits
from kotacerdas.server.i18n import pick
from kotacerdas.server.read import Query, iri_of, run
from kotacerdas.server.state import state

GAZETTEER_GRAPH = "graph/gazetteer"  # below the base
# The scheme's order of the dimensions (RDF keeps none: skos:hasTopConcept is a set); the
# source schema (graph/sources.py) is its one home.
DIMENSION_SLUGS: tuple[str, ...] = get_args(Dimension)


@dataclass
class GraphSource:
    """A named graph cited as a source: a link for people (the Graph Store's page about the
    graph) and one for programs (its Turtle), each labelled as what it is."""

    label: str
    page: str
    turtle: str
    credits: Credit | None = None  # what the data says of the graph and its sources


def graph_source(graph: str, label_: str) -> GraphSource:
    return GraphSource(label_, url_for("graphstore.graphs", graph=graph),
                       url_for("graphstore.graphs", graph=graph, format="ttl"))


def gazetteer_source() -> GraphSource:
    """Facts from the gazetteer (names, codes, which province) cite its named graph, and
    the sources the data says it is made from (read once per dataset and language)."""
    graph = current_app.config["BASE"] + GAZETTEER_GRAPH
    credits = graph_credits(graph)
    title = credits.label.value if credits and credits.label else pick(
        {"id": "gazeter Kemendagri", "en": "Kemendagri gazetteer"})
    found = graph_source(graph, title)
    found.credits = credits
    return found


def dimensions() -> list[str]:
    """The dimensions (kc:Dimension) in the store, in the scheme's order; others after."""
    def read() -> list[str]:
        rows, = run(state().store, [Query("SELECT ?d WHERE { ?d a kc:Dimension }")])
        found = sorted({d for row in rows if (d := iri_of(row.get("d")))})
        return sorted(found, key=lambda d: _slug_rank(d))
    return state().cached("dimensions", read)


def _slug_rank(dimension: str) -> int:
    slug = dimension.rstrip("/").rsplit("/", 1)[-1]
    return DIMENSION_SLUGS.index(slug) if slug in DIMENSION_SLUGS else len(DIMENSION_SLUGS)


def dimension_rank(dimension: str | None) -> int:
    """The scheme's order; unknown dimensions after the six, "no dimension" last."""
    known = dimensions()
    if dimension in known:
        return known.index(dimension)
    return len(known) + (0 if dimension else 1)


def name_key(name: str) -> str:
    """A name for comparing: lower-case, without accents, punctuation or spaces."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.casefold() if ch.isalnum())
