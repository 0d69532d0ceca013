"""Every SHACL node shape can fail: one failing fixture per targeted node shape.

In pySHACL's data-driven style, tests/fixtures/shapes/<Shape>.ttl is a small data graph that
is valid except for one thing, and declares the shape(s) it breaks with
`<https://example.org/fixture/> kcsh:expectFailureOf kcsh:<Shape>`.
"""

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kotacerdas.graph.resources import ontology_files
from kotacerdas.graph.validation import Report, load_shapes, validate

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
FAILING = sorted(FIXTURES.glob("*.ttl"))
VALID = FIXTURES / "valid" / "minimal.ttl"
KCSH = Namespace("https://w3id.org/kotacerdas/shapes#")
FIXTURE = URIRef("https://example.org/fixture/")
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


@cache
def shapes_graph() -> Graph:
    """One shapes graph for all tests: results name its blank-node property shapes."""
    return load_shapes()


def targeted_shapes() -> set[Node]:
    shapes = shapes_graph()
    return {s for target in TARGETS for s in shapes.subjects(target, None)}


def reusable_shapes() -> set[Node]:
    shapes = shapes_graph()
    return {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)} - (
        targeted_shapes()
    )


def local_name(shape: Node) -> str:
    return str(shape).removeprefix(str(KCSH))


def reported_by(node_shape: Node) -> set[Node]:
    """Source shapes of the results a node shape can produce: itself, its property shapes and
    the shapes these use through sh:node (pySHACL also types the nested sh:detail result of a
    failed sh:node as sh:ValidationResult, and validate() collects it as a problem)."""
    shapes = shapes_graph()
    found: set[Node] = set()
    todo: list[Node] = [node_shape]
    while todo:
        shape = todo.pop()
        if shape not in found:
            found.add(shape)
            todo.extend(shapes.objects(shape, SH.property))
            todo.extend(shapes.objects(shape, SH.node))
    return found


def parse(path: Path, into: Graph | None = None) -> Graph:
    graph = Graph() if into is None else into
    return graph.parse(data=path.read_text(encoding="utf-8"), format="turtle")


@cache
def report_for(path: Path) -> Report:
    """Validate the ontology plus the fixture, as `kotacerdas build` validates the graph."""
    data = Graph()
    for file in ontology_files():
        data.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    return validate(parse(path, into=data), shapes_graph())


def union(sets: Iterable[set[Node]]) -> set[Node]:
    return set().union(*sets)


def test_every_targeted_shape_has_a_fixture() -> None:
    assert FAILING, f"no fixtures found in {FIXTURES}"
    fixtures = {path.stem for path in FAILING}
    shapes = {local_name(shape) for shape in targeted_shapes()}
    assert shapes - fixtures == set(), "targeted shapes without a fixture"
    assert fixtures - shapes == set(), "fixtures named after no targeted shape"


@pytest.mark.parametrize("path", FAILING, ids=lambda path: path.stem)
def test_fixture_breaks_only_its_shape(path: Path) -> None:
    expected = set(parse(path).objects(FIXTURE, KCSH.expectFailureOf))
    assert KCSH[path.stem] in expected, "the fixture must declare kcsh:expectFailureOf"
    assert expected <= targeted_shapes()
    report = report_for(path)
    assert not report.conforms
    sources = {problem.shape for problem in report.violations}
    assert sources <= union(reported_by(shape) for shape in expected), report.text()
    failed = {shape for shape in expected if reported_by(shape) & sources}
    assert failed == expected, report.text()


def test_reusable_shapes_reject_a_value() -> None:
    shapes = shapes_graph()
    rejecting: set[Node] = set()
    for path in FAILING:
        for problem in report_for(path).violations:
            if problem.shape is not None:
                rejecting.add(problem.shape)
                rejecting.update(shapes.objects(problem.shape, SH.node))
    assert reusable_shapes(), "expected reusable node shapes (kcsh:AnyOrganisation ...)"
    assert reusable_shapes() - rejecting == set()


def test_valid_fixture_conforms() -> None:
    report = report_for(VALID)
    assert report.conforms, report.text()


def report_with(extra: str) -> Report:
    """The valid fixture plus `extra` Turtle (its prefixes are declared here)."""
    data = parse(VALID)
    for file in ontology_files():
        data.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    data.parse(data="""
        PREFIX ex: <https://example.org/fixture/>
        PREFIX kc: <https://w3id.org/kotacerdas/ontology#>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX dct: <http://purl.org/dc/terms/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        """ + extra, format="turtle")
    return validate(data, shapes_graph())


@pytest.mark.parametrize(("role", "conforms"), [("evaluator", True), ("bupati", False)])
def test_only_an_evaluators_post_may_be_in_no_organisation(role: str, conforms: bool) -> None:
    report = report_with(f"""
        ex:post-x a kc:Post ; rdfs:label "Jabatan"@id ; kc:evidence ex:quote ;
            org:role <https://w3id.org/kotacerdas/role/{role}> .""")
    assert report.conforms is conforms, report.text()
    if not conforms:
        assert {p.shape for p in report.violations} <= reported_by(KCSH.PostShape)


@pytest.mark.parametrize(("subject", "conforms"), [("ex:article", True), ("ex:person", False)])
def test_only_an_inference_about_the_article_itself_may_cite_no_sentence(
        subject: str, conforms: bool) -> None:
    report = report_with(f"""
        ex:inferred a kc:InferredStatement ; rdfs:label "Pernyataan yang disimpulkan"@id ;
            rdf:subject {subject} ; rdf:predicate dct:issued ;
            rdf:object "2018-05-08"^^xsd:date ; kc:reason "From the address."@en .""")
    assert report.conforms is conforms, report.text()
