"""The source file format (docs/source-format.md): one YAML file per news article.

The pydantic models below are the format's schema; `load_source` reads a file and reports any
problem with the file name and line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

# ---------------------------------------------------------------------------- value types

RegionCode = Annotated[str, Field(pattern=r"^\d{2}\.\d{2}$", description="Kemendagri code, quoted")]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# An id scoped by region or organisation: "12.05/dinas-kominfo", "kominfo/menteri".
Path_ = Annotated[
    str, Field(pattern=r"^(\d{2}\.\d{2}|[a-z0-9]+(-[a-z0-9]+)*)(/[a-z0-9]+([-.][a-z0-9]+)*)*$")
]
# A reference whose kind varies: "org:12.05/pemda", "person:rudiantara", "post:kominfo/menteri".
Ref = Annotated[str, Field(pattern=r"^(org|person|post):[a-z0-9./-]+$")]
Year = Annotated[int, Field(ge=2000, le=2100)]
# A month without its day, as some pages date an article only by its address (/2024/09/).
YearMonth = Annotated[str, Field(pattern=r"^20\d{2}-(0[1-9]|1[0-2])$")]
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
Count = Annotated[int, Field(ge=0)]

Dimension = Literal[
    "smart-governance", "smart-branding", "smart-economy",
    "smart-living", "smart-society", "smart-environment",
]
Role = Literal[
    "bupati", "pj-bupati", "wakil-bupati", "wali-kota", "wakil-wali-kota", "sekretaris-daerah",
    "asisten", "kepala-dinas", "kepala-bappeda", "inspektur", "menteri", "direktur-jenderal",
    "direktur", "tenaga-ahli", "evaluator",
]
Stage = Literal["tahap-i", "tahap-ii"]
OrganisationType = Literal[
    "Ministry", "NationalAgency", "GovernmentUnit", "LocalGovernment", "LocalAgency",
    "SmartCityCouncil", "Company", "MediaOrganization", "Association",
]
EventType = Literal[
    "Evaluation", "MasterplanEvaluation", "Assessment", "MoUSigning", "ProgrammeOpening",
    "CouncilMeeting",
]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def normalise_space(text: str) -> str:
    """Collapse runs of white space (articles are full of non-breaking and double spaces)."""
    return " ".join(text.split())


def _quotes(value: Any) -> Any:
    value = _as_list(value)
    return [normalise_space(v) if isinstance(v, str) else v for v in value or []]


# Quoted sentences and spellings as written: verbatim, but with white space normalised.
Strings = Annotated[list[str], BeforeValidator(_quotes)]

# Academic, professional and religious titles that Indonesian sources glue to names. YAML reads
# "[H. Sujarno, S.Sos, M.Si]" as three spellings; a "spelling" that is only a title is that slip.
TITLES = frozenset("""
    a.md a.ma ak amd dr dra drs h hj ir ir.h lc m.a m.ag m.ak m.ap m.e m.eng m.h m.hum m.kes
    m.kom m.m m.pd m.psi m.sc m.si m.sp m.t ma mag mak map mba me meng mh mkes mkom mm mpd
    msc msi msp mt ph.d phd prof s.ag s.e s.h s.hut s.i.kom s.ip s.kep s.ked s.kom s.pd
    s.psi s.si s.sos s.stp s.t s.th se sh sip skm spd ssos sstp st
""".split())  # noqa: SIM905 (a list this long reads better as words)


def is_title(text: str) -> bool:
    """'S.Sos', 'M.Si.', 'SE', 'Drs.': one word that is only a title."""
    word = text.strip().strip(",").rstrip(".").lower()
    return " " not in word and word in TITLES


def _spellings(value: list[str]) -> list[str]:
    for spelling in value:
        if is_title(spelling):
            raise ValueError(f"{spelling!r} is only a title, not a spelling of the name; a "
                             "spelling that contains commas must be quoted as one string")
    return value


# People's spellings only: "SE", "MA" or "ST" may well be an organisation's name as written.
PersonSpellings = Annotated[list[str], BeforeValidator(_quotes), AfterValidator(_spellings)]


class Text(BaseModel):
    """An editorial text: a plain string (English), or `{en: ..., id: ...}` with both languages,
    so that pages in either language can show it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str
    id: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_or_both(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"en": value}
        if isinstance(value, dict) and not (value.get("en") and value.get("id")):
            raise ValueError("give both languages, {en: ..., id: ...}, or a plain string "
                             "(English)")
        return value


class Reason(Text):
    """Why a field is inferred; `values` narrows it to some values of a list field (the others
    are stated)."""

    values: list[str] = []


Reasons = dict[str, Reason]


def _check_inferred(model: BaseModel, inferred: Reasons, own: tuple[str, ...]) -> None:
    """Each name under `inferred:` is a field of the model that has a value."""
    for name, reason in inferred.items():
        if name not in type(model).model_fields or name in own:
            raise ValueError(f"inferred: {name!r} is not a field of this record")
        value = getattr(model, name)
        if value in (None, []):
            raise ValueError(f"inferred: field {name!r} has no value to mark as inferred")
        if reason.values and not (isinstance(value, list) and set(reason.values) <= set(value)):
            raise ValueError(f"inferred: {name}: values {reason.values} are not all values "
                             f"of the field")


# ---------------------------------------------------------------------------- records


class Record(BaseModel):
    """What every fact record has: the sentences that state it, and what is only inferred."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quotes: Strings = []
    note: Text | None = None
    sources: list[Url] = Field([], description="pages that support reference data (dct:source)")
    inferred: Reasons = {}

    @model_validator(mode="after")
    def _inferred_names_set_fields(self) -> Record:
        _check_inferred(self, self.inferred, ("quotes", "note", "sources", "inferred"))
        return self


class Named(Record):
    """An entity declared here (type and label) or only mentioned (as_written and quotes)."""

    label: str | None = None
    label_en: str | None = None
    as_written: Strings = []


class Place(Named):
    id: Slug
    type: Literal["Venue", "Place"] | None = None
    in_region: RegionCode | None = None


class Organisation(Named):
    id: Path_
    type: OrganisationType | None = None
    part_of: Path_ | None = None
    council_of: Path_ | None = None
    description: str | None = None


class Programme(Named):
    id: Slug
    lead_organisation: Path_ | None = None
    start_year: Year | None = None
    planned_end_year: Year | None = None


class Person(Named):
    id: Slug
    as_written: PersonSpellings = []
    honorific_prefix: str | None = None
    honorific_suffix: str | None = None
    member_of: list[Path_] = []


class Post(Named):
    id: Path_
    role: Role | None = None
    organisation: Path_ | None = None


class Holding(Record):
    person: Slug
    post: Path_
    role: Role | None = Field(None, description="capacity, when it differs from the post's role")
    appointed_by: Path_ | None = Field(None, description="organisation that appointed the holder")
    attested_on: dt.date | None = None
    ended_before: dt.date | None = Field(None, description='"mantan": ended by this date')

    @model_validator(mode="after")
    def _held_before_it_ended(self) -> Holding:
        if self.attested_on and self.ended_before and self.attested_on >= self.ended_before:
            raise ValueError(f"a holding seen on {self.attested_on} cannot have ended before "
                             f"{self.ended_before}; a former post has only ended_before")
        return self


class Cohort(Record):
    programme: Slug
    year: Year
    number_of_regions: Count | None = None
    cumulative_number_of_regions: Count | None = None
    planned_number_of_regions: Count | None = None
    planned_cumulative_number_of_regions: Count | None = None


class Participation(Record):
    programme: Slug
    region: RegionCode
    cohort: Year | None = None
    phase_label: str | None = None


class Masterplan(Record):
    region: RegionCode
    year: Year | None = None
    presented_at: list[Path_] = []


class SelectionCriterion(Named):
    id: Slug


class Innovation(Named):
    id: Path_
    region: RegionCode
    dimension: Dimension | None = None
    quick_win: bool = False
    year: Year | None = None
    expansion: str | None = None
    description: str | None = None
    implemented_by: list[Path_] = []
    site: Slug | None = None
    presented_at: list[Path_] = []

    @model_validator(mode="after")
    def _scoped_by_region(self) -> Innovation:
        if not self.id.startswith(self.region + "/"):
            raise ValueError(f"innovation id {self.id!r} must start with its region {self.region}/")
        if self.label is None:
            raise ValueError("an innovation needs a label (its name, normalised)")
        return self


class Event(Named):
    id: Path_
    type: Annotated[list[EventType], BeforeValidator(_as_list)]
    programme: Slug | None = None
    part_of: Path_ | None = None
    stage: Stage | None = None
    theme: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    venue: Slug | None = None
    attendance: Literal["offline", "online", "mixed"] | None = None
    organisers: list[Path_] = []
    in_cooperation_with: list[Path_] = []
    participants: list[Ref] = []
    presenters: list[Ref] = []
    resource_persons: list[Ref] = []
    evaluators: list[Ref] = []
    opened_by: list[Ref] = []
    number_of_participating_regions: Count | None = None
    number_of_evaluators: Count | None = None
    selection_criteria: list[Slug] = []

    @model_validator(mode="after")
    def _dates_in_order(self) -> Event:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"event ends ({self.end}) before it starts ({self.start})")
        return self


class Award(Named):
    id: Path_
    recipient: Ref
    programme: Slug | None = None
    year: Year | None = None
    dimension: Dimension | None = None
    awarded_for: Path_ | None = None


class LegalInstrument(Named):
    id: Path_
    type: Literal["RegentDecree", "MemorandumOfUnderstanding"]
    title: str | None = None
    number: str | None = None
    year: Year | None = None
    issued_by: Ref | None = None
    jurisdiction: RegionCode | None = None
    establishes: list[Path_] = []
    parties: list[Ref] = []
    signatories: list[Slug] = []
    signed_on: dt.date | None = None
    signed_at: Path_ | None = None
    subject: Slug | None = Field(None, description="the programme it concerns")


class Partnership(Record):
    programme: Slug
    year: Year
    partner: Path_
    role: str | None = Field(None, description="the partner's part, as written")


class OrganisationChange(Named):
    """A change of organisations (W3C ORG org:ChangeEvent): a renaming, a merger, a split."""

    id: Slug
    original: list[Path_] = Field(min_length=1, description="organisations before the change")
    resulting: list[Path_] = Field(min_length=1, description="organisations after the change")
    date: dt.date
    description: str | None = None


class Article(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    title: str
    language: str = "id"
    seed: str | None = Field(None, description="file name in the seed corpus, if from there")
    url: Url | None = None
    publisher: Path_ | None = None
    byline: str | None = None
    dateline: str | None = None
    published: dt.datetime | dt.date | Year | YearMonth | None = Field(
        None, description="date-time, date, year (2024) or month (2024-09)")
    about: list[RegionCode] = []
    inferred: Reasons = {}

    @model_validator(mode="after")
    def _inferred_names_set_fields(self) -> Article:
        _check_inferred(self, self.inferred, ("id", "inferred"))
        return self


SECTIONS = (
    "places", "organisations", "programmes", "people", "posts", "holdings", "cohorts",
    "participations", "masterplans", "selection_criteria", "innovations", "events", "awards",
    "legal_instruments", "partnerships", "changes",
)


class SourceFile(BaseModel):
    """A source file: an article and the facts it states, or reference data (no article)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article: Article | None = None
    places: list[Place] = []
    organisations: list[Organisation] = []
    programmes: list[Programme] = []
    people: list[Person] = []
    posts: list[Post] = []
    holdings: list[Holding] = []
    cohorts: list[Cohort] = []
    participations: list[Participation] = []
    masterplans: list[Masterplan] = []
    selection_criteria: list[SelectionCriterion] = []
    innovations: list[Innovation] = []
    events: list[Event] = []
    awards: list[Award] = []
    legal_instruments: list[LegalInstrument] = []
    partnerships: list[Partnership] = []
    changes: list[OrganisationChange] = []

    def records(self) -> list[tuple[str, int, Record]]:
        """Every record with its section and index, in file order."""
        return [
            (section, index, record)
            for section in SECTIONS
            for index, record in enumerate(getattr(self, section))
        ]

    @model_validator(mode="after")
    def _article_facts_are_quoted(self) -> SourceFile:
        if self.article is None:
            return self
        for section, index, record in self.records():
            if not record.quotes:
                raise ValueError(f"{section}[{index}]: every fact needs the sentence it comes "
                                 "from (quotes)")
        return self


# ---------------------------------------------------------------------------- loading


class SourceError(Exception):
    """A source file that cannot be read: names the file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class _Mapping(dict[str, Any]):
    """A YAML mapping that remembers the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader, building mappings that know their lines."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return mapping


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest mapping key along a pydantic error location."""
    line = getattr(data, "line", None)
    node = data
    for step in loc:
        if isinstance(node, _Mapping) and isinstance(step, str) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            line = getattr(node, "line", line)
        else:
            break
    return line


@dataclass
class LoadedSource:
    path: Path
    model: SourceFile
    lines: dict[tuple[str, int], int] = field(default_factory=dict)  # (section, index) -> line

    def line_of(self, section: str, index: int) -> int | None:
        return self.lines.get((section, index))


def load_source(path: Path) -> LoadedSource:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(path, None, f"cannot read: {error}") from error
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise SourceError(path, line, f"malformed YAML: {error.problem or error}") from error
    except yaml.YAMLError as error:
        raise SourceError(path, None, f"malformed YAML: {error}") from error
    if not isinstance(data, dict):
        raise SourceError(path, 1, "a source file must be a YAML mapping of sections")
    try:
        model = SourceFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(first["loc"])
        where = ".".join(str(step) for step in loc) or "file"
        raise SourceError(path, _line_of(data, loc), f"{where}: {first['msg']}") from error
    lines = {}
    for section in SECTIONS:
        for index, item in enumerate(data.get(section) or []):
            if isinstance(item, _Mapping):
                lines[(section, index)] = item.line
    return LoadedSource(path=path, model=model, lines=lines)
