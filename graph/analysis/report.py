"""`kotacerdas analyze`: run one analysis on the dumps and render its table."""

from __future__ import annotations

from pathlib import Path

from kotacerdas.graph.analysis import data, export, institutions, recurrence, similarity
from kotacerdas.graph.analysis.data import INSTITUTIONS, DumpSource, Rows, Select
from kotacerdas.graph.analysis.export import Table


def recurrence_table(items: list[recurrence.CategoryRecurrence]) -> Table:
    header = ["rank", "category", "label", "regions", "innovations", "first_year", "years",
              "provinces", "dimensions", "spread", "region_names"]
    rows = [[rank, i.category, i.label, i.region_count, len(i.innovations), i.first_year or "",
             sorted(i.years), sorted(i.provinces.values()), sorted(i.dimensions),
             ", ".join(f"{y}:{n}" for y, n in i.spread()), sorted(i.regions.values())]
            for rank, i in enumerate(items, 1)]
    return header, rows


def similarity_table(graph: object, communities: list[set[str]], top: int) -> Table:
    cluster_of = {node: index for index, members in enumerate(communities, 1)
                  for node in members}
    header = ["region", "label", "cluster", "most_similar"]
    rows = []
    for node, attributes in sorted(graph.nodes(data=True),  # type: ignore[attr-defined]
                                   key=lambda n: n[1]["label"]):
        alike = similarity.most_similar(graph, node, top)  # type: ignore[arg-type]
        rows.append([node, attributes["label"], cluster_of.get(node, ""),
                     [f"{s.label} ({s.score:.2f})" for s in alike]])
    return header, rows


def institutions_table(ranked: list[institutions.Centrality]) -> Table:
    header = ["organisation", "label", "events", "degree", "betweenness"]
    return header, [[c.organisation, c.label, c.events, c.degree, c.betweenness] for c in ranked]


def innovation_rows(select: Select, include_suggested: bool, dimension: str | None,
                    province: str | None, year: int | None) -> Rows:
    rows = data.innovation_rows(select, include_suggested)
    return recurrence.filter_rows(rows, dimension, province, year)


def run(analysis: str, dumps: Path, *, fmt: str = "table", min_regions: int = 1,
        dimension: str | None = None, province: str | None = None, year: int | None = None,
        new_in: int | None = None, include_suggested: bool = False, top: int = 5,
        export_path: Path | None = None, plot_path: Path | None = None) -> str:
    from kotacerdas.graph.analysis import plot

    select = DumpSource(dumps).select
    if analysis == "institutions":
        graph = institutions.co_participation(select(INSTITUTIONS))
        ranked = institutions.centrality(graph)
        if plot_path:
            plot.institutions_chart(ranked, plot_path)
        if export_path:
            export.write_graph(graph, export_path)
        return export.render(institutions_table(ranked), fmt)

    rows = innovation_rows(select, include_suggested, dimension, province, year)
    if analysis == "recurrence":
        items = recurrence.recurrence(rows, min_regions)
        if new_in is not None:
            items = recurrence.new_in_year(items, new_in)
        if plot_path:
            plot.recurrence_chart(items, plot_path)
        if export_path:
            export.write_graph(recurrence.bipartite(rows), export_path)
        return export.render(recurrence_table(items), fmt)

    graph = similarity.similarity_graph(rows)
    communities = similarity.clusters(graph)
    if plot_path:
        plot.similarity_chart(graph, communities, plot_path)
    if export_path:
        export.write_graph(graph, export_path)
    return export.render(similarity_table(graph, communities, top), fmt)
