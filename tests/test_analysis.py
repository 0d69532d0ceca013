"""The analyses: recurrence (networkx agrees with SPARQL), similarity, institutions, CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kotacerdas.graph.analysis import institutions, recurrence, similarity
from kotacerdas.graph.analysis.data import INSTITUTIONS, DumpSource, innovation_rows
from kotacerdas.graph.queries import canned_queries
from tests.conftest import run_cli

CATEGORY = "https://w3id.org/kotacerdas/category/"
REGION = "https://w3id.org/kotacerdas/region/"


@pytest.fixture(scope="module")
def source(dumps: Path) -> DumpSource:
    return DumpSource(dumps)


@pytest.fixture(scope="module")
def rows(source: DumpSource) -> list[dict[str, str]]:
    return innovation_rows(source.select)


def test_every_innovation_has_a_curated_category(union: Graph, rows: list[dict[str, str]]
                                                 ) -> None:
    innovations = {str(row[0]) for row in union.query(  # type: ignore[index]
        "SELECT ?i WHERE { ?i a ?t . VALUES ?t { <https://w3id.org/kotacerdas/ontology#Innovation>"
        " <https://w3id.org/kotacerdas/ontology#QuickWin> } }")}
    assert len(innovations) == 14
    assert {row["innovation"] for row in rows} == innovations


def test_networkx_agrees_with_sparql(union: Graph, rows: list[dict[str, str]]) -> None:
    """The canned recurrence query and the networkx ranking give the same counts."""
    sparql = {str(r.category): (int(r.regions), int(r.innovations))
              for r in canned_queries()["recurring-innovation-kinds"].run(union)}
    graph = recurrence.bipartite(rows)
    ranked = recurrence.recurrence(rows)
    networkx_counts = {i.category: (graph.degree(i.category), len(i.innovations)) for i in ranked}
    assert networkx_counts == sparql
    assert [i.category for i in ranked][:1] == [CATEGORY + "bank-sampah"]
    assert ranked[0].region_count == 3


def test_recurrence_details(rows: list[dict[str, str]]) -> None:
    bank = next(i for i in recurrence.recurrence(rows) if i.category == CATEGORY + "bank-sampah")
    assert set(bank.regions) == {REGION + "12.05", REGION + "12.07", REGION + "64.08"}
    assert bank.years == {2018, 2022, 2024}
    assert bank.spread() == [(2018, 1), (2022, 2), (2024, 3)]
    assert set(bank.provinces.values()) == {"Provinsi Sumatera Utara", "Provinsi Kalimantan Timur"}
    assert [i.category for i in recurrence.recurrence(rows, min_regions=2)] == [
        CATEGORY + "bank-sampah", CATEGORY + "destinasi-wisata"]
    new_2022 = {i.category for i in recurrence.new_in_year(recurrence.recurrence(rows), 2022)}
    assert CATEGORY + "e-sptpd" in new_2022
    assert CATEGORY + "bank-sampah" not in new_2022


def test_filters(rows: list[dict[str, str]]) -> None:
    environment = recurrence.filter_rows(rows, dimension="smart-environment")
    assert environment
    assert all(r["dimension"].endswith("smart-environment") for r in environment)
    up_to_2018 = recurrence.filter_rows(rows, year=2018)
    # Innovations without a year (Madu Kelulut: 2021 is its award's year) are kept.
    assert {r.get("year") for r in up_to_2018} == {"2018", None}


def test_similarity(rows: list[dict[str, str]]) -> None:
    graph = similarity.similarity_graph(rows)
    weights, _, _ = similarity.profiles(rows)
    expected = similarity.weighted_jaccard(weights[REGION + "12.05"], weights[REGION + "12.07"])
    top = similarity.most_similar(graph, REGION + "12.05")
    assert top[0].region == REGION + "12.07"
    assert top[0].score == pytest.approx(expected, abs=1e-4)
    assert "https://w3id.org/kotacerdas/category/bank-sampah" in top[0].shared
    assert "Bank sampah" in graph.edges[REGION + "12.05", REGION + "12.07"]["shared"].split("; ")
    assert similarity.weighted_jaccard({"a": 2, "b": 1}, {"a": 1, "c": 1}) == pytest.approx(1 / 4)
    clusters = similarity.clusters(graph)
    assert sorted(n for c in clusters for n in c) == sorted(graph.nodes)


def test_institutions(source: DumpSource) -> None:
    graph = institutions.co_participation(source.select(INSTITUTIONS))
    ranked = institutions.centrality(graph)
    kominfo = next(c for c in ranked if c.organisation.endswith("/org/kominfo"))
    assert kominfo.events >= 3
    assert ranked[0].degree >= kominfo.degree
    assert graph.has_edge("https://w3id.org/kotacerdas/org/kominfo",
                          "https://w3id.org/kotacerdas/org/kemendagri")


@pytest.mark.parametrize("analysis", ["recurrence", "similarity", "institutions"])
def test_cli_formats(analysis: str, dumps: Path) -> None:
    as_json = run_cli("analyze", analysis, "--dumps", str(dumps), "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    records = json.loads(as_json.stdout)
    assert records
    as_csv = run_cli("analyze", analysis, "--dumps", str(dumps), "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(as_csv.stdout)))) == len(records)
    table = run_cli("analyze", analysis, "--dumps", str(dumps))
    assert table.returncode == 0
    assert len(table.stdout.splitlines()) == len(records) + 2


def test_cli_min_regions_and_dimension(dumps: Path) -> None:
    result = run_cli("analyze", "recurrence", "--dumps", str(dumps), "--format", "json",
                     "--min-regions", "2", "--dimension", "smart-environment")
    assert [r["label"] for r in json.loads(result.stdout)] == ["Bank sampah"]


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".png", b"\x89PNG")])
def test_cli_plot(dumps: Path, tmp_path: Path, suffix: str, magic: bytes) -> None:
    figure = tmp_path / f"recurrence{suffix}"
    result = run_cli("analyze", "recurrence", "--dumps", str(dumps), "--plot", str(figure))
    assert result.returncode == 0, result.stderr
    assert figure.read_bytes().startswith(magic)


@pytest.mark.parametrize(("suffix", "reader"), [(".graphml", nx.read_graphml),
                                                (".gexf", nx.read_gexf)])
def test_cli_export(dumps: Path, tmp_path: Path, suffix: str, reader: object) -> None:
    path = tmp_path / f"network{suffix}"
    result = run_cli("analyze", "recurrence", "--dumps", str(dumps), "--export", str(path))
    assert result.returncode == 0, result.stderr
    graph = reader(path)  # type: ignore[operator]
    assert REGION + "12.05" in graph
    assert graph.number_of_edges() >= 14
