"""Finding entities in normalised words: regions, provinces, years, pillars.

Exact lookups over folded n-grams come first ("pangkal pinang" == "pangkalpinang");
rapidfuzz is asked only about words no index knows, and only when the caller wants it.
The words around names (kind words, everyday names, membership cues) come from
knowledge/words.yaml, section `regions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..knowledge.gazetteer import fold
from ..knowledge.store import Knowledge
from ..knowledge.words import Words

_YEAR = re.compile(r"^(19|20)\d\d$")
OTHER_KIND = "other_kind"  # RegionHit.alias_kind: the kind asked for has no region of that name ("kota nunukan")
MAX_NGRAM = 6
PREFIX_SCORE = 80.0  # a name's first words: worth offering, never answered without asking


@dataclass(frozen=True)
class RegionHit:
    """A place in the message that names one or more regions."""

    start: int
    end: int
    codes: tuple[str, ...]
    alias_kind: str | None = None  # e.g. "place_in" for Purwokerto
    alias: str | None = None
    score: float = 100.0


@dataclass
class Entities:
    regions: list[RegionHit] = field(default_factory=list)
    provinces: list[tuple[int, int, str]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    pillars: list[tuple[int, int, str, bool]] = field(default_factory=list)  # (start, end, id, by_label)
    alt_names: list[tuple[int, int, str]] = field(default_factory=list)
    year_spans: list[int] = field(default_factory=list)

    def region_codes(self) -> list[str]:
        codes: list[str] = []
        for hit in self.regions:
            codes.extend(c for c in hit.codes if c not in codes)
        return codes


class Lexicon:
    """Name indexes built once per knowledge version."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.regions: dict[str, list[tuple[str, str | None, str | None]]] = {}
        for region in knowledge.regions.values():
            self._add_region(fold(region.base), region.code)
            self._add_region(fold(region.name), region.code)
        for alias in knowledge.aliases:
            if alias.kind != "province":
                self._add_region(fold(alias.alias), alias.target, alias.kind, alias.alias)
        self.provinces: dict[str, str] = {}
        for province in knowledge.provinces.values():
            self.provinces[fold(province.name)] = province.code
            self.provinces[fold("provinsi " + province.name)] = province.code
        for alias in knowledge.aliases:
            if alias.kind == "province":
                self.provinces[fold(alias.alias)] = alias.target
        self.pillars: dict[str, tuple[str, bool]] = {}
        for pillar in knowledge.pillars.values():
            for keyword in pillar.keywords:
                self.pillars.setdefault(fold(keyword), (pillar.id, False))
            self.pillars[fold(pillar.label)] = (pillar.id, True)
            self.pillars[fold(pillar.label.split()[-1])] = (pillar.id, True)
        self.alt_names = {fold(a.label): a.label for a in knowledge.records.alt_names if fold(a.label) not in self.pillars}
        self.fuzzy_keys = [k for k in self.regions if len(k) >= 4]
        self.kinds = {r.code: r.kind for r in knowledge.regions.values()}
        self.bases = {r.code: r.base for r in knowledge.regions.values()}
        self.first_words: dict[str, list[str]] = {}  # "tanah" -> Tanah Bumbu, Tanah Datar, ...: the first words of longer names
        for code, base in self.bases.items():
            parts = [fold(part) for part in base.split()]
            for n in range(1, len(parts)):
                self.first_words.setdefault("".join(parts[:n]), []).append(code)
        self.words = knowledge.words

    def _add_region(self, key: str, code: str, kind: str | None = None, alias: str | None = None) -> None:
        targets = self.regions.setdefault(key, [])
        if all(t[0] != code for t in targets):
            targets.append((code, kind, alias))


def _kind_around(words: list[str], start: int, end: int, lists: Words) -> str | None:
    """The kind the words around a name give it: 'kota X', 'city of X', 'X regency', 'X city'."""
    kinds, english = lists.kinds, lists.english_kinds
    if start > 0 and words[start - 1] in kinds:
        return kinds[words[start - 1]]
    if start > 1 and words[start - 1] == "of" and words[start - 2] in english:
        return english[words[start - 2]]
    if end < len(words) and words[end] in english:
        return english[words[end]]
    return None


def _guarded(key: str, words: list[str], start: int, lists: Words) -> bool:
    """True when an everyday word should not be read as a region here: only after a kind word,
    or in a short message that asks about membership, does it count."""
    if key not in lists.everyday_names:
        return False
    if start > 0 and words[start - 1] in lists.kinds:
        return False
    return not (len(words) <= 6 and any(w in lists.membership_cues for w in words))


def find_entities(words: list[str], lexicon: Lexicon) -> Entities:
    """Exact entities in normalised words (longest match first, left to right)."""
    found = Entities()
    for index, word in enumerate(words):
        if _YEAR.match(word):
            found.years.append(int(word))
            found.year_spans.append(index)
    _scan(words, lexicon.provinces, lambda s, e, v: found.provinces.append((s, e, v)))
    _scan(words, lexicon.pillars, lambda s, e, v: found.pillars.append((s, e, v[0], v[1])))
    _scan(words, lexicon.alt_names, lambda s, e, v: found.alt_names.append((s, e, v)))

    def add_region(start: int, end: int, targets: list[tuple[str, str | None, str | None]]) -> int | None:
        if words[start] in lexicon.words.kinds:  # "kabupaten tangerang selatan": the longer name after the kind word
            longer = _longer_name(words, start + 1, end, lexicon)
            if longer is not None:
                start, end, targets = start + 1, longer, lexicon.regions["".join(words[start + 1:longer])]
        key = "".join(words[start:end])
        if _guarded(key, words, start, lexicon.words):
            return None
        codes = [t[0] for t in targets]
        kind = _kind_around(words, start, end, lexicon.words)
        alias_kind = next((t[1] for t in targets if t[0] in codes and t[1]), None)
        alias = next((t[2] for t in targets if t[0] in codes and t[2]), None)
        if kind and words[start] not in lexicon.words.kinds:
            narrowed = [c for c in codes if lexicon.kinds[c] == kind]
            if not narrowed:  # "kota nunukan": there is only Kabupaten Nunukan
                alias_kind, alias = OTHER_KIND, f"{kind.capitalize()} {lexicon.bases[codes[0]]}"
            codes = narrowed or codes
        found.regions.append(RegionHit(start, end, tuple(codes), alias_kind, alias))
        return end

    _scan(words, lexicon.regions, add_region)
    _prefer_longer_names(found)
    return found


def _longer_name(words: list[str], start: int, end: int, lexicon: Lexicon) -> int | None:
    """The end of a region name starting at `start` that reaches past `end`, if there is one."""
    for stop in range(min(start + MAX_NGRAM, len(words)), end, -1):
        if "".join(words[start:stop]) in lexicon.regions:
            return stop
    return None


def _prefer_longer_names(found: Entities) -> None:
    """'DI Yogyakarta' is the province, not Kota Yogyakarta; 'Kota Jambi' is the city, not the province."""
    def inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return b[0] <= a[0] and a[1] <= b[1] and (b[1] - b[0]) > (a[1] - a[0])

    provinces = [(s, e) for s, e, _ in found.provinces]
    found.regions = [h for h in found.regions if not any(inside((h.start, h.end), p) for p in provinces)]
    regions = [(h.start, h.end) for h in found.regions]
    found.provinces = [p for p in found.provinces if not any(inside((p[0], p[1]), r) for r in regions)]


def _scan(words: list[str], index: dict, on_hit) -> None:  # type: ignore[type-arg, no-untyped-def]
    i = 0
    while i < len(words):
        for n in range(min(MAX_NGRAM, len(words) - i), 0, -1):
            key = "".join(words[i:i + n])
            if key in index:
                reached = on_hit(i, i + n, index[key])
                i = reached if isinstance(reached, int) else i + n
                break
        else:
            i += 1


@dataclass(frozen=True)
class FuzzyResult:
    """What fuzzy matching thinks an unknown name is."""

    query: str
    choices: tuple[tuple[str, float], ...]  # (region code, score), best first
    confident: bool


def fuzzy_region(words: list[str], taken: set[int], vocabulary: frozenset[str], lexicon: Lexicon) -> FuzzyResult | None:
    """Match runs of unknown words against region names; None when nothing resembles one."""
    runs: list[tuple[int, list[str]]] = []  # (index of the first word, the words)
    run: list[str] = []
    lists = lexicon.words
    after_kind = False  # words after "kab"/"kota" are a name even when they are also everyday words ("kab tanah")
    for index, word in enumerate(words + [""]):
        free = index < len(words) and index not in taken and word.isalpha() and word not in lists.kinds
        named = free and (word not in vocabulary or (after_kind and word not in lists.everyday))
        if named:
            run.append(word)
        elif run:
            runs.append((index - len(run), run))
            run = []
        after_kind = word in lists.kinds or (after_kind and named)
    best: FuzzyResult | None = None
    for start, run in runs:
        if best is None and len(fold("".join(run))) >= 3:
            best = FuzzyResult(" ".join(run), (), False)
        query = fold("".join(run[:MAX_NGRAM]))
        if len(query) < 4:
            continue
        hits = process.extract(query, lexicon.fuzzy_keys, scorer=fuzz.ratio, limit=8, score_cutoff=72)
        scored: dict[str, float] = {}
        for key, score, _ in hits:
            for code, _kind, _alias in lexicon.regions[key]:
                scored[code] = max(scored.get(code, 0.0), score)
        starting = _starting_with(query, lexicon)  # "kab tanah", "lombok": the first words of several names
        if starting:
            scored = {c: s for c, s in scored.items() if s > PREFIX_SCORE + 5}  # they beat loose resemblances
            for code in starting:
                scored.setdefault(code, PREFIX_SCORE)
        kind = _kind_around(words, start, start + len(run), lexicon.words)  # "kota bandunk": only kota
        if kind and any(lexicon.kinds[c] == kind for c in scored):
            scored = {c: v for c, v in scored.items() if lexicon.kinds[c] == kind}
        if not scored:
            continue
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        top = ranked[0][1]
        same_name = [c for c, s in ranked if s == top]
        runner_up = next((s for c, s in ranked if s < top), 0.0)
        confident = top >= 85 and top - runner_up >= 5 and len(same_name) <= 2 and _same_base(same_name, lexicon)
        result = FuzzyResult(" ".join(run), tuple(ranked[:4]), confident)
        if best is None or not best.choices or top > best.choices[0][1]:
            best = result
    return best


def _starting_with(query: str, lexicon: Lexicon) -> list[str]:
    """Regions whose name begins with the whole words of `query` ("tanah" -> Tanah Bumbu, Tanah Datar, ...)."""
    return lexicon.first_words.get(query, []) if len(query) >= 4 else []


def _same_base(codes: list[str], lexicon: Lexicon) -> bool:
    """Two codes tie only when they share a name (Kota and Kabupaten Bogor)."""
    if len(codes) == 1:
        return True
    keys = [{k for k, targets in lexicon.regions.items() if any(t[0] == c for t in targets)} for c in codes]
    return bool(keys[0] & keys[1])

