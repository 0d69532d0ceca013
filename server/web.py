"""What every response gets: CORS, security headers, gzip, conditional requests, errors, logs."""

from __future__ import annotations

import gzip
import hashlib
import logging
import time
from email.utils import formatdate, parsedate_to_datetime

from flask import Flask, Response, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from kotacerdas.graph import __version__
from kotacerdas.server.i18n import (
    COOKIE,
    LANGUAGES,
    current_language,
    other_language,
    pick,
    show_date,
    t,
)
from kotacerdas.server.results import UnrepresentableError
from kotacerdas.server.store import QueryError

access_log = logging.getLogger("kotacerdas.access")
GZIP_MIN_BYTES = 1024
RETRY_AFTER = "5"  # seconds, when every query worker is busy


def wants_html() -> bool:
    """A browser (text/html preferred over JSON) gets pages; everyone else gets JSON."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "text/html" and request.accept_mimetypes["text/html"] > 0


def error_response(status: int, message: str, kind: str = "error") -> Response:
    """An error as JSON for API clients, as a page for browsers; never a traceback."""
    if wants_html():
        response = Response(render_template("error.html", status=status, message=message,
                                            kind=kind), status=status,
                            content_type="text/html; charset=utf-8")
    else:
        response = jsonify({"status": status, "error": kind, "message": message})
        response.status_code = status
    response.headers["Vary"] = "Accept"
    return response


class PageNumberError(ValueError):
    """?page= names no page of a paged view: the client's error (400, with this message)."""


def page_number(count: int, per_page: int, unit: str) -> tuple[int, int]:
    """(this page, number of pages) from ?page=, 1 by default: the one rule of every paged
    view (query results, a graph's triples). A page that is not a number from 1 to the last
    is refused, not guessed."""
    pages = max(1, -(-count // per_page))
    given = request.args.get("page", "1")
    if not given.isdigit() or not 1 <= int(given) <= pages:
        raise PageNumberError(f"page must be a number from 1 to {pages} ({count} {unit}, "
                              f"{per_page} a page), not {given!r}.")
    return int(given), pages


def etag_for(*parts: str) -> str:
    """A weak ETag from the dataset version and what shapes the response."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return f'W/"{digest}"'


def not_modified(etag: str, last_modified: float) -> bool:
    """True when the client's copy is current (If-None-Match wins over If-Modified-Since)."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        tags = {tag.strip() for tag in if_none_match.split(",")}
        weak = etag.removeprefix("W/")
        return "*" in tags or etag in tags or weak in tags or f"W/{weak}" in tags
    since = request.headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since).timestamp() >= int(last_modified)
        except (TypeError, ValueError):
            return False
    return False


def cache_headers(response: Response, etag: str, last_modified: float) -> Response:
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = formatdate(last_modified, usegmt=True)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def register(app: Flask) -> None:
    @app.before_request
    def _start_clock() -> None:
        g.started = time.monotonic()

    app.jinja_env.filters["date"] = show_date  # for macros too, which see no context

    @app.context_processor
    def _interface() -> dict[str, object]:
        return {"t": t, "pick": pick, "lang": current_language(),
                "other_lang": other_language()}

    @app.after_request
    def _finish(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Access-Control-Allow-Origin", "*")
        headers.setdefault("Access-Control-Expose-Headers",
                           "ETag, Last-Modified, X-Kotacerdas-Truncated, X-Kotacerdas-Version")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Content-Security-Policy",
                           "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                           "form-action 'self'")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers["X-Kotacerdas-Version"] = f"{__version__}; dataset {app.config['DATASET_VERSION']}"
        chosen = request.args.get("lang")
        if chosen in LANGUAGES:  # the language switch persists
            response.set_cookie(COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax")
        _gzip(response)
        _log(response)
        return response

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        response = error_response(error.code or 500, error.description or error.name,
                                  error.name.lower().replace(" ", "-"))
        if error.code == 405 and error.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
        return response

    @app.errorhandler(QueryError)
    def _store_failed(error: QueryError) -> Response:
        """A page's or a document's own queries failed: busy or overrun workers are a
        moment's unavailability (503, try again), never a 500."""
        if error.kind in ("busy", "timeout"):
            response = error_response(503, pick({
                "id": "Server sedang sibuk menjawab kueri lain; coba lagi sebentar lagi.",
                "en": "The server is busy answering other queries; try again in a moment."}),
                error.kind)
            response.headers["Retry-After"] = RETRY_AFTER
            return response
        if error.kind in ("unrepresentable", "unsupported"):
            return error_response(406, error.message, "not-acceptable")
        return _unexpected(error)

    @app.errorhandler(UnrepresentableError)
    def _unrepresentable(error: UnrepresentableError) -> Response:
        """Data the chosen format cannot write (RDF/XML): ask for another format."""
        return error_response(406, str(error), "not-acceptable")

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        app.logger.exception("unexpected error")
        return error_response(500, "Something went wrong on our side; it has been logged.",
                              "internal-error")


def _gzip(response: Response) -> None:
    if (response.direct_passthrough or response.status_code < 200 or response.status_code >= 300
            or "Content-Encoding" in response.headers
            or "gzip" not in request.headers.get("Accept-Encoding", "").lower()):
        return
    data = response.get_data()
    if len(data) < GZIP_MIN_BYTES:
        return
    response.set_data(gzip.compress(data, compresslevel=5, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    vary = [v.strip() for v in response.headers.get("Vary", "").split(",") if v.strip()]
    if "Accept-Encoding" not in vary:
        response.headers["Vary"] = ", ".join([*vary, "Accept-Encoding"])


def _log(response: Response) -> None:
    query = g.get("query_text")  # set by the SPARQL views once they have read the request
    digest = hashlib.sha256(query.encode("utf-8")).hexdigest()[:12] if query else "-"
    duration = (time.monotonic() - g.get("started", time.monotonic())) * 1000
    access_log.info("%s %s %s %.1fms query=%s", request.method, request.path,
                    response.status_code, duration, digest)
