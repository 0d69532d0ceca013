"""List pages, /list/<kind>: the entry points of the browser (each item links to its page),
and the counts the home page shows.

A list can hold tens of thousands of things at a million triples, so a page shows one slice
of it (?page=N, LIST_PAGE_SIZE items), states the total and links to the whole list as CSV or
JSON and as a SPARQL query. Ordering and paging happen in the store: each kind says which
things it lists (`members`, counted), how they sort (`keys`, aggregates over `sorting`, in
the interface language) and what a page shows of them (`details`, queries over `$page`).
A page takes two round trips: the total and the page's things (ORDER BY, LIMIT and OFFSET),
then their details, the labels of what the page links to and the inferences behind its
values (the things' IRIs, as the store returned them, in VALUES blocks). No value of the
request enters a query: the page number becomes LIMIT/OFFSET integers, the interface
language chooses between fixed texts.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from string import Template

from flask import Blueprint, Response, current_app, render_template, request, url_for

from kotacerdas.server.i18n import LANGUAGES, current_language, other_language, pick, show_date, t
from kotacerdas.server.links import fallback_label
from kotacerdas.server.pages.agents import EVENT_ROLES
from kotacerdas.server.pages.common import dimensions
from kotacerdas.server.read import (
    KC,
    LABEL_ORDER,
    PREFIXES,
    Inference,
    Knowledge,
    Query,
    Ref,
    choose_literal,
    iri_of,
    iri_ok,
    text_of,
    values_blocks,
)
from kotacerdas.server.state import most_specific, reader, state
from kotacerdas.server.terms import IRI, Literal, Term
from kotacerdas.server.web import PageNumberError, error_response, page_number

blueprint = Blueprint("lists", __name__)
Texts = dict[str, str]
Row = dict[str, Term]

PAGE_SIZE = 50  # items a page shows, unless the app's LIST_PAGE_SIZE says otherwise
DOWNLOAD_ROWS = 5_000_000
# The organisation and event classes in the order lists rank them (tests/test_ontology.py
# checks they are the ontology's).
INSTITUTION_TYPES = ["Ministry", "NationalAgency", "GovernmentUnit", "LocalGovernment",
                     "LocalAgency", "SmartCityCouncil", "Company", "MediaOrganization",
                     "Association"]
EVENT_TYPES = ["Event", "Evaluation", "MasterplanEvaluation", "Assessment", "MoUSigning",
               "ProgrammeOpening", "CouncilMeeting"]
_LABEL_SET = ", ".join(f"<{p}>" for p in LABEL_ORDER)


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
    query: str = ""  # the whole list's SPARQL query, for "query this list yourself"
    total: int = 0  # items in the whole list (rows holds one page of them, or all)


@dataclass
class Page:
    """What the store answered for one page (or the whole list) of a kind."""

    order: list[Row]  # the page's things (identity and sort keys ?k0 ...), in order
    details: list[dict[str, list[Row]]]  # per query of `Kind.details`: rows by thing (?x)
    refs: dict[str, Ref]  # labels of the things shown
    known: Knowledge  # the inferences about the things

    def ref(self, iri: str) -> Ref:
        return self.refs.get(iri) or self.known.ref(iri)

    def each(self, query: int = 0) -> list[tuple[str, list[Row]]]:
        """The page's things in order, each with its rows of one details query."""
        things = dict.fromkeys(x for row in self.order if (x := iri_of(row.get("x"))))
        return [(x, rows) for x in things if (rows := self.details[query].get(x))]

    def inferred(self, subject: str, predicate: str, value: Term | None = None
                 ) -> Inference | None:
        return self.known.inferred(subject, predicate, value)


@dataclass(frozen=True)
class Kind:
    """How one list is read. `members` binds `identity` (?x, the thing) once per listed
    thing; `sorting` adds what the sort keys (`keys`: aggregates, in the interface language)
    need; each of `details` is a query with `$page` (a VALUES block of the page's things);
    `linked` are the paths from ?x to the things whose labels the page shows; `cells` makes
    the table rows."""

    title: Texts
    intro: Texts
    columns: list[Texts]
    members: str
    keys: Callable[[], list[str]]
    details: list[str]
    cells: Callable[[Page], list[list[Cell]]]
    query: str
    sorting: str | Callable[[], str] = ""
    linked: tuple[str, ...] = ()
    inferred: bool = False  # inferences about ?x are shown
    identity: str = "?x"
    # False when `members` gives one solution per thing: the keys are then plain expressions,
    # and the store sorts without grouping (several times faster).
    grouped: bool = True


def _class_values(names_: list[str]) -> str:
    return " ".join(f"kc:{n}" for n in names_)


def _class_list(names_: list[str]) -> str:
    return ", ".join(f"kc:{n}" for n in names_)


def _count(value: object) -> int:
    return int(value.value) if isinstance(value, Literal) and value.value.isdigit() else 0


# ------------------------------------------------------------------- sorting in SPARQL

def labelled(var: str) -> str:
    """Every label of ?var as ?var_l, its predicate as ?var_p, for `label_key`. (A FILTER,
    not a VALUES of predicates: Oxigraph would read every label of the store first.)"""
    return f"OPTIONAL {{ ?{var} ?{var}_p ?{var}_l FILTER (?{var}_p IN ({_LABEL_SET})) }}"


def _predicate_rank(var: str) -> str:
    ranks = "".join(f'IF(?{var}_p = <{p}>, "{n}", ' for n, p in enumerate(LABEL_ORDER))
    return ranks + '"9"' + ")" * len(LABEL_ORDER)


def label_key(var: str) -> str:
    """The label a page shows for ?var, as an aggregate: in the interface language, else
    the other one, else without a language, else any; of several, the one of the preferred
    predicate, then the least; else the IRI. `names_from` picks the same one. (One MIN over
    ranked strings: aggregates over expressions that fail differ between engines.)"""
    first, second = current_language(), other_language()
    assert first in LANGUAGES  # the only text of the request that shapes a query
    lang = f"LANG(?{var}_l)"
    ranked = (f'CONCAT(IF({lang} = "{first}", "0", IF({lang} = "{second}", "1", '
              f'IF({lang} = "", "2", "3"))), {_predicate_rank(var)}, STR(?{var}_l))')
    return f'SUBSTR(MIN(COALESCE({ranked}, CONCAT("40", STR(?{var}), ""))), 3)'


def _lang_rank(lang: str) -> int:
    return {current_language(): 0, other_language(): 1, "": 2}.get(lang, 3)


def names_from(rows: list[Row]) -> dict[str, Ref]:
    """Links with labels from rows of ?iri ?p ?l, chosen as `label_key` chooses."""
    best: dict[str, tuple[int, int, str, str]] = {}
    for row in rows:
        iri, value, predicate = iri_of(row.get("iri")), row.get("l"), iri_of(row.get("p"))
        if iri and isinstance(value, Literal) and predicate in LABEL_ORDER:
            rank = LABEL_ORDER.index(predicate)
            lang = value.lang or ""
            found = (_lang_rank(lang), rank, value.value, lang)
            if iri not in best or found < best[iri]:
                best[iri] = found
    language = current_language()
    return {iri: Ref(iri, value, "" if lang == language else lang)
            for iri, (_, _, value, lang) in best.items()}


def _page_pattern(kind: Kind, limit: int | None, offset: int) -> tuple[str, str]:
    """The query of the page's things with their sort keys, and the keys' variables."""
    keys = kind.keys()
    sorting = kind.sorting() if callable(kind.sorting) else kind.sorting
    names_ = " ".join(f"?k{i}" for i in range(len(keys)))
    projected = " ".join(f"({key} AS ?k{i})" for i, key in enumerate(keys))
    grouping = f"GROUP BY {kind.identity}" if kind.grouped else ""
    window = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    return (f"SELECT {kind.identity} {projected} WHERE {{ {kind.members} {sorting} }} "
            f"{grouping} ORDER BY {names_} {kind.identity} {window}", names_)


def _count_query(kind: Kind) -> Query:
    if not kind.grouped:
        return Query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {kind.members} }}")
    return Query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT {kind.identity} WHERE "
                 f"{{ {kind.members} }} GROUP BY {kind.identity} }}")


def read(kind: Kind, limit: int | None, offset: int = 0) -> tuple[int, Page]:
    """The total, and the page from `offset` (the whole list when `limit` is None), in two
    round trips to the store: the total and the page's things in order (sorted once, in the
    store), then what the page shows of them, the labels and the inferences."""
    reader_ = reader()
    whole = limit is None
    rows_limit = DOWNLOAD_ROWS if whole else 200_000
    page, _ = _page_pattern(kind, limit, offset)
    counted, order = reader_.run(_count_query(kind), Query(page, max_rows=rows_limit))
    total = _count(counted[0].get("n")) if counted else 0
    things = [x for row in order if (x := iri_of(row.get("x")))]
    blocks = values_blocks(things)  # IRIs the store returned, never the request's values
    queries = [Query(Template(q).substitute(page=f"VALUES ?x {{ {block} }}", keys=""),
                     max_rows=rows_limit)
               for q in kind.details for block in blocks]
    queries += [Query(f"SELECT DISTINCT ?iri ?p ?l WHERE {{ VALUES ?x {{ {block} }} "
                      f"?x ({'|'.join(kind.linked) or 'rdf:type'})? ?iri . "
                      f"?iri ?p ?l FILTER (?p IN ({_LABEL_SET})) }}", max_rows=rows_limit)
                for block in blocks]
    known, answers = reader_.lookup(inferences=things if kind.inferred else (), extra=queries)
    details: list[dict[str, list[Row]]] = []
    for n in range(len(kind.details)):
        found: dict[str, list[Row]] = defaultdict(list)
        for rows in answers[n * len(blocks):(n + 1) * len(blocks)]:
            for row in rows:
                if x := iri_of(row.get("x")):
                    found[x].append(row)
        details.append(found)
    labels = [row for rows in answers[len(kind.details) * len(blocks):] for row in rows]
    return total, Page(order, details, names_from(labels), known)


def _iris(rows: list[Row], name: str) -> list[str]:
    return list(dict.fromkeys(v for row in rows if (v := iri_of(row.get(name)))))


def _first_text(rows: list[Row], name: str) -> str:
    return next((v for row in rows if (v := text_of(row.get(name)))), "")


# ------------------------------------------------------------------------------ the kinds

def _provinces(page: Page) -> list[list[Cell]]:
    return [[Cell(text=text_of(rows[0].get("code")) or ""), Cell(refs=[page.ref(p)]),
             Cell(text=str(_count(rows[0].get("members"))), number=True),
             Cell(text=str(_count(rows[0].get("taking"))), number=True)]
            for p, rows in page.each(0)]


PROVINCES = Kind(
    {"id": "Provinsi", "en": "Provinces"},
    {"id": "Semua provinsi dalam gazeter, dengan jumlah kabupaten/kota dan jumlah yang ikut "
           "Gerakan Menuju Kota Cerdas menurut sumber.",
     "en": "Every province in the gazetteer, with its number of kabupaten/kota and how many "
           "of them the sources show taking part in the programme."},
    [{"id": "Kode", "en": "Code"}, {"id": "Provinsi", "en": "Province"},
     {"id": "Kabupaten/kota", "en": "Kabupaten/kota"},
     {"id": "Ikut program", "en": "Taking part"}],
    members="?x a kc:Province .",
    sorting="OPTIONAL { ?x kc:regionCode ?code }",
    keys=lambda: ['COALESCE(MIN(STR(?code)), "")'],
    details=["""SELECT ?x ?code (COUNT(DISTINCT ?r) AS ?members)
       (COUNT(DISTINCT ?part) AS ?taking) WHERE { $page
  OPTIONAL { ?x kc:regionCode ?code }
  OPTIONAL { ?r schema:containedInPlace ?x ; a kc:RegencyOrCity .
             OPTIONAL { ?part kc:region ?r ; a kc:Participation } }
} GROUP BY ?x ?code ORDER BY ?x ?code"""],
    cells=_provinces,
    query=f"""SELECT ?p ?code (COUNT(DISTINCT ?r) AS ?members) (COUNT(DISTINCT ?part) AS ?taking)
WHERE {{
  ?p a kc:Province .
  OPTIONAL {{ ?p kc:regionCode ?code }}
  OPTIONAL {{ VALUES ?type {{ {_class_values(["Regency", "City"])} }}
             ?r schema:containedInPlace ?p ; a ?type .
             OPTIONAL {{ ?part a kc:Participation ; kc:region ?r }} }}
}} GROUP BY ?p ?code ORDER BY ?code""")


def _regions(page: Page) -> list[list[Cell]]:
    listed = []
    for part, rows in page.each(0):
        row = rows[0]
        region, province, cohort = (iri_of(row.get(k)) for k in ("region", "province", "cohort"))
        if not region:
            continue
        listed.append([
            Cell(refs=[page.ref(region)]),
            Cell(refs=[page.ref(province)] if province else []),
            Cell(refs=[page.ref(cohort)] if cohort else [],
                 inferred=page.inferred(part, KC + "cohort", IRI(cohort))
                 if cohort else None),
            Cell(text=text_of(row.get("masterplanYear")) or "")])
    return listed


REGIONS = Kind(
    {"id": "Kabupaten/kota yang ikut program", "en": "Regions taking part"},
    {"id": "Kabupaten/kota yang menurut sumber ikut Gerakan Menuju Kota Cerdas, dengan "
           "angkatan dan tahun masterplan-nya.",
     "en": "The kabupaten/kota the sources show taking part in the programme, with their "
           "cohort and masterplan year."},
    [{"id": "Kabupaten/kota", "en": "Kabupaten/kota"}, {"id": "Provinsi", "en": "Province"},
     {"id": "Angkatan", "en": "Cohort"}, {"id": "Masterplan", "en": "Masterplan"}],
    members="?x a kc:Participation ; kc:region ?region .",
    sorting=labelled("region"),
    keys=lambda: [label_key("region")],
    details=["""SELECT ?x ?region ?province ?cohort ?cohortYear ?masterplanYear WHERE {
  $page ?x kc:region ?region .
  OPTIONAL { ?region schema:containedInPlace ?province }
  OPTIONAL { ?x kc:cohort ?cohort . OPTIONAL { ?cohort kc:year ?cohortYear } }
  OPTIONAL { ?masterplan a kc:Masterplan ; kc:region ?region .
             OPTIONAL { ?masterplan kc:year ?masterplanYear } }
} ORDER BY ?x ?region ?province ?cohort ?masterplanYear"""],
    linked=("kc:region", "kc:region/schema:containedInPlace", "kc:cohort"),
    inferred=True,
    cells=_regions,
    query="""SELECT ?part ?region ?province ?cohort ?cohortYear ?masterplanYear WHERE {
  ?part a kc:Participation ; kc:region ?region .
  OPTIONAL { ?region schema:containedInPlace ?province }
  OPTIONAL { ?part kc:cohort ?cohort . OPTIONAL { ?cohort kc:year ?cohortYear } }
  OPTIONAL { ?masterplan a kc:Masterplan ; kc:region ?region .
             OPTIONAL { ?masterplan kc:year ?masterplanYear } }
}""")


def _dimensions(page: Page) -> list[list[Cell]]:
    definitions: dict[str, list[Literal]] = defaultdict(list)
    for d, rows in page.details[1].items():
        definitions[d] += [v for row in rows if isinstance(v := row.get("definition"), Literal)]
    listed = []
    for d, rows in page.each(0):
        definition = choose_literal(definitions.get(d, []), current_language())
        listed.append([Cell(refs=[page.ref(d)]),
                       Cell(text=definition.value if definition else "",
                            lang=(definition.lang or "") if definition else ""),
                       Cell(text=str(_count(rows[0].get("innovations"))), number=True),
                       Cell(text=str(_count(rows[0].get("regions"))), number=True)])
    return listed


DIMENSIONS = Kind(
    {"id": "Dimensi", "en": "Dimensions"},
    {"id": "Enam dimensi kota cerdas, dengan jumlah inovasi dan wilayahnya.",
     "en": "The six smart-city dimensions, with how many innovations and regions each has."},
    [{"id": "Dimensi", "en": "Dimension"}, {"id": "Definisi", "en": "Definition"},
     {"id": "Inovasi", "en": "Innovations"}, {"id": "Wilayah", "en": "Regions"}],
    members="?x a kc:Dimension .",
    # The scheme's order (the data holds none of its own); other dimensions after the six.
    sorting=lambda: "OPTIONAL { VALUES (?x ?rank) { " + " ".join(
        f"(<{d}> {n})" for n, d in enumerate(dimensions()) if iri_ok(d)) + " } }",
    keys=lambda: [f"COALESCE(MIN(?rank), {len(dimensions())})"],
    details=["""SELECT ?x (COUNT(DISTINCT ?innovation) AS ?innovations)
       (COUNT(DISTINCT ?region) AS ?regions) WHERE { $page
  OPTIONAL { VALUES ?type { kc:Innovation kc:QuickWin }
             ?innovation a ?type ; kc:dimension ?x .
             OPTIONAL { ?innovation kc:region ?region } }
} GROUP BY ?x ORDER BY ?x""",
             "SELECT ?x ?definition WHERE { $page ?x skos:definition ?definition }"],
    cells=_dimensions,
    query="""SELECT ?dimension (COUNT(DISTINCT ?innovation) AS ?innovations)
       (COUNT(DISTINCT ?region) AS ?regions) WHERE {
  ?dimension a kc:Dimension .
  OPTIONAL { VALUES ?type { kc:Innovation kc:QuickWin }
             ?innovation a ?type ; kc:dimension ?dimension .
             OPTIONAL { ?innovation kc:region ?region } }
} GROUP BY ?dimension""")


def _innovations(page: Page) -> list[list[Cell]]:
    quick = pick({"id": "quick win", "en": "quick win"})
    listed = []
    for pair in page.order:
        i, dimension = iri_of(pair.get("x")), iri_of(pair.get("dimension"))
        rows = page.details[0].get(i or "")
        if not i or not rows:
            continue
        region, year = iri_of(rows[0].get("region")), text_of(rows[0].get("year"))
        listed.append([
            Cell(refs=[page.ref(i)], badge=quick if _count(rows[0].get("quick")) else "",
                 badge_class="quick-win"),
            Cell(refs=[page.ref(region)] if region else []),
            Cell(refs=[page.ref(dimension)] if dimension else [],
                 text="" if dimension else t("not_known"),
                 inferred=page.inferred(i, KC + "dimension", IRI(dimension))
                 if dimension else None),
            Cell(text=year or "")])
    return listed


INNOVATIONS = Kind(
    {"id": "Inovasi", "en": "Innovations"},
    {"id": "Semua inovasi dan program percepatan (quick win) per wilayah, dengan dimensi dan "
           "tahunnya.",
     "en": "Every innovation and quick win by region, with its dimension and year."},
    [{"id": "Inovasi", "en": "Innovation"}, {"id": "Wilayah", "en": "Region"},
     {"id": "Dimensi", "en": "Dimension"}, {"id": "Tahun", "en": "Year"}],
    # One row for each of an innovation's dimensions (or one of none).
    identity="?x ?dimension",
    members="VALUES ?type { kc:Innovation kc:QuickWin } ?x a ?type . "
            "OPTIONAL { ?x kc:dimension ?dimension }",
    # By region and year, then by IRI (whose slug is made from the name): sorting by the
    # innovations' own labels too would take three times as long.
    sorting=f"OPTIONAL {{ ?x kc:region ?region . {labelled('region')} }} "
            "OPTIONAL { ?x kc:year ?year }",
    keys=lambda: [label_key("region"), 'COALESCE(MIN(STR(?year)), "")'],
    details=["""SELECT ?x ?region (MIN(STR(?y)) AS ?year)
       (COUNT(?quickWin) AS ?quick) WHERE { $page
  OPTIONAL { ?x kc:region ?region } OPTIONAL { ?x kc:year ?y }
  OPTIONAL { ?x a ?quickWin FILTER (?quickWin = kc:QuickWin) }
} GROUP BY ?x ?region ORDER BY ?x ?region"""],
    linked=("kc:region", "kc:dimension"),  # and the things themselves
    inferred=True,
    cells=_innovations,
    query="""SELECT ?innovation ?region ?dimension ?year WHERE {
  VALUES ?type { kc:Innovation kc:QuickWin }
  ?innovation a ?type .
  OPTIONAL { ?innovation kc:region ?region } OPTIONAL { ?innovation kc:dimension ?dimension }
  OPTIONAL { ?innovation kc:year ?year }
} ORDER BY ?region ?year""")


def _institutions(page: Page) -> list[list[Cell]]:
    listed = []
    for x, rows in page.each(0):
        types = most_specific(_iris(rows, "type"))
        listed.append([Cell(refs=[page.ref(x)]),
                       Cell(text=", ".join(fallback_label(t) for t in types)),
                       Cell(refs=[page.ref(p) for p in _iris(rows, "parent")])])
    return listed


_INSTITUTION_RANKS = " ".join(f"(kc:{name} {n})" for n, name in enumerate(INSTITUTION_TYPES))
INSTITUTIONS = Kind(
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
    members=f"""VALUES ?type {{ {_class_values(INSTITUTION_TYPES)} }} ?x a ?type .
  FILTER (?type != kc:LocalGovernment || EXISTS {{ ?x kc:evidence ?quote }})""",
    # By the first of its most specific kinds in INSTITUTION_TYPES, then by name (instances
    # carry every superclass, so a direct subclass among their types makes a type general).
    sorting=f"""VALUES (?type ?rank) {{ {_INSTITUTION_RANKS} }}
  OPTIONAL {{ ?x a ?other . ?other rdfs:subClassOf ?type
             FILTER (?other != ?type && ?other IN ({_class_list(INSTITUTION_TYPES)}))
             BIND (true AS ?general) }}
  {labelled('x')}""",
    keys=lambda: [f"MIN(IF(BOUND(?general), {len(INSTITUTION_TYPES)}, ?rank))",
                  label_key("x")],
    details=[f"""SELECT ?x ?type ?parent WHERE {{ $page
  VALUES ?type {{ {_class_values(INSTITUTION_TYPES)} }} ?x a ?type .
  FILTER (?type != kc:LocalGovernment || EXISTS {{ ?x kc:evidence ?quote }})
  OPTIONAL {{ ?x org:subOrganizationOf|kc:councilOf ?parent }}
}} ORDER BY ?x ?type ?parent"""],
    linked=("org:subOrganizationOf|kc:councilOf",),
    cells=_institutions,
    query=f"""SELECT ?institution ?type ?parent WHERE {{
  VALUES ?type {{ {_class_values(INSTITUTION_TYPES)} }}
  ?institution a ?type .
  FILTER (?type != kc:LocalGovernment || EXISTS {{ ?institution kc:evidence ?quote }})
  OPTIONAL {{ ?institution org:subOrganizationOf|kc:councilOf ?parent }}
}}""")


def _councils(page: Page) -> list[list[Cell]]:
    listed = []
    for council, rows in page.each(0):
        decrees = _iris(rows, "decree")
        listed.append([Cell(refs=[page.ref(council)]),
                       Cell(refs=[page.ref(r) for r in _iris(rows, "region")]),
                       Cell(refs=[page.ref(d) for d in decrees]),
                       Cell(text=next((y for row in rows if iri_of(row.get("decree"))
                                       and (y := text_of(row.get("year")))), ""))])
    return listed


COUNCILS = Kind(
    {"id": "Dewan Smart City", "en": "Smart-city councils"},
    {"id": "Dewan Smart City kabupaten/kota dan keputusan yang membentuknya.",
     "en": "The smart-city councils of kabupaten/kota and the decrees that set them up."},
    [{"id": "Dewan", "en": "Council"}, {"id": "Wilayah", "en": "Region"},
     {"id": "Dibentuk dengan", "en": "Established by"}, {"id": "Tahun", "en": "Year"}],
    members="?x a kc:SmartCityCouncil .",
    sorting=labelled("x"),
    keys=lambda: [label_key("x")],
    details=["""SELECT ?x ?region ?decree ?year WHERE { $page
  OPTIONAL { ?x kc:councilOf/kc:governs ?region }
  OPTIONAL { { ?x kc:establishedBy ?decree } UNION { ?decree kc:establishes ?x }
             OPTIONAL { ?decree kc:year ?year } }
} ORDER BY ?x ?region ?decree ?year"""],
    linked=("kc:councilOf/kc:governs", "kc:establishedBy", "^kc:establishes"),
    cells=_councils,
    query="""SELECT ?council ?region ?decree ?year WHERE {
  ?council a kc:SmartCityCouncil .
  OPTIONAL { ?council kc:councilOf/kc:governs ?region }
  OPTIONAL { { ?council kc:establishedBy ?decree } UNION { ?decree kc:establishes ?council }
             OPTIONAL { ?decree kc:year ?year } }
}""")


def _events(page: Page) -> list[list[Cell]]:
    starts = {iri_of(row.get("x")): text_of(row.get("k0")) or "" for row in page.order}
    listed = []
    for e, rows in page.each(0):
        start = "" if starts.get(e) == NO_DATE else starts.get(e, "")
        end = _first_text(rows, "end")
        when = show_date(start) + (f" \u2013 {show_date(end)}" if end and end != start else "")
        types = most_specific([t for t in _iris(rows, "type") if t != KC + "Event"])
        venue, parent = _iris(rows, "venue")[:1], _iris(rows, "parent")[:1]
        listed.append([Cell(text=when, date=start), Cell(refs=[page.ref(e)]),
                       Cell(text=", ".join(fallback_label(t) for t in types)),
                       Cell(refs=[page.ref(v) for v in venue]),
                       Cell(refs=[page.ref(p) for p in parent])])
    return listed


NO_DATE = "9999"  # sorts after every date
EVENTS = Kind(
    {"id": "Kegiatan", "en": "Events"},
    {"id": "Kegiatan program menurut tanggal; sesi bagian dari kegiatan besar memakai "
           "tanggal kegiatan induknya bila tidak punya tanggal sendiri.",
     "en": "The programme's events by date; a session that is part of a larger event takes "
           "that event's dates when it has none of its own."},
    [{"id": "Tanggal", "en": "Date"}, {"id": "Kegiatan", "en": "Event"},
     {"id": "Jenis", "en": "Kind"}, {"id": "Tempat", "en": "Venue"},
     {"id": "Bagian dari", "en": "Part of"}],
    members=f"VALUES ?type {{ {_class_values(EVENT_TYPES)} }} ?x a ?type .",
    sorting="OPTIONAL { ?x schema:startDate ?ownStart } "
            "OPTIONAL { ?x schema:superEvent/schema:startDate ?parentStart }",
    keys=lambda: [f'COALESCE(MIN(STR(COALESCE(?ownStart, ?parentStart))), "{NO_DATE}")'],
    details=[f"""SELECT ?x ?type ?end ?venue ?parent WHERE {{ $page
  VALUES ?type {{ {_class_values(EVENT_TYPES)} }} ?x a ?type .
  OPTIONAL {{ ?x schema:superEvent ?parent .
             OPTIONAL {{ ?parent schema:endDate ?parentEnd }} }}
  OPTIONAL {{ ?x schema:endDate ?ownEnd }}
  BIND (COALESCE(?ownEnd, ?parentEnd) AS ?end)
  OPTIONAL {{ ?x schema:location|schema:superEvent/schema:location ?venue }}
}} ORDER BY ?x ?end ?type ?venue ?parent"""],
    linked=("schema:location", "schema:superEvent", "schema:superEvent/schema:location"),
    cells=_events,
    query=f"""SELECT ?event ?type ?start ?end ?venue ?parent WHERE {{
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
}} ORDER BY ?start""")


def _people(page: Page) -> list[list[Cell]]:
    events = {x: _count(rows[0].get("events")) for x, rows in page.details[1].items()}
    return [[Cell(refs=[page.ref(person)]),
             Cell(refs=sorted((page.ref(p) for p in _iris(rows, "post")),
                              key=lambda r: r.label)),
             Cell(text=str(events.get(person, 0)), number=True)]
            for person, rows in page.each(0)]


_ROLES = " ".join(f"<{p}>" for p in EVENT_ROLES)
_ROLE_LIST = ", ".join(f"<{p}>" for p in EVENT_ROLES)
PEOPLE = Kind(
    {"id": "Tokoh", "en": "People"},
    {"id": "Orang yang disebut sumber: jabatan yang mereka pangku dan jumlah kegiatan yang "
           "mereka ikuti.",
     "en": "The people the sources name: the posts they held and how many events they took "
           "part in."},
    [{"id": "Nama", "en": "Name"}, {"id": "Jabatan", "en": "Posts"},
     {"id": "Kegiatan", "en": "Events"}],
    members="?x a kc:Person .",
    sorting=labelled("x"),
    keys=lambda: [f"LCASE({label_key('x')})"],
    details=["""SELECT ?x ?post WHERE { $page
  OPTIONAL { ?holding org:member ?x ; kc:post ?post } } ORDER BY ?x ?post""",
             f"""SELECT ?x (COUNT(DISTINCT ?event) AS ?events) WHERE {{ $page
  OPTIONAL {{ ?event ?role ?x FILTER (?role IN ({_ROLE_LIST})) }} }} GROUP BY ?x"""],
    linked=("^org:member/kc:post",),
    cells=_people,
    query=f"""SELECT ?person ?post ?event WHERE {{
  ?person a kc:Person .
  OPTIONAL {{ ?holding org:member ?person ; kc:post ?post }}
  OPTIONAL {{ ?event ?role ?person . VALUES ?role {{ {_ROLES} }} }}
}}""")


def _articles(page: Page) -> list[list[Cell]]:
    listed = []
    for a, rows in page.each(0):
        issued = _first_text(rows, "issued")[:10]
        urls = _iris(rows, "url")
        datelines = list(dict.fromkeys(v for row in rows if (v := text_of(row.get("dateline")))))
        listed.append([Cell(refs=[page.ref(a)]),
                       Cell(text=show_date(issued) if issued else t("not_known"), date=issued),
                       Cell(refs=[Ref(u, u) for u in urls], text="" if urls else t("not_known")),
                       Cell(text=", ".join(datelines)),
                       Cell(refs=[page.ref(p) for p in _iris(rows, "publisher")]),
                       Cell(refs=[page.ref(r) for r in _iris(rows, "about")])])
    return listed


ARTICLES = Kind(
    {"id": "Artikel sumber", "en": "Source articles"},
    {"id": "Berita yang menjadi sumber graf; setiap fakta menautkan kalimat yang "
           "menyatakannya di artikel ini.",
     "en": "The news articles the graph is built from; every fact links to the sentence "
           "in them that states it."},
    [{"id": "Judul", "en": "Title"}, {"id": "Tanggal", "en": "Date"},
     {"id": "Alamat (URL)", "en": "URL"},
     {"id": "Tempat berita", "en": "Dateline"}, {"id": "Penerbit", "en": "Publisher"},
     {"id": "Tentang", "en": "About"}],
    members="?x a kc:SourceArticle .",
    keys=lambda: ["MIN(STR(?x))"],  # article slugs start with the year
    details=["""SELECT ?x ?issued ?url ?dateline ?publisher ?about WHERE { $page
  OPTIONAL { ?x dct:issued ?issued } OPTIONAL { ?x schema:url ?url }
  OPTIONAL { ?x schema:dateline ?dateline }
  OPTIONAL { ?x dct:publisher ?publisher } OPTIONAL { ?x schema:about ?about }
} ORDER BY ?x ?issued ?url ?dateline ?publisher ?about"""],
    linked=("dct:publisher", "schema:about"),
    cells=_articles,
    query="""SELECT ?article ?title ?issued ?url ?dateline ?publisher ?about WHERE {
  ?article a kc:SourceArticle .
  OPTIONAL { ?article dct:title ?title } OPTIONAL { ?article dct:issued ?issued }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:dateline ?dateline }
  OPTIONAL { ?article dct:publisher ?publisher } OPTIONAL { ?article schema:about ?about }
}""")


def _quotations(page: Page) -> list[list[Cell]]:
    listed = []
    for quote, rows in page.each(0):
        row = rows[0]
        article, text = iri_of(row.get("article")), row.get("text")
        if not article or not isinstance(text, Literal):
            continue
        listed.append([Cell(refs=[Ref(quote, text.value, text.lang or "")]),
                       Cell(refs=[page.ref(article)]),
                       Cell(text=str(_count(row.get("facts"))), number=True)])
    return listed


QUOTATIONS = Kind(
    {"id": "Kalimat yang dikutip", "en": "Quoted sentences"},
    {"id": "Setiap kalimat yang dikutip dari artikel sumber, dengan jumlah fakta yang "
           "bersandar padanya; tautannya membuka kalimat itu di halaman artikelnya.",
     "en": "Every sentence quoted from the source articles, with how many facts rest on it; "
           "its link opens the sentence on its article's page."},
    [{"id": "Kalimat", "en": "Sentence"}, {"id": "Artikel", "en": "Article"},
     {"id": "Fakta", "en": "Facts"}],
    members="?x a kc:Quotation ; prov:wasQuotedFrom ?article .",  # one article each
    grouped=False,
    keys=lambda: ["?article"],
    details=["""SELECT ?x ?text ?article (COUNT(DISTINCT ?fact) AS ?facts) WHERE { $page
  ?x kc:text ?text ; prov:wasQuotedFrom ?article . OPTIONAL { ?fact kc:evidence ?x }
} GROUP BY ?x ?text ?article ORDER BY ?x ?article ?text"""],
    linked=("prov:wasQuotedFrom",),
    cells=_quotations,
    query="""SELECT ?quote ?text ?article (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?quote a kc:Quotation ; kc:text ?text ; prov:wasQuotedFrom ?article .
  OPTIONAL { ?fact kc:evidence ?quote }
} GROUP BY ?quote ?text ?article ORDER BY ?article ?quote""")


def _property_names() -> str:
    """?p_name: ?p's name as `property_label` gives it (the server's table of the terms'
    names, in the interface language, written into the query as constants)."""
    pairs = " ".join(f"(<{iri}> {json.dumps(fallback_label(iri), ensure_ascii=False)})"
                     for iri in sorted(state().property_labels) if iri_ok(iri))
    return f"{labelled('s')} OPTIONAL {{ VALUES (?p ?p_name) {{ {pairs} }} }}"


def _inferred(page: Page) -> list[list[Cell]]:
    listed = []
    for statement, rows in page.each(0):
        subject, predicate = iri_of(rows[0].get("subject")), iri_of(rows[0].get("predicate"))
        value = rows[0].get("object")
        reason = choose_literal(list(dict.fromkeys(
            r for row in rows if isinstance(r := row.get("reason"), Literal))),
            current_language())
        listed.append([
            Cell(refs=[page.ref(statement)]),
            Cell(refs=[page.ref(subject)] if subject else []),
            Cell(text=fallback_label(predicate) if predicate else ""),
            Cell(refs=[page.ref(value.value)] if isinstance(value, IRI) else [],
                 text=value.value if isinstance(value, Literal) else ""),
            Cell(text=reason.value if reason else "", lang=(reason.lang or "") if reason else ""),
            Cell(refs=[page.ref(a) for a in _iris(rows, "article")])])
    return listed


INFERRED = Kind(
    {"id": "Fakta yang disimpulkan", "en": "Inferred facts"},
    {"id": "Fakta yang tidak dinyatakan langsung oleh sumber tetapi disimpulkan darinya, "
           "dengan alasannya; tautan pertama membuka pernyataan itu di halaman artikelnya.",
     "en": "Facts the sources imply but do not state, with the reason for each; the first "
           "link opens the statement on its article's page."},
    [{"id": "Pernyataan", "en": "Statement"},
     {"id": "Tentang", "en": "About"}, {"id": "Properti", "en": "Property"},
     {"id": "Nilai", "en": "Value"}, {"id": "Alasan", "en": "Reason"},
     {"id": "Artikel", "en": "Article"}],
    members="?x a kc:InferredStatement ; rdf:subject ?s ; rdf:predicate ?p .",
    sorting=_property_names,
    keys=lambda: [f"LCASE({label_key('s')})", "COALESCE(MIN(?p_name), MIN(STR(?p)))"],
    details=["""SELECT ?x ?subject ?predicate ?object ?reason ?article WHERE { $page
  ?x rdf:subject ?subject ; rdf:predicate ?predicate .
  OPTIONAL { ?x rdf:object ?object } OPTIONAL { ?x kc:reason ?reason }
  OPTIONAL { ?x kc:evidence/prov:wasQuotedFrom ?article }
} ORDER BY ?x ?subject ?predicate ?object ?reason ?article"""],
    linked=("rdf:subject", "rdf:object", "kc:evidence/prov:wasQuotedFrom"),
    cells=_inferred,
    query="""SELECT ?statement ?subject ?predicate ?object ?reason ?article WHERE {
  ?statement a kc:InferredStatement ; rdf:subject ?subject ; rdf:predicate ?predicate .
  OPTIONAL { ?statement rdf:object ?object }
  OPTIONAL { ?statement kc:reason ?reason }
  OPTIONAL { ?statement kc:evidence/prov:wasQuotedFrom ?article }
}""")


def _kabupaten_kota(page: Page) -> list[list[Cell]]:
    kinds = {KC + "Regency": {"id": "Kabupaten", "en": "Regency"},
             KC + "City": {"id": "Kota", "en": "City"}}
    taking = pick({"id": "ikut program", "en": "taking part"})
    listed = []
    for r, rows in page.each(0):
        row = rows[0]
        province = iri_of(row.get("province"))
        listed.append([Cell(text=text_of(row.get("code")) or ""), Cell(refs=[page.ref(r)]),
                       Cell(text=pick(kinds.get(iri_of(row.get("type")) or "", {"id": ""}))),
                       Cell(refs=[page.ref(province)] if province else []),
                       Cell(badge=taking if _count(row.get("taking")) else "",
                            badge_class="taking-part")])
    return listed


KABUPATEN_KOTA = Kind(
    {"id": "Kabupaten/kota (gazeter)", "en": "Kabupaten/kota (gazetteer)"},
    {"id": "Semua 514 kabupaten dan kota dalam gazeter Kemendagri, dengan provinsinya; yang "
           "menurut sumber ikut Gerakan Menuju Kota Cerdas ditandai.",
     "en": "All 514 regencies and cities of the Kemendagri gazetteer, with their province; "
           "those the sources show taking part in the programme are marked."},
    [{"id": "Kode", "en": "Code"}, {"id": "Kabupaten/kota", "en": "Kabupaten/kota"},
     {"id": "Jenis", "en": "Kind"}, {"id": "Provinsi", "en": "Province"},
     {"id": "Ikut program", "en": "Taking part"}],
    members="VALUES ?type { kc:Regency kc:City } ?x a ?type .",
    sorting="OPTIONAL { ?x kc:regionCode ?code }",
    keys=lambda: ['COALESCE(MIN(STR(?code)), "")'],
    details=["""SELECT ?x ?type ?code ?province (COUNT(DISTINCT ?part) AS ?taking) WHERE {
  $page VALUES ?type { kc:Regency kc:City } ?x a ?type .
  OPTIONAL { ?x kc:regionCode ?code }
  OPTIONAL { ?x schema:containedInPlace ?province . ?province a kc:Province }
  OPTIONAL { ?part a kc:Participation ; kc:region ?x }
} GROUP BY ?x ?type ?code ?province ORDER BY ?x ?code ?type ?province"""],
    linked=("schema:containedInPlace",),
    cells=_kabupaten_kota,
    query="""SELECT ?r ?type ?code ?province (COUNT(DISTINCT ?part) AS ?taking) WHERE {
  VALUES ?type { kc:Regency kc:City }
  ?r a ?type .
  OPTIONAL { ?r kc:regionCode ?code }
  OPTIONAL { ?r schema:containedInPlace ?province . ?province a kc:Province }
  OPTIONAL { ?part a kc:Participation ; kc:region ?r }
} GROUP BY ?r ?type ?code ?province ORDER BY ?code""")


KINDS: dict[str, Kind] = {
    "provinces": PROVINCES,
    "kabupaten-kota": KABUPATEN_KOTA,
    "regions": REGIONS,
    "dimensions": DIMENSIONS,
    "innovations": INNOVATIONS,
    "institutions": INSTITUTIONS,
    "councils": COUNCILS,
    "events": EVENTS,
    "people": PEOPLE,
    "articles": ARTICLES,
    "quotations": QUOTATIONS,
    "inferred": INFERRED,
}


def listing(name: str, limit: int | None, offset: int = 0) -> Listing:
    """One page of the list `name` (the whole list when `limit` is None), with its total."""
    kind = KINDS[name]
    total, page = read(kind, limit, offset)
    return Listing(kind.title, kind.intro, kind.columns, kind.cells(page), kind.query, total)


# ------------------------------------------------------------------------------ the view

DOWNLOADS = {"csv": "text/csv", "json": "application/json"}


def page_size() -> int:
    return int(current_app.config.get("LIST_PAGE_SIZE", PAGE_SIZE))


@blueprint.route("/list/<kind>")
def list_page(kind: str) -> Response:
    """The list as a page (?page=N), or whole as CSV or JSON (`/list/regions.csv`,
    `?format=csv`, or Accept), with the same rows, named in the interface language."""
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
    response = (_download(kind, listing(kind, None), wanted) if wanted in DOWNLOADS
                else _html(kind))
    response.headers["Vary"] = "Accept, Cookie"
    return response


def _html(kind: str) -> Response:
    size = page_size()
    given = request.args.get("page", "1")
    asked = int(given) if given.isdigit() and int(given) >= 1 else 1
    shown = listing(kind, size, (asked - 1) * size)
    try:  # the store's total decides which page numbers exist
        page, pages = page_number(shown.total, size, "items")
    except PageNumberError as error:
        return error_response(400, str(error), "bad-request")

    def page_url(n: int) -> str:
        return url_for("lists.list_page", kind=kind, **{
            k: v for k, v in request.args.items() if k != "page"}, page=n)

    first = (page - 1) * size + 1 if shown.rows else 0
    return Response(render_template(
        "list.html", title=pick(shown.title), listing=shown, kind=kind, kinds=KINDS,
        page=page, pages=pages, page_url=page_url, first=first,
        last=first + len(shown.rows) - 1 if shown.rows else 0,
        query_url=url_for("sparql.endpoint", query=PREFIXES + shown.query)
        if shown.query else ""),
        content_type="text/html; charset=utf-8")


def _key(texts: Texts) -> str:
    """A column's name in the downloads: its English title, lower-case, with underscores."""
    return re.sub(r"[^a-z0-9]+", "_", texts["en"].casefold()).strip("_")


def table(listing_: Listing) -> tuple[list[str], list[list[str]]]:
    """The list as plain columns: each column's text as the page shows it, then, for columns
    of links, their IRIs, and for columns with inferred values, why they were inferred."""
    header: list[str] = []
    parts: list[tuple[int, str]] = []
    for index, column in enumerate(listing_.columns):
        key = _key(column)
        header.append(key)
        parts.append((index, "text"))
        if any(row[index].refs for row in listing_.rows):
            header.append(key + "_iri")
            parts.append((index, "iri"))
        if any(row[index].inferred for row in listing_.rows):
            header.append(key + "_inferred_because")
            parts.append((index, "inferred"))
    return header, [[_part(row[index], part) for index, part in parts] for row in listing_.rows]


def _part(cell: Cell, part: str) -> str:
    if part == "iri":
        return " ".join(r.iri for r in cell.refs)
    if part == "inferred":
        return cell.inferred.reason if cell.inferred else ""
    shown = ", ".join([*([cell.text] if cell.text else []), *(r.label for r in cell.refs)])
    return " ".join(v for v in (shown, cell.badge) if v)


def _download(kind: str, whole: Listing, wanted: str) -> Response:
    """The whole list, written as it is sent."""
    header, rows = table(whole)
    if wanted == "csv":
        response = Response(_csv_lines(header, rows),
                            content_type="text/csv; charset=utf-8; header=present")
    else:
        response = Response(_json_parts(kind, whole, header, rows),
                            content_type="application/json")
    response.headers["Content-Disposition"] = f'inline; filename="kotacerdas-{kind}.{wanted}"'
    return response


def _csv_lines(header: list[str], rows: list[list[str]]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    for row in [header, *rows]:
        writer.writerow(row)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def _json_parts(kind: str, whole: Listing, header: list[str],
                rows: list[list[str]]) -> Iterator[str]:
    head = json.dumps({"list": kind, "title": pick(whole.title), "language": current_language(),
                       "columns": header, "count": len(rows)}, ensure_ascii=False, indent=1)

    def parts() -> Iterator[str]:  # sent after the request's context is gone
        yield head[:-2] + ',\n "rows": ['
        for n, row in enumerate(rows):
            item = json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False, indent=1)
            yield ("," if n else "") + "\n  " + item.replace("\n", "\n  ")
        yield "\n ]\n}" if rows else "]\n}"

    return parts()


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
    [rows] = reader().run(Query(f"""SELECT ?group (COUNT(DISTINCT ?x) AS ?n) WHERE {{
          VALUES (?group ?class) {{ {pairs} }}
          ?x a ?class .
          FILTER (?class != kc:LocalGovernment || EXISTS {{ ?x kc:evidence ?quote }})
        }} GROUP BY ?group"""))
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
    regions, years = reader().run(Query("""SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {
          VALUES ?type { kc:Regency kc:City } ?r a ?type .
          { ?x kc:region ?r ; kc:evidence ?q } UNION { ?g kc:governs ?r ; kc:evidence ?q }
          UNION { ?a a kc:SourceArticle ; schema:about ?r } }"""),
        Query("""SELECT (MIN(?year) AS ?first) (MAX(?year) AS ?last) WHERE {
          { ?x kc:evidence ?q ; schema:startDate|kc:year|kc:signedOn|kc:attestedOn ?d }
          UNION { ?a a kc:SourceArticle ; dct:issued ?d }
          BIND (SUBSTR(STR(?d), 1, 4) AS ?year) }"""))
    counts = dataset_counts()
    return Coverage(counts["articles"], _count(regions[0].get("n")) if regions else 0,
                    counts["kabkota"], text_of(years[0].get("first")) if years else None,
                    text_of(years[0].get("last")) if years else None)
