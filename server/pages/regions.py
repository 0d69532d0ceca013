"""Pages of a kabupaten/kota (kc:Regency, kc:City) and of a province (kc:Province)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from rdflib import URIRef

from kotacerdas.graph.queries import canned_queries
from kotacerdas.server.browse import page_kind
from kotacerdas.server.describe import RDF_TYPE, Description, iri_ok
from kotacerdas.server.i18n import pick, show_date
from kotacerdas.server.pages.agents_lib import choose_literal, iri_of, text_of
from kotacerdas.server.pages.recurring import similar_regions
from kotacerdas.server.pages.regions_lib import (
    KC,
    Inference,
    Quote,
    Ref,
    dimension_rank,
    gazetteer_source,
    inference,
    inferences_for,
    names,
    quotes_for,
    ref,
    run,
    values,
)
from kotacerdas.server.state import most_specific
from kotacerdas.server.terms import IRI, Literal

REGION_TYPES = {KC + "Regency", KC + "City"}
ROLE_ORDER = [f"https://w3id.org/kotacerdas/role/{slug}" for slug in (
    "bupati", "wali-kota", "pj-bupati", "wakil-bupati", "wakil-wali-kota", "sekretaris-daerah",
    "asisten", "kepala-bappeda", "kepala-dinas", "inspektur")]


@dataclass
class Participation:
    ref: Ref
    quotes: list[Quote]
    cohort: Ref | None = None
    cohort_year: str | None = None
    cohort_inferred: Inference | None = None
    cohort_quotes: list[Quote] = field(default_factory=list)
    phase: str | None = None
    inferred: Inference | None = None  # the participation itself (its kc:region)


@dataclass
class Masterplan:
    ref: Ref
    year: str | None
    quotes: list[Quote]
    presented_at: list[Ref] = field(default_factory=list)


@dataclass
class Decree:
    ref: Ref
    number: str | None
    year: str | None
    title: str | None
    signed_on: str | None
    quotes: list[Quote]


@dataclass
class Council:
    ref: Ref
    description: str | None
    quotes: list[Quote]
    decrees: list[Decree] = field(default_factory=list)


@dataclass
class PostRow:
    post: Ref
    organisation: Ref
    person: Ref | None
    capacity: str
    attested_on: str | None
    ended_before: str | None
    date_inferred: Inference | None
    place_inferred: Inference | None  # the post's org:postIn or its unit's part in the pemda
    quotes: list[Quote]
    role: str | None = None  # the post's role (for ordering)


@dataclass
class EventRow:
    event: Ref
    kinds: list[str]
    stage: str | None
    start: str | None
    end: str | None
    venue: Ref | None
    parent: Ref | None
    quotes: list[Quote]
    presented: list[Ref] = field(default_factory=list)  # innovations, masterplans shown there


@dataclass
class SimilarRegion:
    region: Ref
    score: float
    shared: list[Ref]  # the kinds of innovation both have


@dataclass
class InnovationItem:
    ref: Ref
    year: str | None
    quick_win: bool
    dimension_inferred: Inference | None
    quotes: list[Quote]
    region: Ref | None = None
    year_inferred: Inference | None = None
    quick_win_inferred: Inference | None = None


@dataclass
class DimensionGroup:
    dimension: Ref | None  # None: dimension not known
    items: list[InnovationItem]


@dataclass
class Award:
    ref: Ref
    year: str | None
    recipient: Ref | None
    quotes: list[Quote] = field(default_factory=list)


def awards(pattern: str) -> list[Award]:
    """Awards matching `pattern` (on ?a, built from validated IRIs)."""
    rows = run(f"""SELECT ?a ?year ?recipient WHERE {{ ?a a kc:Award . {pattern}
          OPTIONAL {{ ?a kc:year ?year }} OPTIONAL {{ ?a kc:recipient ?recipient }} }}""")
    found: dict[str, dict[str, str | None]] = {}
    for row in rows:
        a = iri_of(row["a"])
        if a:
            entry = found.setdefault(a, {"year": None, "recipient": None})
            entry["year"] = entry["year"] or text_of(row.get("year"))
            entry["recipient"] = entry["recipient"] or iri_of(row.get("recipient"))
    refs = names([*found, *(e["recipient"] for e in found.values())])
    quotes = quotes_for(found)
    return [Award(ref(a, refs), e["year"], ref(e["recipient"], refs) if e["recipient"] else None,
                  quotes.get(a, [])) for a, e in sorted(found.items())]


def is_region(d: Description) -> bool:
    return bool(REGION_TYPES & set(d.types))


def is_province(d: Description) -> bool:
    return KC + "Province" in d.types


@page_kind(is_region, "region.html")
def region_page(d: Description) -> dict[str, Any]:
    region = d.iri
    code = text_of(d.first(KC + "regionCode"))
    province_iri = iri_of(d.first("https://schema.org/containedInPlace"))
    governments = [iri_of(row["g"])
                   for row in run(f"SELECT ?g WHERE {{ ?g kc:governs <{region}> }}")]
    governments = sorted({g for g in governments if g})
    participations = _participations(region)
    masterplans = _masterplans(region)
    councils = _councils(governments)
    posts = _posts(governments)
    events = _events(region)
    groups = innovation_groups(f"?i kc:region <{region}> .")
    similar = similar_regions(region)
    history = _province_history(region)
    refs = names([*governments, *([province_iri] if province_iri else []),
                  *(h.province for h in history),
                  *(s.region for s in similar), *(c for s in similar for c in s.shared)])
    kind = "Regency" if KC + "Regency" in d.types else "City"
    government_quotes = quotes_for(governments)
    awarded = awards(f"?a kc:recipient ?g . VALUES ?g {{ {' '.join(values(governments))} }}"
                     ) if governments else []
    # What the sources say, section by section: the page shows those they fill and names
    # the others in one line.
    said = {"participation": bool(participations), "masterplan": bool(masterplans),
            "councils": bool(councils), "posts": bool(posts), "events": bool(events),
            "innovations": bool(groups), "awards": bool(awarded)}
    return {
        "code": code,
        "new_codes": [text_of(n) for n in d.values("http://www.w3.org/2004/02/skos/core#notation")
                      if text_of(n) != code],
        "names": _names(d),
        "kind_label": {"Regency": {"id": "Kabupaten", "en": "Regency"},
                       "City": {"id": "Kota", "en": "City"}}[kind],
        "province": ref(province_iri, refs) if province_iri else None,
        "province_history": [replace(h, province=ref(h.province, refs)) for h in history],
        "gazetteer": gazetteer_source(),
        "governments": [ref(g, refs) for g in governments],
        "government_quotes": government_quotes,
        "participations": participations,
        "masterplans": masterplans,
        "councils": councils,
        "posts": posts,
        "events": events,
        "groups": groups,
        "awards": awarded,
        "show_date": show_date,
        "similar": [SimilarRegion(ref(s.region, refs), s.score, [ref(c, refs) for c in s.shared])
                    for s in similar],
        "said": said,
        "known": any(said.values()) or any(government_quotes.values()),
    }


@dataclass
class ProvinceSpell:
    """The province a region belonged to over a time (regions that moved in 2022)."""

    province: Any  # an IRI, then its Ref
    since: str | None
    until: str | None
    law: str | None


def _province_history(region: str) -> list[ProvinceSpell]:
    rows = run(f"""SELECT ?p ?from ?through ?note WHERE {{
          <{region}> kc:provinceMembership ?m . ?m kc:province ?p .
          OPTIONAL {{ ?m schema:validFrom ?from }} OPTIONAL {{ ?m schema:validThrough ?through }}
          OPTIONAL {{ ?m skos:note ?note }} }}""")
    spells = [ProvinceSpell(iri_of(row["p"]), text_of(row.get("from")),
                            text_of(row.get("through")), text_of(row.get("note")))
              for row in rows if iri_of(row["p"])]
    return sorted(spells, key=lambda s: s.since or "")


def _names(d: Description) -> list[tuple[str, str, str]]:
    """The region's names: (what, name, language), official names first, then as written."""
    found = []
    for kind, predicate in (("label", "http://www.w3.org/2000/01/rdf-schema#label"),
                            ("spelling", "http://www.w3.org/2004/02/skos/core#altLabel")):
        for value in d.values(predicate):
            if isinstance(value, Literal):
                found.append((kind, value.value, value.lang or ""))
    return sorted(found, key=lambda n: (n[0], n[2] != "id", n[1]))


def _participations(region: str) -> list[Participation]:
    rows = run(f"""SELECT ?p ?cohort ?year ?phase WHERE {{
          ?p a kc:Participation ; kc:region <{region}> .
          OPTIONAL {{ ?p kc:cohort ?cohort . OPTIONAL {{ ?cohort kc:year ?year }} }}
          OPTIONAL {{ ?p kc:phaseLabel ?phase }} }}""")
    by_iri: dict[str, dict[str, Any]] = {}
    for row in rows:
        p = iri_of(row["p"])
        if p:
            entry = by_iri.setdefault(p, {"cohort": None, "year": None, "phase": None})
            entry["cohort"] = entry["cohort"] or iri_of(row.get("cohort"))
            entry["year"] = entry["year"] or text_of(row.get("year"))
            entry["phase"] = entry["phase"] or text_of(row.get("phase"))
    cohorts = [e["cohort"] for e in by_iri.values() if e["cohort"]]
    refs = names([*by_iri, *cohorts])
    quotes = quotes_for([*by_iri, *cohorts])
    inferred = inferences_for(by_iri)
    found = []
    for p, entry in sorted(by_iri.items()):
        cohort = entry["cohort"]
        found.append(Participation(
            ref(p, refs), quotes.get(p, []),
            ref(cohort, refs) if cohort else None, entry["year"],
            inference(inferred, p, KC + "cohort", IRI(cohort) if cohort else None),
            quotes.get(cohort, []) if cohort else [], entry["phase"],
            inference(inferred, p, KC + "region")))
    return found


def _masterplans(region: str) -> list[Masterplan]:
    rows = run(f"""SELECT ?m ?year ?event WHERE {{
          ?m a kc:Masterplan ; kc:region <{region}> .
          OPTIONAL {{ ?m kc:year ?year }} OPTIONAL {{ ?m kc:presentedAt ?event }} }}""")
    plans: dict[str, dict[str, Any]] = {}
    for row in rows:
        m = iri_of(row["m"])
        if m:
            entry = plans.setdefault(m, {"year": None, "events": []})
            entry["year"] = entry["year"] or text_of(row.get("year"))
            event = iri_of(row.get("event"))
            if event and event not in entry["events"]:
                entry["events"].append(event)
    refs = names([*plans, *(e for p in plans.values() for e in p["events"])])
    quotes = quotes_for(plans)
    return [Masterplan(ref(m, refs), entry["year"], quotes.get(m, []),
                       [ref(e, refs) for e in entry["events"]])
            for m, entry in sorted(plans.items())]


def _councils(governments: list[str]) -> list[Council]:
    if not governments:
        return []
    block = " ".join(f"<{g}>" for g in governments if iri_ok(g))
    rows = run(f"""SELECT ?c ?description ?decree ?number ?year ?title ?signed WHERE {{
          VALUES ?g {{ {block} }}
          ?c kc:councilOf ?g .
          OPTIONAL {{ ?c schema:description ?description }}
          OPTIONAL {{ {{ ?c kc:establishedBy ?decree }} UNION {{ ?decree kc:establishes ?c }}
                      OPTIONAL {{ ?decree kc:number ?number }}
                      OPTIONAL {{ ?decree kc:year ?year }}
                      OPTIONAL {{ ?decree dct:title ?title }}
                      OPTIONAL {{ ?decree kc:signedOn ?signed }} }} }}""")
    councils: dict[str, dict[str, Any]] = {}
    decrees: dict[str, dict[str, str | None]] = {}
    for row in rows:
        c = iri_of(row["c"])
        if not c:
            continue
        entry = councils.setdefault(c, {"description": [], "decrees": []})
        description = row.get("description")
        if description is not None and description not in entry["description"]:
            entry["description"].append(description)
        decree = iri_of(row.get("decree"))
        if decree:
            if decree not in entry["decrees"]:
                entry["decrees"].append(decree)
            known = decrees.setdefault(decree, {"number": None, "year": None, "title": None,
                                                "signed": None})
            for key in known:
                known[key] = known[key] or text_of(row.get(key))
    refs = names([*councils, *decrees])
    quotes = quotes_for([*councils, *decrees])
    found = []
    for c, entry in sorted(councils.items()):
        description = choose_literal(entry["description"])
        found.append(Council(
            ref(c, refs), description.value if description else None, quotes.get(c, []),
            [Decree(ref(dc, refs), decrees[dc]["number"], decrees[dc]["year"],
                    decrees[dc]["title"], show_date(decrees[dc]["signed"]),
                    quotes.get(dc, [])) for dc in entry["decrees"]]))
    return found


def _posts(governments: list[str]) -> list[PostRow]:
    if not governments:
        return []
    block = " ".join(f"<{g}>" for g in governments if iri_ok(g))
    rows = run(f"""SELECT DISTINCT ?post ?org ?postRole ?holding ?person ?role ?attested ?ended
          WHERE {{
          VALUES ?g {{ {block} }}
          ?org org:subOrganizationOf* ?g .
          ?post org:postIn ?org .
          OPTIONAL {{ ?post org:role ?postRole }}
          OPTIONAL {{ ?holding kc:post ?post ; org:member ?person .
                      OPTIONAL {{ ?holding org:role ?role }}
                      OPTIONAL {{ ?holding kc:attestedOn ?attested }}
                      OPTIONAL {{ ?holding kc:endedBefore ?ended }} }} }}""")
    seen: set[tuple[str, str | None]] = set()
    wanted: list[dict[str, str | None]] = []
    for row in rows:
        post, org = iri_of(row["post"]), iri_of(row["org"])
        if not post or not org:
            continue
        holding = iri_of(row.get("holding"))
        if (post, holding) in seen:
            continue
        seen.add((post, holding))
        wanted.append({"post": post, "org": org, "holding": holding,
                       "person": iri_of(row.get("person")),
                       "role": iri_of(row.get("role")) or iri_of(row.get("postRole")),
                       "post_role": iri_of(row.get("postRole")),
                       "attested": text_of(row.get("attested")),
                       "ended": text_of(row.get("ended"))})
    things = {v for w in wanted for k, v in w.items()
              if v and k in ("post", "org", "holding", "person", "role")}
    refs = names(things)
    quotes = quotes_for([w["holding"] or w["post"] for w in wanted if w["holding"] or w["post"]])
    inferred = inferences_for({v for w in wanted for k, v in w.items()
                               if v and k in ("post", "org", "holding")})
    found = []
    for w in wanted:
        post, org, holding = str(w["post"]), str(w["org"]), w["holding"]
        date_inferred = None
        if holding:
            date_inferred = (inference(inferred, holding, KC + "attestedOn")
                             or inference(inferred, holding, KC + "endedBefore"))
        place_inferred = (inference(inferred, post, "http://www.w3.org/ns/org#postIn")
                          or inference(inferred, org, "http://www.w3.org/ns/org#subOrganizationOf"))
        found.append(PostRow(
            ref(post, refs), ref(org, refs), ref(w["person"], refs) if w["person"] else None,
            ref(w["role"], refs).label if w["role"] else "",
            w["attested"], w["ended"], date_inferred, place_inferred,
            quotes.get(holding or post, []), w["post_role"]))
    found.sort(key=lambda r: (r.organisation.iri not in governments, r.organisation.label,
                              ROLE_ORDER.index(r.role) if r.role in ROLE_ORDER else len(ROLE_ORDER),
                              r.post.label, r.attested_on or r.ended_before or "",
                              r.person.label if r.person else ""))
    return found


def _events(region: str) -> list[EventRow]:
    """The events of queries/events-of-region.rq (sub-events take their parent's dates)."""
    query = canned_queries()["events-of-region"].bound_text({"region": URIRef(region)})
    rows = run(_strip_prefixes(query))
    events: dict[str, dict[str, Any]] = {}
    for row in rows:
        event = iri_of(row["event"])
        if not event:
            continue
        entry = events.setdefault(event, {"kinds": [], "stage": text_of(row.get("stageLabel")),
                                          "start": text_of(row.get("start")),
                                          "end": text_of(row.get("end")), "venue": None})
        kind = iri_of(row.get("kind"))
        if kind and kind not in entry["kinds"]:
            entry["kinds"].append(kind)
    if not events:
        return []
    # Superclasses may be stated too (an evaluation of a masterplan is an evaluation): the
    # page names the most specific kinds.
    for entry in events.values():
        entry["kinds"] = most_specific(entry["kinds"])
    block = " ".join(f"<{e}>" for e in events)
    for row in run(f"""SELECT ?e ?venue ?parent ?stage WHERE {{ VALUES ?e {{ {block} }}
          OPTIONAL {{ ?e kc:stage ?stage }}
          OPTIONAL {{ ?e schema:superEvent ?parent }}
          OPTIONAL {{ ?e schema:location|schema:superEvent/schema:location ?venue }} }}"""):
        e = iri_of(row["e"])
        if e in events:
            events[e]["venue"] = events[e]["venue"] or iri_of(row.get("venue"))
            events[e]["parent"] = events[e].get("parent") or iri_of(row.get("parent"))
            events[e]["stage_iri"] = events[e].get("stage_iri") or iri_of(row.get("stage"))
    things = {*events}
    for entry in events.values():
        things.update(entry["kinds"])
        things.update(v for v in (entry["venue"], entry.get("parent"), entry.get("stage_iri"))
                      if v)
    presented: dict[str, list[str]] = defaultdict(list)
    for row in run(f"""SELECT ?e ?x WHERE {{ VALUES ?e {{ {block} }} ?x kc:presentedAt ?e }}"""):
        e, x = iri_of(row["e"]), iri_of(row["x"])
        if e and x and x not in presented[e]:
            presented[e].append(x)
    things.update(x for xs in presented.values() for x in xs)
    refs = names(things)
    quotes = quotes_for(events)
    found = [EventRow(ref(e, refs), [ref(k, refs).label for k in entry["kinds"]],
                      ref(entry["stage_iri"], refs).label if entry.get("stage_iri")
                      else entry["stage"], entry["start"], entry["end"],
                      ref(entry["venue"], refs) if entry["venue"] else None,
                      ref(entry["parent"], refs) if entry.get("parent") else None,
                      quotes.get(e, []),
                      sorted((ref(x, refs) for x in presented.get(e, [])),
                             key=lambda r: r.label.casefold()))
             for e, entry in events.items()]
    found.sort(key=lambda r: (r.start or "9999", r.event.label))
    return found


def _strip_prefixes(query: str) -> str:
    """The canned query without its comment header (our PREFIXes come first)."""
    return "\n".join(line for line in query.splitlines() if not line.startswith("#"))


def innovation_items(pattern: str) -> list[tuple[InnovationItem, str | None]]:
    """Innovations matching `pattern` (on ?i, built from validated IRIs), each with its
    dimension (or None)."""
    rows = run(f"""SELECT ?i ?type ?year ?dimension ?region WHERE {{
          VALUES ?type {{ kc:Innovation kc:QuickWin }}
          ?i a ?type . {pattern}
          OPTIONAL {{ ?i kc:year ?year }} OPTIONAL {{ ?i kc:dimension ?dimension }}
          OPTIONAL {{ ?i kc:region ?region }} }}""")
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        i = iri_of(row["i"])
        if not i:
            continue
        entry = found.setdefault(i, {"quick": False, "year": None, "dimensions": [],
                                     "region": None})
        entry["quick"] = entry["quick"] or iri_of(row["type"]) == KC + "QuickWin"
        entry["year"] = entry["year"] or text_of(row.get("year"))
        entry["region"] = entry["region"] or iri_of(row.get("region"))
        dimension = iri_of(row.get("dimension"))
        if dimension and dimension not in entry["dimensions"]:
            entry["dimensions"].append(dimension)
    refs = names([*found, *(e["region"] for e in found.values() if e["region"])])
    quotes = quotes_for(found)
    inferred = inferences_for(found)
    items: list[tuple[InnovationItem, str | None]] = []
    for i, entry in found.items():
        dimensions = entry["dimensions"] or [None]
        for dimension in dimensions:
            items.append((InnovationItem(
                ref(i, refs), entry["year"], entry["quick"],
                inference(inferred, i, KC + "dimension", IRI(dimension)) if dimension else None,
                quotes.get(i, []), ref(entry["region"], refs) if entry["region"] else None,
                inference(inferred, i, KC + "year"),
                inference(inferred, i, RDF_TYPE, IRI(KC + "QuickWin"))),
                dimension))
    items.sort(key=lambda pair: (pair[0].region.label if pair[0].region else "",
                                 pair[0].year or "", pair[0].ref.label.casefold()))
    return items


def innovation_groups(pattern: str) -> list[DimensionGroup]:
    """Innovations by dimension, in the scheme's order, then those of no known dimension."""
    items = innovation_items(pattern)
    by_dimension: dict[str | None, list[InnovationItem]] = defaultdict(list)
    for item, dimension in items:
        by_dimension[dimension].append(item)
    refs = names(d for d in by_dimension if d)
    return [DimensionGroup(ref(d, refs) if d else None, by_dimension[d])
            for d in sorted(by_dimension, key=dimension_rank)]


@dataclass
class Member:
    ref: Ref
    code: str
    kind: str
    participations: list[Participation]


@page_kind(is_province, "province.html")
def province_page(d: Description) -> dict[str, Any]:
    province = d.iri
    rows = run(f"""SELECT ?r ?type ?code ?p WHERE {{
          VALUES ?type {{ kc:Regency kc:City }}
          ?r schema:containedInPlace <{province}> ; a ?type .
          OPTIONAL {{ ?r kc:regionCode ?code }}
          OPTIONAL {{ ?p a kc:Participation ; kc:region ?r }} }}""")
    members: dict[str, dict[str, Any]] = {}
    for row in rows:
        r = iri_of(row["r"])
        if not r:
            continue
        entry = members.setdefault(r, {"code": text_of(row.get("code")) or "",
                                       "kind": iri_of(row["type"]), "parts": []})
        p = iri_of(row.get("p"))
        if p and p not in entry["parts"]:
            entry["parts"].append(p)
    parts = [p for e in members.values() for p in e["parts"]]
    cohorts: dict[str, tuple[str | None, str | None]] = {}
    if parts:
        block = " ".join(f"<{p}>" for p in parts)
        for row in run(f"""SELECT ?p ?cohort ?year WHERE {{ VALUES ?p {{ {block} }}
              ?p kc:cohort ?cohort . OPTIONAL {{ ?cohort kc:year ?year }} }}"""):
            p = iri_of(row["p"])
            if p:
                cohorts[p] = (iri_of(row["cohort"]), text_of(row.get("year")))
    refs = names([*members, *parts, *(c for c, _ in cohorts.values() if c)])
    quotes = quotes_for(parts)
    inferred = inferences_for(parts)
    kinds = {KC + "Regency": {"id": "Kabupaten", "en": "Regency"},
             KC + "City": {"id": "Kota", "en": "City"}}
    listed = []
    for r, entry in members.items():
        participations = []
        for p in entry["parts"]:
            cohort, year = cohorts.get(p, (None, None))
            participations.append(Participation(
                ref(p, refs), quotes.get(p, []), ref(cohort, refs) if cohort else None, year,
                inference(inferred, p, KC + "cohort", IRI(cohort) if cohort else None),
                inferred=inference(inferred, p, KC + "region")))
        listed.append(Member(ref(r, refs), entry["code"],
                             pick(kinds.get(entry["kind"], {"id": ""})), participations))
    listed.sort(key=lambda m: m.code)
    country = iri_of(d.first("https://schema.org/containedInPlace"))
    country_refs = names([country]) if country else {}
    return {
        "code": text_of(d.first(KC + "regionCode")),
        "country": ref(country, country_refs) if country else None,
        "members": listed,
        "taking_part": [m for m in listed if m.participations],
        "gazetteer": gazetteer_source(),
        "show_date": show_date,
    }
