"""Materialise the rdfs:subClassOf closure: every instance carries all its classes as rdf:type.

The store and the dumps are queried without reasoning, so `?x a kc:Event` must find an
evaluation and `?x a kc:Innovation` a quick win. The ontology's axioms (rdfs:subClassOf
between named classes), with the reused vocabularies' own hierarchy (ontology/
reused-hierarchy.ttl, which the published ontology does not restate), say which classes those
are; each added type goes into the named graph that asserts the narrower one, so every graph
stays complete on its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from rdflib import Dataset, Graph, URIRef

from kotacerdas.graph.namespaces import RDF, RDFS
from kotacerdas.graph.resources import reused_hierarchy_file

Triple = tuple[URIRef, URIRef, URIRef]


def reused_hierarchy() -> Graph:
    """The subclass axioms of ORG, FOAF, PROV-O and schema.org that the closure follows."""
    return Graph().parse(data=reused_hierarchy_file().read_text(encoding="utf-8"),
                         format="turtle")


def superclass_closure(ontology: Graph) -> dict[URIRef, frozenset[URIRef]]:
    """Each named class with its named superclasses, direct and indirect (itself excluded),
    by the ontology's axioms and the reused vocabularies' hierarchy."""
    direct: dict[URIRef, set[URIRef]] = {}
    for sub, sup in [*ontology.subject_objects(RDFS.subClassOf),
                     *reused_hierarchy().subject_objects(RDFS.subClassOf)]:
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct.setdefault(sub, set()).add(sup)

    def above(cls: URIRef, seen: frozenset[URIRef]) -> set[URIRef]:
        found: set[URIRef] = set()
        for sup in direct.get(cls, ()):
            if sup not in seen:  # a cycle (equivalent classes) ends here
                found |= {sup, *above(sup, seen | {sup})}
        return found

    return {cls: frozenset(above(cls, frozenset({cls})) - {cls}) for cls in direct}


def supertype_triples(graph: Graph, closure: Mapping[URIRef, frozenset[URIRef]]
                      ) -> Iterator[Triple]:
    """The rdf:type triples `graph` lacks for the closure of the types it asserts."""
    for node, cls in list(graph.subject_objects(RDF.type)):
        for sup in closure.get(cls, ()):  # type: ignore[call-overload]
            if (node, RDF.type, sup) not in graph:
                yield node, RDF.type, sup


def materialise_supertypes(dataset: Dataset, closure: Mapping[URIRef, frozenset[URIRef]]
                           ) -> None:
    for graph in list(dataset.graphs()):
        for triple in list(supertype_triples(graph, closure)):
            graph.add(triple)
