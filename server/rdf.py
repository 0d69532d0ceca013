"""RDF documents (descriptions, CONSTRUCT and DESCRIBE results, graphs of the Graph Store) in
four syntaxes.

JSON-LD is compacted with the published context (dumps/context.jsonld, served at
/dumps/context.jsonld): the document names it by URL in "@context", and the compaction uses
its contents, loaded at start-up, so nothing is fetched. RDF/XML writes carriage returns as
character references: an XML parser turns a raw one into a line feed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
import rdflib

from kotacerdas.graph.namespaces import PREFIXES as NAMESPACES
from kotacerdas.server.results import check_xml
from kotacerdas.server.terms import IRI, BNode, Literal, Term, to_oxigraph

RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
JSON_LD = "application/ld+json"
PREFIXES = {name: NAMESPACES[name]  # the project's own, for Turtle and RDF/XML output
            for name in ("kc", "rdf", "rdfs", "skos", "org", "schema", "dct", "prov", "xsd")}
# rdflib compacts some ten thousand triples a second; larger documents (a whole synthetic
# graph from the Graph Store) are written expanded, one node object per subject all the same.
COMPACT_MAX_TRIPLES = 50_000


@dataclass(frozen=True)
class JsonLdContext:
    url: str  # where the context is published, named in "@context"
    terms: dict[str, Any]  # its "@context" object, used to compact


def serialize_triples(triples: list[tuple[Term, Term, Term]], media_type: str,
                      context: JsonLdContext | None = None) -> bytes:
    """Serialise triples; `media_type` is one of RDF_FORMATS. JSON-LD is compacted with
    `context` when one is given (and the document is not too large)."""
    if media_type == JSON_LD and context is not None and len(triples) <= COMPACT_MAX_TRIPLES:
        return compact_json_ld(triples, context)
    rdf_format = RDF_FORMATS[media_type]
    if rdf_format == ox.RdfFormat.RDF_XML:
        for _, _, value in triples:
            if isinstance(value, Literal):
                check_xml(value.value)  # controls XML 1.0 cannot carry: 406, not broken XML
    converted = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
                 for s, p, o in triples]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    data = ox.serialize(converted, format=rdf_format, prefixes=prefixes) or b""
    if rdf_format == ox.RdfFormat.RDF_XML:
        # pyoxigraph writes line ends as \n, so a raw CR can only be inside a literal.
        data = data.replace(b"\r", b"&#xD;")
    return data


def compact_json_ld(triples: list[tuple[Term, Term, Term]], context: JsonLdContext) -> bytes:
    """One node object per subject, terms and prefixes from the context, which is named by
    its URL."""
    graph = rdflib.Graph()
    for triple in triples:
        graph.add(tuple(_rdflib(term) for term in triple))  # type: ignore[arg-type]
    compacted = json.loads(graph.serialize(format="json-ld", context=context.terms,
                                           auto_compact=True))
    if not isinstance(compacted, dict):  # rdflib writes an empty graph as []
        compacted = {"@graph": compacted}
    document = {"@context": context.url,
                **{key: value for key, value in compacted.items() if key != "@context"}}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _rdflib(term: Term) -> rdflib.term.Node:
    if isinstance(term, IRI):
        return rdflib.URIRef(term.value)
    if isinstance(term, BNode):
        return rdflib.BNode(term.id)
    return rdflib.Literal(term.value, lang=term.lang,
                          datatype=rdflib.URIRef(term.datatype) if term.datatype else None)
