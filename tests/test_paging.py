"""Paged views over the seed data, with small pages so that it has several: every list, the
search results and the validation results state their total, show one page at a time
(?page=N), refuse a page number that names no page (400), and link the whole list; and the
pages of lists, search, the ontology, its schemes and concepts, recurring innovations and
validation take few round trips to the store. Page logic: the app in this process over the
real store (`create_app(store=...)`)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest

from kotacerdas.server import create_app
from kotacerdas.server.store import OxigraphStore
from tests.app_fixtures import AppClient, CountingStore

LIST_PAGE = 5
SEARCH_PAGE = 3
# Two results, so that a page of one has a second page.
REPORT = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
[] a sh:ValidationReport ; sh:conforms false ;
  sh:result [ a sh:ValidationResult ; sh:resultSeverity sh:Violation ;
              sh:focusNode <https://w3id.org/kotacerdas/region/12.05> ;
              sh:resultMessage "first problem"@en ],
            [ a sh:ValidationResult ; sh:resultSeverity sh:Warning ;
              sh:focusNode <https://w3id.org/kotacerdas/region/12.07> ;
              sh:resultMessage "second problem"@en ] .
"""


@pytest.fixture(scope="module")
def server(dumps: Path, store: OxigraphStore,
           tmp_path_factory: pytest.TempPathFactory) -> AppClient:
    copied = tmp_path_factory.mktemp("paging") / "dumps"
    shutil.copytree(dumps, copied, ignore=shutil.ignore_patterns(".store"))
    (copied / "validation-report.ttl").write_text(REPORT, encoding="utf-8")
    return AppClient(create_app({
        "DUMPS": str(copied), "WARM": False, "LIST_PAGE_SIZE": LIST_PAGE,
        "SEARCH_PAGE_SIZE": SEARCH_PAGE, "VALIDATION_PAGE_SIZE": 1}, store=store))


@pytest.fixture(scope="module")
def counted(dumps: Path, store: OxigraphStore) -> tuple[AppClient, CountingStore]:
    counting = CountingStore(store)
    return AppClient(create_app({"DUMPS": str(dumps), "WARM": False, "LIST_PAGE_SIZE": LIST_PAGE},
                                store=counting)), counting


def html(server: AppClient, path: str) -> str:
    reply = server.get(path, Accept="text/html")
    assert reply.status == 200, f"{path}: {reply.status} {reply.text[:300]}"
    return reply.text


def element(page: str, element_id: str) -> str:
    match = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', page, re.S)
    assert match, f"no #{element_id}"
    return unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()


def first_cells(page: str) -> list[str]:
    """The first cell of each row of the list's table, as text."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [unescape(re.sub(r"<[^>]+>|\s+", " ", cell)).split(" quick win")[0].strip()
            for cell in re.findall(r"<tr>\s*<td[^>]*>(.*?)</td>", body, re.S)]


def whole(server: AppClient, kind: str) -> list[str]:
    data = json.loads(server.get(f"/list/{kind}.json?lang=en").body)
    assert data["count"] == len(data["rows"])
    key = data["columns"][0]
    return [row[key].removesuffix(" quick win") for row in data["rows"]]


# ---------------------------------------------------------------- lists

@pytest.mark.parametrize("kind", ["institutions", "innovations", "people", "inferred"])
def test_the_pages_of_a_list_are_the_whole_list_in_order(server: AppClient, kind: str) -> None:
    everything = whole(server, kind)
    assert len(everything) > 2 * LIST_PAGE, "the seed data fills several pages"
    pages = -(-len(everything) // LIST_PAGE)
    shown: list[str] = []
    for n in range(1, pages + 1):
        page = html(server, f"/list/{kind}?lang=en&page={n}")
        assert element(page, "list-count") == str(len(everything))
        last = min(n * LIST_PAGE, len(everything))
        assert element(page, "list-range") == f"showing {(n - 1) * LIST_PAGE + 1}\u2013{last}"
        rows = first_cells(page)
        assert len(rows) == last - (n - 1) * LIST_PAGE
        shown += rows
    assert shown == everything


def test_a_list_page_links_its_neighbours_and_the_whole_list(server: AppClient) -> None:
    first = html(server, "/list/institutions?lang=en")
    second = html(server, "/list/institutions?lang=en&page=2")
    assert first_cells(first) != first_cells(second)
    pager = first.split('id="list-pages"', 1)[1].split("</nav>", 1)[0]
    assert 'rel="next"' in pager
    assert "page=2" in pager
    assert 'rel="prev"' not in pager
    assert 'rel="prev"' in second.split('id="list-pages"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/list/institutions.csv" type="text/csv">CSV</a>' in first
    assert '<a href="/list/institutions.json" type="application/json">JSON</a>' in first
    assert "/sparql?query=" in first


@pytest.mark.parametrize("page", ["0", "-1", "x", "1.5", "99"])
def test_a_page_number_that_names_no_page_is_refused(server: AppClient, page: str) -> None:
    reply = server.get(f"/list/institutions?page={page}", Accept="text/html")
    assert reply.status == 400
    assert "page must be a number from 1 to 8" in unescape(reply.text)


def test_a_list_of_one_page_has_no_pager_and_only_page_1(server: AppClient) -> None:
    page = html(server, "/list/councils?lang=en")
    assert element(page, "list-count") == "1"
    assert 'id="list-pages"' not in page
    assert 'id="list-range"' not in page
    assert server.get("/list/councils?page=2", Accept="text/html").status == 400


def test_downloads_hold_the_whole_list_whatever_the_page(server: AppClient) -> None:
    count = int(element(html(server, "/list/kabupaten-kota?page=3"), "list-count"))
    assert count == 514
    data = json.loads(server.get("/list/kabupaten-kota.json?page=3").body)
    assert data["count"] == len(data["rows"]) == 514
    table = list(csv.reader(io.StringIO(server.get("/list/kabupaten-kota.csv").text)))
    assert len(table) == 1 + 514
    assert [row[0] for row in table[1:]] == [row["code"] for row in data["rows"]]


# ---------------------------------------------------------------- search

def search(server: AppClient, **params: str) -> dict:
    reply = server.get("/search?" + urlencode({"format": "json", **params}))
    assert reply.status == 200, reply.text[:300]
    return json.loads(reply.body)


def test_search_results_are_paged_with_their_total(server: AppClient) -> None:
    first = search(server, q="kabupaten")
    assert first["total"] > 2 * SEARCH_PAGE
    assert first["page"] == 1
    assert first["pages"] == -(-first["total"] // SEARCH_PAGE)
    assert len(first["results"]) == SEARCH_PAGE
    second = search(server, q="kabupaten", page="2")
    assert {r["iri"] for r in first["results"]}.isdisjoint(r["iri"] for r in second["results"])
    last = search(server, q="kabupaten", page=str(first["pages"]))
    assert 1 <= len(last["results"]) <= SEARCH_PAGE
    every = list(csv.DictReader(io.StringIO(server.get(
        "/search?" + urlencode({"q": "kabupaten", "format": "csv"})).text)))
    assert len(every) == first["total"]
    assert [r["iri"] for r in every[:2 * SEARCH_PAGE]] == [
        r["iri"] for r in first["results"] + second["results"]]
    page = html(server, "/search?" + urlencode({"q": "kabupaten", "page": "2"}))
    assert element(page, "search-total") == str(first["total"])
    hits = page.split('id="search-results"', 1)[1].split("</ul>", 1)[0]
    assert hits.count("<li><a href=") == SEARCH_PAGE


def test_search_refuses_a_page_number_that_names_no_page(server: AppClient) -> None:
    reply = server.get("/search?" + urlencode({"q": "kabupaten", "page": "999"}),
                       Accept="application/json")
    assert reply.status == 400
    assert "page must be a number from 1 to" in json.loads(reply.body)["message"]


# ---------------------------------------------------------------- validation

def test_validation_results_are_paged(server: AppClient) -> None:
    first = html(server, "/validation?lang=en")
    second = html(server, "/validation?lang=en&page=2")
    assert element(first, "validation-total") == element(second, "validation-total") == "2"
    assert "first problem" in first
    assert "second problem" not in first
    assert "second problem" in second
    assert "first problem" not in second
    assert 'id="validation-pages"' in first
    assert server.get("/validation?page=3", Accept="text/html").status == 400


# ---------------------------------------------------------------- round trips

@pytest.mark.parametrize(("path", "most"), [
    *((f"/list/{kind}", 2) for kind in ["provinces", "kabupaten-kota", "regions", "dimensions",
                                        "innovations", "institutions", "councils", "events",
                                        "people", "articles", "quotations", "inferred"]),
    ("/list/kabupaten-kota?page=3", 2), ("/list/kabupaten-kota.csv", 2),
    ("/list/inferred.json", 2), ("/search?q=kabupaten&page=2", 0), ("/ontology", 3),
    ("/dimension", 3), ("/category", 3), ("/category/bank-sampah", 3), ("/role/evaluator", 3),
    ("/recurring", 3), ("/validation", 0)])
def test_few_round_trips(counted: tuple[AppClient, CountingStore], path: str,
                         most: int) -> None:
    """Counted on a second visit: what is read once per dataset (the search index, the
    analyses behind /recurring, the dimensions) is read by the first."""
    client, counting = counted
    assert client.get(path, Accept="text/html").status == 200
    counting.calls.clear()
    assert client.get(path, Accept="text/html").status == 200
    assert len(counting.calls) <= most, "\n\n".join(counting.calls)
