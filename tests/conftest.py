"""Shared fixtures: the graph built once from the real sources, the seed articles, a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from rdflib import Graph
from rdflib.query import ResultRow

from kotacerdas.graph.build import Assembled, assemble
from kotacerdas.graph.dumps import publish
from kotacerdas.server import create_app
from kotacerdas.server.store import OxigraphStore

if TYPE_CHECKING:
    from tests.app_fixtures import AppClient

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
PREFIXES = """
BASE <https://w3id.org/kotacerdas/>
PREFIX kc: <https://w3id.org/kotacerdas/ontology#>
PREFIX dim: <https://w3id.org/kotacerdas/dimension/>
PREFIX role: <https://w3id.org/kotacerdas/role/>
PREFIX stage: <https://w3id.org/kotacerdas/stage/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX r: <https://w3id.org/kotacerdas/region/>
PREFIX o: <https://w3id.org/kotacerdas/org/>
PREFIX p: <https://w3id.org/kotacerdas/person/>
PREFIX post: <https://w3id.org/kotacerdas/post/>
PREFIX e: <https://w3id.org/kotacerdas/event/>
PREFIX i: <https://w3id.org/kotacerdas/innovation/>
"""


@pytest.fixture(scope="session")
def assembled() -> Assembled:
    return assemble()


@pytest.fixture(scope="session")
def union(assembled: Assembled) -> Graph:
    return assembled.union()


@pytest.fixture(scope="session")
def dumps(assembled: Assembled, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dumps")
    publish(assembled, out)
    return out


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The seed articles; CI always has them beside the checkout, so their absence fails."""
    assert SEEDS.is_dir(), f"the seed articles are expected at {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session")
def ask(union: Graph) -> Callable[[str], bool]:
    def run(query: str) -> bool:
        return bool(union.query(PREFIXES + "ASK {" + query + "}").askAnswer)

    return run


@pytest.fixture(scope="session")
def select(union: Graph) -> Callable[[str], list[ResultRow]]:
    def run(query: str) -> list[ResultRow]:
        return list(union.query(PREFIXES + query))  # type: ignore[arg-type]

    return run


# The `kotacerdas` command pip installed beside this Python, as the README runs it.
COMMAND = Path(sys.executable).parent / "kotacerdas"


def run_cli(*args: str, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `kotacerdas` command as a user would, in a fresh process."""
    return subprocess.run(
        [str(COMMAND), *args], cwd=cwd or REPO, capture_output=True,
        text=True, env={**os.environ, **(env or {})}, timeout=300, check=False,
    )


@pytest.fixture(scope="session")
def store(dumps: Path) -> Iterator[OxigraphStore]:
    """The real store over the built dumps, shared by the apps made in the test process."""
    opened = OxigraphStore(dumps, workers=2)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def app(dumps: Path, store: OxigraphStore) -> Flask:
    """`create_app` over the real store, in this process, for page logic."""
    return create_app({"DUMPS": str(dumps), "WARM": False}, store=store)


@pytest.fixture(scope="session")
def client(app: Flask) -> AppClient:
    """The app through Flask's test client, with the `LiveServer` interface."""
    from tests.app_fixtures import AppClient  # it imports this module's COMMAND, via Reply

    return AppClient(app)
