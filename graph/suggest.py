"""Category suggester: which kinds of innovation (graph/categories.ttl) an innovation may be.

Given an innovation's name, the expansion of an acronym name and its description (any may be
missing), `Suggester.suggest` scores the categories in [0, 1] and returns those above a
threshold, best first, each with the label it found and the words that weighed most:

- normalisation: case, diacritics and punctuation go; "Wi-Fi"/"WiFi"/"wi fi" are one word;
  the "e-" of "e-SPTPD", "E-SPTPD", "e sptpd", "eSPTPD" is dropped; leading generic words
  ("Smart", "Aplikasi", "Program", "Sistem Informasi", "Gerakan", "Layanan" ...) are
  stripped; function words, "kabupaten"/"kota", words of manner ("online", "smart") and the
  gazetteer's place names are left out; affixes are stemmed with Sastrawi (PyPI
  `PySastrawi`), or a small affix stripper where it is not installed;
- score: half the TF-IDF cosine between the innovation's stems and each category's stems
  (labels, altLabels, slug and definition, weighted by field), half a phrase bonus for a
  label or altLabel found word for word ("Bank Sampah Digital" contains "bank sampah"),
  weighed by how much of the text it covers and how few categories use its words.
  Groupings (categories with narrower ones) are weighted down so their kinds rank first.

Plain Python over dictionaries with cached stems: 20,000 innovations take a few seconds.
`load_categories` reads the scheme with rdflib and `load_curation` the reviewers' links;
benchmarks/suggest_eval.py measures the suggester's accuracy. See docs/categories.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kotacerdas.graph.gazetteer import read_areas
from kotacerdas.graph.namespaces import CATEGORY, DIMENSION, KC
from kotacerdas.graph.resources import graph_data
from kotacerdas.graph.sources import Text

CATEGORIES_PATH = Path(str(graph_data("categories.ttl")))
CURATION_PATH = Path(str(graph_data("curation", "innovation-categories.yaml")))

# ---------------------------------------------------------------------------- normalisation

# Leading words that say nothing about the kind of innovation ("Aplikasi Bursa Kerja").
PREFIXES: tuple[tuple[str, ...], ...] = (
    ("sistem", "informasi"), ("aplikasi",), ("program",), ("gerakan",), ("layanan",),
    ("smart",), ("inovasi",), ("sistem",), ("portal",),
)
# Words dropped everywhere: Indonesian and English function words, administrative words.
STOPWORDS = frozenset((
    "yang", "dan", "di", "ke", "dari", "untuk", "bagi", "dengan", "secara", "oleh", "pada",
    "dalam", "melalui", "lewat", "serta", "atau", "ini", "itu", "sebagai", "agar", "sehingga",
    "tanpa", "harus", "dapat", "bisa", "akan", "telah", "sudah", "masih", "terus", "juga", "para",
    "seperti", "misalnya", "hingga", "sampai", "antara", "kami", "kita", "nya", "se", "tersebut",
    "berupa", "adalah", "merupakan", "yaitu", "sebuah", "suatu", "setiap", "seluruh", "semua",
    "the", "of", "and", "for", "in", "on", "a", "an", "to", "with", "by", "at", "kabupaten",
    "kab", "kota", "provinsi", "pemkab", "pemkot", "pemda", "pemerintah", "e", "aplikasi", "jadi",
    "menjadi", "program", "inovasi",
))
# Words that say how an innovation is delivered ("smart", "online") rather than what it is.
GENERIC = frozenset(("smart", "cerdas", "pintar", "city", "online", "daring", "elektronik"))
# Spellings that mean the same word.
SPELLINGS = {"centre": "center"}
# Words Sastrawi would reduce to another word of the domain ("kinerja" to "kerja").
NO_STEM = frozenset({"kinerja"})
_WIFI = re.compile(r"\bwi[\s\-]?fi\b", re.IGNORECASE)
# "e-SPTPD", "E-SPTPD", "e sptpd", "eSPTPD"; not the E of "EWS" ("esptpd": see Suggester.words).
_E_PREFIX = re.compile(r"\b(?:[eE][\-\s]+(?=[A-Za-z])|e(?=[A-Z]))")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str | None) -> str:
    """Lower-case words without diacritics, punctuation, "e-" or leading generic words.

    >>> normalise("E-SPTPD"), normalise("e sptpd"), normalise("Aplikasi Bursa Kerja Online")
    ('sptpd', 'sptpd', 'bursa kerja online')
    """
    if not text:
        return ""
    text = _WIFI.sub("wifi", _ascii(text))
    text = _E_PREFIX.sub("", text)
    words = _NON_WORD.sub(" ", text.lower()).split()
    stripped = True
    while stripped:
        stripped = False
        for prefix in PREFIXES:
            if len(words) > len(prefix) and tuple(words[: len(prefix)]) == prefix:
                words = words[len(prefix):]
                stripped = True
                break
    return " ".join(words)


# ---------------------------------------------------------------------------- stemming

_PREFIX_RULES = ("memper", "menge", "penge", "meng", "peng", "meny", "peny", "mem", "pem", "men",
                 "pen", "ber", "per", "ter", "di", "ke", "se", "me", "pe", "be")
_SUFFIX_RULES = ("kan", "an", "i", "nya", "lah", "kah")


def _strip_affixes(word: str) -> str:
    """A tiny Indonesian affix stripper, used only when Sastrawi is not installed."""
    if len(word) <= 5 or not word.isalpha():
        return word
    for suffix in _SUFFIX_RULES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    for prefix in _PREFIX_RULES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix):]
    return word


@cache
def _stemmer() -> tuple[str, Callable[[str], str]]:
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:
        return "affix stripper (Sastrawi not installed)", _strip_affixes
    try:
        version = metadata.version("PySastrawi")
    except metadata.PackageNotFoundError:  # pragma: no cover - installed another way
        version = "?"
    return f"PySastrawi {version}", StemmerFactory().create_stemmer().stem


def stemmer_name() -> str:
    """Which stemmer the suggester uses, with its version."""
    return _stemmer()[0]


@cache
def stem(word: str) -> str:
    if word in NO_STEM or not word.isalpha():
        return word
    return _stemmer()[1](word) or word


def tokens(text: str | None) -> list[str]:
    """Stems of the normalised text, without stop words, in order."""
    return list(_tokens(text or ""))


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(stem(SPELLINGS.get(word, word)) for word in normalise(text).split()
                 if word not in STOPWORDS and word not in GENERIC)


# ---------------------------------------------------------------------------- categories


@dataclass(frozen=True)
class Category:
    slug: str
    label_id: str
    label_en: str = ""
    alt_labels: tuple[str, ...] = ()
    definition_id: str = ""
    dimension: str | None = None  # dimension slug, e.g. "smart-environment"
    broader: tuple[str, ...] = ()  # slugs
    narrower: tuple[str, ...] = ()

    @property
    def iri(self) -> URIRef:
        return CATEGORY[self.slug]

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label_id, self.label_en, *self.alt_labels)


def _slug(iri: URIRef) -> str:
    return str(iri).removeprefix(str(CATEGORY))


def _literal(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> str:
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def load_categories(path: Path | str | None = None) -> list[Category]:
    """The kc:InnovationCategory concepts of a Turtle file (graph/categories.ttl), by slug."""
    graph = Graph().parse(str(path or CATEGORIES_PATH), format="turtle")
    categories = []
    for concept in set(graph.subjects(RDF.type, KC.InnovationCategory)):
        assert isinstance(concept, URIRef)
        dimension = next(iter(graph.objects(concept, KC.dimension)), None)
        categories.append(Category(
            slug=_slug(concept),
            label_id=_literal(graph, concept, SKOS.prefLabel, "id"),
            label_en=_literal(graph, concept, SKOS.prefLabel, "en"),
            alt_labels=tuple(sorted(str(v) for v in graph.objects(concept, SKOS.altLabel))),
            definition_id=_literal(graph, concept, SKOS.definition, "id"),
            dimension=str(dimension).removeprefix(str(DIMENSION)) if dimension else None,
            broader=tuple(sorted(_slug(b) for b in graph.objects(concept, SKOS.broader)
                                 if isinstance(b, URIRef))),
            narrower=tuple(sorted(_slug(n) for n in graph.objects(concept, SKOS.narrower)
                                  if isinstance(n, URIRef))),
        ))
    return sorted(categories, key=lambda c: c.slug)


# ---------------------------------------------------------------------------- the suggester


@dataclass(frozen=True)
class InnovationText:
    """What the suggester reads of an innovation."""

    name: str | None = None
    expansion: str | None = None
    description: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Suggestion:
    slug: str
    score: float  # in [0, 1]
    cosine: float  # similarity of the words
    phrase: str | None  # the label or altLabel found in the text, if any
    terms: tuple[str, ...]  # stems that contributed most, best first


# Field weights of a category's words and of an innovation's words.
LABEL_WEIGHT, ALT_WEIGHT, SLUG_WEIGHT, EN_WEIGHT, DEFINITION_WEIGHT, EXAMPLE_WEIGHT = (
    3.0, 2.0, 1.0, 1.0, 1.0, 1.0)
NAME_WEIGHT, EXPANSION_WEIGHT, DESCRIPTION_WEIGHT = 2.0, 2.0, 1.0
UNKNOWN_WEIGHT = 0.5  # a word no category uses weighs this much of the rarest known word
PHRASE_SHARE = 0.5  # the score is (1 - share) * cosine + share * phrase bonus
DESCRIPTION_PHRASE = 0.5  # a label found only in the description counts half
GROUP_FACTOR = 0.8  # groupings rank below their kinds when both fit
THRESHOLD = 0.05
LIMIT = 3
MAX_PHRASE = 6


@cache
def place_words() -> frozenset[str]:
    """Stems of the names of every province and kabupaten/kota: they say nothing of a kind."""
    return frozenset(word for area in read_areas() for word in tokens(area.bare_name))


class Suggester:
    """Scores the categories for an innovation; build once, call `suggest` many times.

    `examples` are curated links, (innovation, slugs): their words count for those slugs.
    `neutral` are words to ignore, by default the place names of the gazetteer.
    """

    def __init__(self, categories: Sequence[Category],
                 examples: Iterable[tuple[InnovationText, Sequence[str]]] = (),
                 threshold: float = THRESHOLD, limit: int = LIMIT,
                 neutral: Iterable[str] | None = None) -> None:
        self.categories = {c.slug: c for c in categories}
        self.threshold, self.limit = threshold, limit
        raw: dict[str, dict[str, float]] = {slug: defaultdict(float) for slug in self.categories}
        labels: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
        for slug, category in self.categories.items():
            fields: list[tuple[float, Iterable[str]]] = [
                (LABEL_WEIGHT, tokens(category.label_id)),
                (EN_WEIGHT, tokens(category.label_en)),
                (ALT_WEIGHT, [t for alt in category.alt_labels for t in tokens(alt)]),
                (SLUG_WEIGHT, tokens(slug.replace("-", " "))),
                (DEFINITION_WEIGHT, tokens(category.definition_id)),
            ]
            for weight, words in fields:
                for word in set(words):
                    raw[slug][word] += weight
            for label in category.labels:
                phrase = tuple(tokens(label))
                if phrase and len(phrase) <= MAX_PHRASE:
                    labels[phrase].setdefault(slug, label)
        places = frozenset(place_words() if neutral is None else neutral)
        for text, slugs in examples:
            words = {w for part in (text.name, text.expansion, text.description)
                     for w in tokens(part)} - places
            for slug in (slug for slug in slugs if slug in raw):
                for word in words:
                    raw[slug][word] += EXAMPLE_WEIGHT
        count = len(raw)
        frequency: dict[str, int] = defaultdict(int)
        for words in raw.values():
            for word in words:
                frequency[word] += 1
        self.idf = {w: math.log((1 + count) / (1 + n)) + 1 for w, n in frequency.items()}
        self.unknown_idf = UNKNOWN_WEIGHT * (math.log((1 + count) / 2) + 1)
        self.neutral = places - set(self.idf)
        self.index: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self.vectors: dict[str, dict[str, float]] = {}
        for slug, words in raw.items():
            vector = {w: weight * self.idf[w] for w, weight in words.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self.vectors[slug] = {w: v / norm for w, v in vector.items()}
            for word, value in self.vectors[slug].items():
                self.index[word].append((slug, value))
        # A label found in a text is evidence for its category in proportion to how few
        # categories use all its words: "bank sampah" points at one, "sampah" at several.
        self.phrases: dict[tuple[str, ...], list[tuple[str, str, float]]] = {}
        for phrase, found in labels.items():
            sharing = sum(1 for words in raw.values() if all(w in words for w in phrase))
            self.phrases[phrase] = [(slug, label, 1 / max(sharing, 1))
                                    for slug, label in found.items()]
        self.prefixes = {phrase[:n] for phrase in self.phrases for n in range(1, len(phrase) + 1)}
        self.factor = {slug: GROUP_FACTOR if c.narrower else 1.0
                       for slug, c in self.categories.items()}

    def words(self, text: str | None) -> list[str | None]:
        """The text's stems that matter, in order: None for a word no category uses.

        Place names are left out; "esptpd" is read as "sptpd" when only that is known.
        """
        found: list[str | None] = []
        for word in _tokens(text or ""):
            if word not in self.idf and word.startswith("e") and stem(word[1:]) in self.idf:
                word = stem(word[1:])
            if word in self.idf:
                found.append(word)
            elif word not in self.neutral:
                found.append(None)
        return found

    def _phrases(self, words: list[str | None]) -> dict[str, tuple[float, str]]:
        """slug -> (best label bonus in the words, the label): coverage times specificity."""
        found: dict[str, tuple[float, str]] = {}
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + MAX_PHRASE) + 1):
                part = tuple(words[start:end])
                if part not in self.prefixes:
                    break
                for slug, label, specificity in self.phrases.get(part, ()):
                    value = (end - start) / len(words) * specificity
                    if value > found.get(slug, (0.0, ""))[0]:
                        found[slug] = (value, label)
        return found

    def suggest(self, name: str | None = None, expansion: str | None = None,
                description: str | None = None, *, threshold: float | None = None,
                limit: int | None = None) -> list[Suggestion]:
        """Categories scoring at least `threshold`, best first, at most `limit`."""
        threshold = self.threshold if threshold is None else threshold
        limit = self.limit if limit is None else limit
        fields = ((self.words(name), NAME_WEIGHT, 1.0),
                  (self.words(expansion), EXPANSION_WEIGHT, 1.0),
                  (self.words(description), DESCRIPTION_WEIGHT, DESCRIPTION_PHRASE))
        query: dict[str, float] = defaultdict(float)
        unknown = 0.0  # squared weight of the words no category uses
        for words, weight, _ in fields:
            for word in set(words):
                if word is None:
                    unknown += words.count(None) * (weight * self.unknown_idf) ** 2
                else:
                    query[word] = max(query[word], weight * self.idf[word])
        if not query:
            return []
        norm = math.sqrt(sum(v * v for v in query.values()) + unknown)
        cosine: dict[str, float] = defaultdict(float)
        for word, value in query.items():
            value /= norm
            for slug, weight in self.index[word]:
                cosine[slug] += value * weight
        bonus: dict[str, tuple[float, str]] = {}
        for words, _, scale in fields:
            for slug, (value, label) in self._phrases(words).items():
                if scale * value > bonus.get(slug, (0.0, ""))[0]:
                    bonus[slug] = (scale * value, label)
        scores = []
        for slug in set(cosine) | set(bonus):
            phrase_value = bonus[slug][0] if slug in bonus else 0.0
            similarity = cosine[slug] if cosine[slug] < 1.0 else 1.0
            score = self.factor[slug] * ((1 - PHRASE_SHARE) * similarity
                                         + PHRASE_SHARE * phrase_value)
            if score >= threshold:
                scores.append((-score, slug))
        scores.sort()
        suggestions = []
        for negative, slug in scores[:limit]:
            vector = self.vectors[slug]
            terms = tuple(sorted((w for w in query if w in vector),
                                 key=lambda w: (-query[w] * vector[w], w))[:3])
            suggestions.append(Suggestion(slug, round(min(-negative, 1.0), 4),
                                          round(cosine[slug], 4),
                                          bonus[slug][1] if slug in bonus else None, terms))
        return suggestions

    def suggest_for(self, text: InnovationText, **options: Any) -> list[Suggestion]:
        return self.suggest(text.name, text.expansion, text.description, **options)


def suggest(categories: Sequence[Category], name: str | None = None,
            expansion: str | None = None, description: str | None = None,
            threshold: float = THRESHOLD, limit: int = LIMIT) -> list[Suggestion]:
    """One-off suggestion; build a `Suggester` to suggest for many innovations."""
    return Suggester(categories, threshold=threshold, limit=limit).suggest(
        name, expansion, description)


# ---------------------------------------------------------------------------- curated links


@dataclass(frozen=True)
class Assignment:
    innovation: str  # the innovation id of graph/sources, e.g. "12.05/bursa-kerja"
    categories: tuple[str, ...]  # category slugs, the main one first
    note: Text | None = None  # English, or both languages


@dataclass(frozen=True)
class Curation:
    reviewer: str
    reviewed_on: dt.date
    assignments: tuple[Assignment, ...] = field(default_factory=tuple)

    def by_innovation(self) -> dict[str, tuple[str, ...]]:
        return {a.innovation: a.categories for a in self.assignments}


def load_curation(path: Path | str | None = None) -> Curation:
    """The reviewers' links (graph/curation/innovation-categories.yaml); ValueError if malformed."""
    path = Path(path or CURATION_PATH)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("assignments"), list):
        raise ValueError(f"{path}: expected a mapping with reviewer, reviewed_on, assignments")
    reviewed_on = data.get("reviewed_on")
    if not isinstance(data.get("reviewer"), str) or not isinstance(reviewed_on, dt.date):
        raise ValueError(f"{path}: reviewer (text) and reviewed_on (YYYY-MM-DD) are required")
    assignments = []
    for number, entry in enumerate(data["assignments"], 1):
        slugs = entry.get("categories") if isinstance(entry, dict) else None
        if (not isinstance(entry, dict) or not isinstance(entry.get("innovation"), str)
                or not isinstance(slugs, list) or not slugs
                or not all(isinstance(s, str) for s in slugs)):
            raise ValueError(f"{path}: assignment {number} needs an innovation id and a "
                             f"non-empty list of category slugs")
        unknown = set(entry) - {"innovation", "categories", "note"}
        if unknown:
            raise ValueError(f"{path}: assignment {number} has unknown keys {sorted(unknown)}")
        try:
            note = Text.model_validate(entry["note"]) if "note" in entry else None
        except ValidationError as error:
            raise ValueError(f"{path}: assignment {number}: note: "
                             f"{error.errors()[0]['msg']}") from error
        assignments.append(Assignment(entry["innovation"], tuple(slugs), note))
    return Curation(data["reviewer"], reviewed_on, tuple(assignments))
