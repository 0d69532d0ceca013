"""Search: names, codes and IRIs to entities, and the near misses a 404 page suggests.

The index holds every label (rdfs:label, skos:prefLabel, skos:altLabel, dct:title) of every
typed resource except the nodes that only record facts (AUXILIARY), each resource's most
specific type, the region codes and the provinces' kabupaten/kota, read once through the
store interface on first use.

Ranking, best first:
1. a pasted IRI (or this server's URL of a page), or a region code ("12.05", or a later code
   such as 93.01); a province found by name or code is followed by its kabupaten/kota;
2. a label equal to the query once case, accents and abbreviations are folded ("kab. langkat"
   is "Kabupaten Langkat"; the data's own altLabels make "Kemendagri" a name of the ministry);
3. labels holding every word of the query, shortest first, and what a region code scopes
   (org/12.05/...);
4. fuzzy matches (typos), kept only when nothing better was found or when almost as good as
   the best, so that the search for one name is not padded with its look-alikes.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for
from rapidfuzz import fuzz, process

from kotacerdas.server.i18n import current_language
from kotacerdas.server.read import Hierarchy, Query, label, run, short_iri
from kotacerdas.server.state import bases, state
from kotacerdas.server.store import TripleStore
from kotacerdas.server.terms import IRI, Literal
from kotacerdas.server.web import PageNumberError, error_response, page_number, wants_html

blueprint = Blueprint("search", __name__)

# Abbreviations the data does not hold as altLabels of their own entity (it holds Kemendagri,
# Kominfo, Bappenas, KSP, Kemenkeu, Kemenparekraf, KemenPAN-RB, Kementerian PUPR, Kemenko
# Perekonomian, Ditjen Aptika, Pemkab X, KAB. X ...), for the words inside longer names.
ABBREVIATIONS = {
    "kab": "kabupaten", "prov": "provinsi", "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota", "pemprov": "pemerintah provinsi",
    "pemda": "pemerintah daerah", "setda": "sekretariat daerah", "sekda": "sekretaris daerah",
    "bappeda": "badan perencanaan pembangunan daerah", "kadis": "kepala dinas",
    "diskominfo": "dinas komunikasi dan informatika",
    "dinkominfo": "dinas komunikasi dan informatika",
    "kominfo": "komunikasi dan informatika",  # Dinas Kominfo, Menteri Kominfo
    "kemkominfo": "kementerian komunikasi dan informatika",
    "kemenkominfo": "kementerian komunikasi dan informatika",
    "komdigi": "komunikasi dan digital",
    "kemkomdigi": "kementerian komunikasi dan digital",
    "kemenpanrb": "kementerian pendayagunaan aparatur negara dan reformasi birokrasi",
    "kemenko": "kementerian koordinator", "ditjen": "direktorat jenderal",
    "dirjen": "direktur jenderal", "sk": "surat keputusan",
    "kutim": "kutai timur", "kukar": "kutai kartanegara", "kubar": "kutai barat",
    "humbahas": "humbang hasundutan", "deliserdang": "deli serdang",
}

KC = "https://w3id.org/kotacerdas/ontology#"
# The type filter's values and the classes each one covers (with their subclasses).
TYPE_FILTERS = {
    "RegencyOrCity": {"RegencyOrCity"},
    "Province": {"Province"},
    "Innovation": {"Innovation"},
    "Institution": {"Ministry", "NationalAgency", "GovernmentUnit", "LocalGovernment",
                    "LocalAgency", "SmartCityCouncil", "Company", "MediaOrganization",
                    "Association"},
    "Person": {"Person"},
    "Event": {"Event"},
    "SourceArticle": {"SourceArticle"},
    "Dimension": {"Dimension"},
}
# Nodes that record facts about other things (an inferred statement, a post holding, a
# province membership, a category assignment or suggestion, a quotation) are no search hits.
AUXILIARY = {KC + "InferredStatement", KC + "ProvinceMembership",
             "http://www.w3.org/ns/org#Membership", KC + "CategoryAssignment",
             KC + "CategorySuggestion", KC + "Quotation"}
# Kemendagri codes as people type them: "12", "12.05", "12.5", "12.05.01".
CODE = re.compile(r"\d{1,2}(?:\.\d{1,4}){0,3}")
_WORD = re.compile(r"[a-z0-9]+")
# Tiers of a hit, best first.
IDENTIFIED, EXACT, WORDS, FUZZY = 4, 3, 2, 1
FUZZY_CUTOFF = 80
NEAR_IRI_CUTOFF = 70
NEAR_WORD_CUTOFF = 70  # a word spelled like a query word (Langkt: langkat)


def words(text: str) -> list[str]:
    """'Kab. Dèli Sérdang' -> ['kab', 'deli', 'serdang']."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _WORD.findall(ascii_text.casefold())


def forms(text: str) -> set[str]:
    """The text's words as written, and with abbreviations expanded."""
    written = words(text)
    expanded = " ".join(ABBREVIATIONS.get(w, w) for w in written)
    return {form for form in (" ".join(written), expanded) if form}


def padded_code(text: str) -> str | None:
    """A Kemendagri code with its parts zero-padded ('12.5' -> '12.05'), if it is one."""
    if not CODE.fullmatch(text):
        return None
    parts = text.split(".")
    widths = [2, 2, 2, 4][: len(parts)]
    return ".".join(part.zfill(width) for part, width in zip(parts, widths, strict=True))


@dataclass
class Entry:
    iri: str
    labels: dict[str, str] = field(default_factory=dict)  # language -> first label seen
    types: set[str] = field(default_factory=set)
    kind: str | None = None  # the most specific type
    kind_labels: dict[str, str] = field(default_factory=dict)
    auxiliary: bool = False  # a part of a fact's record (see AUXILIARY)

    @property
    def label(self) -> str:
        return label(self.labels, current_language(), self.iri)

    @property
    def type_label(self) -> str:
        return (label(self.kind_labels, current_language(), short_iri(self.kind))
                if self.kind else "")


@dataclass
class _Hit:
    tier: int
    score: float
    length: int  # of the matching label, in words: shorter names first among equals


@dataclass
class SearchIndex:
    entries: dict[str, Entry] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # a form of a label
    owners: list[str] = field(default_factory=list)  # IRI of each key
    exact: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    postings: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    codes: dict[str, str] = field(default_factory=dict)  # region code -> IRI
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # province
    hierarchy: Hierarchy = field(default_factory=Hierarchy)
    _families: dict[str, list[str]] = field(default_factory=dict)
    _vocabulary: list[str] | None = None  # the words of all keys, sorted

    @classmethod
    def build(cls, store: TripleStore, hierarchy: Hierarchy,
              class_labels: dict[str, dict[str, str]]) -> SearchIndex:
        index = cls(hierarchy=hierarchy)
        # One round trip: the labelled things, the region codes (the current one first,
        # then later ones: a regency moved to a new province in 2022 has a code there too,
        # 91.01 is also 93.01), and the provinces' kabupaten/kota.
        rows, codes, members = run(store, [
            Query("""SELECT ?x ?type ?label WHERE {
              ?x a ?type ; rdfs:label|skos:prefLabel|skos:altLabel|dct:title ?label }""",
                  max_rows=5_000_000),
            Query("""SELECT ?x ?code WHERE {
              { ?x kc:regionCode ?code BIND(0 AS ?rank) }
              UNION { ?x a kc:Region ; skos:notation ?code BIND(1 AS ?rank) }
              UNION { ?x kc:provinceMembership/(kc:regionCode|skos:notation) ?code
                      BIND(1 AS ?rank) }
            } ORDER BY ?rank""", max_rows=1_000_000),
            Query("SELECT ?r ?p WHERE { ?r a kc:RegencyOrCity ; schema:containedInPlace ?p }",
                  max_rows=1_000_000)], timeout=120)
        names: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            subject, kind, label = row["x"], row["type"], row["label"]
            if not isinstance(subject, IRI) or not isinstance(label, Literal):
                continue
            entry = index.entries.setdefault(subject.value, Entry(subject.value))
            if isinstance(kind, IRI):
                entry.types.add(kind.value)
            entry.labels.setdefault(label.lang or "", label.value)
            names[subject.value].append(label.value)
        for iri, entry in index.entries.items():
            kinds = hierarchy.most_specific(sorted(entry.types))
            entry.kind = min(kinds, key=lambda t: (not t.startswith(KC), t)) if kinds else None
            entry.kind_labels = class_labels.get(entry.kind or "", {})
            # Parts of the record of a fact, not things a reader looks for by name: found
            # by their IRI only.
            entry.auxiliary = bool(entry.types & AUXILIARY)
            if not entry.auxiliary:
                for form in dict.fromkeys(f for name in names[iri] for f in forms(name)):
                    index._add_key(form, iri)
        for row in codes:
            if isinstance(row["x"], IRI) and isinstance(row["code"], Literal):
                index.codes.setdefault(row["code"].value, row["x"].value)
        for row in members:
            if isinstance(row["r"], IRI) and isinstance(row["p"], IRI):
                index.members[row["p"].value].append(row["r"].value)
        return index

    def _add_key(self, form: str, owner: str) -> None:
        position = len(self.keys)
        self.keys.append(form)
        self.owners.append(owner)
        self.exact[form].append(position)
        for word in form.split():
            self.postings[word].add(position)

    # ------------------------------------------------------------------ search

    def allowed_classes(self, kind: str | None) -> set[str] | None:
        if kind not in TYPE_FILTERS:
            return None
        return set().union(*(self.hierarchy.subclasses(KC + name)
                             for name in TYPE_FILTERS[kind]))

    def search(self, text: str, kind: str | None = None, limit: int = 20,
               bases: tuple[str, ...] = ()) -> list[Entry]:
        """Entries for `text`, best first; `bases`: namespaces of near-miss IRIs."""
        return self.hits(text, kind, limit, bases)[:limit]

    def hits(self, text: str, kind: str | None = None, fill: int = 20,
             bases: tuple[str, ...] = ()) -> list[Entry]:
        """Every entry found for `text`, best first; fuzzy matches only while fewer than
        `fill` better ones were found."""
        text = text.strip()
        classes = self.allowed_classes(kind)
        hits: dict[str, _Hit] = {}

        def hit(iri: str, tier: int, score: float, length: int = 0) -> None:
            if classes is not None and not self.entries[iri].types & classes:
                return
            best = hits.get(iri)
            if best is None or (tier, score, -length) > (best.tier, best.score, -best.length):
                hits[iri] = _Hit(tier, score, length)

        pasted = text.removeprefix("<").removesuffix(">")
        if re.fullmatch(r"https?://\S+", pasted):
            if pasted in self.entries:
                hit(pasted, IDENTIFIED, 100)
            else:
                for rank, entry in enumerate(self.near_iris(pasted, bases)):
                    hit(entry.iri, FUZZY, 99 - rank)
            return self._ranked(hits)
        code = padded_code(text)
        if code is not None:
            self._code_hits(code, hit)
        query_forms = forms(text)
        for form in query_forms:
            for position in self.exact.get(form, ()):
                hit(self.owners[position], EXACT, 100, len(form.split()))
            size_of_query = len(form.split())
            for position in self._with_all_words(form):
                size = len(self.keys[position].split())
                hit(self.owners[position], WORDS, 90 + 10 * size_of_query / size, size)
            # Still typing: the last word may be the beginning of one ("lang": Langkat).
            for position in self._with_all_words(form, last_is_prefix=True):
                size = len(self.keys[position].split())
                hit(self.owners[position], WORDS, 80 + 10 * size_of_query / size, size)
        best = self._ranked(hits, 1)
        if best and best[0].iri in self.members:  # a province: its kabupaten/kota next
            top = hits[best[0].iri]
            for member in self.members[best[0].iri]:
                hit(member, top.tier, top.score - 0.5, top.length + 1)
        if len(hits) < fill:  # fuzzy hits rank below all others: only to fill the list
            self._fuzzy_hits(query_forms, classes, fill, hits, hit)
        return self._ranked(hits)

    def _fuzzy_hits(self, query_forms: set[str], classes: set[str] | None, limit: int,
                    hits: dict[str, _Hit], hit: Callable[..., None]) -> None:
        """Typos: every match that passes when nothing better was found (the best within 10
        points of the top one); beside exact or whole-word hits, only the near-perfect."""
        best_tier = max((h.tier for h in hits.values()), default=0)
        cutoff = {0: FUZZY_CUTOFF, WORDS: 90}.get(best_tier, 95)
        fuzzy: dict[str, float] = {}
        for form in query_forms:
            choices = {i: self.keys[i] for i in self._near(form)
                       if classes is None or self.entries[self.owners[i]].types & classes}
            for _key, score, position in process.extract(
                    form, choices, scorer=fuzz.WRatio, limit=limit * 5, score_cutoff=cutoff):
                owner = self.owners[position]
                fuzzy[owner] = max(score, fuzzy.get(owner, 0))
        top = max(fuzzy.values(), default=0)
        for iri, score in fuzzy.items():
            if best_tier or score >= top - 10:
                hit(iri, FUZZY, score)

    def _near(self, form: str) -> set[int]:
        """The keys worth scoring for a typo of `form`: for each of its words, the keys with
        that word or, if no key has it, with a word spelled like it; of those, the fewest
        (a name's rare word, not "kabupaten"). Scoring every key would take seconds at a
        million triples."""
        if self._vocabulary is None:
            self._vocabulary = sorted(self.postings)
        found: list[set[int]] = []
        for word in form.split():
            if word in self.postings:
                found.append(self.postings[word])
                continue
            alike = process.extract(word, self._vocabulary, scorer=fuzz.ratio, limit=None,
                                    score_cutoff=NEAR_WORD_CUTOFF)
            found.append(set().union(*(self.postings[w] for w, _, _ in alike)))
        return min((keys for keys in found if keys), key=len, default=set())

    def _code_hits(self, code: str, hit: Callable[..., None]) -> None:
        """The region with this code, then what its code scopes (org/12.05/pemda ...)."""
        region = self.codes.get(code)
        if region is None:
            return
        hit(region, IDENTIFIED, 100)
        # By the code asked for and by the one in the region's IRI (a later code: 93.01).
        markers = {f"/{code}", "/" + region.rsplit("/", 1)[-1]}
        for iri, entry in self.entries.items():
            if (not entry.auxiliary and iri != region
                    and any(m + "/" in iri or iri.endswith(m) for m in markers)):
                hit(iri, WORDS, 90, iri.count("/"))

    def _with_all_words(self, form: str, last_is_prefix: bool = False) -> set[int]:
        """Keys holding every word of `form` (the last one only as a beginning, if asked)."""
        query_words = form.split()
        lists = [self.postings.get(w, set()) for w in query_words[:-1]]
        last = query_words[-1]
        if not last_is_prefix:
            lists.append(self.postings.get(last, set()))
        elif len(last) >= 3:
            if self._vocabulary is None:
                self._vocabulary = sorted(self.postings)
            start = bisect.bisect_left(self._vocabulary, last)
            end = bisect.bisect_left(self._vocabulary, last + "\uffff")
            lists.append(set().union(*(self.postings[w] for w in self._vocabulary[start:end])))
        else:
            return set()
        lists.sort(key=len)
        found = set(lists[0])
        for other in lists[1:]:
            found &= other
        return found

    def _ranked(self, hits: dict[str, _Hit], limit: int | None = None) -> list[Entry]:
        order = sorted(hits.items(), key=lambda item: (-item[1].tier, -item[1].score,
                                                       item[1].length, item[0]))
        return [self.entries[iri] for iri, _ in order[:limit]]

    # ------------------------------------------------------------------ near-miss IRIs

    def near_iris(self, iri: str, bases: tuple[str, ...], limit: int = 5) -> list[Entry]:
        """Existing IRIs of the same family (region/, org/, ontology#...) nearest to `iri`:
        a mistyped code or slug, or a region's other code. Codes are compared zero-padded
        (region/12.5 is 12.05)."""
        base = next((b for b in bases if iri.startswith(b)), None)
        if base is None:
            return []
        rest = iri[len(base):]
        cut = rest.find("#") + 1 or rest.find("/") + 1
        family, rest = base + rest[:cut], rest[cut:]
        if not rest:
            return []
        found: list[Entry] = []
        padded = "/".join(padded_code(part) or part for part in rest.split("/"))
        if padded != rest and family + padded in self.entries:
            found.append(self.entries[family + padded])
        coded = self.codes.get(padded, "")  # a region's other code: region/93.01 is 91.01
        if coded.startswith(family) and coded in self.entries:
            found.append(self.entries[coded])
        rests = self._family(family)
        matches = process.extract(rest, rests, scorer=fuzz.ratio, limit=limit * 4,
                                  score_cutoff=NEAR_IRI_CUTOFF)
        top = max((score for _, score, _ in matches), default=0)
        # Among equally near ones, those sharing the longer beginning first (12.055: 12.05).
        matches.sort(key=lambda m: (-m[1], -_common_prefix(rest, m[0]), m[0]))
        for candidate, score, _position in matches:
            if score < top - 5:
                break
            entry = self.entries[family + candidate]
            if entry not in found:
                found.append(entry)
        return found[:limit]

    def _family(self, family: str) -> list[str]:
        if family not in self._families:
            self._families[family] = sorted(
                iri[len(family):] for iri in self.entries
                if iri.startswith(family) and len(iri) > len(family))
        return self._families[family]


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


# ---------------------------------------------------------------------- the views


PAGE_SIZE = 20  # hits a page shows, unless the app's SEARCH_PAGE_SIZE says otherwise


def index() -> SearchIndex:
    return state().search_index()


def as_iri(text: str) -> str:
    """This server's URL of a page (http://host/region/12.05.ttl?lang=en) as the IRI it
    shows; anything else as it is."""
    pasted = text.strip().removeprefix("<").removesuffix(">")
    if not pasted.startswith(request.host_url):
        return text
    path = pasted[len(request.host_url):].split("?", 1)[0]
    path, hash_, fragment = path.partition("#")
    iri = current_app.config["BASE"] + path
    stem, dot, _suffix = iri.rpartition(".")
    if dot and iri not in index().entries and stem in index().entries:
        iri = stem  # a page's data twin: region/12.05.ttl
    return iri + hash_ + fragment


def near_misses(iri: str, limit: int = 8) -> list[Entry]:
    """For a 404: existing IRIs nearest to `iri`, then entities named like its last part."""
    namespaces = tuple(bases())
    found = index().near_iris(iri, namespaces)
    words_of_path = iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    for entry in index().search(words_of_path, limit=limit, bases=namespaces):
        if entry not in found:
            found.append(entry)
    return found[:limit]


def _as_json(entry: Entry) -> dict[str, object]:
    return {"iri": entry.iri, "label": entry.label, "types": sorted(entry.types),
            "type": {"iri": entry.kind, "label": entry.type_label} if entry.kind else None}


@blueprint.route("/search")
def search() -> Response:
    """Hits a page at a time (?page=N) with their total, as a page or JSON; every hit at
    once as CSV (`format=csv`)."""
    text = request.args.get("q", "")[:200]
    kind = request.args.get("type") or None
    wanted = request.args.get("format", "")
    size = int(current_app.config.get("SEARCH_PAGE_SIZE", PAGE_SIZE))
    found = (index().hits(as_iri(text), kind, size, tuple(bases())) if text.strip() else [])
    if wanted == "csv":
        return _csv(text, found)
    try:
        page, pages = page_number(len(found), size, "hits")
    except PageNumberError as error:
        return error_response(400, str(error), "bad-request")
    shown = found[(page - 1) * size:page * size]
    if not wants_html() or wanted == "json":
        return jsonify({"query": text, "type": kind, "total": len(found), "page": page,
                        "pages": pages, "results": [_as_json(e) for e in shown]})

    def page_url(n: int) -> str:
        return url_for("search.search", q=text, type=kind, page=n)

    return Response(render_template(
        "search.html", q=text, kind=kind, results=shown, total=len(found), page=page,
        pages=pages, page_url=page_url, first=(page - 1) * size + 1),
        content_type="text/html; charset=utf-8")


def _csv(text: str, found: list[Entry]) -> Response:
    """Every hit, best first: IRI, label, most specific type."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(["iri", "label", "type", "type_label"])
    writer.writerows([e.iri, e.label, e.kind or "", e.type_label] for e in found)
    response = Response(out.getvalue(), content_type="text/csv; charset=utf-8; header=present")
    response.headers["Content-Disposition"] = 'inline; filename="kotacerdas-search.csv"'
    return response
