"""Pages of institutions (every organisation kind) and of people, each fact with its source."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kotacerdas.server.read import (
    FOAF,
    KC,
    ORG,
    SCHEMA,
    SKOS,
    Cut,
    Description,
    Knowledge,
    Query,
    Quote,
    Reader,
    Row,
    Section,
    cut,
    iri_of,
    text_of,
)
from kotacerdas.server.terms import IRI, Literal

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


def institution_kinds(read: Reader) -> frozenset[str]:
    """The classes of institutions: org:Organization and every class below it (the
    ontology's, with the reused vocabularies' hierarchy)."""
    return read.hierarchy.subclasses(ORG + "Organization")


def person_kinds(read: Reader) -> frozenset[str]:
    return read.hierarchy.subclasses(FOAF + "Person") | read.hierarchy.subclasses(
        SCHEMA + "Person")


def is_institution(description: Description, read: Reader) -> bool:
    kinds = institution_kinds(read)
    return any(t in kinds for t in description.types)


def is_person(description: Description, read: Reader) -> bool:
    kinds = person_kinds(read)
    return any(t in kinds for t in description.types)


# ---------------------------------------------------------------- shared by both pages

def events_section(agent: str, via_posts: str) -> Section:
    """Events the agent (?this) organised, co-organised or took part in (also through a post:
    `via_posts` is a graph pattern binding ?via to posts that count as the agent)."""
    return Section(agent, f"""{{ ?e ?p ?this .
        VALUES ?p {{ {" ".join(f"<{p}>" for p in EVENT_ROLES)} }} }}
        UNION {{ {via_posts} ?e ?p ?via . VALUES ?p {{ {TAKING_PART} }} }}""", "e")


def events_query(section: Section) -> Query:
    return Query(f"""SELECT ?this ?e ?p ?via ?start ?end ?super ?sstart ?send WHERE {{
        {section.items()} {section.core}
        OPTIONAL {{ ?e schema:startDate ?start }} OPTIONAL {{ ?e schema:endDate ?end }}
        OPTIONAL {{ ?e schema:superEvent ?super .
                    OPTIONAL {{ ?super schema:startDate ?sstart }}
                    OPTIONAL {{ ?super schema:endDate ?send }} }}
    }}""", this=IRI(section.this))


def related_query(section: Section, details: str, projection: str, order: str = "") -> Query:
    """The items of a section of related resources (?x, grouped by ?how), with details."""
    return Query(f"SELECT ?this ?x ?how {projection} WHERE {{ {section.items('?how')} "
                 f"{details} }} {'ORDER BY ' + order if order else ''}", this=IRI(section.this))


def read_events(rows: list[Row]) -> dict[str, EventRow]:
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
    return found


def event_iris(events: dict[str, EventRow]) -> list[str]:
    return [*events, *(v for e in events.values() for v in e.via),
            *(e.dates_from for e in events.values() if e.dates_from)]


def events_known(events: dict[str, EventRow], known: Knowledge) -> list[EventRow]:
    for event, item in events.items():
        item.kinds = known.kinds(event)
        item.quotes = known.quotes(event)
    return sorted(events.values(), key=lambda e: e.sort_key)


def read_holdings(rows: list[Row]) -> list[Holding]:
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
    return sorted(found.values(), key=lambda h: h.sort_key)


def holding_iris(holdings: list[Holding]) -> list[str]:
    return [x for h in holdings for x in (h.person, h.post, h.organisation, h.kind, h.capacity)
            if x]


HOLDING_DETAILS = """OPTIONAL { ?h org:role ?capacity } OPTIONAL { ?h kc:attestedOn ?attested }
    OPTIONAL { ?h kc:endedBefore ?ended }"""


def read_related(rows: list[Row]) -> dict[str, dict[str, Related]]:
    """Rows of ?x ?how plus optional facts, grouped by ?how."""
    groups: dict[str, dict[str, Related]] = defaultdict(dict)
    for row in rows:
        iri, how = iri_of(row.get("x")), text_of(row.get("how"))
        if iri is None or how is None:
            continue
        item = groups[how].setdefault(iri, Related(iri))
        for name, value in row.items():
            if name in ("x", "how", "this") or name in item.facts:
                continue
            shown = iri_of(value) or (value if isinstance(value, Literal) else None)
            if shown is not None:
                item.facts[name] = shown
    return groups


def related_iris(groups: dict[str, dict[str, Related]]) -> list[str]:
    return [iri for items in groups.values() for iri in items]


def related_known(groups: dict[str, dict[str, Related]], known: Knowledge
                  ) -> dict[str, list[Related]]:
    """Each group with the types and sources of its items."""
    for items in groups.values():
        for iri, item in items.items():
            item.kinds = known.kinds(iri)
            item.quotes = known.quotes(iri)
    return {how: list(items.values()) for how, items in groups.items()}


def _fact_iris(groups: dict[str, dict[str, Related]]) -> list[str]:
    return [v for items in groups.values() for r in items.values() for v in r.facts.values()
            if isinstance(v, str)]


def _alt_labels(description: Description) -> list[Literal]:
    return sorted(description.literals(SKOS + "altLabel"), key=lambda v: v.value.lower())


# ---------------------------------------------------------------- institution

def institution(description: Description, read: Reader) -> dict[str, Any]:
    me = IRI(description.iri)
    parents = description.iris(ORG + "subOrganizationOf")
    governs = description.iris(KC + "governs")
    council_of = description.iris(KC + "councilOf")
    this = description.iri
    sections = {
        "units": Section(this, """{ ?x org:subOrganizationOf ?this BIND("unit" AS ?how) }
            UNION { ?x kc:councilOf ?this BIND("council" AS ?how) }"""),
        "posts": Section(this, "?post org:postIn ?this .", "post"),
        "vacant": Section(this, """?x org:postIn ?this BIND("post" AS ?how)
            FILTER NOT EXISTS { ?h kc:post ?x } FILTER NOT EXISTS { ?x org:heldBy ?p }"""),
        "events": events_section(this, "?via org:postIn ?this ."),
        "partnerships": Section(this, '?x kc:partner ?this BIND("partnership" AS ?how)'),
        "instruments": Section(this, """{ ?this kc:establishedBy ?x BIND("establishes" AS ?how) }
            UNION { ?x kc:establishes ?this BIND("establishes" AS ?how) }
            UNION { ?x kc:party ?this BIND("party" AS ?how) }
            UNION { ?x kc:issuedBy ?this BIND("issued" AS ?how) }"""),
        "other": Section(this, """{ ?x kc:recipient ?this BIND("award" AS ?how) }
            UNION { ?x kc:implementedBy ?this BIND("innovation" AS ?how) }
            UNION { ?x org:memberOf ?this BIND("member" AS ?how) }
            UNION { ?x kc:leadOrganization ?this BIND("leads" AS ?how) }"""),
    }
    found = read.run(
        related_query(sections["units"], "", ""),
        Query(f"""SELECT ?this ?post ?kind ?h ?person ?capacity ?attested ?ended WHERE {{
            {sections["posts"].items()} OPTIONAL {{ ?post org:role ?kind }}
            {{ ?h kc:post ?post ; org:member ?person . {HOLDING_DETAILS} }}
            UNION {{ ?post org:heldBy ?person
                     FILTER NOT EXISTS {{ ?other kc:post ?post ; org:member ?person }} }} }}""",
              this=me),
        related_query(sections["vacant"], "", ""),
        events_query(sections["events"]),
        related_query(sections["partnerships"], """OPTIONAL { ?x kc:year ?year }
            OPTIONAL { ?x kc:partnerRole ?role } OPTIONAL { ?x kc:programme ?programme }""",
                      "?year ?role ?programme", "?year ?x"),
        related_query(sections["instruments"], """OPTIONAL { ?x kc:number ?number }
            OPTIONAL { ?x kc:year ?year } OPTIONAL { ?x kc:signedOn ?signed }
            OPTIONAL { ?x kc:issuedBy ?issuer }""", "?number ?year ?signed ?issuer"),
        related_query(sections["other"], """OPTIONAL { ?x kc:year ?year }
            OPTIONAL { ?x kc:dimension ?dimension } OPTIONAL { ?x kc:region ?region }""",
                      "?year ?dimension ?region", "?year ?x"),
        *(section.count() for section in sections.values()))
    (unit_rows, post_rows, vacant_rows, event_rows, partner_rows, instrument_rows,
     other_rows) = found[:7]
    counts = dict(zip(sections, found[7:], strict=True))
    units, vacant = read_related(unit_rows), read_related(vacant_rows)
    partnerships, instruments = read_related(partner_rows), read_related(instrument_rows)
    other = read_related(other_rows)
    posts = read_holdings(post_rows)
    events = read_events(event_rows)
    groups = {**units, **vacant, **partnerships, **instruments, **other}
    related = related_iris(groups)
    known, _ = read.lookup(
        names=[*parents, *governs, *council_of, *related, *_fact_iris(groups),
               *holding_iris(posts), *event_iris(events), *description.types],
        evidence=[description.iri, *related, *(h.holding or h.post for h in posts), *events],
        inferences=[description.iri, *units.get("unit", {}),
                    *(h.holding for h in posts if h.holding), *(h.post for h in posts)],
        types=[*related, *events])
    for item in posts:
        item.quotes = known.quotes(item.holding or item.post)
    shown = {"units": len(related_iris(units)), "posts": len({h.post for h in posts}),
             "vacant": len(related_iris(vacant)), "events": len(events),
             "partnerships": len(related_iris(partnerships)),
             "instruments": len(related_iris(instruments)), "other": len(related_iris(other))}
    cuts: dict[str, Cut] = {name: cut(sections[name], shown[name], counts[name])
                            for name in sections}
    return {"cuts": cuts, "parents": parents, "governs": governs, "council_of": council_of,
            "groups": related_known(groups, known), "posts": posts,
            "events": events_known(events, known), "quotes": known.quotes(description.iri),
            "inferred": known.inferred, "name": known, "event_roles": EVENT_ROLES,
            "kinds": read.hierarchy.most_specific(description.types),
            "alt_labels": _alt_labels(description)}


# ---------------------------------------------------------------- person

def person(description: Description, read: Reader) -> dict[str, Any]:
    me = IRI(description.iri)
    holding_rows, event_rows, related_rows, event_count = read.run(
        Query(f"""SELECT ?this ?h ?post ?org ?kind ?capacity ?attested ?ended
        WHERE {{
            {{ ?h org:member ?this ; kc:post ?post . {HOLDING_DETAILS} }}
            UNION {{ ?this org:holds ?post
                     FILTER NOT EXISTS {{ ?other org:member ?this ; kc:post ?post }} }}
            OPTIONAL {{ ?post org:postIn ?org }} OPTIONAL {{ ?post org:role ?kind }} }}""",
              this=me),
        events_query(events_in := events_section(description.iri,
                                                 "?held org:member ?this ; kc:post ?via .")),
        Query("""SELECT ?this ?x ?how ?year ?signed ?place WHERE {
            { ?x kc:signatory ?this BIND("signed" AS ?how) }
            UNION { ?this org:memberOf ?x BIND("member" AS ?how) }
            UNION { ?x kc:recipient ?this BIND("award" AS ?how) }
            OPTIONAL { ?x kc:year ?year } OPTIONAL { ?x kc:signedOn ?signed }
            OPTIONAL { ?x kc:signedAt ?place } }""", this=me),
        events_in.count())
    holdings = read_holdings([{**row, "person": me} for row in holding_rows])
    events = read_events(event_rows)
    related = read_related(related_rows)
    items = related_iris(related)
    known, _ = read.lookup(
        names=[*holding_iris(holdings), *event_iris(events), *items, *_fact_iris(related),
               *description.types],
        evidence=[description.iri, *(h.holding or h.post for h in holdings), *events, *items],
        inferences=[h.holding for h in holdings if h.holding],
        types=[*events, *items])
    for item in holdings:
        item.quotes = known.quotes(item.holding or item.post)
    statements = description.statements
    return {"cuts": {"events": cut(events_in, len(events), event_count)},
            "holdings": holdings, "events": events_known(events, known),
            "groups": related_known(related, known),
            "labels_all": description.literals("http://www.w3.org/2000/01/rdf-schema#label"),
            "alt_labels": _alt_labels(description),
            "prefixes": [s.value for s in statements
                         if s.predicate == SCHEMA + "honorificPrefix"],
            "suffixes": [s.value for s in statements
                         if s.predicate == SCHEMA + "honorificSuffix"],
            "quotes": known.quotes(description.iri), "inferred": known.inferred,
            "name": known, "event_roles": EVENT_ROLES}
