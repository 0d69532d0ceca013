"""Pages of institutions (every organisation kind) and of people, each fact with its source."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kotacerdas.server.browse import page_kind
from kotacerdas.server.describe import Description
from kotacerdas.server.pages.agents_lib import (
    KC,
    ORG,
    SCHEMA,
    Inferences,
    Names,
    Quote,
    evidence,
    iri_of,
    kinds_of,
    query,
    ref,
    text_of,
)
from kotacerdas.server.state import most_specific
from kotacerdas.server.terms import Literal

ORG_KINDS = frozenset({
    *(KC + kind for kind in ("Ministry", "NationalAgency", "GovernmentUnit", "LocalGovernment",
                             "LocalAgency", "SmartCityCouncil", "Company", "MediaOrganization",
                             "Association")),
    ORG + "Organization", ORG + "FormalOrganization", ORG + "OrganizationalUnit",
})
PERSON_KINDS = frozenset({KC + "Person", "http://xmlns.com/foaf/0.1/Person",
                          SCHEMA + "Person"})
# How an agent takes part in an event, in the order a page lists them.
EVENT_ROLES = {
    SCHEMA + "organizer": {"id": "penyelenggara", "en": "organiser"},
    KC + "inCooperationWith": {"id": "mitra penyelenggara (kerja sama)",
                               "en": "co-organiser (in cooperation)"},
    KC + "openedBy": {"id": "membuka acara", "en": "opened it"},
    KC + "presenter": {"id": "pemapar", "en": "presenter"},
    KC + "resourcePerson": {"id": "narasumber", "en": "resource person"},
    KC + "evaluator": {"id": "evaluator", "en": "evaluator"},
    KC + "participant": {"id": "peserta", "en": "participant"},
}
TAKING_PART = " ".join(f"<{p}>" for p in EVENT_ROLES if p not in (
    SCHEMA + "organizer", KC + "inCooperationWith"))


@dataclass
class EventRow:
    event: str
    roles: list[str] = field(default_factory=list)  # keys of EVENT_ROLES
    via: list[str] = field(default_factory=list)  # posts through which the agent took part
    kinds: list[str] = field(default_factory=list)
    start: Literal | None = None
    end: Literal | None = None
    dates_from: str | None = None  # the super-event whose dates these are
    quotes: list[Quote] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[str, str]:
        return ((self.start or self.end).value if (self.start or self.end) else "9999",
                self.event)


@dataclass
class Holding:
    holding: str | None  # None when only org:holds / org:heldBy says so
    person: str
    post: str
    organisation: str | None = None
    kind: str | None = None  # the post's org:role (Bupati, Menteri ...)
    capacity: str | None = None  # the holding's org:role (Pj Bupati ...)
    attested: Literal | None = None
    ended: Literal | None = None
    quotes: list[Quote] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[str, str, str]:
        date = self.attested or self.ended
        return (date.value if date else "9999", self.post, self.person)


@dataclass
class Related:
    """A resource linked to the page's subject, with a few facts of its own and its sources."""

    iri: str
    facts: dict[str, Literal | str] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def is_institution(description: Description) -> bool:
    return any(t in ORG_KINDS for t in description.types)


def is_person(description: Description) -> bool:
    return any(t in PERSON_KINDS for t in description.types)


# ---------------------------------------------------------------- shared by both pages

def events_of(agent: str, via_posts: str) -> list[EventRow]:
    """Events the agent organised, co-organised or took part in (also through a post:
    `via_posts` is a graph pattern binding ?via to posts that count as the agent)."""
    rows = query(f"""SELECT ?e ?p ?via ?start ?end ?super ?sstart ?send WHERE {{
        {{ ?e ?p {ref(agent)} . VALUES ?p {{ {" ".join(f"<{p}>" for p in EVENT_ROLES)} }} }}
        UNION {{ {via_posts} ?e ?p ?via . VALUES ?p {{ {TAKING_PART} }} }}
        OPTIONAL {{ ?e schema:startDate ?start }} OPTIONAL {{ ?e schema:endDate ?end }}
        OPTIONAL {{ ?e schema:superEvent ?super .
                    OPTIONAL {{ ?super schema:startDate ?sstart }}
                    OPTIONAL {{ ?super schema:endDate ?send }} }}
    }}""")
    found: dict[str, EventRow] = {}
    for row in rows:
        event, role = iri_of(row.get("e")), iri_of(row.get("p"))
        if event is None or role is None:
            continue
        item = found.setdefault(event, EventRow(event))
        if role not in item.roles:
            item.roles.append(role)
        via = iri_of(row.get("via"))
        if via and via not in item.via:
            item.via.append(via)
        start, end = row.get("start"), row.get("end")
        if isinstance(start, Literal) or isinstance(end, Literal):
            item.start = start if isinstance(start, Literal) else None
            item.end = end if isinstance(end, Literal) else None
        elif item.start is None and item.end is None:
            sstart, send = row.get("sstart"), row.get("send")
            if isinstance(sstart, Literal) or isinstance(send, Literal):
                item.start = sstart if isinstance(sstart, Literal) else None
                item.end = send if isinstance(send, Literal) else None
                item.dates_from = iri_of(row.get("super"))
    for item in found.values():
        item.roles.sort(key=list(EVENT_ROLES).index)
        if KC + "presenter" in item.roles or KC + "resourcePerson" in item.roles:
            # kc:presenter and kc:resourcePerson are sub-properties of kc:participant
            item.roles = [r for r in item.roles if r != KC + "participant"] or item.roles
    kinds = kinds_of(found)
    quotes = evidence(found)
    for event, item in found.items():
        item.kinds = kinds.get(event, [])
        item.quotes = quotes.get(event, [])
    return sorted(found.values(), key=lambda e: e.sort_key)


def _holdings(rows: list[dict[str, Any]]) -> list[Holding]:
    found: dict[tuple[str | None, str, str], Holding] = {}
    for row in rows:
        person, post = iri_of(row.get("person")), iri_of(row.get("post"))
        if person is None or post is None:
            continue
        holding = iri_of(row.get("h"))
        item = found.setdefault((holding, person, post), Holding(holding, person, post))
        item.organisation = item.organisation or iri_of(row.get("org"))
        item.kind = item.kind or iri_of(row.get("kind"))
        item.capacity = item.capacity or iri_of(row.get("capacity"))
        for name in ("attested", "ended"):
            value = row.get(name)
            if isinstance(value, Literal) and getattr(item, name) is None:
                setattr(item, name, value)
    quotes = evidence([h.holding or h.post for h in found.values()])
    for item in found.values():
        item.quotes = quotes.get(item.holding or item.post, [])
    return sorted(found.values(), key=lambda h: h.sort_key)


HOLDING_DETAILS = """OPTIONAL { ?h org:role ?capacity } OPTIONAL { ?h kc:attestedOn ?attested }
    OPTIONAL { ?h kc:endedBefore ?ended }"""


# ---------------------------------------------------------------- institution

@page_kind(is_institution, "institution.html")
def institution(description: Description) -> dict[str, Any]:
    me = ref(description.iri)
    parents = [v for s in description.statements if s.predicate == ORG + "subOrganizationOf"
               and (v := iri_of(s.value))]
    governs = [v for s in description.statements if s.predicate == KC + "governs"
               and (v := iri_of(s.value))]
    council_of = [v for s in description.statements if s.predicate == KC + "councilOf"
                  and (v := iri_of(s.value))]

    units = _related(f"""SELECT ?x ?how WHERE {{
        {{ ?x org:subOrganizationOf {me} BIND("unit" AS ?how) }}
        UNION {{ ?x kc:councilOf {me} BIND("council" AS ?how) }} }}""")
    posts = _holdings(query(f"""SELECT ?post ?kind ?h ?person ?capacity ?attested ?ended WHERE {{
        ?post org:postIn {me} . OPTIONAL {{ ?post org:role ?kind }}
        {{ ?h kc:post ?post ; org:member ?person . {HOLDING_DETAILS} }}
        UNION {{ ?post org:heldBy ?person
                 FILTER NOT EXISTS {{ ?other kc:post ?post ; org:member ?person }} }} }}"""))
    vacant = _related(f"""SELECT ?x ?how WHERE {{ ?x org:postIn {me} BIND("post" AS ?how)
        FILTER NOT EXISTS {{ ?h kc:post ?x }} FILTER NOT EXISTS {{ ?x org:heldBy ?p }} }}""")
    events = events_of(description.iri, f"?via org:postIn {me} .")
    partnerships = _related(f"""SELECT ?x ?how ?year ?role ?programme WHERE {{
        ?x kc:partner {me} BIND("partnership" AS ?how)
        OPTIONAL {{ ?x kc:year ?year }} OPTIONAL {{ ?x kc:partnerRole ?role }}
        OPTIONAL {{ ?x kc:programme ?programme }} }} ORDER BY ?year ?x""")
    instruments = _related(f"""SELECT ?x ?how ?number ?year ?signed ?issuer WHERE {{
        {{ {me} kc:establishedBy ?x BIND("establishes" AS ?how) }}
        UNION {{ ?x kc:establishes {me} BIND("establishes" AS ?how) }}
        UNION {{ ?x kc:party {me} BIND("party" AS ?how) }}
        UNION {{ ?x kc:issuedBy {me} BIND("issued" AS ?how) }}
        OPTIONAL {{ ?x kc:number ?number }} OPTIONAL {{ ?x kc:year ?year }}
        OPTIONAL {{ ?x kc:signedOn ?signed }} OPTIONAL {{ ?x kc:issuedBy ?issuer }} }}""")
    other = _related(f"""SELECT ?x ?how ?year ?dimension ?region WHERE {{
        {{ ?x kc:recipient {me} BIND("award" AS ?how) }}
        UNION {{ ?x kc:implementedBy {me} BIND("innovation" AS ?how) }}
        UNION {{ ?x org:memberOf {me} BIND("member" AS ?how) }}
        UNION {{ ?x kc:leadOrganization {me} BIND("leads" AS ?how) }}
        OPTIONAL {{ ?x kc:year ?year }} OPTIONAL {{ ?x kc:dimension ?dimension }}
        OPTIONAL {{ ?x kc:region ?region }} }} ORDER BY ?year ?x""")

    groups = {**units, **vacant, **partnerships, **instruments, **other}
    related = [r for items in groups.values() for r in items]
    quotes = evidence([description.iri])
    inferred = Inferences.about([description.iri, *(r.iri for r in units.get("unit", [])),
                                 *(h.holding for h in posts if h.holding),
                                 *(h.post for h in posts)])
    names = Names.fetch([
        *parents, *governs, *council_of, *(r.iri for r in related),
        *(v for r in related for v in r.facts.values() if isinstance(v, str)),
        *(x for h in posts for x in (h.person, h.post, h.organisation, h.kind, h.capacity)
          if x),
        *(e.event for e in events), *(v for e in events for v in e.via),
        *(e.dates_from for e in events if e.dates_from),
        *(k for e in events for k in e.kinds), *(k for r in related for k in r.kinds),
        *description.types])
    return {"parents": parents, "governs": governs, "council_of": council_of,
            "groups": groups, "posts": posts, "events": events, "quotes": quotes.get(
                description.iri, []), "inferred": inferred, "name": names,
            "event_roles": EVENT_ROLES, "kinds": most_specific(description.types),
            "alt_labels": _alt_labels(description)}


def _related(sparql: str) -> dict[str, list[Related]]:
    """Rows of ?x ?how plus optional facts, grouped by ?how, with types and sources."""
    rows = query(sparql)
    groups: dict[str, dict[str, Related]] = defaultdict(dict)
    for row in rows:
        iri, how = iri_of(row.get("x")), text_of(row.get("how"))
        if iri is None or how is None:
            continue
        item = groups[how].setdefault(iri, Related(iri))
        for name, value in row.items():
            if name in ("x", "how") or name in item.facts:
                continue
            shown = iri_of(value) or (value if isinstance(value, Literal) else None)
            if shown is not None:
                item.facts[name] = shown
    everything = [iri for items in groups.values() for iri in items]
    kinds = kinds_of(everything)
    quotes = evidence(everything)
    for items in groups.values():
        for iri, item in items.items():
            item.kinds = kinds.get(iri, [])
            item.quotes = quotes.get(iri, [])
    return {how: list(items.values()) for how, items in groups.items()}


def _alt_labels(description: Description) -> list[Literal]:
    return sorted((s.value for s in description.statements
                   if s.predicate == "http://www.w3.org/2004/02/skos/core#altLabel"
                   and isinstance(s.value, Literal)), key=lambda v: v.value.lower())


# ---------------------------------------------------------------- person

@page_kind(is_person, "person.html")
def person(description: Description) -> dict[str, Any]:
    me = ref(description.iri)
    holdings = _holdings(query(f"""SELECT ?h ?person ?post ?org ?kind ?capacity ?attested ?ended
    WHERE {{ BIND({me} AS ?person)
        {{ ?h org:member {me} ; kc:post ?post . {HOLDING_DETAILS} }}
        UNION {{ {me} org:holds ?post
                 FILTER NOT EXISTS {{ ?other org:member {me} ; kc:post ?post }} }}
        OPTIONAL {{ ?post org:postIn ?org }} OPTIONAL {{ ?post org:role ?kind }} }}"""))
    events = events_of(description.iri, f"?held org:member {me} ; kc:post ?via .")
    related = _related(f"""SELECT ?x ?how ?year ?signed ?place WHERE {{
        {{ ?x kc:signatory {me} BIND("signed" AS ?how) }}
        UNION {{ {me} org:memberOf ?x BIND("member" AS ?how) }}
        UNION {{ ?x kc:recipient {me} BIND("award" AS ?how) }}
        OPTIONAL {{ ?x kc:year ?year }} OPTIONAL {{ ?x kc:signedOn ?signed }}
        OPTIONAL {{ ?x kc:signedAt ?place }} }}""")
    statements = description.statements
    prefixes = [s.value for s in statements if s.predicate == SCHEMA + "honorificPrefix"]
    suffixes = [s.value for s in statements if s.predicate == SCHEMA + "honorificSuffix"]
    labels = [s.value for s in statements if s.predicate
              == "http://www.w3.org/2000/01/rdf-schema#label" and isinstance(s.value, Literal)]
    quotes = evidence([description.iri])
    inferred = Inferences.about([h.holding for h in holdings if h.holding])
    items = [r for group in related.values() for r in group]
    names = Names.fetch([
        *(x for h in holdings for x in (h.post, h.organisation, h.kind, h.capacity) if x),
        *(e.event for e in events), *(v for e in events for v in e.via),
        *(e.dates_from for e in events if e.dates_from), *(k for e in events for k in e.kinds),
        *(r.iri for r in items), *(k for r in items for k in r.kinds),
        *(v for r in items for v in r.facts.values() if isinstance(v, str)),
        *description.types])
    return {"holdings": holdings, "events": events, "groups": related,
            "labels_all": labels, "alt_labels": _alt_labels(description),
            "prefixes": prefixes, "suffixes": suffixes, "quotes": quotes.get(description.iri, []),
            "inferred": inferred, "name": names, "event_roles": EVENT_ROLES}
