"""Shared by the institution, person, event, article, ontology and concept pages (agents.py,
events.py, articles.py, ontology.py): SPARQL helpers, labels for many resources at once, the
evidence (quoted sentences) of facts, and the facts that are inferred rather than stated.

Everything goes through `state().store`; only IRIs that pass `iri_ok` enter a query.
The term helpers (`iri_of`, `text_of`, `choose_literal`) serve regions_lib.py too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kotacerdas.server.browse import fallback_label, label, short_iri
from kotacerdas.server.describe import Labels, iri_ok, labels_of, select
from kotacerdas.server.i18n import current_language
from kotacerdas.server.state import most_specific, state
from kotacerdas.server.terms import IRI, BNode, Literal, Term

KC = "https://w3id.org/kotacerdas/ontology#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
FOAF = "http://xmlns.com/foaf/0.1/"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in {
    "kc": KC, "org": ORG, "schema": SCHEMA, "skos": SKOS, "rdf": RDF, "rdfs": RDFS,
    "owl": OWL, "dct": DCT, "prov": PROV, "foaf": FOAF, "xsd": XSD}.items())

Row = dict[str, Term]


def query(sparql: str) -> list[Row]:
    """A SELECT over the union of all graphs, with the usual prefixes."""
    return select(state().store, PREFIXES + sparql)


def ref(iri: str) -> str:
    """`<iri>` for a query; refuses anything that is not a well-formed IRI."""
    if not iri_ok(iri):
        raise ValueError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def values(iris: Iterable[str]) -> str:
    """The body of a VALUES block: the well-formed IRIs among `iris`, once each."""
    return " ".join(f"<{i}>" for i in dict.fromkeys(iris) if iri_ok(i))


def iri_of(term: Term | None) -> str | None:
    return term.value if isinstance(term, IRI) else None


def text_of(term: Term | None) -> str | None:
    return term.value if isinstance(term, Literal) else None


def key_of(term: Term) -> str:
    if isinstance(term, IRI):
        return term.value
    if isinstance(term, BNode):
        return "_:" + term.id
    return repr(term)


def choose_literal(literals: Iterable[Literal]) -> Literal | None:
    """The literal in the interface language, else the other one, else any."""
    found = list(literals)
    language = current_language()
    for wanted in (language, "en" if language == "id" else "id", None):
        for literal in found:
            if literal.lang == wanted:
                return literal
    return found[0] if found else None


class Names:
    """Labels of many resources, fetched once; `names(term)` is the label to show."""

    def __init__(self, labels: dict[str, Labels] | None = None) -> None:
        self.labels: dict[str, Labels] = dict(labels or {})

    @classmethod
    def fetch(cls, iris: Iterable[str]) -> Names:
        names = cls()
        names.add(iris)
        return names

    def add(self, iris: Iterable[str]) -> None:
        missing = [i for i in dict.fromkeys(iris) if i and i not in self.labels]
        self.labels.update(labels_of(state().store, missing))

    def __call__(self, term: Term | str | None) -> str:
        if term is None:
            return ""
        if isinstance(term, Literal):
            return term.value
        if isinstance(term, BNode):
            return "_:" + term.id
        iri = term.value if isinstance(term, IRI) else term
        own = self.labels.get(iri)
        if own:
            return label(own, iri)
        # A reused vocabulary term by its prefixed name, as the ontology's documentation
        # writes it (the other pages name only terms the data or the ontology labels).
        prefixed = short_iri(iri)
        return prefixed if prefixed != iri else fallback_label(iri)

    def lang(self, term: Term | str | None) -> str:
        """The language of the label `names(term)` shows ("" when unknown)."""
        if isinstance(term, Literal):
            return term.lang or ""
        if term is None or isinstance(term, BNode):
            return ""
        iri = term.value if isinstance(term, IRI) else term
        labels = self.labels.get(iri, {})
        shown = self(iri)
        return next((lang for lang, value in labels.items() if value == shown), "")


@dataclass(frozen=True)
class Quote:
    """A quoted sentence: its IRI (<article>#quote-...), text, and the article it is from."""

    iri: str
    text: str
    lang: str
    article: str
    article_title: str


def evidence(nodes: Iterable[str]) -> dict[str, list[Quote]]:
    """For each node, the quotations its `kc:evidence` points to."""
    wanted = values(nodes)
    if not wanted:
        return {}
    rows = query(f"""SELECT ?n ?q ?text ?article ?title WHERE {{
        VALUES ?n {{ {wanted} }} ?n kc:evidence ?q .
        OPTIONAL {{ ?q kc:text ?text }}
        OPTIONAL {{ ?q prov:wasQuotedFrom ?article OPTIONAL {{ ?article dct:title ?title }} }}
    }} ORDER BY ?n ?article ?q""")
    found: dict[str, dict[str, Quote]] = defaultdict(dict)
    for row in rows:
        node, quote = iri_of(row.get("n")), iri_of(row.get("q"))
        if node is None or quote is None or quote in found[node]:
            continue
        text = row.get("text")
        article = iri_of(row.get("article")) or quote.partition("#")[0]
        found[node][quote] = Quote(
            iri=quote, text=text.value if isinstance(text, Literal) else "",
            lang=(text.lang or "") if isinstance(text, Literal) else "",
            article=article, article_title=text_of(row.get("title")) or fallback_label(article))
    return {node: list(quotes.values()) for node, quotes in found.items()}


@dataclass
class Inference:
    """A `kc:InferredStatement`: a triple the source implies, with the reason and evidence."""

    iri: str
    subject: str
    predicate: str
    object: Term
    reasons: list[Literal] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def reason(self) -> Literal | None:
        return choose_literal(self.reasons)


class Inferences:
    """`inferred(s, p, o)`: the inference behind a triple shown on a page, or None."""

    def __init__(self, items: Iterable[Inference] = ()) -> None:
        self.items = list(items)
        self._by_triple = {(i.subject, i.predicate, key_of(i.object)): i for i in self.items}

    @classmethod
    def about(cls, subjects: Iterable[str]) -> Inferences:
        wanted = values(subjects)
        if not wanted:
            return cls()
        rows = query(f"""SELECT ?i ?s ?p ?o ?reason WHERE {{
            VALUES ?s {{ {wanted} }}
            ?i a kc:InferredStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
            OPTIONAL {{ ?i kc:reason ?reason }} }} ORDER BY ?i""")
        return cls(_inferences(rows))

    def __call__(self, subject: Term | str | None, predicate: str,
                 value: Term | str | None) -> Inference | None:
        if subject is None or value is None:
            return None
        s = subject.value if isinstance(subject, IRI) else subject
        o = value if not isinstance(value, str) else IRI(value) if iri_ok(value) else None
        if not isinstance(s, str) or o is None:
            return None
        return self._by_triple.get((s, predicate, key_of(o)))


def _inferences(rows: list[Row]) -> list[Inference]:
    found: dict[str, Inference] = {}
    for row in rows:
        iri, subject, predicate = (iri_of(row.get(v)) for v in ("i", "s", "p"))
        value = row.get("o")
        if iri is None or subject is None or predicate is None or value is None:
            continue
        item = found.setdefault(iri, Inference(iri, subject, predicate, value))
        reason = row.get("reason")
        if isinstance(reason, Literal) and reason not in item.reasons:
            item.reasons.append(reason)
    quotes = evidence(found)
    for iri, item in found.items():
        item.quotes = quotes.get(iri, [])
    return list(found.values())


def inferences_citing(quotes: Iterable[str]) -> dict[str, list[Inference]]:
    """For each quotation, the inferred statements that rest on it."""
    wanted = values(quotes)
    if not wanted:
        return {}
    rows = query(f"""SELECT ?q ?i ?s ?p ?o ?reason WHERE {{
        VALUES ?q {{ {wanted} }}
        ?i a kc:InferredStatement ; kc:evidence ?q ;
           rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        OPTIONAL {{ ?i kc:reason ?reason }} }} ORDER BY ?q ?i""")
    items = {item.iri: item for item in _inferences(rows)}
    by_quote: dict[str, list[Inference]] = defaultdict(list)
    for row in rows:
        quote, iri = iri_of(row.get("q")), iri_of(row.get("i"))
        if quote and iri in items and items[iri] not in by_quote[quote]:
            by_quote[quote].append(items[iri])
    return dict(by_quote)


def kinds_of(iris: Iterable[str]) -> dict[str, list[str]]:
    """The most specific rdf:types of many resources, in one query."""
    wanted = values(iris)
    if not wanted:
        return {}
    rows = query(f"SELECT ?x ?t WHERE {{ VALUES ?x {{ {wanted} }} ?x a ?t }} ORDER BY ?x ?t")
    found: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        x, t = iri_of(row.get("x")), iri_of(row.get("t"))
        if x and t:
            found[x].append(t)
    return {x: most_specific(types) for x, types in found.items()}
