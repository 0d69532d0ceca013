"""Where one request's time goes in our endpoint, stage by stage, for each canned query.

Stages, each timed on its own (median of at most --runs runs), on the store the server
loaded from DIR (start the server once on DIR, or run bench_endpoint.py, to build it):

- floor: pyoxigraph `query()` on the read-only store, every row's terms as Python objects;
- execute: the server's `store.execute()` returning terms (each converted to a `Term`);
- write: the same, writing SPARQL JSON where the query runs, as the executors do;
- pool: `ExecutorPool.run()` with one executor (write + the bytes through the pipe + queueing);
- app: the whole Flask request through the test client (inspect, negotiation, ETag, pool,
  headers, access log), with 2 executors, as served;
- http: the same over HTTP to `kotacerdas serve` (Waitress) on 127.0.0.1.

Queries whose floor takes longer than --skip-over seconds are timed at the floor only.

    .venv/bin/python benchmarks/breakdown.py --dumps benchmarks/data/1m
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from bench_endpoint import ACCEPT, Server, free_port, request_once, server_store
from benchlib import (
    RESULTS,
    checkout,
    fmt_duration,
    fmt_ms,
    loadavg,
    machine,
    manifest_triples,
    median,
    write_json,
)

STAGES = ("floor", "execute", "write", "pool", "app", "http")
TRIVIAL = {"ASK {}": "ASK {}", "one row": "SELECT ?x WHERE { VALUES ?x { 1 } }"}


def timed(function: Callable[[], object], runs: int, budget: float) -> tuple[float, object]:
    """Median milliseconds of at most `runs` calls (no new call after `budget` seconds)."""
    times: list[float] = []
    value: object = None
    started = time.perf_counter()
    for _ in range(runs):
        t0 = time.perf_counter()
        value = function()
        times.append((time.perf_counter() - t0) * 1000)
        if time.perf_counter() - started >= budget:
            break
    return median(times) or 0.0, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dumps", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--budget", type=float, default=5.0)
    parser.add_argument("--skip-over", type=float, default=20.0)
    parser.add_argument("--queries", help="comma-separated names (default: all, and trivial)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also cProfile N app requests of each query; print the top 25")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    args.out = args.out or RESULTS / f"breakdown-{args.dumps.name}.json"

    import pyoxigraph as ox

    from kotacerdas.graph.queries import canned_queries
    from kotacerdas.server import create_app
    from kotacerdas.server.store import ExecutorPool, QueryRequest, SerializedResult, execute

    logging.getLogger("kotacerdas").setLevel(logging.WARNING)  # no access log on stdout
    max_rows = 10_000_000
    texts = {**TRIVIAL, **{n: q.text for n, q in sorted(canned_queries().items())}}
    if args.queries:
        texts = {n: texts[n] for n in args.queries.split(",")}

    server = Server("ours", args.dumps, free_port(),
                    argparse.Namespace(cap=600.0, max_rows=max_rows),
                    Path(tempfile.mkdtemp(prefix="kc-breakdown-logs-")))
    if not server.start(900):
        sys.exit("our server did not start")
    store_dir = server_store(args.dumps)
    db = ox.Store.read_only(str(store_dir))
    pool = ExecutorPool(str(store_dir), 1)
    app = create_app({"DUMPS": str(args.dumps), "WORKERS": 2, "MAX_ROWS": max_rows,
                      "QUERY_TIMEOUT": 600.0})
    client = app.test_client()
    report: dict[str, Any] = {
        "benchmark": "request breakdown", "machine": machine(), "checkout": checkout(),
        "dumps": str(args.dumps), "triples": manifest_triples(args.dumps),
        "loadavg_start": loadavg(), "queries": {},
    }
    try:
        for name, text in texts.items():
            request = QueryRequest(query=text, max_rows=max_rows)
            writing = QueryRequest(query=text, max_rows=max_rows, media_type=ACCEPT)

            def floor(text: str = text) -> int:
                result = db.query(text)
                if isinstance(result, ox.QueryBoolean):
                    return 1
                return len([tuple(s) for s in islice(result, max_rows)])

            row: dict[str, Any] = {}
            row["floor"], rows = timed(floor, args.runs, args.budget)
            row["rows"] = rows
            if row["floor"] > args.skip_over * 1000:
                row["skipped"] = f"floor over {args.skip_over:g} s"
                report["queries"][name] = row
                print(f"{name:28s} floor {fmt_duration(row['floor'])}; other stages skipped",
                      flush=True)
                continue
            row["execute"], _ = timed(lambda r=request: execute(db, r), args.runs,
                                      args.budget)
            row["write"], written = timed(lambda r=writing: execute(db, r), args.runs,
                                          args.budget)
            if isinstance(written, SerializedResult):
                row["bytes"] = len(written.body)
            row["pool"], _ = timed(lambda r=writing: pool.run(r, 600.0), args.runs, args.budget)
            row["app"], response = timed(
                lambda t=text: client.get("/sparql", query_string={"query": t},
                                          headers={"Accept": ACCEPT}),
                args.runs, args.budget)
            row["app_status"] = response.status_code  # type: ignore[attr-defined]
            path = server.url(text)
            row["http"], http_answer = timed(lambda p=path: request_once(server.port, p, 600),
                                             args.runs, args.budget)
            row["http_status"] = http_answer[0]  # type: ignore[index]
            if args.profile:
                profile(client, text, args.profile)
            report["queries"][name] = row
            print(f"{name:28s} " + "  ".join(f"{s} {fmt_ms(row[s])}" for s in STAGES)
                  + f"  rows {row['rows']}", flush=True)
    finally:
        pool.close()
        app.extensions["kotacerdas"].store.close()
        server.stop()
    report["loadavg_end"] = loadavg()
    write_json(args.out, report)
    print(markdown(report))


def profile(client: Any, text: str, runs: int) -> None:
    """cProfile `runs` requests through the Flask test client; print the top functions."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get("/sparql", query_string={"query": text}, headers={"Accept": ACCEPT})
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def markdown(report: dict[str, Any]) -> str:
    lines = [f"Breakdown at {report['triples']} triples, median ms per stage\n",
             "| query | rows | floor | execute | write (KB) | pool | app | http |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, row in report["queries"].items():
        if "skipped" in row:
            lines.append(f"| {name} | {row['rows']} | {fmt_ms(row['floor'])} | "
                         f"{row['skipped']} | | | | |")
            continue
        size = f" ({row['bytes'] / 1024:.0f})" if "bytes" in row else ""
        lines.append(
            f"| {name} | {row['rows']} | {fmt_ms(row['floor'])} | {fmt_ms(row['execute'])} | "
            f"{fmt_ms(row['write'])}{size} | {fmt_ms(row['pool'])} | {fmt_ms(row['app'])} | "
            f"{fmt_ms(row['http'])} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
