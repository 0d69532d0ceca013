"""Everything a new user meets works: the server started exactly as `make run` starts it, from
the checkout, on ./dumps, and every link a person can follow from its pages.

`make run` (the real target: it builds ./dumps if they are out of date, prints the summary
and serves, with relative default options) runs with KOTACERDAS_PORT set, and a breadth-first
crawl follows every link (a href, link href, script and img src, GET forms with their default
values) from the home page, /dumps/, /sparql and one page of each kind, up to MAX_REQUESTS.
No answer may be a server error, no followed link may be broken (4xx), and every link that
says what type it leads to (the dumps, the data twins of pages) must lead to that type.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest

from tests.conftest import REPO
from tests.server_fixtures import LiveServer, free_port, wait_until_serving

MAX_REQUESTS = 3000
# Pages of one shape (the same first path segment, as many segments, the same parameters) whose
# links are followed: every link on them is checked, but 514 region pages link to much the
# same pages as 25 do.
PARSED_PER_SHAPE = 10
CONCURRENT = 4  # requests in flight, as a browser loading a page has
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
DUMP_TYPES = {".nq": "application/n-quads", ".trig": "application/trig",
              ".nt": "application/n-triples", ".ttl": "text/turtle",
              ".jsonld": "application/ld+json", ".json": "application/json"}
# One resource of each kind of page, found through the endpoint (the first by IRI).
KINDS = {
    "region": "kc:Regency", "city": "kc:City", "province": "kc:Province",
    "innovation": "kc:Innovation", "quick win": "kc:QuickWin", "dimension": "kc:Dimension",
    "dimension element": "kc:DimensionElement", "ministry": "kc:Ministry",
    "company": "kc:Company", "local agency": "kc:LocalAgency", "person": "kc:Person",
    "post": "kc:Post", "evaluation": "kc:Evaluation", "meeting": "kc:CouncilMeeting",
    "signing": "kc:MoUSigning", "venue": "kc:Venue", "award": "kc:Award",
    "cohort": "kc:Cohort", "masterplan": "kc:Masterplan", "programme": "kc:Programme",
    "participation": "kc:Participation", "decree": "kc:RegentDecree",
    "article": "kc:SourceArticle", "quotation": "kc:Quotation", "scheme": "skos:ConceptScheme",
    "role": "kc:Role", "stage": "kc:EvaluationStage", "category": "kc:InnovationCategory",
    "council": "kc:SmartCityCouncil",
}
PREFIXES = ("PREFIX kc: <https://w3id.org/kotacerdas/ontology#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")


@pytest.fixture(scope="module")
def make_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`make run` in the checkout, as the README says, on a port of its own."""
    assert (REPO / ".venv" / ".installed").is_file(), "make run serves from .venv: run `make`"
    port = free_port()
    log = tmp_path_factory.mktemp("make-run") / "make-run.log"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("KOTACERDAS_")}  # the defaults, as a new user has them
    with log.open("w") as stream:
        process = subprocess.Popen(["make", "run"], cwd=REPO, stdout=stream,
                                   stderr=subprocess.STDOUT, text=True,
                                   env={**env, "KOTACERDAS_PORT": str(port),
                                        "PYTHONUNBUFFERED": "1"},
                                   start_new_session=True)  # make, its shell and the server
    server = LiveServer(f"http://127.0.0.1:{port}", port, process, log)  # type: ignore[arg-type]
    try:
        wait_until_serving(server, timeout=600)  # a build first, if ./dumps are out of date
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@dataclass
class Link:
    url: str  # path and query, on the server
    source: str  # the page it was found on
    media_type: str | None = None  # what the link says it leads to (a type attribute)


class Links(HTMLParser):
    """The links of a page a person (or the browser for them) can follow: (href, type)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str | None]] = []
        self.form: GetForm | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag in ("a", "link") and "href" in a:
            self.found.append((a["href"], a.get("type") or None))
        elif tag in ("script", "img") and "src" in a:
            self.found.append((a["src"], None))
        elif tag == "form" and a.get("method", "get").lower() == "get":
            self.form = GetForm(a.get("action", ""))
        elif self.form is not None:
            self.form.start(tag, a)

    def handle_data(self, data: str) -> None:
        if self.form is not None and self.form.textarea is not None:
            self.form.textarea[1] += data

    def handle_endtag(self, tag: str) -> None:
        if self.form is None:
            return
        if tag == "form":
            self.found.append((self.form.url(), None))
            self.form = None
        else:
            self.form.end(tag)


@dataclass
class GetForm:
    """A GET form, submitted with the values it shows when the page opens."""

    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    select: list[str] | None = None  # [name, value] of the open <select>
    select_chosen: bool = False  # whether an option of it was taken
    textarea: list[str] | None = None  # [name, text] of the open <textarea>

    def start(self, tag: str, a: dict[str, str]) -> None:
        kind = a.get("type", "text").lower()
        if tag == "input" and a.get("name") and kind not in ("submit", "button", "image",
                                                             "reset", "file"):
            if kind not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value", "on")
                                    if kind == "checkbox" else a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self.select, self.select_chosen = [a["name"], ""], False
        elif tag == "option" and self.select is not None:
            if not self.select_chosen or "selected" in a:  # the first, unless one is selected
                self.select[1] = a.get("value", "")
                self.select_chosen = True
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def end(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            self.fields.append((self.select[0], self.select[1]))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea[0], self.textarea[1]))
            self.textarea = None

    def url(self) -> str:
        return self.action.split("?")[0] + "?" + urlencode(self.fields)


def fetch(server: LiveServer, url: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        connection.request("GET", url, headers={"Accept": BROWSER})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def samples(server: LiveServer) -> list[str]:
    """A page of each kind: these, the lists and the special pages start the crawl."""
    base = json.loads((REPO / "dumps" / "manifest.json").read_text())["base"]  # make run's
    found = []
    for kind, cls in KINDS.items():
        query = PREFIXES + f"SELECT (MIN(STR(?x)) AS ?x) WHERE {{ ?x a {cls} }}"
        reply = server.request("GET", "/sparql?" + urlencode({"query": query}),
                               headers={"Accept": "application/sparql-results+json"})
        bindings = json.loads(reply.body)["results"]["bindings"]
        assert "x" in bindings[0], f"no {kind} ({cls}) in the graph"
        found.append("/" + bindings[0]["x"]["value"].removeprefix(base).split("#")[0])
    return found


def test_every_link_works_when_started_as_the_readme_says(make_run: LiveServer) -> None:
    server = make_run
    origin = urlsplit(server.url).netloc
    seeds = ["/", "/dumps/", "/sparql", "/ontology", "/validation", "/recurring",
             "/search?q=kab.+langkt", "/rdf-graphs?default", "/list/regions",
             *samples(server)]
    seeds = list(dict.fromkeys(seeds))
    queue = deque(Link(url, "(start)") for url in seeds)
    seen = set(seeds)
    problems: list[str] = []
    requests = 0
    parsed: Counter[tuple[str, int, tuple[str, ...]]] = Counter()
    with ThreadPoolExecutor(CONCURRENT) as pool:
        while queue and requests < MAX_REQUESTS:
            batch = [queue.popleft() for _ in range(min(CONCURRENT, len(queue),
                                                        MAX_REQUESTS - requests))]
            requests += len(batch)
            for link, (status, content_type, body) in zip(
                    batch, pool.map(lambda link: fetch(server, link.url), batch), strict=True):
                for url, declared in check(link, status, content_type, body, parsed, problems):
                    target = urlsplit(urljoin(server.url + link.url, url))
                    if target.scheme not in ("http", "https") or target.netloc != origin:
                        continue  # other sites are not crawled: nothing is fetched from them
                    found = target.path + (f"?{target.query}" if target.query else "")
                    if found not in seen:
                        seen.add(found)
                        queue.append(Link(found, link.url, declared))
    assert not problems, f"{len(problems)} of {requests} requests failed:\n" + "\n".join(
        problems[:200])
    assert requests == min(MAX_REQUESTS, len(seen)) > len(seeds)
    assert {"", "dumps", "sparql", "region", "ontology", "graph", "rdf-graphs"} <= {
        segment for segment, _, _ in parsed}


def _shape(url: str) -> tuple[str, int, tuple[str, ...]]:
    parts = urlsplit(url)
    segments = parts.path.split("/")
    keys = tuple(sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair}))
    return segments[1], len(segments), keys


def check(link: Link, status: int, content_type: str, body: bytes,
          parsed: Counter[tuple[str, int, tuple[str, ...]]],
          problems: list[str]) -> list[tuple[str, str | None]]:
    """Record what is wrong with one answer; return the links to follow from it."""
    media_type = content_type.split(";")[0].strip()
    if status >= 400:
        problems.append(f"{status} {link.url} (linked from {link.source})")
        return []
    expected = link.media_type
    suffix = Path(urlsplit(link.url).path).suffix
    if link.url.startswith("/dumps/") and suffix:
        expected = DUMP_TYPES.get(suffix, expected)
    if expected and media_type != expected:
        problems.append(f"{link.url} is {media_type}, its link says {expected} "
                        f"(linked from {link.source})")
    shape = _shape(link.url)
    if media_type != "text/html" or parsed[shape] >= PARSED_PER_SHAPE:
        return []
    parsed[shape] += 1
    parser = Links()
    parser.feed(body.decode("utf-8"))
    return parser.found
