"""The SPARQL 1.1 query endpoint at /sparql, and its service description."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, g, render_template, request

from kotacerdas.graph.queries import canned_queries
from kotacerdas.server import negotiation, results
from kotacerdas.server.description import service_description
from kotacerdas.server.protocol import ProtocolRequest, read
from kotacerdas.server.rdf import serialize_triples
from kotacerdas.server.safety import RefusedError, check_dataset, inspect
from kotacerdas.server.state import state
from kotacerdas.server.store import (
    AskResult,
    GraphResult,
    QueryError,
    QueryRequest,
    QueryResult,
    SelectResult,
)
from kotacerdas.server.web import cache_headers, error_response, etag_for, not_modified

blueprint = Blueprint("sparql", __name__)
FAILURE_STATUS = {"syntax": 400, "timeout": 503, "busy": 503, "error": 500}
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
        response = error_response(refused.status, refused.message, "refused")
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
    known = set(store.graph_names())
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
                    *protocol.named_graphs)
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)

    config = current_app.config
    try:
        result = store.query(QueryRequest(
            query=query,
            default_graphs=protocol.default_graphs if protocol_dataset else None,
            named_graphs=protocol.named_graphs if protocol_dataset else None,
            max_rows=config["MAX_ROWS"],
        ), timeout=config["QUERY_TIMEOUT"])
    except QueryError as failed:
        response = error_response(FAILURE_STATUS[failed.kind], failed.message, failed.kind)
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
    response.headers["Vary"] = "Accept"
    if getattr(result, "truncated", False):
        response.headers["X-Kotacerdas-Truncated"] = (
            f"results cut at {config['MAX_ROWS']} rows")
    return cache_headers(response, etag, store.last_modified)


def _form_of(result: QueryResult) -> str:
    if isinstance(result, SelectResult):
        return "SELECT"
    return "ASK" if isinstance(result, AskResult) else "CONSTRUCT"


def _not_acceptable_message(form: str) -> str:
    offered = ", ".join(negotiation.offered(form))
    return f"No acceptable format for a {form} result; this endpoint offers {offered}."


def _render(result: QueryResult, choice: negotiation.Choice, query: str) -> Response:
    if choice.html:
        return Response(render_template("results.html", result=result, query=query,
                                        select=isinstance(result, SelectResult),
                                        ask=isinstance(result, AskResult)),
                        content_type="text/html; charset=utf-8")
    if isinstance(result, SelectResult):
        body = results.write_select(str(choice.media_type), result.variables, result.rows,
                                    truncated=result.truncated)
    elif isinstance(result, AskResult):
        try:
            body = results.write_ask(str(choice.media_type), result.value)
        except ValueError as error:
            return error_response(406, str(error), "not-acceptable")
    else:
        assert isinstance(result, GraphResult)
        body = serialize_triples(result.triples, str(choice.media_type))
    return Response(body, content_type=choice.content_type)


def _describe_service(protocol: ProtocolRequest) -> Response:
    choice = negotiation.choose("DESCRIBE", request.headers.get("Accept"), protocol.format)
    if not choice.acceptable:
        return error_response(406, _not_acceptable_message("DESCRIBE"), "not-acceptable")
    store = state().store
    etag = etag_for(store.dataset_version, str(choice.media_type), "service-description",
                    request.base_url)
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)
    if choice.html:
        response = Response(render_template("query.html", queries=canned_queries()),
                            content_type="text/html; charset=utf-8")
    else:
        description = service_description(request.base_url, state().dataset_iri, state().void,
                                          state().graph_sizes)
        body = description.serialize(format=RDFLIB_FORMATS[str(choice.media_type)],
                                     encoding="utf-8")
        response = Response(body, content_type=choice.content_type)
    response.headers["Vary"] = "Accept"
    return cache_headers(response, etag, store.last_modified)


RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt",
                  "application/ld+json": "json-ld", "application/rdf+xml": "xml"}
