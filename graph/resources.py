"""Find the package's data files (ontology, shapes, queries, sources), checked out or installed."""

from importlib.resources import files
from importlib.resources.abc import Traversable


def _folder(package: str) -> Traversable:
    return files(f"kotacerdas.{package}")


# The reused vocabularies' own class hierarchy: read to materialise types, not published.
REUSED_HIERARCHY = "reused-hierarchy.ttl"


def ontology_files() -> list[Traversable]:
    """The ontology and its controlled vocabularies, in a stable order."""
    return sorted((f for f in _folder("ontology").iterdir()
                   if f.name.endswith(".ttl") and f.name != REUSED_HIERARCHY),
                  key=lambda f: f.name)


def reused_hierarchy_file() -> Traversable:
    return _folder("ontology") / REUSED_HIERARCHY


def shape_files() -> list[Traversable]:
    return sorted((f for f in _folder("shapes").iterdir() if f.name.endswith(".ttl")),
                  key=lambda f: f.name)


def query_files() -> list[Traversable]:
    return sorted((f for f in _folder("queries").iterdir() if f.name.endswith(".rq")),
                  key=lambda f: f.name)


def graph_data(*parts: str) -> Traversable:
    """A file or folder below graph/ (sources, reference, gazetteer)."""
    node = _folder("graph")
    for part in parts:
        node = node / part
    return node
