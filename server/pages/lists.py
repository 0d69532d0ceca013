"""List pages, /list/<kind>: the entry points of the browser (each item links to its page),
and the counts the home page shows.

`blueprint` has to be registered by create_app (before browse's catch-all):
``app.register_blueprint(pages.lists.blueprint)``.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, render_template, request, url_for

from kotacerdas.server.i18n import current_language, pick, show_date, t
from kotacerdas.server.links import fallback_label as property_label
from kotacerdas.server.pages.agents import EVENT_ROLES
from kotacerdas.server.pages.agents_lib import choose_literal, iri_of, text_of
from kotacerdas.server.pages.regions import innovation_items
from kotacerdas.server.pages.regions_lib import (
    KC,
    PREFIXES,
    Inference,
    Ref,
    dimension_rank,
    inference,
    inferences_for,
    names,
    ref,
    run,
)
from kotacerdas.server.state import most_specific, state
from kotacerdas.server.terms import IRI, Literal
from kotacerdas.server.web import error_response

blueprint = Blueprint("lists", __name__)
Texts = dict[str, str]

INSTITUTION_TYPES = ["Ministry", "NationalAgency", "GovernmentUnit", "LocalGovernment",
                     "LocalAgency", "SmartCityCouncil", "Company", "MediaOrganization",
                     "Association"]
EVENT_TYPES = ["Event", "Evaluation", "MasterplanEvaluation", "Assessment", "MoUSigning",
               "ProgrammeOpening", "CouncilMeeting"]


@dataclass
class Cell:
    """One table cell: links, or text, with an optional badge (an inferred value's reason)."""

    refs: list[Ref] = field(default_factory=list)
    text: str = ""
    lang: str = ""
    number: bool = False
    date: str = ""
    inferred: Inference | None = None
    badge: str = ""
    badge_class: str = ""


@dataclass
class Listing:
    title: Texts
    intro: Texts
    columns: list[Texts]
    rows: list[list[Cell]]
    query: str = ""  # the main SPARQL query, for "query this list yourself"


@dataclass
class Kind:
    title: Texts
    make: Callable[[], Listing]


def _class_values(names_: list[str]) -> str:
    return " ".join(f"kc:{n}" for n in names_)


def _count(value: object) -> int:
    return int(value.value) if isinstance(value, Literal) and value.value.isdigit() else 0


# ------------------------------------------------------------------------------ the kinds

def provinces() -> Listing:
    query = f"""SELECT ?p ?code (COUNT(DISTINCT ?r) AS ?members) (COUNT(DISTINCT ?part) AS ?taking)
WHERE {{
  ?p a kc:Province .
  OPTIONAL {{ ?p kc:regionCode ?code }}
  OPTIONAL {{ VALUES ?type {{ {_class_values(["Regency", "City"])} }}
             ?r schema:containedInPlace ?p ; a ?type .
             OPTIONAL {{ ?part a kc:Participation ; kc:region ?r }} }}
}} GROUP BY ?p ?code ORDER BY ?code"""
    rows = run(query)
    refs = names(iri_of(row["p"]) for row in rows)
    return Listing(
        {"id": "Provinsi", "en": "Provinces"},
        {"id": "Semua provinsi dalam gazeter, dengan jumlah kabupaten/kota dan jumlah yang ikut "
               "Gerakan Menuju Kota Cerdas menurut sumber.",
         "en": "Every province in the gazetteer, with its number of kabupaten/kota and how many "
               "of them the sources show taking part in the programme."},
        [{"id": "Kode", "en": "Code"}, {"id": "Provinsi", "en": "Province"},
         {"id": "Kabupaten/kota", "en": "Kabupaten/kota"},
         {"id": "Ikut program", "en": "Taking part"}],
        [[Cell(text=text_of(row.get("code")) or ""), Cell(refs=[ref(p, refs)]),
          Cell(text=str(_count(row.get("members"))), number=True),
          Cell(text=str(_count(row.get("taking"))), number=True)]
         for row in rows if (p := iri_of(row["p"]))],
        query)


def regions() -> Listing:
    query = """SELECT ?part ?region ?province ?cohort ?cohortYear ?masterplanYear WHERE {
  ?part a kc:Participation ; kc:region ?region .
  OPTIONAL { ?region schema:containedInPlace ?province }
  OPTIONAL { ?part kc:cohort ?cohort . OPTIONAL { ?cohort kc:year ?cohortYear } }
  OPTIONAL { ?masterplan a kc:Masterplan ; kc:region ?region .
             OPTIONAL { ?masterplan kc:year ?masterplanYear } }
}"""
    rows = run(query)
    parts = {p for row in rows if (p := iri_of(row["part"]))}
    refs = names(v for row in rows for key in ("region", "province", "cohort")
                 if (v := iri_of(row.get(key))))
    inferred = inferences_for(parts)
    seen: set[str] = set()
    listed = []
    for row in rows:
        part, region = iri_of(row["part"]), iri_of(row["region"])
        if not part or not region or part in seen:
            continue
        seen.add(part)
        province, cohort = iri_of(row.get("province")), iri_of(row.get("cohort"))
        listed.append([
            Cell(refs=[ref(region, refs)]),
            Cell(refs=[ref(province, refs)] if province else []),
            Cell(refs=[ref(cohort, refs)] if cohort else [],
                 inferred=inference(inferred, part, KC + "cohort",
                                    IRI(cohort) if cohort else None) if cohort else None),
            Cell(text=text_of(row.get("masterplanYear")) or "")])
    listed.sort(key=lambda cells: cells[0].refs[0].label)
    return Listing(
        {"id": "Kabupaten/kota yang ikut program", "en": "Regions taking part"},
        {"id": "Kabupaten/kota yang menurut sumber ikut Gerakan Menuju Kota Cerdas, dengan "
               "angkatan dan tahun masterplan-nya.",
         "en": "The kabupaten/kota the sources show taking part in the programme, with their "
               "cohort and masterplan year."},
        [{"id": "Kabupaten/kota", "en": "Kabupaten/kota"}, {"id": "Provinsi", "en": "Province"},
         {"id": "Angkatan", "en": "Cohort"}, {"id": "Masterplan", "en": "Masterplan"}],
        listed, query)


def dimensions() -> Listing:
    query = """SELECT ?dimension (COUNT(DISTINCT ?innovation) AS ?innovations)
       (COUNT(DISTINCT ?region) AS ?regions) WHERE {
  ?dimension a kc:Dimension .
  OPTIONAL { VALUES ?type { kc:Innovation kc:QuickWin }
             ?innovation a ?type ; kc:dimension ?dimension .
             OPTIONAL { ?innovation kc:region ?region } }
} GROUP BY ?dimension"""
    rows = sorted(run(query), key=lambda row: dimension_rank(iri_of(row["dimension"])))
    refs = names(iri_of(row["dimension"]) for row in rows)
    definitions: dict[str, list[Literal]] = defaultdict(list)
    for row in run("SELECT ?d ?definition WHERE { ?d a kc:Dimension ; skos:definition "
                   "?definition }"):
        d = iri_of(row["d"])
        if d and isinstance(row["definition"], Literal):
            definitions[d].append(row["definition"])
    listed = []
    for row in rows:
        d = iri_of(row["dimension"])
        if not d:
            continue
        definition = choose_literal(definitions.get(d, []))
        listed.append([Cell(refs=[ref(d, refs)]),
                       Cell(text=definition.value if definition else "",
                            lang=(definition.lang or "") if definition else ""),
                       Cell(text=str(_count(row.get("innovations"))), number=True),
                       Cell(text=str(_count(row.get("regions"))), number=True)])
    return Listing(
        {"id": "Dimensi", "en": "Dimensions"},
        {"id": "Enam dimensi kota cerdas, dengan jumlah inovasi dan wilayahnya.",
         "en": "The six smart-city dimensions, with how many innovations and regions each has."},
        [{"id": "Dimensi", "en": "Dimension"}, {"id": "Definisi", "en": "Definition"},
         {"id": "Inovasi", "en": "Innovations"}, {"id": "Wilayah", "en": "Regions"}],
        listed, query)


def innovations() -> Listing:
    items = innovation_items("")
    refs = names(d for _, d in items if d)
    quick = pick({"id": "quick win", "en": "quick win"})
    listed = [[Cell(refs=[item.ref], badge=quick if item.quick_win else "",
                    badge_class="quick-win"),
               Cell(refs=[item.region] if item.region else []),
               Cell(refs=[ref(dimension, refs)] if dimension else [],
                    text="" if dimension else t("not_known"),
                    inferred=item.dimension_inferred),
               Cell(text=item.year or "")]
              for item, dimension in items]
    return Listing(
        {"id": "Inovasi", "en": "Innovations"},
        {"id": "Semua inovasi dan program percepatan (quick win) per wilayah, dengan dimensi dan "
               "tahunnya.",
         "en": "Every innovation and quick win by region, with its dimension and year."},
        [{"id": "Inovasi", "en": "Innovation"}, {"id": "Wilayah", "en": "Region"},
         {"id": "Dimensi", "en": "Dimension"}, {"id": "Tahun", "en": "Year"}],
        listed,
        """SELECT ?innovation ?region ?dimension ?year WHERE {
  VALUES ?type { kc:Innovation kc:QuickWin }
  ?innovation a ?type .
  OPTIONAL { ?innovation kc:region ?region } OPTIONAL { ?innovation kc:dimension ?dimension }
  OPTIONAL { ?innovation kc:year ?year }
} ORDER BY ?region ?year""")


def institutions() -> Listing:
    query = f"""SELECT ?institution ?type ?parent WHERE {{
  VALUES ?type {{ {_class_values(INSTITUTION_TYPES)} }}
  ?institution a ?type .
  FILTER (?type != kc:LocalGovernment || EXISTS {{ ?institution kc:evidence ?quote }})
  OPTIONAL {{ ?institution org:subOrganizationOf|kc:councilOf ?parent }}
}}"""
    rows = run(query)
    found: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        x = iri_of(row["institution"])
        if not x:
            continue
        entry = found.setdefault(x, {"types": [], "parents": []})
        for key, value in (("types", iri_of(row["type"])), ("parents", iri_of(row.get("parent")))):
            if value and value not in entry[key]:
                entry[key].append(value)
    for entry in found.values():
        entry["types"] = most_specific(entry["types"])
    refs = names([*found, *(v for e in found.values() for vs in e.values() for v in vs)])
    listed = [[Cell(refs=[ref(x, refs)]),
               Cell(text=", ".join(ref(t, refs).label for t in e["types"])),
               Cell(refs=[ref(p, refs) for p in e["parents"]])]
              for x, e in found.items()]
    order = {KC + t: n for n, t in enumerate(INSTITUTION_TYPES)}
    listed.sort(key=lambda cells: (min((order.get(t, 99) for t in found[cells[0].refs[0].iri]
                                        ["types"]), default=99), cells[0].refs[0].label))
    return Listing(
        {"id": "Lembaga", "en": "Institutions"},
        {"id": "Kementerian, badan dan unitnya, pemerintah daerah dan perangkatnya, dewan smart "
               "city, perusahaan, media dan asosiasi. Pemerintah daerah dicantumkan bila disebut "
               "sumber; setiap kabupaten/kota punya satu (lihat halaman wilayahnya).",
         "en": "Ministries, national agencies and their units, local governments and their "
               "agencies, smart-city councils, companies, media and associations. Local "
               "governments are listed when a source mentions them; every kabupaten/kota has "
               "one (see its region page)."},
        [{"id": "Lembaga", "en": "Institution"}, {"id": "Jenis", "en": "Kind"},
         {"id": "Bagian dari", "en": "Part of"}],
        listed, query)


def councils() -> Listing:
    query = """SELECT ?council ?region ?decree ?year WHERE {
  ?council a kc:SmartCityCouncil .
  OPTIONAL { ?council kc:councilOf/kc:governs ?region }
  OPTIONAL { { ?council kc:establishedBy ?decree } UNION { ?decree kc:establishes ?council }
             OPTIONAL { ?decree kc:year ?year } }
}"""
    rows = run(query)
    refs = names(v for row in rows for key in ("council", "region", "decree")
                 if (v := iri_of(row.get(key))))
    found: dict[str, list[Cell]] = {}
    for row in rows:
        c = iri_of(row["council"])
        if not c:
            continue
        region, decree = iri_of(row.get("region")), iri_of(row.get("decree"))
        cells = found.setdefault(c, [Cell(refs=[ref(c, refs)]), Cell(), Cell(), Cell()])
        if region and ref(region, refs) not in cells[1].refs:
            cells[1].refs.append(ref(region, refs))
        if decree and ref(decree, refs) not in cells[2].refs:
            cells[2].refs.append(ref(decree, refs))
            cells[3].text = cells[3].text or text_of(row.get("year")) or ""
    return Listing(
        {"id": "Dewan Smart City", "en": "Smart-city councils"},
        {"id": "Dewan Smart City kabupaten/kota dan keputusan yang membentuknya.",
         "en": "The smart-city councils of kabupaten/kota and the decrees that set them up."},
        [{"id": "Dewan", "en": "Council"}, {"id": "Wilayah", "en": "Region"},
         {"id": "Dibentuk dengan", "en": "Established by"}, {"id": "Tahun", "en": "Year"}],
        sorted(found.values(), key=lambda cells: cells[0].refs[0].label), query)


def events() -> Listing:
    query = f"""SELECT ?event ?type ?start ?end ?venue ?parent WHERE {{
  VALUES ?type {{ {_class_values(EVENT_TYPES)} }}
  ?event a ?type .
  OPTIONAL {{ ?event schema:superEvent ?parent .
             OPTIONAL {{ ?parent schema:startDate ?parentStart }}
             OPTIONAL {{ ?parent schema:endDate ?parentEnd }} }}
  OPTIONAL {{ ?event schema:startDate ?ownStart }}
  OPTIONAL {{ ?event schema:endDate ?ownEnd }}
  BIND (COALESCE(?ownStart, ?parentStart) AS ?start)
  BIND (COALESCE(?ownEnd, ?parentEnd) AS ?end)
  OPTIONAL {{ ?event schema:location|schema:superEvent/schema:location ?venue }}
}} ORDER BY ?start"""
    rows = run(query)
    found: dict[str, dict[str, list[str] | str | None]] = {}
    for row in rows:
        e = iri_of(row["event"])
        if not e:
            continue
        entry = found.setdefault(e, {"types": [], "start": text_of(row.get("start")),
                                     "end": text_of(row.get("end")),
                                     "venue": iri_of(row.get("venue")),
                                     "parent": iri_of(row.get("parent"))})
        kind = iri_of(row["type"])
        types = entry["types"]
        assert isinstance(types, list)
        if kind and kind not in types and kind != KC + "Event":
            types.append(kind)
    for entry in found.values():
        if isinstance(entry["types"], list):
            entry["types"] = most_specific(entry["types"])
    linked = [*found]
    for entry in found.values():
        linked += [v for key in ("venue", "parent") if isinstance(v := entry[key], str)]
        linked += entry["types"] if isinstance(entry["types"], list) else []
    refs = names(linked)
    listed = []
    for e, entry in sorted(found.items(), key=lambda kv: (str(kv[1]["start"] or "9999"), kv[0])):
        start, end = str(entry["start"] or ""), str(entry["end"] or "")
        when = show_date(start) + (f" \u2013 {show_date(end)}" if end and end != start else "")
        venue, parent = entry["venue"], entry["parent"]
        types = entry["types"] if isinstance(entry["types"], list) else []
        listed.append([Cell(text=when, date=start), Cell(refs=[ref(e, refs)]),
                       Cell(text=", ".join(ref(t, refs).label for t in types)),
                       Cell(refs=[ref(venue, refs)] if isinstance(venue, str) else []),
                       Cell(refs=[ref(parent, refs)] if isinstance(parent, str) else [])])
    return Listing(
        {"id": "Kegiatan", "en": "Events"},
        {"id": "Kegiatan program menurut tanggal; sesi bagian dari kegiatan besar memakai "
               "tanggal kegiatan induknya bila tidak punya tanggal sendiri.",
         "en": "The programme's events by date; a session that is part of a larger event takes "
               "that event's dates when it has none of its own."},
        [{"id": "Tanggal", "en": "Date"}, {"id": "Kegiatan", "en": "Event"},
         {"id": "Jenis", "en": "Kind"}, {"id": "Tempat", "en": "Venue"},
         {"id": "Bagian dari", "en": "Part of"}],
        listed, query)


def articles() -> Listing:
    query = """SELECT ?article ?title ?issued ?url ?dateline ?publisher ?about WHERE {
  ?article a kc:SourceArticle .
  OPTIONAL { ?article dct:title ?title } OPTIONAL { ?article dct:issued ?issued }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:dateline ?dateline }
  OPTIONAL { ?article dct:publisher ?publisher } OPTIONAL { ?article schema:about ?about }
}"""
    rows = run(query)
    found: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        a = iri_of(row["article"])
        if not a:
            continue
        entry = found.setdefault(a, {"issued": [], "dateline": [], "publisher": [], "about": [],
                                     "url": []})
        for key in ("issued", "dateline"):
            value = text_of(row.get(key))
            if value and value not in entry[key]:
                entry[key].append(value)
        for key in ("publisher", "about", "url"):
            value = iri_of(row.get(key))
            if value and value not in entry[key]:
                entry[key].append(value)
    refs = names([*found, *(v for e in found.values() for key in ("publisher", "about")
                            for v in e[key])])
    listed = [[Cell(refs=[ref(a, refs)]),
               Cell(text=show_date(e["issued"][0][:10]) if e["issued"] else t("not_known"),
                    date=e["issued"][0][:10] if e["issued"] else ""),
               Cell(refs=[Ref(u, u) for u in e["url"]], text="" if e["url"] else t("not_known")),
               Cell(text=", ".join(e["dateline"])),
               Cell(refs=[ref(p, refs) for p in e["publisher"]]),
               Cell(refs=[ref(r, refs) for r in e["about"]])]
              for a, e in found.items()]
    listed.sort(key=lambda cells: cells[0].refs[0].iri)  # article slugs start with the year
    return Listing(
        {"id": "Artikel sumber", "en": "Source articles"},
        {"id": "Berita yang menjadi sumber graf; setiap fakta menautkan kalimat yang "
               "menyatakannya di artikel ini.",
         "en": "The news articles the graph is built from; every fact links to the sentence "
               "in them that states it."},
        [{"id": "Judul", "en": "Title"}, {"id": "Tanggal", "en": "Date"},
         {"id": "Alamat (URL)", "en": "URL"},
         {"id": "Tempat berita", "en": "Dateline"}, {"id": "Penerbit", "en": "Publisher"},
         {"id": "Tentang", "en": "About"}],
        listed, query)


def kabupaten_kota() -> Listing:
    query = """SELECT ?r ?type ?code ?province (COUNT(DISTINCT ?part) AS ?taking) WHERE {
  VALUES ?type { kc:Regency kc:City }
  ?r a ?type .
  OPTIONAL { ?r kc:regionCode ?code }
  OPTIONAL { ?r schema:containedInPlace ?province . ?province a kc:Province }
  OPTIONAL { ?part a kc:Participation ; kc:region ?r }
} GROUP BY ?r ?type ?code ?province ORDER BY ?code"""
    rows = run(query)
    refs = names(v for row in rows for key in ("r", "province") if (v := iri_of(row.get(key))))
    kinds = {KC + "Regency": {"id": "Kabupaten", "en": "Regency"},
             KC + "City": {"id": "Kota", "en": "City"}}
    taking = pick({"id": "ikut program", "en": "taking part"})
    listed, seen = [], set()
    for row in rows:
        r, province = iri_of(row["r"]), iri_of(row.get("province"))
        if not r or r in seen:
            continue
        seen.add(r)
        listed.append([Cell(text=text_of(row.get("code")) or ""), Cell(refs=[ref(r, refs)]),
                       Cell(text=pick(kinds.get(iri_of(row["type"]) or "", {"id": ""}))),
                       Cell(refs=[ref(province, refs)] if province else []),
                       Cell(badge=taking if _count(row.get("taking")) else "",
                            badge_class="taking-part")])
    return Listing(
        {"id": "Kabupaten/kota (gazeter)", "en": "Kabupaten/kota (gazetteer)"},
        {"id": "Semua 514 kabupaten dan kota dalam gazeter Kemendagri, dengan provinsinya; yang "
               "menurut sumber ikut Gerakan Menuju Kota Cerdas ditandai.",
         "en": "All 514 regencies and cities of the Kemendagri gazetteer, with their province; "
               "those the sources show taking part in the programme are marked."},
        [{"id": "Kode", "en": "Code"}, {"id": "Kabupaten/kota", "en": "Kabupaten/kota"},
         {"id": "Jenis", "en": "Kind"}, {"id": "Provinsi", "en": "Province"},
         {"id": "Ikut program", "en": "Taking part"}],
        listed, query)


def people() -> Listing:
    roles = " ".join(f"<{p}>" for p in EVENT_ROLES)
    query = f"""SELECT ?person ?post ?event WHERE {{
  ?person a kc:Person .
  OPTIONAL {{ ?holding org:member ?person ; kc:post ?post }}
  OPTIONAL {{ ?event ?role ?person . VALUES ?role {{ {roles} }} }}
}}"""
    rows = run(query)
    found: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        person = iri_of(row["person"])
        if not person:
            continue
        entry = found.setdefault(person, {"posts": [], "events": []})
        for key, name in (("posts", "post"), ("events", "event")):
            value = iri_of(row.get(name))
            if value and value not in entry[key]:
                entry[key].append(value)
    refs = names([*found, *(p for e in found.values() for p in e["posts"])])
    listed = [[Cell(refs=[ref(person, refs)]),
               Cell(refs=sorted((ref(p, refs) for p in entry["posts"]), key=lambda r: r.label)),
               Cell(text=str(len(entry["events"])), number=True)]
              for person, entry in found.items()]
    listed.sort(key=lambda cells: cells[0].refs[0].label.casefold())
    return Listing(
        {"id": "Tokoh", "en": "People"},
        {"id": "Orang yang disebut sumber: jabatan yang mereka pangku dan jumlah kegiatan yang "
               "mereka ikuti.",
         "en": "The people the sources name: the posts they held and how many events they took "
               "part in."},
        [{"id": "Nama", "en": "Name"}, {"id": "Jabatan", "en": "Posts"},
         {"id": "Kegiatan", "en": "Events"}],
        listed, query)


def quotations() -> Listing:
    query = """SELECT ?quote ?text ?article (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?quote a kc:Quotation ; kc:text ?text ; prov:wasQuotedFrom ?article .
  OPTIONAL { ?fact kc:evidence ?quote }
} GROUP BY ?quote ?text ?article ORDER BY ?article ?quote"""
    rows = run(query, max_rows=200_000)
    refs = names(iri_of(row["article"]) for row in rows)
    listed, seen = [], set()
    for row in rows:
        quote, article, text = iri_of(row["quote"]), iri_of(row["article"]), row["text"]
        if not quote or not article or not isinstance(text, Literal) or quote in seen:
            continue
        seen.add(quote)
        listed.append([Cell(refs=[Ref(quote, text.value, text.lang or "")]),
                       Cell(refs=[ref(article, refs)]),
                       Cell(text=str(_count(row.get("facts"))), number=True)])
    return Listing(
        {"id": "Kalimat yang dikutip", "en": "Quoted sentences"},
        {"id": "Setiap kalimat yang dikutip dari artikel sumber, dengan jumlah fakta yang "
               "bersandar padanya; tautannya membuka kalimat itu di halaman artikelnya.",
         "en": "Every sentence quoted from the source articles, with how many facts rest on it; "
               "its link opens the sentence on its article's page."},
        [{"id": "Kalimat", "en": "Sentence"}, {"id": "Artikel", "en": "Article"},
         {"id": "Fakta", "en": "Facts"}],
        listed, query)


def inferred_facts() -> Listing:
    query = """SELECT ?statement ?subject ?predicate ?object ?reason ?article WHERE {
  ?statement a kc:InferredStatement ; rdf:subject ?subject ; rdf:predicate ?predicate .
  OPTIONAL { ?statement rdf:object ?object }
  OPTIONAL { ?statement kc:reason ?reason }
  OPTIONAL { ?statement kc:evidence/prov:wasQuotedFrom ?article }
}"""
    rows = run(query, max_rows=200_000)
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        statement = iri_of(row["statement"])
        if not statement:
            continue
        entry = found.setdefault(statement, {
            "subject": iri_of(row["subject"]), "predicate": iri_of(row["predicate"]),
            "object": row.get("object"), "reasons": [], "articles": []})
        reason, article = row.get("reason"), iri_of(row.get("article"))
        if isinstance(reason, Literal) and reason not in entry["reasons"]:
            entry["reasons"].append(reason)
        if article and article not in entry["articles"]:
            entry["articles"].append(article)
    refs = names([*found, *(e["subject"] for e in found.values()),
                  *(e["object"].value for e in found.values() if isinstance(e["object"], IRI)),
                  *(a for e in found.values() for a in e["articles"])])
    listed = []
    for statement, e in found.items():
        value = e["object"]
        reason = choose_literal(e["reasons"])
        listed.append([
            Cell(refs=[ref(statement, refs)]),
            Cell(refs=[ref(e["subject"], refs)] if e["subject"] else []),
            Cell(text=property_label(e["predicate"]) if e["predicate"] else ""),
            Cell(refs=[ref(value.value, refs)] if isinstance(value, IRI) else [],
                 text=value.value if isinstance(value, Literal) else ""),
            Cell(text=reason.value if reason else "", lang=(reason.lang or "") if reason else ""),
            Cell(refs=[ref(a, refs) for a in e["articles"]])])
    listed.sort(key=lambda cells: (cells[1].refs[0].label.casefold() if cells[1].refs else "",
                                   cells[2].text, cells[0].refs[0].iri))
    return Listing(
        {"id": "Fakta yang disimpulkan", "en": "Inferred facts"},
        {"id": "Fakta yang tidak dinyatakan langsung oleh sumber tetapi disimpulkan darinya, "
               "dengan alasannya; tautan pertama membuka pernyataan itu di halaman artikelnya.",
         "en": "Facts the sources imply but do not state, with the reason for each; the first "
               "link opens the statement on its article's page."},
        [{"id": "Pernyataan", "en": "Statement"},
         {"id": "Tentang", "en": "About"}, {"id": "Properti", "en": "Property"},
         {"id": "Nilai", "en": "Value"}, {"id": "Alasan", "en": "Reason"},
         {"id": "Artikel", "en": "Article"}],
        listed, query)


KINDS: dict[str, Kind] = {
    "provinces": Kind({"id": "Provinsi", "en": "Provinces"}, provinces),
    "kabupaten-kota": Kind({"id": "Kabupaten/kota (gazeter)", "en": "Kabupaten/kota (gazetteer)"},
                           kabupaten_kota),
    "regions": Kind({"id": "Kabupaten/kota yang ikut program", "en": "Regions taking part"},
                    regions),
    "dimensions": Kind({"id": "Dimensi", "en": "Dimensions"}, dimensions),
    "innovations": Kind({"id": "Inovasi", "en": "Innovations"}, innovations),
    "institutions": Kind({"id": "Lembaga", "en": "Institutions"}, institutions),
    "councils": Kind({"id": "Dewan Smart City", "en": "Smart-city councils"}, councils),
    "events": Kind({"id": "Kegiatan", "en": "Events"}, events),
    "people": Kind({"id": "Tokoh", "en": "People"}, people),
    "articles": Kind({"id": "Artikel sumber", "en": "Source articles"}, articles),
    "quotations": Kind({"id": "Kalimat yang dikutip", "en": "Quoted sentences"}, quotations),
    "inferred": Kind({"id": "Fakta yang disimpulkan", "en": "Inferred facts"}, inferred_facts),
}


DOWNLOADS = {"csv": "text/csv", "json": "application/json"}


@blueprint.route("/list/<kind>")
def list_page(kind: str) -> Response:
    """The list as a page, or as CSV or JSON (`/list/regions.csv`, `?format=csv`, or Accept),
    with the same rows, named in the interface language."""
    kind, dot, suffix = kind.partition(".")
    if kind not in KINDS:
        return error_response(404, "No such list; the lists are: " + ", ".join(KINDS) + ".",
                              "not-found")
    wanted = suffix if dot else request.args.get("format", "").strip().lower()
    if wanted and wanted not in (*DOWNLOADS, "html"):
        return error_response(400 if not dot else 404,
                              f"No {wanted!r} form of this list; ask for html, csv or json.",
                              "bad-request" if not dot else "not-found")
    if not wanted:
        best = request.accept_mimetypes.best_match(["text/html", *DOWNLOADS.values()],
                                                   "text/html")
        wanted = next((f for f, mt in DOWNLOADS.items() if mt == best), "html")
    listing = KINDS[kind].make()
    if wanted in DOWNLOADS:
        response = _download(kind, listing, wanted)
    else:
        response = Response(render_template(
            "list.html", title=pick(listing.title), listing=listing, kind=kind, kinds=KINDS,
            query_url=url_for("sparql.endpoint", query=_with_prefixes(listing.query))
            if listing.query else ""),
            content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept, Cookie"
    return response


def _with_prefixes(query: str) -> str:
    return PREFIXES + query


def _key(texts: Texts) -> str:
    """A column's name in the downloads: its English title, lower-case, with underscores."""
    return re.sub(r"[^a-z0-9]+", "_", texts["en"].casefold()).strip("_")


def table(listing: Listing) -> tuple[list[str], list[list[str]]]:
    """The list as plain columns: each column's text as the page shows it, then, for columns
    of links, their IRIs, and for columns with inferred values, why they were inferred."""
    header: list[str] = []
    parts: list[tuple[int, str]] = []
    for index, column in enumerate(listing.columns):
        key = _key(column)
        header.append(key)
        parts.append((index, "text"))
        if any(row[index].refs for row in listing.rows):
            header.append(key + "_iri")
            parts.append((index, "iri"))
        if any(row[index].inferred for row in listing.rows):
            header.append(key + "_inferred_because")
            parts.append((index, "inferred"))
    return header, [[_part(row[index], part) for index, part in parts] for row in listing.rows]


def _part(cell: Cell, part: str) -> str:
    if part == "iri":
        return " ".join(r.iri for r in cell.refs)
    if part == "inferred":
        return cell.inferred.reason if cell.inferred else ""
    shown = ", ".join([*([cell.text] if cell.text else []), *(r.label for r in cell.refs)])
    return " ".join(v for v in (shown, cell.badge) if v)


def _download(kind: str, listing: Listing, wanted: str) -> Response:
    header, rows = table(listing)
    if wanted == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
        writer.writerow(header)
        writer.writerows(rows)
        response = Response(out.getvalue(), content_type="text/csv; charset=utf-8; header=present")
    else:
        response = Response(json.dumps({
            "list": kind, "title": pick(listing.title), "language": current_language(),
            "columns": header, "count": len(rows),
            "rows": [dict(zip(header, row, strict=True)) for row in rows]},
            ensure_ascii=False, indent=1), content_type="application/json")
    response.headers["Content-Disposition"] = f'inline; filename="kotacerdas-{kind}.{wanted}"'
    return response


# ------------------------------------------------------------------------------ home counts

COUNTED: dict[str, list[str]] = {
    "provinces": ["Province"],
    "kabkota": ["Regency", "City"],
    "regions": ["Participation"],
    "dimensions": ["Dimension"],
    "innovations": ["Innovation", "QuickWin"],
    "institutions": INSTITUTION_TYPES,
    "councils": ["SmartCityCouncil"],
    "events": EVENT_TYPES,
    "people": ["Person"],
    "articles": ["SourceArticle"],
    "quotations": ["Quotation"],
    "inferred": ["InferredStatement"],
}


def dataset_counts() -> dict[str, int]:
    """Entities of the main classes, in one query (local governments only when a source
    mentions them, as on the institutions list)."""
    pairs = " ".join(f'("{group}" kc:{name})' for group, classes in COUNTED.items()
                     for name in classes)
    rows = run(f"""SELECT ?group (COUNT(DISTINCT ?x) AS ?n) WHERE {{
          VALUES (?group ?class) {{ {pairs} }}
          ?x a ?class .
          FILTER (?class != kc:LocalGovernment || EXISTS {{ ?x kc:evidence ?quote }})
        }} GROUP BY ?group""")
    counts = dict.fromkeys(COUNTED, 0)
    for row in rows:
        group = text_of(row["group"])
        if group in counts:
            counts[group] = _count(row["n"])
    return counts


@dataclass
class Coverage:
    """How much of the programme the graph covers: what the home page says first."""

    articles: int
    regions_with_facts: int
    kabupaten_kota: int
    first_year: str | None
    last_year: str | None


def coverage() -> Coverage:
    """Source articles; kabupaten/kota the articles state facts about (their own, their
    government's, or an article is about them); the years of the dated facts and articles."""
    return _coverage(state().store.dataset_version)


@functools.lru_cache(maxsize=2)
def _coverage(dataset_version: str) -> Coverage:
    """Computed once per dataset (it reads every dated fact)."""
    regions = run("""SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {
          VALUES ?type { kc:Regency kc:City } ?r a ?type .
          { ?x kc:region ?r ; kc:evidence ?q } UNION { ?g kc:governs ?r ; kc:evidence ?q }
          UNION { ?a a kc:SourceArticle ; schema:about ?r } }""")
    years = run("""SELECT (MIN(?year) AS ?first) (MAX(?year) AS ?last) WHERE {
          { ?x kc:evidence ?q ; schema:startDate|kc:year|kc:signedOn|kc:attestedOn ?d }
          UNION { ?a a kc:SourceArticle ; dct:issued ?d }
          BIND (SUBSTR(STR(?d), 1, 4) AS ?year) }""")
    counts = dataset_counts()
    return Coverage(counts["articles"], _count(regions[0].get("n")) if regions else 0,
                    counts["kabkota"], text_of(years[0].get("first")) if years else None,
                    text_of(years[0].get("last")) if years else None)
