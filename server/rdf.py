"""RDF documents (descriptions, CONSTRUCT and DESCRIBE results, graphs of the Graph Store) in
four syntaxes.

JSON-LD is compacted with the published context (dumps/context.jsonld, served at
/dumps/context.jsonld): the document names it by URL in "@context", and the compaction uses
its contents, loaded at start-up, so nothing is fetched. RDF/XML writes carriage returns as
character references: an XML parser turns a raw one into a line feed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
import rdflib

from kotacerdas.graph.namespaces import PREFIXES as NAMESPACES
from kotacerdas.server.media import JSON_LD, RDF_FORMATS
from kotacerdas.server.results import UnrepresentableError, check_xml
from kotacerdas.server.terms import IRI, BNode, Term, UnsupportedTermError, to_oxigraph

PREFIXES = {name: NAMESPACES[name]  # the project's own, for Turtle and RDF/XML output
            for name in ("kc", "rdf", "rdfs", "skos", "org", "schema", "dct", "prov", "xsd")}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# RDF/XML writes each predicate, and a node's rdf:type, as an element: a namespace and a local
# name, which must be an XML name (NameStartChar, then NameChars, no ":"). An IRI with no such
# ending (http://example.org/1) cannot be written at all.
_NAME_START = ("A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
               "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
               "\U00010000-\U000effff")
_NAME_CHAR = _NAME_START + "\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
_LOCAL_NAME = re.compile(f"[{_NAME_START}][{_NAME_CHAR}]*\\Z")
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
    return write_triples([ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
                          for s, p, o in triples], media_type)


def write_triples(triples: list[ox.Triple], media_type: str) -> bytes:
    """pyoxigraph's triples written by pyoxigraph in `media_type`, one of RDF_FORMATS (JSON-LD
    expanded); RDF 1.2 terms raise UnsupportedTermError, what RDF/XML cannot write
    UnrepresentableError."""
    for triple in triples:
        value = triple.object
        if isinstance(value, ox.Triple) or (isinstance(value, ox.Literal)
                                            and value.direction is not None):
            raise UnsupportedTermError(f"RDF 1.2 terms are not supported: {value}")
    rdf_format = RDF_FORMATS[media_type]
    if rdf_format == ox.RdfFormat.RDF_XML:  # what RDF/XML cannot write: 406, not broken XML
        elements: set[str] = set()
        for triple in triples:
            value = triple.object
            if isinstance(value, ox.Literal):
                check_xml(value.value)  # controls XML 1.0 cannot carry
            elif triple.predicate.value == RDF_TYPE and isinstance(value, ox.NamedNode):
                elements.add(value.value)
            elements.add(triple.predicate.value)
        for element in elements:
            _check_element_name(element)
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    data = ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""
    if rdf_format == ox.RdfFormat.RDF_XML:
        # pyoxigraph writes line ends as \n, so a raw CR can only be inside a literal.
        data = data.replace(b"\r", b"&#xD;")
    return data


def _check_element_name(iri: str) -> None:
    if not _LOCAL_NAME.search(iri):
        raise UnrepresentableError(
            f"RDF/XML cannot write <{iri}>: it has to be an element name there, and the "
            "IRI does not end in an XML name. Ask for Turtle, N-Triples or JSON-LD instead.")


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
