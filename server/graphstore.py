"""The read side of the SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graphs."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from kotacerdas.server import negotiation
from kotacerdas.server.state import state
from kotacerdas.server.store import QueryError, QueryRequest, SerializedResult
from kotacerdas.server.web import cache_headers, error_response, etag_for, not_modified

blueprint = Blueprint("graphstore", __name__)
READ_METHODS = "GET, HEAD, OPTIONS"
# A whole graph may be large: the Graph Store is not cut at the query endpoint's row limit.
MAX_TRIPLES = 5_000_000


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
    if default == bool(names) or len(names) > 1:
        return error_response(400, "Give either ?default or one ?graph=IRI.", "bad-request")
    store = state().store
    if names and names[0] not in store.graph_names():
        return error_response(404, f"No graph named {names[0]} in this dataset.", "not-found")

    choice = negotiation.choose("CONSTRUCT", request.headers.get("Accept"),
                                request.args.get("format"))
    if not choice.acceptable:
        return error_response(406, "This graph is available as "
                              + ", ".join(negotiation.offered("CONSTRUCT")) + ".",
                              "not-acceptable")
    if choice.html:  # a browser clicked a link: show it the graph as Turtle
        choice = negotiation.choose("CONSTRUCT", "text/turtle")
    etag = etag_for(store.dataset_version, str(choice.media_type), "graph-store", *names)
    if not_modified(etag, store.last_modified):
        return cache_headers(Response(status=304), etag, store.last_modified)
    query = ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }" if default
             else f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{names[0]}> {{ ?s ?p ?o }} }}")
    try:
        result = store.query(QueryRequest(query, max_rows=MAX_TRIPLES,
                                          media_type=str(choice.media_type)),
                             timeout=current_app.config["QUERY_TIMEOUT"])
    except QueryError as failed:
        return error_response(503 if failed.kind in ("timeout", "busy") else 500,
                              failed.message, failed.kind)
    assert isinstance(result, SerializedResult)
    response = Response(result.body, content_type=choice.content_type)
    response.headers["Vary"] = "Accept"
    return cache_headers(response, etag, store.last_modified)
