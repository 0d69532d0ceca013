"""What the app loads once at start-up and shares between requests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, VOID

from kotacerdas.server.store import TripleStore


@dataclass
class ServerState:
    store: TripleStore
    dumps: Path
    void: Graph
    dataset_iri: URIRef
    graph_sizes: dict[str, int]

    @classmethod
    def load(cls, store: TripleStore, dumps: Path) -> ServerState:
        void = Graph().parse(dumps / "void.ttl", format="turtle")
        dataset = next(d for d in void.subjects(RDF.type, VOID.Dataset)
                       if (d, VOID.subset, None) in void)
        sizes = {str(subset): int(void.value(subset, VOID.triples))
                 for subset in void.objects(dataset, VOID.subset)}
        return cls(store=store, dumps=dumps, void=void, dataset_iri=URIRef(dataset),
                   graph_sizes=sizes)


def state() -> ServerState:
    return current_app.extensions["kotacerdas"]
