"""The gazetteer: Indonesia, its 34 provinces and 514 kabupaten/kota, and their local governments.

Read from graph/gazetteer/wilayah-kemendagri.csv (see the README beside it for source and
licence). Labels are normalised official names; the published upper-case form is kept as an
alternative label.
"""

import csv
import io
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from kotacerdas.graph.iris import Iris
from kotacerdas.graph.namespaces import KC, RDF, RDFS, SCHEMA, SKOS
from kotacerdas.resources import graph_data

# English names of the provinces (the CSV has only the Indonesian ones).
PROVINCE_EN = {
    "11": "Aceh", "12": "North Sumatra", "13": "West Sumatra", "14": "Riau", "15": "Jambi",
    "16": "South Sumatra", "17": "Bengkulu", "18": "Lampung", "19": "Bangka Belitung Islands",
    "21": "Riau Islands", "31": "Special Capital Region of Jakarta", "32": "West Java",
    "33": "Central Java", "34": "Special Region of Yogyakarta", "35": "East Java",
    "36": "Banten", "51": "Bali", "52": "West Nusa Tenggara", "53": "East Nusa Tenggara",
    "61": "West Kalimantan", "62": "Central Kalimantan", "63": "South Kalimantan",
    "64": "East Kalimantan", "65": "North Kalimantan", "71": "North Sulawesi",
    "72": "Central Sulawesi", "73": "South Sulawesi", "74": "Southeast Sulawesi",
    "75": "Gorontalo", "76": "West Sulawesi", "81": "Maluku", "82": "North Maluku",
    "91": "Papua", "92": "West Papua",
}
ABBREVIATIONS = {"ADM.": "Administrasi", "KEP.": "Kepulauan"}
KEEP_UPPER = {"DKI"}


@dataclass(frozen=True)
class Area:
    code: str
    level: str  # provinsi, kabupaten or kota
    published: str  # as in the CSV: "KAB. LANGKAT"
    parent: str | None

    @property
    def short_name(self) -> str:
        """'KAB. ADM. KEP. SERIBU' -> 'Administrasi Kepulauan Seribu'; 'KOTA MEDAN' -> 'Medan'."""
        words = self.published.split()
        if words[0] in ("KAB.", "KOTA") and self.level != "provinsi":
            words = words[1:]
        return " ".join(
            ABBREVIATIONS.get(w) or (w if w in KEEP_UPPER else w.title()) for w in words
        )

    @property
    def label(self) -> str:
        prefix = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}[self.level]
        return f"{prefix} {self.short_name}"

    @property
    def label_en(self) -> str:
        if self.level == "provinsi":
            return f"{PROVINCE_EN[self.code]} Province"
        name = self.short_name.removeprefix("Administrasi ")
        administrative = "Administrative " if "ADM." in self.published else ""
        return f"{name} {administrative}{'Regency' if self.level == 'kabupaten' else 'City'}"

    @property
    def bare_name(self) -> str:
        """The name without 'Administrasi': what articles usually write ('Langkat')."""
        return self.short_name.removeprefix("Administrasi ")


def read_areas() -> list[Area]:
    text = graph_data("gazetteer", "wilayah-kemendagri.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return [Area(r["code"], r["level"], r["name"], r["parent_code"] or None) for r in rows]


def gazetteer_graph(iris: Iris, graph_iri: URIRef) -> Graph:
    g = Graph(identifier=graph_iri)
    country = iris.country()
    g.add((country, RDF.type, KC.Country))
    g.add((country, RDFS.label, Literal("Indonesia", lang="id")))
    g.add((country, RDFS.label, Literal("Indonesia", lang="en")))
    g.add((country, SKOS.altLabel, Literal("Republik Indonesia", lang="id")))
    for area in read_areas():
        node = iris.region(area.code)
        kind = {"provinsi": KC.Province, "kabupaten": KC.Regency, "kota": KC.City}[area.level]
        g.add((node, RDF.type, kind))
        g.add((node, KC.regionCode, Literal(area.code)))
        g.add((node, RDFS.label, Literal(area.label, lang="id")))
        g.add((node, RDFS.label, Literal(area.label_en, lang="en")))
        g.add((node, SKOS.altLabel, Literal(area.published, lang="id")))
        g.add((node, SKOS.altLabel, Literal(area.bare_name, lang="id")))
        parent = iris.region(area.parent) if area.parent else country
        g.add((node, SCHEMA.containedInPlace, parent))
        if area.level != "provinsi":
            add_local_government(g, iris, area)
    return g


def add_local_government(g: Graph, iris: Iris, area: Area) -> None:
    """Every kabupaten/kota has a government (Pemkab/Pemkot) that sources can name."""
    node = iris.local_government(area.code)
    kabupaten = area.level == "kabupaten"
    g.add((node, RDF.type, KC.LocalGovernment))
    g.add((node, KC.governs, iris.region(area.code)))
    g.add((node, RDFS.label, Literal(f"Pemerintah {area.label}", lang="id")))
    g.add((node, RDFS.label, Literal(f"Government of {area.label_en}", lang="en")))
    short = "Pemkab" if kabupaten else "Pemkot"
    g.add((node, SKOS.altLabel, Literal(f"{short} {area.bare_name}", lang="id")))
