"""What the app loads once at start-up and shares between requests."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, VOID

from kotacerdas.graph.labels import TERM_LABELS
from kotacerdas.graph.supertypes import superclass_closure
from kotacerdas.server.store import TripleStore
from kotacerdas.server.terms import IRI, Literal

if TYPE_CHECKING:
    from kotacerdas.server.search import SearchIndex


@dataclass(frozen=True)
class Hierarchy:
    """The classes and their superclasses (rdfs:subClassOf, closed transitively), read once."""

    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: TripleStore) -> Hierarchy:
        from kotacerdas.server.describe import select

        axioms = Graph()
        for row in select(store, "SELECT DISTINCT ?c ?super WHERE { ?c "
                                 f"<{RDFS.subClassOf}> ?super }}"):
            if isinstance(row["c"], IRI) and isinstance(row["super"], IRI):
                axioms.add((URIRef(row["c"].value), RDFS.subClassOf, URIRef(row["super"].value)))
        return cls({str(c): frozenset(map(str, above))
                    for c, above in superclass_closure(axioms).items()})

    def most_specific(self, types: Iterable[str]) -> list[str]:
        """The types none of the others is below (kc:Evaluation, not kc:Event or
        schema:Event), in their order; the instances carry all their superclasses."""
        kinds = list(dict.fromkeys(types))
        return [t for t in kinds
                if not any(t in self.ancestors.get(other, ()) and other not in
                           self.ancestors.get(t, ()) for other in kinds)]

    def subclasses(self, root: str) -> frozenset[str]:
        """`root` and every class below it."""
        return frozenset({root, *(c for c, above in self.ancestors.items() if root in above)})


@dataclass
class ServerState:
    store: TripleStore
    dumps: Path
    void: Graph
    dataset_iri: URIRef
    graph_sizes: dict[str, int]
    jsonld_context: dict[str, object] | None = None  # the "@context" of context.jsonld
    property_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    hierarchy: Hierarchy = field(default_factory=Hierarchy)
    _search: SearchIndex | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, store: TripleStore, dumps: Path) -> ServerState:
        from kotacerdas.server.describe import select

        void = Graph().parse(dumps / "void.ttl", format="turtle")
        dataset = next(d for d in void.subjects(RDF.type, VOID.Dataset)
                       if (d, VOID.subset, None) in void)
        sizes = {str(subset): int(void.value(subset, VOID.triples))
                 for subset in void.objects(dataset, VOID.subset)}
        labels = {iri: dict(value) for iri, value in TERM_LABELS.items()}
        # Labels of the ontology's terms: properties for statements, classes for types.
        rows = select(store, "SELECT ?p ?label WHERE { ?p a ?kind ; "
                             "<http://www.w3.org/2000/01/rdf-schema#label> ?label . "
                             "VALUES ?kind { <http://www.w3.org/2002/07/owl#ObjectProperty> "
                             "<http://www.w3.org/2002/07/owl#DatatypeProperty> "
                             "<http://www.w3.org/2002/07/owl#Class> } }")
        for row in rows:
            if isinstance(row["p"], IRI) and isinstance(row["label"], Literal):
                labels.setdefault(row["p"].value, {})[row["label"].lang or ""] = row["label"].value
        context_file = dumps / "context.jsonld"
        context = (json.loads(context_file.read_text(encoding="utf-8"))["@context"]
                   if context_file.is_file() else None)
        return cls(store=store, dumps=dumps, void=void, dataset_iri=URIRef(dataset),
                   graph_sizes=sizes, jsonld_context=context, property_labels=labels,
                   hierarchy=Hierarchy.load(store))

    def search_index(self) -> SearchIndex:
        """Built on first use (a second or two at a million triples), then kept."""
        from kotacerdas.server.search import SearchIndex

        with self._lock:
            if self._search is None:
                self._search = SearchIndex.build(self.store, self.hierarchy,
                                                 self.property_labels)
            return self._search


def state() -> ServerState:
    return current_app.extensions["kotacerdas"]


def most_specific(types: Iterable[str]) -> list[str]:
    """`Hierarchy.most_specific` on this dataset's classes, for pages and search alike."""
    return state().hierarchy.most_specific(types)
