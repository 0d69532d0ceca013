"""Pages for particular kinds of resource: `PAGE_KINDS`, in the order they are tried (the
first whose test a resource passes gives its page; the others get the generic page).

A kind's test and context maker take the resource's description and the request's reader
(server/read.py); the maker reads what its template needs in at most two more round trips.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kotacerdas.server.pages import agents, articles, events, innovations, ontology, regions
from kotacerdas.server.read import Description, Reader


@dataclass(frozen=True)
class PageKind:
    name: str
    test: Callable[[Description, Reader], bool]
    template: str
    make: Callable[[Description, Reader], dict[str, Any]]


PAGE_KINDS: list[PageKind] = [
    PageKind("institution", agents.is_institution, "institution.html", agents.institution),
    PageKind("person", agents.is_person, "person.html", agents.person),
    PageKind("article", articles.is_article, "article.html", articles.article),
    PageKind("event", events.is_event, "event.html", events.event),
    PageKind("innovation", innovations.is_innovation, "innovation.html",
             innovations.innovation_page),
    PageKind("dimension", innovations.is_dimension, "dimension.html",
             innovations.dimension_page),
    PageKind("ontology", lambda d, _: ontology.is_ontology(d), "ontology.html",
             lambda d, _: ontology.ontology(d)),
    PageKind("scheme", lambda d, _: ontology.is_scheme(d), "scheme.html",
             lambda d, _: ontology.scheme(d)),
    PageKind("concept", lambda d, _: ontology.is_concept(d), "concept.html",
             lambda d, _: ontology.concept(d)),
    PageKind("region", regions.is_region, "region.html", regions.region_page),
    PageKind("province", regions.is_province, "province.html", regions.province_page),
]
