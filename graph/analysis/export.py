"""Tables as text, CSV or JSON; graphs as GraphML or GEXF for Gephi."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

Table = tuple[Sequence[str], Sequence[Sequence[object]]]  # header, rows


def render(table: Table, fmt: str) -> str:
    header, rows = table
    if fmt == "json":
        return json.dumps([dict(zip(header, row, strict=True)) for row in rows],
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        return out.getvalue()
    cells = [[str(h) for h in header], *[[_cell(v) for v in row] for row in rows]]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(header))]
    lines = ["  ".join(c[:w].ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) for v in sorted(value, key=str))
    return str(value)


def write_graph(graph: nx.Graph, path: Path) -> None:
    """GraphML or GEXF by the file's suffix (attributes must be plain values)."""
    plain = nx.Graph()
    for node, data in graph.nodes(data=True):
        plain.add_node(node, **{k: _plain(v) for k, v in data.items()})
    for a, b, data in graph.edges(data=True):
        plain.add_edge(a, b, **{k: _plain(v) for k, v in data.items()})
    if path.suffix == ".graphml":
        nx.write_graphml(plain, path)
    elif path.suffix == ".gexf":
        nx.write_gexf(plain, path)
    else:
        raise ValueError(f"{path}: write .graphml or .gexf")


def _plain(value: object) -> object:
    return value if isinstance(value, str | int | float | bool) else _cell(value)
