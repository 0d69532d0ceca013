"""Content negotiation for the SPARQL endpoint: which serialisation answers a request.

`choose(query_form, accept, format_param)` picks the media type for a SELECT, ASK, CONSTRUCT
or DESCRIBE result from the ``format`` request parameter, when given, or else from the
``Accept`` header (RFC 9110, section 12.5.1):

* each media range has a weight ``q`` (default 1); ``q=0`` makes a type not acceptable;
* the most specific range that matches a type sets its weight: ``text/csv`` overrides
  ``text/*``, which overrides ``*/*``; among equally specific ranges one without parameters
  wins (it names the representation itself), and then the highest weight;
* parameters other than ``q`` (``charset``, ``level``, ...) do not restrict matching;
* the highest weight wins; on equal weights a type the client named explicitly beats one it
  reached through a wildcard, and then the server's order of preference decides;
* no Accept header, an empty one, one with no valid range in it, or ``*/*`` gets the
  default (the first offered type); a header that excludes every offered type gets a
  `Choice` that is not `acceptable` (the app answers 406).

Besides the canonical media types, ``application/json`` and ``application/xml`` are accepted
as names for SPARQL JSON/XML results (SELECT, ASK) and JSON-LD/RDF/XML (CONSTRUCT, DESCRIBE);
the response then carries the type the client asked for. Wildcards match canonical types
only. ``text/html``, when named explicitly and weighted above every data type (or equal to
one reached only through a wildcard), yields ``html=True``: the app renders a page.

Werkzeug's `MIMEAccept.best_match` (installed with Flask) was checked and not used: it gets
weights, wildcards and ``q=0`` right, but makes parameters significant, so
``Accept: text/csv; charset=utf-8`` matches nothing and would be refused.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kotacerdas.server import media
from kotacerdas.server.media import HTML, content_type

__all__ = [
    "DEFAULTS",
    "HTML",
    "Choice",
    "MediaRange",
    "best_match",
    "choose",
    "content_type",
    "format_values",
    "offered",
    "parse_accept",
]

_RESULTS = tuple(media.RESULTS_FORMATS)
_GRAPH = tuple(media.RDF_FORMATS)
_FORMS = {"SELECT": _RESULTS, "ASK": _RESULTS, "CONSTRUCT": _GRAPH, "DESCRIBE": _GRAPH}
#: The default media type of each query form.
DEFAULTS: dict[str, str] = {form: types[0] for form, types in _FORMS.items()}

# Other names clients use, per query form: alias -> canonical media type.
_ALIASES = {"SELECT": media.RESULTS_ALIASES, "ASK": media.RESULTS_ALIASES,
            "CONSTRUCT": media.GRAPH_ALIASES, "DESCRIBE": media.GRAPH_ALIASES}
# Values of the ``format`` parameter, per query form (full media types are accepted too).
_FORMAT_NAMES = {"SELECT": media.RESULTS_NAMES, "ASK": media.RESULTS_NAMES,
                 "CONSTRUCT": media.GRAPH_NAMES, "DESCRIBE": media.GRAPH_NAMES}

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(f"({_TOKEN})/({_TOKEN})\\Z")


class MediaRange(NamedTuple):
    """One element of an Accept header."""

    type: str  # lower case; "*" for a wildcard
    subtype: str  # lower case; "*" for a wildcard
    q: float
    params: bool  # whether it had parameters other than q (they do not restrict matching)

    @property
    def specificity(self) -> int:
        """2 for type/subtype, 1 for type/*, 0 for */*."""
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        """Whether this range covers `media_type` (a bare lower-case type/subtype)."""
        type_, _, subtype = media_type.partition("/")
        return self.type in ("*", type_) and self.subtype in ("*", subtype)


class Choice(NamedTuple):
    """The outcome of negotiation.

    `media_type` is the canonical type to serialise to, "text/html" for a page, or None
    when nothing offered is acceptable (then `acceptable` is False and the app answers 406);
    `content_type` is the Content-Type header value, which names the alias when the client
    asked for one (application/json, application/xml); `html` is True when a browser wants
    a page; `reason` says why nothing was acceptable.
    """

    media_type: str | None
    content_type: str | None
    html: bool = False
    reason: str = ""

    @property
    def acceptable(self) -> bool:
        """False when the app should answer 406 Not Acceptable."""
        return self.media_type is not None


def _split(text: str, sep: str) -> list[str]:
    """Split on `sep` outside double-quoted strings (which may hold backslash escapes)."""
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == sep and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _qvalue(text: str) -> float | None:
    try:
        q = float(text)
    except ValueError:
        return None
    if q != q or q in (float("inf"), float("-inf")):
        return None
    return min(max(q, 0.0), 1.0)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; malformed elements (and elements with a bad q) are skipped.

    A bare ``*`` (sent by old Java clients) is read as ``*/*``; ``*/subtype`` is malformed.
    A q outside 0..1 is clamped into it.
    """
    ranges: list[MediaRange] = []
    if not header:
        return ranges
    for element in _split(header, ","):
        pieces = _split(element, ";")
        name = pieces[0].strip().lower()
        if name == "*":
            name = "*/*"
        match = _RANGE.match(name)
        if not match or (match.group(1) == "*" and match.group(2) != "*"):
            continue
        q: float | None = 1.0
        params = False
        for piece in pieces[1:]:
            key, _, value = piece.partition("=")
            key = key.strip().lower()
            if key == "q":
                q = _qvalue(value.strip())
                break  # what follows q are accept-ext parameters
            if key:
                params = True
        if q is None:
            continue
        ranges.append(MediaRange(match.group(1), match.group(2), q, params))
    return ranges


def _weight(ranges: list[MediaRange], media_type: str, exact_only: bool) -> tuple[float, int]:
    """The weight of `media_type` and the specificity of the range that set it (-1: none)."""
    best: tuple[int, bool, float] | None = None
    for media_range in ranges:
        if exact_only and media_range.specificity < 2:
            continue
        if media_range.matches(media_type):
            key = (media_range.specificity, not media_range.params, media_range.q)
            if best is None or key > best:
                best = key
    if best is None:
        return 0.0, -1
    return best[2], best[0]


def best_match(
    header: str | None, offers: list[str], explicit_only: frozenset[str] = frozenset()
) -> str | None:
    """The best of `offers` (server order of preference) for an Accept header, or None.

    With no usable header the first offer wins. Offers in `explicit_only` are not reached
    through wildcards, only by a range naming them.
    """
    ranges = parse_accept(header)
    if not ranges:
        return offers[0] if offers else None
    best: tuple[float, int, int] | None = None
    chosen: str | None = None
    for index, offer in enumerate(offers):
        media_type = offer.lower()
        q, specificity = _weight(ranges, media_type, offer in explicit_only)
        if q <= 0:
            continue
        key = (q, specificity, -index)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def _form(query_form: str) -> str:
    form = query_form.strip().upper()
    if form not in _FORMS:
        raise ValueError(f"not a SPARQL query form: {query_form!r}")
    return form


def offered(query_form: str) -> list[str]:
    """The canonical media types offered for a query form, in order of preference."""
    return list(_FORMS[_form(query_form)])


def format_values(query_form: str) -> list[str]:
    """The short ``format`` parameter values understood for a query form."""
    return sorted(_FORMAT_NAMES[_form(query_form)])


def _from_format(form: str, value: str) -> Choice:
    key = value.split(";", 1)[0].strip().lower()
    canonical = _FORMAT_NAMES[form].get(key)
    if canonical is not None:
        return Choice(canonical, content_type(canonical))
    if key in _FORMS[form]:
        return Choice(key, content_type(key))
    if key in _ALIASES[form]:
        return Choice(_ALIASES[form][key], content_type(key))
    names = ", ".join(format_values(form))
    reason = f"format={value.strip()!r} is not available for a {form} query; use one of {names}"
    return Choice(None, None, reason=reason)


def choose(
    query_form: str, accept_header: str | None = None, format_param: str | None = None
) -> Choice:
    """Negotiate the response type for a query of `query_form` (SELECT, ASK, ...).

    When nothing offered is acceptable the `Choice` is not `acceptable` (the app answers
    406) and its `reason` says why. A non-empty `format_param` (a short name such as
    ``csv`` or ``ttl``, or a media type) overrides the Accept header; one that does not fit
    the query form (``ttl`` for a SELECT, ``foo``) is not acceptable either.
    """
    form = _form(query_form)
    if format_param is not None and format_param.strip():
        return _from_format(form, format_param)
    canonical = list(_FORMS[form])
    aliases = _ALIASES[form]
    offers = [*canonical, *aliases, HTML]
    chosen = best_match(accept_header, offers, explicit_only=frozenset([*aliases, HTML]))
    if chosen is None:
        names = ", ".join(canonical)
        return Choice(None, None, reason=f"{form} results are available as {names}")
    if chosen == HTML:
        return Choice(HTML, content_type(HTML), html=True)
    return Choice(aliases.get(chosen, chosen), content_type(chosen))
