"""Every IRI in the base namespace is a page for people and a document for machines.

GET /region/12.05 answers the IRI https://w3id.org/kotacerdas/region/12.05 (the base is
mapped to this server's own host, so links stay clickable): HTML for browsers, Turtle,
JSON-LD, N-Triples or RDF/XML by Accept (Vary: Accept), by a suffix (/region/12.05.ttl) or by
?format=. Each answer names its data twins in `Link: rel="alternate"` headers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for

from kotacerdas.graph.namespaces import VOCAB_ROOT
from kotacerdas.server import documents, negotiation
from kotacerdas.server.describe import Description, describe, iri_ok, rdf_document
from kotacerdas.server.graphstore import graph_data, graph_page
from kotacerdas.server.i18n import current_language, t
from kotacerdas.server.rdf import serialize_triples
from kotacerdas.server.site import jsonld_context
from kotacerdas.server.state import state
from kotacerdas.server.terms import IRI, BNode, Literal, Term
from kotacerdas.server.web import (
    cache_headers,
    error_response,
    etag_for,
    not_modified,
    wants_html,
)

blueprint = Blueprint("browse", __name__)
SUFFIXES = {
    "ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
    "rdf": "application/rdf+xml", "html": "text/html",
}
MAX_PATH = 512
# A page kind: (test on the description, template, extra context maker).
PageKind = tuple[Callable[[Description], bool], str, Callable[[Description], dict[str, Any]]]
PAGE_KINDS: list[PageKind] = []


def page_kind(test: Callable[[Description], bool], template: str
              ) -> Callable[[Callable[[Description], dict[str, Any]]],
                            Callable[[Description], dict[str, Any]]]:
    """Register a page for resources that pass `test` (first registered, first tried)."""
    def register(make: Callable[[Description], dict[str, Any]]
                 ) -> Callable[[Description], dict[str, Any]]:
        PAGE_KINDS.append((test, template, make))
        return make
    return register


def bases() -> list[str]:
    """Namespaces this server answers for: the data's base, and the vocabularies'."""
    return list(dict.fromkeys([current_app.config["BASE"], VOCAB_ROOT]))


def local_href(iri: str) -> str:
    """Where to click for an IRI: our own page if it is in our namespaces."""
    for base in bases():
        if iri.startswith(base):
            rest = iri[len(base):]
            path, hash_, fragment = rest.partition("#")
            return request.host_url + path + (hash_ + fragment if hash_ else "")
    return iri


def label(labels: dict[str, str] | dict[str, list[str]], fallback: str) -> str:
    """The label in the interface language, else the other language, else any, else the IRI."""
    language = current_language()
    for lang in (language, "en" if language == "id" else "id", ""):
        value = labels.get(lang)
        if value:
            return value[0] if isinstance(value, list) else value
    for value in labels.values():
        if value:
            return value[0] if isinstance(value, list) else value
    return fallback


def term_label(term: Term, labels: dict[str, str] | None = None) -> str:
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, BNode):
        return "_:" + term.id
    return label(labels or {}, fallback_label(term.value))


def short_iri(iri: str) -> str:
    """A prefixed name (kc:Region), for query results; pages show labels instead."""
    from kotacerdas.graph.namespaces import PREFIXES

    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def fallback_label(iri: str) -> str:
    """What a page shows for an IRI the data gives no label: the label table's (reused
    vocabulary terms), else our own IRI's last segment as words, never a prefixed name."""
    return label(state().property_labels.get(iri, {}), _readable(iri))


def _readable(iri: str) -> str:
    """Our own IRI that nothing names (the data's gap): its last segment as words."""
    if not any(iri.startswith(base) for base in bases()):
        return iri
    last = iri.rstrip("/").rsplit("/", 1)[-1].rpartition("#")[2]
    return last.replace("-", " ").replace("_", " ") or iri


@blueprint.app_template_global()
def href(term: Term | str) -> str:
    if isinstance(term, str):
        return local_href(term)
    return local_href(term.value) if isinstance(term, IRI) else ""


@blueprint.app_template_global("label_of")
def label_of(term: Term, labels: dict[str, str] | None = None) -> str:
    return term_label(term, labels)


@blueprint.app_template_global("property_label")
def property_label(iri: str) -> str:
    return fallback_label(iri)


def resolve(path: str) -> tuple[str, str | None]:
    """A request path to (IRI, requested media type or None)."""
    media_type = None
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in SUFFIXES:
        path, media_type = stem, SUFFIXES[suffix]
    return current_app.config["BASE"] + path, media_type


@blueprint.route("/<path:path>", methods=["GET", "HEAD"])
def resource(path: str) -> Response:
    if len(path) > MAX_PATH:
        return error_response(414, "This address is too long to name a resource.",
                              "uri-too-long")
    iri, media_type = resolve(path)
    if iri.rstrip("/") + "/" == current_app.config["BASE"] + "ontology/":
        iri = iri.rstrip("/")
    if not iri_ok(iri):
        return _not_found(iri)
    if media_type is None:
        choice = negotiation.choose("DESCRIBE", request.headers.get("Accept"),
                                    request.args.get("format"))
        if not choice.acceptable:
            return error_response(406, choice.reason, "not-acceptable")
        media_type = str(choice.media_type)
    store = state().store
    document = documents.find(store, iri)
    if document is not None and document.kind == "graph":  # a named graph: page and data
        response = (graph_page(iri) if media_type == "text/html"
                    else graph_data(iri, media_type, negotiation.content_type(media_type)))
        return _with_twins(response, path, media_type)
    etag = etag_for(store.dataset_version, media_type, iri, current_language(),
                    request.host_url)
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)
    # The ontology's version IRI shows the ontology itself.
    description = describe(store, document.iri if document is not None else iri)
    if not description.exists:
        return _not_found(iri)
    if media_type == "text/html":
        response = _page(description)
    elif document is not None:  # the whole ontology, or a scheme with its concepts
        size = state().graph_sizes.get(document.graph or "", 0)
        response = Response(documents.rdf_data(store, documents.construct(document),
                                               media_type, jsonld_context(), size,
                                               current_app.config["QUERY_TIMEOUT"]),
                            content_type=negotiation.content_type(media_type))
    else:
        body = serialize_triples(rdf_document(store, iri), media_type, jsonld_context())
        response = Response(body, content_type=negotiation.content_type(media_type))
    response.headers["Vary"] = "Accept, Cookie"
    return cache_headers(_with_twins(response, path, media_type), etag, store.last_modified)


def _with_twins(response: Response, path: str, media_type: str) -> Response:
    """Name the other representations of the resource at `path` (Cool URIs)."""
    if response.status_code != 200:
        return response
    response.headers["Content-Location"] = _twin(path, media_type)
    response.headers["Link"] = ", ".join(
        f'<{_twin(path, mt)}>; rel="alternate"; type="{mt}"' for mt in SUFFIXES.values()
        if mt != media_type)
    return response


def _twin(path: str, media_type: str) -> str:
    stem = path
    stem_part, dot, suffix = path.rpartition(".")
    if dot and suffix in SUFFIXES:
        stem = stem_part
    extension = next(s for s, mt in SUFFIXES.items() if mt == media_type)
    return url_for("browse.resource", path=f"{stem}.{extension}")


def _page(description: Description) -> Response:
    template, context = "resource.html", {}
    for test, kind_template, make in PAGE_KINDS:
        if test(description):
            template, context = kind_template, make(description)
            break
    alternates = [(mt, _twin(request.path.lstrip("/"), mt)) for mt in SUFFIXES.values()
                  if mt != "text/html"]
    return Response(render_template(template, d=description,
                                    title=label(description.labels,
                                                fallback_label(description.iri)),
                                    alternates=alternates, **context),
                    content_type="text/html; charset=utf-8")


def _not_found(iri: str) -> Response:
    from kotacerdas.server.search import near_misses

    if not wants_html():
        return error_response(404, f"No resource {iri} in this dataset.", "not-found")
    found = near_misses(iri)
    response = Response(render_template("not_found.html", iri=iri, suggestions=found,
                                        title=t("not_found")), status=404,
                        content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response
