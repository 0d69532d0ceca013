"""Look at a query before any engine sees it: its form, and what it would reach outside.

The endpoint is read-only and never makes outgoing requests. Oxigraph would execute SERVICE
by fetching the named URL, so SERVICE is refused here, before evaluation; so are updates
(LOAD fetches too) and datasets (FROM, FROM NAMED) naming graphs this dataset does not have.
The scan is lexical: comments, strings and IRIs are recognised, so a keyword inside them
does not count, and SPARQL's \\u escapes are decoded first, as the grammar requires.

It also bounds nesting. Oxigraph's parser is recursive: each bracket ( [ { and each prefix
operator ! ^ - + is a level of the parser's stack, so a query nested a few thousand deep
(FILTER((((...)))), {{{{ }}}}, !!!!true, ^(^(^(p))), ( ( ( ) ) ), [ :p [ :p [ ... ] ] ],
nested subqueries or function calls) overflows it and kills the process. Such a query is
refused here, before any engine parses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                "WITH"}
# Far above any real query (the canned ones nest at most 5 deep), far below what overflows
# the parser (about 3,000 group patterns or 10,000 parentheses).
MAX_NESTING = 64
_OPENING, _CLOSING = "([{", ")]}"
_PREFIX_OPERATORS = "!^-+"

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?:
                 (?:[\w:%\u00C0-\uFFFF\\](?:[\w.\-:%\u00C0-\uFFFF\\]*[\w\-:%\u00C0-\uFFFF])?)?)
    | (?P<word>[A-Za-z_][\w\-]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class RefusedError(Exception):
    """A request the endpoint will not run; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Inspection:
    form: str | None  # SELECT, ASK, CONSTRUCT or DESCRIBE; None if the engine must say why
    from_graphs: list[str] = field(default_factory=list)
    from_named_graphs: list[str] = field(default_factory=list)


def decode_escapes(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokens(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(text)
            if m.lastgroup not in ("space", "comment")]


def nesting(query: str) -> int:
    """How deep the parser would recurse: open brackets, each counted with the run of prefix
    operators before it (!(!( is four levels), plus the run before the current token; in the
    text as written or with its escapes decoded, whichever is deeper."""
    return max(_depth(tokens(query)), _depth(tokens(decode_escapes(query))))


def _depth(scanned: list[tuple[str, str]]) -> int:
    deepest = depth = run = 0
    outer: list[int] = []  # the depth outside each open bracket
    for kind, value in scanned:
        if kind != "other":
            run = 0
        elif value in _OPENING:
            outer.append(depth)
            depth, run = depth + run + 1, 0
        elif value in _CLOSING:
            depth, run = (outer.pop() if outer else 0), 0
        elif value in _PREFIX_OPERATORS:
            run += 1
        else:
            run = 0
        deepest = max(deepest, depth + run)
    return deepest


def inspect(query: str) -> Inspection:
    """Find the query form and its FROM graphs; refuse deep nesting, updates and SERVICE."""
    depth = nesting(query)
    if depth > MAX_NESTING:
        raise RefusedError(400, f"The query nests {depth} levels deep; this endpoint accepts at "
                                f"most {MAX_NESTING} (each bracket ( [ {{ counts, and so does each "
                                "operator ! ^ - + in a row, as in !!x).")
    scanned = tokens(decode_escapes(query))
    # Scan the text as written too: whether or not an engine decodes escapes, SERVICE is seen.
    words = {value.upper() for kind, value in scanned + tokens(query) if kind == "word"}
    if "SERVICE" in words:
        raise RefusedError(400, "SERVICE (federated query) is not allowed: this endpoint never "
                                "makes requests to other servers.")

    prefixes: dict[str, str] = {}
    base = ""
    inspection = Inspection(form=None)
    position = 0
    # The prologue: BASE <iri> and PREFIX p: <iri>, in any order.
    while position < len(scanned):
        kind, value = scanned[position]
        upper = value.upper() if kind == "word" else ""
        if upper == "BASE" and _kind(scanned, position + 1) == "iri":
            base = urljoin(base, scanned[position + 1][1][1:-1])
            position += 2
        elif (upper == "PREFIX" and _kind(scanned, position + 1) == "pname"
              and _kind(scanned, position + 2) == "iri"):
            prefixes[scanned[position + 1][1].rstrip(":")] = urljoin(
                base, scanned[position + 2][1][1:-1])
            position += 3
        else:
            break
    if position < len(scanned) and scanned[position][0] == "word":
        first = scanned[position][1].upper()
        if first in UPDATE_WORDS:  # an update where a query belongs: a malformed request
            raise RefusedError(400, f"This is a SPARQL Update ({first}), not a query: `query` "
                                    "(or an application/sparql-query body) takes SELECT, ASK, "
                                    "CONSTRUCT or DESCRIBE. This endpoint is read-only; updates "
                                    "sent as updates get 403.")
        if first in QUERY_FORMS:
            inspection.form = first

    for index, (kind, value) in enumerate(scanned):
        if kind != "word" or value.upper() != "FROM":
            continue
        named = _kind(scanned, index + 1) == "word" and scanned[index + 1][1].upper() == "NAMED"
        target = scanned[index + 2] if named else (scanned[index + 1] if index + 1 < len(scanned)
                                                   else ("", ""))
        iri = _resolve(target, prefixes, base)
        if iri is not None:
            (inspection.from_named_graphs if named else inspection.from_graphs).append(iri)
    return inspection


def _kind(scanned: list[tuple[str, str]], index: int) -> str | None:
    return scanned[index][0] if index < len(scanned) else None


def _resolve(token: tuple[str, str], prefixes: dict[str, str], base: str) -> str | None:
    kind, value = token
    if kind == "iri":
        return urljoin(base, value[1:-1])
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local.replace("\\", "")
    return None


def check_dataset(graphs: list[str], known: frozenset[str], what: str) -> None:
    """Graphs named by the request must be this dataset's own: nothing is ever fetched."""
    unknown = [g for g in graphs if g not in known]
    if unknown:
        raise RefusedError(400, f"{what} names a graph this dataset does not have: "
                                f"{', '.join(unknown)}. This endpoint never loads graphs "
                                "from elsewhere; see the service description for its graphs.")


# ---------------------------------------------------------------- rewriting a query's text
# Both rewrites work on the text as written: Oxigraph decodes \u escapes only inside
# strings, IRIs and names, so a keyword, a bracket or `*` written as an escape is not one.

_LIMIT_NUMBER = re.compile(r"(?:\s|#[^\n]*\n)*([0-9]+)")


def _positioned(query: str) -> list[tuple[str, str, int]]:
    """Tokens (kind, text, offset), without spaces and comments."""
    return [(m.lastgroup or "other", m.group(), m.start()) for m in _TOKEN.finditer(query)
            if m.lastgroup not in ("space", "comment")]


def _top_level(query: str) -> list[tuple[str, str, int]]:
    """The tokens outside every bracket: the prologue, the query form, its solution
    modifiers and its trailing VALUES."""
    depth = 0
    found = []
    for kind, value, start in _positioned(query):
        if kind == "other" and value in _OPENING:
            depth += 1
        elif kind == "other" and value in _CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0:
            found.append((kind, value, start))
    return found


def with_limit(query: str, rows: int) -> str:
    """The query answering at most `rows` solutions: its top-level LIMIT lowered to `rows`, or
    a LIMIT added (before a trailing VALUES clause, which must come last)."""
    words = [(value.upper(), start) for kind, value, start in _top_level(query) if kind == "word"]
    for word, start in words:
        if word == "LIMIT":
            number = _LIMIT_NUMBER.match(query, start + len("LIMIT"))
            if number is None:
                return query  # not a query the engine will run: let it say why
            if int(number.group(1)) <= rows:
                return query
            return query[:number.start(1)] + str(rows) + query[number.end(1):]
    values = next((start for word, start in words if word == "VALUES"), None)
    if values is not None:
        return f"{query[:values]}LIMIT {rows}\n{query[values:]}"
    return f"{query}\nLIMIT {rows}\n"  # on a line of its own: the query may end in a comment


def with_projection(query: str, names: list[str]) -> str:
    """A `SELECT *` query with its `*` replaced by `names`, in that order; any other query as
    it is."""
    top = _top_level(query)
    first = next((i for i, (kind, value, _) in enumerate(top)
                  if kind == "word" and value.upper() == "SELECT"), None)
    if first is None:
        return query
    star = first + 1
    if star < len(top) and top[star][1].upper() in ("DISTINCT", "REDUCED"):
        star += 1
    if star >= len(top) or top[star][1] != "*":
        return query
    at = top[star][2]
    return query[:at] + " ".join("?" + name for name in names) + query[at + 1:]
