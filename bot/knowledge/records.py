"""The records knowledge is made of: what validation produces, the database holds and answers read.

Every record is a small frozen dataclass; bilingual text is a `Text` (id, en).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

LANGS = ("id", "en")
CONFIDENCES = ("high", "medium", "low")
MEMBER_STATUSES = ("member", "disputed", "not_taken_up")
FIRST_YEAR, LAST_YEAR = 2017, 2030


class Text(NamedTuple):
    """A sentence in both languages."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    date: str | None = None


@dataclass(frozen=True)
class Fact:
    id: str
    topic: str
    text: Text
    sources: tuple[str, ...]
    confidence: str
    order: int = 0


@dataclass(frozen=True)
class Pillar:
    id: str
    label: str
    name: Text
    description: Text
    elements_id: tuple[str, ...]
    elements_en: tuple[str, ...]
    keywords: tuple[str, ...]
    sources: tuple[str, ...]
    confidence: str
    order: int = 0

    def elements(self, lang: str) -> tuple[str, ...]:
        return self.elements_en if lang == "en" else self.elements_id


@dataclass(frozen=True)
class AltName:
    label: str
    maps_to: str | None
    explanation: Text
    order: int = 0


@dataclass(frozen=True)
class AltScheme:
    source: str
    confidence: str
    note: Text


@dataclass(frozen=True)
class Cohort:
    year: int
    size: int
    partial: bool
    sources: tuple[str, ...]
    total: int | None = None
    total_sources: tuple[str, ...] = ()
    mou_date: str | None = None
    mou_place: Text | None = None
    mou_sources: tuple[str, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class Membership:
    year: int
    region: str  # region code
    status: str
    confidence: str  # high | medium | low
    source: str
    note: str = ""


@dataclass(frozen=True)
class RegionRecord:
    code: str
    name: str
    kind: str
    base: str
    province: str  # province code


@dataclass(frozen=True)
class ProvinceRecord:
    code: str
    name: str


@dataclass(frozen=True)
class Alias:
    alias: str
    target: str  # region code, or province code when kind == "province"
    kind: str = "abbreviation"


@dataclass(frozen=True)
class Role:
    id: str
    name: Text


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str
    sources: tuple[str, ...]
    confidence: str
    start: str | None = None
    end: str | None = None
    note: Text | None = None
    order: int = 0


@dataclass(frozen=True)
class Event:
    id: str
    date: str
    regions: tuple[str, ...]
    text: Text
    sources: tuple[str, ...]
    confidence: str


@dataclass(frozen=True)
class Phrasing:
    intent: str
    lang: str
    text: str


@dataclass(frozen=True)
class Word:
    """One entry of words.yaml: `section` is where it stands ("informal", "language.english", ...)."""

    section: str
    word: str
    meaning: str = ""  # the standard word(s) for slang, the kind for a kind word; else empty


@dataclass
class Records:
    """Everything the knowledge files hold, validated and resolved."""

    sources: list[Source] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    pillars: list[Pillar] = field(default_factory=list)
    alt_scheme: list[AltScheme] = field(default_factory=list)
    alt_names: list[AltName] = field(default_factory=list)
    cohorts: list[Cohort] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    regions: list[RegionRecord] = field(default_factory=list)
    provinces: list[ProvinceRecord] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    phrasings: list[Phrasing] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)


# Table name in the database for each list in Records, with its record class.
TABLES: dict[str, type] = {
    "sources": Source,
    "facts": Fact,
    "pillars": Pillar,
    "alt_scheme": AltScheme,
    "alt_names": AltName,
    "cohorts": Cohort,
    "memberships": Membership,
    "regions": RegionRecord,
    "provinces": ProvinceRecord,
    "aliases": Alias,
    "roles": Role,
    "people": Person,
    "events": Event,
    "phrasings": Phrasing,
    "words": Word,
}
