"""The IRI scheme (docs/iri-scheme.md): every entity's IRI is minted here and nowhere else."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from kotacerdas.graph.namespaces import DIMENSION, ROLE, STAGE

DEFAULT_BASE = "https://w3id.org/kotacerdas/"

# Kemendagri codes: "12" (province) or "12.05" (kabupaten/kota).
REGION_CODE = re.compile(r"^\d{2}(\.\d{2})?$")
# A slug is lower-case ASCII words joined by "-"; region-scoped ids start with a region code.
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PATH = re.compile(r"^(\d{2}\.\d{2}|[a-z0-9]+(-[a-z0-9]+)*)(/[a-z0-9]+([-.][a-z0-9]+)*)*$")


def slugify(text: str) -> str:
    """'Kenang Lemu (Museum)' -> 'kenang-lemu-museum'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class Iris:
    """Mints instance IRIs under one configurable base namespace."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://[^\s]+/$", self.base):
            raise ValueError(f"base IRI must be http(s) and end with '/': {self.base!r}")

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def dataset(self) -> URIRef:
        return self._iri("dataset")

    def country(self) -> URIRef:
        return self._iri("region", "indonesia")

    def region(self, code: str) -> URIRef:
        return self._iri("region", code)

    def province_membership(self, code: str, province: str) -> URIRef:
        """A kabupaten/kota's membership in a province: region/91.01/province/93."""
        return self._iri("region", code, "province", province)

    def organisation(self, org_id: str) -> URIRef:
        return self._iri("org", org_id)

    def local_government(self, code: str) -> URIRef:
        return self.organisation(f"{code}/pemda")

    def person(self, person_id: str) -> URIRef:
        return self._iri("person", person_id)

    def post(self, post_id: str) -> URIRef:
        return self._iri("post", post_id)

    def holding(self, person_id: str, post_id: str) -> URIRef:
        return self._iri("holding", person_id, post_id)

    def place(self, place_id: str) -> URIRef:
        return self._iri("place", place_id)

    def programme(self, programme_id: str) -> URIRef:
        return self._iri("programme", programme_id)

    def cohort(self, programme_id: str, year: int) -> URIRef:
        return self._iri("programme", programme_id, "cohort", str(year))

    def participation(self, programme_id: str, code: str) -> URIRef:
        return self._iri("programme", programme_id, "participation", code)

    def partnership(self, programme_id: str, year: int, partner_id: str, role: str) -> URIRef:
        return self._iri("programme", programme_id, "partner", str(year), partner_id, role)

    def selection_criterion(self, criterion_id: str) -> URIRef:
        return self._iri("selection-criterion", criterion_id)

    def selection_criteria(self) -> URIRef:
        return self._iri("selection-criterion")

    def masterplan(self, code: str) -> URIRef:
        return self._iri("masterplan", code)

    def innovation(self, innovation_id: str) -> URIRef:
        return self._iri("innovation", innovation_id)

    def event(self, event_id: str) -> URIRef:
        return self._iri("event", event_id)

    def award(self, award_id: str) -> URIRef:
        return self._iri("award", award_id)

    def legal_instrument(self, instrument_id: str) -> URIRef:
        return self._iri("legal", instrument_id)

    def change(self, change_id: str) -> URIRef:
        """An organisational change (org:ChangeEvent), e.g. Kominfo renamed Komdigi."""
        return self._iri("change", change_id)

    def article(self, article_id: str) -> URIRef:
        return self._iri("article", article_id)

    def quotation(self, article_id: str, text: str) -> URIRef:
        """A sentence of an article: a hash IRI on the article, stable while the text is."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        return URIRef(f"{self.article(article_id)}#quote-{digest}")

    def inferred_statement(self, owner: URIRef, s: URIRef, p: URIRef, o: object) -> URIRef:
        """A hash IRI on the article (or graph) that holds the inferred triple."""
        digest = hashlib.sha256(f"{s} {p} {o!r}".encode()).hexdigest()[:12]
        return URIRef(f"{owner}#inferred-{digest}")

    def graph(self, *parts: str) -> URIRef:
        """Named graphs: graph/ontology, graph/gazetteer, graph/reference, graph/article/<id>."""
        return self._iri("graph", *parts)


def dimension(slug: str) -> URIRef:
    return DIMENSION[slug]


def role(slug: str) -> URIRef:
    return ROLE[slug]


def stage(slug: str) -> URIRef:
    return STAGE[slug]
