"""Resources whose data is a whole document rather than a description of one resource.

An RDF client that dereferences the ontology (or its owl:versionIRI) gets the whole ontology:
every triple of the named graph that holds it, the same as dumps/ontology.ttl. A concept
scheme gives the scheme and all its concepts; a named graph, all its triples. Browsers get the
pages of these resources as usual (the ontology's for its version IRI).
"""

from __future__ import annotations

from dataclasses import dataclass

from kotacerdas.server.describe import iri_ok, select
from kotacerdas.server.rdf import COMPACT_MAX_TRIPLES, JSON_LD, JsonLdContext, serialize_triples
from kotacerdas.server.store import GraphResult, QueryRequest, SerializedResult, TripleStore
from kotacerdas.server.terms import IRI

OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
# A whole graph may be large: documents are not cut at the query endpoint's row limit.
MAX_TRIPLES = 5_000_000


@dataclass(frozen=True)
class Document:
    kind: str  # "graph", "ontology" or "scheme"
    iri: str  # the resource whose page this is (the ontology, for its version IRI)
    graph: str | None = None  # the named graph whose triples are the document, if one is


def find(store: TripleStore, iri: str) -> Document | None:
    """The document `iri` names, if it names one."""
    if iri in store.graph_names():
        return Document("graph", iri, iri)
    if not iri_ok(iri):
        return None
    rows = select(store, f"""SELECT ?kind ?resource ?graph WHERE {{
        {{ GRAPH ?graph {{ <{iri}> a <{OWL}Ontology> }}
           BIND("ontology" AS ?kind) BIND(<{iri}> AS ?resource) }}
        UNION {{ GRAPH ?graph {{ ?resource a <{OWL}Ontology> ; <{OWL}versionIRI> <{iri}> }}
                 BIND("ontology" AS ?kind) }}
        UNION {{ <{iri}> a <{SKOS}ConceptScheme> BIND("scheme" AS ?kind)
                 BIND(<{iri}> AS ?resource) }} }} LIMIT 1""")
    if not rows:
        return None
    graph, resource = rows[0].get("graph"), rows[0]["resource"]
    assert isinstance(resource, IRI)
    return Document(rows[0]["kind"].value, resource.value,  # type: ignore[union-attr]
                    graph.value if isinstance(graph, IRI) else None)


def construct(document: Document) -> str:
    """The CONSTRUCT query whose result is the document."""
    if document.graph is not None:
        return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{document.graph}> {{ ?s ?p ?o }} }}"
    scheme = f"<{document.iri}>"  # a scheme: its own statements and those of its concepts
    return f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ SELECT DISTINCT ?s WHERE {{
            {{ BIND({scheme} AS ?s) }}
            UNION {{ ?s <{SKOS}inScheme>|<{SKOS}topConceptOf> {scheme} }}
            UNION {{ {scheme} <{SKOS}hasTopConcept> ?s }} }} }}
        ?s ?p ?o }}"""


def rdf_data(store: TripleStore, query: str, media_type: str, context: JsonLdContext | None,
             size: int, timeout: float) -> bytes:
    """A CONSTRUCT result of about `size` triples in `media_type`: written by the executor,
    except JSON-LD to compact with `context` (not for very large results, see rdf.py)."""
    compact = media_type == JSON_LD and context is not None and size <= COMPACT_MAX_TRIPLES
    result = store.query(QueryRequest(query, max_rows=MAX_TRIPLES,
                                      media_type=None if compact else media_type),
                         timeout=timeout)
    if isinstance(result, SerializedResult):
        return result.body
    assert isinstance(result, GraphResult)
    return serialize_triples(result.triples, media_type, context)
