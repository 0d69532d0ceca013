"""What the app loads once at start-up and shares between requests, and the read layer
for the current request (`reader()`)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app, url_for
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, VOID

from kotacerdas.graph.labels import TERM_LABELS
from kotacerdas.graph.namespaces import VOCAB_ROOT
from kotacerdas.server.i18n import current_language
from kotacerdas.server.rdf import JsonLdContext
from kotacerdas.server.read import Hierarchy, Reader, select
from kotacerdas.server.store import TripleStore
from kotacerdas.server.terms import IRI, Literal


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
    # Builds the search index: set by create_app (search.py builds on this module).
    index_builder: Callable[[TripleStore, Hierarchy, dict[str, dict[str, str]]], Any] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, store: TripleStore, dumps: Path) -> ServerState:
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

    def search_index(self) -> Any:
        """The search index (search.py's `SearchIndex`), built on first use (a second or two
        at a million triples) by `index_builder`, then kept."""
        assert self.index_builder is not None, "create_app sets the search index builder"
        builder = self.index_builder
        return self.cached("search-index", lambda: builder(self.store, self.hierarchy,
                                                            self.property_labels))

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        """`make()` once per dataset version (this state lives as long as its dataset)."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = make()
            return self._cache[key]

    def reader(self, language: str, bases: Iterable[str]) -> Reader:
        return Reader(self.store, language, hierarchy=self.hierarchy,
                      term_labels=self.property_labels, bases=list(bases),
                      timeout=float(current_app.config["QUERY_TIMEOUT"]))


def state() -> ServerState:
    return current_app.extensions["kotacerdas"]


def bases() -> list[str]:
    """Namespaces this server answers for: the data's base, and the vocabularies'."""
    return list(dict.fromkeys([current_app.config["BASE"], VOCAB_ROOT]))


def reader() -> Reader:
    """The read layer for this request: its interface language, this dataset's tables."""
    return state().reader(current_language(), bases())


def most_specific(types: Iterable[str]) -> list[str]:
    """`Hierarchy.most_specific` on this dataset's classes, for pages and search alike."""
    return state().hierarchy.most_specific(types)


def jsonld_context() -> JsonLdContext | None:
    """The published JSON-LD context, by its URL on this server, for compacting documents."""
    terms = state().jsonld_context
    if terms is None:
        return None
    return JsonLdContext(url_for("site.dump", name="context.jsonld", _external=True), terms)
