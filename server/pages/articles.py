"""The page of a source article: its metadata and every sentence quoted from it, each with an
anchor (its quotation IRI's fragment) and the facts that rest on it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from kotacerdas.server.i18n import pick
from kotacerdas.server.pages.common import GraphSource, graph_source
from kotacerdas.server.read import (
    DCT,
    KC,
    PROV,
    SCHEMA,
    Description,
    Inference,
    Query,
    Reader,
    Section,
    cut,
    inferences_citing_query,
    iri_of,
)
from kotacerdas.server.state import state
from kotacerdas.server.terms import IRI, Literal, Term

LANGUAGES = {"id": {"id": "Bahasa Indonesia", "en": "Indonesian"},
             "en": {"id": "Bahasa Inggris", "en": "English"}}


@dataclass
class Cited:
    iri: str
    kinds: list[str] = field(default_factory=list)


@dataclass
class Sentence:
    iri: str
    anchor: str  # the IRI's fragment: links to <article>#quote-... land here
    text: Literal | None
    cited_by: list[Cited] = field(default_factory=list)
    inferences: list[Inference] = field(default_factory=list)


def is_article(description: Description, read: Reader) -> bool:
    return KC + "SourceArticle" in description.types


def article(description: Description, read: Reader) -> dict[str, Any]:
    quoted = Section(description.iri, "?q prov:wasQuotedFrom ?this .", "q")
    rows, citing_rows, count = read.run(
        Query(f"""SELECT ?this ?q ?text ?x WHERE {{ {quoted.items()}
            OPTIONAL {{ ?q kc:text ?text }}
            OPTIONAL {{ ?x kc:evidence ?q FILTER NOT EXISTS {{ ?x a kc:InferredStatement }} }}
        }} ORDER BY ?q ?x""", this=IRI(description.iri)),
        inferences_citing_query(description.iri), quoted.count())
    sentences: dict[str, Sentence] = {}
    for row in rows:
        quote = iri_of(row.get("q"))
        if quote is None:
            continue
        text = row.get("text")
        item = sentences.setdefault(quote, Sentence(
            quote, quote.partition("#")[2], text if isinstance(text, Literal) else None))
        cited = iri_of(row.get("x"))
        if cited and all(c.iri != cited for c in item.cited_by):
            item.cited_by.append(Cited(cited))
    inferences = {i.iri: i for i in read.inferences(citing_rows)}
    for row in citing_rows:
        quote, iri = iri_of(row.get("cited")), iri_of(row.get("i"))
        if quote in sentences and iri in inferences and (
                inferences[iri] not in sentences[quote].inferences):
            sentences[quote].inferences.append(inferences[iri])
    for sentence in sentences.values():
        sentence.inferences.sort(key=lambda i: i.iri)

    def literals(predicate: str) -> list[Literal]:
        return description.literals(predicate)

    def terms(predicate: str) -> list[Term]:
        return description.values(predicate)

    cited_iris = {c.iri for s in sentences.values() for c in s.cited_by}
    linked = [v.value for p in (DCT + "publisher", PROV + "wasAttributedTo", SCHEMA + "about")
              for v in terms(p) if isinstance(v, IRI)]
    inferred = [i for s in sentences.values() for i in s.inferences]
    names, _ = read.lookup(
        names=[*linked, *cited_iris, *(i.subject for i in inferred),
               *(i.value.value for i in inferred if isinstance(i.value, IRI)),
               *description.types],
        types=cited_iris)
    for sentence in sentences.values():
        for cited in sentence.cited_by:
            cited.kinds = names.kinds(cited.iri)
    ordered = _in_reading_order(description, list(sentences.values()))
    languages = [(v.value, LANGUAGES.get(v.value.rstrip("/").rsplit("/", 1)[-1]))
                 for v in terms(DCT + "language") if isinstance(v, IRI)]
    urls = [v.value for v in terms(SCHEMA + "url") if isinstance(v, IRI)]
    issued = literals(DCT + "issued")
    title = read.choose(literals(DCT + "title"))
    return {
        "cuts": {"sentences": cut(quoted, len(sentences), count)},
        "titles": literals(DCT + "title"), "publishers": terms(DCT + "publisher"),
        "attributed": terms(PROV + "wasAttributedTo"), "bylines": literals(KC + "byline"),
        "datelines": literals(SCHEMA + "dateline"), "issued": issued, "urls": urls,
        "languages": languages,
        "about": [v.value for v in terms(SCHEMA + "about") if isinstance(v, IRI)],
        "sentences": ordered, "name": names, "graph_link": _graph_link(description.iri),
        "cited_count": len(cited_iris),
        "citation": Citation(
            by=[names(v) for p in (DCT + "publisher", PROV + "wasAttributedTo")
                for v in terms(p) if isinstance(v, IRI)][:1],
            date=issued[0].value[:10] if issued else None,
            title=title.value if title else None, url=urls[0] if urls else None,
            iri=description.iri),
        # The seed corpus's file name (dct:identifier) names a file only the build reads.
        "hidden": [DCT + "identifier"],
    }


@dataclass
class Citation:
    """What a suggested citation of the article needs; the page writes it in its language."""

    by: list[str]  # the publisher (else who it is attributed to), when known
    date: str | None
    title: str | None
    url: str | None
    iri: str


def _in_reading_order(description: Description, sentences: list[Sentence]) -> list[Sentence]:
    """The headline first (when quoted), then by the number of facts, then stably."""
    titles = {v.value for v in description.values(DCT + "title") if isinstance(v, Literal)}
    counts: dict[str, int] = defaultdict(int)
    for sentence in sentences:
        counts[sentence.iri] = len(sentence.cited_by) + len(sentence.inferences)
    return sorted(sentences, key=lambda s: (
        not (s.text is not None and s.text.value in titles), -counts[s.iri], s.iri))


def _graph_link(article: str) -> GraphSource | None:
    """The article's named graph in the Graph Store, when there is one."""
    base = current_app.config["BASE"]
    if not article.startswith(base + "article/"):
        return None
    graph = base + "graph/" + article[len(base):]
    if graph not in state().store.graph_names():
        return None
    return graph_source(graph, pick({"id": "semua tripel yang didukung artikel ini",
                                     "en": "every triple this article supports"}))
