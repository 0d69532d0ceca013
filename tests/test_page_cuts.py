"""Sections that can list thousands are cut: the first ones, the total, and a link to all of
them (a query at /sparql, or the resource's data), so that a page stays small at scale."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from kotacerdas.server.read import SECTION_LIMIT, SHOWN_QUOTES
from tests.app_fixtures import AppClient, app_client

BASE = "https://w3id.org/kotacerdas/"
KC = "https://w3id.org/kotacerdas/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
EVENTS, PEOPLE, QUOTES, LINKS = SECTION_LIMIT + 20, SECTION_LIMIT + 30, SHOWN_QUOTES + 3, 150


def crowd() -> list[str]:
    """Made-up statements: many events of Kominfo, many participants of one event, many
    quotations of Kominfo, many links to one decree."""
    kominfo, opening = f"<{BASE}org/kominfo>", f"<{BASE}event/2018/opening>"
    article = f"{BASE}article/test-crowd"
    triples = []
    for i in range(EVENTS):
        event = f"<{BASE}event/test/e{i:03}>"
        triples += [f'{event} <{LABEL}> "Kegiatan uji {i}"@id .',
                    f"{event} <{KC}participant> {kominfo} ."]
    for i in range(PEOPLE):
        person = f"<{BASE}person/test-{i:03}>"
        triples += [f'{person} <{LABEL}> "Orang uji {i}"@id .',
                    f"{opening} <{KC}participant> {person} ."]
    for i in range(QUOTES):
        quote = f"<{article}#quote-{i:03}>"
        triples += [f'{quote} <{KC}text> "Kalimat uji nomor {i}."@id .',
                    f"{quote} <http://www.w3.org/ns/prov#wasQuotedFrom> <{article}> .",
                    f"{kominfo} <{KC}evidence> {quote} ."]
    for i in range(LINKS):
        triples.append(f"<{BASE}thing/test-{i:03}> <http://www.w3.org/2000/01/rdf-schema#seeAlso>"
                       f" <{BASE}legal/12.16/sk-bupati-66-2024> .")
    return triples


@pytest.fixture(scope="module")
def crowded(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppClient]:
    out = tmp_path_factory.mktemp("crowded-dumps")
    for file in dumps.iterdir():
        if file.is_file():
            shutil.copy(file, out / file.name)
    triples = crowd()
    with (out / "kotacerdas.nq").open("a", encoding="utf-8") as nq:
        nq.writelines(t.removesuffix(" .") + f" <{BASE}graph/test-crowd> .\n" for t in triples)
    with (out / "kotacerdas.nt").open("a", encoding="utf-8") as nt:
        nt.writelines(t + "\n" for t in triples)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["dataset_version"] += "-crowded"  # a store of its own
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with app_client(out) as client:
        yield client


def page(client: AppClient, path: str) -> str:
    reply = client.get(path + "?lang=en", Accept="text/html")
    assert reply.status == 200
    return reply.text


def more_link(html: str, at_least: int) -> tuple[int, int, str]:
    """(shown, total, the query behind the link) of the first "Showing N of TOTAL" note
    whose total is at least `at_least`."""
    for shown, total, href in re.findall(r'Showing (\d+) of (\d+)\. <a href="([^"]+)"', html):
        if int(total) >= at_least:
            return int(shown), int(total), parse_qs(urlsplit(unescape(href)).query)["query"][0]
    raise AssertionError(f"no note of at least {at_least}")


def test_an_institutions_events_are_cut_with_a_query_for_all(crowded: AppClient) -> None:
    html = page(crowded, "/org/kominfo")
    shown, total, query = more_link(html, EVENTS)
    assert shown == SECTION_LIMIT
    events = html.split('id="events-heading"', 1)[1].split("</section>", 1)[0]
    assert events.count("<tr>") - 1 == SECTION_LIMIT  # one header row
    answer = crowded.get("/sparql?query=" + quote(query),
                         Accept="application/sparql-results+json")
    assert answer.status == 200
    assert len(json.loads(answer.body)["results"]["bindings"]) == total


def test_an_events_participants_are_cut(crowded: AppClient) -> None:
    html = page(crowded, "/event/2018/opening")
    shown, _, query = more_link(html, PEOPLE)
    assert shown == SECTION_LIMIT
    people = html.split('id="people-heading"', 1)[1].split("</section>", 1)[0]
    assert len(set(re.findall(r'href="[^"]*/person/test-(\d+)"', people))) <= SECTION_LIMIT
    assert "SELECT ?agent WHERE" in query


def test_quotations_are_cut_with_a_query_for_all(crowded: AppClient) -> None:
    html = page(crowded, "/org/kominfo")
    summary = html.split('id="summary-heading"', 1)[1].split("</section>", 1)[0]
    assert summary.count("<blockquote") == SHOWN_QUOTES
    total = re.search(r"All (\d+) quotations, as a SPARQL query", summary)
    assert total
    assert int(total.group(1)) >= QUOTES


def test_incoming_links_are_cut_with_the_total(crowded: AppClient) -> None:
    html = page(crowded, "/legal/12.16/sk-bupati-66-2024")
    shown, total, query = more_link(html, LINKS)
    assert shown == 100
    assert total >= LINKS
    assert "SELECT ?subject ?property WHERE" in query
