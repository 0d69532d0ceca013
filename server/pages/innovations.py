"""Pages of an innovation (kc:Innovation, kc:QuickWin) and of a dimension (kc:Dimension)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kotacerdas.server.browse import page_kind
from kotacerdas.server.describe import Description
from kotacerdas.server.i18n import show_date
from kotacerdas.server.pages.agents_lib import choose_literal, iri_of
from kotacerdas.server.pages.regions import InnovationItem, awards, innovation_items
from kotacerdas.server.pages.regions_lib import (
    KC,
    Inference,
    Ref,
    dimension_rank,
    inference,
    inferences_for,
    name_key,
    names,
    quotes_for,
    ref,
    run,
    values,
)
from kotacerdas.server.terms import IRI, Literal

INNOVATION_TYPES = {KC + "Innovation", KC + "QuickWin"}
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SCHEMA_DESCRIPTION = "https://schema.org/description"


@dataclass
class Fact:
    """A value of the page's resource, and why it is there if the source only implies it."""

    ref: Ref | None = None
    text: str | None = None
    lang: str = ""
    inferred: Inference | None = None


def is_innovation(d: Description) -> bool:
    return bool(INNOVATION_TYPES & set(d.types))


def is_dimension(d: Description) -> bool:
    return KC + "Dimension" in d.types


def _literal_facts(d: Description, predicate: str,
                   inferred: dict[tuple[str, str], list[Inference]]) -> list[Fact]:
    """The literals of `predicate`: the one in the interface language (else any)."""
    literals = [v for v in d.values(predicate) if isinstance(v, Literal)]
    chosen = choose_literal(literals)
    if chosen is None:
        return []
    return [Fact(text=chosen.value, lang=chosen.lang or "",
                 inferred=inference(inferred, d.iri, predicate, chosen))]


def _ref_facts(d: Description, predicate: str, refs: dict[str, Ref],
               inferred: dict[tuple[str, str], list[Inference]]) -> list[Fact]:
    return [Fact(ref=ref(v.value, refs), inferred=inference(inferred, d.iri, predicate, v))
            for v in d.values(predicate) if isinstance(v, IRI)]


@page_kind(is_innovation, "innovation.html")
def innovation_page(d: Description) -> dict[str, Any]:
    linked = [v.value for s in d.statements if isinstance(v := s.value, IRI)
              and s.predicate.startswith(KC)]
    refs = names(linked)
    inferred = inferences_for([d.iri])
    region = iri_of(d.first(KC + "region"))
    categories = [v.value for v in d.values(KC + "category") if isinstance(v, IRI)]
    spellings = sorted({v.value for v in d.values(SKOS + "altLabel") if isinstance(v, Literal)})
    return {
        "is_quick_win": KC + "QuickWin" in d.types,
        "region": _ref_facts(d, KC + "region", refs, inferred),
        "dimensions": sorted(_ref_facts(d, KC + "dimension", refs, inferred),
                             key=lambda f: dimension_rank(f.ref.iri if f.ref else None)),
        "elements": _ref_facts(d, KC + "dimensionElement", refs, inferred),
        "categories": _ref_facts(d, KC + "category", refs, inferred),
        "expansion": _literal_facts(d, KC + "expansion", inferred),
        "description": _literal_facts(d, SCHEMA_DESCRIPTION, inferred),
        "year": [Fact(text=v.value, inferred=inference(inferred, d.iri, KC + "year", v))
                 for v in d.values(KC + "year") if isinstance(v, Literal)],
        "sites": _ref_facts(d, KC + "site", refs, inferred),
        "presented_at": _ref_facts(d, KC + "presentedAt", refs, inferred),
        "implemented_by": _ref_facts(d, KC + "implementedBy", refs, inferred),
        "spellings": spellings,
        "notes": [v.value for v in d.values(SKOS + "note") if isinstance(v, Literal)],
        "awards": awards(f"?a kc:awardedFor <{d.iri}> ."),
        "quotes": quotes_for([d.iri]).get(d.iri, []),
        "same_kind": same_kind(d, region, categories),
        "same_kind_by": "category" if categories else "name",
        "show_date": show_date,
    }


def same_kind(d: Description, region: str | None, categories: list[str]
              ) -> list[InnovationItem]:
    """Innovations in other regions sharing a kc:category; with no category, sharing the
    normalised name (lower-case, without punctuation) of any label or spelling."""
    if categories:
        found: set[str] = set()
        for block in values(categories):
            rows = run(f"""SELECT DISTINCT ?i ?r WHERE {{ VALUES ?c {{ {block} }}
                  VALUES ?type {{ kc:Innovation kc:QuickWin }}
                  ?i kc:category ?c ; a ?type . OPTIONAL {{ ?i kc:region ?r }} }}""")
            found.update(i for row in rows if (i := iri_of(row["i"])) and i != d.iri
                         and iri_of(row.get("r")) != region)
    else:
        own = {name_key(v.value) for v in d.values(RDFS_LABEL) + d.values(SKOS + "altLabel")
               if isinstance(v, Literal)} - {""}
        rows = run("""SELECT DISTINCT ?i ?r ?name WHERE {
              VALUES ?type { kc:Innovation kc:QuickWin }
              ?i a ?type ; rdfs:label|skos:altLabel ?name .
              OPTIONAL { ?i kc:region ?r } }""", max_rows=200_000)
        found = {i for row in rows if (i := iri_of(row["i"])) and i != d.iri
                 and iri_of(row.get("r")) != region and isinstance(row["name"], Literal)
                 and name_key(row["name"].value) in own}
    if not found:
        return []
    by_iri: dict[str, InnovationItem] = {}
    for block in values(sorted(found)):
        for item, _dimension in innovation_items(f"VALUES ?i {{ {block} }}"):
            by_iri.setdefault(item.ref.iri, item)
    return sorted(by_iri.values(), key=lambda i: (i.region.label if i.region else "",
                                                  i.ref.label.casefold()))


@dataclass
class Element:
    ref: Ref
    definition: str | None
    lang: str


@dataclass
class RegionGroup:
    region: Ref | None
    items: list[InnovationItem]


@page_kind(is_dimension, "dimension.html")
def dimension_page(d: Description) -> dict[str, Any]:
    definition = choose_literal([v for v in d.values(SKOS + "definition")
                               if isinstance(v, Literal)])
    elements = [v.value for v in d.values(SKOS + "narrower") if isinstance(v, IRI)]
    schemes = [v.value for v in d.values(SKOS + "inScheme") + d.values(SKOS + "topConceptOf")
               if isinstance(v, IRI)]
    refs = names([*elements, *schemes])
    element_definitions: dict[str, list[Literal]] = defaultdict(list)
    for block in values(elements):
        for row in run(f"""SELECT ?e ?definition WHERE {{ VALUES ?e {{ {block} }}
              ?e skos:definition ?definition }}"""):
            e, value = iri_of(row["e"]), row["definition"]
            if e and isinstance(value, Literal):
                element_definitions[e].append(value)
    listed_elements = []
    for e in sorted(elements, key=lambda e: ref(e, refs).label.casefold()):
        chosen = choose_literal(element_definitions.get(e, []))
        listed_elements.append(Element(ref(e, refs), chosen.value if chosen else None,
                                       (chosen.lang or "") if chosen else ""))
    by_region: dict[str | None, list[InnovationItem]] = defaultdict(list)
    regions: dict[str | None, Ref | None] = {}
    for item, dimension in innovation_items(f"?i kc:dimension <{d.iri}> ."):
        if dimension == d.iri:
            key = item.region.iri if item.region else None
            by_region[key].append(item)
            regions[key] = item.region
    groups = [RegionGroup(regions[key], items) for key, items in
              sorted(by_region.items(), key=lambda kv: (kv[0] is None,
                                                        regions[kv[0]].label if regions[kv[0]]
                                                        else ""))]
    spellings = sorted({v.value for v in d.values(SKOS + "altLabel") if isinstance(v, Literal)},
                       key=str.casefold)
    return {
        "definition": definition.value if definition else None,
        "definition_lang": (definition.lang or "") if definition else "",
        "elements": listed_elements,
        "schemes": [ref(s, refs) for s in dict.fromkeys(schemes)],
        "spellings": spellings,
        "groups": groups,
        "innovation_count": sum(len(g.items) for g in groups),
        "awards": awards(f"?a kc:dimension <{d.iri}> ."),
        "show_date": show_date,
    }
