"""The one narrow interface between the server and its triple store.

`TripleStore` is all the web layer may use: run a read-only query under a time and row
limit, list the named graphs, and say which dataset version it serves. `OxigraphStore` is
the embedded implementation; a remote store (Virtuoso over the SPARQL protocol) would be
another class with the same methods.

The dataset lives in memory, loaded once by a "zygote" process that never runs a query.
Queries run in executor processes forked from the zygote, which share its loaded store
copy-on-write: a runaway query is stopped for real (its executor is killed and a new one
forked in a few milliseconds) while other requests go on being answered, and the web process
holds no copy of the data. Measured at a million triples, Oxigraph's in-memory store answers
the canned queries 1.2 to 5 times faster than its on-disk store (benchmarks/README.md).
Executors also write the result in the format the client negotiated, with pyoxigraph's own
writers, so that only bytes come back.
"""

from __future__ import annotations

import atexit
import gc
import json
import logging
import multiprocessing
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import reduction
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from kotacerdas.server import results
from kotacerdas.server.media import RDF_FORMATS, RESULTS_FORMATS
from kotacerdas.server.rdf import write_triples
from kotacerdas.server.safety import decode_escapes, tokens, with_limit, with_projection
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




# ---------------------------------------------------------------------------- the manifest


@dataclass(frozen=True)
class Manifest:
    """What `kotacerdas build` says of the dumps it wrote (dumps/manifest.json)."""

    dataset_version: str
    base: str | None  # the namespace of the instance IRIs; None in dumps older than it
    triples: int
    files: dict[str, dict[str, Any]]  # file name -> {"bytes": n, "sha256": hex}
    last_modified: float  # when the manifest was written, seconds since the epoch

    @property
    def names(self) -> list[str]:
        """The files the build vouches for, and the manifest itself."""
        return sorted([*self.files, "manifest.json"])


def read_manifest(dumps: Path) -> Manifest:
    """The manifest of the dumps in `dumps`; FileNotFoundError when nothing was built there."""
    path = dumps / "manifest.json"
    if not path.is_file():
        raise FileNotFoundError(f"no dumps in {dumps}: run `kotacerdas build` first")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Manifest(dataset_version=data["dataset_version"], base=data.get("base"),
                    triples=int(data.get("triples", 0)), files=dict(data.get("files", {})),
                    last_modified=path.stat().st_mtime)


# ---------------------------------------------------------------------------- execution


class ReadOnlyStore:
    """All an executor may do with the store: run SPARQL queries. The in-memory store itself
    could be written to; pyoxigraph's `query` parses the query language only (an update is a
    syntax error there), and nothing else of the store is reachable from here."""

    __slots__ = ("_names", "_query")

    def __init__(self, store: ox.Store) -> None:
        self._query = store.query
        self._names = frozenset(g.value for g in store.named_graphs()
                                if isinstance(g, ox.NamedNode))

    def query(self, text: str, **options: Any) -> Any:
        return self._query(text, **options)

    def graph_names(self) -> frozenset[str]:
        return self._names


# An empty store tells a query's variables at once: the same query on the data may sort or
# group before its first solution.
_EMPTY = ox.Store()


def execute(store: ReadOnlyStore | ox.Store, request: QueryRequest) -> QueryResult:
    """Run one query, keep at most `max_rows` results, and write them in `request.media_type`
    (with pyoxigraph's writers) when it suits the result; without one, return terms."""
    options: dict[str, object] = {}
    if request.default_graphs is not None or request.named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs or []]
        if request.named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    if request.bindings:
        options["substitutions"] = {ox.Variable(name): to_oxigraph(value)
                                    for name, value in request.bindings.items()}
    query = request.query
    if request.media_type in RESULTS_FORMATS:
        if _SELECT_STAR.search(query):
            probe = _EMPTY.query(query, **options)
            if isinstance(probe, ox.QuerySolutions):
                given = [v.value for v in probe.variables]
                names = projection_order(query, given)
                if names != given:  # Oxigraph sorts the variables of `SELECT *` by name
                    query = with_projection(query, names)
        # One solution more than the limit says that the result was cut.
        query = with_limit(query, request.max_rows + 1)
    answer = store.query(query, **options)
    if isinstance(answer, ox.QueryBoolean):
        return AskResult(bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        if request.media_type in RESULTS_FORMATS:
            body, count, truncated = results.write_solutions(answer, request.media_type,
                                                             request.max_rows)
            return SerializedResult("SELECT", body, count, truncated)
        names = projection_order(query, [v.value for v in answer.variables])
        return _select(names, answer, request.max_rows)
    triples = list(islice(answer, request.max_rows + 1))
    truncated = len(triples) > request.max_rows
    del triples[request.max_rows:]
    if request.media_type in RDF_FORMATS:
        return SerializedResult("CONSTRUCT", write_triples(triples, request.media_type),
                                len(triples), truncated)
    term = _converter()
    return GraphResult([(term(t.subject), term(t.predicate), term(t.object)) for t in triples],
                       truncated)


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


# The stack of the thread that runs queries. The engine recurses along left-deep query trees:
# a few thousand `+` in a row, UNIONs, MINUSes or BINDs (within the query size limit, and
# not nesting, which safety.py bounds) overflow the usual 8 MiB and kill the process. Only
# the pages a query actually touches take memory.
EXECUTOR_STACK_BYTES = 256 * 1024 * 1024


def _answer_requests(store: ReadOnlyStore, conn: Connection) -> None:
    """Answer requests until the connection closes."""
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


def _executor_main(store: ReadOnlyStore, conn: Connection, control: Connection) -> None:
    """An executor, forked from the zygote: answer requests on a thread with a deep stack."""
    control.close()  # the zygote's line to the web process is not this process's to use
    threading.stack_size(EXECUTOR_STACK_BYTES)
    worker = threading.Thread(target=_answer_requests, args=(store, conn))
    worker.start()
    worker.join()


def load(dumps: Path) -> ox.Store:
    """The dumps in an in-memory store: the named graphs from the N-Quads dump, and in the
    default graph their union, from the N-Triples dump. (Oxigraph's own union-default-graph
    option repeats a triple that is in several graphs, where SPARQL wants an RDF merge.)"""
    store = ox.Store()
    store.bulk_load(path=str(dumps / "kotacerdas.nq"), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=str(dumps / "kotacerdas.nt"), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.DefaultGraph())
    return store


def _zygote_main(dumps: str, control: Connection) -> None:
    """The zygote: load the dataset, then fork an executor whenever the web process sends the
    end of a connection for one, and kill its executors when asked. It runs no query itself,
    so every executor starts from the same untouched store, and it stays single-threaded, so
    that forking it is safe."""
    try:
        started = time.monotonic()
        store = ReadOnlyStore(load(Path(dumps)))
        log.info("loaded %s into memory in %.1f s", dumps, time.monotonic() - started)
    except Exception as error:  # the web process reports it
        control.send(("error", f"{type(error).__name__}: {error}"))
        return
    control.send(("ready", store.graph_names()))
    gc.freeze()  # the collector then leaves the zygote's objects, and their shared pages, alone
    fork = multiprocessing.get_context("fork")
    executors: dict[int, multiprocessing.process.BaseProcess] = {}
    while True:
        try:
            command, pid = control.recv()
        except EOFError:  # the web process is gone: so are its executors (daemons)
            return
        for known, process in list(executors.items()):  # reap the dead
            if not process.is_alive():
                process.join()
                del executors[known]
        if command == "fork":
            conn = Connection(reduction.recv_handle(control))
            executor = fork.Process(target=_executor_main, args=(store, conn, control),
                                    daemon=True)
            executor.start()
            conn.close()
            assert executor.pid is not None
            executors[executor.pid] = executor
            control.send(executor.pid)
        elif command == "kill":
            process = executors.pop(pid, None)
            if process is not None:  # only its own live children: never a reused pid
                process.kill()
                process.join(5)
            control.send(None)


# How long the zygote may take to load the dumps: about 5 s per million triples.
LOAD_TIMEOUT = 900.0


class Zygote:
    """The web process's handle on the zygote process: fork an executor, kill one."""

    def __init__(self, dumps: Path) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter, no web state
        self.control, child = context.Pipe()
        # Not a daemon: daemons may not have children. `close` ends it.
        self.process = context.Process(target=_zygote_main, args=(str(dumps), child),
                                       name="kotacerdas-zygote")
        self.process.start()
        child.close()
        self.lock = threading.Lock()
        if not self.control.poll(LOAD_TIMEOUT):
            self.close()
            raise RuntimeError(f"the store did not load {dumps} in {LOAD_TIMEOUT:g} s")
        try:
            status, payload = self.control.recv()
        except EOFError:
            status, payload = "error", f"the process loading {dumps} stopped"
        if status != "ready":
            self.close()
            raise RuntimeError(f"could not load the dumps: {payload}")
        self.graph_names: frozenset[str] = payload

    def fork(self, conn: Connection) -> int:
        """Fork an executor that answers on `conn` (its end of a pipe); its pid."""
        with self.lock:
            self.control.send(("fork", None))
            reduction.send_handle(self.control, conn.fileno(), self.process.pid)
            return self.control.recv()

    def kill(self, pid: int) -> None:
        with self.lock:
            try:
                self.control.send(("kill", pid))
                self.control.recv()
            except (EOFError, OSError):
                pass  # the zygote is gone, and its executors with it

    def close(self) -> None:
        self.control.close()  # the zygote ends at once, and takes its executors with it
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class _Executor:
    def __init__(self, zygote: Zygote) -> None:
        self.zygote = zygote
        self.conn, child = multiprocessing.Pipe()
        try:
            self.pid = zygote.fork(child)
        finally:
            child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout) or self.conn.recv()[0] != "ready":
            self.kill()
            raise RuntimeError("a query executor did not start")

    def kill(self) -> None:
        self.zygote.kill(self.pid)
        self.conn.close()


# How long a query waits for a free executor before it is refused as "busy" (503): a client
# is better told at once to come back than kept waiting for a whole query time limit.
MAX_WAIT = 10.0


class ExecutorPool:
    """A fixed number of executor processes; a query that overruns kills its executor."""

    def __init__(self, zygote: Zygote, size: int) -> None:
        self.zygote = zygote
        self.idle: queue.Queue[_Executor] = queue.Queue()
        self.size = size
        executors = [_Executor(zygote) for _ in range(size)]
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
        """Kill an executor now; fork its successor in the background."""
        executor.kill()

        def start() -> None:
            try:
                replacement = _Executor(self.zygote)
                replacement.wait_ready(60)
            except (RuntimeError, EOFError, OSError):
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


class OxigraphStore:
    """The built dumps in an in-memory Oxigraph store, held by the zygote, queried by the
    executors forked from it (see the module's docstring)."""

    def __init__(self, dumps: Path, workers: int = 2) -> None:
        manifest = read_manifest(dumps)
        self.dataset_version: str = manifest.dataset_version
        self.last_modified = manifest.last_modified
        self._triples = manifest.triples
        self.zygote = Zygote(dumps)
        try:
            self.pool = ExecutorPool(self.zygote, workers)
        except BaseException:
            self.zygote.close()
            raise
        self._closed = False
        atexit.register(self.close)  # before multiprocessing waits for the zygote at exit

    def query(self, request: QueryRequest, timeout: float) -> QueryResult:
        return self.pool.run(request, timeout)

    def query_many(self, requests: Sequence[QueryRequest], timeout: float
                   ) -> list[QueryResult]:
        return self.pool.run(list(requests), timeout) if requests else []

    def graph_names(self) -> frozenset[str]:
        return self.zygote.graph_names

    def triple_count(self) -> int:
        return self._triples

    def workers(self) -> dict[str, int]:
        return {"total": self.pool.size, "busy": self.pool.busy()}

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.pool.close()
        self.zygote.close()
        atexit.unregister(self.close)
