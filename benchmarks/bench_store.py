"""Choose the embedded store by measurement.

Three engines, each in its own subprocess, load the union dump (kotacerdas.nt) into memory
and run every canned query (parameters unbound), materialising every result row:

- rdflib: rdflib's default in-memory store, `Graph().parse(format="nt")`;
- oxrdflib: `Graph(store="Oxigraph").parse(format="ox-nt")`, queries passed as strings;
- pyoxigraph: `pyoxigraph.Store().bulk_load(...)`, `store.query(text)`;
- pyoxigraph-disk: the same into an on-disk store in a scratch folder (bulk load, flush,
  optimize), as our server does (which loads kotacerdas.nq as well, into named graphs).

Reported per engine and size: load time, resident memory after the load and its peak, and
per query the median latency over repeated runs (at most --runs runs, no new run started
after --budget seconds). A run longer than --cap seconds kills the engine's subprocess; the
query is reported as "> cap" and the engine restarts (reloading) for the next query.

    .venv/bin/python benchmarks/bench_store.py \
        --size seed=benchmarks/data/seed --size 1m=benchmarks/data/1m
"""

from __future__ import annotations

import argparse
import json
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path
from typing import Any

from benchlib import (
    RESULTS,
    ROOT,
    checkout,
    fmt_duration,
    fmt_ms,
    loadavg,
    machine,
    manifest_triples,
    median,
    rss_mb,
    versions,
    write_json,
)

ENGINES = ("rdflib", "oxrdflib", "pyoxigraph", "pyoxigraph-disk")
LABELS = {"rdflib": "rdflib default store", "oxrdflib": "rdflib + Oxigraph store (oxrdflib)",
          "pyoxigraph": "pyoxigraph in memory", "pyoxigraph-disk": "pyoxigraph on disk"}
LOAD_CAP = 900.0  # seconds allowed for one load


# ---------------------------------------------------------------------------- worker side


def _emit(event: str, **data: Any) -> None:
    print(json.dumps({"event": event, **data}), flush=True)


def _load(engine: str, path: Path, scratch: Path | None) -> Any:
    import pyoxigraph as ox

    if engine == "pyoxigraph-readonly":  # an on-disk store built by the server
        return ox.Store.read_only(str(path))
    if engine == "pyoxigraph-disk":
        store = ox.Store(str(scratch))
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        store.optimize()
        return store
    if engine == "rdflib":
        from rdflib import Graph

        return Graph().parse(str(path), format="nt")
    if engine == "oxrdflib":
        from rdflib import Graph

        return Graph(store="Oxigraph").parse(str(path), format="ox-nt")
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    return store


def _run(engine: str, store: Any, text: str, max_rows: int | None = None) -> int:
    """Run one query and materialise every row (every bound term as a Python object),
    or only the first `max_rows` rows."""
    if engine in ("rdflib", "oxrdflib"):
        result = store.query(text)  # a string, never a prepared query
        if result.type == "ASK":
            return 1
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return len(result.graph)
        return len([tuple(row) for row in islice(result, max_rows)])
    import pyoxigraph as ox

    result = store.query(text)
    if isinstance(result, ox.QueryBoolean):
        return 1
    return len([tuple(solution) for solution in islice(result, max_rows)])


def worker(engine: str, path: Path, names: list[str], runs: int, budget: float,
           max_rows: int | None, scratch: Path | None) -> None:
    from kotacerdas.graph.queries import canned_queries

    queries = canned_queries()
    _emit("start", **rss_mb())
    started = time.perf_counter()
    store = _load(engine, path, scratch)
    _emit("loaded", seconds=time.perf_counter() - started, **rss_mb())
    for name in names:
        text = queries[name].text
        query_started = time.perf_counter()
        for _ in range(runs):
            run_started = time.perf_counter()
            rows = _run(engine, store, text, max_rows)
            _emit("run", query=name, ms=(time.perf_counter() - run_started) * 1000, rows=rows)
            if time.perf_counter() - query_started >= budget:
                break
        _emit("query_done", query=name, **rss_mb())
    _emit("done", **rss_mb())


# ---------------------------------------------------------------------------- parent side


class Worker:
    """A worker subprocess whose JSON lines are read by a thread into a queue."""

    def __init__(self, engine: str, path: Path, names: list[str], runs: int,
                 budget: float, max_rows: int | None) -> None:
        command = [sys.executable, __file__, "--worker", engine, "--file", str(path),
                   "--queries", ",".join(names), "--runs", str(runs), "--budget", str(budget)]
        self.scratch: Path | None = None
        if engine == "pyoxigraph-disk":  # a folder for the store, next to the dumps
            self.scratch = Path(tempfile.mkdtemp(prefix="kc-bench-store-", dir=path.parent))
            command += ["--scratch", str(self.scratch)]
        if max_rows is not None:
            command += ["--max-rows", str(max_rows)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        self.lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self.lines.put(json.loads(line))
        self.lines.put(None)

    def next(self, timeout: float) -> dict[str, Any] | None:
        """The next event; None if the worker exited; raises queue.Empty on timeout."""
        return self.lines.get(timeout=timeout)

    def kill(self) -> None:
        self.process.kill()
        self.close()

    def close(self) -> None:
        self.process.wait(30)
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


def bench_engine(engine: str, path: Path, names: list[str], cap: float, runs: int,
                 budget: float, max_rows: int | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"engine": engine, "loads": [], "queries": {}}
    remaining = list(names)
    while remaining:
        print(f"  {engine}: loading {path} ({len(remaining)} queries to go)", flush=True)
        proc = Worker(engine, path, remaining, runs, budget, max_rows)
        current: str | None = None
        try:
            while True:
                event = proc.next(LOAD_CAP if current is None else cap)
                if event is None:
                    proc.kill()
                    raise RuntimeError(f"{engine} worker exited with {proc.process.wait()}")
                kind = event["event"]
                if kind == "start":
                    result.setdefault("baseline_rss_mb", event["rss_mb"])
                elif kind == "loaded":
                    result["loads"].append(event["seconds"])
                    result.setdefault("rss_after_load_mb", event["rss_mb"])
                    current = remaining[0]
                elif kind == "run":
                    entry = result["queries"].setdefault(event["query"], {"runs_ms": []})
                    entry["runs_ms"].append(event["ms"])
                    entry["rows"] = event["rows"]
                elif kind == "query_done":
                    result["peak_mb"] = max(result.get("peak_mb", 0), event["peak_mb"])
                    remaining.pop(0)
                    current = remaining[0] if remaining else None
                    entry = result["queries"][event["query"]]
                    print(f"    {event['query']:28s} {fmt_duration(median(entry['runs_ms'])):>12}"
                          f"  rows {entry['rows']}", flush=True)
                elif kind == "done":
                    proc.close()
                    break
        except queue.Empty:
            proc.kill()
            if current is None:
                result["load_timed_out"] = True
                for name in remaining:
                    result["queries"][name] = {"runs_ms": [], "skipped": "load timed out"}
                break
            entry = result["queries"].setdefault(current, {"runs_ms": []})
            if not entry["runs_ms"]:
                entry["timed_out"] = True
            print(f"    {current:28s} > {cap:g} s: killed", flush=True)
            remaining.pop(0)
    result["load_seconds"] = result["loads"][0] if result["loads"] else None
    for entry in result["queries"].values():
        entry["median_ms"] = median(entry["runs_ms"])
    return result


def markdown(report: dict[str, Any]) -> str:
    lines: list[str] = []
    cap = report["cap_seconds"]
    for size in report["sizes"]:
        engines = [e for e in ENGINES if e in size["engines"]]
        lines.append(f"### {size['name']}: {size['triples']} triples\n")
        lines.append("| | " + " | ".join(LABELS[e] for e in engines) + " |")
        lines.append("|---|" + "---:|" * len(engines))
        lines.append("| load (s) | " + " | ".join(
            f"{size['engines'][e]['load_seconds']:.2f}"
            if size["engines"][e]["load_seconds"] is not None else "-" for e in engines) + " |")
        lines.append("| RSS after load (MB) | " + " | ".join(
            f"{size['engines'][e].get('rss_after_load_mb', 0):.0f}" for e in engines) + " |")
        lines.append("| peak RSS (MB) | " + " | ".join(
            f"{size['engines'][e].get('peak_mb', 0):.0f}" for e in engines) + " |")
        for name in report["queries"]:
            cells = []
            rows = set()
            for e in engines:
                q = size["engines"][e]["queries"].get(name, {})
                cells.append(fmt_ms(q.get("median_ms"), q.get("timed_out", False), cap))
                if "rows" in q:
                    rows.add(q["rows"])
            label = f"{name} ({'/'.join(str(r) for r in sorted(rows)) or '?'} rows)"
            lines.append(f"| {label}, ms | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", action="append", default=[],
                        help="NAME=DUMPS_DIR (repeatable); default seed and 1m under "
                             "benchmarks/data")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per query run")
    parser.add_argument("--runs", type=int, default=15, help="most runs per query")
    parser.add_argument("--budget", type=float, default=5.0,
                        help="no new run of a query after this many seconds")
    parser.add_argument("--out", type=Path, default=RESULTS / "store.json")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries", help=argparse.SUPPRESS)
    parser.add_argument("--max-rows", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.file, args.queries.split(","), args.runs, args.budget,
               args.max_rows, args.scratch)
        return

    from kotacerdas.graph.queries import canned_queries

    names = sorted(canned_queries())
    sizes = args.size or [f"seed={ROOT / 'benchmarks/data/seed'}",
                          f"1m={ROOT / 'benchmarks/data/1m'}"]
    report: dict[str, Any] = {
        "benchmark": "embedded store", "machine": machine(), "checkout": checkout(),
        "versions": versions(sys.executable, ["rdflib", "oxrdflib", "pyoxigraph"]),
        "cap_seconds": args.cap, "runs": args.runs, "budget_seconds": args.budget,
        "queries": names, "sizes": [], "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "loadavg_start": loadavg(),
    }
    for spec in sizes:
        name, _, folder = spec.partition("=")
        dumps = Path(folder)
        size: dict[str, Any] = {"name": name, "dumps": str(dumps),
                                "triples": manifest_triples(dumps), "engines": {}}
        report["sizes"].append(size)
        print(f"{name}: {size['triples']} triples", flush=True)
        for engine in args.engines.split(","):
            size["engines"][engine] = bench_engine(engine, dumps / "kotacerdas.nt", names,
                                                   args.cap, args.runs, args.budget)
            write_json(args.out, report)  # keep what is done if a later step fails
    report["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    report["loadavg_end"] = loadavg()
    write_json(args.out, report)
    print(markdown(report))


if __name__ == "__main__":
    main()
