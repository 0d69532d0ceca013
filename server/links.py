"""IRIs and their addresses on this server, and how a page names them in its language.

The Flask side of the read layer's naming (read.py): our namespaces are mapped to this
server's own host, so links stay clickable; labels are chosen in the interface language.
"""

from __future__ import annotations

from flask import Flask, current_app, request

from kotacerdas.server.i18n import current_language
from kotacerdas.server.media import DOCUMENT_SUFFIXES
from kotacerdas.server.read import (
    SHOWN_QUOTES,
    SHOWN_STATEMENTS,
    Namer,
    incoming_query_text,
    quotes_query_text,
    short_iri,
)
from kotacerdas.server.read import label as label_in
from kotacerdas.server.state import bases, state
from kotacerdas.server.terms import IRI, Term

__all__ = ["bases", "fallback_label", "href", "label", "local_href", "register",
           "resolve", "short_iri", "term_label"]



def local_href(iri: str) -> str:
    """Where to click for an IRI: our own page if it is in our namespaces."""
    for base in bases():
        if iri.startswith(base):
            rest = iri[len(base):]
            path, hash_, fragment = rest.partition("#")
            return request.host_url + path + (hash_ + fragment if hash_ else "")
    return iri


def resolve(path: str) -> tuple[str, str | None]:
    """A request path to (IRI, requested media type or None)."""
    media_type = None
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in DOCUMENT_SUFFIXES:
        path, media_type = stem, DOCUMENT_SUFFIXES[suffix]
    return current_app.config["BASE"] + path, media_type


def namer() -> Namer:
    return Namer(current_language(), state().property_labels, tuple(bases()))


def label(labels: dict[str, str] | dict[str, list[str]], fallback: str) -> str:
    """The label in the interface language, else the other language, else any, else
    `fallback`."""
    return label_in(labels, current_language(), fallback)


def fallback_label(iri: str) -> str:
    """What a page shows for an IRI the data gives no label: the label table's (reused
    vocabulary terms), else our own IRI's last segment as words, never a prefixed name."""
    return namer().fallback(iri)


def term_label(term: Term, labels: dict[str, str] | None = None) -> str:
    return namer().term(term, labels)


def href(term: Term | str) -> str:
    if isinstance(term, str):
        return local_href(term)
    return local_href(term.value) if isinstance(term, IRI) else ""


def register(app: Flask) -> None:
    """The template globals every page uses to link and name things."""
    app.add_template_global(href, "href")
    app.add_template_global(term_label, "label_of")
    app.add_template_global(fallback_label, "property_label")
    app.add_template_global(quotes_query_text, "quotes_query")
    app.add_template_global(incoming_query_text, "incoming_query")
    app.add_template_global(SHOWN_QUOTES, "shown_quotes")
    app.add_template_global(SHOWN_STATEMENTS, "shown_statements")
