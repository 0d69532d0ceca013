"""The source files: every quote is the article's own words, and bad files fail clearly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kotacerdas.graph.sources import SourceError, load_source, normalise_space
from tests.conftest import REPO

SOURCE_FILES = sorted((REPO / "graph" / "sources").glob("*.yaml"))


def test_one_source_file_per_seed_article(seeds: Path) -> None:
    assert SOURCE_FILES, "no source files found"
    seeded = {load_source(path).model.article.seed for path in SOURCE_FILES}  # type: ignore[union-attr]
    assert seeded == {path.name for path in seeds.glob("*.txt")}


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_quotes_and_spellings_are_verbatim(path: Path, seeds: Path) -> None:
    source = load_source(path)
    article = source.model.article
    assert article is not None
    assert article.seed
    text = normalise_space((seeds / article.seed).read_text(encoding="utf-8"))
    assert normalise_space(article.title) in text
    checked = 0
    for section, index, record in source.model.records():
        for quote in record.quotes:
            assert quote in text, f"{section}[{index}] quotes words not in {article.seed}: {quote}"
            checked += 1
        for written in getattr(record, "as_written", []):
            assert written in text, f"{section}[{index}] as_written {written!r} not in the article"
    assert checked > 5


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "source.yaml"
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE = """\
article:
  id: test-article
  title: Judul
"""


def test_fact_without_quote_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
people:
  - id: someone
    label: Someone
""")
    with pytest.raises(SourceError, match="every fact needs the sentence"):
        load_source(path)


def test_error_points_at_the_offending_line(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
innovations:
  - id: 12.05/x
    label: X
    region: "12.05"
    year: twenty
    quotes: [Kalimat.]
""")
    with pytest.raises(SourceError) as caught:
        load_source(path)
    assert caught.value.line == 8
    assert "innovations.0.year" in str(caught.value)


def test_unquoted_region_code_is_refused(tmp_path: Path) -> None:
    # YAML reads 12.10 as the number 12.1: codes must be quoted strings.
    path = write(tmp_path, ARTICLE + """\
masterplans:
  - region: 12.10
    quotes: [Kalimat.]
""")
    with pytest.raises(SourceError, match=r"masterplans\.0\.region"):
        load_source(path)


def test_inferred_must_name_a_field_with_a_value(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
innovations:
  - id: 12.05/x
    label: X
    region: "12.05"
    inferred:
      dimension: because
    quotes: [Kalimat.]
""")
    with pytest.raises(SourceError, match="no value to mark as inferred"):
        load_source(path)


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
people:
  - id: someone
    label: Someone
    nmae: typo
    quotes: [Kalimat.]
""")
    with pytest.raises(SourceError, match="nmae"):
        load_source(path)


def test_innovation_id_is_scoped_by_its_region(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
innovations:
  - id: 12.07/x
    label: X
    region: "12.05"
    quotes: [Kalimat.]
""")
    with pytest.raises(SourceError, match="must start with its region"):
        load_source(path)


def test_white_space_in_quotes_is_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
people:
  - id: someone
    label: Someone
    quotes: ["Dua\u00a0 spasi  di sini."]
""")
    assert load_source(path).model.people[0].quotes == ["Dua spasi di sini."]


def test_not_a_mapping_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="mapping"):
        load_source(write(tmp_path, "- just\n- a list\n"))


def test_a_title_split_off_a_name_is_refused_with_its_line(tmp_path: Path) -> None:
    # YAML reads [H. Sujarno, S.Sos, M.Si] as three spellings: "S.Sos" is no spelling.
    path = write(tmp_path, ARTICLE + """\
people:
  - id: sujarno
    label: Sujarno
    as_written: [H. Sujarno, S.Sos, M.Si]
    quotes: [Kalimat.]
""")
    with pytest.raises(SourceError) as caught:
        load_source(path)
    assert caught.value.line == 7
    assert "people.0.as_written" in str(caught.value)
    assert "'S.Sos' is only a title" in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_every_inference_gives_its_reason_in_both_languages(path: Path) -> None:
    for section, index, record in load_source(path).model.records():
        for name, reason in record.inferred.items():
            assert reason.en, f"{section}[{index}].{name}"
            assert reason.id, f"{section}[{index}].{name} has no Indonesian reason"


def test_reason_is_a_string_or_both_languages(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
innovations:
  - id: 12.05/x
    label: X
    region: "12.05"
    dimension: smart-living
    year: 2024
    inferred:
      dimension: Only English.
      year: {en: In English., id: Dalam bahasa Indonesia.}
    quotes: [Kalimat.]
""")
    inferred = load_source(path).model.innovations[0].inferred
    assert (inferred["dimension"].en, inferred["dimension"].id) == ("Only English.", None)
    assert inferred["year"].id == "Dalam bahasa Indonesia."


def test_inferred_values_must_be_values_of_the_field(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
events:
  - id: 2024/x
    type: Evaluation
    organisers: [kominfo]
    inferred:
      organisers: {values: [ditjen-aptika], en: Not among the organisers., id: Bukan penyelenggara.}
    quotes: [Kalimat.]
""")
    with pytest.raises(SourceError, match="are not all values of the field"):
        load_source(path)


def test_a_former_post_cannot_also_be_seen_held_later(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
holdings:
  - person: someone
    post: 12.05/pemda/bupati
    attested_on: 2018-12-13
    ended_before: 2018-12-13
    quotes: [Kalimat.]
""")
    with pytest.raises(SourceError, match="a former post has only ended_before"):
        load_source(path)


def test_the_title_check_is_for_people_only(tmp_path: Path) -> None:
    # "SE", "ST", "MA" are titles after a person's name, but may be how an article writes an
    # organisation or an event.
    path = write(tmp_path, ARTICLE + """\
organisations:
  - id: some-company
    type: Company
    label: PT Some Company
    as_written: [ST, MA]
    quotes: [Kalimat.]
events:
  - id: 2024/x
    type: Evaluation
    as_written: [SE]
    quotes: [Kalimat.]
""")
    model = load_source(path).model
    assert model.organisations[0].as_written == ["ST", "MA"]
    assert model.events[0].as_written == ["SE"]


@pytest.mark.parametrize("text", [
    "inferred:\n      year: {en: Only English in the two-language form.}",
    "inferred:\n      year: {id: Hanya bahasa Indonesia.}",
    "note: {en: Only English in the two-language form.}",
])
def test_the_two_language_form_needs_both_languages(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, ARTICLE + f"""\
innovations:
  - id: 12.05/x
    label: X
    region: "12.05"
    year: 2024
    {text}
    quotes: [Kalimat.]
""")
    with pytest.raises(SourceError, match="give both languages"):
        load_source(path)


def test_a_note_is_english_or_both_languages(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
people:
  - id: someone
    label: Someone
    note: In English only.
    quotes: [Kalimat.]
  - id: another
    label: Another
    note: {en: In English., id: Dalam bahasa Indonesia.}
    quotes: [Kalimat.]
""")
    first, second = load_source(path).model.people
    assert (first.note.en, first.note.id) == ("In English only.", None)  # type: ignore[union-attr]
    assert (second.note.en, second.note.id) == ("In English.",  # type: ignore[union-attr]
                                                "Dalam bahasa Indonesia.")


@pytest.mark.parametrize("path", [*SOURCE_FILES, *sorted((REPO / "graph" / "reference")
                                                         .glob("*.yaml"))],
                         ids=lambda p: p.stem)
def test_every_note_is_in_both_languages(path: Path) -> None:
    for section, index, record in load_source(path).model.records():
        if record.note:
            assert record.note.id, f"{section}[{index}] note has no Indonesian"


@pytest.mark.parametrize(("published", "kind"), [
    ("2024", int), ("2024-09", str), ("2024-09-12", "date"), ("2018-05-08T10:39:15+07:00", "dt"),
])
def test_a_publication_date_may_be_a_year_or_a_month(tmp_path: Path, published: str,
                                                     kind: object) -> None:
    path = write(tmp_path, ARTICLE + f"  published: {published}\n")
    value = load_source(path).model.article.published  # type: ignore[union-attr]
    expected = {"date": dt.date, "dt": dt.datetime}.get(kind, kind)  # type: ignore[call-overload]
    assert type(value) is expected
    assert str(value).startswith(published[:7])


def test_a_month_read_from_an_address_is_marked_inferred(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE + """\
  url: https://example.org/2024/09/x.html
  published: 2024-09
  inferred:
    published: {en: The address says /2024/09/., id: Alamatnya menyebut /2024/09/.}
""")
    article = load_source(path).model.article
    assert article is not None
    assert article.inferred["published"].id == "Alamatnya menyebut /2024/09/."
    bad = write(tmp_path, ARTICLE + "  published: 2024-13\n")
    with pytest.raises(SourceError, match=r"article\.published"):
        load_source(bad)
    unset = write(tmp_path, ARTICLE + "  inferred:\n    published: No date.\n")
    with pytest.raises(SourceError, match="no value to mark as inferred"):
        load_source(unset)
