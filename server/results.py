"""SPARQL 1.1 query results: SELECT solutions written by pyoxigraph, ASK results written here.

`write_solutions` has pyoxigraph write the solutions of a query in JSON, XML, CSV or TSV (2 to
15 times faster than writing them in Python) and then keeps the endpoint's promises the
writers do not make themselves:

* the row limit: the query runs with a LIMIT one above it (see `safety.with_limit`), so one
  solution too many says the result was cut; that solution is taken off again, and JSON
  states the cut as the extra member ``"kotacerdas": {"truncated": true}`` between ``head``
  and ``results`` (pyoxigraph's streaming JSON reader rejects any member after
  ``results``); the other formats cannot carry it, so the app also sends a response header;
* SPARQL 1.1 only: RDF 1.2 triple terms and directional language-tagged strings raise
  `UnsupportedTermError` in JSON, XML and TSV, whose SPARQL 1.1 readers could not read them
  (CSV writes every term as plain text anyway);
* XML 1.0: a carriage return is written as ``&#13;`` (an XML parser turns a raw one into a
  line feed), and characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF)
  raise `UnrepresentableError` (406) instead of making a broken document;
* CSV: in a one-column result an empty field is written ``""``, so that the row is not a
  blank line, which readers skip.

ASK results in CSV and TSV, which the spec leaves undefined, are written as a one-column,
one-row table whose variable is ``_askResult`` (`ASK_VARIABLE`), the convention Apache Jena
uses: CSV ``_askResult\\r\\ntrue\\r\\n`` and TSV ``?_askResult\\ntrue\\n``. Any SPARQL CSV/TSV
reader therefore gets a well-formed table (pyoxigraph writes a bare ``true``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pyoxigraph as ox

from kotacerdas.server.media import (
    CSV,
    RESULTS_FORMATS,
    RESULTS_NAMES,
    SPARQL_JSON,
    SPARQL_XML,
    TSV,
)
from kotacerdas.server.terms import UnsupportedTermError

__all__ = [
    "ASK_VARIABLE",
    "UnrepresentableError",
    "check_xml",
    "write_ask",
    "write_solutions",
]

#: The one variable of an ASK result written as CSV or TSV.
ASK_VARIABLE = "_askResult"
XML_NS = "http://www.w3.org/2005/sparql-results#"


class UnrepresentableError(ValueError):
    """A value holds characters that the chosen format cannot carry (XML 1.0 controls)."""


# Characters XML 1.0 cannot carry, not even as character references.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The same in UTF-8 bytes (surrogates cannot be encoded, so they never reach the bytes):
# controls, found by deleting them (ten times faster than a regular expression), and two
# three-byte sequences.
_XML_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_XML_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def check_xml(text: str) -> None:
    """Raise `UnrepresentableError` for a character XML 1.0 cannot carry."""
    bad = _XML_FORBIDDEN.search(text)
    if bad:
        raise UnrepresentableError(
            f"U+{ord(bad.group()):04X} cannot appear in an XML 1.0 document: {text!r}")


# --- SELECT, written by pyoxigraph ---------------------------------------------------------

_UNSUPPORTED = ("The result holds an RDF 1.2 term (a triple term or a directional "
                "language-tagged string)")
# TSV: a triple term starts a field; a direction ends a language tag (raw quotes, tabs and
# line ends never occur inside a written term).
_TSV_RDF12 = re.compile(rb'(?:^|[\t\n])<<|"@[A-Za-z][A-Za-z0-9-]*--(?:ltr|rtl)(?=[\t\n])')
_CSV_QUOTED = re.compile(rb'"[^"]*"')  # a quoted field; its doubled quotes make two matches
_CSV_BLANK_LINE = re.compile(rb'"[^"]*"|(?<=\n)\r\n')
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')


def write_solutions(solutions: ox.QuerySolutions, media_type: str, max_rows: int
                    ) -> tuple[bytes, int, bool]:
    """Solutions written in `media_type` by pyoxigraph: (bytes, rows, truncated). The query
    must have been limited to at most `max_rows` + 1 solutions (`safety.with_limit`)."""
    body = solutions.serialize(format=RESULTS_FORMATS[media_type]) or b""
    _CHECK[media_type](body)
    count = _COUNT[media_type](body)
    truncated = count > max_rows
    while count > max_rows:
        body = _CUT[media_type](body)
        count -= 1
    return _FINISH[media_type](body, truncated), count, truncated


def _json_count(body: bytes) -> int:
    if b"{}" in body:  # an empty solution, or braces inside a string: read the structure
        structure = _JSON_STRING.sub(b"", body)
        return structure.count(b"},{") + structure.count(b"[{")
    # A solution opens with its first binding, `{"name":{"type":`; a string holds no raw
    # quote, so this cannot start inside one.
    names = json.loads(body[len(b'{"head":{"vars":'):body.index(b"]") + 1])
    return sum(body.count(b'{"%s":{"type":' % name.encode()) for name in names)


def _json_cut(body: bytes) -> bytes:
    """Without its last solution: the last `,{` outside strings, or the `[{` of the first."""
    end = len(body)
    while True:
        at = body.rfind(b",{", 0, end)
        if at < 0:
            at = body.index(b"[{") + 1
            return body[:at] + b"]}}"
        tail = body[at:].replace(b"\\\\", b"")
        if (tail.count(b'"') - tail.count(b'\\"')) % 2 == 0:  # not inside a string
            return body[:at] + b"]}}"
        end = at


def _json_check(body: bytes) -> None:
    if b'"type":"triple"' in body or b'"its:dir":' in body:
        raise UnsupportedTermError(_UNSUPPORTED)


def _json_finish(body: bytes, truncated: bool) -> bytes:
    if truncated:
        at = body.index(b',"results":')
        body = body[:at] + b',"kotacerdas":{"truncated":true}' + body[at:]
    return body


def _xml_count(body: bytes) -> int:
    return body.count(b"<result>")  # a < in text is written &lt;


def _xml_cut(body: bytes) -> bytes:
    return body[:body.rindex(b"<result>")] + b"</results></sparql>"


def _xml_check(body: bytes) -> None:
    if b"<triple>" in body or b" its:dir=" in body:
        raise UnsupportedTermError(_UNSUPPORTED)
    if (len(body.translate(None, _XML_CONTROLS)) != len(body)
            or any(sequence in body for sequence in _XML_NONCHARACTERS)):
        bad = _XML_FORBIDDEN.search(body.decode("utf-8"))
        raise UnrepresentableError(f"U+{ord(bad.group()) if bad else 0xFFFD:04X} cannot appear "
                                   "in an XML 1.0 document; ask for JSON or TSV instead")


def _xml_finish(body: bytes, truncated: bool) -> bytes:
    # pyoxigraph writes no line ends of its own, so a raw CR can only be inside a value.
    return body.replace(b"\r", b"&#13;")


def _csv_count(body: bytes) -> int:
    if b'"' in body:
        body = _CSV_QUOTED.sub(b"", body)
    return body.count(b"\r\n") - 1


def _csv_cut(body: bytes) -> bytes:
    """Without its last line: the last line end before it with no open quote after it."""
    end = len(body) - 2
    while True:
        at = body.rindex(b"\r\n", 0, end)
        if body.count(b'"', at) % 2 == 0:
            return body[:at + 2]
        end = at


def _csv_finish(body: bytes, truncated: bool) -> bytes:
    header = body[:body.find(b"\r\n")]
    if header and b"," not in header and b"\n\r\n" in body:
        return _CSV_BLANK_LINE.sub(lambda m: m.group() if m.group()[:1] == b'"' else b'""\r\n',
                                   body)
    return body


def _tsv_count(body: bytes) -> int:
    return body.count(b"\n") - 1  # line ends inside values are written \n


def _tsv_cut(body: bytes) -> bytes:
    return body[:body.rindex(b"\n", 0, len(body) - 1) + 1]


def _tsv_check(body: bytes) -> None:
    maybe = b"<<" in body or b"--ltr" in body or b"--rtl" in body  # before the slow search
    if maybe and _TSV_RDF12.search(body):
        raise UnsupportedTermError(_UNSUPPORTED)


def _csv_check(body: bytes) -> None:
    """CSV writes every term as its text: nothing it cannot carry."""


def _kept(body: bytes, truncated: bool) -> bytes:
    return body


_COUNT: dict[str, Callable[[bytes], int]] = {
    SPARQL_JSON: _json_count, SPARQL_XML: _xml_count, CSV: _csv_count, TSV: _tsv_count}
_CUT: dict[str, Callable[[bytes], bytes]] = {
    SPARQL_JSON: _json_cut, SPARQL_XML: _xml_cut, CSV: _csv_cut, TSV: _tsv_cut}
_CHECK: dict[str, Callable[[bytes], None]] = {
    SPARQL_JSON: _json_check, SPARQL_XML: _xml_check, CSV: _csv_check, TSV: _tsv_check}
_FINISH: dict[str, Callable[[bytes, bool], bytes]] = {
    SPARQL_JSON: _json_finish, SPARQL_XML: _xml_finish, CSV: _csv_finish, TSV: _kept}


# --- ASK -------------------------------------------------------------------------------------


def _ask_json(value: bool) -> bytes:
    return json.dumps({"head": {}, "boolean": value}, separators=(",", ":")).encode() + b"\n"


def _ask_xml(value: bool) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{XML_NS}">\n  <head/>\n'
            f"  <boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n").encode()


def _ask_csv(value: bool) -> bytes:
    return f"{ASK_VARIABLE}\r\n{'true' if value else 'false'}\r\n".encode()


def _ask_tsv(value: bool) -> bytes:
    return f"?{ASK_VARIABLE}\n{'true' if value else 'false'}\n".encode()


_ASK: dict[str, Callable[[bool], bytes]] = {
    SPARQL_JSON: _ask_json, SPARQL_XML: _ask_xml, CSV: _ask_csv, TSV: _ask_tsv}


def write_ask(format: str, value: bool) -> bytes:
    """An ASK result in `format`: a short name (json, xml, csv, tsv) or a media type."""
    key = format.split(";", 1)[0].strip().lower()
    media_type = RESULTS_NAMES.get(key, key)
    if media_type not in _ASK:
        raise ValueError(f"not a SPARQL results format: {format!r}")
    return _ASK[media_type](bool(value))
