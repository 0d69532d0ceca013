"""The term model and the SPARQL results writers, checked against independent parsers.

pyoxigraph reads JSON, XML and TSV results back into terms (it refuses CSV as lossy); rdflib
reads all four; Python's expat (xml.etree) and csv modules check XML and CSV syntax strictly.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result

from kotacerdas.server.results import (
    ASK_VARIABLE,
    CONTENT_TYPES,
    MEDIA_TYPES,
    UnrepresentableError,
    ask_csv,
    ask_json,
    ask_tsv,
    ask_xml,
    csv_value,
    select_csv,
    select_json,
    select_tsv,
    select_xml,
    tsv_term,
    write_ask,
    write_select,
)
from kotacerdas.server.terms import (
    IRI,
    RDF_LANG_STRING,
    XSD,
    XSD_STRING,
    BNode,
    Literal,
    Term,
    from_oxigraph,
    to_oxigraph,
)

NS = "{http://www.w3.org/2005/sparql-results#}"
OX = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
}
WRITERS = {"json": select_json, "xml": select_xml, "csv": select_csv, "tsv": select_tsv}
ASK_WRITERS = {"json": ask_json, "xml": ask_xml, "csv": ask_csv, "tsv": ask_tsv}

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


def generated(rows: list[dict[str, Term]]) -> Iterator[dict[str, Term]]:
    yield from rows


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
    data = WRITERS[fmt](VARIABLES, ROWS)
    assert ox_parse(data, fmt) == (VARIABLES, ROWS)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_round_trips_through_rdflib(fmt: str) -> None:
    parsed = rdflib_parse(WRITERS[fmt](VARIABLES, ROWS), fmt)
    assert parsed.type == "SELECT"
    assert [str(var) for var in parsed.vars] == VARIABLES
    assert rdflib_rows(parsed) == ROWS


def test_one_column_tsv_unbound_row_is_an_empty_line() -> None:
    # The spec makes an unbound one-column row an empty line; pyoxigraph reads it back,
    # rdflib's TSV reader skips it (a known loss on its side, nothing a writer can do).
    data = select_tsv(["x"], [{"x": IRI("http://a.example/")}, {}, {"x": BNode("b")}])
    assert data == b"?x\n<http://a.example/>\n\n_:b\n"
    assert ox_parse(data, "tsv")[1] == [{"x": IRI("http://a.example/")}, {}, {"x": BNode("b")}]
    assert rdflib_rows(rdflib_parse(data, "tsv")) == [
        {"x": IRI("http://a.example/")},
        {"x": BNode("b")},
    ]


def test_xml_round_trips_through_expat() -> None:
    root = xml_doc(select_xml(VARIABLES, ROWS))
    assert root.tag == NS + "sparql"
    head, results = list(root)
    assert [v.attrib["name"] for v in head.iter(NS + "variable")] == VARIABLES
    assert results.tag == NS + "results"
    assert xml_rows(root) == ROWS


def test_csv_round_trips_through_python_csv() -> None:
    data = select_csv(VARIABLES, ROWS)
    table = list(csv.reader(io.StringIO(data.decode(), newline="")))
    assert table[0] == VARIABLES
    expected = [[csv_value(row[n]) if n in row else "" for n in VARIABLES] for row in ROWS]
    assert table[1:] == expected


def test_csv_through_rdflib() -> None:
    parsed = rdflib_parse(select_csv(VARIABLES, ROWS), "csv")
    assert [str(var) for var in parsed.vars] == VARIABLES
    # CSV is lossy: rdflib guesses IRIs from "http", keeps "_:" in blank node ids, reads
    # every other value as a plain literal, and reads empty fields as unbound.
    got = [{str(k): str(v) for k, v in b.items() if v is not None} for b in parsed.bindings]
    want = [{k: csv_value(v) for k, v in row.items() if csv_value(v) != ""} for row in ROWS]
    assert got == want


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rows_may_be_a_generator_and_none_is_unbound(fmt: str) -> None:
    rows_with_none = [{**row, **{n: None for n in VARIABLES if n not in row}} for row in ROWS]
    assert WRITERS[fmt](VARIABLES, generated(rows_with_none)) == WRITERS[fmt](VARIABLES, ROWS)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_empty_results(fmt: str) -> None:
    data = WRITERS[fmt](["x", "y"], [])
    assert ox_parse(data, fmt) == (["x", "y"], [])
    parsed = rdflib_parse(data, fmt)
    assert [str(v) for v in parsed.vars] == ["x", "y"]
    assert list(parsed) == []


def test_empty_results_exact_text() -> None:
    assert select_csv(["x", "y"], []) == b"x,y\r\n"
    assert select_tsv(["x", "y"], []) == b"?x\t?y\n"
    assert json.loads(select_json(["x", "y"], [])) == {
        "head": {"vars": ["x", "y"]},
        "results": {"bindings": []},
    }
    root = xml_doc(select_xml(["x", "y"], []))
    assert list(root.find(NS + "results")) == []  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_no_variables_one_empty_solution(fmt: str) -> None:
    # What `SELECT * {}` answers: one solution that binds nothing.
    assert ox_parse(WRITERS[fmt]([], [{}]), fmt) == ([], [{}])


def test_no_variables_csv() -> None:
    assert select_csv([], [{}, {}]) == b"\r\n\r\n\r\n"


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_same_label_same_blank_node(fmt: str) -> None:
    rows = [{"x": BNode("b0")}, {"x": BNode("b0")}, {"x": BNode("b1")}]
    _, parsed = ox_parse(WRITERS[fmt](["x"], rows), fmt)
    assert parsed[0] == parsed[1] != parsed[2]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_output_is_utf8(fmt: str) -> None:
    data = WRITERS[fmt](["x"], [{"x": Literal("Bhinneka Tunggal Ika — 🇮🇩 ñ")}])
    assert "Bhinneka Tunggal Ika — 🇮🇩 ñ".encode() in data


# --- JSON --------------------------------------------------------------------------------


def test_json_term_encoding() -> None:
    doc = json.loads(select_json(VARIABLES, ROWS))
    assert doc["head"] == {"vars": VARIABLES}
    first, second, *_ = doc["results"]["bindings"]
    assert first == {
        "s": {"type": "uri", "value": "https://w3id.org/kotacerdas/region/3171"},
        "label": {
            "type": "literal",
            "value": "Kota Administrasi Jakarta Selatan",
            "xml:lang": "id",
        },
        "value": {"type": "literal", "value": "42", "datatype": XSD + "integer"},
        "note": {"type": "literal", "value": "plain"},  # a simple literal has no datatype
    }
    assert second["s"] == {"type": "bnode", "value": "b0"}
    assert "note" not in second  # unbound: absent
    assert doc["results"]["bindings"][4] == {}


def test_json_links_and_truncated() -> None:
    data = select_json(["x"], [{"x": IRI("http://example.org/")}], links=["http://l/1"])
    assert json.loads(data)["head"] == {"vars": ["x"], "link": ["http://l/1"]}
    assert "kotacerdas" not in json.loads(data)

    data = select_json(VARIABLES, ROWS, truncated=True)
    doc = json.loads(data)
    assert doc["kotacerdas"] == {"truncated": True}
    assert list(doc) == ["head", "kotacerdas", "results"]  # before "results": see below
    # pyoxigraph's streaming parser refuses any member after "results"; before it is fine.
    assert ox_parse(data, "json") == (VARIABLES, ROWS)
    assert rdflib_rows(rdflib_parse(data, "json")) == ROWS


def test_oxigraph_json_reader_refuses_members_after_results() -> None:
    # Why the writer puts "kotacerdas" before "results".
    doc = b'{"head":{"vars":[]},"results":{"bindings":[]},"kotacerdas":{"truncated":true}}'
    with pytest.raises(SyntaxError):
        list(ox.parse_query_results(doc, ox.QueryResultsFormat.JSON))


@pytest.mark.parametrize("value", [True, False])
def test_ask_json(value: bool) -> None:
    assert json.loads(ask_json(value)) == {"head": {}, "boolean": value}
    assert json.loads(ask_json(value, links=["http://l/"])) == {
        "head": {"link": ["http://l/"]},
        "boolean": value,
    }
    truncated = ask_json(value, truncated=True)
    assert json.loads(truncated) == {
        "head": {},
        "kotacerdas": {"truncated": True},
        "boolean": value,
    }
    for data in (ask_json(value), truncated):
        assert bool(ox.parse_query_results(data, ox.QueryResultsFormat.JSON)) is value
        parsed = rdflib_parse(data, "json")
        assert parsed.type == "ASK"
        assert parsed.askAnswer is value


# --- XML ---------------------------------------------------------------------------------


def test_xml_document_shape() -> None:
    data = select_xml(["x", "y"], [{"y": Literal("1", XSD + "integer")}], links=["meta?a=1&b=2"])
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = xml_doc(data)
    assert root.tag == NS + "sparql"
    head, _ = list(root)
    assert [(e.tag, e.attrib) for e in head] == [
        (NS + "variable", {"name": "x"}),
        (NS + "variable", {"name": "y"}),
        (NS + "link", {"href": "meta?a=1&b=2"}),  # links after variables
    ]
    assert xml_rows(root) == [{"y": Literal("1", XSD + "integer")}]
    assert b"truncated" not in select_xml(["x"], [], truncated=True)


def test_xml_escapes_carriage_returns_and_markup() -> None:
    text = "a\rb\r\nc & <d> \"e\" 'f' ]]> \tg"
    data = select_xml(["x"], [{"x": Literal(text)}])
    assert b"\r" not in data
    assert b"&#13;" in data
    assert b"<d>" not in data
    # A conforming parser turns raw CR and CRLF into LF: only &#13; keeps them.
    assert xml_rows(xml_doc(data)) == [{"x": Literal(text)}]
    assert rdflib_rows(rdflib_parse(data, "xml")) == [{"x": Literal(text)}]
    assert ox_parse(data, "xml")[1] == [{"x": Literal(text)}]


def test_xml_escapes_attribute_values() -> None:
    data = select_xml(
        ["x"], [{"x": Literal("v", "http://example.org/dt?a=1&b='2'")}], links=['x"\t\n\ry']
    )
    root = xml_doc(data)
    assert root.find(f"{NS}head/{NS}link").attrib["href"] == 'x"\t\n\ry'  # type: ignore[union-attr]
    assert xml_rows(root) == [{"x": Literal("v", "http://example.org/dt?a=1&b='2'")}]


@pytest.mark.parametrize(
    "text", [" a ", "a\n", "\t\n x \n\t", " ", "\n", "x \r", " \r x", " \r ", " & ", "a  b", ""]
)
def test_xml_keeps_whitespace_at_the_ends(text: str) -> None:
    data = select_xml(["x"], [{"x": Literal(text)}])
    assert xml_rows(xml_doc(data)) == [{"x": Literal(text)}]
    assert ox_parse(data, "xml")[1] == [{"x": Literal(text)}]
    assert rdflib_rows(rdflib_parse(data, "xml")) == [{"x": Literal(text)}]


def test_oxigraph_xml_reader_trims_raw_whitespace() -> None:
    # Why the writer turns whitespace at the ends of a value into character references.
    doc = (
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="x"/>'
        '</head><results><result><binding name="x"><literal> a\n</literal></binding>'
        "</result></results></sparql>"
    )
    (solution,) = ox.parse_query_results(doc, ox.QueryResultsFormat.XML)
    assert solution["x"].value == "a"


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\ufffe"])
def test_xml_refuses_characters_xml_cannot_carry(char: str) -> None:
    with pytest.raises(UnrepresentableError):
        select_xml(["x"], [{"x": Literal(f"a{char}b")}])
    assert issubclass(UnrepresentableError, ValueError)


@pytest.mark.parametrize("value", [True, False])
def test_ask_xml(value: bool) -> None:
    for data in (ask_xml(value), ask_xml(value, links=["http://l/"], truncated=True)):
        root = xml_doc(data)
        head, boolean = list(root)
        assert head.tag == NS + "head"
        assert head.find(NS + "variable") is None
        assert boolean.tag == NS + "boolean"
        assert boolean.text == ("true" if value else "false")
        assert bool(ox.parse_query_results(data, ox.QueryResultsFormat.XML)) is value
        assert rdflib_parse(data, "xml").askAnswer is value
    assert b'<link href="http://l/"/>' in ask_xml(value, links=["http://l/"])


# --- CSV ---------------------------------------------------------------------------------

SPEC_ROWS: list[dict[str, Term]] = [
    {"x": IRI("http://example/x"), "literal": Literal("String")},
    {"x": IRI("http://example/x"), "literal": Literal('String-with-dquote"')},
    {"x": BNode("b0"), "literal": Literal("Blank node")},
    {"literal": Literal("Missing 'x'")},
    {},
    {"x": IRI("http://example/x")},
    {"x": BNode("b1"), "literal": Literal("String-with-lang", lang="en")},
    {"x": BNode("b1"), "literal": Literal("123", XSD + "integer")},
]


def test_csv_matches_the_spec_example() -> None:
    # SPARQL 1.1 Query Results CSV and TSV Formats, section 3.3.
    expected = (
        "x,literal\r\n"
        "http://example/x,String\r\n"
        'http://example/x,"String-with-dquote"""\r\n'
        "_:b0,Blank node\r\n"
        ",Missing 'x'\r\n"
        ",\r\n"
        "http://example/x,\r\n"
        "_:b1,String-with-lang\r\n"
        "_:b1,123\r\n"
    )
    assert select_csv(["x", "literal"], SPEC_ROWS) == expected.encode()


@pytest.mark.parametrize(
    ("term", "field"),
    [
        (Literal("plain"), "plain"),
        (Literal("a,b"), '"a,b"'),
        (Literal('say "hi"'), '"say ""hi"""'),
        (Literal("two\nlines"), '"two\nlines"'),
        (Literal("cr\rhere"), '"cr\rhere"'),
        (Literal("tab\there"), "tab\there"),  # tabs need no quoting in CSV
        (Literal("Halo", lang="id"), "Halo"),
        (Literal("1.5E3", XSD + "double"), "1.5E3"),
        (IRI("http://example.org/a,b"), '"http://example.org/a,b"'),
        (BNode("b9"), "_:b9"),
    ],
)
def test_csv_fields(term: Term, field: str) -> None:
    assert (
        select_csv(["x", "y"], [{"x": term, "y": Literal("z")}]) == f"x,y\r\n{field},z\r\n".encode()
    )


def test_csv_one_column_empty_field_is_not_a_blank_line() -> None:
    data = select_csv(["x"], [{"x": Literal("a")}, {}, {"x": Literal("")}, {"x": Literal("b")}])
    assert data == b'x\r\na\r\n""\r\n""\r\nb\r\n'
    assert list(csv.reader(io.StringIO(data.decode(), newline=""))) == [
        ["x"],
        ["a"],
        [""],
        [""],
        ["b"],
    ]


@pytest.mark.parametrize("value", [True, False])
def test_ask_csv(value: bool) -> None:
    word = "true" if value else "false"
    assert ask_csv(value) == f"_askResult\r\n{word}\r\n".encode()
    assert ask_csv(value, links=["http://l/"], truncated=True) == ask_csv(value)
    parsed = rdflib_parse(ask_csv(value), "csv")
    assert [str(v) for v in parsed.vars] == [ASK_VARIABLE]
    assert [str(row[0]) for row in parsed] == [word]


# --- TSV ---------------------------------------------------------------------------------


def test_tsv_matches_the_spec_example() -> None:
    # SPARQL 1.1 Query Results CSV and TSV Formats, section 4.3 (<TAB> is a tab).
    rows = [
        {**row, "x": BNode(row["x"].id.replace("b", "blank"))}
        if isinstance(row.get("x"), BNode)
        else row
        for row in SPEC_ROWS
    ]
    expected = (
        "?x\t?literal\n"
        '<http://example/x>\t"String"\n'
        '<http://example/x>\t"String-with-dquote\\""\n'
        '_:blank0\t"Blank node"\n'
        "\t\"Missing 'x'\"\n"
        "\t\n"
        "<http://example/x>\t\n"
        '_:blank1\t"String-with-lang"@en\n'
        "_:blank1\t123\n"
    )
    assert select_tsv(["x", "literal"], rows) == expected.encode()


@pytest.mark.parametrize(
    ("term", "text"),
    [
        (IRI("http://example.org/a?b=c&d#e"), "<http://example.org/a?b=c&d#e>"),
        (
            IRI("https://id.wikipedia.org/wiki/Kota_Tangerang_Selatan_é"),
            "<https://id.wikipedia.org/wiki/Kota_Tangerang_Selatan_é>",
        ),
        (BNode("b0"), "_:b0"),
        (Literal("plain"), '"plain"'),
        (Literal("Halo", lang="id"), '"Halo"@id'),
        (Literal("x", "http://example.org/dt"), '"x"^^<http://example.org/dt>'),
        (Literal("tab\tnl\ncr\r", lang="en"), '"tab\\tnl\\ncr\\r"@en'),
        (Literal('q"b\\'), '"q\\"b\\\\"'),
        (Literal("single ' quote"), '"single \' quote"'),
        (Literal("bs\bff\f"), '"bs\\bff\\f"'),
        (
            Literal("nul\x00vt\x0bfs\x1cdel\x7fnel\x85ls\u2028ps\u2029"),
            '"nul\\u0000vt\\u000Bfs\\u001Cdel\\u007Fnel\\u0085ls\\u2028ps\\u2029"',
        ),
        (Literal("émoji 😀 kota"), '"émoji 😀 kota"'),
        # Abbreviated numbers (the spec's SHOULD), only when the lexical form is Turtle's.
        (Literal("42", XSD + "integer"), "42"),
        (Literal("-7", XSD + "integer"), "-7"),
        (Literal("+7", XSD + "integer"), "+7"),
        (Literal("3.14", XSD + "decimal"), "3.14"),
        (Literal(".5", XSD + "decimal"), ".5"),
        (Literal("1.5E3", XSD + "double"), "1.5E3"),
        (Literal("1e-3", XSD + "double"), "1e-3"),
        (Literal("true", XSD + "boolean"), "true"),
        (Literal("false", XSD + "boolean"), "false"),
        (Literal("1.", XSD + "decimal"), f'"1."^^<{XSD}decimal>'),
        (Literal("1.0", XSD + "double"), f'"1.0"^^<{XSD}double>'),  # bare would be a decimal
        (Literal("INF", XSD + "double"), f'"INF"^^<{XSD}double>'),
        (Literal("NaN", XSD + "double"), f'"NaN"^^<{XSD}double>'),
        (Literal("1", XSD + "boolean"), f'"1"^^<{XSD}boolean>'),
        (Literal("١٢", XSD + "integer"), f'"١٢"^^<{XSD}integer>'),  # not ASCII digits
        (Literal("42", XSD + "int"), f'"42"^^<{XSD}int>'),
        (Literal("42\n", XSD + "integer"), f'"42\\n"^^<{XSD}integer>'),
    ],
)
def test_tsv_terms(term: Term, text: str) -> None:
    assert tsv_term(term) == text
    data = select_tsv(["x", "y"], [{"x": term, "y": Literal("z")}])
    assert data == f'?x\t?y\n{text}\t"z"\n'.encode()
    assert len(data.decode().splitlines()) == 2  # no value spans a line, for any splitter
    # pyoxigraph keeps lexical forms, so every term comes back exactly.
    assert ox_parse(data, "tsv") == (["x", "y"], [{"x": term, "y": Literal("z")}])


def test_tsv_every_row_is_one_line_with_all_fields() -> None:
    data = select_tsv(VARIABLES, ROWS).decode()
    lines = data.split("\n")
    assert lines[-1] == ""
    assert lines[0] == "?s\t?label\t?value\t?note"
    assert len(lines) == len(ROWS) + 2
    assert all(line.count("\t") == len(VARIABLES) - 1 for line in lines[:-1])
    assert data.splitlines() == lines[:-1]


def test_tsv_numbers_through_rdflib() -> None:
    # rdflib reads bare numbers as Python numbers, so compare values, not lexical forms.
    rows = [{"x": Literal("1.5E3", XSD + "double")}, {"x": Literal(".5", XSD + "decimal")}]
    parsed = rdflib_parse(select_tsv(["x"], rows), "tsv")
    assert [row[0].toPython() for row in parsed] == [1500.0, 0.5]
    assert [str(row[0].datatype) for row in parsed] == [XSD + "double", XSD + "decimal"]


@pytest.mark.parametrize("value", [True, False])
def test_ask_tsv(value: bool) -> None:
    word = "true" if value else "false"
    assert ask_tsv(value) == f"?_askResult\n{word}\n".encode()
    assert ask_tsv(value, links=["http://l/"], truncated=True) == ask_tsv(value)
    # Readers see a one-column table holding a Turtle boolean.
    boolean = Literal(word, XSD + "boolean")
    assert ox_parse(ask_tsv(value), "tsv") == ([ASK_VARIABLE], [{ASK_VARIABLE: boolean}])
    assert rdflib_rows(rdflib_parse(ask_tsv(value), "tsv")) == [{ASK_VARIABLE: boolean}]


# --- real query results ------------------------------------------------------------------


def test_oxigraph_store_results_survive_every_format() -> None:
    store = ox.Store()
    store.load(
        input=(
            "@prefix ex: <http://example.org/> .\n"
            'ex:jaksel ex:name "Jakarta Selatan"@id , "South Jakarta"@en ;\n'
            '  ex:note "baris satu\\r\\nbaris dua\\tkolom, \\"kutip\\" & <tag>" ;\n'
            "  ex:population 2226812 ; ex:area 141.27 ; ex:score 7.5e0 ;\n"
            '  ex:founded "1966-03-23"^^<http://www.w3.org/2001/XMLSchema#date> ;\n'
            '  ex:part [ ex:name "Kebayoran Baru" ] .\n'
        ),
        format=ox.RdfFormat.TURTLE,
    )
    solutions = store.query("SELECT ?s ?p ?o ?missing WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o")
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    expected = [
        {n: from_oxigraph(sol[n]) for n in names if sol[n] is not None} for sol in solutions
    ]
    assert len(expected) == 9
    for fmt in ("json", "xml", "tsv"):
        assert ox_parse(write_select(fmt, names, expected), fmt) == (names, expected)
    for fmt in ("json", "xml"):
        assert rdflib_rows(rdflib_parse(write_select(fmt, names, expected), fmt)) == expected


# --- dispatch and validation -------------------------------------------------------------


def test_media_types() -> None:
    assert MEDIA_TYPES == {
        "json": "application/sparql-results+json",
        "xml": "application/sparql-results+xml",
        "csv": "text/csv",
        "tsv": "text/tab-separated-values",
    }
    assert CONTENT_TYPES["text/csv"] == "text/csv; charset=utf-8"
    assert set(CONTENT_TYPES) == set(MEDIA_TYPES.values())
    assert all(value.endswith("; charset=utf-8") for value in CONTENT_TYPES.values())


@pytest.mark.parametrize("short", ["json", "xml", "csv", "tsv"])
def test_dispatch(short: str) -> None:
    media_type = MEDIA_TYPES[short]
    for name in (short, short.upper(), media_type, CONTENT_TYPES[media_type]):
        assert write_select(name, VARIABLES, ROWS) == WRITERS[short](VARIABLES, ROWS)
        assert write_ask(name, True, links=["http://l/"]) == ASK_WRITERS[short](
            True, links=["http://l/"]
        )
    assert write_select(short, ["x"], [], truncated=True) == WRITERS[short](
        ["x"], [], truncated=True
    )


@pytest.mark.parametrize("name", ["text/turtle", "application/json", "html", ""])
def test_dispatch_refuses_other_formats(name: str) -> None:
    with pytest.raises(ValueError, match="not a SPARQL results format"):
        write_select(name, ["x"], [])
    with pytest.raises(ValueError, match="not a SPARQL results format"):
        write_ask(name, True)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_writers_validate_their_input(fmt: str) -> None:
    write = WRITERS[fmt]
    for bad in (["?x"], ["a b"], ["x", "x"], [""], ["x,y"], ["x\ty"], ["-x"]):
        with pytest.raises(ValueError, match="variable"):
            write(bad, [])
    with pytest.raises(ValueError, match="undeclared"):
        write(["x"], [{"y": IRI("http://example.org/")}])
    with pytest.raises(TypeError):
        write(["x"], [{"x": "http://example.org/"}])
    with pytest.raises(TypeError):
        write(["x"], [], links=[42])
    # Unicode variable names are fine.
    assert write(["kota_ñ", "名前", "_x1"], []) == write(["kota_ñ", "名前", "_x1"], [])
