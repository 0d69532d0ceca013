"""Search and the 404 page's suggestions, over real HTTP: exact names first and no look-alikes
padding the list, abbreviations, region codes, pasted IRIs and URLs, each hit's type, and the
near misses of a mistyped address."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest

from kotacerdas.server.search import AUXILIARY, KC, padded_code
from kotacerdas.server.state import Hierarchy
from tests.server_fixtures import LiveServer, live_server

BASE = "https://w3id.org/kotacerdas/"
REGIONS = {KC + "Regency", KC + "City", KC + "Province", KC + "RegencyOrCity"}
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def server(dumps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(dumps, tmp_path_factory.mktemp("search")) as live:
        yield live


def search(server: LiveServer, text: str, lang: str = "id", **params: str) -> list[dict]:
    reply = server.get("/search?" + urlencode({"q": text, "format": "json", "lang": lang,
                                               **params}))
    assert reply.status == 200, reply.text[:300]
    return json.loads(reply.body)["results"]


def iris(results: list[dict]) -> list[str]:
    return [r["iri"].removeprefix(BASE) for r in results]


# ---------------------------------------------------------------- exact names rank first

@pytest.mark.parametrize("text", ["Kabupaten Langkat", "kab. langkat", "KAB. LANGKAT",
                                  "Langkat Regency"])
def test_exact_name_first_and_no_other_region(server: LiveServer, text: str) -> None:
    results = search(server, text)
    assert iris(results)[0] == "region/12.05", iris(results)[:5]
    others = [r["iri"] for r in results[1:] if set(r["types"]) & REGIONS]
    assert not others, f"other regions padding the list: {others}"


def test_kemendagri_is_the_ministry_not_kendari(server: LiveServer) -> None:
    results = search(server, "Kemendagri")
    assert iris(results)[0] == "org/kemendagri"
    assert "region/74.71" not in iris(results), "Kota Kendari is a look-alike, not a match"
    assert results[0]["label"] == "Kementerian Dalam Negeri"


@pytest.mark.parametrize(("text", "expected"), [
    # abbreviations the data holds as altLabels of their entity
    ("Kominfo", "org/kominfo"),
    ("Komdigi", "org/komdigi"),
    ("Kemkomdigi", "org/komdigi"),
    ("Kementerian Komunikasi dan Digital", "org/komdigi"),
    ("Bappenas", "org/bappenas"),
    ("PUPR", "org/kementerian-pupr"),
    ("KemenPAN-RB", "org/kemenpan-rb"),
    ("KSP", "org/ksp"),
    ("Kemenparekraf", "org/kemenparekraf"),
    ("Kemenkeu", "org/kemenkeu"),
    ("Kemenko Perekonomian", "org/kemenko-perekonomian"),
    ("Ditjen Aptika", "org/ditjen-aptika"),
    ("Pemkot Binjai", "org/12.75/pemda"),
    # and those it lacks, from the abbreviation table
    ("Kemkominfo", "org/kominfo"),
    ("Kemenkominfo", "org/kominfo"),
    ("KemenPANRB", "org/kemenpan-rb"),
    ("Diskominfo Langkat", "org/12.05/dinas-kominfo"),
    ("Bappeda Langkat", "org/12.05/bappeda"),
    ("Pemkab Kutim", "org/64.08/pemda"),
    ("Kutim", "region/64.08"),
    ("Kukar", "region/64.02"),
    ("Humbahas", "region/12.16"),
])
def test_abbreviations(server: LiveServer, text: str, expected: str) -> None:
    assert iris(search(server, text))[0] == expected, iris(search(server, text))[:5]


def test_setda_is_the_regional_secretariat(server: LiveServer) -> None:
    results = search(server, "Setda Langkat")
    assert results
    assert all("Sekretariat Daerah Kabupaten Langkat" in r["label"] for r in results[:2])


def test_typos_still_find(server: LiveServer) -> None:
    assert iris(search(server, "Langkt"))[0] == "region/12.05"
    assert iris(search(server, "Dèli Sèrdang"))[0] == "region/12.07"


def test_type_filter_covers_subclasses(server: LiveServer) -> None:
    results = search(server, "Langkat", type="RegencyOrCity")
    assert iris(results) == ["region/12.05"]
    events = search(server, "Langkat", type="Event")
    assert events
    assert all(r["iri"].startswith(BASE + "event/") for r in events)


# ---------------------------------------------------------------- codes and IRIs

@pytest.mark.parametrize("text", ["12.05", "12.5", " 12.05 "])
def test_region_code_finds_its_region_first(server: LiveServer, text: str) -> None:
    results = iris(search(server, text))
    assert results[0] == "region/12.05"
    assert "org/12.05/pemda" in results  # then what the code scopes


@pytest.mark.parametrize("text", ["93.01", "93.1"])
def test_a_moved_regions_new_code_finds_it(server: LiveServer, text: str) -> None:
    # Merauke (91.01) is in Papua Selatan since 2022, where its code is 93.01.
    results = iris(search(server, text))
    assert results[0] == "region/91.01"
    assert "org/91.01/pemda" in results


def members_of(select: Callable[[str], list], province: str) -> set[str]:
    rows = select(f"SELECT ?r WHERE {{ ?r a kc:RegencyOrCity ; "
                  f"schema:containedInPlace <{BASE}{province}> }}")
    return {str(row.r).removeprefix(BASE) for row in rows}


@pytest.mark.parametrize("text", ["papua selatan", "Provinsi Papua Selatan", "93"])
def test_a_province_then_its_regions(server: LiveServer, select: Callable[[str], list],
                                     text: str) -> None:
    members = members_of(select, "region/93")
    assert len(members) == 4
    results = iris(search(server, text))
    assert results[0] == "region/93"
    assert set(results[1:1 + len(members)]) == members
    assert results[1:1 + len(members)] == sorted(members)


@pytest.mark.parametrize("text", ["bank sampah", "papua selatan", "langkat", "kominfo",
                                  "12.05", "91.01"])
def test_records_of_facts_are_no_hits(server: LiveServer, text: str) -> None:
    """Inferred statements, province memberships, post holdings, category assignments and
    quotations are parts of other things' records, not what a reader looks for."""
    for hit in search(server, text):
        assert not set(hit["types"]) & AUXILIARY, hit
        assert "#inferred-" not in hit["iri"], hit
        assert "/province/" not in hit["iri"], hit


def test_bank_sampah_finds_the_waste_banks(server: LiveServer) -> None:
    results = search(server, "bank sampah", lang="en")
    assert iris(results)[:3] == ["category/bank-sampah", "innovation/64.08/bank-sampah",
                                 "innovation/12.05/bank-sampah"]


@pytest.mark.parametrize("text", [
    BASE + "region/12.05", f"<{BASE}region/12.05>", "{url}/region/12.05",
    "{url}/region/12.05.ttl?lang=en"])
def test_pasted_iri_or_page_url_finds_its_entity(server: LiveServer, text: str) -> None:
    results = iris(search(server, text.format(url=server.url)))
    assert results[:1] == ["region/12.05"]


def test_pasted_iri_with_a_typo_finds_the_nearest(server: LiveServer) -> None:
    assert iris(search(server, BASE + "org/kominfoo"))[0] == "org/kominfo"


# ---------------------------------------------------------------- each hit's type

def test_each_hit_names_its_most_specific_type(server: LiveServer) -> None:
    (region, *_) = search(server, "12.05", lang="id")
    assert region["type"] == {"iri": KC + "Regency", "label": "Kabupaten"}
    (region, *_) = search(server, "12.05", lang="en")
    assert region["type"] == {"iri": KC + "Regency", "label": "Regency"}
    (event, *_) = search(server, BASE + "event/2024/evaluasi-tahap-i/12.05", lang="en")
    assert event["type"]["iri"] == KC + "Evaluation"


def test_search_page_shows_types(server: LiveServer) -> None:
    reply = server.get("/search?" + urlencode({"q": "Kemendagri", "lang": "en"}), Accept=HTML)
    assert reply.status == 200
    (first, *_) = re.findall(r'<ul id="search-results" class="results">\s*<li>(.*?)</li>',
                             reply.text, re.S)
    assert f'href="{server.url}/org/kemendagri"' in first
    assert '<span class="hit-type">Ministry</span>' in first


def test_most_specific_type_with_superclasses_materialised() -> None:
    hierarchy = Hierarchy({
        KC + "Evaluation": frozenset({KC + "Event", "https://schema.org/Event",
                                     "http://www.w3.org/ns/prov#Activity"}),
        KC + "Event": frozenset({"https://schema.org/Event", "http://www.w3.org/ns/prov#Activity"}),
        # Equivalent classes (a cycle) hide neither.
        "http://e/A": frozenset({"http://e/B"}), "http://e/B": frozenset({"http://e/A"})})
    types = [KC + "Event", "https://schema.org/Event", KC + "Evaluation",
             "http://www.w3.org/ns/prov#Activity"]
    assert hierarchy.most_specific(types) == [KC + "Evaluation"]
    # Unrelated classes are all kept, in their order.
    assert hierarchy.most_specific(["http://www.w3.org/2004/02/skos/core#Concept",
                                    KC + "Role"]) == ["http://www.w3.org/2004/02/skos/core#Concept",
                                                      KC + "Role"]
    assert hierarchy.most_specific(["http://e/A", "http://e/B"]) == ["http://e/A", "http://e/B"]
    assert hierarchy.most_specific([]) == []
    assert hierarchy.subclasses(KC + "Event") == {KC + "Event", KC + "Evaluation"}


def test_the_search_hit_type_is_the_ontologys_own(server: LiveServer) -> None:
    # Regency is below RegencyOrCity, Region, schema:AdministrativeArea, schema:Place.
    (hit,) = [r for r in search(server, "Kabupaten Langkat", lang="en")
              if r["iri"] == BASE + "region/12.05"]
    assert hit["type"]["iri"] == KC + "Regency"
    assert len(hit["types"]) >= 5


@pytest.mark.parametrize(("text", "code"), [("12.5", "12.05"), ("12.05", "12.05"),
                                            ("64.8", "64.08"), ("12", "12"),
                                            ("12.05.1.2001", "12.05.01.2001"),
                                            ("Langkat", None), ("12.", None)])
def test_padded_code(text: str, code: str | None) -> None:
    assert padded_code(text) == code


# ---------------------------------------------------------------- 404 near misses

def suggestions(server: LiveServer, path: str) -> list[str]:
    reply = server.get(path, Accept=HTML)
    assert reply.status == 404
    listed = re.search(r'<ul id="suggestions".*?</ul>', reply.text, re.S)
    assert listed, "no suggestions"
    return [unescape(href).removeprefix(server.url + "/")
            for href in re.findall(r'<li><a href="([^"]+)"', listed.group(0))]


@pytest.mark.parametrize(("path", "expected"), [
    ("/region/12.5", "region/12.05"),
    ("/region/12.055", "region/12.05"),
    ("/org/kominfoo", "org/kominfo"),
    ("/org/12.05/pemdaa", "org/12.05/pemda"),
    ("/innovation/12.05/bursa-kerj", "innovation/12.05/bursa-kerja"),
    ("/region/langkat", "region/12.05"),
    ("/region/93.01", "region/91.01"),  # a moved regency's code in its new province
])
def test_404_suggests_the_near_miss_first(server: LiveServer, path: str, expected: str) -> None:
    assert suggestions(server, path)[0] == expected


def test_404_for_api_clients_stays_json(server: LiveServer) -> None:
    reply = server.get("/region/12.5", Accept="application/json")
    assert reply.status == 404
    assert json.loads(reply.body)["error"] == "not-found"
