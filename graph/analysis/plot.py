"""Figures for papers: matplotlib, written as SVG or PNG by the file's suffix."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; files only

import matplotlib.pyplot as plt
import networkx as nx

from kotacerdas.graph.analysis.institutions import Centrality
from kotacerdas.graph.analysis.recurrence import CategoryRecurrence

plt.rcParams["svg.hashsalt"] = "kotacerdas"  # stable ids in SVG output


def _save(figure: plt.Figure, path: Path) -> None:
    if path.suffix not in (".svg", ".png"):
        raise ValueError(f"{path}: write .svg or .png")
    figure.tight_layout()
    figure.savefig(path, dpi=200, metadata={"Date": None} if path.suffix == ".svg" else None)
    plt.close(figure)


def recurrence_chart(items: list[CategoryRecurrence], path: Path, top: int = 20) -> None:
    shown = items[:top][::-1]
    figure, axes = plt.subplots(figsize=(7, 0.3 * len(shown) + 1.2))
    axes.barh([i.label for i in shown], [i.region_count for i in shown], color="#0b5394")
    axes.set_xlabel("kabupaten/kota with this kind of innovation")
    axes.set_title("Recurring smart-city innovations")
    _save(figure, path)


def similarity_chart(graph: nx.Graph, communities: list[set[str]], path: Path) -> None:
    figure, axes = plt.subplots(figsize=(8, 8))
    colour = {node: index for index, members in enumerate(communities) for node in members}
    layout = nx.spring_layout(graph, weight="weight", seed=1)
    nx.draw_networkx_edges(graph, layout, ax=axes, alpha=0.2)
    nx.draw_networkx_nodes(graph, layout, ax=axes, node_size=30,
                           node_color=[colour.get(n, 0) for n in graph], cmap="tab20")
    if len(graph) <= 40:
        nx.draw_networkx_labels(graph, layout, ax=axes, font_size=7,
                                labels={n: d["label"] for n, d in graph.nodes(data=True)})
    axes.set_title("Regions alike in their innovations (Louvain communities)")
    axes.axis("off")
    _save(figure, path)


def institutions_chart(ranked: list[Centrality], path: Path, top: int = 20) -> None:
    shown = ranked[:top][::-1]
    figure, axes = plt.subplots(figsize=(7, 0.3 * len(shown) + 1.2))
    axes.barh([c.label[:50] for c in shown], [c.degree for c in shown], color="#38761d")
    axes.set_xlabel("degree centrality in event co-participation")
    axes.set_title("Institutions that work together")
    _save(figure, path)
