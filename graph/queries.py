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
`choices` (optional) is a group pattern binding the parameter to the values worth offering,
those the query has answers for: `choices_query(name)` selects them, with the query's prefixes.

Parameters are variables named `?_name` in the query, bound at run time, never pasted in as
given: `run` binds them for rdflib; `bound_text` writes checked terms in their place (for the
query page and Oxigraph). A parameter is only read, never projected or assigned; a query
reports it as `?name` with `BIND (?_name AS ?name)`.
Where that BIND sits matters to Oxigraph: in the middle it splits the pattern, and the halves
may be joined without passing bindings across (people-and-posts was 15x slower so); measure a
new query's shapes at 100k triples (benchmarks/query_shapes.py shows how).
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

    def run(self, graph: Graph, **bindings: URIRef | str) -> Result:
        self._check(bindings)
        init = {f"_{name}": value for name, value in bindings.items()}
        return graph.query(self.text, initBindings=init)

    def bound_text(self, bindings: Mapping[str, URIRef | Literal]) -> str:
        """The query with each bound `?_name` replaced by its term, in every scope (sub-queries
        too, where a VALUES block outside them would not reach). IRIs are checked against
        SPARQL's IRIREF and literals written by rdflib, so no value can change the query's
        structure; comment lines are left as they are."""
        self._check(bindings)
        terms = {}
        for name, value in bindings.items():
            if isinstance(value, URIRef):
                if not ABSOLUTE_IRI.fullmatch(str(value)):
                    raise ValueError(f"{self.name}: ?_{name} is not an absolute IRI: {value!r}")
                terms[name] = f"<{value}>"
            elif isinstance(value, Literal):
                terms[name] = value.n3()
            else:
                raise TypeError(f"{self.name}: ?_{name} must be a URIRef or a Literal")
        if not terms:
            return self.text
        variable = re.compile(r"[?$]_(" + "|".join(map(re.escape, terms)) + r")\b")
        return "".join(
            line if line.lstrip().startswith("#")
            else variable.sub(lambda found: terms[found.group(1)], line)
            for line in self.text.splitlines(keepends=True))

    def _check(self, bindings: Mapping[str, object]) -> None:
        unknown = set(bindings) - set(self.param_texts)
        if unknown:
            raise ValueError(f"{self.name}: unknown parameter(s) {sorted(unknown)}")


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
