"""The term model and the SPARQL results as the endpoint writes them (pyoxigraph's writers and
what results.py adds: the row limit, XML's carriage returns and controls, CSV's one-column
empty fields, RDF 1.2 terms refused), checked against independent parsers.

pyoxigraph reads JSON, XML and TSV results back into terms (it refuses CSV as lossy); rdflib
reads all four; Python's expat (xml.etree) and csv modules check XML and CSV syntax strictly.
Every awkward row the Python writers these replaced were tested with reads back the same.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result

from kotacerdas.server import media
from kotacerdas.server.results import (
    ASK_VARIABLE,
    UnrepresentableError,
    write_ask,
    write_solutions,
)
from kotacerdas.server.terms import (
    IRI,
    RDF_LANG_STRING,
    XSD,
    XSD_STRING,
    BNode,
    Literal,
    Term,
    UnsupportedTermError,
    from_oxigraph,
    to_oxigraph,
)

NS = "{http://www.w3.org/2005/sparql-results#}"
OX = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
}
FORMATS = ["json", "xml", "csv", "tsv"]

# Every awkward thing a value can hold, in canonical lexical forms so that rdflib (which
# normalises lexical forms of numbers) gives them back unchanged.
VARIABLES = ["s", "label", "value", "note"]
ROWS: list[dict[str, Term]] = [
    {
        "s": IRI("https://w3id.org/kotacerdas/region/3171"),
        "label": Literal("Kota Administrasi Jakarta Selatan", lang="id"),
        "value": Literal("42", XSD + "integer"),
        "note": Literal("plain"),
    },
    {
        "s": BNode("b0"),
        "label": Literal("tab\there, newline\nhere, cr\rhere, crlf\r\nhere"),
        "value": Literal("3.14", XSD + "decimal"),
    },
    {"label": Literal("quotes \"double\" and 'single', comma, <angle> & amp; back\\slash")},
    {
        "s": IRI("http://example.org/cari?q=kota&lang=id#hasil"),
        "label": Literal(
            "Gerakan Menuju 100 Smart City 🏙️ — \u2018Kota Cerdas\u2019 naïve", lang="id-ID"
        ),
        "value": Literal("2024-05-01", XSD + "date"),
        "note": Literal("true", XSD + "boolean"),
    },
    {},
    {"s": BNode("b0"), "note": Literal("")},
    {
        "s": IRI("urn:isbn:9786020000000"),
        "label": Literal("ends with a newline\n"),
        "note": Literal("x", "http://example.org/dt#custom"),
    },
    {"value": Literal("-7", XSD + "integer"), "note": Literal(" leading and trailing spaces ")},
]


# --- helpers -----------------------------------------------------------------------------


def ox_parse(data: bytes, fmt: str) -> tuple[list[str], list[dict[str, Term]]]:
    """Variables and rows as pyoxigraph reads them, converted back to `Term`s."""
    parsed = ox.parse_query_results(data, OX[fmt])
    assert isinstance(parsed, ox.QuerySolutions)
    names = [variable.value for variable in parsed.variables]
    rows = [
        {name: from_oxigraph(solution[name]) for name in names if solution[name] is not None}
        for solution in parsed
    ]
    return names, rows


def from_rdflib(term: rdflib.term.Identifier) -> Term:
    if isinstance(term, rdflib.URIRef):
        return IRI(str(term))
    if isinstance(term, rdflib.BNode):
        return BNode(str(term))
    assert isinstance(term, rdflib.Literal)
    datatype = str(term.datatype) if term.datatype is not None else None
    return Literal(str(term), datatype, term.language)


def rdflib_parse(data: bytes, fmt: str) -> Result:
    return Result.parse(io.BytesIO(data), format=fmt)


def rdflib_rows(result: Result) -> list[dict[str, Term]]:
    return [
        {str(var): from_rdflib(term) for var, term in binding.items() if term is not None}
        for binding in result.bindings
    ]


def xml_doc(data: bytes) -> ET.Element:
    """Parse with expat, a conforming XML parser (line-end normalisation included)."""
    return ET.fromstring(data)


def xml_rows(root: ET.Element) -> list[dict[str, Term]]:
    rows = []
    for result in root.iter(NS + "result"):
        row: dict[str, Term] = {}
        for binding in result:
            (node,) = list(binding)
            text = node.text or ""
            if node.tag == NS + "uri":
                row[binding.attrib["name"]] = IRI(text)
            elif node.tag == NS + "bnode":
                row[binding.attrib["name"]] = BNode(text)
            else:
                lang = node.attrib.get("{http://www.w3.org/XML/1998/namespace}lang")
                row[binding.attrib["name"]] = Literal(text, node.attrib.get("datatype"), lang)
        rows.append(row)
    return rows


def json_term(term: Term) -> dict[str, str]:
    if isinstance(term, IRI):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": term.id}
    if term.lang is not None:
        return {"type": "literal", "value": term.value, "xml:lang": term.lang}
    if term.datatype is not None:
        return {"type": "literal", "value": term.value, "datatype": term.datatype}
    return {"type": "literal", "value": term.value}


def solutions(variables: list[str], rows: list[dict[str, Term]]) -> ox.QuerySolutions:
    """`rows` as pyoxigraph solutions (read from a SPARQL JSON document)."""
    document = {"head": {"vars": variables}, "results": {"bindings": [
        {name: json_term(term) for name, term in row.items()} for row in rows]}}
    parsed = ox.parse_query_results(json.dumps(document).encode(), ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed


def write(fmt: str, variables: list[str], rows: list[dict[str, Term]],
          max_rows: int = 1000) -> bytes:
    """What the endpoint sends for these solutions in `fmt` (the query limited to
    max_rows + 1, as the executor limits it)."""
    body, count, truncated = write_solutions(solutions(variables, rows[:max_rows + 1]),
                                             media.RESULTS_NAMES[fmt], max_rows)
    assert count == min(len(rows), max_rows)
    assert truncated == (len(rows) > max_rows)
    return body


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def csv_value(term: Term) -> str:
    if isinstance(term, BNode):
        return "_:" + term.id
    return term.value


# --- terms -------------------------------------------------------------------------------


def test_literals_are_normalised() -> None:
    assert Literal("a", XSD_STRING) == Literal("a")
    assert Literal("a", XSD_STRING).datatype is None
    assert Literal("a", RDF_LANG_STRING, "ID-id") == Literal("a", lang="id-id")
    assert Literal("a", lang="EN-GB").lang == "en-gb"
    assert Literal("a").effective_datatype == XSD_STRING
    assert Literal("a", lang="id").effective_datatype == RDF_LANG_STRING
    assert Literal("1", XSD + "integer").effective_datatype == XSD + "integer"
    assert Literal("1", XSD + "integer") != Literal("1")


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda: IRI("relative/path"), ValueError),
        (lambda: IRI("http://example.org/a b"), ValueError),
        (lambda: IRI("http://example.org/<x>"), ValueError),
        (lambda: IRI("http://example.org/\n"), ValueError),
        (lambda: IRI(42), TypeError),
        (lambda: BNode(""), ValueError),
        (lambda: BNode("a b"), ValueError),
        (lambda: BNode("ends."), ValueError),
        (lambda: BNode("-x"), ValueError),
        (lambda: Literal(1), TypeError),
        (lambda: Literal("a", lang=""), ValueError),
        (lambda: Literal("a", lang="en_GB"), ValueError),
        (lambda: Literal("a", lang="en-"), ValueError),
        (lambda: Literal("a", XSD + "integer", "en"), ValueError),
        (lambda: Literal("a", RDF_LANG_STRING), ValueError),
        (lambda: Literal("a", "integer"), ValueError),
    ],
)
def test_terms_reject_invalid_values(make: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        make()  # type: ignore[operator]


def test_valid_blank_node_labels() -> None:
    for label in ("b0", "0abc", "_x", "a.b", "a-b", "Kota·Cerdas", "é"):
        assert BNode(label).id == label


def test_terms_are_frozen_hashable_and_picklable() -> None:
    terms = [IRI("http://example.org/"), BNode("b1"), Literal("Halo", lang="id"), *ROWS[0].values()]
    assert pickle.loads(pickle.dumps(terms)) == terms
    assert len(set(terms + terms)) == len(terms)
    with pytest.raises(AttributeError):
        terms[0].value = "http://other.example/"  # type: ignore[misc]


@pytest.mark.parametrize(
    "term",
    [
        ox.NamedNode("https://w3id.org/kotacerdas/region/3171"),
        ox.BlankNode("b0"),
        ox.Literal("plain"),
        ox.Literal("Halo", language="id"),
        ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("x", datatype=ox.NamedNode("http://example.org/dt")),
        ox.Literal("tab\tnl\ncr\r😀"),
    ],
)
def test_oxigraph_round_trip(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
    ours = from_oxigraph(term)
    assert to_oxigraph(ours) == term
    assert from_oxigraph(to_oxigraph(ours)) == ours


def test_from_oxigraph_kinds() -> None:
    assert from_oxigraph(ox.Literal("a")) == Literal("a")
    assert from_oxigraph(ox.Literal("a", language="EN")) == Literal("a", lang="en")
    assert from_oxigraph(ox.Literal(7)) == Literal("7", XSD + "integer")


def test_from_oxigraph_refuses_what_it_does_not_model() -> None:
    iri = ox.NamedNode("http://example.org/s")
    with pytest.raises(ValueError, match="triple"):
        from_oxigraph(ox.Triple(iri, iri, iri))
    with pytest.raises(ValueError, match="directional"):
        from_oxigraph(ox.Literal("a", language="ar", direction=ox.BaseDirection.RTL))
    for not_a_term in (ox.Variable("x"), ox.DefaultGraph(), None, "http://example.org/s"):
        with pytest.raises(TypeError):
            from_oxigraph(not_a_term)
    with pytest.raises(TypeError):
        to_oxigraph("http://example.org/s")  # type: ignore[arg-type]


# --- every format: round trips -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_round_trips_through_oxigraph(fmt: str) -> None:
    assert ox_parse(write(fmt, VARIABLES, ROWS), fmt) == (VARIABLES, ROWS)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_round_trips_through_rdflib(fmt: str) -> None:
    parsed = rdflib_parse(write(fmt, VARIABLES, ROWS), fmt)
    assert parsed.type == "SELECT"
    assert [str(var) for var in parsed.vars] == VARIABLES
    assert rdflib_rows(parsed) == ROWS


def test_xml_round_trips_through_expat() -> None:
    """A conforming XML parser turns a raw CR into a line feed: CRs are written &#13;."""
    data = write("xml", VARIABLES, ROWS)
    assert b"\r" not in data
    root = xml_doc(data)
    assert [v.attrib["name"] for v in root.iter(NS + "variable")] == VARIABLES
    assert xml_rows(root) == ROWS


def test_csv_round_trips_through_python_csv() -> None:
    rows = csv_rows(write("csv", VARIABLES, ROWS))
    assert rows[0] == VARIABLES
    assert rows[1:] == [[csv_value(row[name]) if name in row else "" for name in VARIABLES]
                        for row in ROWS]


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_results(fmt: str) -> None:
    data = write(fmt, ["x", "y"], [])
    if fmt == "csv":
        assert csv_rows(data) == [["x", "y"]]
    else:
        assert ox_parse(data, fmt) == (["x", "y"], [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_variables_one_empty_solution(fmt: str) -> None:
    data = write(fmt, [], [{}])
    if fmt != "csv":
        assert ox_parse(data, fmt) == ([], [{}])


def test_csv_one_column_empty_field_is_not_a_blank_line() -> None:
    rows = [{"x": Literal("a")}, {}, {"x": Literal("line\r\n\r\nbreaks")}, {}]
    data = write("csv", ["x"], rows)
    assert data == b'x\r\na\r\n""\r\n"line\r\n\r\nbreaks"\r\n""\r\n'
    assert csv_rows(data) == [["x"], ["a"], [""], ["line\r\n\r\nbreaks"], [""]]


def test_tsv_every_row_is_one_line_with_all_fields() -> None:
    lines = write("tsv", VARIABLES, ROWS).decode().split("\n")
    assert lines[-1] == ""
    assert len(lines) == len(ROWS) + 2
    assert all(line.count("\t") == len(VARIABLES) - 1 for line in lines[:-1])


def test_json_keeps_the_terms_as_the_spec_says() -> None:
    bindings = json.loads(write("json", VARIABLES, ROWS))["results"]["bindings"]
    assert bindings[0]["label"] == {"type": "literal", "value": "Kota Administrasi Jakarta "
                                    "Selatan", "xml:lang": "id"}
    assert bindings[0]["note"] == {"type": "literal", "value": "plain"}  # no xsd:string
    assert bindings[4] == {}


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\ufffe", "\uffff"])
def test_xml_refuses_characters_xml_cannot_carry(char: str) -> None:
    with pytest.raises(UnrepresentableError):
        write("xml", ["x"], [{"x": Literal(f"bell{char}")}])
    assert json.loads(write("json", ["x"], [{"x": Literal(f"a{char}")}]))  # JSON carries it


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
@pytest.mark.parametrize("term", ["TRIPLE(<http://e/a>, <http://e/b>, <http://e/c>)",
                                  'STRLANGDIR("a", "en", "ltr")'])
def test_rdf_12_terms_are_refused(fmt: str, term: str) -> None:
    found = ox.Store().query(f"SELECT ?t WHERE {{ BIND ({term} AS ?t) }}")
    assert isinstance(found, ox.QuerySolutions)
    with pytest.raises(UnsupportedTermError):
        write_solutions(found, media.RESULTS_NAMES[fmt], 10)


# --- the row limit -------------------------------------------------------------------------

# Values that look like the boundaries the writers' counting and cutting look for.
TRAPS: list[dict[str, Term]] = [
    {"x": Literal('},{"x":{"type":"uri"}},{'), "y": IRI("http://e/1")},
    {"x": Literal("{}"), "y": Literal('ends in a brace {')},
    {"x": Literal("<result><binding name=\"x\">"), "y": Literal("a\r\nb,\"c\"\r\n")},
    {"x": Literal('back\\slash\\" quote'), "y": Literal("{\",")},
    {},
    {"x": Literal("\\"), "y": Literal('"\r\n"')},
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("max_rows", range(1, len(TRAPS) + 1))
def test_the_row_limit_cuts_exactly(fmt: str, max_rows: int) -> None:
    data = write(fmt, ["x", "y"], TRAPS, max_rows)  # count and truncated checked there
    kept = TRAPS[:max_rows]
    if fmt == "csv":
        assert csv_rows(data)[1:] == [[csv_value(row[n]) if n in row else "" for n in "xy"]
                                      for row in kept]
    else:
        assert ox_parse(data, fmt) == (["x", "y"], kept)


def test_truncation_is_stated_in_json_before_the_results() -> None:
    data = write("json", VARIABLES, ROWS, max_rows=2)
    assert data.index(b'"kotacerdas":{"truncated":true}') < data.index(b'"results"')
    assert json.loads(data)["kotacerdas"] == {"truncated": True}
    assert ox_parse(data, "json") == (VARIABLES, ROWS[:2])  # pyoxigraph still reads it
    assert b'"kotacerdas":' not in write("json", VARIABLES, ROWS)


# --- ASK ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [True, False])
def test_ask_json(value: bool) -> None:
    data = write_ask("json", value)
    assert json.loads(data) == {"head": {}, "boolean": value}
    assert bool(ox.parse_query_results(data, ox.QueryResultsFormat.JSON)) is value
    assert rdflib_parse(data, "json").askAnswer is value


@pytest.mark.parametrize("value", [True, False])
def test_ask_xml(value: bool) -> None:
    data = write_ask(media.SPARQL_XML, value)
    head, boolean = list(xml_doc(data))
    assert head.tag == NS + "head"
    assert boolean.text == ("true" if value else "false")
    assert bool(ox.parse_query_results(data, ox.QueryResultsFormat.XML)) is value
    assert rdflib_parse(data, "xml").askAnswer is value


@pytest.mark.parametrize("value", [True, False])
def test_ask_csv(value: bool) -> None:
    word = "true" if value else "false"
    assert write_ask("csv", value) == f"_askResult\r\n{word}\r\n".encode()
    parsed = rdflib_parse(write_ask("csv", value), "csv")
    assert [str(v) for v in parsed.vars] == [ASK_VARIABLE]
    assert [str(row[0]) for row in parsed] == [word]


@pytest.mark.parametrize("value", [True, False])
def test_ask_tsv(value: bool) -> None:
    word = "true" if value else "false"
    assert write_ask("tsv", value) == f"?_askResult\n{word}\n".encode()
    boolean = Literal(word, XSD + "boolean")
    assert ox_parse(write_ask("tsv", value), "tsv") == ([ASK_VARIABLE], [{ASK_VARIABLE: boolean}])


@pytest.mark.parametrize("name", ["text/html", "ttl", ""])
def test_ask_refuses_other_formats(name: str) -> None:
    with pytest.raises(ValueError, match="not a SPARQL results format"):
        write_ask(name, True)


# --- real query results ------------------------------------------------------------------


def test_oxigraph_store_results_survive_every_format() -> None:
    store = ox.Store()
    store.load(
        input=(
            '<http://e/a> <http://e/p> "Kota"@id , "1"^^<http://www.w3.org/2001/XMLSchema#int> , '
            '_:b , "x\\ty" .'
        ),
        format=ox.RdfFormat.TURTLE,
    )
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o"
    found = store.query(query)
    assert isinstance(found, ox.QuerySolutions)
    expected = [{"s": from_oxigraph(s["s"]), "o": from_oxigraph(s["o"])} for s in found]
    for fmt in ("json", "xml", "tsv"):
        again = store.query(query)
        assert isinstance(again, ox.QuerySolutions)
        body, count, truncated = write_solutions(again, media.RESULTS_NAMES[fmt], 10)
        assert (count, truncated) == (4, False)
        names, rows = ox_parse(body, fmt)
        assert names == ["s", "o"]
        assert len(rows) == len(expected)
        assert [r for r in rows if not isinstance(r["o"], BNode)] == [
            r for r in expected if not isinstance(r["o"], BNode)]
