"""Pages of an innovation (kc:Innovation, kc:QuickWin) and of a dimension (kc:Dimension)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kotacerdas.server.i18n import show_date
from kotacerdas.server.pages.common import dimension_rank, name_key
from kotacerdas.server.pages.regions import (
    INNOVATION,
    InnovationItem,
    award_iris,
    awards,
    awards_query,
    innovations_of,
    innovations_query,
    items_of,
    read_awards,
    read_innovations,
)
from kotacerdas.server.read import (
    KC,
    SCHEMA,
    SKOS,
    Description,
    Inference,
    Knowledge,
    Query,
    Reader,
    Ref,
    Section,
    cut,
    iri_of,
    values_blocks,
)
from kotacerdas.server.state import state
from kotacerdas.server.terms import IRI, Literal

INNOVATION_TYPES = {KC + "Innovation", KC + "QuickWin"}
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass
class Fact:
    """A value of the page's resource, and why it is there if the source only implies it."""

    ref: Ref | None = None
    text: str | None = None
    lang: str = ""
    inferred: Inference | None = None


def is_innovation(d: Description, read: Reader) -> bool:
    return bool(INNOVATION_TYPES & set(d.types))


def is_dimension(d: Description, read: Reader) -> bool:
    return KC + "Dimension" in d.types


def _literal_facts(d: Description, predicate: str, known: Knowledge, read: Reader
                   ) -> list[Fact]:
    """The literals of `predicate`: the one in the interface language (else any)."""
    chosen = read.choose(d.literals(predicate))
    if chosen is None:
        return []
    return [Fact(text=chosen.value, lang=chosen.lang or "",
                 inferred=known.inferred(d.iri, predicate, chosen))]


def _ref_facts(d: Description, predicate: str, known: Knowledge) -> list[Fact]:
    return [Fact(ref=known.ref(v.value), inferred=known.inferred(d.iri, predicate, v))
            for v in d.values(predicate) if isinstance(v, IRI)]


def innovation_page(d: Description, read: Reader) -> dict[str, Any]:
    region = iri_of(d.first(KC + "region"))
    categories = d.iris(KC + "category")
    queries = [awards_query("?a kc:awardedFor ?this .", d.iri)]
    named = [] if categories else _same_name(d, region)
    if categories:  # others of a kc:category of this one
        queries.append(innovations_query("?this kc:category ?c . ?i kc:category ?c .",
                                         this=IRI(d.iri)))
        award_rows, same_rows = read.run(*queries)
        same = {i: e for i, e in read_innovations(same_rows).items()
                if i != d.iri and e["region"] != region}
        extra: list[Query] = []
    else:  # others of the same normalised name
        award_rows, = read.run(*queries)
        same = {}
        extra = [innovations_query(f"VALUES ?i {{ {block} }}") for block in values_blocks(named)]
    awarded = read_awards(award_rows)
    linked = [v.value for s in d.statements if isinstance(v := s.value, IRI)
              and s.predicate.startswith(KC)]
    regions = _innovation_regions() if named else {}
    known, found = read.lookup(
        names=[*linked, *award_iris(awarded), *same, *(e["region"] for e in same.values()),
               *named, *(regions.get(i) for i in named)],
        evidence=[d.iri, *awarded, *same, *named], inferences=[d.iri, *same, *named],
        extra=extra)
    if found:
        same = read_innovations([row for rows in found for row in rows])
    spellings = sorted({v.value for v in d.literals(SKOS + "altLabel")})
    by_iri: dict[str, InnovationItem] = {}
    for item, _dimension in items_of(same, known):
        by_iri.setdefault(item.ref.iri, item)
    return {
        "is_quick_win": KC + "QuickWin" in d.types,
        "region": _ref_facts(d, KC + "region", known),
        "dimensions": sorted(_ref_facts(d, KC + "dimension", known),
                             key=lambda f: dimension_rank(f.ref.iri if f.ref else None)),
        "elements": _ref_facts(d, KC + "dimensionElement", known),
        "categories": _ref_facts(d, KC + "category", known),
        "expansion": _literal_facts(d, KC + "expansion", known, read),
        "description": _literal_facts(d, SCHEMA + "description", known, read),
        "year": [Fact(text=v.value, inferred=known.inferred(d.iri, KC + "year", v))
                 for v in d.literals(KC + "year")],
        "sites": _ref_facts(d, KC + "site", known),
        "presented_at": _ref_facts(d, KC + "presentedAt", known),
        "implemented_by": _ref_facts(d, KC + "implementedBy", known),
        "spellings": spellings,
        "notes": [v.value for v in d.literals(SKOS + "note")],
        "awards": awards(awarded, known),
        "quotes": known.quotes(d.iri),
        "same_kind": sorted(by_iri.values(), key=lambda i: (i.region.label if i.region else "",
                                                             i.ref.label.casefold())),
        "same_kind_by": "category" if categories else "name",
        "show_date": show_date,
    }


def _same_name(d: Description, region: str | None) -> list[str]:
    """Innovations in other regions sharing the normalised name (lower-case, without
    punctuation) of any label or spelling of this one."""
    own = {name_key(v.value) for v in d.literals(RDFS_LABEL) + d.literals(SKOS + "altLabel")}
    own.discard("")
    regions = _innovation_regions()
    found = {i for key in own for i in _innovation_names().get(key, ())}
    return sorted(i for i in found if i != d.iri and regions.get(i) != region)


def _innovation_names() -> dict[str, frozenset[str]]:
    """Every innovation by the normalised form of each of its names, read once per dataset."""
    return state().cached("innovation names", lambda: _read_innovation_index()[0])


def _innovation_regions() -> dict[str, str | None]:
    return state().cached("innovation regions", lambda: _read_innovation_index()[1])


def _read_innovation_index() -> tuple[dict[str, frozenset[str]], dict[str, str | None]]:
    rows, = state().reader("id", ()).run(Query("""SELECT DISTINCT ?i ?r ?name WHERE {
          VALUES ?type { kc:Innovation kc:QuickWin }
          ?i a ?type ; rdfs:label|skos:altLabel ?name .
          OPTIONAL { ?i kc:region ?r } }""", max_rows=1_000_000))
    names: dict[str, set[str]] = defaultdict(set)
    regions: dict[str, str | None] = {}
    for row in rows:
        i, name = iri_of(row.get("i")), row.get("name")
        if i is None or not isinstance(name, Literal):
            continue
        names[name_key(name.value)].add(i)
        regions.setdefault(i, iri_of(row.get("r")))
    return {key: frozenset(found) for key, found in names.items()}, regions


@dataclass
class Element:
    ref: Ref
    definition: str | None
    lang: str


@dataclass
class RegionGroup:
    region: Ref | None
    items: list[InnovationItem]


def dimension_page(d: Description, read: Reader) -> dict[str, Any]:
    this = IRI(d.iri)
    elements = d.iris(SKOS + "narrower")
    schemes = d.iris(SKOS + "inScheme") + d.iris(SKOS + "topConceptOf")
    listed = Section(d.iri, f"?i kc:dimension ?this . {INNOVATION}", "i")
    definition_rows, innovation_rows, award_rows, count = read.run(
        Query("""SELECT ?this ?e ?definition WHERE { ?this skos:narrower ?e .
              ?e skos:definition ?definition }""", this=this),
        innovations_of(listed), awards_query("?a kc:dimension ?this .", d.iri), listed.count())
    innovations = read_innovations(innovation_rows)
    awarded = read_awards(award_rows)
    known, _ = read.lookup(
        names=[*elements, *schemes, *innovations,
               *(e["region"] for e in innovations.values()), *award_iris(awarded)],
        evidence=[*innovations, *awarded], inferences=innovations)
    element_definitions: dict[str, list[Literal]] = defaultdict(list)
    for row in definition_rows:
        e, value = iri_of(row["e"]), row["definition"]
        if e and isinstance(value, Literal):
            element_definitions[e].append(value)
    listed_elements = []
    for e in sorted(elements, key=lambda e: known.ref(e).label.casefold()):
        chosen = read.choose(element_definitions.get(e, []))
        listed_elements.append(Element(known.ref(e), chosen.value if chosen else None,
                                       (chosen.lang or "") if chosen else ""))
    by_region: dict[str | None, list[InnovationItem]] = defaultdict(list)
    regions: dict[str | None, Ref | None] = {}
    for item, dimension in items_of(innovations, known):
        if dimension == d.iri:
            key = item.region.iri if item.region else None
            by_region[key].append(item)
            regions[key] = item.region
    groups = [RegionGroup(regions[key], items) for key, items in
              sorted(by_region.items(), key=lambda kv: (kv[0] is None,
                                                        regions[kv[0]].label if regions[kv[0]]
                                                        else ""))]
    definition = read.choose(d.literals(SKOS + "definition"))
    return {
        "definition": definition.value if definition else None,
        "definition_lang": (definition.lang or "") if definition else "",
        "elements": listed_elements,
        "schemes": [known.ref(s) for s in dict.fromkeys(schemes)],
        "spellings": sorted({v.value for v in d.literals(SKOS + "altLabel")}, key=str.casefold),
        "groups": groups,
        "innovation_count": sum(len(g.items) for g in groups),
        "cuts": {"innovations": cut(listed, len(innovations), count)},
        "awards": awards(awarded, known),
        "show_date": show_date,
    }
