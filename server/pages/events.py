"""The page of an event (kc:Event and its sub-classes): what, when, where, who, and sources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kotacerdas.server.read import (
    KC,
    SCHEMA,
    SECTION_LIMIT,
    SKOS,
    Cut,
    Description,
    Knowledge,
    Query,
    Quote,
    Reader,
    Row,
    iri_of,
)
from kotacerdas.server.terms import IRI, Literal

# Who took part, and how, in the order the page lists them.
AGENT_ROLES: list[tuple[str, dict[str, str]]] = [
    (SCHEMA + "organizer", {"id": "Penyelenggara", "en": "Organisers"}),
    (KC + "inCooperationWith", {"id": "Bekerja sama dengan", "en": "In cooperation with"}),
    (KC + "openedBy", {"id": "Dibuka oleh", "en": "Opened by"}),
    (KC + "presenter", {"id": "Pemapar", "en": "Presenters"}),
    (KC + "resourcePerson", {"id": "Narasumber", "en": "Resource persons"}),
    (KC + "evaluator", {"id": "Evaluator", "en": "Evaluators"}),
    (KC + "participant", {"id": "Peserta", "en": "Participants"}),
]
ATTENDANCE = {
    SCHEMA + "OfflineEventAttendanceMode": {"id": "tatap muka (luring)", "en": "in person"},
    SCHEMA + "OnlineEventAttendanceMode": {"id": "daring (online)", "en": "online"},
    SCHEMA + "MixedEventAttendanceMode": {"id": "campuran: tatap muka dan daring",
                                          "en": "mixed: in person and online"},
}


@dataclass
class Agent:
    iri: str
    kinds: list[str] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)  # posts a person held on the event's dates


@dataclass
class Venue:
    iri: str
    regions: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Linked:
    iri: str
    kinds: list[str] = field(default_factory=list)
    facts: dict[str, list[IRI | Literal]] = field(default_factory=lambda: defaultdict(list))
    quotes: list[Quote] = field(default_factory=list)


def is_event(description: Description, read: Reader) -> bool:
    kinds = read.hierarchy.subclasses(KC + "Event")
    return any(t in kinds for t in description.types)


def event(description: Description, read: Reader) -> dict[str, Any]:
    me = IRI(description.iri)
    start = next(iter(description.literals(SCHEMA + "startDate")), None)
    end = next(iter(description.literals(SCHEMA + "endDate")), None)
    supers = description.iris(SCHEMA + "superEvent")
    roles = " ".join(f"<{predicate}>" for predicate, _ in AGENT_ROLES)
    super_rows, venue_rows, sub_rows, presented_rows, instrument_rows, post_rows = read.run(
        Query("""SELECT ?this ?super ?start ?end WHERE { ?this schema:superEvent ?super .
            OPTIONAL { ?super schema:startDate ?start } OPTIONAL { ?super schema:endDate ?end }
            FILTER(BOUND(?start) || BOUND(?end)) } ORDER BY ?super LIMIT 1""", this=me),
        Query("""SELECT ?this ?v ?region WHERE { ?this schema:location ?v .
            OPTIONAL { ?v schema:containedInPlace ?region } } ORDER BY ?v ?region""", this=me),
        Query("""SELECT ?this ?x ?p ?o WHERE { ?x schema:superEvent ?this .
            OPTIONAL { ?x ?p ?o VALUES ?p { schema:startDate schema:endDate kc:participant
                                            kc:presenter } } }""", this=me),
        Query("""SELECT ?this ?x ?p ?o WHERE { ?x kc:presentedAt ?this .
            OPTIONAL { ?x ?p ?o VALUES ?p { kc:region kc:dimension kc:year } } }""", this=me),
        Query("""SELECT ?this ?x ?p ?o WHERE { ?x kc:signedAt ?this .
            OPTIONAL { ?x ?p ?o VALUES ?p { kc:signedOn kc:signatory kc:party } } }""",
              this=me),
        # The posts people held, as the sources attest them (kept if on the event's dates).
        Query(f"""SELECT ?this ?a ?post ?on WHERE {{ ?this ?role ?a . VALUES ?role {{ {roles} }}
            ?h org:member ?a ; kc:post ?post ; kc:attestedOn ?on }} ORDER BY ?a ?post""",
              this=me))
    dates_from = None
    if start is None and end is None and super_rows:
        found_start, found_end = super_rows[0].get("start"), super_rows[0].get("end")
        start = found_start if isinstance(found_start, Literal) else None
        end = found_end if isinstance(found_end, Literal) else None
        dates_from = iri_of(super_rows[0].get("super"))

    agents: list[tuple[dict[str, str], str, list[Agent]]] = []
    everyone: dict[str, Agent] = {}
    cuts: dict[str, Cut] = {}
    for predicate, title in AGENT_ROLES:
        iris = sorted(set(description.iris(predicate)))
        if predicate == KC + "participant":  # presenters etc. are also participants
            shown = {a.iri for _, p, group in agents for a in group if p != SCHEMA + "organizer"}
            iris = [i for i in iris if i not in shown]
        # An evaluation may name thousands: the first ones, and a query for all.
        cuts[predicate] = Cut(min(len(iris), SECTION_LIMIT), len(iris),
                              agents_query_text(description.iri, predicate))
        listed = [everyone.setdefault(i, Agent(i)) for i in iris[:SECTION_LIMIT]]
        if listed:
            agents.append((title, predicate, listed))
    _posts_on_the_day(everyone, start, end, post_rows)
    venues: dict[str, Venue] = {}
    for row in venue_rows:
        venue = iri_of(row.get("v"))
        if venue is None:
            continue
        item = venues.setdefault(venue, Venue(venue))
        region = iri_of(row.get("region"))
        if region and region not in item.regions:
            item.regions.append(region)
    subs, presented = _read_linked(sub_rows), _read_linked(presented_rows)
    instruments = _read_linked(instrument_rows)
    linked = [*subs, *presented, *instruments]
    stages = description.iris(KC + "stage")
    criteria = description.iris(KC + "selectionCriterion")
    programmes = description.iris(KC + "programme")
    modes = description.iris(SCHEMA + "eventAttendanceMode")
    known, _ = read.lookup(
        names=[*description.types, *stages, *criteria, *programmes, *supers, *everyone,
               *(p for a in everyone.values() for p in a.posts), *venues,
               *(r for v in venues.values() for r in v.regions), dates_from, *linked,
               *(v.value for group in (subs, presented, instruments) for x in group.values()
                 for vs in x.facts.values() for v in vs if isinstance(v, IRI))],
        evidence=[description.iri, *venues, *linked],
        inferences=[description.iri, *venues, *presented],
        types=[*everyone, *linked])
    for iri, agent in everyone.items():
        agent.kinds = known.kinds(iri)
    for iri, venue in venues.items():
        venue.quotes = known.quotes(iri)
    return {
        "kinds": read.hierarchy.most_specific(description.types), "stages": stages,
        "themes": description.literals(KC + "theme"),
        "notes": description.literals(SKOS + "note"),
        "descriptions": description.literals(SCHEMA + "description"),
        "start": start, "end": end, "dates_from": dates_from, "supers": supers,
        "venues": list(venues.values()),
        "modes": [(m, ATTENDANCE.get(m)) for m in modes],
        "agents": agents,
        "evaluators_count": next(iter(description.literals(KC + "numberOfEvaluators")), None),
        "evaluators_named": len(description.iris(KC + "evaluator")),
        "regions_count": next(iter(description.literals(KC + "numberOfParticipatingRegions")),
                              None),
        "subs": _linked(subs, known), "presented": _linked(presented, known),
        "instruments": _linked(instruments, known),
        "criteria": criteria, "programmes": programmes, "quotes": known.quotes(description.iri),
        "inferred": known.inferred, "name": known, "cuts": cuts,
    }


def agents_query_text(event: str, predicate: str) -> str:
    """A SPARQL query for every agent the event names by `predicate` (to link to /sparql)."""
    return f"SELECT ?agent WHERE {{ <{event}> <{predicate}> ?agent }} ORDER BY ?agent"


def _posts_on_the_day(agents: dict[str, Agent], start: Literal | None,
                      end: Literal | None, rows: list[Row]) -> None:
    """The posts people held on the event's dates, as the sources attest them."""
    first, last = (start or end), (end or start)
    if not agents or first is None or last is None:
        return
    for row in rows:
        agent, post, on = iri_of(row.get("a")), iri_of(row.get("post")), row.get("on")
        if (agent in agents and post and isinstance(on, Literal)
                and first.value[:10] <= on.value[:10] <= last.value[:10]
                and post not in agents[agent].posts):
            agents[agent].posts.append(post)


def _read_linked(rows: list[Row]) -> dict[str, Linked]:
    found: dict[str, Linked] = {}
    for row in rows:
        iri = iri_of(row.get("x"))
        if iri is None:
            continue
        item = found.setdefault(iri, Linked(iri))
        predicate, value = iri_of(row.get("p")), row.get("o")
        if predicate and isinstance(value, IRI | Literal) and value not in item.facts[predicate]:
            item.facts[predicate].append(value)
    return found


def _linked(found: dict[str, Linked], known: Knowledge) -> list[Linked]:
    for iri, item in found.items():
        item.kinds = known.kinds(iri)
        item.quotes = known.quotes(iri)
    return sorted(found.values(), key=lambda x: (_first_date(x), x.iri))


def _first_date(item: Linked) -> str:
    for predicate in (SCHEMA + "startDate", KC + "signedOn", KC + "year"):
        for value in item.facts.get(predicate, []):
            return value.value
    return ""
