"""`python benchmarks/synth.py`: a large synthetic graph that conforms, is reproducible, spans every
region, has innovation kinds that recur, and keeps the real articles' graphs as they are."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from benchmarks.synth import ARTICLE_PREFIX, KINDS
from kotacerdas.graph.build import Assembled
from kotacerdas.graph.namespaces import KC, RDF, RDFS
from tests.conftest import REPO

TRIPLES = 50_000  # the real graph alone has about 17 000
REAL_ARTICLES = 5


def synth(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The generator as benchmarks/README.md runs it."""
    return subprocess.run([sys.executable, "benchmarks/synth.py", *args], cwd=REPO,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "dumps"
    result = synth("--triples", str(TRIPLES), "--out", str(out),
                   env={"PYTHONHASHSEED": "1"})
    assert result.returncode == 0, result.stderr
    assert "SHACL: conforms" in result.stdout
    return out


@pytest.fixture(scope="module")
def dataset(synthetic: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(synthetic / "kotacerdas.nq", format="nquads")
    return dataset


@pytest.fixture(scope="module")
def union(synthetic: Path) -> Graph:
    return Graph().parse(synthetic / "kotacerdas.nt", format="nt")


def test_reaches_the_size_asked_for(synthetic: Path, union: Graph) -> None:
    manifest = json.loads((synthetic / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["triples"] == len(union)
    assert TRIPLES <= len(union) < TRIPLES * 1.05


def test_conforms_to_the_shapes(synthetic: Path) -> None:
    report = Graph().parse(synthetic / "validation-report.ttl", format="turtle")
    conforms = URIRef("http://www.w3.org/ns/shacl#conforms")
    assert list(report.objects(None, conforms)) == [Literal(True)]


def test_same_seed_gives_the_same_dumps(synthetic: Path, tmp_path: Path) -> None:
    # Another process, another hash seed, no validation and fewer formats: same N-Quads.
    again = tmp_path / "dumps"
    result = synth("--triples", str(TRIPLES), "--out", str(again), "--no-validate",
                     "--formats", "nq,nt", env={"PYTHONHASHSEED": "2"})
    assert result.returncode == 0, result.stderr
    assert "SHACL: not run" in result.stdout
    assert (again / "kotacerdas.nq").read_bytes() == (synthetic / "kotacerdas.nq").read_bytes()
    assert (again / "kotacerdas.nt").read_bytes() == (synthetic / "kotacerdas.nt").read_bytes()
    # Only the dumps asked for, and VoID and the manifest describe only those.
    assert not (again / "kotacerdas.trig").exists()
    manifest = json.loads((again / "manifest.json").read_text(encoding="utf-8"))
    assert {"kotacerdas.nq", "kotacerdas.nt"} <= set(manifest["files"])
    assert not {"kotacerdas.trig", "kotacerdas.ttl", "kotacerdas.jsonld"} & set(manifest["files"])
    assert "kotacerdas.trig" not in (again / "void.ttl").read_text(encoding="utf-8")


def test_another_seed_gives_another_graph(synthetic: Path, tmp_path: Path) -> None:
    # Above the real graph alone (about 17 000 triples), so that synthetic articles are added.
    result = synth("--triples", "30000", "--seed", "2", "--no-validate",
                     "--formats", "nq", "--out", str(tmp_path / "dumps"))
    assert result.returncode == 0, result.stderr
    ours = (synthetic / "kotacerdas.nq").read_text(encoding="utf-8")
    theirs = (tmp_path / "dumps" / "kotacerdas.nq").read_text(encoding="utf-8")
    assert not set(theirs.splitlines()) <= set(ours.splitlines())


def test_every_region_and_innovations_in_many(union: Graph) -> None:
    regions = set(union.subjects(RDF.type, KC.Regency)) | set(union.subjects(RDF.type, KC.City))
    assert len(regions) == 514
    with_innovations = {union.value(i, KC.region) for kind in (KC.Innovation, KC.QuickWin)
                        for i in union.subjects(RDF.type, kind)}
    assert with_innovations <= regions
    assert len(with_innovations) >= 50


def test_innovation_kinds_recur_across_regions(union: Graph) -> None:
    regions_of_kind: dict[str, set[URIRef]] = defaultdict(set)
    for kind in (KC.Innovation, KC.QuickWin):
        for innovation in union.subjects(RDF.type, kind):
            for label in union.objects(innovation, RDFS.label):
                if isinstance(label, Literal) and label.language == "en":
                    regions_of_kind[str(label)].add(union.value(innovation, KC.region))
    counts = sorted((len(r) for r in regions_of_kind.values()), reverse=True)
    assert counts[0] >= 20
    assert sum(1 for n in counts if n >= 5) >= 10
    assert len({kind.label_en for kind in KINDS} & set(regions_of_kind)) >= 30


def test_synthetic_articles_are_marked_and_quoted(dataset: Dataset, union: Graph) -> None:
    articles = sorted(str(a) for a in union.subjects(RDF.type, KC.SourceArticle))
    synthetic = [a for a in articles if a.rsplit("/", 1)[-1].startswith(ARTICLE_PREFIX)]
    assert len(articles) - len(synthetic) == REAL_ARTICLES
    assert len(synthetic) >= 50
    quoted_from = {str(a) for a in union.objects(None, URIRef("http://www.w3.org/ns/prov#wasQuotedFrom"))}
    assert set(synthetic) <= quoted_from
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {a.replace("/article/", "/graph/article/") for a in synthetic} <= graphs


def test_keeps_the_real_articles_graphs(dataset: Dataset, assembled: Assembled) -> None:
    real = assembled.article_graphs()
    assert len(real) == REAL_ARTICLES
    for iri in real:
        assert set(dataset.graph(iri)) == set(assembled.dataset.graph(iri)), iri


def test_synthetic_instances_carry_their_superclasses(union: Graph) -> None:
    # The synthetic output goes through the build: every quick win is an innovation, every
    # evaluation an event (also for schema.org and PROV-O), every inference has both reasons.
    event, activity = URIRef("https://schema.org/Event"), URIRef("http://www.w3.org/ns/prov#Activity")
    quick_wins = set(union.subjects(RDF.type, KC.QuickWin))
    assert len(quick_wins) > 10
    assert quick_wins <= set(union.subjects(RDF.type, KC.Innovation))
    evaluations = set(union.subjects(RDF.type, KC.Evaluation))
    assert evaluations
    for kind in (KC.Event, event, activity):
        assert evaluations <= set(union.subjects(RDF.type, kind))
    statements = set(union.subjects(RDF.type, KC.InferredStatement))
    assert statements
    for statement in statements:
        assert {o.language for o in union.objects(statement, KC.reason)} == {"en", "id"}
