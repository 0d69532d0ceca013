"""Where the analyses get their rows: SPARQL over the built dumps or over the server's store.

Both return plain strings, so the analyses do not care which engine answered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Rows = list[dict[str, str]]
Select = Callable[[str], Rows]

PREFIXES = """
PREFIX kc: <https://w3id.org/kotacerdas/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
"""

# One row per (innovation, category): the curated links, and (a second query, which is much
# faster than a UNION here) the suggested ones when asked; the build suggests only for
# innovations that no reviewer has categorised.
INNOVATIONS = PREFIXES + """
SELECT ?innovation ?region ?regionLabel ?province ?provinceLabel ?category ?categoryLabel
       ?dimension ?year ?suggested
WHERE {
  %s
  ?innovation kc:region ?region .
  ?region rdfs:label ?regionLabel . FILTER (lang(?regionLabel) = "id")
  ?region schema:containedInPlace ?province .
  ?province rdfs:label ?provinceLabel . FILTER (lang(?provinceLabel) = "id")
  ?category skos:prefLabel ?categoryLabel . FILTER (lang(?categoryLabel) = "id")
  OPTIONAL { ?innovation kc:dimension ?dimension }
  OPTIONAL { ?innovation kc:year ?year }
}
"""
CURATED = "?innovation kc:category ?category . BIND (false AS ?suggested)"
SUGGESTED = """?suggestion kc:innovation ?innovation ; kc:category ?category ;
              a kc:CategorySuggestion . BIND (true AS ?suggested)"""

# Institutions and the events they took part in, in any role.
INSTITUTIONS = PREFIXES + """
SELECT ?event ?organisation ?label ?kind WHERE {
  ?event schema:organizer|kc:inCooperationWith|kc:participant|kc:presenter ?organisation .
  ?organisation a ?kind ; rdfs:label ?label . FILTER (lang(?label) = "id")
  FILTER (?kind IN (kc:Ministry, kc:NationalAgency, kc:GovernmentUnit, kc:LocalGovernment,
                    kc:LocalAgency, kc:SmartCityCouncil, kc:Company, kc:MediaOrganization,
                    kc:Association))
}
"""


def innovation_queries(include_suggested: bool) -> list[str]:
    return [INNOVATIONS % CURATED, *([INNOVATIONS % SUGGESTED] if include_suggested else [])]


def innovation_rows(select: Select, include_suggested: bool = False) -> Rows:
    return [row for query in innovation_queries(include_suggested) for row in select(query)]


@dataclass
class DumpSource:
    """The dumps of `kotacerdas build` (or `synth`), loaded into an in-memory Oxigraph store."""

    dumps: Path

    def __post_init__(self) -> None:
        import pyoxigraph as ox

        self.store = ox.Store()
        self.store.bulk_load(path=str(self.dumps / "kotacerdas.nt"),
                             format=ox.RdfFormat.N_TRIPLES)

    def select(self, query: str) -> Rows:
        solutions = self.store.query(query)
        names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        return [{n: s[n].value for n in names if s[n] is not None}
                for s in solutions]  # type: ignore[union-attr]

