"""Time the analyses and the recurring-innovations page on a set of dumps.

    .venv/bin/python benchmarks/bench_analysis.py DUMPS [--runs 3] [--out results.json]

Targets (issue 5): at one million triples every analysis finishes in under 10 s and the
page renders in under 2 s. Loading the dumps into the in-memory store is timed apart.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from kotacerdas.graph.analysis import institutions, recurrence, similarity
from kotacerdas.graph.analysis.data import INSTITUTIONS, DumpSource, innovation_rows


def timed(function: object, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def analyses(dumps: Path, runs: int) -> dict[str, float]:
    started = time.perf_counter()
    source = DumpSource(dumps)
    figures = {"load_s": time.perf_counter() - started}

    def run_recurrence() -> object:
        return recurrence.recurrence(innovation_rows(source.select, include_suggested=True))

    def run_similarity() -> object:
        graph = similarity.similarity_graph(innovation_rows(source.select, True))
        return similarity.clusters(graph)

    def run_institutions() -> object:
        return institutions.centrality(institutions.co_participation(source.select(INSTITUTIONS)))

    for name, function in (("recurrence", run_recurrence), ("similarity", run_similarity),
                           ("institutions", run_institutions)):
        figures[f"{name}_s"], _ = timed(function, runs)
    return figures


def page(dumps: Path, runs: int) -> dict[str, float]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = Path(sys.executable).parent / "kotacerdas"
    server = subprocess.Popen([str(command), "serve", "--dumps", str(dumps),
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except OSError:
                time.sleep(0.5)

        def get(path: str) -> float:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                             headers={"Accept": "text/html"})
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
            return time.perf_counter() - started

        first = get("/recurring")  # the first view computes and caches the analysis
        warm = statistics.median(get("/recurring") for _ in range(runs))
        filtered = statistics.median(get("/recurring?dimension=smart-environment")
                                     for _ in range(runs))
        suggested_first = get("/recurring?suggested=1")
        suggested = statistics.median(get("/recurring?suggested=1&dimension=smart-economy")
                                      for _ in range(runs))
        region = statistics.median(get("/region/12.05") for _ in range(runs))
        return {"page_first_s": first, "page_warm_s": warm, "page_filtered_s": filtered,
                "page_with_suggestions_first_s": suggested_first,
                "page_with_suggestions_filtered_s": suggested, "region_page_s": region}
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dumps", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    manifest = json.loads((args.dumps / "manifest.json").read_text(encoding="utf-8"))
    figures = {"triples": manifest["triples"], **analyses(args.dumps, args.runs),
               **page(args.dumps, args.runs)}
    text = json.dumps(figures, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
