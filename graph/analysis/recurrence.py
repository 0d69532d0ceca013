"""Recurrence: the bipartite graph of regions and innovation categories, and its ranking."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from kotacerdas.graph.analysis.data import Rows

DIMENSION = "https://w3id.org/kotacerdas/dimension/"


@dataclass
class CategoryRecurrence:
    category: str
    label: str
    regions: dict[str, str] = field(default_factory=dict)  # IRI -> label
    provinces: dict[str, str] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)
    dimensions: set[str] = field(default_factory=set)
    innovations: set[str] = field(default_factory=set)
    first_year_of_region: dict[str, int] = field(default_factory=dict)

    @property
    def region_count(self) -> int:
        return len(self.regions)

    @property
    def first_year(self) -> int | None:
        return min(self.years) if self.years else None

    def spread(self) -> list[tuple[int, int]]:
        """(year, regions that had this kind by then), for the years it appears."""
        firsts = sorted(self.first_year_of_region.values())
        return [(year, sum(1 for f in firsts if f <= year)) for year in sorted(set(firsts))]


def bipartite(rows: Rows) -> nx.Graph:
    """Regions (bipartite=0) and categories (bipartite=1); edge weight = innovations."""
    graph = nx.Graph()
    for row in rows:
        region, category = row["region"], row["category"]
        graph.add_node(region, bipartite=0, kind="region", label=row["regionLabel"],
                       province=row["provinceLabel"])
        graph.add_node(category, bipartite=1, kind="category", label=row["categoryLabel"])
        if graph.has_edge(region, category):
            data = graph.edges[region, category]
            data["weight"] += 1
            if row.get("year"):
                data["years"] = ",".join(sorted({*data["years"].split(","), row["year"]} - {""}))
        else:
            graph.add_edge(region, category, weight=1, years=row.get("year", ""))
    return graph


def dimension_bipartite(rows: Rows) -> nx.Graph:
    """Regions and the six dimensions; edge weight = innovations in that dimension."""
    graph = nx.Graph()
    seen: set[tuple[str, str]] = set()
    for row in rows:
        dimension = row.get("dimension")
        if not dimension or (row["innovation"], dimension) in seen:
            continue
        seen.add((row["innovation"], dimension))
        graph.add_node(row["region"], bipartite=0, kind="region", label=row["regionLabel"])
        graph.add_node(dimension, bipartite=1, kind="dimension",
                       label=dimension.removeprefix(DIMENSION))
        weight = graph.edges[row["region"], dimension]["weight"] + 1 \
            if graph.has_edge(row["region"], dimension) else 1
        graph.add_edge(row["region"], dimension, weight=weight)
    return graph


def filter_rows(rows: Rows, dimension: str | None = None, province: str | None = None,
                year: int | None = None) -> Rows:
    def keep(row: dict[str, str]) -> bool:
        if dimension and row.get("dimension", "").removeprefix(DIMENSION) != dimension:
            return False
        if province and province not in (row["province"], row["provinceLabel"]):
            return False
        return not (year and row.get("year") and int(row["year"]) > year)

    return [row for row in rows if keep(row)]


def recurrence(rows: Rows, min_regions: int = 1) -> list[CategoryRecurrence]:
    """Each category with its regions, provinces and years, most widespread first."""
    graph = bipartite(rows)
    found: dict[str, CategoryRecurrence] = {}
    for row in rows:
        category = row["category"]
        item = found.setdefault(category, CategoryRecurrence(category, row["categoryLabel"]))
        item.innovations.add(row["innovation"])
        item.provinces[row["province"]] = row["provinceLabel"]
        if row.get("dimension"):
            item.dimensions.add(row["dimension"].removeprefix(DIMENSION))
        if row.get("year"):
            year = int(row["year"])
            item.years.add(year)
            region = row["region"]
            item.first_year_of_region[region] = min(year, item.first_year_of_region.get(region,
                                                                                        year))
    for category, item in found.items():
        # The bipartite graph's neighbours are the regions: the count networkx sees.
        item.regions = {r: graph.nodes[r]["label"] for r in graph.neighbors(category)}
    ranked = [i for i in found.values() if i.region_count >= min_regions]
    return sorted(ranked, key=lambda i: (-i.region_count, -len(i.innovations), i.label))


def new_in_year(items: list[CategoryRecurrence], year: int) -> list[CategoryRecurrence]:
    """Categories first seen in `year`."""
    return [i for i in items if i.first_year == year]


def regions_by_year(items: list[CategoryRecurrence]) -> dict[str, list[tuple[int, int]]]:
    return {i.category: i.spread() for i in items}


def per_region_dimension(rows: Rows) -> dict[str, dict[str, int]]:
    """Region IRI -> dimension slug -> innovations, for the heatmap."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if row.get("dimension") and (row["innovation"], row["dimension"]) not in seen:
            seen.add((row["innovation"], row["dimension"]))
            counts[row["region"]][row["dimension"].removeprefix(DIMENSION)] += 1
    return {region: dict(dims) for region, dims in counts.items()}
