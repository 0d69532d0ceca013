"""The read side of the SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graphs, and graph pages.

RDF clients get a graph's triples: ?default the default graph (the union of all), ?graph=IRI
one named graph, named by an absolute IRI as the protocol requires. Browsers get a page: what
the graph is, its size, links to its data, and its triples, paged, with labels and links. The
named graphs' own IRIs (https://w3id.org/kotacerdas/graph/article/{id}, .../graph/gazetteer)
dereference to the same page and data (see browse.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, render_template, request, url_for
from rdflib import Literal as RDFLiteral
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS

from kotacerdas.server import documents, negotiation
from kotacerdas.server.i18n import current_language, pick
from kotacerdas.server.read import iri_ok, labels_of, select
from kotacerdas.server.state import jsonld_context, state
from kotacerdas.server.store import TripleStore
from kotacerdas.server.terms import IRI, Literal, Term
from kotacerdas.server.web import (
    PageNumberError,
    cache_headers,
    error_response,
    etag_for,
    not_modified,
    page_number,
)

blueprint = Blueprint("graphstore", __name__)
READ_METHODS = "GET, HEAD, OPTIONS"
PAGE_SIZE = 100
SORT_MAX_TRIPLES = 50_000  # sorted pages of a graph this large take a few seconds each
# The data links of a graph page: (format parameter, label, media type).
DATA_FORMATS = [("ttl", "Turtle", "text/turtle"), ("nt", "N-Triples", "application/n-triples"),
                ("jsonld", "JSON-LD", "application/ld+json"),
                ("rdfxml", "RDF/XML", "application/rdf+xml")]


@blueprint.route("/rdf-graphs", methods=["GET", "HEAD", "OPTIONS", "PUT", "POST", "DELETE",
                                         "PATCH"])
def graphs() -> Response:
    if request.method == "OPTIONS":
        response = Response(status=204)
        response.headers["Allow"] = READ_METHODS
        response.headers["Access-Control-Allow-Methods"] = READ_METHODS
        return response
    if request.method not in ("GET", "HEAD"):
        response = error_response(405, "The Graph Store is read-only here: use GET or HEAD.",
                                  "method-not-allowed")
        response.headers["Allow"] = READ_METHODS
        return response
    default = "default" in request.args
    names = request.args.getlist("graph")
    choice = negotiation.choose("CONSTRUCT", request.headers.get("Accept"),
                                request.args.get("format"))
    if choice.html and not default and not names:  # a browser at /rdf-graphs: the union
        return graph_page(None)
    if default == bool(names) or len(names) > 1:
        return error_response(400, "Give either ?default or one ?graph=IRI.", "bad-request")
    name = names[0] if names else None
    if name is not None and not iri_ok(name):
        return error_response(400, f"?graph= takes an absolute IRI, such as "
                              f"{current_app.config['BASE']}graph/gazetteer, not {name!r}.",
                              "bad-request")
    if name is not None and name not in state().store.graph_names():
        return error_response(404, f"No graph named {name} in this dataset.", "not-found")
    if not choice.acceptable:
        return error_response(406, "This graph is available as "
                              + ", ".join(negotiation.offered("CONSTRUCT")) + ".",
                              "not-acceptable")
    if choice.html:
        return graph_page(name)
    return graph_data(name, str(choice.media_type), str(choice.content_type))


def graph_data(name: str | None, media_type: str, content_type: str) -> Response:
    """The triples of the named graph `name`, or of the default graph (None)."""
    store = state().store
    etag = etag_for(store.dataset_version, media_type, "graph-store", name or "",
                    request.host_url)
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)
    query = ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }" if name is None
             else documents.construct(documents.Document("graph", name, name)))
    body = documents.rdf_data(store, query, media_type, jsonld_context(), _size(name),
                              current_app.config["QUERY_TIMEOUT"])
    response = Response(body, content_type=content_type)
    response.headers["Vary"] = "Accept"
    return cache_headers(response, etag, store.last_modified)


# ------------------------------------------------------------------------------ the page

@dataclass
class Subject:
    """One subject of a page of triples, with its statements in the graph."""

    term: Term
    statements: list[tuple[str, Term]] = field(default_factory=list)


def graph_page(name: str | None) -> Response:
    """What the graph is, its size, its data in each format, and one page of its triples."""
    store = state().store
    size = _size(name)
    try:
        page, pages = page_number(size, PAGE_SIZE, "triples")
    except PageNumberError as error:
        return error_response(400, str(error), "bad-request")
    etag = etag_for(store.dataset_version, "text/html", "graph-page", name or "", str(page),
                    current_language(), request.host_url)
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)
    pattern = "?s ?p ?o" if name is None else f"GRAPH <{name}> {{ ?s ?p ?o }}"
    # Sorted, so that the pages hold every triple once, in an order that does not depend on
    # how the store happens to read its indexes. A larger graph (a synthetic union) is paged
    # in the store's index order, the same for every request to one dataset version (the
    # store is read-only): sorting it would take most of the time limit for every page.
    if size <= SORT_MAX_TRIPLES:
        rows = _sorted(store, pattern)[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    else:
        rows = select(store, f"SELECT ?s ?p ?o WHERE {{ {pattern} }} "
                             f"LIMIT {PAGE_SIZE} OFFSET {(page - 1) * PAGE_SIZE}",
                      timeout=current_app.config["QUERY_TIMEOUT"])
    subjects: list[Subject] = []
    for row in rows:
        predicate = row["p"]
        assert isinstance(predicate, IRI)
        if not subjects or subjects[-1].term != row["s"]:
            subjects.append(Subject(row["s"]))
        subjects[-1].statements.append((predicate.value, row["o"]))
    labels = labels_of(store, [t.value for row in rows for t in (row["s"], row["o"])
                               if isinstance(t, IRI)])
    data = [(label, _data_url(name, value), media_type)
            for value, label, media_type in DATA_FORMATS]
    about = _about(name)
    body = render_template(
        "graph.html", title=_title(name, about), name=name, about=about, size=size,
        subjects=subjects, labels=labels, page=page, pages=pages, page_url=_page_url,
        data=data, alternates=[(media_type, url) for _, url, media_type in data],
        named=_named_graphs() if name is None else [])
    response = Response(body, content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept, Cookie"
    return cache_headers(response, etag, store.last_modified)


@functools.lru_cache(maxsize=8)
def _sorted(store: TripleStore, pattern: str) -> list[dict[str, Term]]:
    """Every triple of a graph, sorted as ORDER BY ?s ?p ?o sorts them, kept for the next
    page: Oxigraph's own sort of a whole graph takes seconds (2 s for 14,000 triples)."""
    rows = select(store, f"SELECT ?s ?p ?o WHERE {{ {pattern} }}",
                  timeout=current_app.config["QUERY_TIMEOUT"], max_rows=SORT_MAX_TRIPLES)
    return sorted(rows, key=lambda row: (_order(row["s"]), _order(row["p"]), _order(row["o"])))


def _order(term: Term) -> tuple[int, str, str, str]:
    """SPARQL's order of terms: blank nodes, then IRIs, then literals."""
    if isinstance(term, Literal):
        return (2, term.value, term.lang or "", term.datatype or "")
    return (1, term.value, "", "") if isinstance(term, IRI) else (0, str(term), "", "")


def _size(name: str | None) -> int:
    current = state()
    if name is None:
        return current.store.triple_count()
    return current.graph_sizes.get(name, 0)


def _data_url(name: str | None, format_value: str) -> str:
    graph = {"graph": name} if name is not None else {"default": ""}
    return url_for("graphstore.graphs", **graph, format=format_value)


def _page_url(page: int) -> str:
    """This page's address with another page number (for /rdf-graphs and graph IRIs alike)."""
    kept = [(key, value) for key, value in request.args.items(multi=True) if key != "page"]
    return request.path + "?" + urlencode([*kept, ("page", str(page))])


@dataclass
class Text:
    value: str
    lang: str = ""


@dataclass
class Credit:
    """A graph, or a source it is made from (its `dct:source`), as the data describes it: its
    name, description, rights notices and licences, and for a graph its sources."""

    iri: str
    label: Text | None
    link: str | None  # the address of a source on the web
    about: Text | None = None
    rights: list[Text] = field(default_factory=list)
    licences: list[tuple[str, str]] = field(default_factory=list)  # (IRI, label)
    sources: list[Credit] = field(default_factory=list)

    @property
    def credited(self) -> bool:
        """Whether there is anything to credit: rights, licences or sources."""
        return bool(self.rights or self.licences or self.sources)


_NAMES = (str(RDFS.label), str(DCTERMS.title), "https://schema.org/name")
_ABOUT, _RIGHTS, _LICENCE, _SOURCE = (str(DCTERMS.description), str(DCTERMS.rights),
                                      str(DCTERMS.license), str(DCTERMS.source))
_SAID = (*_NAMES, _ABOUT, _RIGHTS, _LICENCE, _SOURCE)


def graph_credits(name: str) -> Credit | None:
    """What the data says of the graph `name` and of the sources it is made from, in the
    store or in the VoID description, in the interface language where it can; None when it
    says nothing. Read once per dataset version and language."""
    return state().cached(f"credits {name} {current_language()}", lambda: _graph_credits(name))


def _graph_credits(name: str) -> Credit | None:
    said = _said([name])
    if not said.get(name):
        return None
    sources = sorted({v.value for p, v in said[name] if p == _SOURCE and isinstance(v, IRI)})
    said.update(_said(sources))
    licences = labels_of(state().store, [v.value for facts in said.values() for p, v in facts
                                         if p == _LICENCE and isinstance(v, IRI)])
    credit = _credit(name, said[name], licences)
    credit.sources = [_credit(source, said.get(source, []), licences) for source in sources]
    return credit


def _said(iris: list[str]) -> dict[str, list[tuple[str, Term]]]:
    """The credit-worthy statements about each of `iris`, from the store and from VoID."""
    found: dict[str, list[tuple[str, Term]]] = {iri: [] for iri in iris}
    wanted = " ".join(f"<{iri}>" for iri in iris if iri_ok(iri))
    if wanted:
        predicates = " ".join(f"<{p}>" for p in _SAID)
        for row in select(state().store, f"""SELECT ?x ?p ?o WHERE {{ VALUES ?x {{ {wanted} }}
                VALUES ?p {{ {predicates} }} ?x ?p ?o }}"""):
            x, p = row["x"], row["p"]
            if isinstance(x, IRI) and isinstance(p, IRI):
                found[x.value].append((p.value, row["o"]))
    void = state().void
    for iri in iris:
        for predicate, value in void.predicate_objects(URIRef(iri)):
            if str(predicate) in _SAID and isinstance(value, RDFLiteral | URIRef):
                found[iri].append((str(predicate), IRI(str(value)) if isinstance(value, URIRef)
                                   else Literal(str(value), lang=value.language)))
    return found


def _credit(iri: str, said: list[tuple[str, Term]],
            licence_labels: dict[str, dict[str, str]]) -> Credit:
    from kotacerdas.server.links import fallback_label, label

    def texts(*predicates: str) -> list[Text]:
        found = [Text(v.value, v.lang or "") for p, v in said
                 if p in predicates and isinstance(v, Literal)]
        return list({(t.value, t.lang): t for t in found}.values())

    def in_language(found: list[Text]) -> Text | None:
        language = current_language()
        for wanted in (language, "en" if language == "id" else "id", ""):
            for text in found:
                if text.lang == wanted:
                    return text
        return found[0] if found else None

    rights = texts(_RIGHTS)
    licences = list(dict.fromkeys(v.value for p, v in said
                                  if p == _LICENCE and isinstance(v, IRI)))
    return Credit(
        iri, in_language(texts(*_NAMES)),
        iri if iri.startswith(("http://", "https://")) else None,
        in_language(texts(_ABOUT)),
        [t for t in rights if t.lang in ("", current_language())] or rights,
        [(licence, label(licence_labels.get(licence, {}), fallback_label(licence)))
         for licence in licences])


@dataclass
class About:
    """What a graph holds, for its page."""

    kind: str  # "default", "article", "gazetteer", "reference", "ontology", ... or "other"
    source: str | None = None  # the article whose facts an article graph holds
    source_title: str | None = None
    credits: Credit | None = None  # what the data says of the graph and its sources


def _about(name: str | None) -> About:
    if name is None:
        return About("default")
    base = current_app.config["BASE"] + "graph/"
    if name.startswith(base + "article/"):
        void = state().void
        source = void.value(URIRef(name), DCTERMS.source)
        title = void.value(URIRef(name), DCTERMS.title)
        return About("article", str(source) if source is not None else None,
                     str(title) if title is not None else None)
    kind = name[len(base):] if name.startswith(base) else ""
    known = ("gazetteer", "reference", "ontology", "categories", "curation", "suggestions")
    return About(kind if kind in known else "other", credits=graph_credits(name))


def _title(name: str | None, about: About) -> str:
    if name is None:
        return pick({"id": "Graf bawaan (gabungan semua graf)",
                     "en": "Default graph (the union of all graphs)"})
    if about.source_title:
        return pick({"id": "Graf artikel: ", "en": "Graph of the article: "}) + about.source_title
    return pick({"id": "Graf bernama: ", "en": "Named graph: "}) + name.rsplit("graph/", 1)[-1]


def _named_graphs() -> list[tuple[str, int, RDFLiteral | None]]:
    """Every named graph with its size and, for article graphs, the article's title."""
    void = state().void
    found = []
    for name, size in sorted(state().graph_sizes.items()):
        title = void.value(URIRef(name), DCTERMS.title)
        found.append((name, size, title if isinstance(title, RDFLiteral) else None))
    return found
