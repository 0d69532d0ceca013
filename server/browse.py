"""Every IRI in the base namespace is a page for people and a document for machines.

GET /region/12.05 answers the IRI https://w3id.org/kotacerdas/region/12.05 (the base is
mapped to this server's own host, so links stay clickable): HTML for browsers, Turtle,
JSON-LD, N-Triples or RDF/XML by Accept (Vary: Accept), by a suffix (/region/12.05.ttl) or by
?format=. Each answer names its data twins in `Link: rel="alternate"` headers. A page's kind is the
first of `pages.PAGE_KINDS` whose test the resource passes; the others get resource.html.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request, url_for

from kotacerdas.server import documents, negotiation
from kotacerdas.server.graphstore import graph_data, graph_page
from kotacerdas.server.i18n import current_language, t
from kotacerdas.server.links import fallback_label, label, resolve
from kotacerdas.server.media import DOCUMENT_SUFFIXES
from kotacerdas.server.pages import PAGE_KINDS
from kotacerdas.server.rdf import serialize_triples
from kotacerdas.server.read import Description, Reader, iri_of, iri_ok, rdf_document_query
from kotacerdas.server.search import near_misses
from kotacerdas.server.state import jsonld_context, reader, state
from kotacerdas.server.web import (
    cache_headers,
    error_response,
    etag_for,
    not_modified,
    wants_html,
)

blueprint = Blueprint("browse", __name__)
MAX_PATH = 512


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
    if iri in store.graph_names():  # a named graph: page and data
        response = (graph_page(iri) if media_type == "text/html"
                    else graph_data(iri, media_type, negotiation.content_type(media_type)))
        return _with_twins(response, path, media_type)
    etag = etag_for(store.dataset_version, media_type, iri, current_language(),
                    request.host_url)
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)
    read = reader()
    if media_type == "text/html":
        # The ontology's version IRI shows the ontology itself.
        description, _ = read.describe(_version_iris().get(iri, iri))
        if not description.exists:
            return _not_found(iri)
        response = _page(description, read)
    else:
        found, data = read.run(documents.find_query(iri), rdf_document_query(iri))
        document = documents.read_find(found)
        if document is not None:  # the whole ontology, or a scheme with its concepts
            size = state().graph_sizes.get(document.graph or "", 0)
            response = Response(documents.rdf_data(store, documents.construct(document),
                                                   media_type, jsonld_context(), size,
                                                   current_app.config["QUERY_TIMEOUT"]),
                                content_type=negotiation.content_type(media_type))
        else:
            triples = data
            if not triples:
                return _not_found(iri)
            body = serialize_triples(triples, media_type, jsonld_context())
            response = Response(body, content_type=negotiation.content_type(media_type))
    response.headers["Vary"] = "Accept, Cookie"
    return cache_headers(_with_twins(response, path, media_type), etag, store.last_modified)


def _version_iris() -> dict[str, str]:
    """{owl:versionIRI: the ontology}, read once per dataset version."""
    def find() -> dict[str, str]:
        rows, = reader().run(documents.versions_query())
        return {version: ontology for row in rows
                if (version := iri_of(row.get("version"))) and (ontology := iri_of(row.get("o")))}
    return state().cached("version IRIs", find)


def _with_twins(response: Response, path: str, media_type: str) -> Response:
    """Name the other representations of the resource at `path` (Cool URIs)."""
    if response.status_code != 200:
        return response
    response.headers["Content-Location"] = _twin(path, media_type)
    response.headers["Link"] = ", ".join(
        f'<{_twin(path, mt)}>; rel="alternate"; type="{mt}"' for mt in DOCUMENT_SUFFIXES.values()
        if mt != media_type)
    return response


def _twin(path: str, media_type: str) -> str:
    stem = path
    stem_part, dot, suffix = path.rpartition(".")
    if dot and suffix in DOCUMENT_SUFFIXES:
        stem = stem_part
    extension = next(s for s, mt in DOCUMENT_SUFFIXES.items() if mt == media_type)
    return url_for("browse.resource", path=f"{stem}.{extension}")


def _page(description: Description, read: Reader) -> Response:
    template, context = "resource.html", {}
    for kind in PAGE_KINDS:
        if kind.test(description, read):
            template, context = kind.template, kind.make(description, read)
            break
    alternates = [(mt, _twin(request.path.lstrip("/"), mt)) for mt in DOCUMENT_SUFFIXES.values()
                  if mt != "text/html"]
    return Response(render_template(template, d=description,
                                    title=label(description.labels,
                                                fallback_label(description.iri)),
                                    alternates=alternates, **context),
                    content_type="text/html; charset=utf-8")


def _not_found(iri: str) -> Response:
    if not wants_html():
        return error_response(404, f"No resource {iri} in this dataset.", "not-found")
    found = near_misses(iri)
    response = Response(render_template("not_found.html", iri=iri, suggestions=found,
                                        title=t("not_found")), status=404,
                        content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response
