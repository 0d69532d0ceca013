"""Which regions are most alike: weighted Jaccard over their innovation categories."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from kotacerdas.graph.analysis.data import Rows


@dataclass(frozen=True)
class Similar:
    region: str
    label: str
    score: float
    shared: tuple[str, ...]  # the categories in common (IRIs: pages label them)


def profiles(rows: Rows) -> tuple[dict[str, dict[str, int]], dict[str, str], dict[str, str]]:
    """Region -> category -> innovations; and the labels of regions and categories."""
    weights: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    region_labels: dict[str, str] = {}
    category_labels: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if (row["innovation"], row["category"]) in seen:
            continue
        seen.add((row["innovation"], row["category"]))
        weights[row["region"]][row["category"]] += 1
        region_labels[row["region"]] = row["regionLabel"]
        category_labels[row["category"]] = row["categoryLabel"]
    return {r: dict(c) for r, c in weights.items()}, region_labels, category_labels


def weighted_jaccard(a: dict[str, int], b: dict[str, int]) -> float:
    keys = a.keys() | b.keys()
    top = sum(min(a.get(k, 0), b.get(k, 0)) for k in keys)
    bottom = sum(max(a.get(k, 0), b.get(k, 0)) for k in keys)
    return top / bottom if bottom else 0.0


def similarity_graph(rows: Rows) -> nx.Graph:
    """Regions linked by their weighted Jaccard similarity (only pairs sharing a category)."""
    weights, region_labels, category_labels = profiles(rows)
    by_category: dict[str, list[str]] = defaultdict(list)
    for region, categories in weights.items():
        for category in categories:
            by_category[category].append(region)
    graph = nx.Graph()
    for region, label in region_labels.items():
        graph.add_node(region, label=label)
    pairs = {tuple(sorted((a, b))) for members in by_category.values()
             for i, a in enumerate(members) for b in members[i + 1:]}
    for a, b in sorted(pairs):
        score = weighted_jaccard(weights[a], weights[b])
        shared = sorted(weights[a].keys() & weights[b].keys(), key=lambda c: category_labels[c])
        # GraphML and GEXF keep strings: labels for people, IRIs (space-free) for programs.
        graph.add_edge(a, b, weight=score, shared="; ".join(category_labels[c] for c in shared),
                       shared_categories=" ".join(shared))
    return graph


def most_similar(graph: nx.Graph, region: str, top: int = 5) -> list[Similar]:
    if region not in graph:
        return []
    neighbours = sorted(graph[region].items(), key=lambda item: (-item[1]["weight"], item[0]))
    return [Similar(other, graph.nodes[other]["label"], round(data["weight"], 4),
                    tuple(data["shared_categories"].split()))
            for other, data in neighbours[:top]]


def clusters(graph: nx.Graph, seed: int = 1) -> list[set[str]]:
    """Communities of alike regions (Louvain, seeded so the answer is reproducible)."""
    if graph.number_of_edges() == 0:
        return [{node} for node in graph.nodes]
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(c)))
