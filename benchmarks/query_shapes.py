"""Two canned queries whose shape, not their answer, made them slow on Oxigraph.

Each earlier shape below returns the same rows as the canned query (checked), in pyoxigraph
over the union dump in memory; each variant runs in its own subprocess, capped at --cap s.

- people-and-posts: `BIND (?_organisation AS ?organisation)` in the middle of the pattern
  split it in two, and Oxigraph joined the halves without pushing bindings across the BIND;
  with the BIND last (the rest of the pattern using ?_organisation) the join order is free.
- events-of-region: the nested UNION under `?post org:postIn/org:subOrganizationOf*
  ?government` was evaluated without ?government bound (the zero-length path then matches
  every node); repeating `?government kc:governs ?_region` in four flat branches avoids it.

    .venv/bin/python benchmarks/query_shapes.py --dumps benchmarks/data/100k
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchlib import (
    RESULTS,
    ROOT,
    checkout,
    fmt_duration,
    loadavg,
    machine,
    manifest_triples,
    write_json,
)

NESTED_EVENTS_SUBQUERY = """    SELECT DISTINCT ?region ?event WHERE {
      ?government kc:governs ?_region .
      BIND (?_region AS ?region)
      { ?event kc:participant|kc:presenter|schema:organizer ?government }
      UNION
      { ?unit org:subOrganizationOf+ ?government .
        ?event kc:participant|kc:presenter|schema:organizer ?unit }
      UNION
      { ?post org:postIn/org:subOrganizationOf* ?government .
        { ?event kc:participant|kc:presenter ?post }
        UNION
        { ?post org:heldBy ?person . ?event kc:participant|kc:presenter ?person } }
    }"""


def variants() -> dict[str, str]:
    from kotacerdas.graph.queries import canned_queries

    queries = canned_queries()
    posts = queries["people-and-posts"].text
    posts_bind_middle = (
        posts.replace("  BIND (?_organisation AS ?organisation)\n", "")
        .replace("?_organisation rdfs:label", "?organisation rdfs:label")
        .replace("  ?post org:postIn ?_organisation .\n",
                 "  ?post org:postIn ?_organisation .\n"
                 "  BIND (?_organisation AS ?organisation)\n"))
    events = queries["events-of-region"].text
    start = events.index("    SELECT DISTINCT ?region ?event WHERE {")
    end = events.index("\n  }\n  ?event rdfs:label")
    events_nested = events[:start] + NESTED_EVENTS_SUBQUERY + events[end:]
    found = {"people-and-posts (canned)": posts,
             "people-and-posts, BIND in the middle": posts_bind_middle,
             "events-of-region (canned)": events,
             "events-of-region, nested UNION": events_nested}
    if posts_bind_middle == posts or events_nested == events:
        raise SystemExit("the canned queries changed; update the variants")
    return found


def one(dumps: Path, name: str) -> None:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(dumps / "kotacerdas.nt"), format=ox.RdfFormat.N_TRIPLES)
    started = time.perf_counter()
    rows = len([tuple(s) for s in store.query(variants()[name])])
    print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "rows": rows}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dumps", type=Path, required=True)
    parser.add_argument("--cap", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.dumps, args.one)
        return
    out = args.out or RESULTS / f"query-shapes-{args.dumps.name}.json"
    report: dict[str, Any] = {"benchmark": "query shapes", "machine": machine(),
                              "checkout": checkout(), "dumps": str(args.dumps),
                              "triples": manifest_triples(args.dumps),
                              "loadavg_start": loadavg(), "variants": {}}
    for name in variants():
        try:
            done = subprocess.run([sys.executable, __file__, "--dumps", str(args.dumps),
                                   "--one", name], capture_output=True, text=True, cwd=ROOT,
                                  timeout=args.cap + 60, check=True)  # + load time
            result = json.loads(done.stdout.splitlines()[-1])
        except subprocess.TimeoutExpired:
            result = {"timed_out": True}
        report["variants"][name] = result
        shown = fmt_duration(result.get("ms"), result.get("timed_out", False), args.cap)
        print(f"{name:32s} {shown:>12}  rows {result.get('rows')}", flush=True)
    report["loadavg_end"] = loadavg()
    write_json(out, report)


if __name__ == "__main__":
    main()
