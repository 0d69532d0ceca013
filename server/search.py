"""Label search: case- and diacritic-insensitive, tolerant of typos and of abbreviations.

The index holds every label (rdfs:label, skos:prefLabel, skos:altLabel, dct:title) of every
typed resource, read once through the store interface when the app starts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from flask import Blueprint, Response, jsonify, render_template, request
from rapidfuzz import fuzz, process

from kotacerdas.server.describe import select
from kotacerdas.server.store import TripleStore
from kotacerdas.server.terms import IRI, Literal

blueprint = Blueprint("search", __name__)

# What people write for what the labels say.
ABBREVIATIONS = {
    "kab": "kabupaten", "kab.": "kabupaten", "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota", "pemda": "pemerintah daerah", "prov": "provinsi",
    "kutim": "kutai timur", "humbahas": "humbang hasundutan", "deliserdang": "deli serdang",
    "kominfo": "komunikasi dan informatika", "diskominfo": "dinas komunikasi dan informatika",
    "dinkominfo": "dinas komunikasi dan informatika", "sk": "surat keputusan",
    "kemenkominfo": "kementerian komunikasi dan informatika",
}


KC = "https://w3id.org/kotacerdas/ontology#"
# The type filter's values and the classes each one covers.
TYPE_FILTERS = {
    "RegencyOrCity": {"Regency", "City"},
    "Province": {"Province"},
    "Innovation": {"Innovation", "QuickWin"},
    "Institution": {"Ministry", "NationalAgency", "GovernmentUnit", "LocalGovernment",
                    "LocalAgency", "SmartCityCouncil", "Company", "MediaOrganization",
                    "Association"},
    "Person": {"Person"},
    "Event": {"Event", "Evaluation", "MasterplanEvaluation", "Assessment", "MoUSigning",
              "ProgrammeOpening", "CouncilMeeting"},
    "SourceArticle": {"SourceArticle"},
    "Dimension": {"Dimension"},
}


def normalise(text: str) -> str:
    """'Kab. Deli Sérdang' -> 'kabupaten deli serdang'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+\.?", ascii_text.casefold())
    expanded = [ABBREVIATIONS.get(w, ABBREVIATIONS.get(w.rstrip("."), w.rstrip(".")))
                for w in words]
    return " ".join(expanded)


@dataclass
class Entry:
    iri: str
    labels: dict[str, str] = field(default_factory=dict)  # language -> first label seen
    types: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        from kotacerdas.server.browse import label

        return label(self.labels, self.iri)


@dataclass
class SearchIndex:
    entries: dict[str, Entry] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # normalised label
    owners: list[str] = field(default_factory=list)  # IRI of each key

    @classmethod
    def build(cls, store: TripleStore) -> SearchIndex:
        rows = select(store, """
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?x ?type ?label WHERE {
              ?x a ?type ; rdfs:label|skos:prefLabel|skos:altLabel|<http://purl.org/dc/terms/title>
                 ?label .
            }""", timeout=120, max_rows=5_000_000)
        index = cls()
        seen: set[tuple[str, str]] = set()
        for row in rows:
            subject, kind, label = row["x"], row["type"], row["label"]
            if not isinstance(subject, IRI) or not isinstance(label, Literal):
                continue
            entry = index.entries.setdefault(subject.value, Entry(subject.value))
            if isinstance(kind, IRI):
                entry.types.add(kind.value)
            entry.labels.setdefault(label.lang or "", label.value)
            key = normalise(label.value)
            if key and (subject.value, key) not in seen:
                seen.add((subject.value, key))
                index.keys.append(key)
                index.owners.append(subject.value)
        return index

    def search(self, text: str, kind: str | None = None, limit: int = 20) -> list[Entry]:
        query = normalise(text)
        if not query:
            return []
        allowed = None
        if kind in TYPE_FILTERS:
            classes = {KC + name for name in TYPE_FILTERS[kind]}
            allowed = [i for i, owner in enumerate(self.owners)
                       if self.entries[owner].types & classes]
        choices = self.keys if allowed is None else {i: self.keys[i] for i in allowed}
        matches = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit * 5,
                                  score_cutoff=80)
        results: list[Entry] = []
        for _key, _score, position in matches:
            entry = self.entries[self.owners[position]]
            if entry not in results:
                results.append(entry)
            if len(results) == limit:
                break
        return results


def index() -> SearchIndex:
    from kotacerdas.server.state import state

    return state().search_index()


def suggestions(text: str, limit: int = 8) -> list[Entry]:
    return index().search(text, limit=limit)


@blueprint.route("/search")
def search() -> Response:
    from kotacerdas.server.web import wants_html

    text = request.args.get("q", "")[:200]
    kind = request.args.get("type") or None
    found = index().search(text, kind) if text else []
    if not wants_html() or request.args.get("format") == "json":
        return jsonify({"query": text, "type": kind, "results": [
            {"iri": e.iri, "label": e.label, "types": sorted(e.types)} for e in found]})
    return Response(render_template("search.html", q=text, kind=kind, results=found),
                    content_type="text/html; charset=utf-8")
