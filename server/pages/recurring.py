"""The "Inovasi berulang / Recurring innovations" page: the recurrence ranking, a
region-by-dimension heatmap and a network picture of regions and kinds, drawn on the server."""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass

import networkx as nx
from flask import Blueprint, Flask, Response, render_template, request

from kotacerdas.analysis import recurrence, similarity
from kotacerdas.analysis.data import Rows, innovation_rows
from kotacerdas.server.describe import select
from kotacerdas.server.state import state
from kotacerdas.server.terms import BNode

blueprint = Blueprint("recurring", __name__)
DIMENSIONS = ["smart-governance", "smart-branding", "smart-economy", "smart-living",
              "smart-society", "smart-environment"]
MAX_NETWORK_NODES = 400


def store_rows(query: str) -> Rows:
    """Analysis rows (plain strings) from the server's store."""
    rows = select(state().store, query, timeout=60, max_rows=5_000_000)
    return [{name: term.value if not isinstance(term, BNode) else term.id
             for name, term in row.items()} for row in rows]


@functools.lru_cache(maxsize=4)
def _all_rows(dataset_version: str, include_suggested: bool) -> tuple[dict[str, str], ...]:
    return tuple(innovation_rows(store_rows, include_suggested))


def rows(include_suggested: bool = False) -> Rows:
    return list(_all_rows(state().store.dataset_version, include_suggested))


def warm(app: Flask) -> None:
    """Compute the analysis rows and the search index in the background after start-up, so
    the first visitor of /recurring does not wait for them (seconds at a million triples)."""
    def run() -> None:
        with app.app_context():
            rows(False)
            rows(True)
            state().search_index()

    threading.Thread(target=run, name="warm-analyses", daemon=True).start()


@dataclass
class Drawing:
    width: int
    height: int
    nodes: list[tuple[float, float, str, str, str]]  # x, y, kind, label, IRI
    edges: list[tuple[float, float, float, float]]


def network(selected: Rows) -> Drawing:
    graph = recurrence.bipartite(selected)
    if len(graph) > MAX_NETWORK_NODES:  # keep the picture readable: the busiest nodes
        keep = sorted(graph.degree, key=lambda item: -item[1])[:MAX_NETWORK_NODES]
        graph = graph.subgraph([node for node, _ in keep]).copy()
    size = 640
    positions = nx.spring_layout(graph, seed=1, weight="weight") if len(graph) else {}

    def place(value: float) -> float:
        return round(20 + (value + 1) / 2 * (size - 40), 1)
    nodes = [(place(x), place(y), graph.nodes[n]["kind"], graph.nodes[n]["label"], n)
             for n, (x, y) in sorted(positions.items())]
    edges = [(place(positions[a][0]), place(positions[a][1]), place(positions[b][0]),
              place(positions[b][1])) for a, b in sorted(graph.edges)]
    return Drawing(size, size, nodes, edges)


def heat_class(count: int, highest: int) -> str:
    if count == 0 or highest == 0:
        return "heat-0"
    return f"heat-{max(1, math.ceil(5 * count / highest))}"


@blueprint.route("/recurring")
def recurring() -> Response:
    dimension = request.args.get("dimension") or None
    if dimension not in DIMENSIONS:
        dimension = None
    province = request.args.get("province") or None
    year_text = request.args.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    suggested = request.args.get("suggested") == "1"
    everything = rows(suggested)
    selected = recurrence.filter_rows(everything, dimension, province, year)
    items = recurrence.recurrence(selected)
    heat = recurrence.per_region_dimension(selected)
    highest = max((n for dims in heat.values() for n in dims.values()), default=0)
    provinces = sorted({(r["province"], r["provinceLabel"]) for r in everything},
                       key=lambda p: p[1])
    years = sorted({int(r["year"]) for r in everything if r.get("year")})
    return Response(render_template(
        "recurring.html", items=items, heat=dict(sorted(heat.items())), highest=highest,
        heat_class=heat_class, dimensions=DIMENSIONS, drawing=network(selected),
        provinces=provinces, years=years, dimension=dimension, province=province, year=year,
        suggested=suggested, title="Inovasi berulang / Recurring innovations"),
        content_type="text/html; charset=utf-8")


def similar_regions(region: str, top: int = 5) -> list[similarity.Similar]:
    """For the region page: the regions whose innovations are most alike."""
    graph = _similarity_graph(state().store.dataset_version)
    return similarity.most_similar(graph, region, top)


@functools.lru_cache(maxsize=2)
def _similarity_graph(dataset_version: str) -> nx.Graph:
    return similarity.similarity_graph(rows())


def same_category_elsewhere(innovation: str) -> list[dict[str, str]]:
    """For the innovation page: innovations of the same curated category in other regions."""
    everything = rows()
    mine = [r for r in everything if r["innovation"] == innovation]
    categories = {r["category"] for r in mine}
    regions = {r["region"] for r in mine}
    return sorted(({"innovation": r["innovation"], "region": r["region"],
                    "regionLabel": r["regionLabel"], "category": r["categoryLabel"]}
                   for r in everything
                   if r["category"] in categories and r["region"] not in regions),
                  key=lambda r: (r["regionLabel"], r["innovation"]))

