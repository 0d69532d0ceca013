"""Reading a SPARQL 1.1 Protocol query request: GET, POST form, POST direct (sec. 2.1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from flask import request

from kotacerdas.server.safety import RefusedError
from kotacerdas.server.terms import Term

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


@dataclass
class ProtocolRequest:
    query: str | None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None
    bindings: dict[str, Term] = field(default_factory=dict)  # a canned query's parameters


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RefusedError(400, f"The {what} is not valid UTF-8 (byte {error.start}).") from None


def _pairs(text: str, what: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise RefusedError(400, f"The {what} has percent-encoded bytes that are not "
                                "UTF-8.") from None


def read(max_bytes: int) -> ProtocolRequest:
    """The query, graphs and format of this request; refuses malformed or oversized ones."""
    if request.content_length is not None and request.content_length > max_bytes:
        raise RefusedError(413, f"The request body is larger than {max_bytes} bytes.")
    url_params = _pairs(_decode(request.query_string, "URL"), "URL")
    if request.method in ("GET", "HEAD"):
        params = url_params
    elif request.method == "POST":
        params = _post_params(url_params, max_bytes)
    else:
        raise RefusedError(405, f"{request.method} is not a SPARQL query operation.")

    def values(name: str) -> list[str]:
        return [value for key, value in params if key == name]

    if values("update"):
        raise RefusedError(403, "This endpoint is read-only: SPARQL Update is not accepted.")
    queries = values("query")
    if len(queries) > 1:
        raise RefusedError(400, "The request has more than one query parameter.")
    query = queries[0] if queries else None
    if query is not None and len(query.encode("utf-8")) > max_bytes:
        raise RefusedError(413, f"The query is longer than {max_bytes} bytes.")
    formats = values("format")
    return ProtocolRequest(query=query, default_graphs=values("default-graph-uri"),
                           named_graphs=values("named-graph-uri"),
                           format=formats[0] if formats else None)


def _post_params(url_params: list[tuple[str, str]], max_bytes: int) -> list[tuple[str, str]]:
    mimetype = request.mimetype
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise RefusedError(415, f"Only UTF-8 is accepted, not {charset}.")
    body = request.get_data(cache=True)
    if len(body) > max_bytes:
        raise RefusedError(413, f"The request body is larger than {max_bytes} bytes.")
    if mimetype == FORM:
        form = _pairs(_decode(body, "request body"), "request body")
        if any(key == "query" for key, _ in url_params) and any(k == "query" for k, _ in form):
            raise RefusedError(400, "The request has more than one query parameter.")
        return form + [(k, v) for k, v in url_params if k in ("format",)]
    if mimetype == DIRECT:
        if any(key == "query" for key, _ in url_params):
            raise RefusedError(400, "The request has a query both in its body and its URL.")
        return [("query", _decode(body, "query")), *url_params]
    if mimetype == "application/sparql-update":
        raise RefusedError(403, "This endpoint is read-only: SPARQL Update is not accepted.")
    shown = mimetype or "no Content-Type"
    raise RefusedError(415, f"POST a query as {DIRECT} or {FORM}, not {shown}.")
