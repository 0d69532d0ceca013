"""Issue 11's targets at scale, in one run on the same dumps: our endpoint and pages against
pyoxigraph in process and Virtuoso 7.

    .venv/bin/python benchmarks/bench_scale.py --dumps /work/data/1m \\
        --out benchmarks/results/scale-1m.json

Three systems answer the same canned queries (queries/*.rq), each unbound and, where it has
parameters, bound to one region / organisation / article / event / entity (--bind):

- ours: `kotacerdas serve --dumps DIR` over HTTP, called as users call a canned query,
  GET /sparql?canned=NAME&PARAM=IRI, Accept SPARQL JSON;
- in process: pyoxigraph's in-memory store in a worker process of its own (no HTTP), the
  parameters bound by substitution as the endpoint binds them, rows materialised; the same
  query with its values written into the text (`CannedQuery.bound_text`) is timed too;
- Virtuoso 7 (Debian's virtuoso-opensource), a private instance bulk-loaded with the same
  N-Triples (benchmarks/virtuoso.py), over its /sparql endpoint, the values written in.

Latency is measured round-robin (in process, ours, Virtuoso, then again) so that drift on the
shared cores favours none: the median of --runs rounds, fewer for slow queries (no new round
after --budget seconds). All three return at most --max-rows rows. Then every page kind of
the browser (latency and bytes, after one warm-up request), and throughput at concurrency 8
(wrk, --duration seconds) on the cheapest canned query, ours and Virtuoso. Prints a markdown
report and the issue's targets, pass or fail; writes everything as JSON.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchlib import (
    RESULTS,
    ROOT,
    checkout,
    fmt_ms,
    loadavg,
    machine,
    manifest_triples,
    rss_mb,
    tree_cpu_seconds,
    versions,
    write_json,
)
from virtuoso import Virtuoso, free_port, installed

ACCEPT = "application/sparql-results+json"
BASE = "https://w3id.org/kotacerdas/"
BIND = {"region": BASE + "region/12.05", "organisation": BASE + "org/12.05/pemda",
        "article": BASE + "article/2018-langkat-nota-kesepahaman",
        "event": BASE + "event/2018/opening", "entity": BASE + "innovation/12.05/faba"}
PAGES = ["/", "/region/12.05", "/org/kominfo", "/event/2018/opening",
         "/innovation/12.05/faba", "/article/2018-langkat-nota-kesepahaman",
         "/person/ngogesa-sitepu", "/list/innovations", "/list/regions", "/search?q=langkat",
         "/recurring", "/ontology", "/sparql", "/dumps/", "/validation"]
SYSTEMS = {"inproc": "pyoxigraph in process", "ours": "ours (HTTP)",
           "virtuoso": "Virtuoso 7 (HTTP)"}
CONCURRENCY = 8
WRK_LUA = """
local headers = { ["Accept"] = "%s" }
request = function() return wrk.format("GET", %s, headers) end
done = function(summary, latency, requests)
  io.write(string.format('WRKJSON {"requests": %%d, "duration_us": %%d, "non2xx": %%d, '
    .. '"errors": %%d, "p50_us": %%d, "p95_us": %%d}\\n', summary.requests, summary.duration,
    summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, latency:percentile(50),
    latency:percentile(95)))
end
"""


def bound_text(query: Any, values: dict[str, str]) -> str:
    from rdflib import URIRef

    return str(query.bound_text({name: URIRef(iri) for name, iri in values.items()}))


# ---------------------------------------------------------------------------- in process


def worker(dumps: Path, max_rows: int) -> None:
    """The in-process system: load the dumps into memory, then answer one request per stdin
    line ({"query", "values", "text"}) with one JSON line ({"ms", "rows"} or {"error"})."""
    from itertools import islice

    import pyoxigraph as ox
    from rdflib import URIRef

    from kotacerdas.graph.queries import canned_queries

    queries = canned_queries()
    store = ox.Store()
    started = time.perf_counter()
    store.bulk_load(path=str(dumps / "kotacerdas.nt"), format=ox.RdfFormat.N_TRIPLES)
    print(json.dumps({"load_s": time.perf_counter() - started, **rss_mb()}), flush=True)
    for line in sys.stdin:
        asked = json.loads(line)
        query = queries[asked["query"]]
        values = {name: URIRef(iri) for name, iri in asked["values"].items()}
        try:
            started = time.perf_counter()
            if asked["text"]:
                answer = store.query(query.bound_text(values))
            else:
                answer = store.query(query.text, substitutions={
                    ox.Variable(name): ox.NamedNode(iri) for name, iri in values.items()})
            rows = (len([tuple(row) for row in islice(answer, max_rows)])
                    if isinstance(answer, ox.QuerySolutions) else 1)
            reply = {"ms": (time.perf_counter() - started) * 1000, "rows": rows}
        except (SyntaxError, OSError, ValueError) as error:
            reply = {"error": str(error)[:300]}
        print(json.dumps(reply), flush=True)


class InProcess:
    def __init__(self, dumps: Path, max_rows: int, cap: float) -> None:
        self.dumps, self.max_rows, self.cap = dumps, max_rows, cap
        self.process: subprocess.Popen[str] | None = None
        self.loaded: dict[str, float] = {}

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", "--dumps", str(self.dumps),
             "--max-rows", str(self.max_rows)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, cwd=ROOT)
        assert self.process.stdout is not None
        self.loaded = json.loads(self.process.stdout.readline())

    def ask(self, query: str, values: dict[str, str], text: bool = False) -> dict[str, Any]:
        """One timed query; past the cap the worker is killed and restarted (reloaded)."""
        assert self.process is not None
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"query": query, "values": values,
                                             "text": text}) + "\n")
        self.process.stdin.flush()
        reply: list[str] = []
        reader = _thread(lambda: reply.append(self.process.stdout.readline()))  # type: ignore
        reader.join(self.cap)
        if not reply:
            self.stop()
            self.start()
            return {"timed_out": True}
        return json.loads(reply[0])

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(30)
            self.process = None


def _thread(target: Any) -> Any:
    import threading

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


# ---------------------------------------------------------------------------- HTTP systems


class Ours:
    """`kotacerdas serve` on a free loopback port, its output in a log file."""

    def __init__(self, dumps: Path, max_rows: int, cap: float, logs: Path) -> None:
        self.port = free_port()
        self.command = [str(ROOT / ".venv/bin/kotacerdas"), "serve", "--dumps", str(dumps),
                        "--host", "127.0.0.1", "--port", str(self.port), "--timeout",
                        f"{cap:g}", "--max-rows", str(max_rows)]
        self.log = logs / "ours.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.ready_s: float | None = None

    def start(self, ready_cap: float = 900) -> None:
        started = time.monotonic()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(self.command, stdout=log, stderr=log, cwd=ROOT,
                                            start_new_session=True)
        while time.monotonic() - started < ready_cap:
            if self.process.poll() is not None:
                raise RuntimeError(f"our server stopped:\n{self.log.read_text()[-2000:]}")
            try:
                if get(self.port, "/health", timeout=5)[0] == 200:
                    self.ready_s = time.monotonic() - started
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"our server did not start in {ready_cap:g} s")

    def path(self, query: str, values: dict[str, str]) -> str:
        return "/sparql?" + urlencode({"canned": query, **values})

    def stop(self) -> None:
        """SIGTERM to the server's own process group (it started its executors in it)."""
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(30)
        self.process = None


def get(port: int, path: str, accept: str = ACCEPT, timeout: float = 300
        ) -> tuple[int, bytes, float]:
    """(status, body, milliseconds) of one GET on a fresh connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        started = time.perf_counter()
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        body = response.read()
        status = 504 if response.getheader("X-SQL-State") else response.status  # Virtuoso
        return status, body, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def http_case(port: int, path: str, cap: float) -> dict[str, Any]:
    try:
        status, body, ms = get(port, path, timeout=cap + 5)
    except OSError as error:  # includes the socket's timeout
        return {"timed_out": True, "error": str(error)}
    if status != 200:
        return {"error": f"{status}: {body[:300].decode('utf-8', 'replace')}"}
    return {"ms": ms, "rows": len(json.loads(body)["results"]["bindings"])}


def wrk(port: int, pid: int, path: str, duration: float, scratch: Path) -> dict[str, Any]:
    script = scratch / "one.lua"
    script.write_text(WRK_LUA % (ACCEPT, json.dumps(path)))
    cpu_before, _ = tree_cpu_seconds(pid)
    done = subprocess.run(["wrk", "-t2", f"-c{CONCURRENCY}", f"-d{duration:g}s", "--timeout=30s",
                           "-s", str(script), f"http://127.0.0.1:{port}"],
                          capture_output=True, text=True, timeout=duration + 120, check=False)
    cpu_after, _ = tree_cpu_seconds(pid)
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        return {"error": (done.stdout + done.stderr)[-500:]}
    raw = json.loads(line.removeprefix("WRKJSON "))
    ok = raw["requests"] - raw["non2xx"]
    seconds = raw["duration_us"] / 1e6
    return {"rps": ok / seconds, "requests": raw["requests"], "non_2xx": raw["non2xx"],
            "errors": raw["errors"], "p50_ms": raw["p50_us"] / 1000,
            "p95_ms": raw["p95_us"] / 1000,
            "cpu_ms_per_request": (cpu_after - cpu_before) * 1000 / ok if ok else None}


# ---------------------------------------------------------------------------- the run


def cases(bind: dict[str, str]) -> list[dict[str, Any]]:
    """Each canned query unbound, and bound where it has parameters."""
    from kotacerdas.graph.queries import canned_queries

    found = []
    for name, query in sorted(canned_queries().items()):
        found.append({"id": name, "query": name, "values": {}, "params": bool(query.param_texts)})
        if query.param_texts:
            values = {param: bind[param] for param in query.param_texts}
            found.append({"id": f"{name} (bound)", "query": name, "values": values,
                          "params": True})
    return found


def latency(all_cases: list[dict[str, Any]], inproc: InProcess, ours: Ours,
            virtuoso: Virtuoso | None, args: argparse.Namespace) -> None:
    from kotacerdas.graph.queries import canned_queries

    queries = canned_queries()
    for case in all_cases:
        runs: dict[str, list[dict[str, Any]]] = {"inproc": [], "inproc_text": [], "ours": [],
                                                 "virtuoso": []}
        text = bound_text(queries[case["query"]], case["values"])
        started = time.monotonic()
        for _ in range(args.runs):
            runs["inproc"].append(inproc.ask(case["query"], case["values"]))
            if case["values"]:
                runs["inproc_text"].append(inproc.ask(case["query"], case["values"], text=True))
            runs["ours"].append(http_case(ours.port, ours.path(case["query"], case["values"]),
                                          args.cap))
            if virtuoso is not None:
                runs["virtuoso"].append(http_case(virtuoso.http_port, virtuoso.path(text),
                                                  args.cap))
            if time.monotonic() - started > args.budget:
                break
        case["systems"] = {system: summary(found) for system, found in runs.items() if found}
        shown = "  ".join(
            f"{system} {fmt_ms(entry['median_ms'], entry.get('timed_out', False), args.cap)}"
            for system, entry in case["systems"].items())
        print(f"  {case['id']:40s} {shown}", flush=True)


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    times = [run["ms"] for run in runs if "ms" in run]
    out: dict[str, Any] = {"runs_ms": times, "n": len(times),
                           "median_ms": statistics.median(times) if times else None,
                           "rows": next((run["rows"] for run in runs if "rows" in run), None)}
    if any(run.get("timed_out") for run in runs):
        out["timed_out"] = True
    errors = [run["error"] for run in runs if "error" in run]
    if errors:
        out["error"] = errors[0]
    return out


def pages(ours: Ours, runs: int) -> dict[str, Any]:
    out = {}
    for path in PAGES:
        status, body, first = get(ours.port, path, accept="text/html")
        times = [get(ours.port, path, accept="text/html")[2] for _ in range(runs)]
        out[path] = {"status": status, "bytes": len(body), "first_ms": first,
                     "median_ms": statistics.median(times), "runs_ms": times}
        print(f"  {path:42s} {status} {fmt_ms(out[path]['median_ms']):>8} ms "
              f"(first {fmt_ms(first)})  {len(body) / 1000:.1f} kB", flush=True)
    return out


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    checks = []
    slow = []
    for case in report["cases"]:
        ours, floor = case["systems"].get("ours", {}), case["systems"].get("inproc", {})
        if ours.get("median_ms") is None or floor.get("median_ms") is None or \
                ours["median_ms"] > 1.5 * floor["median_ms"] + 3:
            slow.append(case["id"])
    checks.append({"target": "every canned query, bound and unbound, through our endpoint "
                             "within 1.5x pyoxigraph in process + 3 ms",
                   "pass": not slow, "failing": slow})
    if report.get("virtuoso"):
        bound = [case for case in report["cases"]
                 if case["values"] or not case["params"]]
        faster = [case["id"] for case in bound
                  if (case["systems"]["ours"].get("median_ms") or float("inf"))
                  < (case["systems"]["virtuoso"].get("median_ms") or float("inf"))]
        share = len(faster) / len(bound)
        checks.append({"target": "faster than Virtuoso on at least 80 % of the canned queries "
                                 "with bound parameters",
                       "pass": share >= 0.8, "share": share,
                       "slower": [case["id"] for case in bound if case["id"] not in faster]})
    heavy = [path for path, page in report["pages"].items()
             if page["status"] != 200 or page["median_ms"] >= 300 or page["bytes"] >= 500_000]
    checks.append({"target": "every page kind under 300 ms and under 500 kB",
                   "pass": not heavy, "failing": heavy})
    load = report.get("throughput", {})
    if "virtuoso" in load:
        checks.append({"target": "throughput at concurrency 8 on the cheapest canned query at "
                                 "least Virtuoso's", "pass": (load["ours"].get("rps") or 0)
                       >= (load["virtuoso"].get("rps") or float("inf"))})
    return checks


def markdown(report: dict[str, Any]) -> str:
    cap = report["cap_seconds"]
    systems = ["inproc", "ours"] + (["virtuoso"] if report.get("virtuoso") else [])
    lines = [f"{report['triples']} triples; median ms (runs); at most {report['max_rows']} "
             "rows each; bound values: " + ", ".join(
                 f"{name} = <{iri}>" for name, iri in report["bind"].items()), "",
             "| query | rows | " + " | ".join(SYSTEMS[s] for s in systems)
             + " | in process, values in the text |",
             "|---|---:|" + "---:|" * (len(systems) + 1)]
    def cell(entry: dict[str, Any] | None, rows: int | None) -> str:
        if not entry:
            return "-"
        if entry["median_ms"] is None:
            return f"> {cap:g} s" if entry.get("timed_out") else "error"
        other = "" if entry["rows"] == rows else f", {entry['rows']} rows"
        return f"{fmt_ms(entry['median_ms'])} ({entry['n']}{other})"

    for case in report["cases"]:
        found = case["systems"]
        rows = found.get("inproc", {}).get("rows")
        lines.append(f"| {case['id']} | {rows} | "
                     + " | ".join(cell(found.get(s), rows) for s in systems)
                     + f" | {cell(found.get('inproc_text'), rows)} |")
    lines += ["", "| page | status | median ms | first ms | kB |", "|---|---:|---:|---:|---:|"]
    for path, page in report["pages"].items():
        lines.append(f"| {path} | {page['status']} | {fmt_ms(page['median_ms'])} | "
                     f"{fmt_ms(page['first_ms'])} | {page['bytes'] / 1000:.1f} |")
    load = report.get("throughput", {})
    if load:
        lines += ["", f"Throughput at concurrency {CONCURRENCY} on `{report['cheapest']}`:", "",
                  "| system | req/s | p50 ms | p95 ms | non-2xx | server CPU ms/request |",
                  "|---|---:|---:|---:|---:|---:|"]
        for system, entry in load.items():
            if "rps" in entry:
                cpu = entry["cpu_ms_per_request"]
                lines.append(f"| {SYSTEMS[system]} | {entry['rps']:.0f} | "
                             f"{fmt_ms(entry['p50_ms'])} | {fmt_ms(entry['p95_ms'])} | "
                             f"{entry['non_2xx']} | {fmt_ms(cpu)} |")
    lines += ["", "| target | result |", "|---|---|"]
    for check in report["targets"]:
        detail = {k: v for k, v in check.items() if k not in ("target", "pass")}
        lines.append(f"| {check['target']} | {'pass' if check['pass'] else 'FAIL'}"
                     f"{': ' + json.dumps(detail) if detail and not check['pass'] else ''} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dumps", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=7, help="latency rounds per query")
    parser.add_argument("--budget", type=float, default=8.0,
                        help="no new round after this many seconds on one query")
    parser.add_argument("--cap", type=float, default=120.0, help="seconds allowed per query")
    parser.add_argument("--max-rows", type=int, default=10_000)
    parser.add_argument("--page-runs", type=int, default=5)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of wrk load")
    parser.add_argument("--bind", action="append", default=[], metavar="PARAM=IRI")
    parser.add_argument("--no-virtuoso", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    dumps = args.dumps.resolve()
    if args.worker:
        worker(dumps, args.max_rows)
        return
    bind = {**BIND, **dict(item.split("=", 1) for item in args.bind)}
    out = args.out or RESULTS / f"scale-{dumps.name}.json"
    use_virtuoso = not args.no_virtuoso and installed()
    report: dict[str, Any] = {
        "benchmark": "scale", "machine": machine(), "checkout": checkout(),
        "versions": versions(sys.executable, ["pyoxigraph", "rdflib", "flask", "waitress"]),
        "dumps": str(dumps), "triples": manifest_triples(dumps), "max_rows": args.max_rows,
        "cap_seconds": args.cap, "bind": bind, "loadavg_start": loadavg(),
        "virtuoso": use_virtuoso}
    began = time.monotonic()
    all_cases = cases(bind)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch_name:
        scratch = Path(scratch_name)
        inproc = InProcess(dumps, args.max_rows, args.cap)
        ours = Ours(dumps, args.max_rows, args.cap, scratch)
        virtuoso = (Virtuoso(scratch / "virtuoso", dumps, max_rows=args.max_rows,
                             cap_seconds=int(args.cap)) if use_virtuoso else None)
        try:
            print("starting pyoxigraph in process, our server and Virtuoso", flush=True)
            inproc.start()
            report["inproc_load"] = inproc.loaded
            ours.start()
            report["ours_ready_s"] = ours.ready_s
            if virtuoso is not None:
                virtuoso.start()
                report["virtuoso_load_s"] = virtuoso.load("kotacerdas.nt")
                report["virtuoso_triples"] = virtuoso.triples()
            print(f"ready after {time.monotonic() - began:.0f} s; canned queries", flush=True)
            latency(all_cases, inproc, ours, virtuoso, args)
            report["cases"] = all_cases
            inproc.stop()
            print("pages", flush=True)
            report["pages"] = pages(ours, args.page_runs)
            bound = {case["id"]: case["systems"]["inproc"]["median_ms"] for case in all_cases
                     if (case["values"] or not case["params"])
                     and case["systems"]["inproc"].get("median_ms") is not None}
            cheapest = min(bound, key=lambda name: bound[name])
            case = next(case for case in all_cases if case["id"] == cheapest)
            report["cheapest"] = cheapest
            print(f"throughput on {cheapest}", flush=True)
            assert ours.process is not None
            report["throughput"] = {"ours": wrk(ours.port, ours.process.pid,
                                                ours.path(case["query"], case["values"]),
                                                args.duration, scratch)}
            if virtuoso is not None and virtuoso.process is not None:
                from kotacerdas.graph.queries import canned_queries

                text = bound_text(canned_queries()[case["query"]], case["values"])
                report["throughput"]["virtuoso"] = wrk(virtuoso.http_port, virtuoso.process.pid,
                                                       virtuoso.path(text), args.duration,
                                                       scratch)
        finally:
            inproc.stop()
            ours.stop()
            if virtuoso is not None:
                virtuoso.stop()
    report["seconds"] = time.monotonic() - began
    report["loadavg_end"] = loadavg()
    report["targets"] = targets(report)
    report["markdown"] = markdown(report)
    write_json(out, report)
    print(report["markdown"])


if __name__ == "__main__":
    main()
