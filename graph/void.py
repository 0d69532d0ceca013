"""VoID and DCAT description of the dataset: counts, classes, licence, dumps, endpoint."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph, Literal, Namespace, URIRef

from kotacerdas.graph import __version__
from kotacerdas.graph.build import Assembled, bind_prefixes
from kotacerdas.graph.gazetteer import gazetteer_metadata
from kotacerdas.graph.namespaces import DCAT, DCTERMS, KC, OWL, RDF, SCHEMA, VOID, XSD

SPDX = Namespace("http://spdx.org/rdf/terms#")
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # DCAT 3; not in rdflib's DCAT
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")

MEDIA_TYPES = {
    "kotacerdas.nq": "application/n-quads",
    "kotacerdas.trig": "application/trig",
    "kotacerdas.nt": "application/n-triples",
    "kotacerdas.ttl": "text/turtle",
    "kotacerdas.jsonld": "application/ld+json",
}
VOCABULARIES = [
    str(KC._NS), "http://www.w3.org/ns/org#", "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/prov#", "https://schema.org/", "http://purl.org/dc/terms/",
    "http://xmlns.com/foaf/0.1/",
]


def _count(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def describe(assembled: Assembled, union: Graph, files: dict[str, dict[str, object]],
             version: str) -> Graph:
    iris = assembled.iris
    base = iris.base
    dataset = iris.dataset()
    g = Graph()
    bind_prefixes(g)
    g.bind("spdx", SPDX)

    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("Kota Cerdas KG", lang="en")))
    g.add((dataset, DCTERMS.title, Literal("Kota Cerdas KG", lang="id")))
    g.add((dataset, DCTERMS.description, Literal(
        "An open knowledge graph of Indonesia's smart-city programme (Gerakan Menuju 100 "
        "Smart City, later Gerakan Menuju Kota Cerdas), built from news articles; every fact "
        "links to the sentence that states it.", lang="en")))
    g.add((dataset, DCTERMS.description, Literal(
        "Graf pengetahuan terbuka tentang Gerakan Menuju 100 Smart City (kemudian Gerakan "
        "Menuju Kota Cerdas), disusun dari artikel berita; setiap fakta terhubung ke kalimat "
        "sumbernya.", lang="id")))
    g.add((dataset, DCTERMS.license, LICENCE))
    g.add((dataset, DCTERMS.creator, Literal("Kota Cerdas KG contributors")))
    g.add((dataset, DCTERMS.conformsTo, URIRef(str(KC._NS).rstrip("#"))))
    g.add((dataset, OWL.versionInfo, Literal(__version__)))
    g.add((dataset, DCAT_VERSION, Literal(version)))
    g.add((dataset, DCAT.landingPage, URIRef(base)))
    for keyword in ("smart city", "kota cerdas", "Indonesia", "knowledge graph"):
        g.add((dataset, DCAT.keyword, Literal(keyword)))
    g.add((dataset, VOID.uriSpace, Literal(base)))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    g.add((dataset, VOID.exampleResource, iris.region("12.05")))
    g.add((dataset, VOID.feature, URIRef("http://www.w3.org/ns/formats/N-Quads")))
    for vocabulary in VOCABULARIES:
        g.add((dataset, VOID.vocabulary, URIRef(vocabulary)))

    # Counts over the union.
    g.add((dataset, VOID.triples, _count(len(union))))
    typed = Counter(o for _, o in union.subject_objects(RDF.type))
    g.add((dataset, VOID.classes, _count(len(typed))))
    g.add((dataset, VOID.entities, _count(len(set(union.subjects(RDF.type))))))
    g.add((dataset, VOID.properties, _count(len(set(union.predicates())))))
    g.add((dataset, VOID.distinctSubjects, _count(len(set(union.subjects())))))
    g.add((dataset, VOID.distinctObjects, _count(len(set(union.objects())))))
    for cls, entities in sorted(typed.items()):
        if not str(cls).startswith(str(KC._NS)):
            continue
        partition = URIRef(f"{dataset}/class/{str(cls)[len(str(KC._NS)):]}")
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], cls))
        g.add((partition, VOID.entities, _count(entities)))

    # One subset per named graph. (The articles are found in one pass: asking the store graph
    # by graph filters all of their type triples each time, quadratic in the articles.)
    articles: dict[URIRef, list[URIRef]] = {}
    for article, _, _, graph_iri in assembled.dataset.quads(
            (None, RDF.type, KC.SourceArticle, None)):
        articles.setdefault(graph_iri, []).append(article)
    for graph in sorted(assembled.dataset.graphs(), key=lambda x: str(x.identifier)):
        if len(graph) == 0:
            continue
        g.add((dataset, VOID.subset, graph.identifier))
        g.add((graph.identifier, RDF.type, VOID.Dataset))
        g.add((graph.identifier, VOID.triples, _count(len(graph))))
        for article in articles.get(graph.identifier, []):
            g.add((graph.identifier, DCTERMS.source, article))
            title = graph.value(article, DCTERMS.title)
            if title is not None:
                g.add((graph.identifier, DCTERMS.title, title))

    # The gazetteer credits its sources: the region lists (MIT licence) and the laws.
    gazetteer = iris.graph("gazetteer")
    if (dataset, VOID.subset, gazetteer) in g:
        g += gazetteer_metadata(gazetteer)

    # Dumps as DCAT distributions, and the endpoint as a data service.
    for name, media in MEDIA_TYPES.items():
        if name not in files:  # a dump left out (benchmarks/synth.py at scale)
            continue
        download = URIRef(f"{base}dumps/{name}")
        distribution = URIRef(f"{dataset}/distribution/{name}")
        g.add((dataset, VOID.dataDump, download))
        g.add((dataset, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(name)))
        g.add((distribution, DCAT.downloadURL, download))
        g.add((distribution, DCAT.accessURL, download))
        g.add((distribution, DCAT.mediaType, URIRef(MEDIA_TYPE + media)))
        g.add((distribution, DCTERMS.license, LICENCE))
        g.add((distribution, DCAT.byteSize, Literal(files[name]["bytes"],
                                                      datatype=XSD.nonNegativeInteger)))
        checksum = URIRef(f"{distribution}#sha256")
        g.add((distribution, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(files[name]["sha256"],
                                                       datatype=XSD.hexBinary)))
    service = URIRef(base + "sparql")
    g.add((dataset, DCAT.accessService, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, service))
    g.add((service, DCAT.servesDataset, dataset))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((dataset, SCHEMA.license, LICENCE))
    return g
