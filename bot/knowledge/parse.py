"""Knowledge files -> validated Records, collecting every problem as `file:line: message`.

One small parser per file (words.yaml's lives in words.py); `parse_knowledge(dir)` runs
them all and checks the references between files (sources, regions, pillars, roles).
"""

from __future__ import annotations

from pathlib import Path

from rapidfuzz import process
from rapidfuzz.fuzz import ratio

from .fields import FileChecker
from .files import LDict, LList, read_csv, read_yaml
from .gazetteer import Gazetteer, fold, load_gazetteer, split_kind
from .problems import Problem
from .records import (
    LANGS,
    MEMBER_STATUSES,
    Alias,
    AltName,
    AltScheme,
    Cohort,
    Event,
    Fact,
    Membership,
    Person,
    Phrasing,
    Pillar,
    Records,
    Role,
    Source,
)
from .words import parse_words

PILLAR_IDS = ("smart_governance", "smart_branding", "smart_economy", "smart_living", "smart_society", "smart_environment")
ALIAS_KINDS = ("abbreviation", "popular", "place_in", "old_name", "spelling")
MEMBER_COLUMNS = ["year", "region", "status", "confidence", "source", "note"]
_CONFIDENCE_LETTERS = {"H": "high", "M": "medium", "L": "low", "": "high"}


class RegionNames:
    """Resolves region names written by admins to gazetteer codes, with helpful errors."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._bases = {r.code: fold(r.base) for r in gazetteer.regions.values()}

    def code(self, name: str, checker: FileChecker, line: int) -> str | None:
        if name in self.gazetteer.regions:
            return name
        found = self.gazetteer.resolve(name)
        if len(found) == 1:
            return found[0].code
        if len(found) > 1:
            names = " and ".join(r.name for r in found)
            checker.problem(line, f"region '{name}' matches {len(found)} regions ({names}): write the full name")
            return None
        best = process.extractOne(fold(split_kind(name)[1]), self._bases, scorer=ratio)
        hint = f"; did you mean '{self.gazetteer.regions[best[2]].name}'?" if best and best[1] >= 80 else ""
        checker.problem(line, f"unknown region '{name}' (not in the Kemendagri gazetteer){hint}")
        return None


def parse_sources(data: LDict, c: FileChecker) -> list[Source]:
    items = c.section(data, "sources")
    found: dict[str, Source] = {}
    urls: dict[str, str] = {}
    for line, item in c.entries(items or LList(), "source"):
        sid = c.ident(item)
        title, publisher, url = c.string(item, "title"), c.string(item, "publisher"), c.string(item, "url")
        date = c.date(item, "date")
        if url and not url.startswith(("http://", "https://")):
            c.problem(item.line_of("url"), f"url must start with http:// or https://, not {url!r}")
        if sid and sid in found:
            c.problem(line, f"duplicate source id '{sid}'")
        elif url and url in urls:
            c.problem(item.line_of("url"), f"this url is already source '{urls[url]}': cite that id instead")
        elif sid and title and publisher and url:
            urls[url] = sid
            found[sid] = Source(sid, title, publisher, url, date)
    return list(found.values())


def parse_programme(data: LDict, c: FileChecker, topics: set[str] | None) -> list[Fact]:
    facts: dict[str, Fact] = {}
    for order, (line, item) in enumerate(c.entries(c.section(data, "facts") or LList(), "fact")):
        fid, topic, text = c.ident(item), c.ident(item, "topic"), c.text(item, "text")
        if topic and topics is not None and topic not in topics:
            best = process.extractOne(topic, sorted(topics), scorer=ratio)
            hint = f" (did you mean '{best[0]}'?)" if best and best[1] >= 80 else ""
            c.problem(item.line_of("topic"), f"unknown topic '{topic}'{hint}; the topics are listed in docs/intents.md")
            topic = None
        sources, confidence = c.sources(item, what="fact"), c.confidence(item)
        if fid and fid in facts:
            c.problem(line, f"duplicate fact id '{fid}'")
        elif fid and topic and text and sources:
            facts[fid] = Fact(fid, topic, text, sources, confidence, order)
    return list(facts.values())


def parse_pillars(data: LDict, c: FileChecker, records: Records) -> None:
    seen: set[str] = set()
    for order, (line, item) in enumerate(c.entries(c.section(data, "pillars") or LList(), "pillar")):
        pid = c.ident(item)
        if pid and pid not in PILLAR_IDS:
            c.problem(item.line_of("id"), f"unknown pillar id '{pid}'; the six are {', '.join(PILLAR_IDS)}")
            continue
        if pid in seen:
            c.problem(line, f"duplicate pillar '{pid}'")
            continue
        label, name, desc = c.string(item, "label"), c.text(item, "name"), c.text(item, "description")
        elements = item.get("elements")
        el: dict[str, tuple[str, ...]] = {lang: () for lang in LANGS}
        if isinstance(elements, LDict):
            el = {lang: c.strings(elements, lang) for lang in LANGS}
        else:
            c.problem(item.line_of("elements"), "'elements' must have 'id:' and 'en:' lists")
        keywords = tuple(k.lower() for k in c.strings(item, "keywords"))
        sources, confidence = c.sources(item, what="pillar"), c.confidence(item)
        if pid and label and name and desc and sources:
            seen.add(pid)
            records.pillars.append(Pillar(pid, label, name, desc, el["id"], el["en"], keywords, sources, confidence, order))
    for missing in sorted(set(PILLAR_IDS) - seen):
        c.problem(data.line_of("pillars"), f"pillar '{missing}' is missing")
    alt = c.section(data, "alternative_names", kind=LDict, required=False)
    if alt is None:
        return
    source, note = c.string(alt, "source"), c.text(alt, "note")
    if source and c.known_source(source, alt.line_of("source")) and note:
        records.alt_scheme.append(AltScheme(source, c.confidence(alt), note))
    for order, (_line, item) in enumerate(c.entries(c.section(alt, "names") or LList(), "name")):
        label, explanation = c.string(item, "label"), c.text(item, "explanation")
        maps_to = item.get("maps_to")
        if maps_to is not None and maps_to not in PILLAR_IDS:
            c.problem(item.line_of("maps_to"), f"maps_to must be one of the six pillar ids or null, not {maps_to!r}")
            continue
        if label and explanation:
            records.alt_names.append(AltName(label, maps_to, explanation, order))


def parse_cohorts(data: LDict, c: FileChecker) -> list[Cohort]:
    cohorts: dict[int, Cohort] = {}
    for line, item in c.entries(c.section(data, "cohorts") or LList(), "cohort"):
        year, size = c.year(item), c.integer(item, "size")
        partial = item.get("partial", False)
        if not isinstance(partial, bool):
            c.problem(item.line_of("partial"), "'partial' must be true or false")
            partial = False
        sources = c.sources(item, what="cohort")
        total = c.integer(item, "total", required=False)
        total_sources = c.sources(item, "total_sources", what="total") if total is not None else ()
        mou = c.section(item, "mou", kind=LDict, required=False)
        mou_date = mou_place = None
        mou_sources: tuple[str, ...] = ()
        if mou is not None:
            mou_date, mou_place = c.date(mou, "date", required=True), c.text(mou, "place")
            mou_sources = c.sources(mou, what="MoU")
        note = c.text(item, "note", required=False)
        if year is not None and year in cohorts:
            c.problem(line, f"duplicate cohort year {year}")
        elif year is not None and size is not None and sources:
            cohorts[year] = Cohort(year, size, partial, sources, total, total_sources, mou_date, mou_place, mou_sources, note)
    return sorted(cohorts.values(), key=lambda k: k.year)


def parse_members(path: Path, c: FileChecker, names: RegionNames, years: set[int]) -> list[Membership]:
    found: dict[tuple[int, str], Membership] = {}
    for line, row in read_csv(path, MEMBER_COLUMNS, c.problems):
        year_text = row["year"]
        if not year_text.isdigit():
            c.problem(line, f"year must be a number like 2022, not {year_text!r}")
            continue
        year = c.year_in_range(int(year_text), line)
        if year is None:
            continue
        if years and year not in years:
            c.problem(line, f"year {year} has no entry in cohorts.yaml")
        if not row["region"]:
            c.problem(line, "missing region name")
            continue
        code = names.code(row["region"], c, line)
        status = row["status"] or "member"
        if status not in MEMBER_STATUSES:
            c.problem(line, f"status must be one of {', '.join(MEMBER_STATUSES)}, not {status!r}")
            continue
        letter = row["confidence"].upper()
        if letter not in _CONFIDENCE_LETTERS:
            c.problem(line, f"confidence must be H, M or L, not {row['confidence']!r}")
            continue
        if not row["source"]:
            c.problem(line, "missing source: every member needs a source id")
            continue
        if not c.known_source(row["source"], line) or code is None:
            continue
        if (year, code) in found:
            c.problem(line, f"duplicate member: {row['region']} is already listed for {year}")
            continue
        found[(year, code)] = Membership(year, code, status, _CONFIDENCE_LETTERS[letter], row["source"], row["note"])
    return list(found.values())


def parse_aliases(data: LDict, c: FileChecker, names: RegionNames, gazetteer: Gazetteer) -> list[Alias]:
    aliases: list[Alias] = []
    seen: dict[str, int] = {}

    def remember(alias: str, line: int) -> bool:
        key = fold(alias)
        if key in seen:
            c.problem(line, f"alias '{alias}' is already defined on line {seen[key]}")
            return False
        seen[key] = line
        return True

    regions = c.section(data, "regions", kind=LDict)
    for alias, target in (regions or {}).items():
        line = regions.line_of(alias)
        kind = "abbreviation"
        if isinstance(target, LDict):
            kind = str(target.get("kind", "abbreviation"))
            # "regions: [Kota Tasikmalaya, Kabupaten Tasikmalaya]": a word for two places, asked which is meant
            target = target.get("regions") if "regions" in target else target.get("region")
            if kind not in ALIAS_KINDS:
                c.problem(line, f"alias kind must be one of {', '.join(ALIAS_KINDS)}, not {kind!r}")
                continue
        targets = list(target) if isinstance(target, list) else [target]
        if not targets or not all(isinstance(t, str) for t in targets):
            c.problem(line, f"alias '{alias}' needs a region name (or a list of region names)")
            continue
        codes = [names.code(str(t), c, line) for t in targets]
        if all(codes) and remember(str(alias), line):
            aliases.extend(Alias(str(alias), code, kind) for code in dict.fromkeys(codes) if code)
    provinces = c.section(data, "provinces", kind=LDict, required=False)
    for alias, target in (provinces or {}).items():
        line = provinces.line_of(alias)
        province = gazetteer.resolve_province(str(target)) if isinstance(target, str) else None
        if province is None:
            c.problem(line, f"unknown province {target!r} (write the official name, e.g. Sumatera Selatan)")
            continue
        if remember(str(alias), line):
            aliases.append(Alias(str(alias), province.code, "province"))
    return aliases


def parse_people(data: LDict, c: FileChecker, names: RegionNames, records: Records) -> None:
    roles = c.section(data, "roles", kind=LDict)
    for rid, value in (roles or {}).items():
        holder = LDict({"name": value})
        holder.line, holder.key_lines = roles.line_of(rid), {"name": roles.line_of(rid)}
        text = c.text(holder, "name")
        if text:
            records.roles.append(Role(str(rid), text))
    role_ids = {r.id for r in records.roles}
    for order, (_line, item) in enumerate(c.entries(c.section(data, "people") or LList(), "person")):
        pid, name, role = c.ident(item), c.string(item, "name"), c.string(item, "role")
        if role and role not in role_ids:
            c.problem(item.line_of("role"), f"unknown role '{role}' (add it under roles:)")
            role = None
        start, end = c.date(item, "start"), c.date(item, "end")
        note, sources, confidence = c.text(item, "note", required=False), c.sources(item, what="person"), c.confidence(item)
        if pid and name and role and sources:
            records.people.append(Person(pid, name, role, sources, confidence, start, end, note, order))
    for _line, item in c.entries(c.section(data, "events", required=False) or LList(), "event"):
        eid, date, text = c.ident(item), c.date(item, "date", required=True), c.text(item, "text")
        codes = tuple(filter(None, (names.code(n, c, item.line_of("regions")) for n in c.strings(item, "regions"))))
        sources, confidence = c.sources(item, what="event"), c.confidence(item)
        if eid and date and text and sources:
            records.events.append(Event(eid, date, codes, text, sources, confidence))


def parse_phrasings(data: LDict, c: FileChecker, intents: set[str] | None) -> list[Phrasing]:
    found: list[Phrasing] = []
    section = c.section(data, "intents", kind=LDict)
    for intent, langs in (section or {}).items():
        line = section.line_of(intent)
        if intents is not None and intent not in intents:
            c.problem(line, f"unknown intent '{intent}'")
            continue
        if not isinstance(langs, LDict):
            c.problem(line, f"'{intent}' needs 'id:' and 'en:' lists of example questions")
            continue
        for lang in LANGS:
            for text in c.strings(langs, lang, required=False):
                found.append(Phrasing(str(intent), lang, text))
    return found


def parse_knowledge(directory: Path, intents: set[str] | None = None) -> tuple[Records, list[Problem]]:
    """Read and check every knowledge file; returns the records and all problems found."""
    problems: list[Problem] = []
    records = Records()
    gazetteer = load_gazetteer()
    names = RegionNames(gazetteer)
    records.regions = list(gazetteer.regions.values())
    records.provinces = list(gazetteer.provinces.values())

    def load(name: str) -> tuple[LDict | None, FileChecker]:
        return read_yaml(directory / name, problems), FileChecker(name, problems, source_ids)

    data, checker = read_yaml(directory / "sources.yaml", problems), FileChecker("sources.yaml", problems)
    records.sources = parse_sources(data, checker) if data is not None else []
    source_ids = {s.id for s in records.sources}

    data, c = load("programme.yaml")
    if data is not None:
        topics = {i for i in intents if i.startswith("programme.")} if intents is not None else None
        records.facts = parse_programme(data, c, topics)
    data, c = load("pillars.yaml")
    if data is not None:
        parse_pillars(data, c, records)
    data, c = load("cohorts.yaml")
    if data is not None:
        records.cohorts = parse_cohorts(data, c)
    c = FileChecker("members.csv", problems, source_ids)
    records.memberships = parse_members(directory / "members.csv", c, names, {k.year for k in records.cohorts})
    data, c = load("aliases.yaml")
    if data is not None:
        records.aliases = parse_aliases(data, c, names, gazetteer)
    data, c = load("people.yaml")
    if data is not None:
        parse_people(data, c, names, records)
    data, c = load("phrasings.yaml")
    if data is not None:
        records.phrasings = parse_phrasings(data, c, intents)
    data, c = load("words.yaml")
    if data is not None:
        region_keys = {fold(r.base) for r in records.regions} | {fold(r.name) for r in records.regions}
        records.words = parse_words(data, c, region_keys | {fold(a.alias) for a in records.aliases if a.kind != "province"})

    return records, sorted(set(problems))

