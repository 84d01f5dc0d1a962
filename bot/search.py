"""Search for shareable entries (regions, provinces, cohorts, pillars): what inline mode lists.

Each kind of entry is a small class that knows how to score itself against a
query and which engine action renders it, so searching is one loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from .actions import Cohort, Pillar, Province, Region, encode
from .knowledge.gazetteer import fold
from .knowledge.store import Knowledge
from .understanding.normalise import normalise


@dataclass(frozen=True)
class Hit:
    key: str  # stable id: the string form of the action rendering it
    title: str
    description: str
    score: float
    kind: str | None = None  # a region's kind (kota, kabupaten); None for other entries


class Entry(Protocol):
    def hits(self, query: str, knowledge: Knowledge, lang: str) -> Iterator[Hit]: ...


def _score(query: str, name: str) -> float:
    """100 for an exact folded name, 90 for a prefix, 70 for a word inside, 0 otherwise."""
    folded = fold(name)
    if not query:
        return 1.0
    if folded == query:
        return 100.0
    if folded.startswith(query):
        return 90.0 - len(folded) / 100
    words = [fold(w) for w in name.split()]
    if any(w.startswith(query) for w in words):
        return 75.0 - len(folded) / 100
    return 70.0 if query in folded else 0.0


def _aliases(knowledge: Knowledge, provinces: bool) -> dict[str, list[str]]:
    """Region (or province) code -> the aliases that name it."""
    names: dict[str, list[str]] = {}
    for alias in knowledge.aliases:
        if (alias.kind == "province") == provinces:
            names.setdefault(alias.target, []).append(alias.alias)
    return names


class RegionEntries:
    def hits(self, query: str, knowledge: Knowledge, lang: str) -> Iterator[Hit]:
        alias_names = _aliases(knowledge, provinces=False)
        for region in knowledge.regions.values():
            names = [region.name, region.base, *alias_names.get(region.code, [])]
            score = max(_score(query, n) for n in names)
            if score <= 0 or (not query and region.code not in knowledge.members_by_region):
                continue
            years = sorted({m.year for m in knowledge.members_by_region.get(region.code, []) if m.status != "not_taken_up"})
            province = knowledge.provinces[region.province].name
            detail = f"{province} · {', '.join(map(str, years))}" if years else province
            bonus = 5 if years else 0
            yield Hit(encode(Region(region.code)), region.name, detail, score + bonus, region.kind)


class ProvinceEntries:
    def hits(self, query: str, knowledge: Knowledge, lang: str) -> Iterator[Hit]:
        if not query:
            return  # an empty query lists what took part: the cohorts, pillars and regions
        aliases = _aliases(knowledge, provinces=True)
        for province in knowledge.provinces.values():
            score = max(_score(query, n) for n in [province.name, f"provinsi {province.name}", *aliases.get(province.code, [])])
            if score > 0:
                regions = knowledge.regions_in_province(province.code)
                joined = sum(1 for r in regions if r.code in knowledge.members_by_region)
                yield Hit(encode(Province(province.code)), province.name, f"{joined}/{len(regions)} kab/kota", score + 8)


class CohortEntries:
    def hits(self, query: str, knowledge: Knowledge, lang: str) -> Iterator[Hit]:
        label = "Kohort" if lang == "id" else "Cohort"
        for cohort in knowledge.cohorts.values():
            if not cohort.size:
                continue
            names = [str(cohort.year), f"kohort {cohort.year}", f"cohort {cohort.year}", f"angkatan {cohort.year}"]
            score = max(_score(query, n) for n in names)
            if score > 0:
                yield Hit(encode(Cohort(cohort.year)), f"{label} {cohort.year}", f"{cohort.size} kab/kota", score + 10)


class PillarEntries:
    def hits(self, query: str, knowledge: Knowledge, lang: str) -> Iterator[Hit]:
        for pillar in knowledge.pillars.values():
            names = [pillar.label, pillar.label.split()[-1], *pillar.keywords, "pilar", "pillar"]
            score = max(_score(query, n) for n in names)
            if score > 0:
                yield Hit(encode(Pillar(pillar.id)), pillar.label, pillar.name.get(lang), score)


ENTRIES: tuple[Entry, ...] = (CohortEntries(), PillarEntries(), ProvinceEntries(), RegionEntries())


def search(knowledge: Knowledge, query: str, lang: str) -> list[Hit]:
    """Every entry matching the query, best first (empty query: cohorts, pillars, participating regions)."""
    words = normalise(query, knowledge.words)  # as a question is read: "kab" is "kabupaten"
    kind = knowledge.words.plain_kinds.get(words[0]) if len(words) > 1 else None  # "kab oki": a kabupaten named OKI
    folded = fold(" ".join(words[1:] if kind else words))
    hits = [hit for entry in ENTRIES for hit in entry.hits(folded, knowledge, lang) if kind is None or hit.kind == kind]
    return sorted(hits, key=lambda h: (-h.score, h.title))
