"""Counts for `kotacerdas stats`: triples per named graph, entities per class."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rdflib import Dataset, URIRef

from kotacerdas.graph.namespaces import PREFIXES, RDF


def load_dump(path: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    return dataset


def triples_per_graph(dataset: Dataset) -> list[tuple[str, int]]:
    counts = [(str(g.identifier), len(g)) for g in dataset.graphs() if len(g)]
    return sorted(counts)


def entities_per_class(dataset: Dataset) -> list[tuple[str, int]]:
    members: dict[URIRef, set] = {}
    for s, _, cls, _ in dataset.quads((None, RDF.type, None, None)):
        members.setdefault(cls, set()).add(s)
    counts = Counter({cls: len(subjects) for cls, subjects in members.items()})
    return sorted(((_short(cls), n) for cls, n in counts.items()), key=lambda x: (-x[1], x[0]))


def _short(iri: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        if str(iri).startswith(namespace):
            return f"{prefix}:{str(iri)[len(namespace):]}"
    return str(iri)


def format_table(rows: list[tuple[str, int]], heading: str) -> str:
    width = max([len(heading), *(len(name) for name, _ in rows)])
    lines = [f"{heading:<{width}}  {'count':>7}", f"{'-' * width}  {'-' * 7}"]
    lines += [f"{name:<{width}}  {count:>7}" for name, count in rows]
    return "\n".join(lines)
