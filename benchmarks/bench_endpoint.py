"""SPARQL endpoint latency and throughput: ours vs rdflib-endpoint vs pyoxigraph in-process.

For each dump folder (--size NAME=DIR), in one run on the same dumps:

- ours: `.venv/bin/kotacerdas serve --dumps DIR` (Waitress threads, executor processes over
  the on-disk Oxigraph store built from kotacerdas.nq + kotacerdas.nt);
- peer: `rdflib-endpoint serve DIR/kotacerdas.nq` from its own venv (benchmarks/.venv-peer),
  rdflib's default store with the named graphs' union as default graph;
- floor: pyoxigraph in this machine's Python, querying the same on-disk store read-only.

Latency: each canned query (parameters unbound) alone, one request at a time over a
keep-alive connection (Accept: application/sparql-results+json, no gzip), at most --runs
runs and no new run after --budget seconds; a request over --cap seconds is "> cap" (the
peer cannot stop a query, so it is restarted). Throughput: wrk, 2 threads, 8 connections,
a fixed --duration, rotating through pre-encoded GET URLs of all canned queries (mix) or
only the cheapest one (the lowest in-process median); the floor runs 8 processes instead.
Server CPU per request: utime+stime (+ reaped children) of the server and its descendants
from /proc, before and after the load, over the requests served.

    .venv/bin/python benchmarks/bench_endpoint.py --size seed=benchmarks/data/seed \\
        --size 100k=benchmarks/data/100k --size 1m=benchmarks/data/1m
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench_store import bench_engine
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
    percentile,
    tree_cpu_seconds,
    versions,
    write_json,
)

ACCEPT = "application/sparql-results+json"
PEER_VENV = ROOT / "benchmarks" / ".venv-peer"
SYSTEMS = ("ours", "peer", "floor")
LABELS = {"ours": "ours (HTTP)", "peer": "rdflib-endpoint (HTTP)",
          "floor": "pyoxigraph in-process"}
BASELINE = "ASK {}"  # a trivial query: the fixed cost of one request
CONCURRENCY = 8
LUA = """
local paths = {%s}
local headers = { ["Accept"] = "%s" }
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter - 1) %% #paths + 1], headers)
end
done = function(summary, latency, requests)
  io.write(string.format(
    'WRKJSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, '
    .. '"read": %%d, "write": %%d, "status": %%d, "timeout": %%d, "p50_us": %%d, '
    .. '"p95_us": %%d, "p99_us": %%d, "mean_us": %%f, "max_us": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean,
    latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def query_path(text: str, endpoint: str = "/sparql") -> str:
    return f"{endpoint}?query=" + quote(text, safe="")


# ---------------------------------------------------------------------------- servers


class Server:
    """A server subprocess on 127.0.0.1; output goes to a log file, never to a pipe."""

    def __init__(self, system: str, dumps: Path, port: int, args: argparse.Namespace,
                 logs: Path) -> None:
        self.system, self.dumps, self.port, self.args = system, dumps, port, args
        self.log_path = logs / f"{system}-{dumps.name}-{port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.ready_seconds: float | None = None
        self.endpoint = "/sparql" if system == "ours" else "/"  # rdflib-endpoint serves at /

    def command(self) -> list[str]:
        if self.system == "ours":
            command = [str(ROOT / ".venv/bin/kotacerdas"), "serve", "--dumps", str(self.dumps),
                       "--host", "127.0.0.1", "--port", str(self.port),
                       "--timeout", str(self.args.cap)]
            if self.args.max_rows is not None:
                command += ["--max-rows", str(self.args.max_rows)]
            return command
        return [str(PEER_VENV / "bin/rdflib-endpoint"), "serve",
                str(self.dumps / "kotacerdas.nq"), "--host", "127.0.0.1", "--port", str(self.port)]

    def start(self, ready_cap: float) -> bool:
        started = time.monotonic()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(self.command(), stdout=log, stderr=log, cwd=ROOT,
                                            start_new_session=True)
        deadline = started + ready_cap
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                print(f"  {self.system} exited; see {self.log_path}", flush=True)
                return False
            try:
                status, _, _ = request_once(self.port, self.url(BASELINE), 5)
                if status == 200:
                    self.ready_seconds = time.monotonic() - started
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        print(f"  {self.system} not ready after {ready_cap:g} s", flush=True)
        self.stop()
        return False

    def stop(self) -> None:
        """Stop the server and every process it started (by their ids)."""
        if self.process is None:
            return
        pids = descendants(self.process.pid)
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(15)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process = None

    def url(self, text: str) -> str:
        return query_path(text, self.endpoint)

    def restart(self, ready_cap: float) -> bool:
        self.stop()
        return self.start(ready_cap)


def descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                text = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(text[text.rindex(")") + 2:].split()[1])
    found: list[int] = []
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        found += children
        frontier += children
    return found


def request_once(port: int, path: str, timeout: float,
                 conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes, float]:
    """(status, body, milliseconds) of one GET; raises OSError (incl. timeout) on failure."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers={"Accept": ACCEPT})
        response = conn.getresponse()
        body = response.read()
        return response.status, body, (time.perf_counter() - started) * 1000
    finally:
        if own:
            conn.close()


def count_rows(body: bytes) -> int | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if "boolean" in data:
        return 1
    return len(data.get("results", {}).get("bindings", []))


# ---------------------------------------------------------------------------- latency


def http_latency(server: Server, texts: dict[str, str], args: argparse.Namespace,
                 order: list[str]) -> dict[str, Any]:
    """Sequential latency per query; the peer is restarted after a request over the cap."""
    out: dict[str, Any] = {}
    budget_end = time.monotonic() + args.peer_budget if server.system == "peer" else None
    for name in order:
        if budget_end is not None and time.monotonic() > budget_end:
            out[name] = {"runs_ms": [], "skipped": "peer time budget spent"}
            continue
        path = server.url(texts[name])
        entry: dict[str, Any] = {"runs_ms": [], "statuses": {}}
        out[name] = entry
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=args.cap + 5)
        query_started = time.monotonic()
        try:
            for _ in range(args.runs):
                status, body, ms = request_once(server.port, path, args.cap + 5, conn)
                entry["statuses"][str(status)] = entry["statuses"].get(str(status), 0) + 1
                if status != 200:
                    if status == 503 and ms >= args.cap * 1000 * 0.9 and not entry["runs_ms"]:
                        entry["timed_out"] = True  # our server stopped it at the cap
                    else:
                        entry["error"] = body[:300].decode("utf-8", "replace")
                    break
                entry["runs_ms"].append(ms)
                entry.setdefault("rows", count_rows(body))
                entry.setdefault("bytes", len(body))
                if time.monotonic() - query_started >= args.budget:
                    break
        except (OSError, http.client.HTTPException):  # includes socket.timeout
            if not entry["runs_ms"]:
                entry["timed_out"] = True
            print(f"    {name}: no answer within {args.cap + 5:g} s; restarting {server.system}",
                  flush=True)
            if not server.restart(args.ready_cap):
                out["_dead"] = True
                break
        finally:
            conn.close()
        summarise(entry)
        shown = fmt_duration(entry["median_ms"], entry.get("timed_out", False), args.cap)
        print(f"    {server.system} {name:28s} {shown:>12}  rows {entry.get('rows')}",
              flush=True)
    return out


def summarise(entry: dict[str, Any]) -> None:
    entry["median_ms"] = median(entry["runs_ms"])
    entry["p95_ms"] = percentile(entry["runs_ms"], 0.95)
    entry["n"] = len(entry["runs_ms"])


# ---------------------------------------------------------------------------- throughput


def wrk(server: Server, paths: list[str], duration: float, cap: float,
        scratch: Path) -> dict[str, Any]:
    script = scratch / "rotate.lua"
    quoted = ", ".join(json.dumps(p) for p in paths)
    script.write_text(LUA % (quoted, ACCEPT))
    assert server.process is not None
    cpu_before, procs = tree_cpu_seconds(server.process.pid)
    done = subprocess.run(
        ["wrk", "-t2", f"-c{CONCURRENCY}", f"-d{duration:g}s",
         f"--timeout={max(cap + 5, duration):g}s", "-s", str(script),
         f"http://127.0.0.1:{server.port}"],
        capture_output=True, text=True, timeout=2 * duration + cap + 60, check=False)
    cpu_after, _ = tree_cpu_seconds(server.process.pid)
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        return {"error": (done.stdout + done.stderr)[-500:]}
    raw = json.loads(line.removeprefix("WRKJSON "))
    seconds = raw["duration_us"] / 1e6
    ok = raw["requests"] - raw["status"]
    return {
        "tool": "wrk", "duration_s": seconds, "requests": raw["requests"], "ok": ok,
        "non_2xx": raw["status"], "timeouts": raw["timeout"],
        "socket_errors": raw["connect"] + raw["read"] + raw["write"],
        "rps": ok / seconds if seconds else 0.0,
        "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000, "max_ms": raw["max_us"] / 1000,
        "server_cpu_s": cpu_after - cpu_before, "server_processes": procs,
        "cpu_ms_per_request": (cpu_after - cpu_before) * 1000 / ok if ok else None,
    }


def drain(server: Server, cap: float) -> bool:
    """Wait until the server answers a trivial query within a second (queued work done)."""
    deadline = time.monotonic() + 2 * cap + 30
    while time.monotonic() < deadline:
        try:
            status, _, ms = request_once(server.port, server.url(BASELINE), cap + 5)
            if status == 200 and ms < 1000:
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def floor_worker(store: str, names: list[str], offset: int, max_rows: int | None) -> None:
    """A load process for the floor: open the store, wait for the deadline, run queries."""
    from itertools import islice

    import pyoxigraph as ox

    from kotacerdas.graph.queries import canned_queries

    queries = canned_queries()
    texts = [queries[name].text for name in names]
    db = ox.Store.read_only(store)
    print("ready", flush=True)
    deadline = float(sys.stdin.readline())
    i = offset
    batch: list[float] = []
    flushed = time.monotonic()
    while True:
        started = time.monotonic()
        if started >= deadline:
            break
        result = db.query(texts[i % len(texts)])
        if not isinstance(result, ox.QueryBoolean):
            _rows = [tuple(solution) for solution in islice(result, max_rows)]
        finished = time.monotonic()
        i += 1
        if finished <= deadline:
            batch.append((finished - started) * 1000)
        if batch and (finished - flushed >= 0.2 or len(batch) >= 200 or finished >= deadline):
            print(json.dumps(batch), flush=True)
            batch, flushed = [], finished
    if batch:
        print(json.dumps(batch), flush=True)


def floor_throughput(store: Path, names: list[str], duration: float,
                     max_rows: int | None) -> dict[str, Any]:
    procs = []
    for offset in range(CONCURRENCY):
        command = [sys.executable, __file__, "--floor-worker", str(store),
                   "--queries", ",".join(names), "--offset", str(offset)]
        if max_rows is not None:
            command += ["--max-rows", str(max_rows)]
        procs.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      text=True, cwd=ROOT))
    lines: queue.Queue[list[float]] = queue.Queue()

    def read(proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("["):
                lines.put(json.loads(line))

    for proc in procs:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError("a floor worker did not start")
        threading.Thread(target=read, args=(proc,), daemon=True).start()
    cpu_before = sum(tree_cpu_seconds(p.pid)[0] for p in procs)
    deadline = time.monotonic() + 0.2 + duration
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write(f"{deadline}\n")
        proc.stdin.flush()
    time.sleep(max(0.0, deadline - time.monotonic()) + 0.3)  # grace to flush the last batch
    cpu_after = sum(tree_cpu_seconds(p.pid)[0] for p in procs)
    for proc in procs:
        proc.kill()
        proc.wait(30)
    time.sleep(0.2)
    latencies: list[float] = []
    while not lines.empty():
        latencies += lines.get_nowait()
    ok = len(latencies)
    return {
        "tool": f"{CONCURRENCY} Python processes", "duration_s": duration, "requests": ok,
        "ok": ok, "rps": ok / duration, "p50_ms": median(latencies),
        "p95_ms": percentile(latencies, 0.95),
        "server_cpu_s": cpu_after - cpu_before,
        "cpu_ms_per_request": (cpu_after - cpu_before) * 1000 / ok if ok else None,
    }


# ---------------------------------------------------------------------------- per size


def bench_size(name: str, dumps: Path, texts: dict[str, str], args: argparse.Namespace,
               logs: Path) -> dict[str, Any]:
    names = sorted(texts)
    result: dict[str, Any] = {"name": name, "dumps": str(dumps),
                              "triples": manifest_triples(dumps), "systems": {}}
    print(f"{name}: {result['triples']} triples", flush=True)
    systems = args.systems.split(",")

    # Our server first: starting it builds the on-disk store the floor also reads.
    had_store = (dumps / ".store").is_dir()
    ours = Server("ours", dumps, free_port(), args, logs)
    try:
        if not ours.start(args.ready_cap):
            raise RuntimeError(f"our server did not start on {dumps}")
        store_dir = server_store(dumps)
        result["store"] = str(store_dir)

        print("  floor latency (in-process, on-disk store read-only)", flush=True)
        floor = bench_engine("pyoxigraph-readonly", store_dir, names, args.cap, args.runs,
                             args.budget, args.max_rows)
        for entry in floor["queries"].values():
            summarise(entry)
        finished = {q: e["median_ms"] for q, e in floor["queries"].items()
                    if e.get("median_ms") is not None}
        cheapest = min(finished, key=lambda q: finished[q])
        by_cost = sorted(names, key=lambda q: finished.get(q, float("inf")))
        result["cheapest"] = cheapest
        print(f"  cheapest canned query: {cheapest} ({finished[cheapest]:.2f} ms in-process)",
              flush=True)
        if "ours" in systems and "floor" in systems and args.paired:
            print("  paired latency: in-process then HTTP, query by query", flush=True)
            result["paired"] = paired_latency(ours, store_dir, texts, by_cost, args)
        if "ours" in systems:
            with tempfile.TemporaryDirectory() as scratch:
                result["systems"]["ours"] = measure_http(ours, texts, by_cost, cheapest, args,
                                                         Path(scratch))
            result["systems"]["ours"]["ready_s"] = ours.ready_seconds
            result["systems"]["ours"]["store_was_built"] = not had_store
    finally:
        ours.stop()

    if "floor" in systems:
        floor["latency"] = floor.pop("queries")
        print(f"  floor throughput, cheapest, {args.duration:g} s", flush=True)
        floor["cheapest"] = floor_throughput(store_dir, [cheapest], args.duration,
                                             args.max_rows)
        print(f"  floor throughput, mix, {args.mix_duration:g} s", flush=True)
        floor["mix"] = floor_throughput(store_dir, names, args.mix_duration, args.max_rows)
        result["systems"]["floor"] = floor

    if "peer" in systems:
        peer = Server("peer", dumps, free_port(), args, logs)
        print("  starting rdflib-endpoint", flush=True)
        if not peer.start(args.peer_ready_cap):
            result["systems"]["peer"] = {"error": "did not start within "
                                                  f"{args.peer_ready_cap:g} s"}
        else:
            try:
                with tempfile.TemporaryDirectory() as scratch:
                    result["systems"]["peer"] = measure_http(peer, texts, by_cost, cheapest,
                                                             args, Path(scratch))
                result["systems"]["peer"]["ready_s"] = peer.ready_seconds
            finally:
                peer.stop()
    return result


def server_store(dumps: Path) -> Path:
    """The on-disk store our server loaded: the newest folder in DUMPS/.store with LOADED."""
    loaded = [p.parent for p in (dumps / ".store").glob("*/LOADED")]
    if not loaded:
        raise RuntimeError(f"no loaded store under {dumps / '.store'}")
    return max(loaded, key=lambda p: (p / "LOADED").stat().st_mtime)


def paired_latency(ours: Server, store_dir: Path, texts: dict[str, str], order: list[str],
                   args: argparse.Namespace) -> dict[str, Any]:
    """Each query in process and through our endpoint back to back, so that drift between two
    passes (caches, other load on the shared cores) favours neither; the 1M target uses it."""
    out: dict[str, Any] = {}
    for name in order:
        floor = bench_engine("pyoxigraph-readonly", store_dir, [name], args.cap, args.runs,
                             args.budget, args.max_rows)["queries"][name]
        summarise(floor)
        out[name] = {"floor": floor,
                     "ours": http_latency(ours, {name: texts[name]}, args, [name])[name]}
    return out


def measure_http(server: Server, texts: dict[str, str], order: list[str], cheapest: str,
                 args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"loadavg_start": loadavg()}
    mix_paths = [server.url(texts[q]) for q in sorted(texts)]
    cheap_paths = [server.url(texts[cheapest])]
    assert server.process is not None
    out["rss_mb_idle"] = tree_rss_mb(server.process.pid)
    print(f"  {server.system} latency", flush=True)
    out["latency"] = http_latency(server, {**texts, BASELINE: BASELINE}, args,
                                  [BASELINE, *order])
    if out["latency"].pop("_dead", False):
        out["error"] = "server did not restart"
        return out
    print(f"  {server.system} throughput, cheapest, {args.duration:g} s", flush=True)
    out["cheapest"] = wrk(server, cheap_paths, args.duration, args.cap, scratch)
    print(f"    {out['cheapest'].get('rps', 0):.1f} req/s", flush=True)
    if not drain(server, args.cap) and not server.restart(args.peer_ready_cap):
        out["error"] = "server did not recover after the cheapest-query load"
        return out
    # The mix comes last: the server is stopped after it, so queued work need not drain.
    duration = args.peer_mix_duration if server.system == "peer" else args.mix_duration
    print(f"  {server.system} throughput, mix, {duration:g} s", flush=True)
    out["mix"] = wrk(server, mix_paths, duration, args.cap, scratch)
    print(f"    {out['mix'].get('rps', 0):.3f} req/s", flush=True)
    out["rss_mb_after"] = tree_rss_mb(server.process.pid) if server.process else None
    out["loadavg_end"] = loadavg()
    return out


def tree_rss_mb(root: int) -> float:
    total = 0.0
    for pid in [root, *descendants(root)]:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


# ---------------------------------------------------------------------------- report


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = []
    sizes = {s["name"]: s for s in report["sizes"]}
    big = sizes.get("1m")
    if big and "ours" in big["systems"] and "floor" in big["systems"]:
        failing = []
        for name in report["queries"]:
            if "paired" in big:
                o, f = big["paired"][name]["ours"], big["paired"][name]["floor"]
            else:
                o = big["systems"]["ours"]["latency"].get(name, {})
                f = big["systems"]["floor"]["latency"].get(name, {})
            om, fm = o.get("median_ms"), f.get("median_ms")
            if om is None or fm is None or om > 2 * fm + 5:
                failing.append({"query": name, "ours_ms": om, "floor_ms": fm,
                                "limit_ms": 2 * fm + 5 if fm is not None else None})
        checks.append({"target": "1M: every canned query's median via our HTTP endpoint "
                                 "<= 2 x pyoxigraph in-process + 5 ms",
                       "pass": not failing, "failing": failing})
    mid = sizes.get("100k")
    if mid and "ours" in mid["systems"] and "peer" in mid["systems"]:
        ours_rps = mid["systems"]["ours"].get("mix", {}).get("rps")
        peer_rps = mid["systems"]["peer"].get("mix", {}).get("rps")
        ratio = ours_rps / peer_rps if ours_rps and peer_rps else None
        checks.append({"target": "100k: mix throughput at concurrency 8 >= 10 x rdflib-endpoint",
                       "pass": ratio is not None and ratio >= 10, "ours_rps": ours_rps,
                       "peer_rps": peer_rps, "ratio": ratio})
    for size in report["sizes"]:
        ours = size["systems"].get("ours", {}).get("cheapest", {})
        if "rps" in ours:
            checks.append({"target": f"{size['name']}: >= 400 req/s on the cheapest canned query "
                                     f"({size['cheapest']})",
                           "pass": ours["rps"] >= 400, "ours_rps": ours["rps"]})
    return checks


def markdown(report: dict[str, Any]) -> str:
    cap = report["cap_seconds"]
    lines: list[str] = []
    for size in report["sizes"]:
        systems = [s for s in SYSTEMS if s in size["systems"]]
        lines.append(f"### {size['name']}: {size['triples']} triples\n")
        lines.append("Latency, one request at a time: median / p95 in ms (n runs)\n")
        lines.append("| query | rows | " + " | ".join(LABELS[s] for s in systems) + " |")
        lines.append("|---|---:|" + "---:|" * len(systems))
        for name in [BASELINE, *report["queries"]]:
            cells: list[str] = []
            counts: dict[str, int] = {}
            for s in systems:
                e = size["systems"][s].get("latency", {}).get(name)
                if e is None:
                    cells.append("-")
                    continue
                if e.get("rows") is not None:
                    counts[s] = e["rows"]
                if e.get("timed_out"):
                    cells.append(f"> {cap:g} s")
                elif e.get("median_ms") is None:
                    cells.append(e.get("skipped") or e.get("error", "-")[:40])
                else:
                    cells.append(f"{fmt_ms(e['median_ms'])} / {fmt_ms(e['p95_ms'])} "
                                 f"({e['n']})")
            rows = ", ".join(f"{n} ({s})" for s, n in counts.items()) \
                if len(set(counts.values())) > 1 else str(next(iter(counts.values()), ""))
            lines.append(f"| {name} | {rows} | " + " | ".join(cells) + " |")
        lines.append("")
        if "paired" in size:
            lines.append("Paired latency, each query in process then through our endpoint, "
                         "back to back: median ms\n")
            lines.append("| query | pyoxigraph in-process | ours (HTTP) | 2 x in-process + 5 |")
            lines.append("|---|---:|---:|---:|")
            for name, pair in size["paired"].items():
                f, o = pair["floor"], pair["ours"]
                limit = 2 * f["median_ms"] + 5 if f.get("median_ms") is not None else None
                shown = [fmt_ms(e.get("median_ms"), e.get("timed_out", False), cap)
                         for e in (f, o)]
                lines.append(f"| {name} | {shown[0]} | {shown[1]} | {fmt_ms(limit)} |")
            lines.append("")
        lines.append(f"Throughput at concurrency {CONCURRENCY}\n")
        lines.append("| load | system | ok req/s | p50 ms | p95 ms | non-2xx | server CPU "
                     "ms/request |")
        lines.append("|---|---|---:|---:|---:|---:|---:|")
        for load in ("cheapest", "mix"):
            for s in systems:
                t = size["systems"][s].get(load)
                label = f"cheapest ({size['cheapest']})" if load == "cheapest" else "mix"
                if not t:
                    continue
                if "rps" not in t:
                    lines.append(f"| {label} | {LABELS[s]} | {t.get('skipped') or t.get('error')}"
                                 " | | | | |")
                    continue
                cpu = t.get("cpu_ms_per_request")
                lines.append(f"| {label} | {LABELS[s]} | {fmt_rps(t['rps'])} | "
                             f"{fmt_ms(t['p50_ms'])} | {fmt_ms(t['p95_ms'])} | "
                             f"{t.get('non_2xx', 0)} | {fmt_ms(cpu)} |")
        lines.append("")
    lines.append("Targets\n")
    for check in report["targets"]:
        lines.append(f"- {'PASS' if check['pass'] else 'FAIL'}: {check['target']}")
        if "ratio" in check and check["ratio"] is not None:
            lines.append(f"  - ours {fmt_rps(check['ours_rps'])} req/s, rdflib-endpoint "
                         f"{fmt_rps(check['peer_rps'])} req/s: {check['ratio']:.1f} x")
        elif "ours_rps" in check:
            lines.append(f"  - ours {fmt_rps(check['ours_rps'])} req/s")
        for failing in check.get("failing", []):
            ours_ms, floor_ms = failing["ours_ms"], failing["floor_ms"]
            over = f"> {cap:g} s"
            lines.append(f"  - {failing['query']}: ours {fmt_ms(ours_ms) if ours_ms else over}"
                         f", in-process {fmt_ms(floor_ms) if floor_ms else over}, limit "
                         f"{fmt_ms(failing['limit_ms']) if failing['limit_ms'] else '-'} (ms)")
    return "\n".join(lines)


def fmt_rps(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", action="append", default=[],
                        help="NAME=DUMPS_DIR (repeatable); default seed, 100k and 1m under "
                             "benchmarks/data")
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--runs", type=int, default=20, help="most runs per query")
    parser.add_argument("--budget", type=float, default=5.0,
                        help="no new run of a query after this many seconds")
    parser.add_argument("--duration", type=float, default=20.0,
                        help="seconds of load on the cheapest query")
    parser.add_argument("--mix-duration", type=float, default=120.0,
                        help="seconds of load on the mix")
    parser.add_argument("--peer-mix-duration", type=float, default=300.0,
                        help="seconds of load on the mix for rdflib-endpoint (slow queries)")
    parser.add_argument("--max-rows", type=int, default=10_000_000,
                        help="our server's --max-rows, and the floor's; default: high enough "
                             "that no result is cut, as rdflib-endpoint cuts none")
    parser.add_argument("--ready-cap", type=float, default=900.0,
                        help="seconds for our server to load and answer")
    parser.add_argument("--peer-ready-cap", type=float, default=1200.0,
                        help="seconds for rdflib-endpoint to load and answer")
    parser.add_argument("--no-paired", dest="paired", action="store_false",
                        help="skip the paired latency pass (each query in process, then "
                             "through our endpoint) that the 1M latency target uses")
    parser.add_argument("--peer-budget", type=float, default=1800.0,
                        help="seconds of rdflib-endpoint latency runs per size")
    parser.add_argument("--out", type=Path, default=RESULTS / "endpoint.json")
    parser.add_argument("--floor-worker", help=argparse.SUPPRESS)
    parser.add_argument("--queries", help=argparse.SUPPRESS)
    parser.add_argument("--offset", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor_worker:
        floor_worker(args.floor_worker, args.queries.split(","), args.offset, args.max_rows)
        return
    # A plain `kill` (or timeout) of this script still stops the servers it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    from kotacerdas.graph.queries import canned_queries

    texts = {name: q.text for name, q in canned_queries().items()}
    sizes = args.size or [f"{n}={ROOT / 'benchmarks/data' / n}" for n in ("seed", "100k", "1m")]
    report: dict[str, Any] = {
        "benchmark": "SPARQL endpoint", "machine": machine(), "checkout": checkout(),
        "versions": {"project": versions(str(ROOT / ".venv/bin/python"),
                                         ["kotacerdas", "pyoxigraph", "flask", "waitress"]),
                     "peer": versions(str(PEER_VENV / "bin/python"),
                                      ["rdflib-endpoint", "rdflib", "fastapi", "uvicorn"]),
                     "wrk": subprocess.run(["wrk", "--version"], capture_output=True,
                                           text=True, check=False).stdout.splitlines()[0]},
        "cap_seconds": args.cap, "runs": args.runs, "budget_seconds": args.budget,
        "duration_s": args.duration, "mix_duration_s": args.mix_duration,
        "peer_mix_duration_s": args.peer_mix_duration,
        "max_rows": args.max_rows, "concurrency": CONCURRENCY, "accept": ACCEPT,
        "queries": sorted(texts), "sizes": [],
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "loadavg_start": loadavg(),
    }
    logs = Path(tempfile.mkdtemp(prefix="kc-bench-logs-"))
    print(f"server logs in {logs}", flush=True)
    for spec in sizes:
        name, _, folder = spec.partition("=")
        report["sizes"].append(bench_size(name, Path(folder), texts, args, logs))
        report["targets"] = targets(report)
        write_json(args.out, report)
    report["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    report["loadavg_end"] = loadavg()
    write_json(args.out, report)
    print(markdown(report))


if __name__ == "__main__":
    main()
