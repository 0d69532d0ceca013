"""What the app loads once at start-up and shares between requests."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, VOID

from kotacerdas.server.store import TripleStore
from kotacerdas.server.terms import IRI, Literal

if TYPE_CHECKING:
    from kotacerdas.server.search import SearchIndex

# Labels of the reused properties the pages show most (the ontology labels its own).
EXTRA_PROPERTY_LABELS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": {"id": "jenis", "en": "type"},
    "http://www.w3.org/2000/01/rdf-schema#label": {"id": "nama", "en": "name"},
    "http://www.w3.org/2004/02/skos/core#prefLabel": {"id": "nama", "en": "name"},
    "http://www.w3.org/2004/02/skos/core#altLabel": {"id": "nama lain / ejaan sumber",
                                                     "en": "other name / spelling as written"},
    "http://www.w3.org/2004/02/skos/core#definition": {"id": "definisi", "en": "definition"},
    "http://www.w3.org/2004/02/skos/core#note": {"id": "catatan", "en": "note"},
    "https://schema.org/containedInPlace": {"id": "terletak di", "en": "contained in"},
    "https://schema.org/startDate": {"id": "mulai", "en": "start"},
    "https://schema.org/endDate": {"id": "selesai", "en": "end"},
    "https://schema.org/location": {"id": "tempat", "en": "venue"},
    "https://schema.org/organizer": {"id": "penyelenggara", "en": "organiser"},
    "https://schema.org/superEvent": {"id": "bagian dari", "en": "part of"},
    "https://schema.org/description": {"id": "deskripsi", "en": "description"},
    "https://schema.org/mentions": {"id": "menyebut", "en": "mentions"},
    "https://schema.org/about": {"id": "tentang", "en": "about"},
    "http://www.w3.org/ns/org#subOrganizationOf": {"id": "bagian dari", "en": "part of"},
    "http://www.w3.org/ns/org#postIn": {"id": "jabatan di", "en": "post in"},
    "http://www.w3.org/ns/org#heldBy": {"id": "dijabat oleh", "en": "held by"},
    "http://www.w3.org/ns/org#holds": {"id": "menjabat", "en": "holds"},
    "http://www.w3.org/ns/org#role": {"id": "peran", "en": "role"},
    "http://www.w3.org/ns/org#member": {"id": "anggota", "en": "member"},
    "http://www.w3.org/ns/org#memberOf": {"id": "anggota dari", "en": "member of"},
    "http://purl.org/dc/terms/title": {"id": "judul", "en": "title"},
    "http://purl.org/dc/terms/issued": {"id": "terbit", "en": "published"},
    "http://purl.org/dc/terms/publisher": {"id": "penerbit", "en": "publisher"},
    "http://www.w3.org/ns/prov#wasQuotedFrom": {"id": "dikutip dari", "en": "quoted from"},
}


@dataclass
class ServerState:
    store: TripleStore
    dumps: Path
    void: Graph
    dataset_iri: URIRef
    graph_sizes: dict[str, int]
    jsonld_context: dict[str, object] | None = None  # the "@context" of context.jsonld
    property_labels: dict[str, dict[str, str]] = field(default_factory=dict)
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
        labels = {iri: dict(value) for iri, value in EXTRA_PROPERTY_LABELS.items()}
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
                   graph_sizes=sizes, jsonld_context=context, property_labels=labels)

    def search_index(self) -> SearchIndex:
        """Built on first use (a second or two at a million triples), then kept."""
        from kotacerdas.server.search import SearchIndex

        with self._lock:
            if self._search is None:
                self._search = SearchIndex.build(self.store)
            return self._search


def state() -> ServerState:
    return current_app.extensions["kotacerdas"]
