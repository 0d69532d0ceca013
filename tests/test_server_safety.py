"""The public endpoint cannot be written to, made to fetch, or worn down."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from kotacerdas.server.safety import MAX_NESTING, RefusedError, inspect, nesting
from kotacerdas.server.store import MAX_WAIT
from tests.server_fixtures import LiveServer, live_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


TIMEOUT = 5  # the strict server's query time limit, in seconds


@pytest.fixture(scope="module")
def server(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # Three workers: tests here kill runaway workers, and a replacement takes a moment to
    # start on a busy machine; two stay free for a runaway and the cheap query beside it.
    options = ("--timeout", str(TIMEOUT), "--max-rows", "5", "--max-query-bytes", "2000",
               "--workers", "3")
    with live_server(dumps, tmp_path_factory.mktemp("strict"), *options) as live:
        yield live


def busy_workers(server: LiveServer) -> int:
    """Query workers running a query (or being replaced), as /health reports them."""
    return json.loads(server.get("/health").body)["workers"]["busy"]


def wait_until(condition: Callable[[], bool], what: str, limit: float = 60) -> None:
    """Poll until `condition` holds: the state a test needs before it goes on."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached in {limit} s: {what}")
        time.sleep(0.05)


class Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared on purpose: every request is recorded

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.end_headers()
        self.wfile.write(b"<http://e/s> <http://e/p> <http://e/o> .")

    do_POST = do_GET  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def bystander() -> Iterator[str]:
    """A local HTTP server that records any request the endpoint might make."""
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/data"
    httpd.shutdown()
    httpd.server_close()


def total(server: LiveServer) -> int:
    reply = server.get("/sparql?" + urlencode({"query": COUNT}),
                       Accept="application/sparql-results+json")
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


# ---------------------------------------------------------------- read-only

@pytest.mark.parametrize("attempt", [
    ("POST", "/sparql", "CLEAR ALL", {"Content-Type": "application/sparql-update"}),
    ("POST", "/sparql", urlencode({"update": "DROP ALL"}),
     {"Content-Type": "application/x-www-form-urlencoded"}),
    ("GET", "/sparql?" + urlencode({"update": "DROP ALL"}), None, {}),
])
def test_updates_are_refused_and_change_nothing(server: LiveServer,
                                               attempt: tuple) -> None:
    before = total(server)
    method, path, body, headers = attempt
    reply = server.request(method, path, body, {**headers, "Accept": "application/json"})
    assert reply.status == 403
    assert "read-only" in json.loads(reply.body)["message"]
    assert total(server) == before


@pytest.mark.parametrize("attempt", [
    ("GET", "/sparql?" + urlencode({"query": "INSERT DATA { <http://e/a> <http://e/b> 1 }"}),
     None, {}),
    ("POST", "/sparql", "DELETE WHERE { ?s ?p ?o }", {"Content-Type": "application/sparql-query"}),
    ("POST", "/sparql", urlencode({"query": "PREFIX e: <http://e/> CLEAR ALL"}),
     {"Content-Type": "application/x-www-form-urlencoded"}),
])
def test_an_update_sent_as_a_query_is_a_malformed_query(server: LiveServer,
                                                        attempt: tuple) -> None:
    # SPARQL 1.1 Protocol 2.1.4: a query string that is not a legal query gets 400.
    before = total(server)
    method, path, body, headers = attempt
    reply = server.request(method, path, body, {**headers, "Accept": "application/json"})
    assert reply.status == 400
    message = json.loads(reply.body)["message"]
    assert "not a query" in message
    assert "read-only" in message
    assert total(server) == before


# ---------------------------------------------------------------- no outgoing requests

@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX x: <{url}> SELECT * WHERE {{ SERVICE x: {{ ?s ?p ?o }} }}",
    "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "LOAD <{url}>",
])
def test_no_query_makes_the_endpoint_fetch(server: LiveServer, bystander: str,
                                           template: str) -> None:
    Recorder.hits.clear()
    reply = server.get("/sparql?" + urlencode({"query": template.format(url=bystander)}),
                       Accept="application/json")
    assert reply.status in (400, 403)
    assert json.loads(reply.body)["message"]
    assert Recorder.hits == []


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_graph_uris_outside_the_dataset_are_not_fetched(server: LiveServer, bystander: str,
                                                        param: str) -> None:
    Recorder.hits.clear()
    reply = server.get("/sparql?" + urlencode({"query": COUNT, param: bystander}))
    assert reply.status == 400
    assert Recorder.hits == []


def test_scanner_ignores_keywords_in_strings_comments_and_iris() -> None:
    text = ('# SERVICE <http://x>\nSELECT ?service WHERE { ?s <http://e/SERVICE> "SERVICE" ; '
            "<http://e/p> 'LOAD' }")
    assert inspect(text).form == "SELECT"
    with pytest.raises(RefusedError):
        inspect("SELECT * WHERE { Service <http://x> {} }")


# ---------------------------------------------------------------- limits

def test_timeout_stops_a_runaway_query_and_others_are_served(server: LiveServer) -> None:
    path = "/sparql?" + urlencode({"query": CARTESIAN})
    wait_until(lambda: busy_workers(server) == 0, "every worker idle")
    with ThreadPoolExecutor(2) as pool:
        runaway = pool.submit(server.get, path, Accept="application/json")
        wait_until(lambda: busy_workers(server) == 1, "the runaway query running")
        cheap = server.get("/sparql?" + urlencode({"query": "ASK { ?s ?p ?o }"}))
        answered_while_running = not runaway.done()
        reply = runaway.result(timeout=60)
    assert cheap.status == 200
    assert answered_while_running  # the cheap query did not wait for the runaway
    assert reply.status == 503
    assert f"longer than {TIMEOUT} s" in json.loads(reply.body)["message"]
    # The worker was replaced: the endpoint keeps answering.
    assert total(server) > 1000
    wait_until(lambda: busy_workers(server) == 0, "the stopped worker replaced")


def test_unbounded_property_path_is_stopped(server: LiveServer) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://e/x>|!<http://e/y>)* ?b . ?c ?d ?e }"
    reply = server.get("/sparql?" + urlencode({"query": query}), Accept="application/json")
    assert reply.status == 503
    assert f"longer than {TIMEOUT} s" in json.loads(reply.body)["message"]


def test_oversized_query_gets_413(server: LiveServer) -> None:
    query = "ASK { " + "?s ?p ?o . " * 300 + "}"
    reply = server.request("POST", "/sparql", query,
                           {"Content-Type": "application/sparql-query", "Accept": "application/json"})
    assert reply.status == 413
    reply = server.get("/sparql?query=" + quote(query))
    assert reply.status == 413


def test_long_flat_expression_is_answered(server: LiveServer) -> None:
    # Deep or long expressions must not hang the parser: a 400 or an answer within the time
    # limit (which would be a 503).
    query = "ASK { FILTER (" + " + ".join(["1"] * 300) + " > 0) }"
    reply = server.get("/sparql?" + urlencode({"query": query}))
    assert reply.status in (200, 400)


def test_row_limit_is_stated(server: LiveServer) -> None:
    reply = server.get("/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 100"}),
                       Accept="application/sparql-results+json")
    body = json.loads(reply.body)
    assert len(body["results"]["bindings"]) == 5
    assert "5 rows" in reply.header("X-Kotacerdas-Truncated")
    assert body["kotacerdas"]["truncated"] is True


def still_open(sock: socket.socket) -> bool:
    """The server has neither answered nor closed this connection."""
    sock.setblocking(False)
    try:
        return sock.recv(1) != b""  # data would be an answer to an unfinished request
    except BlockingIOError:
        return True
    finally:
        sock.setblocking(True)


def test_slow_clients_do_not_block_others(server: LiveServer) -> None:
    # More unfinished requests than the server has threads (8): were a thread held by each,
    # /health would wait until the server dropped them (its channel timeout, 30 s).
    trickles = []
    for _ in range(12):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")
        trickles.append(sock)
    try:
        for _ in range(3):
            for sock in trickles:
                sock.sendall(b"X-Slow: 1\r\n")
            assert server.request("GET", "/health", timeout=10).status == 200
            assert all(still_open(sock) for sock in trickles)  # answered beside them
    finally:
        for sock in trickles:
            sock.close()


# ---------------------------------------------------------------- busy workers

@pytest.fixture(scope="module")
def lone(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One query worker, and a time limit twice as long as a request waits for a worker."""
    with live_server(dumps, tmp_path_factory.mktemp("lone"), "--workers", "1",
                     "--timeout", str(2 * MAX_WAIT)) as live:
        yield live


BUSY_PATHS = [  # a page, documents, lists, a graph, as browsers and RDF clients ask for them
    ("/region/12.05", "text/html"), ("/ontology", "text/turtle"),
    ("/region/12.05.ttl", "*/*"), ("/list/regions", "text/html"),
    ("/list/people.json", "application/json"), ("/graph/gazetteer", "text/html"),
    ("/rdf-graphs?graph=" + quote("https://w3id.org/kotacerdas/graph/reference", safe=""),
     "text/turtle")]


def test_busy_workers_give_503_on_pages_and_documents(lone: LiveServer) -> None:
    runaway_path = "/sparql?" + urlencode({"query": CARTESIAN})
    with ThreadPoolExecutor(len(BUSY_PATHS) + 1) as pool:
        runaway = pool.submit(lone.get, runaway_path, Accept="application/json")
        wait_until(lambda: busy_workers(lone) == 1, "the runaway query holding the worker")
        replies = list(pool.map(lambda asked: lone.get(asked[0], Accept=asked[1]), BUSY_PATHS))
        answered_while_busy = not runaway.done()
        stopped = runaway.result(timeout=120)
    assert answered_while_busy
    for (path, _), reply in zip(BUSY_PATHS, replies, strict=True):
        assert reply.status == 503, (path, reply.status, reply.body[:300])
        assert reply.header("Retry-After") == "5", path
    assert stopped.status == 503  # the runaway itself, at its time limit
    # The worker is replaced and the pages are served again.
    wait_until(lambda: busy_workers(lone) == 0, "the stopped worker replaced")
    for path, accept in BUSY_PATHS:
        assert lone.get(path, Accept=accept).status == 200, path


# ---------------------------------------------------------------- nesting and the query workers

# Every way found to make Oxigraph's recursive parser recurse, as a query nested `n` deep.
P = "<http://e/p>"
NESTING = {
    "parentheses": lambda n: "ASK { FILTER(" + "(" * n + "true" + ")" * n + ") }",
    "not": lambda n: "ASK { FILTER(" + "!" * n + "true) }",
    "not spaced": lambda n: "ASK { FILTER(" + "! " * n + "true) }",
    "not and parentheses": lambda n: "ASK { FILTER(" + "!(" * n + "true" + ")" * n + ") }",
    "unary minus": lambda n: "ASK { FILTER(" + "-(" * n + "1" + ")" * n + ") }",
    "unary plus": lambda n: "ASK { FILTER(" + "+(" * n + "1" + ")" * n + ") }",
    "group patterns": lambda n: "ASK " + "{" * n + "?s ?p ?o" + "}" * n,
    "empty groups": lambda n: "ASK " + "{" * n + "}" * n,
    "optional": lambda n: "ASK { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * n + "}" * n + " }",
    "path parentheses": lambda n: "ASK { ?s " + "(" * n + P + ")" * n + " ?o }",
    "path inverse": lambda n: "ASK { ?s " + "^(" * n + P + ")" * n + " ?o }",
    "path inverse bare": lambda n: "ASK { ?s " + "^" * n + P + " ?o }",
    "path negation": lambda n: "ASK { ?s " + "!(" * n + P + ")" * n + " ?o }",
    "path modifiers": lambda n: "ASK { ?s " + "(" * n + P + ")*" * n + " ?o }",
    "collections": lambda n: "ASK { ?s ?p " + "( " * n + ")" * n + " }",
    "blank node property lists": lambda n: "ASK { ?s ?p " + f"[ {P} " * n + "1" + " ]" * n + " }",
    "construct collections": lambda n: ("CONSTRUCT { ?s ?p " + "( " * n + ")" * n
                                        + " } WHERE { ?s ?p ?o }"),
    "construct blank nodes": lambda n: ("CONSTRUCT { ?s ?p " + f"[ {P} " * n + "1" + " ]" * n
                                        + " } WHERE { ?s ?p ?o }"),
    "subqueries": lambda n: "ASK " + "{ SELECT * WHERE " * n + "{ ?s ?p ?o }" + " }" * n,
    "function calls": lambda n: "ASK { FILTER(" + "STR(" * n + "1" + ")" * n + ") }",
    "variadic calls": lambda n: "ASK { FILTER(" + "COALESCE(" * n + "1" + ")" * n + ") }",
    "exists": lambda n: ("ASK { FILTER(" + "EXISTS { FILTER(" * n + "true" + ") }" * n
                         + ") }"),
    "bind": lambda n: "ASK { BIND(" + "(" * n + "1" + ")" * n + " AS ?x) }",
    "escaped brackets": lambda n: "ASK { FILTER" + "\\u0028" * n + "true" + ")" * n + " }",
}


@pytest.mark.parametrize("vector", sorted(NESTING))
def test_deep_nesting_is_refused_before_parsing(vector: str) -> None:
    with pytest.raises(RefusedError) as refused:
        inspect(NESTING[vector](10_000))
    assert refused.value.status == 400
    assert f"at most {MAX_NESTING}" in refused.value.message
    inspect(NESTING[vector](3))  # ordinary nesting passes


def test_what_the_check_lets_through_parses_without_killing_a_process() -> None:
    """The deepest query of each kind that passes runs in one Oxigraph process, on the usual
    stack: were the limit too high, the process would die (SIGSEGV) here."""
    deepest = {}
    for vector, make in NESTING.items():
        depth = 1
        while True:
            try:
                inspect(make(depth + 1))
            except RefusedError:
                break
            depth += 1
        assert depth >= MAX_NESTING // 2 - 1, vector
        deepest[vector] = make(depth)
    script = ("import json, sys, pyoxigraph as ox\n"
              "store = ox.Store()\n"
              "for name, query in json.load(sys.stdin).items():\n"
              "    try:\n"
              "        result = store.query(query)\n"
              "        list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)\n"
              "    except SyntaxError:\n"
              "        pass\n"
              "    print(name, flush=True)\n")
    run = subprocess.run([sys.executable, "-c", script], input=json.dumps(deepest), text=True,
                         capture_output=True, timeout=120, check=False)
    assert run.returncode == 0, f"died after {run.stdout.split()[-1:]}: {run.stderr}"
    assert len(run.stdout.splitlines()) == len(NESTING)


def test_nesting_counts_brackets_and_prefix_operators() -> None:
    assert nesting("ASK { FILTER(!(!(1))) }") == 6
    # Not nesting: brackets in strings, IRIs and comments; binary operators.
    assert nesting('ASK { ?s <http://e/((((> "((((" # ((((\n'
                   'FILTER(?a * 2 < "x") }') == 2
    # A binary - or +, or the ^^ of a datatype, counts as prefix operators for that one
    # token: harmless.
    assert nesting('ASK { FILTER(?a = "1"^^<http://e/d>) }') == 4


@pytest.fixture(scope="module")
def roomy(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The default limits: room for queries of 100 000 bytes."""
    with live_server(dumps, tmp_path_factory.mktemp("roomy")) as live:
        yield live


@pytest.mark.parametrize("query", [NESTING["parentheses"](10_000), NESTING["not"](10_000),
                                   NESTING["group patterns"](10_000)])
def test_deep_query_gets_400_and_the_worker_lives(roomy: LiveServer, query: str) -> None:
    reply = roomy.request("POST", "/sparql", query, {"Content-Type": "application/sparql-query",
                                                      "Accept": "application/json"})
    assert reply.status == 400
    assert f"at most {MAX_NESTING}" in json.loads(reply.body)["message"]
    assert total(roomy) > 1000
    assert "stopped unexpectedly" not in roomy.log.read_text()


def test_long_chain_is_answered_and_the_worker_lives(roomy: LiveServer) -> None:
    # Not nesting, but a left-deep tree all the same: 3,000 MINUS in a row overflow the
    # engine's stack on the usual 8 MiB; the workers' deep stack carries it.
    query = "SELECT ?x WHERE { BIND(1 AS ?x) " + "MINUS { BIND(2 AS ?x) } " * 3000 + "}"
    reply = roomy.request("POST", "/sparql", query, {"Content-Type": "application/sparql-query",
                                                      "Accept": "application/json"})
    assert reply.status == 200, reply.text
    assert json.loads(reply.body)["results"]["bindings"] == [{"x": {
        "type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    assert total(roomy) > 1000


@pytest.mark.parametrize(("fmt", "rows"), [
    ("xml", lambda body: body.count(b"<result>")),
    ("csv", lambda body: len(body.split(b"\r\n")) - 2),
    ("tsv", lambda body: len(body.split(b"\n")) - 2),
])
def test_row_limit_is_stated_in_every_format(server: LiveServer, fmt: str,
                                             rows: Callable[[bytes], int]) -> None:
    reply = server.get("/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 100",
                                               "format": fmt}))
    assert reply.status == 200
    assert rows(reply.body) == 5
    assert "5 rows" in reply.header("X-Kotacerdas-Truncated")
    small = server.get("/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5",
                                               "format": fmt}))
    assert rows(small.body) == 5
    assert small.header("X-Kotacerdas-Truncated") == ""


def test_select_star_columns_in_the_order_of_the_query(server: LiveServer) -> None:
    query = "SELECT * WHERE { BIND (1 AS ?zebra) BIND (2 AS ?apple) }"
    reply = server.get("/sparql?" + urlencode({"query": query, "format": "csv"}))
    assert reply.body == b"zebra,apple\r\n1,2\r\n"


def test_a_query_whose_form_the_scan_cannot_tell_is_answered_in_its_format(
        server: LiveServer) -> None:
    # `prefix:<...>` reads as a prefixed name to the scan; the engine reads PREFIX.
    query = "prefix:<http://e/> SELECT ?x WHERE { BIND (:a AS ?x) }"
    reply = server.get("/sparql?" + urlencode({"query": query, "format": "tsv"}))
    assert reply.status == 200
    assert reply.body == b"?x\n<http://e/a>\n"
