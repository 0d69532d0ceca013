"""The SPARQL 1.1 query endpoint at /sparql, and its service description."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, g, render_template, request, url_for
from rdflib import URIRef

from kotacerdas.graph.namespaces import PREFIXES
from kotacerdas.graph.queries import CannedQuery, canned_queries
from kotacerdas.server import media, negotiation, results
from kotacerdas.server.description import service_description
from kotacerdas.server.i18n import current_language
from kotacerdas.server.links import label, short_iri
from kotacerdas.server.media import JSON_LD
from kotacerdas.server.protocol import ProtocolRequest, read
from kotacerdas.server.rdf import serialize_triples
from kotacerdas.server.read import iri_ok, labels_of
from kotacerdas.server.safety import RefusedError, check_dataset, inspect
from kotacerdas.server.search import as_iri
from kotacerdas.server.state import jsonld_context, state
from kotacerdas.server.store import (
    AskResult,
    GraphResult,
    QueryError,
    QueryRequest,
    QueryResult,
    SelectResult,
    SerializedResult,
)
from kotacerdas.server.terms import IRI
from kotacerdas.server.web import (
    RETRY_AFTER,
    PageNumberError,
    cache_headers,
    error_response,
    etag_for,
    not_modified,
    page_number,
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
            if request.args.get("canned") is None:
                return _describe_service(protocol)
            # A canned query by name, in the format negotiated as for any query (its form on
            # the query page sends browsers here too).
            protocol = canned_request(protocol)
        else:
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
    etag = etag_for(version, str(choice.media_type), g.query_text, *protocol.default_graphs, "|",
                    *protocol.named_graphs, current_language() if choice.html else "",
                    request.args.get("page", "") if choice.html else "")
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)

    config = current_app.config

    def run(media_type: str | None) -> QueryResult:
        return store.query(QueryRequest(
            query=query,
            default_graphs=protocol.default_graphs if protocol_dataset else None,
            named_graphs=protocol.named_graphs if protocol_dataset else None,
            max_rows=config["MAX_ROWS"], media_type=media_type, bindings=protocol.bindings),
            timeout=config["QUERY_TIMEOUT"])

    try:
        # Known form, machine format: the executor writes the bytes (see QueryRequest),
        # except JSON-LD, compacted here with the published context.
        result = run(None if choice.html or inspection.form is None
                     or choice.media_type == JSON_LD else str(choice.media_type))
        if inspection.form is None:  # the scan could not tell; the result can
            choice = negotiation.choose(_form_of(result), request.headers.get("Accept"),
                                        protocol.format)
            if not choice.acceptable:
                return error_response(406, _not_acceptable_message(_form_of(result)),
                                      "not-acceptable")
            if isinstance(result, SelectResult) and not choice.html:
                result = run(str(choice.media_type))  # solutions are written by the executor
    except QueryError as failed:
        response = query_error_response(FAILURE_STATUS[failed.kind], failed.message,
                                        failed.kind, g.query_text)
        if failed.kind == "busy":
            response.headers["Retry-After"] = RETRY_AFTER
        return response
    response = _render(result, choice, g.query_text)  # a canned query as people can copy it
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
        body = description.serialize(format=media.RDFLIB_FORMATS[str(choice.media_type)],
                                     encoding="utf-8")
        response = Response(body, content_type=choice.content_type)
    response.headers["Vary"] = "Accept, Cookie" if choice.html else "Accept"
    return cache_headers(response, etag, store.last_modified)


# ------------------------------------------------------------------------------ the query page
# What a browser gets: an editor (CodeMirror 5, installed from npm by `make` into
# static/vendor/node_modules; a plain text box when it is missing or JavaScript is off), the
# common prefixes, the canned queries (a form for those with parameters), and results as a
# table, a page of rows at a time, with download links. Forms and links go to #answer, where
# the results (or the error) are, so that they are in view after Run.

PAGE_PREFIXES = ("kc", "dim", "role", "stage", "org", "schema", "skos", "rdfs", "rdf", "dct",
                 "prov", "xsd", "owl")
EXAMPLE_QUERY = """SELECT ?region ?name ?province WHERE {
  ?participation a kc:Participation ; kc:region ?region .
  ?region rdfs:label ?name ; schema:containedInPlace ?province .
}
ORDER BY ?name
"""
ANSWER = "answer"  # the id of what the results page shows first
PAGE_ROWS = 100  # rows (or triples) in one page of the results table
MAX_CHOICES = 50  # a parameter with more values worth offering gets a text box, not a list
# The same query, downloaded: (format parameter, label, file name extension), by result kind.
DOWNLOADS = {kind: [(media.SHORT_NAMES[t], media.LABELS[t], media.EXTENSIONS[t]) for t in types]
             for kind, types in (("table", (media.CSV, media.SPARQL_JSON, media.TSV,
                                            media.SPARQL_XML)),
                                 ("graph", (media.TURTLE, media.JSON_LD, media.NTRIPLES,
                                            media.RDF_XML)))}
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
# Values worth offering for each canned query's parameters, by dataset version: computed once.
_choices: dict[tuple[str, str, str], dict[str, dict[str, str]] | None] = {}
_choices_lock = threading.Lock()


def editor_installed() -> bool:
    return all((EDITOR_PACKAGE / path).is_file() for path, _ in EDITOR_FILES.values())


def prefix_lines() -> str:
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in PAGE_PREFIXES)


def _query_page(template: str, query: str | None = None, status: int = 200,
                **context: object) -> Response:
    """The query page (or results.html, which extends it) with `query` in the editor."""
    queries = canned_queries()
    page = render_template(
        template, queries=queries, prefixes=prefix_lines(),
        editor=current_app.config.get("EDITOR", True) and editor_installed(),
        query_text=query if query is not None else prefix_lines() + "\n" + EXAMPLE_QUERY,
        endpoint=url_for("sparql.endpoint", _external=True), short=short_iri,
        choices={name: {param: param_choices(q, param) for param in q.param_texts}
                 for name, q in queries.items()},
        canned=g.get("canned"), answer=ANSWER, **context)
    return Response(page, status=status, content_type="text/html; charset=utf-8")


# ------------------------------------------------------------------ canned queries' forms

def param_choices(query: CannedQuery, param: str) -> list[tuple[str, str]] | None:
    """(IRI, label) of the values worth offering for a parameter, by label; None when the
    query declares none or they are too many for a list."""
    if param not in query.choices:
        return None
    key = (state().store.dataset_version, query.name, param)
    with _choices_lock:
        if key not in _choices:
            try:
                _choices[key] = _read_choices(query, param)
            except QueryError as failed:
                if failed.kind == "busy":
                    return None  # try again on the next view
                _choices[key] = None  # the text box still works
        values = _choices[key]
    if values is None:
        return None
    labelled = [(iri, label(labels, short_iri(iri))) for iri, labels in values.items()]
    return sorted(labelled, key=lambda pair: (pair[1].casefold(), pair[0]))


def _read_choices(query: CannedQuery, param: str) -> dict[str, dict[str, str]] | None:
    """The values (IRIs) of a parameter's choices pattern, with their labels."""
    store = state().store
    result = store.query(QueryRequest(query.choices_query(param), max_rows=MAX_CHOICES),
                         timeout=current_app.config["QUERY_TIMEOUT"])
    if not isinstance(result, SelectResult) or result.truncated:
        return None
    iris = sorted({value.value for row in result.rows
                   if isinstance(value := row.get("_" + param), IRI)})
    labels = labels_of(store, iris)
    return {iri: labels.get(iri, {}) for iri in iris}


def canned_request(protocol: ProtocolRequest) -> ProtocolRequest:
    """GET /sparql?canned=NAME&PARAM=IRI...: the canned query with each parameter given bound
    by the engine (QueryRequest.bindings); values must be IRIs (or this server's URLs of
    them), checked before they go anywhere near the query. The page and its download links
    show the self-contained text (CannedQuery.bound_text), which answers the same."""
    name = request.args.get("canned", "")
    query = canned_queries().get(name)
    if query is None:
        raise RefusedError(400, f"There is no canned query {name!r}.")
    g.query_text = query.text  # shown in the editor if a value is refused
    bindings: dict[str, URIRef] = {}
    for param in query.param_texts:
        value = request.args.get(param, "").strip()
        if not value:
            continue  # unbound: the query covers everything
        iri = as_iri(value).strip().removeprefix("<").removesuffix(">")
        if not iri_ok(iri):
            raise RefusedError(400, f"The value of {param} must be an IRI such as "
                                    f"<{current_app.config['BASE']}region/12.05>, not {value!r}.")
        bindings[param] = URIRef(iri)
    g.canned = {"name": name, "bound": {p: str(v) for p, v in bindings.items()}}
    try:
        checked = query.bindings(bindings)
        g.query_text = query.bound_text(bindings)
    except ValueError as error:
        raise RefusedError(400, str(error)) from None
    return ProtocolRequest(query=query.text, default_graphs=protocol.default_graphs,
                           named_graphs=protocol.named_graphs, format=protocol.format,
                           bindings={name: IRI(str(value)) for name, value in checked.items()})


# ------------------------------------------------------------------ results

def _dataset_args() -> dict[str, list[str]]:
    return {name: request.values.getlist(name)
            for name in ("default-graph-uri", "named-graph-uri")}


def _download_links(query: str, kind: str) -> list[tuple[str, str, str]]:
    """(label, URL, file name) of the same query, with the same dataset, in other formats:
    every row, whichever page of the table is shown."""
    return [(label, url_for("sparql.endpoint", query=query, format=value, **_dataset_args()),
             f"results.{extension}") for value, label, extension in DOWNLOADS[kind]]


def _page_link(query: str, page: int) -> str:
    return url_for("sparql.endpoint", query=query, page=page, **_dataset_args()) + "#" + ANSWER


def _results_page(result: QueryResult, query: str) -> Response:
    form = _form_of(result)
    items: list[Any] = []
    if isinstance(result, SelectResult):
        items = result.rows
    elif isinstance(result, GraphResult):
        items = result.triples
    count = len(items) if form != "ASK" else 1
    try:
        page, pages = page_number(len(items), PAGE_ROWS, "rows" if form != "CONSTRUCT"
                                  else "triples")
    except PageNumberError as error:
        raise RefusedError(400, str(error)) from None
    first = (page - 1) * PAGE_ROWS
    return _query_page(
        "results.html", query, result=result, form=form, count=count,
        shown=items[first:first + PAGE_ROWS], first=first + 1,
        last=min(first + PAGE_ROWS, len(items)), page=page, pages=pages,
        page_url=lambda number: _page_link(query, number),
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
