"""Canned SPARQL queries (queries/*.rq): one per file, described by `#+` header comments.

    #+ summary: Innovations of a region
    #+ summary_id: Inovasi suatu wilayah
    #+ description: Each innovation with its dimension, year and the sentence it comes from.
    #+ description_id: Setiap inovasi dengan dimensi, tahun dan kalimat sumbernya.
    #+ param: region  a kabupaten/kota IRI, e.g. <https://w3id.org/kotacerdas/region/12.05>
    #+ param_id: region  IRI kabupaten/kota, misalnya <https://w3id.org/kotacerdas/region/12.05>
    #+ choices: region  { ?innovation kc:region ?_region }

`summary`, `description` and `param` are English; the same keys with `_id` are Indonesian.
A description may run over several lines (each with the key). Every query needs a summary in
both languages; `title(lang)`, `about(lang)` and `param_about(name, lang)` pick the language.
`choices` (optional) is a group pattern binding `?_name` to the values worth offering, those
the query has answers for: `choices_query(name)` selects them, with the query's prefixes.

A parameter is one of the query's own result variables: `#+ param: region` declares
`?region`, which the query projects (and so does every sub-select that reads it). Unbound,
the query answers for every region; bound, for one. Values are bound by the engine, never
written into the query text: `bindings(values)` checks them and returns the variables to bind,
which the server passes as `QueryRequest.bindings` (pyoxigraph's `substitutions`, SEP-0007:
Oxigraph binds only projected variables, hence parameters are result columns); `run` binds
them for rdflib (`initBindings`), with the same answers. `bound_text` writes the values into
the text instead, for people to copy and for engines that bind no variables; Oxigraph can be
much slower on it than with the values substituted (benchmarks/README.md).

Shapes that Oxigraph plans well (benchmarks/README.md has the figures). A substituted variable
is planned as if it were free, so the pattern on the parameter must look the most selective
(a class test as `FILTER (?type IN (...))`, not `a kc:X`); labels are joined where their thing
is bound (inside each UNION branch), not after; no EXISTS and no alternative property path
inside an OPTIONAL (either is evaluated for the whole graph); no BIND between patterns
(Oxigraph joins the two halves without passing bindings across).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from kotacerdas.graph.resources import query_files

LANGUAGES = ("en", "id")  # the first is the headers' default (`summary:` is English)
# An absolute IRI that SPARQL's and Turtle's IRIREF can hold unescaped: a scheme, then none of
# the characters RFC 3987 forbids anywhere in an IRI (controls, space, <>"{}|^`\). The
# server's term model (server/terms.py) checks IRIs with it too.
ABSOLUTE_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>"{}|^`\\\x7f-\x9f]*')


@dataclass(frozen=True)
class CannedQuery:
    name: str
    summaries: dict[str, str]  # language -> summary
    descriptions: dict[str, str]
    text: str
    param_texts: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> lang -> text
    choices: dict[str, str] = field(default_factory=dict)  # name -> group pattern

    @property
    def summary(self) -> str:
        return self.summaries["en"]

    @property
    def description(self) -> str:
        return self.descriptions.get("en", "")

    def title(self, lang: str) -> str:
        """The summary in `lang` ("id" or "en"), else in English."""
        return self.summaries.get(lang) or self.summary

    def about(self, lang: str) -> str:
        """The description in `lang`, else in English, else the summary."""
        return self.descriptions.get(lang) or self.description or self.title(lang)

    def param_about(self, name: str, lang: str) -> str:
        texts = self.param_texts[name]
        return texts.get(lang) or texts.get("en", "")

    def choices_query(self, name: str) -> str:
        """SELECT DISTINCT ?_name over the parameter's `choices` pattern."""
        prologue = "".join(line + "\n" for line in self.text.splitlines()
                           if re.match(r"\s*(PREFIX|BASE)\b", line, re.IGNORECASE))
        return f"{prologue}SELECT DISTINCT ?_{name} WHERE {self.choices[name]}"

    def run(self, graph: Graph, **bindings: URIRef | Literal) -> Result:
        """The query on an rdflib graph, its parameters bound by rdflib (initBindings)."""
        return graph.query(self.text, initBindings=self.bindings(bindings))

    def bindings(self, values: Mapping[str, URIRef | Literal]) -> dict[str, URIRef | Literal]:
        """The variables to bind by the engine, by parameter name, each value checked: an IRI
        must be absolute and IRIREF-safe, anything else an rdflib Literal. Raises ValueError
        for an unknown parameter or a malformed IRI, TypeError for a value of another type."""
        unknown = set(values) - set(self.param_texts)
        if unknown:
            raise ValueError(f"{self.name}: unknown parameter(s) {sorted(unknown)}")
        for name, value in values.items():
            if isinstance(value, URIRef):
                if not ABSOLUTE_IRI.fullmatch(str(value)):
                    raise ValueError(f"{self.name}: ?{name} is not an absolute IRI: {value!r}")
            elif not isinstance(value, Literal):
                raise TypeError(f"{self.name}: ?{name} must be a URIRef or a Literal")
        return dict(values)

    def bound_text(self, values: Mapping[str, URIRef | Literal]) -> str:
        """The query with each value written in place of its variable: a self-contained text
        for people to copy and for engines that bind no variables (Virtuoso 7 also ignores a
        trailing VALUES block in some queries). The term replaces the variable everywhere but
        in projections, where the outer one gets `(term AS ?name)` and inner ones drop it, and
        in ORDER BY (a constant orders nothing). Values are checked and written by rdflib, so
        none can change the query's structure; comment lines are left as they are. Made for
        the canned queries' shapes, which the tests check it answers as the engine binds them,
        not a general SPARQL rewriter."""
        checked = self.bindings(values)
        lines = self.text.splitlines(keepends=True)
        comments = {f"\0{n}\0": line for n, line in enumerate(lines)
                    if line.lstrip().startswith("#")}
        masked = {line: mark for mark, line in comments.items()}
        text = "".join(masked.get(line, line) for line in lines)
        for name, value in checked.items():
            term, variable = value.n3(), re.compile(rf"[?$]{name}\b")
            parts = re.split(r"(\bSELECT\b.*?(?:\bWHERE\b|\{))", text, flags=re.DOTALL)
            head, order, tail = parts[-1].rpartition("ORDER BY")
            if order:
                tail = variable.sub("", tail)
                parts[-1] = head + (order if tail.strip() else "") + tail
            projected = f"({term} AS ?{name})"
            text = "".join(_put(variable, term if index % 2 == 0 else
                                projected if index == 1 else "", part)
                           for index, part in enumerate(parts))
        return re.sub(r"\0\d+\0", lambda mark: comments[mark.group()], text)


def _put(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """`pattern.sub` with `replacement` taken as it is (a literal may hold backslashes)."""
    return pattern.sub(lambda _: replacement, text)


def _language(key: str) -> tuple[str, str]:
    """'summary_id' -> ('summary', 'id'); 'summary' -> ('summary', 'en')."""
    base, _, lang = key.partition("_")
    return (base, lang) if lang in LANGUAGES else (key, LANGUAGES[0])


def parse(name: str, text: str) -> CannedQuery:
    headers: dict[str, dict[str, str]] = {"summary": {}, "description": {}}
    params: dict[str, dict[str, str]] = {}
    choices: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].partition(":")
        (key, lang), value = _language(key.strip()), value.strip()
        if key == "param":
            param, _, about = value.partition(" ")
            params.setdefault(param, {})[lang] = about.strip()
        elif key == "choices":
            param, _, pattern = value.partition(" ")
            choices[param] = pattern.strip()
        elif key in headers:
            texts = headers[key]
            texts[lang] = (texts.get(lang, "") + " " + value).strip()
        else:
            raise ValueError(f"{name}: unknown header '#+ {key}:'")
    missing = [lang for lang in LANGUAGES if lang not in headers["summary"]]
    if missing:
        keys = ", ".join("'#+ summary:'" if lang == "en" else f"'#+ summary_{lang}:'"
                         for lang in missing)
        raise ValueError(f"{name}: a canned query needs a summary in each language ({keys})")
    if set(choices) - set(params):
        raise ValueError(f"{name}: '#+ choices:' for an undeclared parameter")
    return CannedQuery(name=name, summaries=headers["summary"],
                       descriptions=headers["description"], text=text, param_texts=params,
                       choices=choices)


def canned_queries() -> dict[str, CannedQuery]:
    queries = {}
    for file in query_files():
        name = file.name.removesuffix(".rq")
        queries[name] = parse(name, file.read_text(encoding="utf-8"))
    return queries
