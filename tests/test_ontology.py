"""The ontology: documented terms, a complete header, the vocabularies the sources need."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kotacerdas.graph.namespaces import DCTERMS, KC, ONTOLOGY_IRI, OWL, RDF, RDFS, SKOS
from kotacerdas.graph.resources import ontology_files, reused_hierarchy_file

VANN = "http://purl.org/vocab/vann/"
DIMENSIONS = "https://w3id.org/kotacerdas/dimension/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    files = ontology_files()
    assert [f.name for f in files] == ["kotacerdas.ttl", "vocabularies.ttl"]
    for file in files:
        graph.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    return graph


def defined_terms(ontology: Graph) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s)[len(str(KC._NS)):] for kind in kinds for s in ontology.subjects(RDF.type, kind)
            if str(s).startswith(str(KC._NS))}


def test_python_namespace_matches_the_ontology(ontology: Graph) -> None:
    assert defined_terms(ontology) == set(KC.__annotations__)


def test_header(ontology: Graph) -> None:
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionIRI, OWL.versionInfo,
                 DCTERMS.license, DCTERMS.creator, URIRef(VANN + "preferredNamespacePrefix"),
                 URIRef(VANN + "preferredNamespaceUri")):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology


def test_every_term_is_documented_in_both_languages(ontology: Graph) -> None:
    for name in sorted(defined_terms(ontology)):
        term = KC[name]
        for prop in (RDFS.label, SKOS.definition):
            languages = {o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)}
            assert {"id", "en"} <= languages, f"kc:{name} lacks {prop} in id and en"
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology
        if (term, RDF.type, OWL.Class) not in ontology:
            assert ontology.value(term, RDFS.domain) is not None, f"kc:{name} has no domain"
            assert ontology.value(term, RDFS.range) is not None, f"kc:{name} has no range"


def test_the_six_dimensions_with_source_spellings(ontology: Graph) -> None:
    dimensions = set(ontology.subjects(RDF.type, KC.Dimension))
    assert {str(d)[len(DIMENSIONS):] for d in dimensions} == {
        "smart-governance", "smart-branding", "smart-economy", "smart-living",
        "smart-society", "smart-environment"}
    spellings = {
        "smart-governance": "Smart Goverment", "smart-society": "Smart Sosiety",
        "smart-economy": "smart ekonomi", "smart-environment": "Smart Enviroment",
    }
    for slug, spelling in spellings.items():
        assert (URIRef(DIMENSIONS + slug), SKOS.altLabel, Literal(spelling, lang="id")) in ontology
    for dimension in dimensions:
        assert len(set(ontology.objects(dimension, SKOS.narrower))) == 3


def test_roles_used_by_sources_exist(ontology: Graph) -> None:
    from typing import get_args

    from kotacerdas.graph.sources import Role

    roles = {str(r).rsplit("/", 1)[-1] for r in ontology.subjects(RDF.type, KC.Role)}
    assert set(get_args(Role)) == roles


def test_the_reused_hierarchy_is_kept_apart(ontology: Graph) -> None:
    from kotacerdas.graph.supertypes import reused_hierarchy, superclass_closure

    # The ontology states nothing about other vocabularies' terms (no ontology hijacking) ...
    assert {s for s in ontology.subjects() if isinstance(s, URIRef)
            and not str(s).startswith("https://w3id.org/kotacerdas/")} == set()
    # ... their own hierarchy sits in a file the build reads only to materialise types.
    hierarchy = reused_hierarchy()
    assert len(hierarchy) >= 10
    assert set(hierarchy.predicates()) == {RDFS.subClassOf}
    assert not any(str(s).startswith("https://w3id.org/kotacerdas/") for s in hierarchy.subjects())
    org = "http://www.w3.org/ns/org#"
    assert URIRef(org + "Organization") in superclass_closure(ontology)[KC.Ministry]


def test_the_servers_class_tables_are_the_ontologys(ontology: Graph) -> None:
    """The lists rank institutions and events by tables of their own (queries are built from
    them); they must name exactly the ontology's organisation and event classes."""
    from kotacerdas.server.pages.lists import EVENT_TYPES, INSTITUTION_TYPES
    from kotacerdas.server.search import TYPE_FILTERS

    classes = ontology + Graph().parse(str(reused_hierarchy_file()), format="turtle")

    def below(root: URIRef) -> set[str]:
        return {str(c).removeprefix(str(KC)) for c in classes.transitive_subjects(
            RDFS.subClassOf, root) if str(c).startswith(str(KC))}

    organisations = below(URIRef("http://www.w3.org/ns/org#Organization"))
    assert set(INSTITUTION_TYPES) == organisations
    assert TYPE_FILTERS["Institution"] == organisations
    assert set(EVENT_TYPES) == below(KC.Event)
