"""Every page kind is read in at most three round trips to the store (query or query_many),
counted by a wrapper around the real store that the app is given (`create_app(store=...)`).

What is read once per dataset version (the gazetteer's credits, the dimensions, the analyses
behind "similar regions", the names of all innovations) is read by a first visit to every
page; the count is of a second visit, which is what every later visitor costs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from kotacerdas.server import create_app
from kotacerdas.server.store import OxigraphStore
from tests.app_fixtures import AppClient, CountingStore

MAX_ROUND_TRIPS = 3
# One page of each kind, from the seed data.
PAGES = {
    "region": "/region/12.05",
    "province": "/region/12",
    "institution": "/org/kominfo",
    "local government": "/org/12.05/pemda",
    "person": "/person/ngogesa-sitepu",
    "event": "/event/2024/evaluasi-tahap-i/12.05",
    "innovation": "/innovation/12.05/bursa-kerja",
    "innovation (same name)": "/innovation/64.08/e-sptpd",
    "dimension": "/dimension/smart-governance",
    "article": "/article/2024-langkat-evaluasi-tahap-i",
    "generic resource": "/legal/12.16/sk-bupati-66-2024",
    "graph": "/graph/gazetteer",
}
# The ontology, scheme and concept pages (pages/ontology.py) are converted to the read layer
# separately; their URLs join PAGES then: /ontology, /ontology/0.1.0 (its version IRI),
# /dimension, /category/bank-sampah.
# The same resources as data (Turtle) and their documents.
DATA = {"region data": "/region/12.05.ttl", "institution data": "/org/kominfo.ttl",
        "ontology version IRI data": "/ontology/0.1.0.ttl", "graph data": "/graph/gazetteer.ttl"}


@pytest.fixture(scope="module")
def counted(dumps: Path, store: OxigraphStore) -> tuple[AppClient, CountingStore]:
    counting = CountingStore(store)
    app: Flask = create_app({"DUMPS": str(dumps), "WARM": False}, store=counting)
    client = AppClient(app)
    for path in [*PAGES.values(), *DATA.values()]:  # what is read once per dataset
        assert client.get(path, Accept="text/html").status == 200, path
    return client, counting


@pytest.mark.parametrize("path", [*PAGES.values(), *DATA.values()],
                         ids=[*PAGES, *DATA])
def test_a_page_takes_at_most_three_round_trips(counted: tuple[AppClient, CountingStore],
                                                path: str) -> None:
    client, counting = counted
    counting.calls.clear()
    reply = client.get(path, Accept="text/html")
    assert reply.status == 200
    assert len(counting.calls) <= MAX_ROUND_TRIPS, "\n\n".join(counting.calls)
    if not path.endswith(".ttl"):
        assert "<h1" in reply.text


def test_the_counter_counts(counted: tuple[AppClient, CountingStore]) -> None:
    """A round trip the app makes is seen: a query through the endpoint is one."""
    client, counting = counted
    counting.calls.clear()
    client.get("/sparql?query=ASK%7B%7D", Accept="application/sparql-results+json")
    assert len(counting.calls) == 1
