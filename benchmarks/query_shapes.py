"""Each canned query in its current shape against its shape at an earlier commit, in pyoxigraph
over the union dump in memory, unbound and bound (--bind, as bench_scale.py binds them).

The earlier shapes read their parameters as `?_name` (bound by writing the term into the
text, as the endpoint then did); the current ones as their own result variables, bound by
substitution (as the endpoint binds them now). Both answers are checked to be the same rows.
Every variant runs in the same process, one after the other, at most --runs times and no new
run after --budget seconds; a query that changed in no way is skipped.

    .venv/bin/python benchmarks/query_shapes.py --dumps /work/data/1m --before 924a2f4
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import time
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

from bench_scale import BIND
from benchlib import RESULTS, ROOT, checkout, fmt_ms, loadavg, machine, write_json

MAX_ROWS = 10_000


def earlier(revision: str, name: str) -> str | None:
    done = subprocess.run(["git", "show", f"{revision}:queries/{name}.rq"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else None


def old_bound_text(text: str, values: dict[str, str]) -> str:
    """The earlier endpoint's binding: each `?_name` outside comments replaced by the IRI."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            for name, iri in values.items():
                line = re.sub(rf"[?$]_{name}\b", f"<{iri}>", line)
        lines.append(line)
    return "".join(lines)


def timed(store: Any, text: str, substitutions: dict[Any, Any], runs: int, budget: float
          ) -> tuple[float, Counter[tuple[str | None, ...]]]:
    import pyoxigraph as ox

    times: list[float] = []
    rows: Counter[tuple[str | None, ...]] = Counter()
    started = time.monotonic()
    for _ in range(runs):
        began = time.perf_counter()
        answer = store.query(text, substitutions=substitutions)
        assert isinstance(answer, ox.QuerySolutions)
        found = [tuple(row) for row in islice(answer, MAX_ROWS)]
        times.append((time.perf_counter() - began) * 1000)
        rows = Counter(tuple(None if t is None else str(t) for t in row) for row in found)
        if time.monotonic() - started > budget:
            break
    return statistics.median(times), rows


def main() -> None:
    import pyoxigraph as ox

    from kotacerdas.graph.queries import canned_queries

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dumps", type=Path, required=True)
    parser.add_argument("--before", default="924a2f4", help="the commit of the earlier shapes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    store = ox.Store()
    store.bulk_load(path=str(args.dumps / "kotacerdas.nt"), format=ox.RdfFormat.N_TRIPLES)
    report: dict[str, Any] = {"benchmark": "query shapes", "machine": machine(),
                              "checkout": checkout(), "before": args.before,
                              "dumps": str(args.dumps), "loadavg_start": loadavg(),
                              "max_rows": MAX_ROWS, "queries": {}}
    lines = ["| query | rows | before, ms | now, ms |", "|---|---:|---:|---:|"]
    for name, query in sorted(canned_queries().items()):
        old = earlier(args.before, name)
        if old is None or old == query.text:
            continue
        for bound in ([False, True] if query.param_texts else [False]):
            values = {param: BIND[param] for param in query.param_texts} if bound else {}
            before, old_rows = timed(store, old_bound_text(old, values), {}, args.runs,
                                     args.budget)
            now, rows = timed(store, query.text, {ox.Variable(param): ox.NamedNode(iri)
                                                  for param, iri in values.items()},
                              args.runs, args.budget)
            label = f"{name} (bound)" if bound else name
            same = rows == old_rows or len(rows) == MAX_ROWS  # capped: not comparable
            report["queries"][label] = {"before_ms": before, "now_ms": now,
                                        "rows": sum(rows.values()), "same_rows": same}
            lines.append(f"| {label} | {sum(rows.values())} | {fmt_ms(before)} | "
                         f"{fmt_ms(now)} |")
            print(lines[-1] + ("" if same else "  DIFFERENT ROWS"), flush=True)
    report["loadavg_end"] = loadavg()
    report["markdown"] = "\n".join(lines) + "\n"
    write_json(args.out or RESULTS / f"query-shapes-{args.dumps.name}.json", report)
    print(report["markdown"])


if __name__ == "__main__":
    main()
