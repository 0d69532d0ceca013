"""SPARQL 1.1 query results writers: JSON, XML, CSV and TSV, for SELECT and ASK results.

Each writer returns the whole document as UTF-8 bytes. The formats follow the W3C
Recommendations (SPARQL 1.1 Query Results JSON Format; SPARQL Query Results XML Format,
Second Edition; SPARQL 1.1 Query Results CSV and TSV Formats):

* JSON: ``{"head": {"vars": [...], "link": [...]}, "results": {"bindings": [...]}}`` with
  terms as ``{"type": "uri" | "bnode" | "literal", "value": ..., "xml:lang" | "datatype": ...}``;
  simple literals carry no ``datatype`` and language-tagged ones only ``xml:lang``.
  ASK gives ``{"head": {}, "boolean": true}``.
* XML: the ``http://www.w3.org/2005/sparql-results#`` vocabulary. Text and attribute values
  escape ``& < > "`` and carriage returns (as ``&#13;``, which an XML parser would otherwise
  turn into line feeds); attributes also escape tabs and line feeds, and element text writes
  whitespace at either end as character references (pyoxigraph's reader trims raw
  whitespace there). Characters that XML 1.0 cannot carry at all (most C0 controls,
  U+FFFE, U+FFFF) raise `UnrepresentableError`.
* CSV (RFC 4180): CRLF line ends, a header of bare variable names, plain values (IRIs as is,
  literals as their lexical form, blank nodes as ``_:label``); a field is quoted when it holds
  ``"``, ``,``, CR or LF. An unbound variable is an empty field. In a one-column result an
  empty field is written ``""`` so that the row is not a blank line that readers skip.
* TSV: LF line ends, a header of ``?name`` variables, terms in Turtle syntax: ``<iri>``,
  ``_:label``, ``"lexical"``, ``"lexical"@lang``, ``"lexical"^^<datatype>``, and the bare
  Turtle forms of xsd:integer, xsd:decimal, xsd:double and xsd:boolean literals whose lexical
  form is already in that form (the spec asks for the abbreviated numbers; ``"1."`` or
  ``"INF"`` stay quoted). Inside quotes ``\\ " \\t \\n \\r \\b \\f`` use Turtle's escapes and
  other control or line-separator characters (U+0000-001F, U+007F-009F, U+2028, U+2029)
  use ``\\uXXXX``, so no row ever spans two lines for any line splitter.

ASK results in CSV and TSV, which the spec leaves undefined, are written as a one-column,
one-row table whose variable is ``_askResult`` (`ASK_VARIABLE`), the convention Apache Jena
uses: CSV ``_askResult\\r\\ntrue\\r\\n`` and TSV ``?_askResult\\ntrue\\n`` (in TSV the value is
Turtle's boolean literal). Any SPARQL CSV/TSV reader therefore gets a well-formed table.

Every writer takes keyword arguments `links` (URIs for the ``link`` members of the JSON and
XML heads; CSV and TSV have nowhere to put them) and `truncated`. `truncated` appears only in
JSON, as the extra top-level member ``"kotacerdas": {"truncated": true}`` placed between
``head`` and ``results`` (pyoxigraph's streaming JSON parser rejects any member after
``results``); the other formats cannot carry it, so the app also sends a response header.

Rows are mappings from variable name to `Term`; an unbound variable is absent (a ``None``
value is accepted as unbound too). Writers raise ValueError when a variable name is not a
SPARQL VARNAME or is repeated, or when a row binds a variable that is not in `variables`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from kotacerdas.server.terms import IRI, XSD, BNode, Literal, Term

__all__ = [
    "ASK_VARIABLE",
    "CONTENT_TYPES",
    "CSV",
    "MEDIA_TYPES",
    "SELECT_MEDIA_TYPES",
    "SPARQL_JSON",
    "SPARQL_XML",
    "TSV",
    "UnrepresentableError",
    "ask_csv",
    "ask_json",
    "ask_tsv",
    "ask_xml",
    "check_xml",
    "csv_value",
    "select_csv",
    "select_json",
    "select_tsv",
    "select_xml",
    "tsv_term",
    "write_ask",
    "write_select",
]

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"

#: Short format names (as in a ``format=`` parameter) to media types.
MEDIA_TYPES: dict[str, str] = {"json": SPARQL_JSON, "xml": SPARQL_XML, "csv": CSV, "tsv": TSV}
_SELECT_TYPES = tuple(MEDIA_TYPES.values())
SELECT_MEDIA_TYPES = frozenset(_SELECT_TYPES)
#: Media types to Content-Type header values. The JSON registration defines no parameters,
#: but a charset is harmless to compliant clients and helps lax ones decode non-ASCII text.
CONTENT_TYPES: dict[str, str] = {
    media_type: media_type + "; charset=utf-8" for media_type in _SELECT_TYPES
}
#: The one variable of an ASK result written as CSV or TSV.
ASK_VARIABLE = "_askResult"

XML_NS = "http://www.w3.org/2005/sparql-results#"

Row = Mapping[str, Term | None]


class UnrepresentableError(ValueError):
    """A value holds characters that the chosen format cannot carry (XML 1.0 controls)."""


# SPARQL 1.1 VARNAME.
_PN_CHARS_U = (
    "A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_VARNAME = re.compile(f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*\\Z")


def _check(variables: Sequence[str]) -> list[str]:
    names = list(variables)
    for name in names:
        if not isinstance(name, str) or not _VARNAME.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    if len(set(names)) != len(names):
        raise ValueError(f"repeated variable names in {names!r}")
    return names


def _bound(row: Row, names: set[str]) -> dict[str, Term]:
    """The row's bindings, without Nones, after checking every key is a declared variable."""
    extra = [key for key in row if key not in names]
    if extra:
        raise ValueError(f"row binds undeclared variables {sorted(extra)!r}")
    bound: dict[str, Term] = {}
    for key, term in row.items():
        if term is None:
            continue
        if not isinstance(term, IRI | BNode | Literal):
            raise TypeError(f"?{key} is bound to {term!r}, not a Term")
        bound[key] = term
    return bound


def _links(links: Iterable[str]) -> list[str]:
    out = list(links)
    for link in out:
        if not isinstance(link, str):
            raise TypeError(f"a link must be a str, not {type(link).__name__}")
    return out


# --- JSON --------------------------------------------------------------------------------


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, IRI):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": term.id}
    if term.lang is not None:
        return {"type": "literal", "value": term.value, "xml:lang": term.lang}
    if term.datatype is not None:
        return {"type": "literal", "value": term.value, "datatype": term.datatype}
    return {"type": "literal", "value": term.value}


def _json_document(head: dict[str, object], body: dict[str, object], truncated: bool) -> bytes:
    document: dict[str, object] = {"head": head}
    if truncated:
        document["kotacerdas"] = {"truncated": True}
    document.update(body)
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def select_json(
    variables: Sequence[str],
    rows: Iterable[Row],
    *,
    links: Iterable[str] = (),
    truncated: bool = False,
) -> bytes:
    """SELECT results as SPARQL 1.1 Query Results JSON."""
    names = _check(variables)
    declared = set(names)
    head: dict[str, object] = {"vars": names}
    link = _links(links)
    if link:
        head["link"] = link
    bindings = [
        {name: _json_term(term) for name, term in _bound(row, declared).items()} for row in rows
    ]
    return _json_document(head, {"results": {"bindings": bindings}}, truncated)


def ask_json(value: bool, *, links: Iterable[str] = (), truncated: bool = False) -> bytes:
    """An ASK result as SPARQL 1.1 Query Results JSON."""
    head: dict[str, object] = {}
    link = _links(links)
    if link:
        head["link"] = link
    return _json_document(head, {"boolean": bool(value)}, truncated)


# --- XML ---------------------------------------------------------------------------------

# Characters XML 1.0 cannot carry, not even as character references.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})
_XML_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


# Whitespace at either end of an element's text.
_XML_EDGE_SPACE = re.compile("^[ \t\n]+|[ \t\n]+\\Z")


def check_xml(text: str) -> None:
    """Raise `UnrepresentableError` for a character XML 1.0 cannot carry."""
    bad = _XML_FORBIDDEN.search(text)
    if bad:
        raise UnrepresentableError(
            f"U+{ord(bad.group()):04X} cannot appear in an XML 1.0 document: {text!r}"
        )


def _xml(text: str) -> str:
    """Element text. Whitespace at either end is written as character references, which
    XML readers that trim text (pyoxigraph 0.5's does) leave alone."""
    check_xml(text)
    escaped = text.translate(_XML_TEXT)
    if escaped and (escaped[0] in " \t\n" or escaped[-1] in " \t\n"):
        escaped = _XML_EDGE_SPACE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), escaped)
    return escaped


def _xml_attr(text: str) -> str:
    check_xml(text)
    return text.translate(_XML_ATTR)


def _xml_term(term: Term) -> str:
    if isinstance(term, IRI):
        return f"<uri>{_xml(term.value)}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml(term.id)}</bnode>"
    if term.lang is not None:
        return f'<literal xml:lang="{_xml_attr(term.lang)}">{_xml(term.value)}</literal>'
    if term.datatype is not None:
        return f'<literal datatype="{_xml_attr(term.datatype)}">{_xml(term.value)}</literal>'
    return f"<literal>{_xml(term.value)}</literal>"


def _xml_head(names: Sequence[str], links: Iterable[str]) -> list[str]:
    lines = [f'    <variable name="{_xml_attr(name)}"/>' for name in names]
    lines += [f'    <link href="{_xml_attr(link)}"/>' for link in _links(links)]
    if not lines:
        return ["  <head/>"]
    return ["  <head>", *lines, "  </head>"]


_XML_START = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{XML_NS}">']


def select_xml(
    variables: Sequence[str],
    rows: Iterable[Row],
    *,
    links: Iterable[str] = (),
    truncated: bool = False,
) -> bytes:
    """SELECT results as the SPARQL Query Results XML Format; `truncated` is not encoded."""
    names = _check(variables)
    declared = set(names)
    lines = [*_XML_START, *_xml_head(names, links), "  <results>"]
    for row in rows:
        bound = _bound(row, declared)
        if not bound:
            lines.append("    <result/>")
            continue
        lines.append("    <result>")
        # Bindings in the order of the head, which the spec leaves free but readers like.
        for name in names:
            term = bound.get(name)
            if term is not None:
                lines.append(f'      <binding name="{name}">{_xml_term(term)}</binding>')
        lines.append("    </result>")
    lines += ["  </results>", "</sparql>", ""]
    return "\n".join(lines).encode()


def ask_xml(value: bool, *, links: Iterable[str] = (), truncated: bool = False) -> bytes:
    """An ASK result as the SPARQL Query Results XML Format; `truncated` is not encoded."""
    answer = "true" if value else "false"
    lines = [*_XML_START, *_xml_head((), links), f"  <boolean>{answer}</boolean>", "</sparql>", ""]
    return "\n".join(lines).encode()


# --- CSV ---------------------------------------------------------------------------------

_CSV_QUOTE = re.compile('[",\r\n]')


def csv_value(term: Term) -> str:
    """The CSV value of a term (before RFC 4180 quoting): its string, ``_:label`` for a bnode."""
    if isinstance(term, IRI):
        return term.value
    if isinstance(term, BNode):
        return "_:" + term.id
    return term.value


def _csv_field(value: str) -> str:
    if _CSV_QUOTE.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def _csv_line(fields: Sequence[str]) -> str:
    if len(fields) == 1 and fields[0] == "":
        return '""\r\n'  # an empty field, not a blank line
    return ",".join(_csv_field(field) for field in fields) + "\r\n"


def select_csv(
    variables: Sequence[str],
    rows: Iterable[Row],
    *,
    links: Iterable[str] = (),
    truncated: bool = False,
) -> bytes:
    """SELECT results as SPARQL 1.1 CSV (lossy: no term kinds, no unbound/empty distinction)."""
    names = _check(variables)
    declared = set(names)
    _links(links)
    lines = [",".join(names) + "\r\n"]
    for row in rows:
        bound = _bound(row, declared)
        fields = [csv_value(bound[name]) if name in bound else "" for name in names]
        lines.append(_csv_line(fields) if names else "\r\n")
    return "".join(lines).encode()


def ask_csv(value: bool, *, links: Iterable[str] = (), truncated: bool = False) -> bytes:
    """An ASK result as a one-cell CSV table under the variable ``_askResult``."""
    _links(links)
    return f"{ASK_VARIABLE}\r\n{'true' if value else 'false'}\r\n".encode()


# --- TSV ---------------------------------------------------------------------------------

_TSV_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "\b": "\\b",
    "\f": "\\f",
}
_TSV_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029]')
_IRI_ESCAPE = re.compile('[\x00-\x20<>"{}|^`\\\\\x7f-\x9f]')

_XSD_INTEGER = XSD + "integer"
_XSD_DECIMAL = XSD + "decimal"
_XSD_DOUBLE = XSD + "double"
_XSD_BOOLEAN = XSD + "boolean"
# Turtle's INTEGER, DECIMAL, DOUBLE and BooleanLiteral productions, ASCII digits only.
_BARE = {
    _XSD_INTEGER: re.compile(r"[+-]?[0-9]+\Z"),
    _XSD_DECIMAL: re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
    _XSD_DOUBLE: re.compile(
        r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+)\Z"
    ),
    _XSD_BOOLEAN: re.compile(r"(?:true|false)\Z"),
}


def _uchar(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _tsv_string(text: str) -> str:
    return _TSV_ESCAPE.sub(lambda m: _TSV_ESCAPES.get(m.group()) or _uchar(m.group()), text)


def _tsv_iri(value: str) -> str:
    # `IRI` rejects these characters already; escaping keeps the row intact regardless.
    return "<" + _IRI_ESCAPE.sub(lambda m: _uchar(m.group()), value) + ">"


def tsv_term(term: Term) -> str:
    """A term in the Turtle syntax of SPARQL TSV results, never spanning a tab or a line."""
    if isinstance(term, IRI):
        return _tsv_iri(term.value)
    if isinstance(term, BNode):
        return "_:" + term.id
    if term.datatype is not None:
        bare = _BARE.get(term.datatype)
        if bare is not None and bare.match(term.value):
            return term.value
    quoted = '"' + _tsv_string(term.value) + '"'
    if term.lang is not None:
        return quoted + "@" + term.lang
    if term.datatype is not None:
        return quoted + "^^" + _tsv_iri(term.datatype)
    return quoted


def select_tsv(
    variables: Sequence[str],
    rows: Iterable[Row],
    *,
    links: Iterable[str] = (),
    truncated: bool = False,
) -> bytes:
    """SELECT results as SPARQL 1.1 TSV (Turtle-syntax terms, ``?var`` header)."""
    names = _check(variables)
    declared = set(names)
    _links(links)
    lines = ["\t".join("?" + name for name in names) + "\n"]
    for row in rows:
        bound = _bound(row, declared)
        lines.append("\t".join(tsv_term(bound[n]) if n in bound else "" for n in names) + "\n")
    return "".join(lines).encode()


def ask_tsv(value: bool, *, links: Iterable[str] = (), truncated: bool = False) -> bytes:
    """An ASK result as a one-cell TSV table under ``?_askResult`` (a Turtle boolean)."""
    _links(links)
    return f"?{ASK_VARIABLE}\n{'true' if value else 'false'}\n".encode()


# --- dispatch ----------------------------------------------------------------------------

SelectWriter = Callable[..., bytes]

_SELECT: dict[str, SelectWriter] = {
    SPARQL_JSON: select_json,
    SPARQL_XML: select_xml,
    CSV: select_csv,
    TSV: select_tsv,
}
_ASK: dict[str, Callable[..., bytes]] = {
    SPARQL_JSON: ask_json,
    SPARQL_XML: ask_xml,
    CSV: ask_csv,
    TSV: ask_tsv,
}


def _media_type(format: str) -> str:
    """A short name or a media type (parameters allowed) to one of the four media types."""
    key = format.split(";", 1)[0].strip().lower()
    media_type = MEDIA_TYPES.get(key, key)
    if media_type not in _SELECT:
        raise ValueError(f"not a SPARQL results format: {format!r}")
    return media_type


def write_select(
    format: str,
    variables: Sequence[str],
    rows: Iterable[Row],
    *,
    links: Iterable[str] = (),
    truncated: bool = False,
) -> bytes:
    """SELECT results in `format`: a short name (json, xml, csv, tsv) or a media type."""
    writer = _SELECT[_media_type(format)]
    return writer(variables, rows, links=links, truncated=truncated)


def write_ask(
    format: str, value: bool, *, links: Iterable[str] = (), truncated: bool = False
) -> bytes:
    """An ASK result in `format`: a short name (json, xml, csv, tsv) or a media type."""
    return _ASK[_media_type(format)](value, links=links, truncated=truncated)
