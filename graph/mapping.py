"""Map source files (graph/sources.py) to RDF: one named graph per file.

Every record's node gets `kc:evidence` links to the quoted sentences; every triple made from a
field listed under `inferred:` is also described by a `kc:InferredStatement`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kotacerdas.graph import sources as src
from kotacerdas.graph.iris import Iris, dimension, role, slugify, stage
from kotacerdas.graph.namespaces import (
    DCTERMS,
    KC,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
)

LANGUAGE_IRI = "http://id.loc.gov/vocabulary/iso639-1/"
ATTENDANCE = {
    "offline": SCHEMA.OfflineEventAttendanceMode,
    "online": SCHEMA.OnlineEventAttendanceMode,
    "mixed": SCHEMA.MixedEventAttendanceMode,
}


@dataclass(frozen=True)
class Location:
    """Where a fact was written: a source file and line."""

    path: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class Mapped:
    """The result of mapping one source file."""

    graph: Graph
    # Each node the file describes, with the places in the file that describe it.
    locations: dict[URIRef, list[Location]] = field(default_factory=dict)
    # Each node the file points at, with where; the build checks they all exist.
    references: list[tuple[URIRef, Location]] = field(default_factory=list)


def year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)


def date(value: dt.date | dt.datetime | int | str) -> Literal:
    """A date-time, date, year (2024) or month ("2024-09") as its XSD literal."""
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, int):
        return year(value)
    return Literal(value, datatype=XSD.gYearMonth)


def count(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)  # stores such as Oxigraph keep only xsd:integer


class SourceMapper:
    """Maps one loaded source file into its named graph."""

    def __init__(self, iris: Iris, loaded: src.LoadedSource, graph_iri: URIRef) -> None:
        self.iris = iris
        self.loaded = loaded
        self.model = loaded.model
        self.article = self.model.article
        self.out = Mapped(Graph(identifier=graph_iri))
        self.g = self.out.graph
        self._record: src.Record | None = None
        self._location = Location(str(loaded.path), None)
        self._evidence: list[URIRef] = []

    # ------------------------------------------------------------------ helpers

    def add(self, s: URIRef, p: URIRef, o: Node, field_name: str | None = None,
            value: str | None = None) -> None:
        """Add a triple; if it comes from an inferred field (or an inferred value of a list
        field, given as `value`), describe it as inferred."""
        self.g.add((s, p, o))
        record = self._record
        if record is None or field_name is None or field_name not in record.inferred:
            return
        self.infer(s, p, o, record.inferred[field_name], value)

    def infer(self, s: URIRef, p: URIRef, o: Node, reason: src.Reason,
              value: str | None = None) -> None:
        """Describe a triple as inferred: a kc:InferredStatement with the reasons and the
        quotations of the current record."""
        if reason.values and value not in reason.values:
            return
        # Named after the article (whose page lists it), or the graph for reference data.
        owner = (self.iris.article(self.article.id) if self.article is not None
                 else self.g.identifier)
        node = self.iris.inferred_statement(owner, s, p, o)
        self.g.add((node, RDF.type, KC.InferredStatement))
        self.g.add((node, RDF.subject, s))
        self.g.add((node, RDF.predicate, p))
        self.g.add((node, RDF.object, o))
        self.g.add((node, KC.reason, Literal(reason.en, lang="en")))
        if reason.id:
            self.g.add((node, KC.reason, Literal(reason.id, lang="id")))
        for quotation in self._evidence:
            self.g.add((node, KC.evidence, quotation))

    def ref(self, iri: URIRef) -> URIRef:
        self.out.references.append((iri, self._location))
        self.mention(iri)
        return iri

    def mention(self, node: URIRef) -> None:
        """The article mentions what its file records: schema:mentions."""
        if self.article is not None:
            self.g.add((self.iris.article(self.article.id), SCHEMA.mentions, node))

    def ref_kind(self, value: str) -> URIRef:
        kind, _, ident = value.partition(":")
        mint = {"org": self.iris.organisation, "person": self.iris.person, "post": self.iris.post}
        return self.ref(mint[kind](ident))

    def org(self, org_id: str) -> URIRef:
        return self.ref(self.iris.organisation(org_id))

    def region(self, code: str) -> URIRef:
        return self.ref(self.iris.region(code))

    def text(self, s: URIRef, p: URIRef, value: str | None, lang: str = "id",
             field_name: str | None = None) -> None:
        if value:
            self.add(s, p, Literal(value, lang=lang), field_name)

    def begin(self, section: str, index: int, record: src.Record, node: URIRef) -> URIRef:
        """Start a record: remember where it is and link its node to its quotations."""
        self._record = record
        self._location = Location(str(self.loaded.path), self.loaded.line_of(section, index))
        self.out.locations.setdefault(node, []).append(self._location)
        self._evidence = [self.quotation(text) for text in record.quotes]
        for quotation in self._evidence:
            self.g.add((node, KC.evidence, quotation))
        if record.note:
            self.g.add((node, SKOS.note, Literal(record.note.en, lang="en")))
            if record.note.id:
                self.g.add((node, SKOS.note, Literal(record.note.id, lang="id")))
        for url in record.sources:
            self.g.add((node, DCTERMS.source, URIRef(url)))
        self.mention(node)
        return node

    def quotation(self, text: str) -> URIRef:
        assert self.article is not None, "reference files carry no quotations"
        article = self.iris.article(self.article.id)
        node = self.iris.quotation(self.article.id, text)
        self.g.add((node, RDF.type, KC.Quotation))
        self.g.add((node, KC.text, Literal(text, lang=self.article.language)))
        self.g.add((node, PROV.wasQuotedFrom, article))
        return node

    def named(self, node: URIRef, record: src.Named, kinds: Iterable[URIRef] = ()) -> None:
        """Types, labels and spellings as written: shared by every named entity."""
        for kind in kinds:
            self.add(node, RDF.type, kind)
        self.text(node, RDFS.label, record.label, "id", "label")
        self.text(node, RDFS.label, record.label_en, "en", "label_en")
        for written in record.as_written:
            self.text(node, SKOS.altLabel, written, "id")

    # ------------------------------------------------------------------ sections

    def map(self) -> Mapped:
        if self.article is not None:
            self.map_article(self.article)
        handlers = {
            "places": self.map_place,
            "organisations": self.map_organisation,
            "programmes": self.map_programme,
            "people": self.map_person,
            "posts": self.map_post,
            "holdings": self.map_holding,
            "cohorts": self.map_cohort,
            "participations": self.map_participation,
            "masterplans": self.map_masterplan,
            "selection_criteria": self.map_selection_criterion,
            "innovations": self.map_innovation,
            "events": self.map_event,
            "awards": self.map_award,
            "legal_instruments": self.map_legal_instrument,
            "partnerships": self.map_partnership,
            "changes": self.map_change,
        }
        for section, index, record in self.model.records():
            handlers[section](section, index, record)
        return self.out

    def map_article(self, article: src.Article) -> None:
        node = self.iris.article(article.id)
        self.out.locations.setdefault(node, []).append(Location(str(self.loaded.path), 1))
        self.g.add((node, RDF.type, KC.SourceArticle))
        self.g.add((node, DCTERMS.title, Literal(article.title, lang=article.language)))
        self.g.add((node, DCTERMS.language, URIRef(LANGUAGE_IRI + article.language)))
        if article.seed:
            self.g.add((node, DCTERMS.identifier, Literal(article.seed)))
        if article.url:
            self.g.add((node, SCHEMA.url, URIRef(article.url)))
        if article.publisher:
            publisher = self.org(article.publisher)
            self.g.add((node, DCTERMS.publisher, publisher))
            self.g.add((node, PROV.wasAttributedTo, publisher))
        if article.byline:
            self.g.add((node, KC.byline, Literal(article.byline)))
        if article.dateline:
            self.g.add((node, SCHEMA.dateline, Literal(article.dateline)))
        if article.published:
            issued = date(article.published)
            self.g.add((node, DCTERMS.issued, issued))
            if "published" in article.inferred:  # e.g. a month read from the page's address
                self.infer(node, DCTERMS.issued, issued, article.inferred["published"])
        for code in article.about:
            self.g.add((node, SCHEMA.about, self.region(code)))

    def map_place(self, section: str, index: int, r: src.Place) -> None:
        node = self.begin(section, index, r, self.iris.place(r.id))
        types = {"Venue": [KC.Venue], "Place": [KC.Place], None: []}[r.type]
        self.named(node, r, types)
        if r.in_region:
            self.add(node, SCHEMA.containedInPlace, self.region(r.in_region), "in_region")

    def map_organisation(self, section: str, index: int, r: src.Organisation) -> None:
        node = self.begin(section, index, r, self.iris.organisation(r.id))
        self.named(node, r, [KC[r.type]] if r.type else [])
        if r.part_of:
            self.add(node, ORG.subOrganizationOf, self.org(r.part_of), "part_of")
        if r.council_of:
            self.add(node, KC.councilOf, self.org(r.council_of), "council_of")
        self.text(node, SCHEMA.description, r.description, "id", "description")

    def map_programme(self, section: str, index: int, r: src.Programme) -> None:
        node = self.begin(section, index, r, self.iris.programme(r.id))
        self.named(node, r, [KC.Programme] if r.label else [])
        if r.lead_organisation:
            self.add(node, KC.leadOrganization, self.org(r.lead_organisation),
                     "lead_organisation")
        if r.start_year:
            self.add(node, KC.startYear, year(r.start_year), "start_year")
        if r.planned_end_year:
            self.add(node, KC.plannedEndYear, year(r.planned_end_year), "planned_end_year")

    def map_person(self, section: str, index: int, r: src.Person) -> None:
        node = self.begin(section, index, r, self.iris.person(r.id))
        self.named(node, r, [KC.Person] if r.label else [])
        self.text(node, SCHEMA.honorificPrefix, r.honorific_prefix, "id", "honorific_prefix")
        self.text(node, SCHEMA.honorificSuffix, r.honorific_suffix, "id", "honorific_suffix")
        for org_id in r.member_of:
            self.add(node, ORG.memberOf, self.org(org_id), "member_of", org_id)

    def map_post(self, section: str, index: int, r: src.Post) -> None:
        node = self.begin(section, index, r, self.iris.post(r.id))
        self.named(node, r, [KC.Post] if r.label else [])
        if r.role:
            self.add(node, ORG.role, role(r.role), "role")
        if r.organisation:
            self.add(node, ORG.postIn, self.org(r.organisation), "organisation")

    def map_holding(self, section: str, index: int, r: src.Holding) -> None:
        node = self.begin(section, index, r, self.iris.holding(r.person, r.post))
        person = self.ref(self.iris.person(r.person))
        post = self.ref(self.iris.post(r.post))
        self.add(node, RDF.type, KC.PostHolding)
        self.add(node, ORG.member, person, "person")
        self.add(node, KC.post, post, "post")
        if r.ended_before is None:  # org:holds is timeless: say it only of posts not given up
            self.add(person, ORG.holds, post, "post")
            self.add(post, ORG.heldBy, person, "post")
        if r.role:
            self.add(node, ORG.role, role(r.role), "role")
        if r.appointed_by:
            self.add(node, KC.appointedBy, self.org(r.appointed_by), "appointed_by")
        if r.attested_on:
            self.add(node, KC.attestedOn, date(r.attested_on), "attested_on")
        if r.ended_before:
            self.add(node, KC.endedBefore, date(r.ended_before), "ended_before")

    def map_cohort(self, section: str, index: int, r: src.Cohort) -> None:
        node = self.begin(section, index, r, self.iris.cohort(r.programme, r.year))
        self.add(node, RDF.type, KC.Cohort)
        self.add(node, KC.programme, self.ref(self.iris.programme(r.programme)), "programme")
        self.add(node, KC.year, year(r.year), "year")
        self.add(node, RDFS.label, Literal(f"Angkatan {r.year}", lang="id"))
        self.add(node, RDFS.label, Literal(f"{r.year} cohort", lang="en"))
        for name in ("number_of_regions", "cumulative_number_of_regions",
                     "planned_number_of_regions", "planned_cumulative_number_of_regions"):
            value = getattr(r, name)
            if value is not None:
                camel = "".join(w.capitalize() for w in name.split("_"))
                self.add(node, KC[camel[0].lower() + camel[1:]], count(value), name)

    def map_participation(self, section: str, index: int, r: src.Participation) -> None:
        node = self.begin(section, index, r, self.iris.participation(r.programme, r.region))
        self.add(node, RDF.type, KC.Participation)
        self.add(node, KC.programme, self.ref(self.iris.programme(r.programme)), "programme")
        self.add(node, KC.region, self.region(r.region), "region")
        if r.cohort:
            cohort = self.ref(self.iris.cohort(r.programme, r.cohort))
            self.add(node, KC.cohort, cohort, "cohort")
        self.text(node, KC.phaseLabel, r.phase_label, "id", "phase_label")

    def map_masterplan(self, section: str, index: int, r: src.Masterplan) -> None:
        node = self.begin(section, index, r, self.iris.masterplan(r.region))
        self.add(node, RDF.type, KC.Masterplan)
        self.add(node, KC.region, self.region(r.region), "region")
        if r.year:
            self.add(node, KC.year, year(r.year), "year")
        for event_id in r.presented_at:
            self.add(node, KC.presentedAt, self.ref(self.iris.event(event_id)), "presented_at",
                     event_id)

    def map_selection_criterion(self, section: str, index: int,
                                r: src.SelectionCriterion) -> None:
        node = self.begin(section, index, r, self.iris.selection_criterion(r.id))
        self.add(node, RDF.type, KC.SelectionCriterion)
        self.add(node, SKOS.inScheme, self.iris.selection_criteria())
        self.text(node, SKOS.prefLabel, r.label, "id", "label")
        self.text(node, SKOS.prefLabel, r.label_en, "en", "label_en")
        for written in r.as_written:
            self.text(node, SKOS.altLabel, written, "id")

    def map_innovation(self, section: str, index: int, r: src.Innovation) -> None:
        node = self.begin(section, index, r, self.iris.innovation(r.id))
        self.named(node, r, [KC.Innovation])
        if r.quick_win:
            self.add(node, RDF.type, KC.QuickWin, "quick_win")
        self.add(node, KC.region, self.region(r.region), "region")
        if r.dimension:
            self.add(node, KC.dimension, dimension(r.dimension), "dimension")
        if r.year:
            self.add(node, KC.year, year(r.year), "year")
        self.text(node, KC.expansion, r.expansion, "id", "expansion")
        self.text(node, SCHEMA.description, r.description, "id", "description")
        for org_id in r.implemented_by:
            self.add(node, KC.implementedBy, self.org(org_id), "implemented_by", org_id)
        if r.site:
            self.add(node, KC.site, self.ref(self.iris.place(r.site)), "site")
        for event_id in r.presented_at:
            self.add(node, KC.presentedAt, self.ref(self.iris.event(event_id)), "presented_at",
                     event_id)

    def map_event(self, section: str, index: int, r: src.Event) -> None:
        node = self.begin(section, index, r, self.iris.event(r.id))
        self.named(node, r, [KC[kind] for kind in r.type])
        if r.programme:
            self.add(node, KC.programme, self.ref(self.iris.programme(r.programme)), "programme")
        if r.part_of:
            self.add(node, SCHEMA.superEvent, self.ref(self.iris.event(r.part_of)), "part_of")
        if r.stage:
            self.add(node, KC.stage, stage(r.stage), "stage")
        self.text(node, KC.theme, r.theme, "id", "theme")
        if r.start:
            self.add(node, SCHEMA.startDate, date(r.start), "start")
        if r.end:
            self.add(node, SCHEMA.endDate, date(r.end), "end")
        if r.venue:
            self.add(node, SCHEMA.location, self.ref(self.iris.place(r.venue)), "venue")
        if r.attendance:
            self.add(node, SCHEMA.eventAttendanceMode, ATTENDANCE[r.attendance], "attendance")
        for org_id in r.organisers:
            self.add(node, SCHEMA.organizer, self.org(org_id), "organisers", org_id)
        for org_id in r.in_cooperation_with:
            self.add(node, KC.inCooperationWith, self.org(org_id), "in_cooperation_with", org_id)
        for name, prop in (("participants", KC.participant), ("presenters", KC.presenter),
                           ("resource_persons", KC.resourcePerson),
                           ("evaluators", KC.evaluator), ("opened_by", KC.openedBy)):
            for value in getattr(r, name):
                self.add(node, prop, self.ref_kind(value), name, value)
        if r.number_of_participating_regions is not None:
            self.add(node, KC.numberOfParticipatingRegions,
                     count(r.number_of_participating_regions), "number_of_participating_regions")
        if r.number_of_evaluators is not None:
            self.add(node, KC.numberOfEvaluators, count(r.number_of_evaluators),
                     "number_of_evaluators")
        for criterion in r.selection_criteria:
            self.add(node, KC.selectionCriterion,
                     self.ref(self.iris.selection_criterion(criterion)), "selection_criteria",
                     criterion)

    def map_award(self, section: str, index: int, r: src.Award) -> None:
        node = self.begin(section, index, r, self.iris.award(r.id))
        self.named(node, r, [KC.Award])
        self.add(node, KC.recipient, self.ref_kind(r.recipient), "recipient")
        if r.programme:
            self.add(node, KC.programme, self.ref(self.iris.programme(r.programme)), "programme")
        if r.year:
            self.add(node, KC.year, year(r.year), "year")
        if r.dimension:
            self.add(node, KC.dimension, dimension(r.dimension), "dimension")
        if r.awarded_for:
            self.add(node, KC.awardedFor, self.ref(self.iris.innovation(r.awarded_for)),
                     "awarded_for")

    def map_legal_instrument(self, section: str, index: int, r: src.LegalInstrument) -> None:
        node = self.begin(section, index, r, self.iris.legal_instrument(r.id))
        self.named(node, r, [KC[r.type]])
        self.text(node, DCTERMS.title, r.title, "id", "title")
        if r.number:
            self.add(node, KC.number, Literal(r.number), "number")
        if r.year:
            self.add(node, KC.year, year(r.year), "year")
        if r.issued_by:
            self.add(node, KC.issuedBy, self.ref_kind(r.issued_by), "issued_by")
        if r.jurisdiction:
            self.add(node, SCHEMA.legislationJurisdiction, self.region(r.jurisdiction),
                     "jurisdiction")
        for org_id in r.establishes:
            established = self.org(org_id)
            self.add(node, KC.establishes, established, "establishes", org_id)
            self.add(established, KC.establishedBy, node, "establishes", org_id)
        for party in r.parties:
            self.add(node, KC.party, self.ref_kind(party), "parties", party)
        for person_id in r.signatories:
            self.add(node, KC.signatory, self.ref(self.iris.person(person_id)), "signatories",
                     person_id)
        if r.signed_on:
            self.add(node, KC.signedOn, date(r.signed_on), "signed_on")
        if r.signed_at:
            self.add(node, KC.signedAt, self.ref(self.iris.event(r.signed_at)), "signed_at")
        if r.subject:
            self.add(node, DCTERMS.subject, self.ref(self.iris.programme(r.subject)), "subject")

    def map_partnership(self, section: str, index: int, r: src.Partnership) -> None:
        role_slug = slugify(r.role) if r.role else "partner"
        node = self.begin(section, index, r,
                          self.iris.partnership(r.programme, r.year, r.partner, role_slug))
        self.add(node, RDF.type, KC.Partnership)
        self.add(node, KC.programme, self.ref(self.iris.programme(r.programme)), "programme")
        self.add(node, KC.year, year(r.year), "year")
        self.add(node, KC.partner, self.org(r.partner), "partner")
        self.text(node, KC.partnerRole, r.role, "id", "role")


    def map_change(self, section: str, index: int, r: src.OrganisationChange) -> None:
        """W3C ORG: the change event, and each organisation's link to it."""
        node = self.begin(section, index, r, self.iris.change(r.id))
        self.named(node, r, [ORG.ChangeEvent])
        self.add(node, DCTERMS.date, date(r.date), "date")
        self.text(node, SCHEMA.description, r.description, "id", "description")
        for org_id in r.original:
            original = self.org(org_id)
            self.add(node, ORG.originalOrganization, original, "original", org_id)
            self.add(original, ORG.changedBy, node, "original", org_id)
        for org_id in r.resulting:
            resulting = self.org(org_id)
            self.add(node, ORG.resultingOrganization, resulting, "resulting", org_id)
            self.add(resulting, ORG.resultedFrom, node, "resulting", org_id)


def map_source(iris: Iris, loaded: src.LoadedSource, graph_iri: URIRef) -> Mapped:
    return SourceMapper(iris, loaded, graph_iri).map()
