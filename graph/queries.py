"""Canned SPARQL queries (queries/*.rq): one per file, described by `#+` header comments.

    #+ summary: Innovations of a region
    #+ description: Each innovation with its dimension, year and the sentence it comes from.
    #+ param: region  a kabupaten/kota IRI, e.g. <https://w3id.org/kotacerdas/region/12.05>

Parameters are variables named `?_name` in the query, bound at run time, never pasted in.
A query reports a parameter as `?name` with `BIND (?_name AS ?name)`. Where that BIND sits
matters to Oxigraph: in the middle it splits the pattern, and the halves may be joined without
passing bindings across (people-and-posts was 15x slower so); measure a new query's shapes at
100k triples (benchmarks/query_shapes.py shows how).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.query import Result

from kotacerdas.resources import query_files


@dataclass(frozen=True)
class CannedQuery:
    name: str
    summary: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)

    def run(self, graph: Graph, **bindings: URIRef | str) -> Result:
        unknown = set(bindings) - set(self.params)
        if unknown:
            raise ValueError(f"{self.name}: unknown parameter(s) {sorted(unknown)}")
        init = {f"_{name}": value for name, value in bindings.items()}
        return graph.query(self.text, initBindings=init)


def parse(name: str, text: str) -> CannedQuery:
    headers: dict[str, str] = {}
    params: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].partition(":")
        key, value = key.strip(), value.strip()
        if key == "param":
            param, _, about = value.partition(" ")
            params[param] = about.strip()
        else:
            headers[key] = (headers.get(key, "") + " " + value).strip()
    if "summary" not in headers:
        raise ValueError(f"{name}: a canned query needs a '#+ summary:' header")
    return CannedQuery(name=name, summary=headers["summary"],
                       description=headers.get("description", ""), text=text, params=params)


def canned_queries() -> dict[str, CannedQuery]:
    queries = {}
    for file in query_files():
        name = file.name.removesuffix(".rq")
        queries[name] = parse(name, file.read_text(encoding="utf-8"))
    return queries
