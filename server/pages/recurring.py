"""The "Inovasi berulang / Recurring innovations" page: the recurrence ranking, a
region-by-dimension heatmap and a network picture of regions and kinds, drawn on the server.

The analyses work on IRIs (their rows carry Indonesian labels for the command line); this page
names regions, provinces, kinds and dimensions in the interface language."""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass

import networkx as nx
from flask import Blueprint, Flask, Response, render_template, request

from kotacerdas.graph.analysis import recurrence, similarity
from kotacerdas.graph.analysis.data import Rows, innovation_rows
from kotacerdas.server.i18n import pick
from kotacerdas.server.pages.common import DIMENSION_SLUGS, dimensions
from kotacerdas.server.read import Knowledge, Ref, select
from kotacerdas.server.state import reader, state
from kotacerdas.server.terms import BNode

blueprint = Blueprint("recurring", __name__)
# Every node of the network is labelled, so the picture keeps the busiest nodes only.
MAX_NETWORK_NODES = 150
# The network's geometry, in SVG user units (= CSS pixels: the picture is never scaled down,
# its container scrolls instead, so labels stay readable on a phone).
FONT_SIZE = 12
CHAR_WIDTH = 0.62 * FONT_SIZE  # generous for a sans-serif, so labels are never cut off
MAX_LABEL_CHARS = 40
ROW = 22
PAD = 8
GAP = 150  # between the two columns of nodes


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
class Node:
    x: float
    y: float
    kind: str  # "region" or "category"
    ref: Ref
    text: str  # the label drawn (cut to MAX_LABEL_CHARS)
    text_x: float
    anchor: str  # "end": left of the node, "start": right of it


@dataclass
class Drawing:
    width: int
    height: int
    nodes: list[Node]
    edges: list[tuple[float, float, float, float]]
    total: int  # nodes in the whole network, of which len(nodes) are drawn


def _cut(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[:MAX_LABEL_CHARS - 1] + "…"


def network(selected: Rows, refs: Knowledge) -> Drawing:
    """Regions (left) and kinds of innovation (right), a line where a region has that kind.
    Kinds are ordered by how many regions have them, regions by the kinds they have (the mean
    row of their kinds), which keeps lines short; every node carries its label."""
    graph = recurrence.bipartite(selected)
    total = len(graph)
    if total > MAX_NETWORK_NODES:
        keep = sorted(graph.degree, key=lambda item: (-item[1], item[0]))[:MAX_NETWORK_NODES]
        graph = graph.subgraph([node for node, _ in keep]).copy()
    categories = sorted((n for n, d in graph.nodes(data=True) if d["kind"] == "category"),
                        key=lambda n: (-graph.degree(n), refs.ref(n).label))
    row_of = {c: i for i, c in enumerate(categories)}
    regions = sorted((n for n, d in graph.nodes(data=True) if d["kind"] == "region"),
                     key=lambda n: (sum(row_of[c] for c in graph[n]) / max(1, graph.degree(n)),
                                    refs.ref(n).label))
    texts = {n: _cut(refs.ref(n).label) for n in graph}
    left = max((len(texts[n]) for n in regions), default=0) * CHAR_WIDTH
    right = max((len(texts[n]) for n in categories), default=0) * CHAR_WIDTH
    height = PAD * 2 + ROW * max(len(regions), len(categories), 1)
    region_x = round(PAD + left + 8, 1)
    category_x = round(region_x + GAP, 1)
    width = math.ceil(category_x + 8 + right + PAD)

    def column(nodes: list[str]) -> dict[str, float]:
        step = (height - 2 * PAD) / max(1, len(nodes))
        return {n: round(PAD + (i + 0.5) * step, 1) for i, n in enumerate(nodes)}

    ys = {**column(regions), **column(categories)}
    drawn = [Node(region_x, ys[n], "region", refs.ref(n), texts[n], region_x - 8, "end")
             for n in regions]
    drawn += [Node(category_x, ys[n], "category", refs.ref(n), texts[n], category_x + 8,
                   "start") for n in categories]
    edges = sorted((region_x, ys[r], category_x, ys[c]) for r in regions for c in graph[r])
    return Drawing(width, height, drawn, edges, total)


def heat_class(count: int, highest: int) -> str:
    if count == 0 or highest == 0:
        return "heat-0"
    return f"heat-{max(1, math.ceil(5 * count / highest))}"


@dataclass
class Ranked:
    """A row of the ranking, named in the interface language."""

    item: recurrence.CategoryRecurrence
    category: Ref
    regions: list[Ref]


@blueprint.route("/recurring")
def recurring() -> Response:
    dimension = request.args.get("dimension") or None
    if dimension not in DIMENSION_SLUGS:
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
    province_iris = {r["province"] for r in everything}
    years = sorted({int(r["year"]) for r in everything if r.get("year")})
    by_slug = {d.rstrip("/").rsplit("/", 1)[-1]: d for d in dimensions()}
    known, _ = reader().lookup(names=[*province_iris, *by_slug.values(),
                                      *{r["region"] for r in selected},
                                      *{r["category"] for r in selected}])
    ranked = [Ranked(i, known.ref(i.category),
                     sorted((known.ref(r) for r in i.regions), key=lambda r: r.label))
              for i in items]
    return Response(render_template(
        "recurring.html", ranked=ranked, highest=highest, heat_class=heat_class,
        heat=sorted(((known.ref(r), dims) for r, dims in heat.items()),
                    key=lambda pair: pair[0].label),
        dimensions=[(d, known.ref(by_slug[d])) for d in DIMENSION_SLUGS if d in by_slug],
        drawing=network(selected, known),
        provinces=sorted((known.ref(p) for p in province_iris), key=lambda p: p.label),
        years=years, dimension=dimension, province=province, year=year, suggested=suggested,
        title=pick({"id": "Inovasi berulang", "en": "Recurring innovations"})),
        content_type="text/html; charset=utf-8")


def similar_regions(region: str, top: int = 5) -> list[similarity.Similar]:
    """For the region page: the regions whose innovations are most alike (the page names
    them and the kinds they share in the interface language)."""
    graph = _similarity_graph(state().store.dataset_version)
    return similarity.most_similar(graph, region, top)


@functools.lru_cache(maxsize=2)
def _similarity_graph(dataset_version: str) -> nx.Graph:
    return similarity.similarity_graph(rows())

