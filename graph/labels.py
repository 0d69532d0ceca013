"""Labels: the one table of reused vocabulary terms' labels (`TERM_LABELS`, which the server's
pages read too), and labels for nodes that sources do not name (participations, masterplans,
post holdings, partnerships, inferred statements), made from the labels of what they link to
once every source is loaded."""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef

from kotacerdas.graph.namespaces import DCTERMS, KC, ORG, RDF, RDFS

# Labels of the reused vocabulary terms (properties, classes, and a few individuals such as
# attendance modes and languages) in both interface languages, for the pages and for the
# labels of inferred statements made here; the ontology labels its own terms. A property's
# label names its value ("organisation", not "post in"), so that it reads both in a table of
# statements and in "organisation of <post>".
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
TERM_LABELS: dict[str, dict[str, str]] = {
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
    _DCT + "issued": {"id": "tanggal terbit", "en": "publication date"},
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
    _SCHEMA + "containedInPlace": {"id": "letak", "en": "location"},
    _SCHEMA + "startDate": {"id": "tanggal mulai", "en": "start date"},
    _SCHEMA + "endDate": {"id": "tanggal selesai", "en": "end date"},
    _SCHEMA + "location": {"id": "tempat", "en": "venue"},
    _SCHEMA + "organizer": {"id": "penyelenggara", "en": "organiser"},
    _SCHEMA + "superEvent": {"id": "kegiatan induk", "en": "parent event"},
    _SCHEMA + "description": {"id": "deskripsi", "en": "description"},
    _SCHEMA + "mentions": {"id": "menyebut", "en": "mentions"},
    _SCHEMA + "about": {"id": "tentang", "en": "about"},
    _SCHEMA + "dateline": {"id": "tempat berita", "en": "dateline"},
    _SCHEMA + "eventAttendanceMode": {"id": "cara kehadiran", "en": "attendance mode"},
    _SCHEMA + "honorificPrefix": {"id": "gelar depan", "en": "honorific prefix"},
    _SCHEMA + "honorificSuffix": {"id": "gelar belakang", "en": "honorific suffix"},
    _SCHEMA + "legislationJurisdiction": {"id": "wilayah hukum", "en": "jurisdiction"},
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
    _ORG + "subOrganizationOf": {"id": "organisasi induk", "en": "parent organisation"},
    _ORG + "hasSubOrganization": {"id": "membawahi", "en": "has part"},
    _ORG + "postIn": {"id": "organisasi", "en": "organisation"},
    _ORG + "hasPost": {"id": "punya jabatan", "en": "has post"},
    _ORG + "heldBy": {"id": "pemangku", "en": "holder"},
    _ORG + "holds": {"id": "jabatan", "en": "post"},
    _ORG + "role": {"id": "peran", "en": "role"},
    _ORG + "member": {"id": "anggota", "en": "member"},
    _ORG + "memberOf": {"id": "keanggotaan", "en": "membership"},
    _ORG + "organization": {"id": "organisasi", "en": "organisation"},
    _ORG + "Organization": {"id": "organisasi", "en": "organisation"},
    _ORG + "FormalOrganization": {"id": "organisasi formal", "en": "formal organisation"},
    _ORG + "OrganizationalUnit": {"id": "unit organisasi", "en": "organisational unit"},
    _ORG + "Post": {"id": "jabatan", "en": "post"},
    _ORG + "Role": {"id": "peran", "en": "role"},
    _ORG + "Membership": {"id": "keanggotaan", "en": "membership"},
    _ORG + "memberDuring": {"id": "anggota selama", "en": "member during"},
    _ORG + "ChangeEvent": {"id": "perubahan organisasi", "en": "organisational change"},
    _ORG + "changedBy": {"id": "perubahan", "en": "change"},
    _ORG + "resultedFrom": {"id": "asal perubahan", "en": "change it resulted from"},
    _ORG + "resultingOrganization": {"id": "organisasi hasil",
                                        "en": "resulting organisation"},
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
    "https://opensource.org/licenses/MIT": {"id": "lisensi MIT", "en": "MIT licence"},
    "https://spdx.org/licenses/MIT": {"id": "lisensi MIT", "en": "MIT licence"},
    "https://spdx.org/licenses/MIT.html": {"id": "lisensi MIT", "en": "MIT licence"},
}


def _label(union: Graph, node: URIRef | None, lang: str) -> str:
    if node is None:
        return "?"
    labels = {label.language: str(label) for label in union.objects(node, RDFS.label)
              if isinstance(label, Literal)}
    if not labels:  # a source article is named by its title
        labels = {title.language: str(title) for title in union.objects(node, DCTERMS.title)
                  if isinstance(title, Literal)}
    return labels.get(lang) or labels.get("id") or str(node)


def derive_labels(dataset: Dataset, union: Graph) -> None:
    """Label each unlabelled node in the graph that types it; `union` gets the labels too.

    Inferred statements come last: their labels name their subjects, which may be nodes
    labelled here (a participation whose cohort is inferred).
    """
    # One pass over the typed nodes of every graph: asking the store graph by graph filters
    # all of its typed triples each time, which is quadratic in the number of articles.
    typed: dict[URIRef, set[URIRef]] = {}
    statements: dict[URIRef, set[URIRef]] = {}
    for node, _, kind, graph_iri in dataset.quads((None, RDF.type, None, None)):
        (statements if kind == KC.InferredStatement else typed).setdefault(
            graph_iri, set()).add(node)
    # Nodes labelled by the sources; the others get a label in every graph that types them.
    named = {node for group in (typed, statements) for nodes in group.values()
             for node in nodes if any(True for _ in union.objects(node, RDFS.label))}
    for group in (typed, statements):
        for graph_iri, nodes in group.items():
            graph = dataset.graph(graph_iri)
            for node in nodes:
                if node in named:
                    continue
                for lang in ("id", "en"):
                    text = _derived(union, node, lang)
                    if text:
                        label = (node, RDFS.label, Literal(text, lang=lang))
                        graph.add(label)
                        union.add(label)


def _property_label(union: Graph, prop: URIRef | None, lang: str) -> str:
    if str(prop) in TERM_LABELS:
        return TERM_LABELS[str(prop)][lang]
    label = _label(union, prop, lang)
    return label.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if label == str(prop) else label


def _derived(union: Graph, node: URIRef, lang: str) -> str | None:
    types = set(union.objects(node, RDF.type))

    def name(prop: URIRef) -> str:
        return _label(union, union.value(node, prop), lang)

    if KC.Participation in types:
        pattern = "{} dalam {}" if lang == "id" else "{} in the {}"
        return pattern.format(name(KC.region), name(KC.programme))
    if KC.Masterplan in types:
        pattern = "Masterplan Smart City {}" if lang == "id" else "Smart city masterplan of {}"
        return pattern.format(name(KC.region))
    if KC.PostHolding in types:
        pattern = "{} sebagai {}" if lang == "id" else "{} as {}"
        return pattern.format(name(ORG.member), name(KC.post))
    if KC.InferredStatement in types:
        subject = union.value(node, RDF.subject)
        prop = _property_label(union, union.value(node, RDF.predicate), lang)
        if lang == "id":
            return f"Pernyataan yang disimpulkan: {prop} {_label(union, subject, lang)}"
        return f"Inferred statement: {prop} of {_label(union, subject, lang)}"
    if KC.Partnership in types:
        role = union.value(node, KC.partnerRole)
        year = union.value(node, KC.year)
        return "{} ({}), {} {}".format(name(KC.partner), role or "mitra", name(KC.programme), year)
    return None
