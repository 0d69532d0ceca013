"""The page of an event (kc:Event and its sub-classes): what, when, where, who, and sources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kotacerdas.server.browse import page_kind
from kotacerdas.server.describe import Description
from kotacerdas.server.pages.agents_lib import (
    KC,
    SCHEMA,
    SKOS,
    Inferences,
    Names,
    Quote,
    evidence,
    iri_of,
    kinds_of,
    query,
    ref,
    values,
)
from kotacerdas.server.state import most_specific, state
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


def is_event(description: Description) -> bool:
    kinds = state().hierarchy.subclasses(KC + "Event")
    return any(t in kinds for t in description.types)


def _literals(description: Description, predicate: str) -> list[Literal]:
    return [v for v in description.values(predicate) if isinstance(v, Literal)]


def _iris(description: Description, predicate: str) -> list[str]:
    return [v.value for v in description.values(predicate) if isinstance(v, IRI)]


@page_kind(is_event, "event.html")
def event(description: Description) -> dict[str, Any]:
    me = ref(description.iri)
    start = next(iter(_literals(description, SCHEMA + "startDate")), None)
    end = next(iter(_literals(description, SCHEMA + "endDate")), None)
    supers = _iris(description, SCHEMA + "superEvent")
    dates_from = None
    if start is None and end is None and supers:
        rows = query(f"""SELECT ?super ?start ?end WHERE {{ {me} schema:superEvent ?super .
            OPTIONAL {{ ?super schema:startDate ?start }} OPTIONAL {{ ?super schema:endDate ?end }}
            FILTER(BOUND(?start) || BOUND(?end)) }} ORDER BY ?super LIMIT 1""")
        if rows:
            found_start, found_end = rows[0].get("start"), rows[0].get("end")
            start = found_start if isinstance(found_start, Literal) else None
            end = found_end if isinstance(found_end, Literal) else None
            dates_from = iri_of(rows[0].get("super"))

    agents: list[tuple[dict[str, str], str, list[Agent]]] = []
    everyone: dict[str, Agent] = {}
    for predicate, title in AGENT_ROLES:
        listed = [everyone.setdefault(i, Agent(i)) for i in _iris(description, predicate)]
        if predicate == KC + "participant":  # presenters etc. are also participants
            shown = {a.iri for _, p, group in agents for a in group if p != SCHEMA + "organizer"}
            listed = [a for a in listed if a.iri not in shown] or []
        if listed:
            agents.append((title, predicate, listed))
    kinds = kinds_of(everyone)
    for iri, agent in everyone.items():
        agent.kinds = kinds.get(iri, [])
    _posts_on_the_day(everyone, start, end)

    venue_rows = query(f"""SELECT ?v ?region WHERE {{ {me} schema:location ?v .
        OPTIONAL {{ ?v schema:containedInPlace ?region }} }} ORDER BY ?v ?region""")
    venues: dict[str, Venue] = {}
    for row in venue_rows:
        venue = iri_of(row.get("v"))
        if venue is None:
            continue
        item = venues.setdefault(venue, Venue(venue))
        region = iri_of(row.get("region"))
        if region and region not in item.regions:
            item.regions.append(region)

    subs = _linked(f"""SELECT ?x ?p ?o WHERE {{ ?x schema:superEvent {me} .
        OPTIONAL {{ ?x ?p ?o VALUES ?p {{ schema:startDate schema:endDate kc:participant
                                          kc:presenter }} }} }}""")
    presented = _linked(f"""SELECT ?x ?p ?o WHERE {{ ?x kc:presentedAt {me} .
        OPTIONAL {{ ?x ?p ?o VALUES ?p {{ kc:region kc:dimension kc:year }} }} }}""")
    instruments = _linked(f"""SELECT ?x ?p ?o WHERE {{ ?x kc:signedAt {me} .
        OPTIONAL {{ ?x ?p ?o VALUES ?p {{ kc:signedOn kc:signatory kc:party }} }} }}""")

    venue_quotes = evidence(venues)
    for iri, venue in venues.items():
        venue.quotes = venue_quotes.get(iri, [])
    quotes = evidence([description.iri])
    inferred = Inferences.about([description.iri, *venues, *(x.iri for x in presented)])
    stages = _iris(description, KC + "stage")
    criteria = _iris(description, KC + "selectionCriterion")
    programmes = _iris(description, KC + "programme")
    modes = _iris(description, SCHEMA + "eventAttendanceMode")
    names = Names.fetch([
        *description.types, *stages, *criteria, *programmes, *supers, *everyone,
        *(k for a in everyone.values() for k in a.kinds),
        *(p for a in everyone.values() for p in a.posts), *venues,
        *(r for v in venues.values() for r in v.regions), *(dates_from or "",),
        *(x.iri for group in (subs, presented, instruments) for x in group),
        *(k for group in (subs, presented, instruments) for x in group for k in x.kinds),
        *(v.value for group in (subs, presented, instruments) for x in group
          for vs in x.facts.values() for v in vs if isinstance(v, IRI))])
    return {
        "kinds": most_specific(description.types), "stages": stages,
        "themes": _literals(description, KC + "theme"),
        "notes": _literals(description, SKOS + "note"),
        "descriptions": _literals(description, SCHEMA + "description"),
        "start": start, "end": end, "dates_from": dates_from, "supers": supers,
        "venues": list(venues.values()),
        "modes": [(m, ATTENDANCE.get(m)) for m in modes],
        "agents": agents,
        "evaluators_count": next(iter(_literals(description, KC + "numberOfEvaluators")), None),
        "evaluators_named": len(_iris(description, KC + "evaluator")),
        "regions_count": next(iter(_literals(description, KC + "numberOfParticipatingRegions")),
                              None),
        "subs": subs, "presented": presented, "instruments": instruments,
        "criteria": criteria, "programmes": programmes, "quotes": quotes.get(description.iri, []),
        "inferred": inferred, "name": names,
    }


def _posts_on_the_day(agents: dict[str, Agent], start: Literal | None,
                      end: Literal | None) -> None:
    """The posts people held on the event's dates, as the sources attest them."""
    first, last = (start or end), (end or start)
    if not agents or first is None or last is None:
        return
    rows = query(f"""SELECT ?a ?post ?on WHERE {{ VALUES ?a {{ {values(agents)} }}
        ?h org:member ?a ; kc:post ?post ; kc:attestedOn ?on }} ORDER BY ?a ?post""")
    for row in rows:
        agent, post, on = iri_of(row.get("a")), iri_of(row.get("post")), row.get("on")
        if (agent in agents and post and isinstance(on, Literal)
                and first.value[:10] <= on.value[:10] <= last.value[:10]
                and post not in agents[agent].posts):
            agents[agent].posts.append(post)


def _linked(sparql: str) -> list[Linked]:
    rows = query(sparql)
    found: dict[str, Linked] = {}
    for row in rows:
        iri = iri_of(row.get("x"))
        if iri is None:
            continue
        item = found.setdefault(iri, Linked(iri))
        predicate, value = iri_of(row.get("p")), row.get("o")
        if predicate and isinstance(value, IRI | Literal) and value not in item.facts[predicate]:
            item.facts[predicate].append(value)
    kinds = kinds_of(found)
    quotes = evidence(found)
    for iri, item in found.items():
        item.kinds = kinds.get(iri, [])
        item.quotes = quotes.get(iri, [])
    return sorted(found.values(), key=lambda x: (_first_date(x), x.iri))


def _first_date(item: Linked) -> str:
    for predicate in (SCHEMA + "startDate", KC + "signedOn", KC + "year"):
        for value in item.facts.get(predicate, []):
            return value.value
    return ""
