"""docs/knowledge.md stays honest: every message in its "validate says" table is what validation really prints.

Each row of the table is recreated here as a mistake on a copy of tests/fixtures/knowledge; the message the
guide documents (the part after `file:line: `) must be among the problems validation reports for that copy,
for the same file. A row without a mistake here, or a mistake without its row, fails too.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.answers.registry import known_intents
from bot.knowledge.parse import ALIAS_KINDS, MEMBER_COLUMNS, PILLAR_IDS, parse_knowledge
from bot.knowledge.records import CONFIDENCES, MEMBER_STATUSES

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "knowledge.md"
FIXTURE = ROOT / "tests" / "fixtures" / "knowledge"
TABLE_HEADER = "| validate says | what it means | how to fix it |"
ROW = re.compile(r"^\| `(?P<file>[\w.]+):(?P<line>\d+): (?P<message>[^`]+)` \|")


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    message: str


def documented_rows() -> list[Row]:
    """The first cell of every row of the guide's "validate says" table."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    start = lines.index(TABLE_HEADER)
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        match = ROW.match(line)
        assert match, f"table row does not start with `file:line: message`: {line}"
        rows.append(Row(match["file"], int(match["line"]), match["message"]))
    return rows


# --- ways to break a copy ---------------------------------------------------------------------------------

Break = Callable[[Path], None]


def replace(name: str, old: str, new: str) -> Break:
    def apply(directory: Path) -> None:
        path = directory / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is no longer in the fixture {name}; update this test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def append(name: str, text: str) -> Break:
    def apply(directory: Path) -> None:
        with (directory / name).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return apply


def remove(name: str) -> Break:
    def apply(directory: Path) -> None:
        os.remove(directory / name)
    return apply


@dataclass(frozen=True)
class Mistake:
    name: str
    file: str
    key: str  # a piece of the documented message that picks out its row
    make: Break


MISTAKES = [
    Mistake("missing closing quote", "programme.yaml", "found '<scalar>'",
            replace("programme.yaml", '"Dimulai tahun 2017."', '"Dimulai tahun 2017.')),
    Mistake("bad indentation", "programme.yaml", "found '<block mapping start>'",
            replace("programme.yaml", "    topic: programme.start", "   topic: programme.start")),
    Mistake("colon in unquoted text", "sources.yaml", "mapping values are not allowed here",
            replace("sources.yaml", 'title: "Test source B"', "title: Kominfo: Smart City")),
    Mistake("tab character", "programme.yaml", "cannot start any token",
            replace("programme.yaml", "    confidence: medium", "\tconfidence: medium")),
    Mistake("same alias written twice", "aliases.yaml", "duplicate key",
            replace("aliases.yaml", "  Solo: Kota Surakarta\n", "  Solo: Kota Surakarta\n  OKI: Kabupaten Ogan Komering Ilir\n")),
    Mistake("alias twice, other spelling", "aliases.yaml", "is already defined on line",
            replace("aliases.yaml", "  Solo: Kota Surakarta\n", "  Solo: Kota Surakarta\n  oki: Kabupaten Ogan Komering Ilir\n")),
    Mistake("region typo", "members.csv", "did you mean",
            replace("members.csv", "Kabupaten Banyuwangi", "Kabupaten Banyuwangy")),
    Mistake("name of two regions", "members.csv", "matches 2 regions",
            replace("members.csv", "Kota Bandung", "Bandung")),
    Mistake("duplicate member", "members.csv", "duplicate member",
            append("members.csv", "2022,Kota Pangkalpinang,member,H,src-a,\n")),
    Mistake("missing id", "programme.yaml", "missing 'id'",
            replace("programme.yaml", "  - id: start\n    topic", "  - topic")),
    Mistake("missing en text", "programme.yaml", "is missing its 'en' text",
            replace("programme.yaml", '      en: "It began in 2017."\n', "")),
    Mistake("text without languages", "programme.yaml", "must have 'id:' and 'en:' text",
            replace("programme.yaml", '    text:\n      id: "Dimulai tahun 2017."\n      en: "It began in 2017."\n',
                    '    text: "It began in 2017."\n')),
    Mistake("fact without source", "programme.yaml", "this fact has no source",
            replace("programme.yaml", "    sources: [src-b]\n    confidence: medium", "    confidence: medium")),
    Mistake("total without source", "cohorts.yaml", "this total has no source",
            replace("cohorts.yaml", "    total_sources: [src-a]\n", "")),
    Mistake("member without source", "members.csv", "every member needs a source id",
            replace("members.csv", "2017,Kota Bandung,member,H,src-b,", "2017,Kota Bandung,member,H,,")),
    Mistake("unknown source id", "programme.yaml", "unknown source",
            replace("programme.yaml", "    sources: [src-b]\n    confidence: medium", "    sources: [src-c]\n    confidence: medium")),
    Mistake("year out of range", "members.csv", "is out of range",
            append("members.csv", "2009,Kota Malang,member,H,src-a,\n")),
    Mistake("year without cohort", "members.csv", "has no entry in cohorts.yaml",
            append("members.csv", "2019,Kota Malang,member,H,src-a,\n")),
    Mistake("year not a number", "members.csv", "year must be a number",
            append("members.csv", "2O19,Kota Malang,member,H,src-a,\n")),
    Mistake("impossible date", "cohorts.yaml", "is not a real date",
            replace("cohorts.yaml", "date: 2017-05-22", "date: 2017-13-45")),
    Mistake("date in the wrong order", "cohorts.yaml", "must be a date like",
            replace("cohorts.yaml", "date: 2017-05-22", "date: 22-05-2017")),
    Mistake("bad status", "members.csv", "status must be one of",
            replace("members.csv", "2017,Kota Bandung,member", "2017,Kota Bandung,anggota")),
    Mistake("bad confidence letter", "members.csv", "confidence must be H, M or L",
            replace("members.csv", "2017,Kota Bandung,member,H", "2017,Kota Bandung,member,High")),
    Mistake("bad confidence word", "programme.yaml", "'confidence' must be one of",
            replace("programme.yaml", "confidence: medium", "confidence: tinggi")),
    Mistake("wrong column name", "members.csv", "missing column(s) year;",
            replace("members.csv", "year,region,status", "tahun,region,status")),
    Mistake("semicolons instead of commas", "members.csv", "missing column(s) year, region",
            replace("members.csv", "year,region,status,confidence,source,note", "year;region;status;confidence;source;note")),
    Mistake("comma in unquoted note", "members.csv", "a comma inside a value needs quotes",
            replace("members.csv", '"a note, with a comma"', "a note, with a comma")),
    Mistake("unknown intent", "phrasings.yaml", "unknown intent",
            replace("phrasings.yaml", "  greeting:", "  greetings:")),
    Mistake("unknown province", "aliases.yaml", "unknown province",
            replace("aliases.yaml", "Sumsel: Sumatera Selatan", "Sumsel: Sumatra Selatan")),
    Mistake("unknown alias kind", "aliases.yaml", "alias kind must be one of",
            replace("aliases.yaml", "kind: place_in", "kind: town")),
    Mistake("unknown role", "people.yaml", "unknown role",
            replace("people.yaml", "role: menkominfo", "role: menteri")),
    Mistake("partial not true/false", "cohorts.yaml", "'partial' must be true or false",
            replace("cohorts.yaml", "partial: true", "partial: ya")),
    Mistake("id with capitals and spaces", "programme.yaml", "may use only lowercase letters",
            replace("programme.yaml", "id: start", "id: Start 2017")),
    Mistake("duplicate fact id", "programme.yaml", "duplicate fact id",
            replace("programme.yaml", "id: start", "id: what")),
    Mistake("duplicate source id", "sources.yaml", "duplicate source id",
            append("sources.yaml", '  - id: src-a\n    title: "Another"\n    publisher: Example\n    url: https://example.org/c\n')),
    Mistake("url without https", "sources.yaml", "url must start with",
            replace("sources.yaml", "url: https://example.org/b", "url: example.org/b")),
    Mistake("unknown topic", "programme.yaml", "unknown topic",
            replace("programme.yaml", "topic: programme.start", "topic: programme.strat")),
    Mistake("same url twice", "sources.yaml", "this url is already source",
            append("sources.yaml", '  - id: src-c\n    title: "Again"\n    publisher: Example\n    url: https://example.org/a\n')),
    Mistake("duplicate cohort year", "cohorts.yaml", "duplicate cohort year",
            replace("cohorts.yaml", "year: 2020", "year: 2017")),
    Mistake("slang without its word", "words.yaml", "maps to nothing", replace("words.yaml", "  yg: yang\n", "  yg:\n")),
    Mistake("slang to slang", "words.yaml", "which is itself slang", replace("words.yaml", "  brapa: berapa\n", "  brapa: brp\n")),
    Mistake("question word as filler", "words.yaml", "fillers are dropped", replace("words.yaml", "[dong, donk,", "[dong, apa, donk,")),
    Mistake("word twice in a list", "words.yaml", "is already in", replace("words.yaml", "[dong, donk,", "[dong, donk, dong,")),
    Mistake("two words in one entry", "words.yaml", "must be one word",
            replace("words.yaml", "[dong, donk,", "[dong, terima kasih, donk,")),
    Mistake("on without quotes", "words.yaml", "was read as true", replace("words.yaml", 'in, "on", to', "in, on, to")),
    Mistake("capital letter in a word", "words.yaml", "is never seen as written", replace("words.yaml", "  yg: yang\n", "  Yg: yang\n")),
    Mistake("word in both languages", "words.yaml", "is both Indonesian",
            replace("words.yaml", "[what, who, when, how,", "[what, who, when, how, ikut,")),
    Mistake("kind word without a kind", "words.yaml", "must mean kabupaten or kota",
            replace("words.yaml", "    regency: kabupaten\n", "    regency: regency\n")),
    Mistake("everyday name of no region", "words.yaml", "needs no guard",
            replace("words.yaml", "[batu, puncak,", "[batu, batubata, puncak,")),
    Mistake("misspelt section", "words.yaml", "unknown section", replace("words.yaml", "\nfillers:\n", "\nfiller:\n")),
    Mistake("file missing or renamed", "people.yaml", "file is missing", remove("people.yaml")),
]


def rows_for(mistake: Mistake, rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.file == mistake.file and mistake.key in r.message]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_documented_message_is_what_validation_says(mistake: Mistake, tmp_path: Path) -> None:
    rows = rows_for(mistake, documented_rows())
    assert len(rows) == 1, f"expected one table row in {GUIDE.name} for {mistake.file} containing {mistake.key!r}, found {rows}"
    copy = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, copy)
    mistake.make(copy)
    _, problems = parse_knowledge(copy, known_intents())
    said = [str(p) for p in problems]
    assert any(p.file == rows[0].file and p.message == rows[0].message for p in problems), (
        f"the guide documents {rows[0].file}:{rows[0].line}: {rows[0].message}\nbut validate says:\n" + "\n".join(said)
    )


def test_every_table_row_is_checked() -> None:
    rows = documented_rows()
    assert len(rows) >= 20
    unchecked = [r for r in rows if not any(r in rows_for(m, rows) for m in MISTAKES)]
    assert unchecked == [], f"rows of the table no mistake in this test reproduces: {unchecked}"


def test_fixture_is_valid_before_breaking() -> None:
    _, problems = parse_knowledge(FIXTURE, known_intents())
    assert [str(p) for p in problems] == []


def test_guide_names_every_knowledge_file() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    files = sorted(p.name for p in (ROOT / "knowledge").iterdir() if p.suffix in (".yaml", ".yml", ".csv"))
    assert files, "no knowledge files found"
    missing = [name for name in files if f"`{name}`" not in guide and f"knowledge/{name}" not in guide]
    assert missing == [], f"docs/knowledge.md does not mention {missing}"


def test_guide_lists_the_allowed_values() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    values = [*MEMBER_STATUSES, *CONFIDENCES, *ALIAS_KINDS, *PILLAR_IDS, "H", "M", "L", ",".join(MEMBER_COLUMNS)]
    missing = [v for v in values if f"`{v}`" not in guide]
    assert missing == [], f"docs/knowledge.md does not mention these allowed values: {missing}"


def test_guide_intents_exist() -> None:
    """Every intent the guide names in phrasing examples is one the bot knows."""
    guide = GUIDE.read_text(encoding="utf-8")
    named = {
        name for name in re.findall(r"`((?:programme|cohort|region|province|people|pillars?|event)\.[a-z_]+)`", guide)
        if not name.endswith(("yaml", "csv"))
    }
    assert named, "the guide names no intents"
    assert named <= known_intents(), f"the guide names unknown intents: {sorted(named - known_intents())}"
