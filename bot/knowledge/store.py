"""The loaded knowledge: records plus the lookups answers need, built once per load."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .build import build
from .database import read_database
from .records import (
    Alias,
    Cohort,
    Event,
    Fact,
    Membership,
    Person,
    Pillar,
    ProvinceRecord,
    Records,
    RegionRecord,
    Source,
)
from .words import Words


@dataclass
class Knowledge:
    """Read-only view over one version of the knowledge base."""

    records: Records
    content_hash: str = ""
    regions: dict[str, RegionRecord] = field(init=False)
    provinces: dict[str, ProvinceRecord] = field(init=False)
    sources: dict[str, Source] = field(init=False)
    cohorts: dict[int, Cohort] = field(init=False)
    pillars: dict[str, Pillar] = field(init=False)
    facts_by_topic: dict[str, list[Fact]] = field(init=False)
    members_by_year: dict[int, list[Membership]] = field(init=False)
    members_by_region: dict[str, list[Membership]] = field(init=False)
    events_by_region: dict[str, list[Event]] = field(init=False)
    aliases: list[Alias] = field(init=False)
    words: Words = field(init=False)

    def __post_init__(self) -> None:
        r = self.records
        self.regions = {x.code: x for x in r.regions}
        self.provinces = {x.code: x for x in r.provinces}
        self.sources = {x.id: x for x in r.sources}
        self.cohorts = {x.year: x for x in r.cohorts}
        self.pillars = {x.id: x for x in sorted(r.pillars, key=lambda p: p.order)}
        facts: dict[str, list[Fact]] = defaultdict(list)
        for fact in sorted(r.facts, key=lambda f: f.order):
            facts[fact.topic].append(fact)
        self.facts_by_topic = dict(facts)
        by_year: dict[int, list[Membership]] = defaultdict(list)
        by_region: dict[str, list[Membership]] = defaultdict(list)
        for m in r.memberships:
            by_year[m.year].append(m)
            by_region[m.region].append(m)
        self.members_by_year = dict(by_year)
        self.members_by_region = {k: sorted(v, key=lambda m: m.year) for k, v in by_region.items()}
        events: dict[str, list[Event]] = defaultdict(list)
        for event in r.events:
            for code in event.regions:
                events[code].append(event)
        self.events_by_region = dict(events)
        self.aliases = list(r.aliases)
        self.words = Words.from_records(r.words)

    def province_of(self, region_code: str) -> ProvinceRecord:
        return self.provinces[self.regions[region_code].province]

    def regions_in_province(self, province_code: str) -> list[RegionRecord]:
        return [x for x in self.regions.values() if x.province == province_code]

    def people(self, role: str | None = None) -> list[Person]:
        return [p for p in sorted(self.records.people, key=lambda p: p.order) if role is None or p.role == role]


def load_knowledge(directory: Path, data_dir: Path, intents: set[str] | None = None) -> Knowledge:
    """Validate and build when the files changed, then load. Raises KnowledgeError when invalid."""
    path, _ = build(directory, data_dir, intents=intents)
    records = read_database(path)
    return Knowledge(records, content_hash=path.stem.removeprefix("knowledge-"))
