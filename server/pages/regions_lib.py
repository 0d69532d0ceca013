"""What the region, province, innovation, dimension and list pages share: who says so.

Each fact a page shows links to its source: the node's `kc:evidence` quotation, which
`prov:wasQuotedFrom` an article (the link goes to the quotation's anchor on the article's
page); a fact the article only implies is also described by a `kc:InferredStatement` whose
reason the page shows. Everything is read through `state().store` with SPARQL, and only
validated IRIs (`iri_ok`) go into a query.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import current_app, url_for

from kotacerdas.graph.namespaces import PREFIXES as NAMESPACES
from kotacerdas.server.browse import fallback_label, label
from kotacerdas.server.describe import iri_ok, labels_of, select
from kotacerdas.server.graphstore import Credit, graph_credits
from kotacerdas.server.i18n import current_language, pick
from kotacerdas.server.pages.agents_lib import choose_literal, iri_of
from kotacerdas.server.state import state
from kotacerdas.server.terms import Literal, Term

KC = "https://w3id.org/kotacerdas/ontology#"
DIMENSION_ROOT = "https://w3id.org/kotacerdas/dimension/"
# The dimension scheme's order (the data holds no order of its own).
DIMENSION_ORDER = ["smart-governance", "smart-branding", "smart-economy", "smart-living",
                   "smart-society", "smart-environment"]
GAZETTEER_GRAPH = "graph/gazetteer"  # below the base
PREFIXES = "".join(f"PREFIX {name}: <{NAMESPACES[name]}>\n"
                   for name in ("kc", "rdf", "rdfs", "skos", "schema", "org", "prov", "dct"))
CHUNK = 400  # IRIs per VALUES block


@dataclass
class Quote:
    """A quoted sentence and the article it comes from."""

    iri: str
    text: str
    lang: str
    article: str
    article_title: str
    article_lang: str = ""


@dataclass
class Inference:
    """Why a fact the source does not state was asserted."""

    subject: str
    predicate: str
    value: Term | None
    reason: str
    reason_lang: str
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Ref:
    """Something to link to, with its label in the interface language (`lang` is set when
    the label is in another language)."""

    iri: str
    label: str
    lang: str = ""


def run(query: str, max_rows: int = 20_000) -> list[dict[str, Term]]:
    return select(state().store, PREFIXES + query, max_rows=max_rows)


def values(iris: Iterable[str | None]) -> list[str]:
    """`VALUES` blocks of validated IRIs (several when there are many)."""
    wanted = [i for i in dict.fromkeys(iris) if i and iri_ok(i)]
    return [" ".join(f"<{i}>" for i in wanted[start:start + CHUNK])
            for start in range(0, len(wanted), CHUNK)]


def names(iris: Iterable[str | None]) -> dict[str, Ref]:
    """Labels in the interface language (falling back) of many resources, as links."""
    wanted = [i for i in dict.fromkeys(iris) if i and iri_ok(i)]
    labels: dict[str, dict[str, str]] = {}
    for start in range(0, len(wanted), CHUNK):
        labels.update(labels_of(state().store, wanted[start:start + CHUNK]))
    language = current_language()
    refs = {}
    for one in wanted:
        own = labels.get(one, {})
        shown = label(own, one) if own else fallback_label(one)
        lang = "" if own.get(language) == shown else next(
            (lang for lang, value in own.items() if value == shown), "")
        refs[one] = Ref(one, shown, lang)
    return refs


def ref(iri_value: str, refs: dict[str, Ref]) -> Ref:
    return refs.get(iri_value) or Ref(iri_value, fallback_label(iri_value))


def quotes_for(subjects: Iterable[str | None]) -> dict[str, list[Quote]]:
    """The quotations (`kc:evidence`) of each subject, with their articles."""
    found: dict[str, list[Quote]] = defaultdict(list)
    titles: dict[str, list[Literal]] = defaultdict(list)
    rows: list[dict[str, Term]] = []
    for block in values(subjects):
        rows += run(f"""SELECT ?x ?q ?text ?article ?title WHERE {{
              VALUES ?x {{ {block} }}
              ?x kc:evidence ?q . ?q kc:text ?text ; prov:wasQuotedFrom ?article .
              OPTIONAL {{ ?article dct:title ?title }} }}""")
    for row in rows:
        title, article = row.get("title"), iri_of(row["article"])
        if isinstance(title, Literal) and article and title not in titles[article]:
            titles[article].append(title)
    seen: set[tuple[str, str]] = set()
    for row in rows:
        subject, quote, article = iri_of(row["x"]), iri_of(row["q"]), iri_of(row["article"])
        sentence = row["text"]
        if not subject or not quote or not article or not isinstance(sentence, Literal):
            continue
        if (subject, quote) in seen:
            continue
        seen.add((subject, quote))
        title = choose_literal(titles.get(article, []))
        found[subject].append(Quote(
            quote, sentence.value, sentence.lang or "", article,
            title.value if title else fallback_label(article), (title.lang or "") if title else ""))
    for quotes in found.values():
        quotes.sort(key=lambda q: (q.article, q.iri))
    return dict(found)


def inferences_for(subjects: Iterable[str | None]) -> dict[tuple[str, str], list[Inference]]:
    """The `kc:InferredStatement`s about each subject, keyed by (subject, predicate)."""
    rows: list[dict[str, Term]] = []
    for block in values(subjects):
        rows += run(f"""SELECT ?s ?x ?p ?o ?reason WHERE {{
              VALUES ?x {{ {block} }}
              ?s a kc:InferredStatement ; rdf:subject ?x ; rdf:predicate ?p .
              OPTIONAL {{ ?s rdf:object ?o }} OPTIONAL {{ ?s kc:reason ?reason }} }}""")
    reasons: dict[str, list[Literal]] = defaultdict(list)
    heads: dict[str, tuple[str, str, Term | None]] = {}
    for row in rows:
        statement, subject, predicate = iri_of(row["s"]), iri_of(row["x"]), iri_of(row["p"])
        if not statement or not subject or not predicate:
            continue
        heads.setdefault(statement, (subject, predicate, row.get("o")))
        reason = row.get("reason")
        if isinstance(reason, Literal) and reason not in reasons[statement]:
            reasons[statement].append(reason)
    quotes = quotes_for(heads)
    found: dict[tuple[str, str], list[Inference]] = defaultdict(list)
    for statement, (subject, predicate, value) in sorted(heads.items()):
        reason = choose_literal(reasons.get(statement, []))
        found[(subject, predicate)].append(Inference(
            subject, predicate, value, reason.value if reason else "",
            (reason.lang or "") if reason else "", quotes.get(statement, [])))
    return dict(found)


def inference(inferences: dict[tuple[str, str], list[Inference]], subject: str,
              predicate: str, value: Term | None = None) -> Inference | None:
    """The inference behind (subject, predicate[, value]), if that fact is inferred."""
    for one in inferences.get((subject, predicate), []):
        if value is None or one.value is None or one.value == value:
            return one
    return None


def name_key(name: str) -> str:
    """A name for comparing: lower-case, without accents, punctuation or spaces."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.casefold() if ch.isalnum())


def dimension_rank(dimension: str | None) -> int:
    """The scheme's order; unknown dimensions after the six, "no dimension" last."""
    if dimension and dimension.startswith(DIMENSION_ROOT):
        slug = dimension[len(DIMENSION_ROOT):]
        if slug in DIMENSION_ORDER:
            return DIMENSION_ORDER.index(slug)
    return len(DIMENSION_ORDER) + (0 if dimension else 1)


@dataclass
class GraphSource:
    """A named graph cited as a source: a link for people (the Graph Store's page about the
    graph) and one for programs (its Turtle), each labelled as what it is."""

    label: str
    page: str
    turtle: str
    credits: Credit | None = None  # what the data says of the graph and its sources


def graph_source(graph: str, label_: str) -> GraphSource:
    return GraphSource(label_, url_for("graphstore.graphs", graph=graph),
                       url_for("graphstore.graphs", graph=graph, format="ttl"))


def gazetteer_source() -> GraphSource:
    """Facts from the gazetteer (names, codes, which province) cite its named graph, and
    the sources the data says it is made from."""
    graph = current_app.config["BASE"] + GAZETTEER_GRAPH
    credits = graph_credits(graph)
    title = credits.label.value if credits and credits.label else pick(
        {"id": "gazeter Kemendagri", "en": "Kemendagri gazetteer"})
    found = graph_source(graph, title)
    found.credits = credits
    return found
