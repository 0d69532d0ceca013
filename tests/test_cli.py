"""End to end through the command line: build, validate, stats, determinism, failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

SOURCES = REPO / "graph" / "sources"
EXPECTED_FILES = {
    "kotacerdas.nq", "kotacerdas.trig", "kotacerdas.nt", "kotacerdas.ttl", "kotacerdas.jsonld",
    "context.jsonld", "ontology.ttl", "shapes.ttl", "validation-report.ttl", "void.ttl",
    "manifest.json",
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir()) if f.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "dumps"
    result = run_cli("build", "--out", str(out), env={"PYTHONHASHSEED": "1"})
    assert result.returncode == 0, result.stderr
    assert "SHACL: conforms" in result.stdout
    return out


def test_build_writes_every_dump(built: Path) -> None:
    assert {f.name for f in built.iterdir()} == EXPECTED_FILES


def test_rebuild_is_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "dumps"
    # Another process with another hash seed: set and dict order must not leak into files.
    result = run_cli("build", "--out", str(again), env={"PYTHONHASHSEED": "2"})
    assert result.returncode == 0, result.stderr
    assert snapshot(again) == snapshot(built)


def test_validate_conforms() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Conforms" in result.stdout


def test_stats_counts_graphs_and_classes(built: Path) -> None:
    result = run_cli("stats", "--out", str(built))
    assert result.returncode == 0, result.stderr
    assert "graph/article/2018-langkat-nota-kesepahaman" in result.stdout
    assert "graph/gazetteer" in result.stdout
    lines = {line.split()[0]: line.split()[-1] for line in result.stdout.splitlines() if line}
    assert lines["kc:Province"] == "38"
    assert int(lines["kc:Regency"]) + int(lines["kc:City"]) == 514
    assert lines["kc:SourceArticle"] == "5"


def test_stats_without_dumps_says_to_build(tmp_path: Path) -> None:
    result = run_cli("stats", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "kotacerdas build" in result.stderr


def _sources_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    return copy


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if fragment in line)


def test_malformed_source_names_file_and_line_and_keeps_dumps(built: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "dumps"
    shutil.copytree(built, out)
    before = snapshot(out)
    sources = _sources_copy(tmp_path)
    broken = sources / "2022-kutai-timur-evaluasi-tahap-i.yaml"
    _break(broken, "    label: Kasmidi Bulang\n", "    label: [Kasmidi Bulang\n")

    result = run_cli("build", "--sources", str(sources), "--out", str(out))

    assert result.returncode == 2
    assert "2022-kutai-timur-evaluasi-tahap-i.yaml:" in result.stderr
    assert "malformed YAML" in result.stderr
    assert "unchanged" in result.stderr
    assert snapshot(out) == before


def test_invalid_field_names_file_and_line(tmp_path: Path) -> None:
    sources = _sources_copy(tmp_path)
    broken = sources / "2024-langkat-evaluasi-tahap-i.yaml"
    _break(broken, "    dimension: smart-economy\n", "    dimension: smart-economi\n")
    line = _line_of(broken, "dimension: smart-economi")

    result = run_cli("validate", "--sources", str(sources))

    assert result.returncode == 2
    assert f"2024-langkat-evaluasi-tahap-i.yaml:{line}: innovations.0.dimension" in result.stderr


def test_unknown_reference_names_file_and_line(tmp_path: Path) -> None:
    sources = _sources_copy(tmp_path)
    broken = sources / "2018-langkat-nota-kesepahaman.yaml"
    _break(broken, "    venue: pustiknas\n", "    venue: pustiknass\n")

    result = run_cli("validate", "--sources", str(sources))

    assert result.returncode == 2
    assert "2018-langkat-nota-kesepahaman.yaml:" in result.stderr
    assert "unknown entity https://w3id.org/kotacerdas/place/pustiknass" in result.stderr


def test_shacl_violation_is_reported_with_source_and_keeps_dumps(built: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "dumps"
    shutil.copytree(built, out)
    before = snapshot(out)
    sources = _sources_copy(tmp_path)
    broken = sources / "2024-humbang-hasundutan-rapat-dewan-smart-city.yaml"
    # Valid YAML and a valid date, but before the programme began: only SHACL catches it.
    _break(broken, "    start: 2024-09-12\n    end: 2024-09-12\n",
           "    start: 2014-09-12\n    end: 2014-09-12\n")

    result = run_cli("build", "--sources", str(sources), "--out", str(out))

    assert result.returncode == 1
    assert "2024-humbang-hasundutan-rapat-dewan-smart-city.yaml:" in result.stderr
    assert "event/2024/rapat-dewan-smart-city/12.16" in result.stderr
    assert "schema:startDate" in result.stderr
    assert snapshot(out) == before


def test_bad_base_is_refused() -> None:
    result = run_cli("validate", "--base", "not-an-iri")
    assert result.returncode == 2
    assert "base IRI" in result.stderr
