"""The one narrow interface between the server and its triple store.

`TripleStore` is all the web layer may use: run a read-only query under a time and row
limit, list the named graphs, and say which dataset version it serves. `OxigraphStore` is
the embedded implementation; a remote store (Virtuoso over the SPARQL protocol) would be
another class with the same methods.

Queries run in separate executor processes, so that a runaway query can be stopped for real
(the process is killed and replaced) while other requests go on being answered. Executors
also write the result in the format the client negotiated, so that only bytes come back.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import queue
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from kotacerdas.server import results, solutions_json
from kotacerdas.server.rdf import RDF_FORMATS, serialize_triples
from kotacerdas.server.safety import decode_escapes, tokens
from kotacerdas.server.terms import Term, UnsupportedTermError, from_oxigraph, to_oxigraph

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: list[str] | None = None  # protocol default-graph-uri; None: not given
    named_graphs: list[str] | None = None  # protocol named-graph-uri; None: not given
    max_rows: int = 10_000
    # Write SELECT solutions or CONSTRUCT/DESCRIBE triples in this media type (a SPARQL
    # results or RDF format) where the query runs, and return a `SerializedResult`: bytes
    # cross between processes far faster than term objects. None: return the terms.
    media_type: str | None = None
    # Values of variables, bound by the engine (SEP-0007 substitution), never written into
    # the query text. Oxigraph needs each bound variable in the SELECT projection.
    bindings: Mapping[str, Term] | None = None


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[dict[str, Term]]
    truncated: bool = False


@dataclass
class AskResult:
    value: bool


@dataclass
class GraphResult:
    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)
    truncated: bool = False


@dataclass
class SerializedResult:
    """A SELECT or graph result already written in the requested format, with its row count."""

    form: str  # "SELECT" or "CONSTRUCT"
    body: bytes
    count: int
    truncated: bool = False


QueryResult = SelectResult | AskResult | GraphResult | SerializedResult


# Executor failures caused by the query itself (the client's to fix), by QueryError kind.
QUERY_FAULTS = frozenset({"syntax", "unrepresentable", "unsupported"})


class QueryError(Exception):
    """The store could not answer: `kind` is "syntax", "timeout", "busy", "unrepresentable"
    (the result holds characters the requested format cannot carry), "unsupported" (it holds
    RDF 1.2 terms) or "error"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class TripleStore(Protocol):
    dataset_version: str
    last_modified: float  # seconds since the epoch

    def query(self, request: QueryRequest, timeout: float) -> QueryResult: ...

    # Several queries in one round trip to the store, answered in order; the first failure
    # fails the batch. `timeout` bounds the whole batch.
    def query_many(self, requests: Sequence[QueryRequest], timeout: float
                   ) -> list[QueryResult]: ...

    def graph_names(self) -> frozenset[str]: ...  # checked on every request: a set

    def triple_count(self) -> int: ...

    def workers(self) -> dict[str, int]: ...  # for /health: {"total": n, "busy": k}

    def close(self) -> None: ...


# ---------------------------------------------------------------------------- execution


def execute(store: object, request: QueryRequest) -> QueryResult:
    """Run one query on a pyoxigraph store, keep at most `max_rows` results, and write them in
    `request.media_type` when it suits the result (SPARQL JSON on a fast path of its own)."""
    import pyoxigraph as ox

    options: dict[str, object] = {}
    if request.default_graphs is not None or request.named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs or []]
        if request.named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    if request.bindings:
        options["substitutions"] = {ox.Variable(name): to_oxigraph(value)
                                    for name, value in request.bindings.items()}
    answer = store.query(request.query, **options)  # type: ignore[attr-defined]
    if isinstance(answer, ox.QueryBoolean):
        return AskResult(bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        given = [v.value for v in answer.variables]
        names = projection_order(request.query, given)
        if request.media_type == results.SPARQL_JSON:
            columns = None if names == given else [given.index(name) for name in names]
            body, count, truncated = solutions_json.write(names, answer, request.max_rows,
                                                          columns)
            return SerializedResult("SELECT", body, count, truncated)
        selected = _select(names, answer, request.max_rows)
        if request.media_type not in results.SELECT_MEDIA_TYPES:
            return selected
        body = results.write_select(request.media_type, names, selected.rows,
                                    truncated=selected.truncated)
        return SerializedResult("SELECT", body, len(selected.rows), selected.truncated)
    graph = _graph(answer, request.max_rows)
    if request.media_type not in RDF_FORMATS:
        return graph
    body = serialize_triples(graph.triples, request.media_type)
    return SerializedResult("CONSTRUCT", body, len(graph.triples), graph.truncated)


_SELECT_STAR = re.compile(r"SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)


def projection_order(query: str, names: list[str]) -> list[str]:
    """The variables of a `SELECT *` query in the order they first appear in it (Oxigraph
    sorts them by name); any other query's as the engine gives them, which is as written."""
    if not _SELECT_STAR.search(query):  # the common case costs one regular-expression scan
        return names
    scanned = tokens(decode_escapes(query))
    first = next((i for i, (kind, value) in enumerate(scanned)
                  if kind == "word" and value.upper() == "SELECT"), None)
    if first is None:
        return names
    star = first + 1
    if star < len(scanned) and scanned[star][1].upper() in ("DISTINCT", "REDUCED"):
        star += 1
    if star >= len(scanned) or scanned[star][1] != "*":
        return names  # the outer SELECT names its variables; a `SELECT *` is nested
    wanted = set(names)
    ordered = list(dict.fromkeys(value[1:] for kind, value in scanned[star + 1:]
                                 if kind == "var" and value[1:] in wanted))
    return ordered + [name for name in names if name not in ordered]


def _converter() -> Callable[[object], Term]:
    """`from_oxigraph`, converting each term once: results repeat terms (a region, a
    dimension, an article on many rows)."""
    converted: dict[object, Term] = {}

    def convert(value: object) -> Term:
        found = converted.get(value)
        if found is None:
            found = converted[value] = from_oxigraph(value)
        return found

    return convert


def _select(names: list[str], solutions: Iterable[Any], max_rows: int) -> SelectResult:
    term = _converter()
    rows: list[dict[str, Term]] = []
    for solution in solutions:
        if len(rows) >= max_rows:
            return SelectResult(names, rows, truncated=True)
        values = [(name, solution[name]) for name in names]
        rows.append({name: term(value) for name, value in values if value is not None})
    return SelectResult(names, rows)


def _graph(triples: Iterable[Any], max_rows: int) -> GraphResult:
    term = _converter()
    kept: list[tuple[Term, Term, Term]] = []
    for triple in triples:
        if len(kept) >= max_rows:
            return GraphResult(kept, truncated=True)
        kept.append((term(triple.subject), term(triple.predicate), term(triple.object)))
    return GraphResult(kept)


# The stack of the thread that runs queries. The engine recurses along left-deep query trees:
# a few thousand `+` in a row, UNIONs, MINUSes or BINDs (within the query size limit, and
# not nesting, which safety.py bounds) overflow the usual 8 MiB and kill the process. Only
# the pages a query actually touches take memory.
EXECUTOR_STACK_BYTES = 256 * 1024 * 1024


def _executor_main(path: str, conn: Connection) -> None:
    """An executor process: answer requests on a thread with a deep stack until closed."""
    threading.stack_size(EXECUTOR_STACK_BYTES)
    worker = threading.Thread(target=_answer_requests, args=(path, conn))
    worker.start()
    worker.join()


def _answer_requests(path: str, conn: Connection) -> None:
    """Open the store read-only, then answer requests until the connection closes."""
    import pyoxigraph as ox

    store = ox.Store.read_only(path)
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        try:
            answer = ([execute(store, one) for one in request] if isinstance(request, list)
                      else execute(store, request))
            conn.send(("ok", answer))
        except SyntaxError as error:
            conn.send(("syntax", str(error)))
        except results.UnrepresentableError as error:
            conn.send(("unrepresentable", str(error)))
        except UnsupportedTermError as error:
            conn.send(("unsupported", f"{error}. This endpoint speaks SPARQL 1.1, whose result "
                                      "formats have no place for RDF 1.2 terms."))
        except Exception as error:  # any engine failure goes back as a message
            conn.send(("error", f"{type(error).__name__}: {error}"))


class _Executor:
    def __init__(self, context: multiprocessing.context.SpawnContext, path: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_executor_main, args=(path, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout) or self.conn.recv()[0] != "ready":
            self.kill()
            raise RuntimeError("a query executor did not start")

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


# How long a query waits for a free executor before it is refused as "busy" (503): a client
# is better told at once to come back than kept waiting for a whole query time limit.
MAX_WAIT = 10.0


class ExecutorPool:
    """A fixed number of executor processes; a query that overruns kills its executor."""

    def __init__(self, path: str, size: int) -> None:
        self.path = path
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Executor] = queue.Queue()
        self.size = size
        executors = [_Executor(self.context, path) for _ in range(size)]
        for executor in executors:
            executor.wait_ready(60)
            self.idle.put(executor)

    def run(self, request: QueryRequest | list[QueryRequest], timeout: float) -> Any:
        """One request, or a list of them answered in one round trip."""
        started = time.monotonic()
        try:
            executor = self.idle.get(timeout=min(timeout, MAX_WAIT))
        except queue.Empty:
            raise QueryError("busy", "All query workers are busy; try again shortly.") from None
        remaining = max(0.05, timeout - (time.monotonic() - started))
        try:
            executor.conn.send(request)
            if not executor.conn.poll(remaining):
                self._replace(executor)
                raise QueryError("timeout", f"The query took longer than {timeout:g} s and was "
                                             "stopped.")
            status, payload = executor.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(executor)
            raise QueryError("error", "The query worker stopped unexpectedly.") from None
        self.idle.put(executor)
        if status == "ok":
            return payload
        raise QueryError(status if status in QUERY_FAULTS else "error", payload)

    def busy(self) -> int:
        """Executors running a query (or being replaced after one overran)."""
        return self.size - self.idle.qsize()

    def _replace(self, executor: _Executor) -> None:
        """Kill an executor now; start its successor in the background."""
        executor.kill()

        def start() -> None:
            replacement = _Executor(self.context, self.path)
            try:
                replacement.wait_ready(60)
            except RuntimeError:
                log.exception("could not restart a query executor")
                return
            self.idle.put(replacement)

        threading.Thread(target=start, daemon=True).start()

    def close(self) -> None:
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                return


# ---------------------------------------------------------------------------- the store


STORE_LAYOUT = "union-default-graph-1"


class OxigraphStore:
    """The built dumps, bulk-loaded once into an on-disk Oxigraph store, served read-only.

    The named graphs come from the N-Quads dump; the default graph holds their union, from
    the N-Triples dump. (Oxigraph's own union-default-graph option repeats a triple that is
    in several graphs, where SPARQL wants an RDF merge.)
    """

    def __init__(self, dumps: Path, workers: int = 2) -> None:
        import pyoxigraph as ox

        manifest_path = dumps / "manifest.json"
        if not manifest_path.is_file():
            raise FileNotFoundError(f"no dumps in {dumps}: run `kotacerdas build` first")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        self.dataset_version: str = manifest["dataset_version"]
        self.last_modified = manifest_path.stat().st_mtime
        self._triples = int(manifest.get("triples", 0))
        # The layout version changes whenever the way the store is loaded does.
        self.path = dumps / ".store" / f"{self.dataset_version}-{STORE_LAYOUT}"
        if not (self.path / "LOADED").is_file():
            shutil.rmtree(dumps / ".store", ignore_errors=True)
            self.path.mkdir(parents=True)
            started = time.monotonic()
            store = ox.Store(str(self.path))
            store.bulk_load(path=str(dumps / "kotacerdas.nq"), format=ox.RdfFormat.N_QUADS)
            store.bulk_load(path=str(dumps / "kotacerdas.nt"), format=ox.RdfFormat.N_TRIPLES,
                            to_graph=ox.DefaultGraph())
            store.flush()
            store.optimize()
            del store
            (self.path / "LOADED").write_text(self.dataset_version, encoding="utf-8")
            log.info("loaded %s into %s in %.1f s", dumps / "kotacerdas.nq", self.path,
                     time.monotonic() - started)
        reader = ox.Store.read_only(str(self.path))
        self._graphs = frozenset(g.value for g in reader.named_graphs())
        del reader
        self.pool = ExecutorPool(str(self.path), workers)

    def query(self, request: QueryRequest, timeout: float) -> QueryResult:
        return self.pool.run(request, timeout)

    def query_many(self, requests: Sequence[QueryRequest], timeout: float
                   ) -> list[QueryResult]:
        return self.pool.run(list(requests), timeout) if requests else []

    def graph_names(self) -> frozenset[str]:
        return self._graphs

    def triple_count(self) -> int:
        return self._triples

    def workers(self) -> dict[str, int]:
        return {"total": self.pool.size, "busy": self.pool.busy()}

    def close(self) -> None:
        self.pool.close()
