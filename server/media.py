"""The one home of the server's media types: names, file suffixes, format parameter values,
labels, and the pyoxigraph and rdflib formats that write each.

Two families: SPARQL results (SELECT and ASK) and RDF documents (CONSTRUCT, DESCRIBE,
descriptions of resources, graphs); the dumps add N-Quads and TriG.
"""

from __future__ import annotations

import pyoxigraph as ox

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"
NQUADS = "application/n-quads"
TRIG = "application/trig"
HTML = "text/html"
JSON = "application/json"
XML = "application/xml"

#: SPARQL results formats, in the server's order of preference, and pyoxigraph's writer.
RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    SPARQL_JSON: ox.QueryResultsFormat.JSON,
    SPARQL_XML: ox.QueryResultsFormat.XML,
    CSV: ox.QueryResultsFormat.CSV,
    TSV: ox.QueryResultsFormat.TSV,
}
#: RDF formats of documents and graph results, in the server's order of preference.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    TURTLE: ox.RdfFormat.TURTLE,
    NTRIPLES: ox.RdfFormat.N_TRIPLES,
    JSON_LD: ox.RdfFormat.JSON_LD,
    RDF_XML: ox.RdfFormat.RDF_XML,
}
#: rdflib's names of the RDF formats, for graphs held in rdflib (service description, VoID).
RDFLIB_FORMATS: dict[str, str] = {TURTLE: "turtle", NTRIPLES: "nt", JSON_LD: "json-ld",
                                  RDF_XML: "xml"}

#: What people read for each format.
LABELS: dict[str, str] = {
    SPARQL_JSON: "JSON", SPARQL_XML: "XML", CSV: "CSV", TSV: "TSV",
    TURTLE: "Turtle", NTRIPLES: "N-Triples", JSON_LD: "JSON-LD", RDF_XML: "RDF/XML",
    NQUADS: "N-Quads", TRIG: "TriG", HTML: "HTML", JSON: "JSON",
}

#: The short `format=` value of each format in links the server writes (the first of
#: RESULTS_NAMES or GRAPH_NAMES that names it).
SHORT_NAMES: dict[str, str] = {
    SPARQL_JSON: "json", SPARQL_XML: "xml", CSV: "csv", TSV: "tsv",
    TURTLE: "ttl", NTRIPLES: "nt", JSON_LD: "jsonld", RDF_XML: "rdfxml",
}
#: `format=` values understood for SELECT and ASK results (media types are accepted too).
RESULTS_NAMES: dict[str, str] = {"json": SPARQL_JSON, "xml": SPARQL_XML, "csv": CSV, "tsv": TSV}
#: `format=` values understood for RDF documents.
GRAPH_NAMES: dict[str, str] = {
    "ttl": TURTLE, "turtle": TURTLE,
    "nt": NTRIPLES, "ntriples": NTRIPLES, "n-triples": NTRIPLES,
    "jsonld": JSON_LD, "json-ld": JSON_LD, "json": JSON_LD,
    "rdfxml": RDF_XML, "rdf/xml": RDF_XML, "xml": RDF_XML,
    # SPARQLWrapper puts its return format in ``format`` whatever the endpoint: "n3" (its
    # Accept then prefers Turtle, which N3 readers read), "rdf" and "rdf+xml".
    "n3": TURTLE, "rdf": RDF_XML, "rdf+xml": RDF_XML,
}
#: Other names clients use: alias -> canonical media type, for results and for RDF.
RESULTS_ALIASES: dict[str, str] = {JSON: SPARQL_JSON, XML: SPARQL_XML}
GRAPH_ALIASES: dict[str, str] = {JSON: JSON_LD, XML: RDF_XML}

#: File suffixes (without the dot) of the server's documents, for URLs such as
#: /region/12.05.ttl, and of the dumps.
SUFFIXES: dict[str, str] = {
    "ttl": TURTLE, "nt": NTRIPLES, "jsonld": JSON_LD, "rdf": RDF_XML, "html": HTML,
    "nq": NQUADS, "trig": TRIG, "json": JSON,
    "srj": SPARQL_JSON, "srx": SPARQL_XML, "csv": CSV, "tsv": TSV,
}
#: The suffix a download of each format gets.
EXTENSIONS: dict[str, str] = {
    SPARQL_JSON: "srj", SPARQL_XML: "srx", CSV: "csv", TSV: "tsv",
    TURTLE: "ttl", NTRIPLES: "nt", JSON_LD: "jsonld", RDF_XML: "rdf",
    NQUADS: "nq", TRIG: "trig", HTML: "html", JSON: "json",
}
#: The suffixes a resource's own URL may take (/region/12.05.ttl): its RDF formats and HTML.
DOCUMENT_SUFFIXES: dict[str, str] = {suffix: SUFFIXES[suffix]
                                     for suffix in ("ttl", "jsonld", "nt", "rdf", "html")}


def content_type(media_type: str) -> str:
    """The Content-Type header value for a media type: every one gets ``charset=utf-8``.

    The text/* and +xml registrations define the parameter. The JSON family and N-Triples
    define none (they are always UTF-8) and RFC 8259 says adding one has no effect on
    compliant recipients; it does stop lax clients (python-requests' ``.text``, some
    spreadsheet importers) from guessing another encoding for non-ASCII Indonesian text.
    """
    return media_type + "; charset=utf-8"


def of_file(name: str) -> str:
    """The media type of a file by its suffix; text/plain for any other."""
    return SUFFIXES.get(name.rsplit(".", 1)[-1], "text/plain") if "." in name else "text/plain"
