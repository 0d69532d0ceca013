"""Interface language: Indonesian or English, chosen by ?lang= or a cookie, falling back."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from flask import g, request

LANGUAGES = ("id", "en")
COOKIE = "lang"

TEXT: dict[str, dict[str, str]] = {
    "site": {"id": "Kota Cerdas KG", "en": "Kota Cerdas KG"},
    "tagline": {"id": "Graf pengetahuan terbuka Gerakan Menuju Kota Cerdas",
                "en": "An open knowledge graph of Indonesia's smart-city programme"},
    "home": {"id": "Beranda", "en": "Home"},
    "regions": {"id": "Wilayah", "en": "Regions"},
    "dimensions": {"id": "Dimensi", "en": "Dimensions"},
    "innovations": {"id": "Inovasi", "en": "Innovations"},
    "institutions": {"id": "Lembaga", "en": "Institutions"},
    "councils": {"id": "Dewan Smart City", "en": "Smart-city councils"},
    "events": {"id": "Kegiatan", "en": "Events"},
    "articles": {"id": "Artikel sumber", "en": "Source articles"},
    "people": {"id": "Tokoh", "en": "People"},
    "query": {"id": "Kueri SPARQL", "en": "SPARQL query"},
    "downloads": {"id": "Unduhan", "en": "Downloads"},
    "ontology": {"id": "Ontologi", "en": "Ontology"},
    "validation": {"id": "Laporan validasi", "en": "Validation report"},
    "search": {"id": "Cari", "en": "Search"},
    "search_label": {"id": "Cari nama wilayah, lembaga, inovasi…",
                     "en": "Search regions, institutions, innovations…"},
    "language": {"id": "Bahasa", "en": "Language"},
    "switch_to": {"id": "English", "en": "Bahasa Indonesia"},
    "type": {"id": "Jenis", "en": "Type"},
    "about": {"id": "Tentang", "en": "About"},
    "properties": {"id": "Keterangan", "en": "Statements"},
    "incoming": {"id": "Ditautkan dari", "en": "Linked from"},
    "source": {"id": "Sumber", "en": "Source"},
    "sentence": {"id": "Kalimat sumber", "en": "Source sentence"},
    "inferred": {"id": "disimpulkan", "en": "inferred"},
    "inferred_note": {"id": "Tidak dinyatakan langsung oleh sumber; disimpulkan karena:",
                      "en": "Not stated by the source; inferred because:"},
    "data": {"id": "Data", "en": "Data"},
    "not_found": {"id": "Tidak ditemukan", "en": "Not found"},
    "not_found_text": {"id": "Tidak ada sumber daya dengan IRI ini.",
                       "en": "There is no resource with this IRI."},
    "did_you_mean": {"id": "Mungkin maksud Anda:", "en": "Did you mean:"},
    "province": {"id": "Provinsi", "en": "Province"},
    "participation": {"id": "Keikutsertaan", "en": "Participation"},
    "cohort": {"id": "Angkatan", "en": "Cohort"},
    "masterplan": {"id": "Masterplan", "en": "Masterplan"},
    "posts": {"id": "Jabatan", "en": "Posts"},
    "date": {"id": "Tanggal", "en": "Date"},
    "venue": {"id": "Tempat", "en": "Venue"},
    "organisers": {"id": "Penyelenggara", "en": "Organisers"},
    "participants": {"id": "Peserta", "en": "Participants"},
    "evaluators": {"id": "Evaluator", "en": "Evaluators"},
    "region": {"id": "Wilayah", "en": "Region"},
    "dimension": {"id": "Dimensi", "en": "Dimension"},
    "year": {"id": "Tahun", "en": "Year"},
    "description": {"id": "Deskripsi", "en": "Description"},
    "same_kind": {"id": "Inovasi sejenis di wilayah lain", "en": "The same kind elsewhere"},
    "facts": {"id": "Fakta yang didukung", "en": "Facts it supports"},
    "members": {"id": "Kabupaten/kota", "en": "Kabupaten/kota"},
    "taking_part": {"id": "ikut program", "en": "taking part"},
    "none": {"id": "Tidak ada.", "en": "None."},
    "other_dimension": {"id": "Dimensi belum diketahui", "en": "Dimension not known"},
    "not_known": {"id": "tidak diketahui", "en": "not known"},
    "data_turtle": {"id": "data: Turtle", "en": "data: Turtle"},
}


def current_language() -> str:
    """?lang= wins (and is remembered by the cookie), then the cookie, then Indonesian."""
    if "lang" in g:
        return g.lang
    chosen = request.args.get("lang")
    if chosen not in LANGUAGES:
        chosen = request.cookies.get(COOKIE)
    if chosen not in LANGUAGES:
        best = request.accept_languages.best_match(LANGUAGES)
        chosen = best if best in LANGUAGES else "id"
    g.lang = chosen
    return chosen


def t(key: str) -> str:
    texts = TEXT[key]
    return texts.get(current_language()) or texts["id"]


def other_language() -> str:
    return "en" if current_language() == "id" else "id"


def language_switch_href() -> str:
    """This very request in the other language: the path and every query parameter (a form
    posted to it too), with `lang` replaced."""
    parameters = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded":
        parameters += [(k, v) for k, v in request.form.items(multi=True) if k != "lang"]
    # request.path is decoded: "%3F" in it is a "?", which must not end the path here.
    path = quote(request.path, safe="/:@!$&'()*+,;=")
    return path + "?" + urlencode([*parameters, ("lang", other_language())])


def pick(texts: dict[str, str]) -> str:
    """A page's own interface text, {"id": ..., "en": ...}, in the current language."""
    return texts.get(current_language()) or texts.get("id") or next(iter(texts.values()))


MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


def show_date(value: str | None) -> str:
    """'2024-06-24' as '24 Juni 2024' / '24 June 2024'; anything else as it is."""
    if not value:
        return ""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match or not 1 <= int(match[2]) <= 12:
        return value
    months = MONTHS["en" if current_language() == "en" else "id"]
    return f"{int(match[3])} {months[int(match[2]) - 1]} {match[1]}"
