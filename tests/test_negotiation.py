"""Content negotiation: Accept parsing, q-values, wildcards, the format parameter, HTML."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from kotacerdas.server.negotiation import (
    DEFAULTS,
    HTML,
    Choice,
    MediaRange,
    best_match,
    choose,
    content_type,
    format_values,
    offered,
    parse_accept,
)

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NT = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"

FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CHROME = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
    "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
)
JENA = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.7, text/csv;q=0.5, application/json;q=0.2, "
    "application/xml;q=0.2, */*;q=0.1"
)
JAVA = "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2"


def media(form: str, accept: str | None = None, fmt: str | None = None) -> str | None:
    return choose(form, accept, fmt).media_type


# --- parsing -----------------------------------------------------------------------------


def test_parse_accept() -> None:
    assert parse_accept(
        'text/CSV;level="a,b;c\\"d";Q=0.5;ext="x,y", */*;q=0, Application/JSON'
    ) == [
        MediaRange("text", "csv", 0.5, True),
        MediaRange("*", "*", 0.0, False),
        MediaRange("application", "json", 1.0, False),
    ]


@pytest.mark.parametrize(
    ("header", "ranges"),
    [
        (None, []),
        ("", []),
        (" , ,", []),
        ("text", []),
        ("*/csv", []),
        ("text/csv/x", []),
        ("text/csv;q=abc", []),
        ("text/csv;q=nan", []),
        ("text/csv;q=", []),
        ("*", [MediaRange("*", "*", 1.0, False)]),
        ("text/csv;q=1.5", [MediaRange("text", "csv", 1.0, False)]),
        ("text/csv;q=-1", [MediaRange("text", "csv", 0.0, False)]),
        ("text/csv;q=.2", [MediaRange("text", "csv", 0.2, False)]),
        ("text/csv ; q=0.3 ; ext=1", [MediaRange("text", "csv", 0.3, False)]),
        ("text/csv;charset=utf-8;q=0.3", [MediaRange("text", "csv", 0.3, True)]),
        ("text/csv, junk, text/*;q=0.1", [MediaRange("text", "csv", 1, False),
                                          MediaRange("text", "*", 0.1, False)]),
    ],
)  # fmt: skip
def test_parse_accept_edge_cases(header: str | None, ranges: list[MediaRange]) -> None:
    assert parse_accept(header) == ranges


def test_media_range_specificity() -> None:
    assert [r.specificity for r in parse_accept("*/*, text/*, text/csv")] == [0, 1, 2]


# --- best_match --------------------------------------------------------------------------

OFFERS = [JSON, XML, CSV, TSV]


@pytest.mark.parametrize(
    ("header", "best"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("garbage", JSON),  # no valid range at all: as if there were no header
        (CSV, CSV),
        ("TEXT/CSV", CSV),
        ("text/csv;charset=utf-8", CSV),  # parameters do not restrict matching
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1", XML),
        ("text/csv;q=0.9, text/tab-separated-values;q=0.9", CSV),  # tie: server order
        ("text/tab-separated-values, text/csv", CSV),  # the client's order does not count
        ("text/*", CSV),
        ("text/*;q=0.5, text/tab-separated-values", TSV),
        ("text/*, text/csv;q=0", TSV),  # q=0 excludes even under a wildcard
        ("text/*;q=1, text/csv;q=0.5", TSV),  # the most specific range sets the weight
        ("text/csv;q=0.5, text/*;q=0.9", TSV),
        ("*/*, application/sparql-results+json;q=0", XML),
        ("*/*;q=0.1, text/csv", CSV),
        ("text/csv, */*", CSV),  # equal weights: the named type beats the wildcard
        ("*/*;q=0.8, text/*;q=0.8", CSV),  # equal weights: text/* is more specific
        ("application/*", JSON),
        ("text/csv;q=0.001, */*;q=0.0001", CSV),
        ("text/csv;level=1;q=0.2, text/csv;q=0.9, text/tab-separated-values;q=0.5", CSV),
        ("text/csv;level=1;q=0.9, text/csv;q=0.2, text/tab-separated-values;q=0.5", TSV),
        ("text/csv;q=0.2;charset=utf-8, text/csv;q=0.9;x=1, text/tab-separated-values;q=0.5", CSV),
        (JENA, JSON),
    ],
)
def test_best_match(header: str | None, best: str) -> None:
    assert best_match(header, OFFERS) == best


@pytest.mark.parametrize(
    "header",
    ["text/turtle", "image/*", "*/*;q=0", "text/*;q=0, application/*;q=0", "text/csv;q=0"],
)
def test_best_match_nothing_acceptable(header: str) -> None:
    assert best_match(header, OFFERS) is None


def test_best_match_explicit_only() -> None:
    offers = [JSON, "application/json"]
    assert best_match("application/*", offers, frozenset({"application/json"})) == JSON
    assert best_match("application/json", offers, frozenset({"application/json"})) == (
        "application/json"
    )
    assert best_match("application/*;q=0.5, application/json", offers) == "application/json"
    assert best_match("text/*", ["text/html"], frozenset({"text/html"})) is None
    assert best_match("text/html", [], frozenset()) is None
    assert best_match(None, []) is None


def test_werkzeug_best_match_is_not_used_because_parameters_restrict_it() -> None:
    # Werkzeug 3's MIMEAccept handles weights and wildcards, but a range with a parameter
    # does not match the bare type, so `text/csv; charset=utf-8` would be refused.
    accept = parse_accept_header("text/csv; charset=utf-8", MIMEAccept)
    assert accept.best_match(OFFERS) is None
    assert best_match("text/csv; charset=utf-8", OFFERS) == CSV


# --- choose: query forms -----------------------------------------------------------------


def test_offered_and_defaults() -> None:
    assert offered("SELECT") == offered("ask") == [JSON, XML, CSV, TSV]
    assert offered("CONSTRUCT") == offered("describe") == [TURTLE, NT, JSONLD, RDFXML]
    assert DEFAULTS == {"SELECT": JSON, "ASK": JSON, "CONSTRUCT": TURTLE, "DESCRIBE": TURTLE}
    with pytest.raises(ValueError, match="query form"):
        offered("UPDATE")
    with pytest.raises(ValueError, match="query form"):
        choose("INSERT", "*/*")


@pytest.mark.parametrize("form", ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "select", " ask "])
@pytest.mark.parametrize("accept", [None, "", "*/*", "*", "*/*;q=0.5"])
def test_default_without_preference(form: str, accept: str | None) -> None:
    assert choose(form, accept) == Choice(
        DEFAULTS[form.strip().upper()], DEFAULTS[form.strip().upper()] + "; charset=utf-8"
    )


@pytest.mark.parametrize("form", ["SELECT", "ASK"])
@pytest.mark.parametrize("accept", [JSON, XML, CSV, TSV])
def test_results_forms(form: str, accept: str) -> None:
    assert choose(form, accept) == Choice(accept, accept + "; charset=utf-8")


@pytest.mark.parametrize("form", ["CONSTRUCT", "DESCRIBE"])
@pytest.mark.parametrize("accept", [TURTLE, NT, JSONLD, RDFXML])
def test_graph_forms(form: str, accept: str) -> None:
    assert choose(form, accept) == Choice(accept, accept + "; charset=utf-8")


@pytest.mark.parametrize(
    ("form", "accept"),
    [
        ("SELECT", TURTLE),  # a SELECT is never answered as Turtle
        ("SELECT", "text/turtle, application/n-triples;q=0.5"),
        ("ASK", JSONLD),
        ("SELECT", "image/png"),
        ("SELECT", "*/*;q=0"),
        ("SELECT", "application/sparql-results+json;q=0, application/sparql-results+xml;q=0, "
                   "text/*;q=0"),
        ("CONSTRUCT", JSON),
        ("CONSTRUCT", CSV),
        ("DESCRIBE", "text/tab-separated-values"),
        ("CONSTRUCT", "text/*;q=1, text/turtle;q=0"),
        ("CONSTRUCT", "application/json;q=0, application/ld+json;q=0, application/x-foo"),
    ],
)  # fmt: skip
def test_not_acceptable(form: str, accept: str) -> None:
    choice = choose(form, accept)
    assert not choice.acceptable
    assert choice.media_type is None
    assert choice.content_type is None
    assert not choice.html
    assert choice.reason == f"{form} results are available as " + ", ".join(offered(form))


@pytest.mark.parametrize(
    ("form", "accept", "expected"),
    [
        ("SELECT", "text/*", CSV),
        ("CONSTRUCT", "text/*", TURTLE),
        ("CONSTRUCT", "application/*", NT),
        ("DESCRIBE", "application/*;q=0.5, application/rdf+xml", RDFXML),
        ("CONSTRUCT", "text/turtle;q=0.4, application/n-triples;q=0.6", NT),
        ("SELECT", JENA, JSON),
        ("ASK", "application/sparql-results+xml, application/sparql-results+json;q=0.9", XML),
        ("CONSTRUCT", "application/rdf+xml, text/turtle;q=0.9, */*;q=0.1", RDFXML),
    ],
)
def test_preferences(form: str, accept: str, expected: str) -> None:
    assert media(form, accept) == expected


# --- choose: aliases ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "accept", "expected", "content"),
    [
        ("SELECT", "application/json", JSON, "application/json; charset=utf-8"),
        ("ASK", "application/json", JSON, "application/json; charset=utf-8"),
        ("CONSTRUCT", "application/json", JSONLD, "application/json; charset=utf-8"),
        ("DESCRIBE", "application/json", JSONLD, "application/json; charset=utf-8"),
        ("SELECT", "application/xml", XML, "application/xml; charset=utf-8"),
        ("CONSTRUCT", "application/xml", RDFXML, "application/xml; charset=utf-8"),
        # The canonical type wins a tie with its alias, and beats a lower-weighted alias.
        ("SELECT", "application/json, application/sparql-results+json", JSON,
         JSON + "; charset=utf-8"),
        ("SELECT", "application/json;q=0.9, application/sparql-results+xml", XML,
         XML + "; charset=utf-8"),
        ("SELECT", "application/json, text/csv;q=0.5", JSON, "application/json; charset=utf-8"),
    ],
)  # fmt: skip
def test_aliases(form: str, accept: str, expected: str, content: str) -> None:
    assert choose(form, accept) == Choice(expected, content)


def test_wildcards_do_not_reach_aliases() -> None:
    # application/* reaches the canonical types, never application/json or application/xml.
    assert choose("SELECT", "application/*") == Choice(JSON, JSON + "; charset=utf-8")
    assert choose("CONSTRUCT", "application/*;q=0.5, text/*;q=0.4") == Choice(
        NT, NT + "; charset=utf-8"
    )


# --- choose: HTML ------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"])
@pytest.mark.parametrize(
    "accept",
    [
        FIREFOX,
        CHROME,
        "text/html",
        "text/html, */*",  # named beats wildcard at equal weight
        "text/html;q=0.9, */*;q=0.8",
        "text/html, application/json;q=0.9",
        JAVA,
    ],
)
def test_browsers_get_html(form: str, accept: str) -> None:
    assert choose(form, accept) == Choice(HTML, "text/html; charset=utf-8", html=True)


@pytest.mark.parametrize(
    ("form", "accept", "expected"),
    [
        ("SELECT", "text/html;q=0.5, application/sparql-results+json", JSON),
        ("SELECT", "text/html, application/sparql-results+json", JSON),  # tie: data first
        ("SELECT", "text/html, text/csv", CSV),
        ("CONSTRUCT", "text/html;q=0.9, text/turtle", TURTLE),
        ("SELECT", "text/*", CSV),  # text/html must be named
        ("SELECT", "*/*", JSON),
        ("SELECT", "text/html;q=0, */*", JSON),
        ("SELECT", "application/xhtml+xml, */*;q=0.5", JSON),
    ],
)
def test_html_only_when_it_wins(form: str, accept: str, expected: str) -> None:
    choice = choose(form, accept)
    assert choice.acceptable
    assert not choice.html
    assert choice.media_type == expected


def test_html_alone_refused_with_zero_weight() -> None:
    assert not choose("SELECT", "text/html;q=0").acceptable


# --- choose: the format parameter --------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "fmt", "expected"),
    [
        ("SELECT", "json", JSON),
        ("SELECT", "xml", XML),
        ("SELECT", "csv", CSV),
        ("SELECT", "tsv", TSV),
        ("ASK", "TSV", TSV),
        ("ASK", " json ", JSON),
        ("SELECT", JSON, JSON),
        ("SELECT", "text/csv; charset=utf-8", CSV),
        ("CONSTRUCT", "ttl", TURTLE),
        ("CONSTRUCT", "turtle", TURTLE),
        ("CONSTRUCT", "nt", NT),
        ("CONSTRUCT", "ntriples", NT),
        ("DESCRIBE", "n-triples", NT),
        ("CONSTRUCT", "jsonld", JSONLD),
        ("CONSTRUCT", "json-ld", JSONLD),
        ("CONSTRUCT", "json", JSONLD),
        ("DESCRIBE", "rdfxml", RDFXML),
        ("DESCRIBE", "xml", RDFXML),
        ("CONSTRUCT", "application/rdf+xml", RDFXML),
        ("CONSTRUCT", "Text/Turtle", TURTLE),
        # What SPARQLWrapper sends in `format` for its return formats N3, RDF and RDFXML.
        ("CONSTRUCT", "n3", TURTLE),
        ("DESCRIBE", "rdf", RDFXML),
        ("CONSTRUCT", "rdf+xml", RDFXML),
    ],
)
def test_format_parameter(form: str, fmt: str, expected: str) -> None:
    assert choose(form, None, fmt) == Choice(expected, expected + "; charset=utf-8")


def test_format_parameter_overrides_accept() -> None:
    assert media("SELECT", "text/csv", "tsv") == TSV
    assert media("SELECT", "application/sparql-results+json;q=0", "json") == JSON
    assert choose("SELECT", FIREFOX, "csv") == Choice(CSV, "text/csv; charset=utf-8")
    assert media("CONSTRUCT", "text/turtle", "nt") == NT


def test_format_parameter_alias_keeps_its_name() -> None:
    assert choose("SELECT", None, "application/json") == Choice(
        JSON, "application/json; charset=utf-8"
    )
    assert choose("DESCRIBE", None, "application/json") == Choice(
        JSONLD, "application/json; charset=utf-8"
    )


@pytest.mark.parametrize("fmt", ["", "   "])
def test_empty_format_parameter_is_ignored(fmt: str) -> None:
    assert media("SELECT", "text/csv", fmt) == CSV


@pytest.mark.parametrize(
    ("form", "fmt"),
    [
        ("SELECT", "ttl"),  # a SELECT is never answered as Turtle
        ("SELECT", "turtle"),
        ("SELECT", "text/turtle"),
        ("ASK", "jsonld"),
        ("SELECT", "html"),
        ("SELECT", "foo"),
        ("SELECT", "n3"),
        ("ASK", "rdf+xml"),
        ("CONSTRUCT", "csv"),
        ("CONSTRUCT", "tsv"),
        ("DESCRIBE", "application/sparql-results+json"),
    ],
)
def test_format_parameter_not_available(form: str, fmt: str) -> None:
    choice = choose(form, "*/*", fmt)
    assert not choice.acceptable
    assert choice.reason.startswith(f"format={fmt!r} is not available for a {form} query")


# What SPARQLWrapper 2.0 sends: its return format as `format` (also as `output` and
# `results`) and an Accept header per return format.
SPARQLWRAPPER_ACCEPT = {
    "json": "application/sparql-results+json,application/json,text/javascript,"
    "application/javascript",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "application/turtle,text/turtle",
    "n3": "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3",
    "rdf+xml": "application/rdf+xml",
    "json-ld": "application/ld+json,application/x-json+ld",
}


@pytest.mark.parametrize(
    ("return_format", "form", "expected"),
    [("json", "SELECT", JSON), ("xml", "SELECT", XML), ("csv", "SELECT", CSV),
     ("tsv", "SELECT", TSV), ("json", "ASK", JSON), ("turtle", "CONSTRUCT", TURTLE),
     ("n3", "CONSTRUCT", TURTLE), ("rdf+xml", "CONSTRUCT", RDFXML),
     ("json-ld", "DESCRIBE", JSONLD)],
)  # fmt: skip
def test_sparqlwrapper_requests(return_format: str, form: str, expected: str) -> None:
    accept = SPARQLWRAPPER_ACCEPT[return_format]
    assert media(form, accept) == expected
    assert media(form, accept, return_format) == expected


def test_format_values() -> None:
    assert format_values("SELECT") == ["csv", "json", "tsv", "xml"]
    assert {"ttl", "turtle", "nt", "ntriples", "jsonld", "json-ld", "rdfxml", "xml"} <= set(
        format_values("DESCRIBE")
    )


def test_content_type() -> None:
    for media_type in (JSON, XML, CSV, TSV, TURTLE, NT, JSONLD, RDFXML, HTML):
        assert content_type(media_type) == media_type + "; charset=utf-8"
