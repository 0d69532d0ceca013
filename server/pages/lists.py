"""List pages, /list/<kind>: the entry points of the browser (each item links to its page),
and the counts the home page shows.

`blueprint` has to be registered by create_app (before browse's catch-all):
``app.register_blueprint(pages.lists.blueprint)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Blueprint, Response, render_template, url_for

from kotacerdas.server.i18n import pick, show_date
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
                    text="" if dimension else pick({"id": "belum diketahui", "en": "not known"}),
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
    query = """SELECT ?article ?title ?issued ?dateline ?publisher ?about WHERE {
  ?article a kc:SourceArticle .
  OPTIONAL { ?article dct:title ?title } OPTIONAL { ?article dct:issued ?issued }
  OPTIONAL { ?article schema:dateline ?dateline }
  OPTIONAL { ?article dct:publisher ?publisher } OPTIONAL { ?article schema:about ?about }
}"""
    rows = run(query)
    found: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        a = iri_of(row["article"])
        if not a:
            continue
        entry = found.setdefault(a, {"issued": [], "dateline": [], "publisher": [], "about": []})
        for key in ("issued", "dateline"):
            value = text_of(row.get(key))
            if value and value not in entry[key]:
                entry[key].append(value)
        for key in ("publisher", "about"):
            value = iri_of(row.get(key))
            if value and value not in entry[key]:
                entry[key].append(value)
    refs = names([*found, *(v for e in found.values() for key in ("publisher", "about")
                            for v in e[key])])
    listed = [[Cell(refs=[ref(a, refs)]),
               Cell(text=show_date(e["issued"][0][:10]) if e["issued"] else "",
                    date=e["issued"][0][:10] if e["issued"] else ""),
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
         {"id": "Tempat berita", "en": "Dateline"}, {"id": "Penerbit", "en": "Publisher"},
         {"id": "Tentang", "en": "About"}],
        listed, query)


KINDS: dict[str, Kind] = {
    "provinces": Kind({"id": "Provinsi", "en": "Provinces"}, provinces),
    "regions": Kind({"id": "Kabupaten/kota yang ikut program", "en": "Regions taking part"},
                    regions),
    "dimensions": Kind({"id": "Dimensi", "en": "Dimensions"}, dimensions),
    "innovations": Kind({"id": "Inovasi", "en": "Innovations"}, innovations),
    "institutions": Kind({"id": "Lembaga", "en": "Institutions"}, institutions),
    "councils": Kind({"id": "Dewan Smart City", "en": "Smart-city councils"}, councils),
    "events": Kind({"id": "Kegiatan", "en": "Events"}, events),
    "articles": Kind({"id": "Artikel sumber", "en": "Source articles"}, articles),
}


@blueprint.route("/list/<kind>")
def list_page(kind: str) -> Response:
    if kind not in KINDS:
        return error_response(404, "No such list; the lists are: " + ", ".join(KINDS) + ".",
                              "not-found")
    listing = KINDS[kind].make()
    response = Response(render_template(
        "list.html", title=pick(listing.title), listing=listing, kind=kind, kinds=KINDS,
        query_url=url_for("sparql.endpoint", query=_with_prefixes(listing.query))
        if listing.query else ""),
        content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept, Cookie"
    return response


def _with_prefixes(query: str) -> str:
    return PREFIXES + query


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
