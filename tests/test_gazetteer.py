"""The gazetteer: all provinces and kabupaten/kota, normalised names, one IRI per region."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph, Literal, URIRef

from kotacerdas.graph.gazetteer import read_areas
from kotacerdas.graph.namespaces import KC, RDF, RDFS, SCHEMA, SKOS

BASE = "https://w3id.org/kotacerdas/"


def region(code: str) -> URIRef:
    return URIRef(f"{BASE}region/{code}")


def test_counts(union: Graph) -> None:
    assert len(set(union.subjects(RDF.type, KC.Province))) == 34
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
    assert len(codes) == len(set(codes)) == 548
