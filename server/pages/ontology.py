"""The ontology's documentation (/ontology), its SKOS concept schemes (/dimension, /role,
/stage) and a page for any SKOS concept that is not a dimension: each read in at most two
round trips after the description (the page's own queries, then labels and quotations)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kotacerdas.server.read import (
    DCT,
    KC,
    OWL,
    RDF,
    RDFS,
    SKOS,
    Description,
    Query,
    iri_of,
)
from kotacerdas.server.state import most_specific, reader, state
from kotacerdas.server.terms import IRI, Literal, Term

VANN = "http://purl.org/vocab/vann/"
TERM_KINDS = {
    OWL + "Class": "class", RDFS + "Class": "class",
    OWL + "ObjectProperty": "object", OWL + "DatatypeProperty": "datatype",
    OWL + "AnnotationProperty": "annotation", RDF + "Property": "property",
}
KIND_TEXT = {
    "class": {"id": "Kelas", "en": "Class"},
    "object": {"id": "Properti objek", "en": "Object property"},
    "datatype": {"id": "Properti data", "en": "Datatype property"},
    "annotation": {"id": "Properti anotasi", "en": "Annotation property"},
    "property": {"id": "Properti", "en": "Property"},
}
# What the documentation of each term shows in its own place; anything else is listed too.
SHOWN = {RDF + "type", RDFS + "label", SKOS + "definition", RDFS + "comment",
         SKOS + "altLabel", SKOS + "note", SKOS + "scopeNote", SKOS + "example",
         RDFS + "subClassOf", RDFS + "subPropertyOf", RDFS + "domain", RDFS + "range",
         OWL + "equivalentClass", OWL + "equivalentProperty", OWL + "inverseOf",
         RDFS + "seeAlso", RDFS + "isDefinedBy"}
ALIGNMENTS = [
    (OWL + "equivalentClass", {"id": "setara dengan kelas", "en": "equivalent class"}),
    (OWL + "equivalentProperty", {"id": "setara dengan properti", "en": "equivalent property"}),
    (RDFS + "seeAlso", {"id": "lihat juga", "en": "see also"}),
    (SKOS + "exactMatch", {"id": "padanan tepat", "en": "exact match"}),
    (SKOS + "closeMatch", {"id": "padanan dekat", "en": "close match"}),
]


def local_name(iri: str) -> str:
    return iri[len(KC):] if iri.startswith(KC) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def is_ontology(description: Description) -> bool:
    return OWL + "Ontology" in description.types


def is_scheme(description: Description) -> bool:
    return SKOS + "ConceptScheme" in description.types


def is_concept(description: Description) -> bool:
    if KC + "Dimension" in description.types:
        return False  # dimensions have their own page
    kinds = state().hierarchy.subclasses(SKOS + "Concept")
    return any(t in kinds for t in description.types)


# ---------------------------------------------------------------- the ontology

@dataclass
class TermDoc:
    iri: str
    local: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: list[Literal] = field(default_factory=list)
    comments: list[Literal] = field(default_factory=list)
    notes: list[Literal] = field(default_factory=list)
    alt_labels: list[Literal] = field(default_factory=list)
    supers: list[str] = field(default_factory=list)
    subs: list[str] = field(default_factory=list)
    domains: list[list[str]] = field(default_factory=list)  # each entry: a class or a union
    ranges: list[list[str]] = field(default_factory=list)
    inverse: list[str] = field(default_factory=list)
    alignments: list[tuple[str, str]] = field(default_factory=list)  # (predicate, IRI)
    domain_of: list[str] = field(default_factory=list)  # for classes
    range_of: list[str] = field(default_factory=list)
    other: list[tuple[str, IRI | Literal]] = field(default_factory=list)

    @property
    def external_supers(self) -> list[str]:
        """Super-classes or super-properties from other vocabularies: alignments."""
        return [s for s in self.supers if not s.startswith(KC)]

    def label_in(self, language: str) -> str:
        return self.labels.get(language) or self.labels.get("") or self.local


def ontology(description: Description) -> dict[str, Any]:
    terms = _terms(description.iri)
    classes = sorted((t for t in terms.values() if t.kind == "class"),
                     key=lambda t: t.local.lower())
    properties = sorted((t for t in terms.values() if t.kind != "class"),
                        key=lambda t: (t.local.lower()))
    mentioned = {i for t in terms.values() for i in (
        *t.supers, *t.subs, *t.inverse, *(a for _, a in t.alignments),
        *(c for union in (*t.domains, *t.ranges) for c in union))}
    header = {
        "titles": _literals(description, DCT + "title"),
        "descriptions": _literals(description, DCT + "description"),
        "versions": _literals(description, OWL + "versionInfo"),
        "version_iris": _iris(description, OWL + "versionIRI"),
        "licences": _iris(description, DCT + "license"),
        "prefixes": _literals(description, VANN + "preferredNamespacePrefix"),
        "namespaces": [v.value for v in description.values(VANN + "preferredNamespaceUri")],
        "created": _literals(description, DCT + "created"),
        "modified": _literals(description, DCT + "modified"),
        "creators": [v.value for v in description.values(DCT + "creator")],
        "publishers": [v.value for v in description.values(DCT + "publisher")],
        "see_also": _iris(description, RDFS + "seeAlso"),
    }
    names, _ = reader().lookup(names=[i for i in mentioned if not i.startswith(KC)])
    return {"header": header, "classes": classes, "properties": properties,
            "terms": terms, "kind_text": KIND_TEXT, "name": names, "KC": KC,
            "alignment_text": dict(ALIGNMENTS)}


def _terms(ontology: str) -> dict[str, TermDoc]:
    """The ontology's own terms with everything said of them, and the classes of the unions
    in their domains and ranges: one round trip."""
    kinds = ", ".join(f"<{k}>" for k in TERM_KINDS)
    rows, unions = reader().run(Query(f"""SELECT DISTINCT ?term ?kind ?p ?o WHERE {{
        ?term a ?kind FILTER (?kind IN ({kinds}) && STRSTARTS(STR(?term), STR(kc:)))
        ?term ?p ?o }}"""), Query("""SELECT ?term ?p ?member (COUNT(?mid) AS ?position) WHERE {
        { ?term rdfs:domain ?union BIND (rdfs:domain AS ?p) }
        UNION { ?term rdfs:range ?union BIND (rdfs:range AS ?p) }
        FILTER (isBlank(?union) && STRSTARTS(STR(?term), STR(kc:)))
        ?union owl:unionOf ?list . ?list rdf:rest* ?mid . ?mid rdf:rest* ?node .
        ?node rdf:first ?member }
        GROUP BY ?term ?p ?union ?node ?member ORDER BY ?term ?p ?union ?position"""))
    terms: dict[str, TermDoc] = {}
    for row in rows:
        iri, kind = iri_of(row.get("term")), iri_of(row.get("kind"))
        if iri is None or kind is None:
            continue
        item = terms.setdefault(iri, TermDoc(iri, local_name(iri), TERM_KINDS[kind]))
        if TERM_KINDS[kind] != "class" and item.kind == "property":
            item.kind = TERM_KINDS[kind]
        _add(item, row.get("p"), row.get("o"))
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in unions:
        iri, predicate, member = (iri_of(row.get(v)) for v in ("term", "p", "member"))
        if iri in terms and predicate and member:
            members[(iri, predicate)].append(member)
    for (iri, predicate), found in members.items():
        target = {RDFS + "domain": terms[iri].domains, RDFS + "range": terms[iri].ranges}
        if predicate in target:
            target[predicate].append(found)
    for item in terms.values():  # the inverse links, within the ontology
        for other in item.inverse:
            if other in terms and item.iri not in terms[other].inverse:
                terms[other].inverse.append(item.iri)
        for parent in item.supers:
            if parent in terms:
                terms[parent].subs.append(item.iri)
        for union in item.domains:
            for cls in union:
                if cls in terms:
                    terms[cls].domain_of.append(item.iri)
        for union in item.ranges:
            for cls in union:
                if cls in terms:
                    terms[cls].range_of.append(item.iri)
    for item in terms.values():
        for group in (item.subs, item.domain_of, item.range_of):
            group.sort(key=lambda i: local_name(i).lower())
    return terms


def _add(item: TermDoc, predicate_term: Term | None, value: Term | None) -> None:
    predicate = iri_of(predicate_term)
    if predicate is None:
        return
    if isinstance(value, Literal):
        if predicate == RDFS + "label":
            item.labels.setdefault(value.lang or "", value.value)
        elif predicate == SKOS + "definition":
            item.definitions.append(value)
        elif predicate == RDFS + "comment":
            item.comments.append(value)
        elif predicate in (SKOS + "note", SKOS + "scopeNote", SKOS + "example"):
            item.notes.append(value)
        elif predicate == SKOS + "altLabel":
            item.alt_labels.append(value)
        elif predicate not in SHOWN:
            item.other.append((predicate, value))
        return
    if not isinstance(value, IRI):
        return  # blank nodes: the unions, read separately
    if predicate in (RDFS + "subClassOf", RDFS + "subPropertyOf"):
        item.supers.append(value.value)
    elif predicate == RDFS + "domain":
        item.domains.append([value.value])
    elif predicate == RDFS + "range":
        item.ranges.append([value.value])
    elif predicate == OWL + "inverseOf":
        item.inverse.append(value.value)
    elif predicate in dict(ALIGNMENTS):
        item.alignments.append((predicate, value.value))
    elif predicate not in SHOWN:
        item.other.append((predicate, value))


def _literals(description: Description, predicate: str) -> list[Literal]:
    found = [v for v in description.values(predicate) if isinstance(v, Literal)]
    order = {"id": 0, "en": 1}
    return sorted(found, key=lambda v: (order.get(v.lang or "", 2), v.value))


def _iris(description: Description, predicate: str) -> list[str]:
    return sorted(v.value for v in description.values(predicate) if isinstance(v, IRI))


# ---------------------------------------------------------------- concept schemes

@dataclass
class ConceptNode:
    iri: str
    notation: str | None = None
    definition: Literal | None = None
    top: bool = False
    children: list[ConceptNode] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)


def scheme(description: Description) -> dict[str, Any]:
    rows, = reader().run(Query("""SELECT ?this ?c ?top ?broader ?notation ?definition WHERE {
        { ?c skos:inScheme ?this } UNION { ?this skos:hasTopConcept ?c }
        UNION { ?c skos:topConceptOf ?this }
        OPTIONAL { { ?this skos:hasTopConcept ?c } UNION { ?c skos:topConceptOf ?this }
                   BIND(true AS ?top) }
        OPTIONAL { { ?c skos:broader ?broader } UNION { ?broader skos:narrower ?c } }
        OPTIONAL { ?c skos:notation ?notation }
        OPTIONAL { ?c skos:definition ?definition } }""", this=IRI(description.iri)))
    nodes: dict[str, ConceptNode] = {}
    definitions: dict[str, list[Literal]] = defaultdict(list)
    for row in rows:
        iri = iri_of(row.get("c"))
        if iri is None:
            continue
        node = nodes.setdefault(iri, ConceptNode(iri))
        node.top = node.top or isinstance(row.get("top"), Literal)
        broader = iri_of(row.get("broader"))
        if broader and broader not in node.broader:
            node.broader.append(broader)
        notation = row.get("notation")
        if isinstance(notation, Literal):
            node.notation = node.notation or notation.value
        definition = row.get("definition")
        if isinstance(definition, Literal) and definition not in definitions[iri]:
            definitions[iri].append(definition)
    names, _ = reader().lookup(names=nodes)
    for iri, node in nodes.items():
        node.definition = reader().choose(definitions.get(iri, []))
        for parent in node.broader:
            if parent in nodes and parent != iri:
                nodes[parent].children.append(node)
    tops = [n for n in nodes.values() if n.top or not any(b in nodes for b in n.broader)]
    for node in nodes.values():
        node.children.sort(key=lambda n: names(n.iri).lower())
    tops.sort(key=lambda n: names(n.iri).lower())
    return {"tops": tops, "count": len(nodes), "name": names,
            "titles": _literals(description, DCT + "title"),
            "descriptions": _literals(description, DCT + "description"),
            "scope_notes": _literals(description, SKOS + "scopeNote"),
            "licences": _iris(description, DCT + "license"),
            "sources": _iris(description, DCT + "source")}


# ---------------------------------------------------------------- concepts

def concept(description: Description) -> dict[str, Any]:
    related, = reader().run(Query("""SELECT ?this ?how ?x WHERE {
        { ?this skos:broader ?x BIND("broader" AS ?how) }
        UNION { ?x skos:narrower ?this BIND("broader" AS ?how) }
        UNION { ?this skos:narrower ?x BIND("narrower" AS ?how) }
        UNION { ?x skos:broader ?this BIND("narrower" AS ?how) }
        UNION { ?this skos:inScheme ?x BIND("scheme" AS ?how) }
        UNION { ?this skos:topConceptOf ?x BIND("top" AS ?how) }
        UNION { ?x skos:hasTopConcept ?this BIND("top" AS ?how) }
        UNION { ?this skos:related|^skos:related ?x BIND("related" AS ?how) }
        UNION { ?this skos:exactMatch|skos:closeMatch ?x BIND("match" AS ?how) } }""",
                                  this=IRI(description.iri)))
    groups: dict[str, list[str]] = defaultdict(list)
    for row in related:
        how, iri = row.get("how"), iri_of(row.get("x"))
        if isinstance(how, Literal) and iri and iri not in groups[how.value]:
            groups[how.value].append(iri)
    names, _ = reader().lookup(names=[i for group in groups.values() for i in group]
                               + description.types, evidence=[description.iri])
    for group in groups.values():
        group.sort(key=lambda i: names(i).lower())
    return {
        "groups": groups, "name": names,
        "pref_labels": _literals(description, SKOS + "prefLabel")
        or _literals(description, RDFS + "label"),
        "alt_labels": _literals(description, SKOS + "altLabel"),
        "definitions": _literals(description, SKOS + "definition"),
        "notes": _literals(description, SKOS + "scopeNote") + _literals(description,
                                                                        SKOS + "note"),
        "notations": _literals(description, SKOS + "notation"),
        "quotes": names.quotes(description.iri),
        "concept_kinds": [t for t in most_specific(description.types) if t != SKOS + "Concept"],
    }

