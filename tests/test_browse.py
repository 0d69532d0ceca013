"""Every IRI a page and a document: negotiation, twins, 404s, search, escaping, headers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from rdflib import Graph, URIRef

from tests.app_fixtures import AppClient, app_client
from tests.conftest import REPO, run_cli
from tests.server_fixtures import LiveServer, live_server

BASE = "https://w3id.org/kotacerdas/"
POST = "post/12.05/pemda/bupati"


@pytest.fixture(scope="module")
def server(client: AppClient) -> AppClient:
    """The app in this process (page logic needs no server process)."""
    return client


@pytest.fixture(scope="module")
def live(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real server: a JSON-LD parser fetches the published @context from it over HTTP."""
    with live_server(dumps, tmp_path_factory.mktemp("browse")) as running:
        yield running


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_rdf_by_accept(live: LiveServer, accept: str, rdflib_format: str) -> None:
    server = live
    reply = server.get("/" + POST, Accept=accept)
    assert reply.status == 200
    assert reply.header("Content-Type").startswith(accept)
    assert "Accept" in reply.header("Vary")
    graph = Graph().parse(data=reply.body, format=rdflib_format)
    subject = URIRef(BASE + POST)
    assert (subject, URIRef("http://www.w3.org/ns/org#postIn"), URIRef(BASE + "org/12.05/pemda")) in graph
    # Incoming links and the labels of what it links to come along.
    assert (URIRef(BASE + "person/ngogesa-sitepu"), None, subject) in graph
    assert (URIRef(BASE + "org/12.05/pemda"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            None) in graph


@pytest.mark.parametrize(("suffix", "content_type"), [
    ("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples"),
    ("rdf", "application/rdf+xml"), ("html", "text/html")])
def test_twins_by_suffix(server: AppClient, suffix: str, content_type: str) -> None:
    reply = server.get(f"/{POST}.{suffix}", Accept="text/html")
    assert reply.status == 200
    assert reply.header("Content-Type").startswith(content_type)


def test_html_page_advertises_its_twins(server: AppClient) -> None:
    reply = server.get("/" + POST, Accept="text/html")
    assert reply.status == 200
    assert reply.header("Content-Location") == f"/{POST}.html"
    links = reply.header("Link")
    for suffix in ("ttl", "jsonld", "nt", "rdf"):
        assert f"</{POST}.{suffix}>; rel=\"alternate\"" in links
        assert 'rel="alternate" type="' in reply.text
    assert "Bupati Langkat" in reply.text


def test_format_parameter(server: AppClient) -> None:
    reply = server.get(f"/{POST}?format=nt", Accept="text/html")
    assert reply.header("Content-Type").startswith("application/n-triples")


def test_links_point_at_this_host(server: AppClient) -> None:
    page = server.get("/" + POST, Accept="text/html").text
    assert f'href="http://127.0.0.1:{server.port}/org/12.05/pemda"' in page
    assert 'href="https://w3id.org/kotacerdas/org/12.05/pemda"' not in page


def test_unknown_iri_gets_404_with_suggestions(server: AppClient) -> None:
    page = server.get("/region/langkat", Accept="text/html")
    assert page.status == 404
    assert page.header("Content-Type").startswith("text/html")
    assert "/region/12.05" in page.text
    api = server.get("/region/langkat", Accept="application/json")
    assert api.status == 404
    assert json.loads(api.body)["error"] == "not-found"


@pytest.mark.parametrize("path", ["/" + "x" * 600, "/region/%3Cscript%3E", "/%00", "/region/12.05%20x",
                                  "/..%2F..%2Fetc%2Fpasswd", "/static/..%2F..%2Fpyproject.toml"])
def test_odd_urls_get_4xx(server: AppClient, path: str) -> None:
    reply = server.get(path, Accept="text/html")
    assert 400 <= reply.status < 500
    assert "Traceback" not in reply.text


def test_very_long_url(server: AppClient) -> None:
    reply = server.get("/region/" + "9" * 20_000)
    assert 400 <= reply.status < 500


def test_security_headers(server: AppClient) -> None:
    reply = server.get("/" + POST, Accept="text/html")
    assert "default-src 'self'" in reply.header("Content-Security-Policy")
    assert "frame-ancestors 'none'" in reply.header("Content-Security-Policy")
    assert reply.header("X-Content-Type-Options") == "nosniff"


# ---------------------------------------------------------------- search

@pytest.mark.parametrize(("text", "expected"), [
    ("Kabupaten Langkat", "region/12.05"),
    ("kab. langkat", "region/12.05"),
    ("Langkt", "region/12.05"),
    ("Dèli Sèrdang", "region/12.07"),
    ("Kutim", "region/64.08"),
    ("Humbahas", "region/12.16"),
    ("Pemkab Kutim", "org/64.08/pemda"),
    ("bank sampah", "innovation/"),
])
def test_search_tolerates_how_people_write(server: AppClient, text: str, expected: str) -> None:
    reply = server.get("/search?" + urlencode({"q": text, "format": "json"}))
    results = [r["iri"] for r in json.loads(reply.body)["results"]]
    assert any(expected in iri for iri in results[:3]), results[:5]


def test_search_filter_by_type(server: AppClient) -> None:
    reply = server.get("/search?" + urlencode({"q": "Langkat", "type": "Innovation"}),
                       Accept="application/json")
    results = json.loads(reply.body)["results"]
    assert results
    assert all("/innovation/" in r["iri"] for r in results)


def test_search_page(server: AppClient) -> None:
    page = server.get("/search?q=Langkat", Accept="text/html")
    assert page.status == 200
    assert "/region/12.05" in page.text


# ---------------------------------------------------------------- escaping

@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppClient]:
    """A graph whose labels carry markup, served as usual."""
    tmp = tmp_path_factory.mktemp("hostile")
    sources = tmp / "sources"
    shutil.copytree(REPO / "graph" / "sources", sources)
    path = sources / "2024-langkat-evaluasi-tahap-i.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    label: Bursa Kerja\n",
                        "    label: \"Bursa <script>alert('x')</script> & \\\"Kerja\\\"\"\n", 1)
    path.write_text(text, encoding="utf-8")
    result = run_cli("build", "--sources", str(sources), "--out", str(tmp / "dumps"))
    assert result.returncode == 0, result.stderr
    with app_client(tmp / "dumps") as live:
        yield live


def test_markup_in_labels_is_escaped(hostile: AppClient) -> None:
    for path in ("/innovation/12.05/bursa-kerja", "/region/12.05", "/search?q=Bursa"):
        page = hostile.get(path, Accept="text/html")
        assert page.status == 200, path
        assert "<script>alert" not in page.text, path
        assert "&lt;script&gt;" in page.text, path
