"""A tiny, neutral, picklable model of RDF terms, for passing query results between processes.

`Term` is `IRI | BNode | Literal`, three frozen dataclasses that validate what they are given
and normalise it so that equal terms compare equal:

* a simple literal has ``datatype=None`` (an explicit ``xsd:string`` datatype is dropped);
* a language-tagged literal has ``lang`` set, lower-cased, and ``datatype=None``
  (an explicit ``rdf:langString`` datatype is dropped);
* any other literal carries its datatype IRI as a string.

RDF 1.2 triple terms and directional language-tagged strings are not supported:
`from_oxigraph` refuses them with `UnsupportedTermError` (a `ValueError`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeAlias

import pyoxigraph

from kotacerdas.graph.queries import ABSOLUTE_IRI

__all__ = [
    "IRI",
    "RDF_LANG_STRING",
    "XSD",
    "XSD_STRING",
    "BNode",
    "Literal",
    "Term",
    "UnsupportedTermError",
    "from_oxigraph",
    "to_oxigraph",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Turtle's LANGTAG, without the "@".
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*\Z")
# Turtle/SPARQL PN_CHARS_U and PN_CHARS, for blank node labels.
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
# The part of Turtle's BLANK_NODE_LABEL after "_:".
_BNODE_ID = re.compile(f"[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?\\Z")


class UnsupportedTermError(ValueError):
    """An RDF 1.2 term (triple term, directional string): SPARQL 1.1 formats cannot carry it."""


def _check_iri(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if not ABSOLUTE_IRI.fullmatch(value):
        raise ValueError(f"{what} is not an absolute IRI: {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class IRI:
    """An absolute IRI, e.g. ``IRI("https://w3id.org/kotacerdas/region/3171")``."""

    value: str

    def __post_init__(self) -> None:
        _check_iri(self.value, "IRI")


@dataclass(frozen=True, slots=True)
class BNode:
    """A blank node; `id` is its label without ``_:`` and must be a valid Turtle label."""

    id: str

    def __post_init__(self) -> None:
        if not isinstance(self.id, str):
            raise TypeError(f"blank node id must be a str, not {type(self.id).__name__}")
        if not _BNODE_ID.match(self.id):
            raise ValueError(f"not a valid blank node label: {self.id!r}")


@dataclass(frozen=True, slots=True)
class Literal:
    """A literal: lexical form `value`, with a datatype IRI or a language tag (or neither)."""

    value: str
    datatype: str | None = None
    lang: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.value, str):
            raise TypeError(f"literal value must be a str, not {type(self.value).__name__}")
        datatype = self.datatype
        if datatype is not None:
            _check_iri(datatype, "datatype")
        if self.lang is not None:
            if not isinstance(self.lang, str) or not _LANG.match(self.lang):
                raise ValueError(f"not a valid language tag: {self.lang!r}")
            if datatype not in (None, RDF_LANG_STRING):
                raise ValueError(f"a literal with a language tag cannot have datatype {datatype}")
            object.__setattr__(self, "lang", self.lang.lower())
            object.__setattr__(self, "datatype", None)
        elif datatype == RDF_LANG_STRING:
            raise ValueError("an rdf:langString literal needs a language tag")
        elif datatype == XSD_STRING:
            object.__setattr__(self, "datatype", None)

    @property
    def effective_datatype(self) -> str:
        """The RDF 1.1 datatype IRI: xsd:string or rdf:langString when none is stored."""
        if self.datatype is not None:
            return self.datatype
        return RDF_LANG_STRING if self.lang is not None else XSD_STRING


Term: TypeAlias = IRI | BNode | Literal


def from_oxigraph(term: object) -> Term:
    """Convert a pyoxigraph NamedNode, BlankNode or Literal to a `Term`.

    Raises UnsupportedTermError for RDF-star triple terms and directional language-tagged strings,
    TypeError for anything that is not an RDF term (a Variable, a DefaultGraph, None, ...).
    """
    if isinstance(term, pyoxigraph.NamedNode):
        return IRI(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.direction is not None:
            raise UnsupportedTermError(
                f"directional language-tagged strings are not supported: {term}")
        if term.language is not None:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=term.datatype.value)
    if isinstance(term, pyoxigraph.Triple):
        raise UnsupportedTermError(f"RDF-star triple terms are not supported: {term}")
    raise TypeError(f"not an RDF term: {term!r}")


def to_oxigraph(term: Term) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    """Convert a `Term` back to the pyoxigraph term it stands for."""
    if isinstance(term, IRI):
        return pyoxigraph.NamedNode(term.value)
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(term.id)
    if isinstance(term, Literal):
        if term.lang is not None:
            return pyoxigraph.Literal(term.value, language=term.lang)
        if term.datatype is not None:
            return pyoxigraph.Literal(term.value, datatype=pyoxigraph.NamedNode(term.datatype))
        return pyoxigraph.Literal(term.value)
    raise TypeError(f"not a Term: {term!r}")
