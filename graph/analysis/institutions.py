"""Institutions that work together: co-participation in events, and who is central."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from kotacerdas.graph.analysis.data import Rows

EXACT_BETWEENNESS_UP_TO = 300
BETWEENNESS_SAMPLE = 150


@dataclass(frozen=True)
class Centrality:
    organisation: str
    label: str
    events: int
    degree: float
    betweenness: float


def co_participation(rows: Rows) -> nx.Graph:
    """Organisations linked when they take part in the same event; weight = shared events."""
    members: dict[str, set[str]] = defaultdict(set)
    graph = nx.Graph()
    for row in rows:
        members[row["event"]].add(row["organisation"])
        graph.add_node(row["organisation"], label=row["label"],
                       kind=row["kind"].rsplit("#", 1)[-1], events=0)
    for organisations in members.values():
        for organisation in organisations:
            graph.nodes[organisation]["events"] += 1
        for a, b in combinations(sorted(organisations), 2):
            weight = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, weight=weight)
    return graph


def centrality(graph: nx.Graph) -> list[Centrality]:
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    # Betweenness on distances: frequent partners are close.
    for _, _, data in graph.edges(data=True):
        data["distance"] = 1 / data["weight"]
    # Exact up to EXACT_BETWEENNESS_UP_TO nodes; above, estimated from a seeded sample of
    # sources (exact Dijkstra from every node takes ~10 s at 700 institutions).
    sample = None if len(graph) <= EXACT_BETWEENNESS_UP_TO else BETWEENNESS_SAMPLE
    betweenness = nx.betweenness_centrality(graph, k=sample, weight="distance", seed=1) \
        if len(graph) > 2 else dict.fromkeys(graph, 0.0)
    ranked = [Centrality(n, graph.nodes[n]["label"], graph.nodes[n]["events"],
                         round(degree[n], 4), round(betweenness[n], 4)) for n in graph]
    return sorted(ranked, key=lambda c: (-c.degree, -c.events, c.label))
