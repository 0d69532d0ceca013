"""Resources whose data is a whole document rather than a description of one resource.

An RDF client that dereferences the ontology (or its owl:versionIRI) gets the whole ontology:
every triple of the named graph that holds it, the same as dumps/ontology.ttl. A concept
scheme gives the scheme and all its concepts; a named graph, all its triples. Browsers get the
pages of these resources as usual (the ontology's for its version IRI).
"""

from __future__ import annotations

from dataclasses import dataclass

from kotacerdas.server.rdf import COMPACT_MAX_TRIPLES, JSON_LD, JsonLdContext, serialize_triples
from kotacerdas.server.read import Query, Row
from kotacerdas.server.store import GraphResult, QueryRequest, SerializedResult, TripleStore
from kotacerdas.server.terms import IRI, Literal

OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
# A whole graph may be large: documents are not cut at the query endpoint's row limit.
MAX_TRIPLES = 5_000_000


@dataclass(frozen=True)
class Document:
    kind: str  # "graph", "ontology" or "scheme"
    iri: str  # the resource whose page this is (the ontology, for its version IRI)
    graph: str | None = None  # the named graph whose triples are the document, if one is


def find_query(iri: str) -> Query:
    """Which document `iri` names, if it names one (a named graph is known without asking)."""
    return Query("""SELECT ?this ?kind ?resource ?graph WHERE {
        { GRAPH ?graph { ?this a owl:Ontology } BIND("ontology" AS ?kind) BIND(?this AS ?resource) }
        UNION { GRAPH ?graph { ?resource a owl:Ontology ; owl:versionIRI ?this }
                BIND("ontology" AS ?kind) }
        UNION { ?this a skos:ConceptScheme BIND("scheme" AS ?kind) BIND(?this AS ?resource) }
    } LIMIT 1""", this=IRI(iri))


def versions_query() -> Query:
    """Each ontology's version IRIs (?version, ?o)."""
    return Query("SELECT ?version ?o WHERE { ?o a owl:Ontology ; owl:versionIRI ?version }")


def read_find(rows: list[Row]) -> Document | None:
    if not rows:
        return None
    kind, graph, resource = rows[0].get("kind"), rows[0].get("graph"), rows[0].get("resource")
    if not isinstance(kind, Literal) or not isinstance(resource, IRI):
        return None
    return Document(kind.value, resource.value, graph.value if isinstance(graph, IRI) else None)


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
