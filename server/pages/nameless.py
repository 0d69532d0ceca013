"""Names for the nodes the data gives no label: an inferred statement is shown as "inferred
statement about Bursa Kerja (dimension)", a category assignment as "category assignment:
Bursa Kerja → Job exchange", never as its IRI. Labels the data does give win over these
(the pages ask here only for IRIs without a label)."""

from __future__ import annotations

import threading
from collections import defaultdict

from kotacerdas.server.describe import iri_ok, labels_of, select
from kotacerdas.server.store import TripleStore
from kotacerdas.server.terms import IRI

KC = "https://w3id.org/kotacerdas/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
Labels = dict[str, str]
LANGUAGES = ("id", "en")
# How each kind of nameless node reads, by what it is about (and, for inferences, which
# property; for categories, which category).
PATTERNS: dict[str, dict[str, str]] = {
    KC + "InferredStatement": {"id": "pernyataan yang disimpulkan tentang {about} ({what})",
                               "en": "inferred statement about {about} ({what})"},
    KC + "CategoryAssignment": {"id": "penetapan kategori: {about} → {what}",
                                "en": "category assignment: {about} → {what}"},
    KC + "CategorySuggestion": {"id": "usulan kategori: {about} → {what}",
                                "en": "category suggestion: {about} → {what}"},
}
CHUNK = 400
MAX_CACHED = 100_000
_cache: dict[tuple[str, str], Labels] = {}
_lock = threading.Lock()


def describe(store: TripleStore, iris: list[str], table: dict[str, Labels]
             ) -> dict[str, Labels]:
    """Labels in both languages for those of `iris` that are nameless nodes of a known kind
    (`table` labels the properties and classes); cached per dataset version."""
    version = store.dataset_version
    with _lock:
        known = {i: _cache[(version, i)] for i in iris if (version, i) in _cache}
    wanted = [i for i in dict.fromkeys(iris) if i not in known and iri_ok(i)]
    for start in range(0, len(wanted), CHUNK):
        found = _describe(store, wanted[start:start + CHUNK], table)
        with _lock:
            if len(_cache) > MAX_CACHED:
                _cache.clear()
            for iri in wanted[start:start + CHUNK]:
                _cache[(version, iri)] = known[iri] = found.get(iri, {})
    return {iri: labels for iri, labels in known.items() if labels}


def _describe(store: TripleStore, iris: list[str], table: dict[str, Labels]
              ) -> dict[str, Labels]:
    block = " ".join(f"<{i}>" for i in iris)
    rows = select(store, f"""SELECT ?x ?type ?about ?what WHERE {{ VALUES ?x {{ {block} }}
        VALUES ?type {{ {" ".join(f"<{kind}>" for kind in PATTERNS)} }}
        ?x a ?type .
        OPTIONAL {{ ?x <{RDF}subject>|<{KC}innovation> ?about }}
        OPTIONAL {{ ?x <{RDF}predicate>|<{KC}category> ?what }} }}""")
    parts: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        x, kind = row["x"], row["type"]
        if not isinstance(x, IRI) or not isinstance(kind, IRI):
            continue
        entry = parts[x.value]
        entry.setdefault("kind", kind.value)
        for key in ("about", "what"):
            value = row.get(key)
            if isinstance(value, IRI):
                entry.setdefault(key, value.value)
    linked = {v for entry in parts.values() for k, v in entry.items() if k != "kind"}
    labels = {**labels_of(store, [i for i in linked if i not in table]),
              **{i: table[i] for i in linked if i in table}}
    return {x: {lang: PATTERNS[entry["kind"]][lang].format(
                about=_in(labels.get(entry.get("about", ""), {}), lang),
                what=_in(labels.get(entry.get("what", ""), {}), lang))
                for lang in LANGUAGES}
            for x, entry in parts.items()}


def _in(labels: Labels, language: str) -> str:
    """A label in `language`, else the other one, else any, else a question mark."""
    other = "en" if language == "id" else "id"
    return labels.get(language) or labels.get(other) or next(iter(labels.values()), "?")
