"""The SPARQL 1.1 query endpoint at /sparql, and its service description."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, Response, current_app, g, render_template, request, url_for

from kotacerdas.graph.namespaces import PREFIXES
from kotacerdas.graph.queries import canned_queries
from kotacerdas.server import negotiation, results
from kotacerdas.server.browse import short_iri
from kotacerdas.server.description import service_description
from kotacerdas.server.i18n import current_language
from kotacerdas.server.protocol import ProtocolRequest, read
from kotacerdas.server.rdf import JSON_LD, serialize_triples
from kotacerdas.server.safety import RefusedError, check_dataset, inspect
from kotacerdas.server.site import jsonld_context
from kotacerdas.server.state import state
from kotacerdas.server.store import (
    AskResult,
    GraphResult,
    QueryError,
    QueryRequest,
    QueryResult,
    SelectResult,
    SerializedResult,
)
from kotacerdas.server.web import (
    cache_headers,
    error_response,
    etag_for,
    not_modified,
    wants_html,
)

blueprint = Blueprint("sparql", __name__)
FAILURE_STATUS = {"syntax": 400, "timeout": 503, "busy": 503, "unrepresentable": 406,
                  "unsupported": 400, "error": 500}
ALLOWED = "GET, HEAD, POST, OPTIONS"


@blueprint.route("/sparql", methods=["GET", "HEAD", "POST", "OPTIONS"])
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return _preflight()
    try:
        protocol = read(current_app.config["MAX_QUERY_BYTES"])
        if protocol.query is None:
            if request.method == "POST":
                raise RefusedError(400, "The request has no query parameter.")
            return _describe_service(protocol)
        g.query_text = protocol.query
        return _answer(protocol)
    except RefusedError as refused:
        response = query_error_response(refused.status, refused.message, "refused",
                                        g.get("query_text"))
        if refused.status == 405:
            response.headers["Allow"] = ALLOWED
        return response


def _preflight() -> Response:
    response = Response(status=204)
    response.headers["Allow"] = ALLOWED
    response.headers["Access-Control-Allow-Methods"] = ALLOWED
    response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type, If-None-Match"
    response.headers["Access-Control-Max-Age"] = "86400"
    return response


def _answer(protocol: ProtocolRequest) -> Response:
    store = state().store
    query = protocol.query or ""
    inspection = inspect(query)
    known = store.graph_names()
    check_dataset(protocol.default_graphs, known, "default-graph-uri")
    check_dataset(protocol.named_graphs, known, "named-graph-uri")
    protocol_dataset = bool(protocol.default_graphs or protocol.named_graphs)
    if not protocol_dataset:  # the protocol's graphs override FROM (sec. 2.1.4)
        check_dataset(inspection.from_graphs, known, "FROM")
        check_dataset(inspection.from_named_graphs, known, "FROM NAMED")

    choice = negotiation.choose(inspection.form or "SELECT", request.headers.get("Accept"),
                                protocol.format)
    if not choice.acceptable:
        return error_response(406, _not_acceptable_message(inspection.form or "SELECT"),
                              "not-acceptable")
    version = state().store.dataset_version
    etag = etag_for(version, str(choice.media_type), query, *protocol.default_graphs, "|",
                    *protocol.named_graphs, current_language() if choice.html else "")
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)

    config = current_app.config
    try:
        result = store.query(QueryRequest(
            query=query,
            default_graphs=protocol.default_graphs if protocol_dataset else None,
            named_graphs=protocol.named_graphs if protocol_dataset else None,
            max_rows=config["MAX_ROWS"],
            # Known form, machine format: the executor writes the bytes (see QueryRequest),
            # except JSON-LD, compacted here with the published context.
            media_type=None if choice.html or inspection.form is None
            or choice.media_type == JSON_LD else str(choice.media_type),
        ), timeout=config["QUERY_TIMEOUT"])
    except QueryError as failed:
        response = query_error_response(FAILURE_STATUS[failed.kind], failed.message,
                                        failed.kind, query)
        if failed.kind == "busy":
            response.headers["Retry-After"] = "5"
        return response
    if inspection.form is None:  # the scan could not tell; the result can
        choice = negotiation.choose(_form_of(result), request.headers.get("Accept"),
                                    protocol.format)
        if not choice.acceptable:
            return error_response(406, _not_acceptable_message(_form_of(result)),
                                  "not-acceptable")
    response = _render(result, choice, query)
    response.headers["Vary"] = "Accept, Cookie" if choice.html else "Accept"
    if getattr(result, "truncated", False):
        response.headers["X-Kotacerdas-Truncated"] = (
            f"results cut at {config['MAX_ROWS']} rows")
    return cache_headers(response, etag, store.last_modified)


def _form_of(result: QueryResult) -> str:
    if isinstance(result, SerializedResult):
        return result.form
    if isinstance(result, SelectResult):
        return "SELECT"
    return "ASK" if isinstance(result, AskResult) else "CONSTRUCT"


def _not_acceptable_message(form: str) -> str:
    offered = ", ".join(negotiation.offered(form))
    return f"No acceptable format for a {form} result; this endpoint offers {offered}."


def _render(result: QueryResult, choice: negotiation.Choice, query: str) -> Response:
    if choice.html:
        return _results_page(result, query)
    if isinstance(result, SerializedResult):
        body = result.body
    elif isinstance(result, SelectResult):
        body = results.write_select(str(choice.media_type), result.variables, result.rows,
                                    truncated=result.truncated)
    elif isinstance(result, AskResult):
        try:
            body = results.write_ask(str(choice.media_type), result.value)
        except ValueError as error:
            return error_response(406, str(error), "not-acceptable")
    else:
        assert isinstance(result, GraphResult)
        try:
            body = serialize_triples(result.triples, str(choice.media_type), jsonld_context())
        except results.UnrepresentableError as error:
            return error_response(406, str(error), "not-acceptable")
    return Response(body, content_type=choice.content_type)


def _describe_service(protocol: ProtocolRequest) -> Response:
    choice = negotiation.choose("DESCRIBE", request.headers.get("Accept"), protocol.format)
    if not choice.acceptable:
        return error_response(406, _not_acceptable_message("DESCRIBE"), "not-acceptable")
    store = state().store
    etag = etag_for(store.dataset_version, str(choice.media_type), "service-description",
                    request.base_url, current_language() if choice.html else "")
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)
    if choice.html:
        response = _query_page("query.html")
    else:
        description = service_description(request.base_url, state().dataset_iri, state().void,
                                          state().graph_sizes)
        body = description.serialize(format=RDFLIB_FORMATS[str(choice.media_type)],
                                     encoding="utf-8")
        response = Response(body, content_type=choice.content_type)
    response.headers["Vary"] = "Accept, Cookie" if choice.html else "Accept"
    return cache_headers(response, etag, store.last_modified)


RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt",
                  "application/ld+json": "json-ld", "application/rdf+xml": "xml"}


# ------------------------------------------------------------------------------ the query page
# What a browser gets: an editor (CodeMirror 5, installed from npm by `make` into
# static/vendor/node_modules; a plain text box when it is missing or JavaScript is off), the
# common prefixes, the canned queries, and results as a table with download links.

PAGE_PREFIXES = ("kc", "dim", "role", "stage", "org", "schema", "skos", "rdfs", "rdf", "dct",
                 "prov", "xsd", "owl")
EXAMPLE_QUERY = """SELECT ?region ?name ?province WHERE {
  ?participation a kc:Participation ; kc:region ?region .
  ?region rdfs:label ?name ; schema:containedInPlace ?province .
}
ORDER BY ?name
"""
# The same query, downloaded: (format parameter, label, file name extension), by result kind.
DOWNLOADS = {
    "table": [("csv", "CSV", "csv"), ("json", "JSON", "srj"), ("tsv", "TSV", "tsv"),
              ("xml", "XML", "srx")],
    "graph": [("ttl", "Turtle", "ttl"), ("jsonld", "JSON-LD", "jsonld"),
              ("nt", "N-Triples", "nt"), ("rdfxml", "RDF/XML", "rdf")],
}
VENDOR = Path(__file__).resolve().parent / "static" / "vendor"  # package.json, package-lock.json
EDITOR_PACKAGE = VENDOR / "node_modules" / "codemirror"
# The only files served under /static/vendor/: public name -> (path in the package, type).
EDITOR_FILES = {
    "codemirror.css": ("lib/codemirror.css", "text/css; charset=utf-8"),
    "codemirror.js": ("lib/codemirror.js", "text/javascript; charset=utf-8"),
    "sparql.js": ("mode/sparql/sparql.js", "text/javascript; charset=utf-8"),
    "matchbrackets.js": ("addon/edit/matchbrackets.js", "text/javascript; charset=utf-8"),
}
_ERROR_AT = re.compile(r"error at (\d+):(\d+)")


def editor_installed() -> bool:
    return all((EDITOR_PACKAGE / path).is_file() for path, _ in EDITOR_FILES.values())


def prefix_lines() -> str:
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in PAGE_PREFIXES)


def _query_page(template: str, query: str | None = None, status: int = 200,
                **context: object) -> Response:
    """The query page (or results.html, which extends it) with `query` in the editor."""
    page = render_template(
        template, queries=canned_queries(), prefixes=prefix_lines(),
        editor=current_app.config.get("EDITOR", True) and editor_installed(),
        query_text=query if query is not None else prefix_lines() + "\n" + EXAMPLE_QUERY,
        endpoint=url_for("sparql.endpoint", _external=True), short=short_iri, **context)
    return Response(page, status=status, content_type="text/html; charset=utf-8")


def _download_links(query: str, kind: str) -> list[tuple[str, str, str]]:
    """(label, URL, file name) of the same query, with the same dataset, in other formats."""
    dataset = {name: request.values.getlist(name)
               for name in ("default-graph-uri", "named-graph-uri")}
    return [(label, url_for("sparql.endpoint", query=query, format=value, **dataset),
             f"results.{extension}") for value, label, extension in DOWNLOADS[kind]]


def _results_page(result: QueryResult, query: str) -> Response:
    form = _form_of(result)
    if isinstance(result, SelectResult):
        count = len(result.rows)
    else:
        count = len(result.triples) if isinstance(result, GraphResult) else 1
    return _query_page(
        "results.html", query, result=result, form=form, count=count,
        truncated=getattr(result, "truncated", False), max_rows=current_app.config["MAX_ROWS"],
        downloads=_download_links(query, "graph" if form == "CONSTRUCT" else "table"))


def query_error_response(status: int, message: str, kind: str, query: str | None) -> Response:
    """A query that failed: browsers get the query page again, with the error and the query;
    API clients the usual JSON error. Syntax errors name their line and column."""
    if query is None or not wants_html():
        return error_response(status, message, kind)
    found = _ERROR_AT.search(message)
    line = column = None
    excerpt = ""
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        lines = query.split("\n")
        excerpt = lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
    response = _query_page("query.html", query, status=status,
                           error={"status": status, "kind": kind, "message": message,
                                  "line": line, "column": column, "excerpt": excerpt})
    response.headers["Vary"] = "Accept"
    return response


@blueprint.route("/static/vendor/<path:name>", methods=["GET", "HEAD"])
def vendor(name: str) -> Response:
    """The editor's files, from a fixed list; any other path here is 404."""
    if name not in EDITOR_FILES:
        return error_response(404, f"No file {name} here.", "not-found")
    path, content_type = EDITOR_FILES[name]
    file = EDITOR_PACKAGE / path
    if not file.is_file():
        return error_response(404, "The query editor is not installed on this server.",
                              "not-found")
    stat = file.stat()
    etag = etag_for("vendor", name, str(stat.st_mtime_ns), str(stat.st_size))
    if not_modified(etag, stat.st_mtime):
        return cache_headers(Response(status=304), etag, stat.st_mtime)
    return cache_headers(Response(file.read_bytes(), content_type=content_type), etag,
                         stat.st_mtime)
