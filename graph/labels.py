"""Labels for nodes that sources do not name (participations, masterplans, post holdings,
partnerships, inferred statements), made from the labels of what they link to once every
source is loaded."""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef

from kotacerdas.graph.namespaces import DCTERMS, KC, ORG, RDF, RDFS, SCHEMA, SKOS

# Reused properties that inferred statements can be about (the ontology labels its own).
PROPERTY_LABELS = {
    RDF.type: ("jenis", "type"),
    RDFS.label: ("nama", "name"),
    SKOS.altLabel: ("ejaan lain", "other spelling"),
    SKOS.prefLabel: ("nama", "name"),
    ORG.subOrganizationOf: ("bagian dari", "part"),
    ORG.postIn: ("organisasi", "organisation"),
    ORG.role: ("jenis jabatan", "role"),
    ORG.member: ("pemangku", "holder"),
    ORG.memberOf: ("keanggotaan", "membership"),
    ORG.holds: ("jabatan", "post"),
    ORG.heldBy: ("pemangku", "holder"),
    ORG.originalOrganization: ("organisasi asal", "original organisation"),
    ORG.resultingOrganization: ("organisasi hasil", "resulting organisation"),
    ORG.changedBy: ("perubahan", "change"),
    ORG.resultedFrom: ("asal perubahan", "change it resulted from"),
    SCHEMA.containedInPlace: ("letak", "location"),
    SCHEMA.location: ("tempat", "venue"),
    SCHEMA.organizer: ("penyelenggara", "organiser"),
    SCHEMA.startDate: ("tanggal mulai", "start date"),
    SCHEMA.endDate: ("tanggal selesai", "end date"),
    SCHEMA.superEvent: ("kegiatan induk", "larger event"),
    SCHEMA.eventAttendanceMode: ("cara kehadiran", "attendance mode"),
    SCHEMA.legislationJurisdiction: ("wilayah hukum", "jurisdiction"),
    SCHEMA.description: ("keterangan", "description"),
    SCHEMA.honorificPrefix: ("gelar depan", "honorific prefix"),
    SCHEMA.honorificSuffix: ("gelar belakang", "honorific suffix"),
    DCTERMS.title: ("judul", "title"),
    DCTERMS.issued: ("tanggal terbit", "publication date"),
    DCTERMS.subject: ("pokok", "subject"),
    DCTERMS.date: ("tanggal", "date"),
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
    if prop in PROPERTY_LABELS:
        return PROPERTY_LABELS[prop][0 if lang == "id" else 1]
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
