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

# Labels of every reused vocabulary term the pages can show (properties, classes, and a few
# individuals such as attendance modes and languages), in both interface languages; the
# ontology labels its own terms.
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_SCHEMA = "https://schema.org/"
_ORG = "http://www.w3.org/ns/org#"
_PROV = "http://www.w3.org/ns/prov#"
_FOAF = "http://xmlns.com/foaf/0.1/"
_VANN = "http://purl.org/vocab/vann/"
_TIME = "http://www.w3.org/2006/time#"
_LANGUAGE = "http://id.loc.gov/vocabulary/iso639-1/"
EXTRA_PROPERTY_LABELS: dict[str, dict[str, str]] = {
    _RDF + "type": {"id": "jenis", "en": "type"},
    _RDF + "subject": {"id": "subjek pernyataan", "en": "statement subject"},
    _RDF + "predicate": {"id": "predikat pernyataan", "en": "statement predicate"},
    _RDF + "object": {"id": "objek pernyataan", "en": "statement object"},
    _RDF + "first": {"id": "butir pertama daftar", "en": "first in list"},
    _RDF + "rest": {"id": "sisa daftar", "en": "rest of list"},
    _RDF + "Statement": {"id": "pernyataan", "en": "statement"},
    _RDF + "Property": {"id": "properti", "en": "property"},
    _RDFS + "label": {"id": "nama", "en": "name"},
    _RDFS + "comment": {"id": "keterangan", "en": "comment"},
    _RDFS + "domain": {"id": "ranah (domain)", "en": "domain"},
    _RDFS + "range": {"id": "jangkauan (range)", "en": "range"},
    _RDFS + "subClassOf": {"id": "subkelas dari", "en": "subclass of"},
    _RDFS + "subPropertyOf": {"id": "subproperti dari", "en": "subproperty of"},
    _RDFS + "isDefinedBy": {"id": "didefinisikan oleh", "en": "defined by"},
    _RDFS + "seeAlso": {"id": "lihat juga", "en": "see also"},
    _RDFS + "Class": {"id": "kelas", "en": "class"},
    _OWL + "Class": {"id": "kelas", "en": "class"},
    _OWL + "Thing": {"id": "segala sesuatu", "en": "thing"},
    _OWL + "ObjectProperty": {"id": "properti objek", "en": "object property"},
    _OWL + "DatatypeProperty": {"id": "properti data", "en": "datatype property"},
    _OWL + "Ontology": {"id": "ontologi", "en": "ontology"},
    _OWL + "equivalentClass": {"id": "kelas setara", "en": "equivalent class"},
    _OWL + "equivalentProperty": {"id": "properti setara", "en": "equivalent property"},
    _OWL + "inverseOf": {"id": "kebalikan dari", "en": "inverse of"},
    _OWL + "unionOf": {"id": "gabungan dari", "en": "union of"},
    _OWL + "versionIRI": {"id": "IRI versi", "en": "version IRI"},
    _OWL + "versionInfo": {"id": "versi", "en": "version"},
    _OWL + "sameAs": {"id": "sama dengan", "en": "same as"},
    _OWL + "deprecated": {"id": "usang", "en": "deprecated"},
    _SKOS + "prefLabel": {"id": "nama", "en": "name"},
    _SKOS + "altLabel": {"id": "nama lain / ejaan sumber",
                         "en": "other name / spelling as written"},
    _SKOS + "definition": {"id": "definisi", "en": "definition"},
    _SKOS + "note": {"id": "catatan", "en": "note"},
    _SKOS + "scopeNote": {"id": "catatan cakupan", "en": "scope note"},
    _SKOS + "notation": {"id": "notasi", "en": "notation"},
    _SKOS + "broader": {"id": "konsep lebih luas", "en": "broader concept"},
    _SKOS + "narrower": {"id": "konsep lebih sempit", "en": "narrower concept"},
    _SKOS + "related": {"id": "konsep terkait", "en": "related concept"},
    _SKOS + "exactMatch": {"id": "padanan tepat", "en": "exact match"},
    _SKOS + "closeMatch": {"id": "padanan dekat", "en": "close match"},
    _SKOS + "inScheme": {"id": "dalam skema", "en": "in scheme"},
    _SKOS + "hasTopConcept": {"id": "konsep puncak", "en": "top concept"},
    _SKOS + "topConceptOf": {"id": "konsep puncak dari", "en": "top concept of"},
    _SKOS + "Concept": {"id": "konsep", "en": "concept"},
    _SKOS + "ConceptScheme": {"id": "skema konsep", "en": "concept scheme"},
    _DCT + "title": {"id": "judul", "en": "title"},
    _DCT + "description": {"id": "deskripsi", "en": "description"},
    _DCT + "issued": {"id": "terbit", "en": "published"},
    _DCT + "created": {"id": "dibuat", "en": "created"},
    _DCT + "modified": {"id": "diubah", "en": "modified"},
    _DCT + "date": {"id": "tanggal", "en": "date"},
    _DCT + "creator": {"id": "pembuat", "en": "creator"},
    _DCT + "publisher": {"id": "penerbit", "en": "publisher"},
    _DCT + "identifier": {"id": "pengenal", "en": "identifier"},
    _DCT + "language": {"id": "bahasa", "en": "language"},
    _DCT + "license": {"id": "lisensi", "en": "licence"},
    _DCT + "source": {"id": "sumber", "en": "source"},
    _DCT + "subject": {"id": "pokok bahasan", "en": "subject"},
    _VANN + "preferredNamespacePrefix": {"id": "prefiks ruang nama",
                                         "en": "preferred namespace prefix"},
    _VANN + "preferredNamespaceUri": {"id": "ruang nama", "en": "namespace"},
    _SCHEMA + "name": {"id": "nama", "en": "name"},
    _SCHEMA + "url": {"id": "alamat web", "en": "web address"},
    _SCHEMA + "containedInPlace": {"id": "terletak di", "en": "contained in"},
    _SCHEMA + "startDate": {"id": "mulai", "en": "start"},
    _SCHEMA + "endDate": {"id": "selesai", "en": "end"},
    _SCHEMA + "location": {"id": "tempat", "en": "venue"},
    _SCHEMA + "organizer": {"id": "penyelenggara", "en": "organiser"},
    _SCHEMA + "superEvent": {"id": "bagian dari", "en": "part of"},
    _SCHEMA + "description": {"id": "deskripsi", "en": "description"},
    _SCHEMA + "mentions": {"id": "menyebut", "en": "mentions"},
    _SCHEMA + "about": {"id": "tentang", "en": "about"},
    _SCHEMA + "dateline": {"id": "tempat berita", "en": "dateline"},
    _SCHEMA + "eventAttendanceMode": {"id": "cara hadir", "en": "attendance mode"},
    _SCHEMA + "honorificPrefix": {"id": "gelar depan", "en": "honorific prefix"},
    _SCHEMA + "honorificSuffix": {"id": "gelar belakang", "en": "honorific suffix"},
    _SCHEMA + "legislationJurisdiction": {"id": "yurisdiksi", "en": "jurisdiction"},
    _SCHEMA + "AdministrativeArea": {"id": "wilayah administratif", "en": "administrative area"},
    _SCHEMA + "City": {"id": "kota", "en": "city"},
    _SCHEMA + "Country": {"id": "negara", "en": "country"},
    _SCHEMA + "Place": {"id": "tempat", "en": "place"},
    _SCHEMA + "Corporation": {"id": "perusahaan", "en": "corporation"},
    _SCHEMA + "Organization": {"id": "organisasi", "en": "organisation"},
    _SCHEMA + "GovernmentOrganization": {"id": "organisasi pemerintah",
                                         "en": "government organisation"},
    _SCHEMA + "NewsMediaOrganization": {"id": "organisasi media berita",
                                        "en": "news media organisation"},
    _SCHEMA + "GovernmentService": {"id": "layanan pemerintah", "en": "government service"},
    _SCHEMA + "Project": {"id": "proyek", "en": "project"},
    _SCHEMA + "CreativeWork": {"id": "karya", "en": "creative work"},
    _SCHEMA + "Article": {"id": "artikel", "en": "article"},
    _SCHEMA + "NewsArticle": {"id": "artikel berita", "en": "news article"},
    _SCHEMA + "Legislation": {"id": "peraturan", "en": "legislation"},
    _SCHEMA + "Event": {"id": "kegiatan", "en": "event"},
    _SCHEMA + "Person": {"id": "orang", "en": "person"},
    _SCHEMA + "OfflineEventAttendanceMode": {"id": "tatap muka (luring)", "en": "in person"},
    _SCHEMA + "OnlineEventAttendanceMode": {"id": "daring (online)", "en": "online"},
    _SCHEMA + "MixedEventAttendanceMode": {"id": "campuran: tatap muka dan daring",
                                           "en": "mixed: in person and online"},
    _ORG + "subOrganizationOf": {"id": "bagian dari", "en": "part of"},
    _ORG + "hasSubOrganization": {"id": "membawahi", "en": "has part"},
    _ORG + "postIn": {"id": "jabatan di", "en": "post in"},
    _ORG + "hasPost": {"id": "punya jabatan", "en": "has post"},
    _ORG + "heldBy": {"id": "dijabat oleh", "en": "held by"},
    _ORG + "holds": {"id": "menjabat", "en": "holds"},
    _ORG + "role": {"id": "peran", "en": "role"},
    _ORG + "member": {"id": "anggota", "en": "member"},
    _ORG + "memberOf": {"id": "anggota dari", "en": "member of"},
    _ORG + "organization": {"id": "organisasi", "en": "organisation"},
    _ORG + "Organization": {"id": "organisasi", "en": "organisation"},
    _ORG + "FormalOrganization": {"id": "organisasi formal", "en": "formal organisation"},
    _ORG + "OrganizationalUnit": {"id": "unit organisasi", "en": "organisational unit"},
    _ORG + "Post": {"id": "jabatan", "en": "post"},
    _ORG + "Role": {"id": "peran", "en": "role"},
    _ORG + "Membership": {"id": "keanggotaan", "en": "membership"},
    _ORG + "memberDuring": {"id": "anggota selama", "en": "member during"},
    _ORG + "ChangeEvent": {"id": "perubahan organisasi", "en": "organisational change"},
    _ORG + "changedBy": {"id": "diubah oleh", "en": "changed by"},
    _ORG + "resultedFrom": {"id": "hasil dari", "en": "resulted from"},
    _ORG + "resultingOrganization": {"id": "organisasi hasilnya", "en": "resulting organisation"},
    _ORG + "originalOrganization": {"id": "organisasi asal", "en": "original organisation"},
    _DCT + "replaces": {"id": "menggantikan", "en": "replaces"},
    _DCT + "isReplacedBy": {"id": "digantikan oleh", "en": "replaced by"},
    _DCT + "valid": {"id": "berlaku", "en": "valid"},
    _DCT + "temporal": {"id": "kurun waktu", "en": "period"},
    _SCHEMA + "validFrom": {"id": "berlaku sejak", "en": "valid from"},
    _SCHEMA + "validThrough": {"id": "berlaku sampai", "en": "valid through"},
    _SCHEMA + "foundingDate": {"id": "tanggal berdiri", "en": "founded"},
    _SCHEMA + "dissolutionDate": {"id": "tanggal bubar", "en": "dissolved"},
    _SCHEMA + "sameAs": {"id": "sama dengan", "en": "same as"},
    _TIME + "Interval": {"id": "selang waktu", "en": "time interval"},
    _TIME + "Instant": {"id": "saat", "en": "instant"},
    _TIME + "hasBeginning": {"id": "mulai", "en": "beginning"},
    _TIME + "hasEnd": {"id": "berakhir", "en": "end"},
    _TIME + "inXSDDate": {"id": "tanggal", "en": "date"},
    _PROV + "wasRevisionOf": {"id": "revisi dari", "en": "revision of"},
    _PROV + "startedAtTime": {"id": "mulai pada", "en": "started at"},
    _PROV + "endedAtTime": {"id": "berakhir pada", "en": "ended at"},
    _PROV + "generatedAtTime": {"id": "dibuat pada", "en": "generated at"},
    _PROV + "wasQuotedFrom": {"id": "dikutip dari", "en": "quoted from"},
    _PROV + "wasAttributedTo": {"id": "diatribusikan kepada", "en": "attributed to"},
    _PROV + "wasDerivedFrom": {"id": "diturunkan dari", "en": "derived from"},
    _PROV + "wasInfluencedBy": {"id": "dipengaruhi oleh", "en": "influenced by"},
    _PROV + "Entity": {"id": "entitas", "en": "entity"},
    _PROV + "Activity": {"id": "aktivitas", "en": "activity"},
    _FOAF + "Agent": {"id": "pelaku", "en": "agent"},
    _FOAF + "Person": {"id": "orang", "en": "person"},
    "http://www.opengis.net/ont/geosparql#Feature": {"id": "fitur geografis",
                                                     "en": "geographic feature"},
    "http://www.wikidata.org/prop/direct/P2588": {
        "id": "kode wilayah Kemendagri (Wikidata P2588)",
        "en": "Kemendagri region code (Wikidata P2588)"},
    _LANGUAGE + "id": {"id": "bahasa Indonesia", "en": "Indonesian"},
    _LANGUAGE + "en": {"id": "bahasa Inggris", "en": "English"},
    "https://creativecommons.org/licenses/by/4.0/": {"id": "CC BY 4.0", "en": "CC BY 4.0"},
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
