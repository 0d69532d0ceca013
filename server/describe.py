"""Read what the pages show, through the store interface only (so a remote store works too).

A `Description` is a resource's types and labels, its statements (with the labels of what
they point at) and the statements that point at it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph

from kotacerdas.server.store import QueryRequest, SelectResult, TripleStore
from kotacerdas.server.terms import IRI, BNode, Literal, Term

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# What names a resource on a page; a quotation is named by its sentence.
LABEL_PATH = ("<http://www.w3.org/2000/01/rdf-schema#label>|"
              "<http://www.w3.org/2004/02/skos/core#prefLabel>|<http://purl.org/dc/terms/title>|"
              "<https://w3id.org/kotacerdas/ontology#text>")
MAX_INCOMING = 2000
Labels = dict[str, str]  # language ("" for none) -> label


def iri_ok(value: str) -> bool:
    """Only well-formed absolute IRIs are ever put into a query (no injection), and only
    those the engine takes (RFC 3987: no stray %, [ or second #), so that a query made with
    one cannot fail to parse."""
    try:
        IRI(value)
        pyoxigraph.NamedNode(value)
    except (TypeError, ValueError):
        return False
    return True


@dataclass
class Statement:
    predicate: str
    value: Term
    labels: Labels = field(default_factory=dict)


@dataclass
class Description:
    iri: str
    types: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    statements: list[Statement] = field(default_factory=list)
    incoming: list[Statement] = field(default_factory=list)  # value: the subject pointing here

    @property
    def exists(self) -> bool:
        return bool(self.statements or self.incoming)

    def values(self, predicate: str) -> list[Term]:
        return [s.value for s in self.statements if s.predicate == predicate]

    def first(self, predicate: str) -> Term | None:
        found = self.values(predicate)
        return found[0] if found else None


def select(store: TripleStore, query: str, timeout: float = 10.0,
           max_rows: int = 20_000) -> list[dict[str, Term]]:
    result = store.query(QueryRequest(query, max_rows=max_rows), timeout=timeout)
    assert isinstance(result, SelectResult)
    return result.rows


def _labels_into(target: dict[str, Labels], key: str, label: Term | None) -> None:
    if isinstance(label, Literal):
        target[key].setdefault(label.lang or "", label.value)


def describe(store: TripleStore, iri: str) -> Description:
    """Everything said about `iri` and everything pointing at it, with labels."""
    if not iri_ok(iri):
        return Description(iri)
    out = select(store, f"SELECT ?p ?o ?label WHERE {{ <{iri}> ?p ?o . "
                        f"OPTIONAL {{ ?o {LABEL_PATH} ?label }} }}")
    inc = select(store, f"SELECT ?s ?p ?label WHERE {{ ?s ?p <{iri}> . "
                        f"OPTIONAL {{ ?s {LABEL_PATH} ?label }} }} LIMIT {MAX_INCOMING}")
    description = Description(iri)
    object_labels: dict[str, Labels] = defaultdict(dict)
    seen: set[tuple[str, Term]] = set()
    for row in out:
        predicate, value = row["p"], row["o"]
        assert isinstance(predicate, IRI)
        key = _key(value)
        _labels_into(object_labels, key, row.get("label"))
        if (predicate.value, value) in seen:
            continue
        seen.add((predicate.value, value))
        description.statements.append(Statement(predicate.value, value))
        if predicate.value == RDF_TYPE and isinstance(value, IRI):
            description.types.append(value.value)
        if predicate.value in LABEL_PREDICATES and isinstance(value, Literal):
            description.labels[value.lang or ""].append(value.value)
    for statement in description.statements:
        statement.labels = object_labels.get(_key(statement.value), {})
    subject_labels: dict[str, Labels] = defaultdict(dict)
    seen_in: set[tuple[str, Term]] = set()
    for row in inc:
        subject, predicate = row["s"], row["p"]
        assert isinstance(predicate, IRI)
        _labels_into(subject_labels, _key(subject), row.get("label"))
        if (predicate.value, subject) not in seen_in:
            seen_in.add((predicate.value, subject))
            description.incoming.append(Statement(predicate.value, subject))
    for statement in description.incoming:
        statement.labels = subject_labels.get(_key(statement.value), {})
    return description


def _key(term: Term) -> str:
    if isinstance(term, IRI):
        return term.value
    if isinstance(term, BNode):
        return "_:" + term.id
    return repr(term)


LABEL_PREDICATES = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
}


def labels_of(store: TripleStore, iris: list[str]) -> dict[str, Labels]:
    """Labels of many resources in one query."""
    wanted = [i for i in dict.fromkeys(iris) if iri_ok(i)]
    if not wanted:
        return {}
    values = " ".join(f"<{i}>" for i in wanted)
    rows = select(store, f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} "
                         f"?x {LABEL_PATH} ?label }}")
    labels: dict[str, Labels] = defaultdict(dict)
    for row in rows:
        _labels_into(labels, _key(row["x"]), row["label"])
    return dict(labels)


def rdf_document(store: TripleStore, iri: str) -> list[tuple[Term, Term, Term]]:
    """The description as triples: statements, labels of what they link, incoming links."""
    from kotacerdas.server.store import GraphResult

    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    query = (f"CONSTRUCT {{ <{iri}> ?p ?o . ?o {label} ?ol . ?s ?q <{iri}> . ?s {label} ?sl }} "
             f"WHERE {{ {{ <{iri}> ?p ?o . OPTIONAL {{ ?o {LABEL_PATH} ?ol }} }} UNION "
             f"{{ SELECT ?s ?q ?sl WHERE {{ ?s ?q <{iri}> . OPTIONAL {{ ?s {LABEL_PATH} ?sl }} }} "
             f"LIMIT {MAX_INCOMING} }} }}")
    result = store.query(QueryRequest(query, max_rows=50_000), timeout=10.0)
    assert isinstance(result, GraphResult)
    return result.triples
