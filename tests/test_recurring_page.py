"""The recurring-innovations page, and the similar regions and kinds shown on other pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.server_fixtures import LiveServer, live_server


@pytest.fixture(scope="module")
def server(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(dumps, tmp_path_factory.mktemp("recurring")) as live:
        yield live


def ranking(html: str) -> list[str]:
    table = html.split('id="recurrence-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td><a href="[^"]*/category/([a-z0-9-]+)">', table)


def test_ranking_heatmap_and_network(server: LiveServer) -> None:
    page = server.get("/recurring", Accept="text/html")
    assert page.status == 200
    order = ranking(page.text)
    assert order[:2] == ["bank-sampah", "destinasi-wisata"]
    assert 'class="heatmap"' in page.text
    assert "Kabupaten Langkat" in page.text
    assert "<svg" in page.text
    assert page.text.count("<circle") >= 10
    assert f"http://127.0.0.1:{server.port}/region/12.05" in page.text


def test_filters(server: LiveServer) -> None:
    environment = server.get("/recurring?" + urlencode({"dimension": "smart-environment"}),
                             Accept="text/html")
    assert "destinasi-wisata" not in ranking(environment.text)
    assert ranking(environment.text)[0] == "bank-sampah"
    early = server.get("/recurring?year=2018", Accept="text/html")
    assert "e-sptpd" not in ranking(early.text)
    province = server.get("/recurring?" + urlencode(
        {"province": "https://w3id.org/kotacerdas/region/64"}), Accept="text/html")
    assert "bursa-kerja" not in ranking(province.text)
    assert "e-sptpd" in ranking(province.text)


def test_region_page_shows_similar_regions(server: LiveServer) -> None:
    page = server.get("/region/12.05", Accept="text/html").text
    section = page.split('id="similar-regions"', 1)[1].split("</section>", 1)[0]
    assert "/region/12.07" in section
    assert "Bank sampah" in section


def test_innovation_page_shows_the_same_category_elsewhere(server: LiveServer) -> None:
    page = server.get("/innovation/64.08/bank-sampah", Accept="text/html").text
    assert "/innovation/12.05/bank-sampah" in page
    assert "/innovation/12.07/jumpa-madu" in page


def test_category_page(server: LiveServer) -> None:
    page = server.get("/category/bank-sampah", Accept="text/html")
    assert page.status == 200
    assert "Bank sampah" in page.text
    assert "Waste bank" in server.get("/category/bank-sampah?lang=en", Accept="text/html").text
