"""Pages of a kabupaten/kota (kc:Regency, kc:City) and of a province (kc:Province).

Each page is read in three round trips: the description (browse.py), the page's own queries
bound to the region, then the labels, quotations and inferences of what they found.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from kotacerdas.server.i18n import pick, show_date
from kotacerdas.server.pages.common import dimension_rank, gazetteer_source
from kotacerdas.server.pages.recurring import similar_regions
from kotacerdas.server.read import (
    KC,
    ORG,
    RDF_TYPE,
    SKOS,
    Description,
    Inference,
    Knowledge,
    Query,
    Quote,
    Reader,
    Ref,
    Row,
    Section,
    cut,
    iri_of,
    text_of,
)
from kotacerdas.server.state import reader
from kotacerdas.server.terms import IRI, Literal

REGION_TYPES = {KC + "Regency", KC + "City"}
ROLE_ORDER = [f"https://w3id.org/kotacerdas/role/{slug}" for slug in (
    "bupati", "wali-kota", "pj-bupati", "wakil-bupati", "wakil-wali-kota", "sekretaris-daerah",
    "asisten", "kepala-bappeda", "kepala-dinas", "inspektur")]
KIND_LABELS = {KC + "Regency": {"id": "Kabupaten", "en": "Regency"},
               KC + "City": {"id": "Kota", "en": "City"}}


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


# ---------------------------------------------------------------- shared sections

def awards_query(pattern: str, this: str) -> Query:
    """Awards matching `pattern` on ?a and the bound ?this."""
    return Query(f"""SELECT ?this ?a ?year ?recipient WHERE {{ ?a a kc:Award . {pattern}
          OPTIONAL {{ ?a kc:year ?year }} OPTIONAL {{ ?a kc:recipient ?recipient }} }}""",
                 this=IRI(this))


def read_awards(rows: list[Row]) -> dict[str, dict[str, str | None]]:
    found: dict[str, dict[str, str | None]] = {}
    for row in rows:
        a = iri_of(row["a"])
        if a:
            entry = found.setdefault(a, {"year": None, "recipient": None})
            entry["year"] = entry["year"] or text_of(row.get("year"))
            entry["recipient"] = entry["recipient"] or iri_of(row.get("recipient"))
    return found


def award_iris(found: dict[str, dict[str, str | None]]) -> list[str | None]:
    return [*found, *(e["recipient"] for e in found.values())]


def awards(found: dict[str, dict[str, str | None]], known: Knowledge) -> list[Award]:
    return [Award(known.ref(a), e["year"], known.ref(e["recipient"]) if e["recipient"] else None,
                  known.quotes(a)) for a, e in sorted(found.items())]


def innovations_query(pattern: str, **bindings: IRI) -> Query:
    """Innovations matching `pattern` on ?i (and the bound variables, projected)."""
    projected = " ".join(f"?{name}" for name in bindings)
    return Query(f"""SELECT {projected} ?i ?type ?year ?dimension ?region WHERE {{
          VALUES ?type {{ kc:Innovation kc:QuickWin }}
          ?i a ?type . {pattern}
          OPTIONAL {{ ?i kc:year ?year }} OPTIONAL {{ ?i kc:dimension ?dimension }}
          OPTIONAL {{ ?i kc:region ?region }} }}""", **bindings)


INNOVATION = "?i a ?type . VALUES ?type { kc:Innovation kc:QuickWin }"


def innovations_of(section: Section) -> Query:
    """The innovations of a section (item ?i), with their facts."""
    return Query(f"""SELECT ?this ?i ?type ?year ?dimension ?region WHERE {{ {section.items()}
          {INNOVATION} OPTIONAL {{ ?i kc:year ?year }} OPTIONAL {{ ?i kc:dimension ?dimension }}
          OPTIONAL {{ ?i kc:region ?region }} }}""", this=IRI(section.this))


def read_innovations(rows: list[Row]) -> dict[str, dict[str, Any]]:
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
    return found


def innovation_iris(found: dict[str, dict[str, Any]]) -> list[str]:
    """What the innovation items name: the innovations, their regions and dimensions."""
    return [*found, *(e["region"] for e in found.values() if e["region"]),
            *(d for e in found.values() for d in e["dimensions"])]


def items_of(found: dict[str, dict[str, Any]], known: Knowledge
             ) -> list[tuple[InnovationItem, str | None]]:
    """Each innovation once per dimension (or once with None), with its facts' sources."""
    items: list[tuple[InnovationItem, str | None]] = []
    for i, entry in found.items():
        for dimension in entry["dimensions"] or [None]:
            items.append((InnovationItem(
                known.ref(i), entry["year"], entry["quick"],
                known.inferred(i, KC + "dimension", IRI(dimension)) if dimension else None,
                known.quotes(i), known.ref(entry["region"]) if entry["region"] else None,
                known.inferred(i, KC + "year"),
                known.inferred(i, RDF_TYPE, IRI(KC + "QuickWin"))),
                dimension))
    items.sort(key=lambda pair: (pair[0].region.label if pair[0].region else "",
                                 pair[0].year or "", pair[0].ref.label.casefold()))
    return items


def innovation_items(pattern: str) -> list[tuple[InnovationItem, str | None]]:
    """Innovations matching `pattern` on ?i, read in two round trips (for the list pages)."""
    read = reader()
    found = read_innovations(read.run(innovations_query(pattern))[0])
    known, _ = read.lookup(names=innovation_iris(found), evidence=found, inferences=found)
    return items_of(found, known)


def innovation_groups(found: dict[str, dict[str, Any]], known: Knowledge
                      ) -> list[DimensionGroup]:
    """Innovations by dimension, in the scheme's order, then those of no known dimension."""
    by_dimension: dict[str | None, list[InnovationItem]] = defaultdict(list)
    for item, dimension in items_of(found, known):
        by_dimension[dimension].append(item)
    return [DimensionGroup(known.ref(d) if d else None, by_dimension[d])
            for d in sorted(by_dimension, key=dimension_rank)]


# ---------------------------------------------------------------- region

def is_region(d: Description, read: Reader) -> bool:
    return bool(REGION_TYPES & set(d.types))


def is_province(d: Description, read: Reader) -> bool:
    return KC + "Province" in d.types


# The events a region took part in, through its government, its units or its posts' holders
# (queries/events-of-region.rq's pattern; each branch binds the government first).
EVENTS_OF_REGION = """{ ?government kc:governs ?this .
        ?event kc:participant|kc:presenter|schema:organizer ?government }
      UNION
      { ?government kc:governs ?this . ?unit org:subOrganizationOf+ ?government .
        ?event kc:participant|kc:presenter|schema:organizer ?unit }
      UNION
      { ?government kc:governs ?this . ?post org:postIn/org:subOrganizationOf* ?government .
        ?event kc:participant|kc:presenter ?post }
      UNION
      { ?government kc:governs ?this . ?post org:postIn/org:subOrganizationOf* ?government .
        ?post org:heldBy ?person . ?event kc:participant|kc:presenter ?person }
      FILTER EXISTS { ?event rdfs:label ?label FILTER (lang(?label) = "id") }"""


def region_sections(region: str) -> dict[str, Section]:
    return {
        "posts": Section(region, """?g kc:governs ?this . ?org org:subOrganizationOf* ?g .
              ?post org:postIn ?org .""", "post"),
        "events": Section(region, EVENTS_OF_REGION, "event"),
        "innovations": Section(region, f"?i kc:region ?this . {INNOVATION}", "i"),
    }


def region_queries(region: str, sections: dict[str, Section]) -> list[Query]:
    this = IRI(region)
    return [
        Query("SELECT ?this ?g WHERE { ?g kc:governs ?this }", this=this),
        Query("""SELECT ?this ?p ?cohort ?year ?phase WHERE {
              ?p a kc:Participation ; kc:region ?this .
              OPTIONAL { ?p kc:cohort ?cohort . OPTIONAL { ?cohort kc:year ?year } }
              OPTIONAL { ?p kc:phaseLabel ?phase } }""", this=this),
        Query("""SELECT ?this ?m ?year ?event WHERE {
              ?m a kc:Masterplan ; kc:region ?this .
              OPTIONAL { ?m kc:year ?year } OPTIONAL { ?m kc:presentedAt ?event } }""",
              this=this),
        Query("""SELECT ?this ?c ?description ?decree ?number ?year ?title ?signed WHERE {
              ?g kc:governs ?this . ?c kc:councilOf ?g .
              OPTIONAL { ?c schema:description ?description }
              OPTIONAL { { ?c kc:establishedBy ?decree } UNION { ?decree kc:establishes ?c }
                         OPTIONAL { ?decree kc:number ?number }
                         OPTIONAL { ?decree kc:year ?year }
                         OPTIONAL { ?decree dct:title ?title }
                         OPTIONAL { ?decree kc:signedOn ?signed } } }""", this=this),
        Query(f"""SELECT DISTINCT ?this ?post ?org ?postRole ?holding ?person ?role ?attested
              ?ended WHERE {{ {sections["posts"].items()}
              ?g kc:governs ?this . ?org org:subOrganizationOf* ?g . ?post org:postIn ?org .
              OPTIONAL {{ ?post org:role ?postRole }}
              OPTIONAL {{ ?holding kc:post ?post ; org:member ?person .
                         OPTIONAL {{ ?holding org:role ?role }}
                         OPTIONAL {{ ?holding kc:attestedOn ?attested }}
                         OPTIONAL {{ ?holding kc:endedBefore ?ended }} }} }}""", this=this),
        # Sub-events take their parent's dates; kinds are the ontology's own, below kc:Event.
        Query(f"""SELECT ?this ?event ?kind ?stage ?ownStart ?ownEnd ?parent ?parentStart
              ?parentEnd ?venue ?presented WHERE {{ {sections["events"].items()}
              ?event a ?kind . FILTER (STRSTARTS(STR(?kind), STR(kc:)) && ?kind != kc:Event)
              OPTIONAL {{ ?event kc:stage ?stage }}
              OPTIONAL {{ ?event schema:startDate ?ownStart }}
              OPTIONAL {{ ?event schema:endDate ?ownEnd }}
              OPTIONAL {{ ?event schema:superEvent ?parent .
                          OPTIONAL {{ ?parent schema:startDate ?parentStart }}
                          OPTIONAL {{ ?parent schema:endDate ?parentEnd }} }}
              OPTIONAL {{ ?event schema:location|schema:superEvent/schema:location ?venue }}
              OPTIONAL {{ ?presented kc:presentedAt ?event }} }}""", this=this),
        innovations_of(sections["innovations"]),
        awards_query("?a kc:recipient ?g . ?g kc:governs ?this .", region),
        Query("""SELECT ?this ?p ?from ?through ?note WHERE {
              ?this kc:provinceMembership ?m . ?m kc:province ?p .
              OPTIONAL { ?m schema:validFrom ?from } OPTIONAL { ?m schema:validThrough ?through }
              OPTIONAL { ?m skos:note ?note } }""", this=this),
        *(section.count() for section in sections.values()),
    ]


def region_page(d: Description, read: Reader) -> dict[str, Any]:
    region = d.iri
    code = text_of(d.first(KC + "regionCode"))
    province_iri = iri_of(d.first("https://schema.org/containedInPlace"))
    sections = region_sections(region)
    (gov_rows, part_rows, plan_rows, council_rows, post_rows, event_rows, innovation_rows,
     award_rows, history_rows, *counts) = read.run(*region_queries(region, sections))
    governments = sorted({g for row in gov_rows if (g := iri_of(row.get("g")))})
    participations = _read_participations(part_rows)
    plans = _read_masterplans(plan_rows)
    councils, decrees = _read_councils(council_rows)
    posts = _read_posts(post_rows)
    events = _read_events(event_rows, read)
    innovations = read_innovations(innovation_rows)
    awarded = read_awards(award_rows)
    history = _province_history(history_rows)
    similar = similar_regions(region)
    cohorts = [e["cohort"] for e in participations.values() if e["cohort"]]
    post_things = {v for w in posts for k, v in w.items()
                   if v and k in ("post", "org", "holding", "person", "role")}
    event_things = {x for e, entry in events.items() for x in (
        e, *entry["kinds"], entry["venue"], entry["parent"], entry["stage"], *entry["presented"])
        if x}
    known, _ = read.lookup(
        names=[*governments, province_iri, *(h.province for h in history),
               *(s.region for s in similar), *(c for s in similar for c in s.shared),
               *participations, *cohorts, *plans, *(e for p in plans.values() for e in p["events"]),
               *councils, *decrees, *post_things, *event_things, *innovation_iris(innovations),
               *award_iris(awarded)],
        evidence=[*governments, *participations, *cohorts, *plans, *councils, *decrees,
                  *(w["holding"] or w["post"] for w in posts), *events, *innovations, *awarded],
        inferences=[*participations, *innovations,
                    *{v for w in posts for k, v in w.items()
                      if v and k in ("post", "org", "holding")}])
    participation_list = _participations(participations, known)
    masterplans = _masterplans(plans, known)
    council_list = _councils(councils, decrees, known, read)
    post_list = _posts(posts, governments, known)
    event_list = _events(events, known)
    groups = innovation_groups(innovations, known)
    award_list = awards(awarded, known)
    government_quotes = {g: known.quotes(g) for g in governments if known.quotes(g)}
    kind = KC + "Regency" if KC + "Regency" in d.types else KC + "City"
    # What the sources say, section by section: the page shows those they fill and names
    # the others in one line.
    said = {"participation": bool(participation_list), "masterplan": bool(masterplans),
            "councils": bool(council_list), "posts": bool(post_list),
            "events": bool(event_list), "innovations": bool(groups),
            "awards": bool(award_list)}
    shown = {"posts": len({w["post"] for w in posts}), "events": len(events),
             "innovations": len(innovations)}
    cuts = {name: cut(section, shown[name], found)
            for (name, section), found in zip(sections.items(), counts, strict=True)}
    return {
        "cuts": cuts,
        "code": code,
        "new_codes": [text_of(n) for n in d.values(SKOS + "notation") if text_of(n) != code],
        "names": _names(d),
        "kind_label": KIND_LABELS[kind],
        "province": known.ref(province_iri) if province_iri else None,
        "province_history": [replace(h, province=known.ref(h.province)) for h in history],
        "gazetteer": gazetteer_source(),
        "governments": [known.ref(g) for g in governments],
        "government_quotes": government_quotes,
        "participations": participation_list,
        "masterplans": masterplans,
        "councils": council_list,
        "posts": post_list,
        "events": event_list,
        "groups": groups,
        "awards": award_list,
        "show_date": show_date,
        "similar": [SimilarRegion(known.ref(s.region), s.score,
                                  [known.ref(c) for c in s.shared]) for s in similar],
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


def _province_history(rows: list[Row]) -> list[ProvinceSpell]:
    spells = [ProvinceSpell(iri_of(row["p"]), text_of(row.get("from")),
                            text_of(row.get("through")), text_of(row.get("note")))
              for row in rows if iri_of(row["p"])]
    return sorted(spells, key=lambda s: s.since or "")


def _names(d: Description) -> list[tuple[str, str, str]]:
    """The region's names: (what, name, language), official names first, then as written."""
    found = []
    for kind, predicate in (("label", "http://www.w3.org/2000/01/rdf-schema#label"),
                            ("spelling", SKOS + "altLabel")):
        for value in d.literals(predicate):
            found.append((kind, value.value, value.lang or ""))
    return sorted(found, key=lambda n: (n[0], n[2] != "id", n[1]))


def _read_participations(rows: list[Row]) -> dict[str, dict[str, Any]]:
    by_iri: dict[str, dict[str, Any]] = {}
    for row in rows:
        p = iri_of(row["p"])
        if p:
            entry = by_iri.setdefault(p, {"cohort": None, "year": None, "phase": None})
            entry["cohort"] = entry["cohort"] or iri_of(row.get("cohort"))
            entry["year"] = entry["year"] or text_of(row.get("year"))
            entry["phase"] = entry["phase"] or text_of(row.get("phase"))
    return by_iri


def _participations(by_iri: dict[str, dict[str, Any]], known: Knowledge
                    ) -> list[Participation]:
    found = []
    for p, entry in sorted(by_iri.items()):
        cohort = entry["cohort"]
        found.append(Participation(
            known.ref(p), known.quotes(p),
            known.ref(cohort) if cohort else None, entry["year"],
            known.inferred(p, KC + "cohort", IRI(cohort) if cohort else None),
            known.quotes(cohort), entry["phase"], known.inferred(p, KC + "region")))
    return found


def _read_masterplans(rows: list[Row]) -> dict[str, dict[str, Any]]:
    plans: dict[str, dict[str, Any]] = {}
    for row in rows:
        m = iri_of(row["m"])
        if m:
            entry = plans.setdefault(m, {"year": None, "events": []})
            entry["year"] = entry["year"] or text_of(row.get("year"))
            event = iri_of(row.get("event"))
            if event and event not in entry["events"]:
                entry["events"].append(event)
    return plans


def _masterplans(plans: dict[str, dict[str, Any]], known: Knowledge) -> list[Masterplan]:
    return [Masterplan(known.ref(m), entry["year"], known.quotes(m),
                       [known.ref(e) for e in entry["events"]])
            for m, entry in sorted(plans.items())]


def _read_councils(rows: list[Row]
                   ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, str | None]]]:
    councils: dict[str, dict[str, Any]] = {}
    decrees: dict[str, dict[str, str | None]] = {}
    for row in rows:
        c = iri_of(row["c"])
        if not c:
            continue
        entry = councils.setdefault(c, {"description": [], "decrees": []})
        description = row.get("description")
        if isinstance(description, Literal) and description not in entry["description"]:
            entry["description"].append(description)
        decree = iri_of(row.get("decree"))
        if decree:
            if decree not in entry["decrees"]:
                entry["decrees"].append(decree)
            known = decrees.setdefault(decree, {"number": None, "year": None, "title": None,
                                                "signed": None})
            for key in known:
                known[key] = known[key] or text_of(row.get(key))
    return councils, decrees


def _councils(councils: dict[str, dict[str, Any]], decrees: dict[str, dict[str, str | None]],
              known: Knowledge, read: Reader) -> list[Council]:
    found = []
    for c, entry in sorted(councils.items()):
        description = read.choose(entry["description"])
        found.append(Council(
            known.ref(c), description.value if description else None, known.quotes(c),
            [Decree(known.ref(dc), decrees[dc]["number"], decrees[dc]["year"],
                    decrees[dc]["title"], show_date(decrees[dc]["signed"]),
                    known.quotes(dc)) for dc in entry["decrees"]]))
    return found


def _read_posts(rows: list[Row]) -> list[dict[str, str | None]]:
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
    return wanted


def _posts(wanted: list[dict[str, str | None]], governments: list[str], known: Knowledge
           ) -> list[PostRow]:
    found = []
    for w in wanted:
        post, org, holding = str(w["post"]), str(w["org"]), w["holding"]
        date_inferred = None
        if holding:
            date_inferred = (known.inferred(holding, KC + "attestedOn")
                             or known.inferred(holding, KC + "endedBefore"))
        place_inferred = (known.inferred(post, ORG + "postIn")
                          or known.inferred(org, ORG + "subOrganizationOf"))
        found.append(PostRow(
            known.ref(post), known.ref(org), known.ref(w["person"]) if w["person"] else None,
            known.ref(w["role"]).label if w["role"] else "",
            w["attested"], w["ended"], date_inferred, place_inferred,
            known.quotes(holding or post), w["post_role"]))
    found.sort(key=lambda r: (r.organisation.iri not in governments, r.organisation.label,
                              ROLE_ORDER.index(r.role) if r.role in ROLE_ORDER else len(ROLE_ORDER),
                              r.post.label, r.attested_on or r.ended_before or "",
                              r.person.label if r.person else ""))
    return found


def _read_events(rows: list[Row], read: Reader) -> dict[str, dict[str, Any]]:
    events: dict[str, dict[str, Any]] = {}
    for row in rows:
        event = iri_of(row["event"])
        if not event:
            continue
        entry = events.setdefault(event, {"kinds": [], "stage": None, "start": None,
                                          "end": None, "venue": None, "parent": None,
                                          "presented": []})
        start = text_of(row.get("ownStart")) or text_of(row.get("parentStart"))
        end = text_of(row.get("ownEnd")) or text_of(row.get("parentEnd"))
        entry["start"] = entry["start"] or start
        entry["end"] = entry["end"] or end
        for key, name in (("stage", "stage"), ("venue", "venue"), ("parent", "parent")):
            entry[key] = entry[key] or iri_of(row.get(name))
        for key, name in (("kinds", "kind"), ("presented", "presented")):
            value = iri_of(row.get(name))
            if value and value not in entry[key]:
                entry[key].append(value)
    # Superclasses may be stated too (an evaluation of a masterplan is an evaluation): the
    # page names the most specific kinds.
    for entry in events.values():
        entry["kinds"] = read.hierarchy.most_specific(sorted(entry["kinds"]))
    return events


def _events(events: dict[str, dict[str, Any]], known: Knowledge) -> list[EventRow]:
    found = [EventRow(known.ref(e), [known.ref(k).label for k in entry["kinds"]],
                      known.ref(entry["stage"]).label if entry["stage"] else None,
                      entry["start"], entry["end"],
                      known.ref(entry["venue"]) if entry["venue"] else None,
                      known.ref(entry["parent"]) if entry["parent"] else None,
                      known.quotes(e),
                      sorted((known.ref(x) for x in entry["presented"]),
                             key=lambda r: r.label.casefold()))
             for e, entry in events.items()]
    found.sort(key=lambda r: (r.start or "9999", r.event.label))
    return found


# ---------------------------------------------------------------- province

@dataclass
class Member:
    ref: Ref
    code: str
    kind: str
    participations: list[Participation]


def province_page(d: Description, read: Reader) -> dict[str, Any]:
    this = IRI(d.iri)
    rows, cohort_rows = read.run(
        Query("""SELECT ?this ?r ?type ?code ?p WHERE {
              VALUES ?type { kc:Regency kc:City }
              ?r schema:containedInPlace ?this ; a ?type .
              OPTIONAL { ?r kc:regionCode ?code }
              OPTIONAL { ?p a kc:Participation ; kc:region ?r } }""", this=this),
        Query("""SELECT ?this ?p ?cohort ?year WHERE {
              ?r schema:containedInPlace ?this . ?p a kc:Participation ; kc:region ?r ;
              kc:cohort ?cohort . OPTIONAL { ?cohort kc:year ?year } }""", this=this))
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
    cohorts: dict[str, tuple[str | None, str | None]] = {}
    for row in cohort_rows:
        p = iri_of(row["p"])
        if p:
            cohorts[p] = (iri_of(row["cohort"]), text_of(row.get("year")))
    parts = [p for e in members.values() for p in e["parts"]]
    country = iri_of(d.first("https://schema.org/containedInPlace"))
    known, _ = read.lookup(names=[*members, *parts, *(c for c, _ in cohorts.values()), country],
                           evidence=parts, inferences=parts)
    listed = []
    for r, entry in members.items():
        participations = []
        for p in entry["parts"]:
            cohort, year = cohorts.get(p, (None, None))
            participations.append(Participation(
                known.ref(p), known.quotes(p), known.ref(cohort) if cohort else None, year,
                known.inferred(p, KC + "cohort", IRI(cohort) if cohort else None),
                inferred=known.inferred(p, KC + "region")))
        listed.append(Member(known.ref(r), entry["code"],
                             pick(KIND_LABELS.get(entry["kind"], {"id": ""})), participations))
    listed.sort(key=lambda m: m.code)
    return {
        "code": text_of(d.first(KC + "regionCode")),
        "country": known.ref(country) if country else None,
        "members": listed,
        "taking_part": [m for m in listed if m.participations],
        "gazetteer": gazetteer_source(),
        "show_date": show_date,
    }
