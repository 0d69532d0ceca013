"""The read layer: what pages show, read from a `TripleStore` in a few batched queries.

Flask-free: the store, the interface language and the dataset's tables are passed in, so the
same code serves pages, documents and tests. One implementation of each read helper: bound
queries, labels in a language with fallback, evidence (quotations and their articles),
inferences (kc:InferredStatement with reasons), most specific types, prefixed names, and the
description of one resource.

How a page is read (at most three round trips to the store):

    reader = Reader(store, "id", hierarchy=..., term_labels=..., bases=[...])
    d = reader.describe(iri)                                   # 1: the resource itself
    units, posts = reader.run(                                 # 2: the page's own queries,
        Query("SELECT ?this ?x WHERE { ?x org:subOrganizationOf ?this }", this=IRI(iri)),
        Query("SELECT ?this ?post WHERE { ?post org:postIn ?this }", this=IRI(iri)))
    known = reader.lookup(names=[...], evidence=[...],         # 3: labels, quotes, inferences
                          inferences=[...], types=[...])       #    and types of what 2 found

Rules for queries:
* Values from a request are bound by the engine (`Query(..., this=IRI(iri))`, SEP-0007),
  never pasted into the text. Oxigraph refuses a bound variable missing from the SELECT
  projection, and a sub-SELECT that does not project it sees it unbound (it then matches
  everything): project it everywhere (`SELECT ?this ...`, `GROUP BY ?this` with COUNT).
* Lists of IRIs that the store itself returned (step 3) go into VALUES blocks, after
  `iri_ok` (a binding is one value); `values_blocks` chunks long lists.
* Every query text gets `PREFIXES` (kc, org, schema, skos, rdf, rdfs, owl, dct, prov, foaf,
  xsd, dim, role, stage, cat, void, dcat, wdt).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS as RDFS_NS

from kotacerdas.graph.namespaces import PREFIXES as NAMESPACES
from kotacerdas.graph.supertypes import superclass_closure
from kotacerdas.server.store import GraphResult, QueryRequest, SelectResult, TripleStore
from kotacerdas.server.terms import IRI, BNode, Literal, Term

KC = NAMESPACES["kc"]
ORG = NAMESPACES["org"]
SCHEMA = NAMESPACES["schema"]
SKOS = NAMESPACES["skos"]
RDF = NAMESPACES["rdf"]
RDFS = NAMESPACES["rdfs"]
OWL = NAMESPACES["owl"]
DCT = NAMESPACES["dct"]
PROV = NAMESPACES["prov"]
FOAF = NAMESPACES["foaf"]
RDF_TYPE = RDF + "type"
PREFIXES = "".join(f"PREFIX {name}: <{namespace}>\n" for name, namespace in NAMESPACES.items())
# What names a resource on a page, in the order a name is preferred when a resource has
# several in one language; a quotation is named by its sentence.
LABEL_ORDER = (RDFS + "label", SKOS + "prefLabel", DCT + "title", KC + "text")
LABEL_PATH = "|".join(f"<{p}>" for p in LABEL_ORDER)
LABEL_PREDICATES = frozenset({RDFS + "label", SKOS + "prefLabel", DCT + "title"})
CHUNK = 500  # IRIs per VALUES block
MAX_ROWS = 20_000

Row = dict[str, Term]
Labels = dict[str, str]  # language ("" for none) -> label


# ---------------------------------------------------------------------------- terms

def iri_ok(value: str) -> bool:
    """Only well-formed absolute IRIs the engine takes (RFC 3987: no stray %, [ or second #)
    ever reach a query, so that a query made with one cannot fail to parse."""
    try:
        IRI(value)
        pyoxigraph.NamedNode(value)
    except (TypeError, ValueError):
        return False
    return True


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


def other_language(language: str) -> str:
    return "en" if language == "id" else "id"


def choose_literal(literals: Iterable[Literal], language: str) -> Literal | None:
    """The literal in `language`, else in the other of id/en, else untagged, else any."""
    found = list(literals)
    for wanted in (language, other_language(language), None):
        for literal in found:
            if literal.lang == wanted:
                return literal
    return found[0] if found else None


def label(labels: Mapping[str, str] | Mapping[str, list[str]], language: str,
          fallback: str) -> str:
    """The label in `language`, else the other of id/en, else untagged, else any, else
    `fallback`."""
    for lang in (language, other_language(language), ""):
        value = labels.get(lang)
        if value:
            return value[0] if isinstance(value, list) else value
    for value in labels.values():
        if value:
            return value[0] if isinstance(value, list) else value
    return fallback


def short_iri(iri: str) -> str:
    """A prefixed name (kc:Region) for a term in a known namespace, else the IRI."""
    for prefix, namespace in NAMESPACES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def values_blocks(iris: Iterable[str | None]) -> list[str]:
    """Bodies of VALUES blocks: the well-formed IRIs among `iris`, once each, CHUNK a block."""
    wanted = [i for i in dict.fromkeys(iris) if i and iri_ok(i)]
    return [" ".join(f"<{i}>" for i in wanted[start:start + CHUNK])
            for start in range(0, len(wanted), CHUNK)]


# ---------------------------------------------------------------------------- queries

@dataclass(frozen=True)
class Query:
    """A SELECT (or CONSTRUCT) over the union of all graphs, with `PREFIXES` and bindings."""

    text: str
    bindings: Mapping[str, Term] = field(default_factory=dict)
    max_rows: int = MAX_ROWS

    def __init__(self, text: str, max_rows: int = MAX_ROWS, **bindings: Term) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "bindings", bindings)
        object.__setattr__(self, "max_rows", max_rows)

    def request(self) -> QueryRequest:
        return QueryRequest(PREFIXES + self.text, max_rows=self.max_rows,
                            bindings=dict(self.bindings) or None)


def run(store: TripleStore, queries: Sequence[Query], timeout: float = 10.0
        ) -> list[list[Any]]:
    """The rows of each SELECT (the triples of a CONSTRUCT), in ONE round trip to the store
    (none for no queries)."""
    if not queries:
        return []
    answers = store.query_many([q.request() for q in queries], timeout)
    found: list[list[Any]] = []
    for answer in answers:
        if isinstance(answer, GraphResult):
            found.append(answer.triples)
        else:
            assert isinstance(answer, SelectResult)
            found.append(answer.rows)
    return found


def select(store: TripleStore, query: str, timeout: float = 10.0,
           max_rows: int = MAX_ROWS) -> list[Row]:
    """One SELECT exactly as written (no prefixes added, nothing bound): one round trip."""
    result = store.query(QueryRequest(query, max_rows=max_rows), timeout=timeout)
    assert isinstance(result, SelectResult)
    return result.rows


def labels_query(iris: str) -> Query:
    """The labels of the resources in a VALUES block body."""
    return Query(f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {iris} }} ?x {LABEL_PATH} ?label }}")


def labels_of(store: TripleStore, iris: Iterable[str]) -> dict[str, Labels]:
    """Labels of many resources, in one round trip."""
    rows = run(store, [labels_query(block) for block in values_blocks(iris)])
    return read_labels(row for found in rows for row in found)


def read_labels(rows: Iterable[Row], node: str = "x", name: str = "label"
                ) -> dict[str, Labels]:
    """{resource: {language: label}} from rows of ?x ?label (the first label per language)."""
    labels: dict[str, Labels] = defaultdict(dict)
    for row in rows:
        value = row.get(name)
        if node in row and isinstance(value, Literal):
            labels[key_of(row[node])].setdefault(value.lang or "", value.value)
    return dict(labels)


# Quotations (a node's kc:evidence) with their sentence and article, joined to rows of ?n.
QUOTE_PATTERN = """?n kc:evidence ?q . OPTIONAL { ?q kc:text ?text }
    OPTIONAL { ?q prov:wasQuotedFrom ?article OPTIONAL { ?article dct:title ?title } }"""
INFERENCE_PATTERN = """?i a kc:InferredStatement ; rdf:subject ?s ; rdf:predicate ?p .
    OPTIONAL { ?i rdf:object ?o } OPTIONAL { ?i kc:reason ?reason }
    OPTIONAL { ?i kc:evidence ?q OPTIONAL { ?q kc:text ?text }
               OPTIONAL { ?q prov:wasQuotedFrom ?article
                          OPTIONAL { ?article dct:title ?title } } }"""


def evidence_query(iris: str) -> Query:
    """The quotations of the nodes in a VALUES block body."""
    return Query(f"SELECT ?n ?q ?text ?article ?title WHERE {{ VALUES ?n {{ {iris} }} "
                 f"{QUOTE_PATTERN} }}")


def inferences_query(iris: str) -> Query:
    """The inferred statements about the subjects in a VALUES block body, with evidence."""
    return Query(f"SELECT ?i ?s ?p ?o ?reason ?q ?text ?article ?title WHERE {{ "
                 f"VALUES ?s {{ {iris} }} {INFERENCE_PATTERN} }}")


def inferences_citing_query(article: str) -> Query:
    """The inferred statements resting on a quotation of `article` (bound), with evidence
    (?cited: the article's quotation)."""
    return Query(f"""SELECT ?this ?cited ?i ?s ?p ?o ?reason ?q ?text ?article ?title WHERE {{
        ?cited prov:wasQuotedFrom ?this . ?i kc:evidence ?cited . {INFERENCE_PATTERN} }}""",
                 this=IRI(article))


def types_query(iris: str) -> Query:
    """The types of the resources in a VALUES block body, with the types' labels."""
    return Query(f"SELECT ?x ?t ?label WHERE {{ VALUES ?x {{ {iris} }} ?x a ?t "
                 f"OPTIONAL {{ ?t {LABEL_PATH} ?label }} }}")


SECTION_LIMIT = 100  # items of one section of a page; the rest by a query for all


@dataclass(frozen=True)
class Section:
    """A section that may list thousands: its first `limit` items (by `order`), how many there
    are, and a query for all of them (the resource written in, to link to /sparql)."""

    this: str
    core: str  # the graph pattern binding ?item from ?this
    item: str = "x"
    order: str = ""  # ORDER BY of the items shown ("?x" by default)
    limit: int = SECTION_LIMIT

    def items(self, projection: str = "") -> str:
        """A sub-SELECT of the items shown: join it to the details of each."""
        order = self.order or f"?{self.item}"
        return (f"{{ SELECT DISTINCT ?this ?{self.item} {projection} WHERE {{ {self.core} }} "
                f"ORDER BY {order} LIMIT {self.limit} }}")

    def count(self) -> Query:
        return Query(f"SELECT ?this (COUNT(DISTINCT ?{self.item}) AS ?n) WHERE {{ {self.core} }} "
                     "GROUP BY ?this", this=IRI(self.this))

    def query_for_all(self) -> str:
        return (f"{PREFIXES}SELECT DISTINCT ?{self.item} WHERE {{ VALUES ?this {{ <{self.this}> }}"
                f" {self.core} }} ORDER BY ?{self.item}")


@dataclass(frozen=True)
class Cut:
    """What a page says of a cut section: `shown` of `total`, and the query for all."""

    shown: int
    total: int
    query: str

    @property
    def cut(self) -> bool:
        return self.total > self.shown


def cut(section: Section, shown: int, count_rows: list[Row]) -> Cut:
    total = count_rows[0].get("n") if count_rows else None
    return Cut(shown, int(total.value) if isinstance(total, Literal) else shown,
               section.query_for_all())


@dataclass(frozen=True)
class Quote:
    """A quoted sentence: its IRI (<article>#quote-...), text, and the article it is from."""

    iri: str
    text: str
    lang: str
    article: str
    article_title: str
    article_lang: str = ""


@dataclass
class Inference:
    """A `kc:InferredStatement`: a triple the source implies, with why and the evidence."""

    iri: str
    subject: str
    predicate: str
    value: Term | None
    reasons: list[Literal] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    reason: str = ""  # the reason in the reader's language (else another), and its language
    reason_lang: str = ""

    @property
    def object(self) -> Term | None:
        return self.value


@dataclass(frozen=True)
class Ref:
    """Something to link to, with its label to show (`lang`: the label's language, set when
    it is not the interface language)."""

    iri: str
    label: str
    lang: str = ""


# ---------------------------------------------------------------------------- hierarchy

@dataclass(frozen=True)
class Hierarchy:
    """The classes and their superclasses (rdfs:subClassOf, closed transitively), read once."""

    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: TripleStore) -> Hierarchy:
        axioms = Graph()
        for row in select(store, f"SELECT DISTINCT ?c ?super WHERE {{ ?c <{RDFS}subClassOf> "
                                 "?super }"):
            if isinstance(row["c"], IRI) and isinstance(row["super"], IRI):
                axioms.add((URIRef(row["c"].value), RDFS_NS.subClassOf,
                            URIRef(row["super"].value)))
        return cls({str(c): frozenset(map(str, above))
                    for c, above in superclass_closure(axioms).items()})

    def most_specific(self, types: Iterable[str]) -> list[str]:
        """The types none of the others is below (kc:Evaluation, not kc:Event or
        schema:Event), in their order; the instances carry all their superclasses."""
        kinds = list(dict.fromkeys(types))
        return [t for t in kinds
                if not any(t in self.ancestors.get(other, ()) and other not in
                           self.ancestors.get(t, ()) for other in kinds)]

    def subclasses(self, root: str) -> frozenset[str]:
        """`root` and every class below it."""
        return frozenset({root, *(c for c, above in self.ancestors.items() if root in above)})


# ---------------------------------------------------------------------------- naming

@dataclass(frozen=True)
class Namer:
    """How to show an IRI in one language: its labels, else the term-label table (reused
    vocabulary terms, the ontology's labels), else our own IRI's last segment as words."""

    language: str
    term_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    bases: tuple[str, ...] = ()

    def fallback(self, iri: str) -> str:
        """What shows for an IRI the data gives no label (never a prefixed name)."""
        return label(self.term_labels.get(iri, {}), self.language, self.readable(iri))

    def readable(self, iri: str) -> str:
        """Our own IRI that nothing names (the data's gap): its last segment as words."""
        if not any(iri.startswith(base) for base in self.bases):
            return iri
        last = iri.rstrip("/").rsplit("/", 1)[-1].rpartition("#")[2]
        return last.replace("-", " ").replace("_", " ") or iri

    def term(self, term: Term, labels: Labels | None = None) -> str:
        if isinstance(term, Literal):
            return term.value
        if isinstance(term, BNode):
            return "_:" + term.id
        return label(labels or {}, self.language, self.fallback(term.value))


# ---------------------------------------------------------------------------- knowledge

@dataclass
class Knowledge:
    """What step 3 of a page learns about many resources at once: labels, quotations,
    inferences and most specific types. `knowledge(term)` is the label to show."""

    namer: Namer
    labels: dict[str, Labels] = field(default_factory=dict)
    evidence: dict[str, list[Quote]] = field(default_factory=dict)
    inferences: list[Inference] = field(default_factory=list)
    types: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_pair: dict[tuple[str, str], list[Inference]] = defaultdict(list)
        for item in self.inferences:
            self._by_pair[(item.subject, item.predicate)].append(item)

    def __call__(self, term: Term | str | None) -> str:
        """The label; an unlabelled vocabulary term by its prefixed name, as the ontology's
        documentation writes it."""
        if term is None:
            return ""
        if isinstance(term, Literal | BNode):
            return self.namer.term(term)
        iri = term.value if isinstance(term, IRI) else term
        own = self.labels.get(iri)
        if own:
            return label(own, self.namer.language, iri)
        prefixed = short_iri(iri)
        return prefixed if prefixed != iri else self.namer.fallback(iri)

    def lang(self, term: Term | str | None) -> str:
        """The language of the label `knowledge(term)` shows ("" when unknown)."""
        if isinstance(term, Literal):
            return term.lang or ""
        if term is None or isinstance(term, BNode):
            return ""
        iri = term.value if isinstance(term, IRI) else term
        shown = self(iri)
        return next((lang for lang, value in self.labels.get(iri, {}).items()
                     if value == shown), "")

    def ref(self, iri: str) -> Ref:
        """A link to `iri` with its label (never a prefixed name), and the label's language
        when it is not the interface language."""
        own = self.labels.get(iri, {})
        shown = label(own, self.namer.language, iri) if own else self.namer.fallback(iri)
        lang = "" if own.get(self.namer.language) == shown else next(
            (lang for lang, value in own.items() if value == shown), "")
        return Ref(iri, shown, lang)

    def quotes(self, iri: str | None) -> list[Quote]:
        return self.evidence.get(iri, []) if iri else []

    def inferred(self, subject: Term | str | None, predicate: str,
                 value: Term | str | None = None) -> Inference | None:
        """The inference behind (subject, predicate[, value]), if that fact is inferred."""
        if subject is None:
            return None
        s = subject.value if isinstance(subject, IRI) else subject
        if not isinstance(s, str):
            return None
        o = (IRI(value) if iri_ok(value) else None) if isinstance(value, str) else value
        for item in self._by_pair.get((s, predicate), []):
            if o is None or item.value is None or item.value == o:
                return item
        return None

    def kinds(self, iri: str) -> list[str]:
        return self.types.get(iri, [])


class Quotes(list[Quote]):
    """The quotations of one node (`node`): a page shows the first few, and links the rest."""

    node: str = ""


SHOWN_QUOTES = 5  # quotations shown per fact; the others by a query


def incoming_query_text(iri: str) -> str:
    """A SPARQL query for every statement pointing at `iri` (to link to /sparql)."""
    return (f"SELECT ?subject ?property WHERE {{ ?subject ?property <{iri}> }} "
            "ORDER BY ?property ?subject")


def quotes_query_text(node: str) -> str:
    """A SPARQL query for every quotation of `node` (to link to /sparql)."""
    return (f"{PREFIXES}SELECT ?quote ?text ?article WHERE {{ <{node}> kc:evidence ?quote . "
            "OPTIONAL { ?quote kc:text ?text } OPTIONAL { ?quote prov:wasQuotedFrom ?article } }"
            " ORDER BY ?article ?quote")


def read_quotes(rows: Iterable[Row], language: str, namer: Namer, node: str = "n"
                ) -> dict[str, list[Quote]]:
    """{node: quotations} from rows of QUOTE_PATTERN, sorted by article then quotation."""
    rows = list(rows)
    titles: dict[str, list[Literal]] = defaultdict(list)
    for row in rows:
        title, article = row.get("title"), iri_of(row.get("article"))
        if isinstance(title, Literal) and article and title not in titles[article]:
            titles[article].append(title)
    found: dict[str, dict[str, Quote]] = defaultdict(dict)
    for row in rows:
        subject, quote = iri_of(row.get(node)), iri_of(row.get("q"))
        if subject is None or quote is None or quote in found[subject]:
            continue
        text = row.get("text")
        article = iri_of(row.get("article")) or quote.partition("#")[0]
        title = choose_literal(titles.get(article, []), language)
        found[subject][quote] = Quote(
            quote, text.value if isinstance(text, Literal) else "",
            (text.lang or "") if isinstance(text, Literal) else "", article,
            title.value if title else namer.fallback(article),
            (title.lang or "") if title else "")
    listed: dict[str, list[Quote]] = {}
    for subject, quotes in found.items():
        listed[subject] = Quotes(sorted(quotes.values(), key=lambda q: (q.article, q.iri)))
        listed[subject].node = subject  # type: ignore[attr-defined]
    return listed


def read_inferences(rows: Iterable[Row], language: str, namer: Namer) -> list[Inference]:
    """Inferences from rows of INFERENCE_PATTERN, in IRI order."""
    rows = list(rows)
    quotes = read_quotes(rows, language, namer, node="i")
    found: dict[str, Inference] = {}
    for row in rows:
        iri, subject, predicate = (iri_of(row.get(v)) for v in ("i", "s", "p"))
        if iri is None or subject is None or predicate is None:
            continue
        item = found.setdefault(iri, Inference(iri, subject, predicate, row.get("o"),
                                               quotes=quotes.get(iri, [])))
        reason = row.get("reason")
        if isinstance(reason, Literal) and reason not in item.reasons:
            item.reasons.append(reason)
    for item in found.values():
        reason = choose_literal(item.reasons, language)
        if reason is not None:
            item.reason, item.reason_lang = reason.value, reason.lang or ""
    return [found[i] for i in sorted(found)]


# ---------------------------------------------------------------------------- description

@dataclass
class Statement:
    predicate: str
    value: Term
    labels: Labels = field(default_factory=dict)


@dataclass
class Description:
    """A resource's types and labels, its statements (with the labels of what they point
    at), and the first `limit` statements that point at it (`incoming_total` in all)."""

    iri: str
    types: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    statements: list[Statement] = field(default_factory=list)
    incoming: list[Statement] = field(default_factory=list)  # value: the subject pointing here
    incoming_total: int = 0

    @property
    def exists(self) -> bool:
        return bool(self.statements or self.incoming)

    def values(self, predicate: str) -> list[Term]:
        return [s.value for s in self.statements if s.predicate == predicate]

    def first(self, predicate: str) -> Term | None:
        found = self.values(predicate)
        return found[0] if found else None

    def iris(self, predicate: str) -> list[str]:
        return [v.value for v in self.values(predicate) if isinstance(v, IRI)]

    def literals(self, predicate: str) -> list[Literal]:
        return [v for v in self.values(predicate) if isinstance(v, Literal)]


INCOMING_LIMIT = 100  # statements pointing at a resource shown on its page
SHOWN_STATEMENTS = 200  # statements of a resource shown on its page; all in its data
OUTGOING_LIMIT = 5_000  # statements of one resource (more is a synthetic oddity)


def description_queries(iri: str, incoming: int = INCOMING_LIMIT) -> list[Query]:
    """The three queries of `describe`, to batch with others."""
    this = IRI(iri)
    return [
        Query(f"SELECT ?this ?p ?o ?label WHERE {{ ?this ?p ?o . "
              f"OPTIONAL {{ ?o {LABEL_PATH} ?label }} }}", max_rows=OUTGOING_LIMIT * 4,
              this=this),
        Query(f"""SELECT ?this ?s ?p ?label WHERE {{
            {{ SELECT ?this ?s ?p WHERE {{ ?s ?p ?this }} LIMIT {incoming} }}
            OPTIONAL {{ ?s {LABEL_PATH} ?label }} }}""", this=this),
        Query("SELECT ?this (COUNT(*) AS ?n) WHERE { ?s ?p ?this } GROUP BY ?this", this=this),
    ]


def read_description(iri: str, rows: Sequence[list[Row]]) -> Description:
    out, inc, count = rows
    description = Description(iri)
    object_labels: dict[str, Labels] = defaultdict(dict)
    seen: set[tuple[str, Term]] = set()
    for row in out:
        predicate, value = row["p"], row["o"]
        assert isinstance(predicate, IRI)
        label_value = row.get("label")
        if isinstance(label_value, Literal):
            object_labels[key_of(value)].setdefault(label_value.lang or "", label_value.value)
        if (predicate.value, value) in seen:
            continue
        seen.add((predicate.value, value))
        description.statements.append(Statement(predicate.value, value))
        if predicate.value == RDF_TYPE and isinstance(value, IRI):
            description.types.append(value.value)
        if predicate.value in LABEL_PREDICATES and isinstance(value, Literal):
            description.labels[value.lang or ""].append(value.value)
    for statement in description.statements:
        statement.labels = object_labels.get(key_of(statement.value), {})
    subject_labels = read_labels(inc, node="s")
    seen_in: set[tuple[str, Term]] = set()
    for row in inc:
        subject, predicate = row["s"], row["p"]
        assert isinstance(predicate, IRI)
        if (predicate.value, subject) not in seen_in:
            seen_in.add((predicate.value, subject))
            description.incoming.append(Statement(predicate.value, subject,
                                                  subject_labels.get(key_of(subject), {})))
    total = count[0].get("n") if count else None
    description.incoming_total = int(total.value) if isinstance(total, Literal) else 0
    return description


def rdf_document_query(iri: str) -> Query:
    """The description as triples: statements, labels of what they link, incoming links."""
    return Query(f"""CONSTRUCT {{ ?this ?p ?o . ?o rdfs:label ?ol . ?s ?q ?this .
                                 ?s rdfs:label ?sl }}
        WHERE {{ {{ ?this ?p ?o . OPTIONAL {{ ?o {LABEL_PATH} ?ol }} }} UNION
                 {{ SELECT ?this ?s ?q ?sl WHERE {{ ?s ?q ?this .
                    OPTIONAL {{ ?s {LABEL_PATH} ?sl }} }} LIMIT 2000 }} }}""",
                 max_rows=50_000, this=IRI(iri))


# ---------------------------------------------------------------------------- reader

class Reader:
    """Reads for one request: the store, the interface language and the dataset's tables."""

    def __init__(self, store: TripleStore, language: str, *,
                 hierarchy: Hierarchy | None = None,
                 term_labels: Mapping[str, Mapping[str, str]] | None = None,
                 bases: Sequence[str] = (), timeout: float = 10.0) -> None:
        self.store = store
        self.language = language
        self.hierarchy = hierarchy or Hierarchy()
        self.namer = Namer(language, term_labels or {}, tuple(bases))
        self.timeout = timeout

    def run(self, *queries: Query) -> list[list[Any]]:
        """The rows of each query (triples of a CONSTRUCT), in ONE round trip."""
        return run(self.store, queries, self.timeout)

    def describe(self, iri: str, *extra: Query) -> tuple[Description, list[list[Row]]]:
        """The description of `iri` and the rows of `extra` queries, in one round trip."""
        if not iri_ok(iri):
            return Description(iri), [[] for _ in extra]
        rows = self.run(*description_queries(iri), *extra)
        return read_description(iri, rows[:3]), rows[3:]

    def lookup(self, names: Iterable[str | None] = (), evidence: Iterable[str | None] = (),
               inferences: Iterable[str | None] = (), types: Iterable[str | None] = (),
               extra: Sequence[Query] = ()) -> tuple[Knowledge, list[list[Row]]]:
        """Labels of `names`, quotations of `evidence`, inferences about `inferences` and
        the most specific types of `types` (with their labels), with the rows of `extra`
        queries: one round trip."""
        groups: list[tuple[str, list[Query]]] = [
            ("labels", [labels_query(b) for b in values_blocks(names)]),
            ("evidence", [evidence_query(b) for b in values_blocks(evidence)]),
            ("inferences", [inferences_query(b) for b in values_blocks(inferences)]),
            ("types", [types_query(b) for b in values_blocks(types)])]
        queries = [q for _, group in groups for q in group]
        rows = self.run(*queries, *extra)
        found: dict[str, list[Row]] = {}
        start = 0
        for name, group in groups:
            found[name] = [row for result in rows[start:start + len(group)] for row in result]
            start += len(group)
        labels = read_labels(found["types"], node="t")
        labels.update(read_labels(found["labels"]))
        knowledge = Knowledge(self.namer, labels,
                              read_quotes(found["evidence"], self.language, self.namer),
                              read_inferences(found["inferences"], self.language, self.namer),
                              self.read_types(found["types"]))
        return knowledge, rows[start:]

    def read_types(self, rows: Iterable[Row]) -> dict[str, list[str]]:
        """{resource: most specific types} from rows of ?x ?t, types in IRI order."""
        found: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            x, t = iri_of(row.get("x")), iri_of(row.get("t"))
            if x and t and t not in found[x]:
                found[x].append(t)
        return {x: self.hierarchy.most_specific(sorted(types)) for x, types in found.items()}

    def choose(self, literals: Iterable[Literal]) -> Literal | None:
        return choose_literal(literals, self.language)

    def inferences(self, rows: Iterable[Row]) -> list[Inference]:
        return read_inferences(rows, self.language, self.namer)

