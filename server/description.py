"""The SPARQL 1.1 Service Description of the endpoint, with the dataset's VoID description."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID, XSD

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = URIRef("http://www.w3.org/ns/entailment/Simple")
RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"]


def service_description(endpoint: str, dataset: URIRef, void: Graph,
                        graph_sizes: dict[str, int]) -> Graph:
    """Describe the service at `endpoint` (its URL as served) and its default dataset."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("formats", FORMATS)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.defaultEntailmentRegime, ENTAILMENT))

    # The default dataset: the union of all graphs as default graph, each graph named.
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default_graph = URIRef(f"{dataset}#default-graph")
    g.add((dataset, SD.defaultGraph, default_graph))
    g.add((default_graph, RDF.type, SD.Graph))
    total = void.value(dataset, VOID.triples)
    if total is not None:
        g.add((default_graph, VOID.triples, total))
    for index, (name, size) in enumerate(sorted(graph_sizes.items()), 1):
        named = URIRef(f"{dataset}#named-graph-{index}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
        g.add((named, SD.graph, URIRef(f"{named}-content")))
        g.add((URIRef(f"{named}-content"), RDF.type, SD.Graph))
        g.add((URIRef(f"{named}-content"), VOID.triples, Literal(size, datatype=XSD.integer)))
    for triple in void:
        g.add(triple)
    return g
