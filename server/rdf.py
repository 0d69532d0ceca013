"""RDF documents (CONSTRUCT and DESCRIBE results, graphs of the Graph Store) in four syntaxes."""

from __future__ import annotations

import pyoxigraph as ox

from kotacerdas.graph.namespaces import PREFIXES as NAMESPACES
from kotacerdas.server.terms import Term, to_oxigraph

RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
PREFIXES = {name: NAMESPACES[name]  # the project's own, for Turtle and RDF/XML output
            for name in ("kc", "rdf", "rdfs", "skos", "org", "schema", "dct", "prov", "xsd")}


def serialize_triples(triples: list[tuple[Term, Term, Term]], media_type: str) -> bytes:
    """Serialise triples; `media_type` is one of RDF_FORMATS."""
    rdf_format = RDF_FORMATS[media_type]
    converted = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
                 for s, p, o in triples]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    data = ox.serialize(converted, format=rdf_format, prefixes=prefixes)
    return data if data is not None else b""
