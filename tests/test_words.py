"""knowledge/words.yaml: admins extend the word lists; broken lists are file:line problems; a reload uses new words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.answers.registry import known_intents
from bot.engine import Engine
from bot.knowledge.parse import parse_knowledge
from bot.knowledge.words import Words
from bot.reloading import EngineHolder

ROOT = Path(__file__).resolve().parent.parent


def problems_of(directory: Path) -> list[str]:
    _, problems = parse_knowledge(directory, known_intents())
    return [str(p) for p in problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_new_slang_word_is_understood_after_a_live_reload(mini_copy: Path, tmp_path: Path) -> None:
    holder = EngineHolder(Engine.load(mini_copy, tmp_path), mini_copy, tmp_path)
    before = holder.current.ask("kapankah mulainya")
    assert before.intent == "unknown"
    edit(mini_copy / "words.yaml", "informal:\n", "informal:\n  kapankah: kapan\n")
    result = holder.reload()
    assert result.ok and result.changed
    after = holder.current.ask("kapankah mulainya")
    assert after.intent == "programme.start"
    assert "2017" in after.plain()


def test_a_new_engine_reads_new_fillers_kind_words_and_everyday_names(mini_copy: Path, tmp_path: Path) -> None:
    words = mini_copy / "words.yaml"
    edit(words, "[dong, donk,", "[dong, donk, bund,")
    edit(words, "    kota: kota\n", "    kota: kota\n    kotamadya: kota\n")
    edit(words, "[batu, puncak,", "[batu, malang, puncak,")
    engine = Engine.load(mini_copy, tmp_path)
    assert engine.understand("kapan program ini dimulai bund").words == ["kapan", "program", "ini", "dimulai"]
    assert engine.understand("kotamadya bogor ikut ga").regions == ["32.71"]  # the kota only, not Kabupaten Bogor
    assert engine.understand("malang sekali nasib saya, tahun ini gagal lagi").regions == []
    assert sorted(engine.understand("kota malang ikut ga").regions) == ["35.73"]


def test_new_words_for_the_shape_of_a_question(mini_copy: Path, tmp_path: Path) -> None:
    """The words that used to be fixed in code (kind plurals, negation, ...) are the admin's to extend."""
    before = Engine.load(mini_copy, tmp_path / "before")
    assert before.understand("how many towns joined in 2017").frame.kinds == []
    assert before.understand("berapa kota kecuali kabupaten yang ikut 2017").frame.kinds == []
    words = mini_copy / "words.yaml"
    edit(words, "    cities: kota\n", "    cities: kota\n    towns: kota\n")
    edit(words, "  negation: [bukan,", "  negation: [kecuali, bukan,")
    after = Engine.load(mini_copy, tmp_path / "after")
    assert after.understand("how many towns joined in 2017").frame.kinds == ["kota"]
    assert after.understand("berapa kota kecuali kabupaten yang ikut 2017").frame.kinds == ["kota"]


def test_knowledge_carries_the_word_lists_through_the_database(mini_engine: Engine) -> None:
    records, problems = parse_knowledge(ROOT / "tests" / "fixtures" / "knowledge", known_intents())
    assert problems == []
    words = mini_engine.knowledge.words
    assert words == Words.from_records(records.words)
    assert words.informal["dmn"] == ("di", "mana") and "dong" in words.fillers
    assert words.english_kinds["regency"] == "kabupaten" and "ikut" in words.membership_cues


def test_validate_command_reports_a_question_word_made_a_filler(mini_copy: Path) -> None:
    edit(mini_copy / "words.yaml", "[dong, donk,", "[dong, kapan, donk,")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "validate", "--knowledge", str(mini_copy)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 1
    assert "words.yaml:138: filler 'kapan' is also in language.indonesian (line 147)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ["words.yaml:1: missing section 'informal:'", "words.yaml:1: missing section 'fillers:'",
              "words.yaml:1: missing section 'language:'", "words.yaml:1: missing section 'regions:'"]),
        ("informal: [yg, yang]\nfillers: {dong: 1}\nlanguage: [a]\nregions: 3\n",
         ["words.yaml:1: 'informal' must be a mapping of slang: standard word lines",
          "words.yaml:2: 'fillers' must be a list of words like [a, b]",
          "words.yaml:3: 'language' must be a mapping (name: value lines)",
          "words.yaml:4: 'regions' must be a mapping (name: value lines)"]),
        ("informal:\n  yg: [yang]\n  ok: 12.5\nfillers: [[dong], ~, 7]\n"
         "language:\n  indonesian: [apa]\n  english: [what]\n  shared: []\n  strong_indonesian: [apa]\n  strong_english: [what]\n"
         "regions:\n  kinds: [kota]\n  english_kinds:\n    city: 2\n  everyday_names: [1]\n  membership_cues: [ikut]\n",
         ["words.yaml:12: 'kinds' must be a mapping of word: kind lines",
          "words.yaml:14: 'city' in regions.english_kinds must mean kabupaten or kota, not '2'",
          "words.yaml:15: each name in regions.everyday_names must be a region name, not 1",
          "words.yaml:2: 'yg' in informal must map to text, not ['yang']",
          "words.yaml:3: 'ok' in informal must map to text, not 12.5",
          "words.yaml:4: each entry in fillers must be a word, not ['dong']",
          "words.yaml:4: empty word in fillers"]),
        ("informal: {}\nfillers: []\nlanguage:\n  indonesian: [di]\n  english: [Di, in, di.]\n  shared: []\n"
         "  strong_indonesian: []\n  strong_english: []\nregions:\n  kinds: {}\n  english_kinds: {}\n"
         "  everyday_names: []\n  membership_cues: [ada apa]\n",
         ["words.yaml:13: 'ada apa' in regions.membership_cues must be one word (no spaces): give each word its own entry",
          "words.yaml:5: 'Di' in language.english is never seen as written: the bot reads lower-case letters and digits only "
          "(no capitals, accents or punctuation)",
          "words.yaml:5: 'di.' in language.english is never seen as written: the bot reads lower-case letters and digits only "
          "(no capitals, accents or punctuation)"]),
    ],
    ids=["empty file", "sections of the wrong shape", "entries of the wrong type", "words not as the bot reads them"],
)
def test_broken_words_file_is_reported_line_by_line(mini_copy: Path, text: str, expected: list[str]) -> None:
    (mini_copy / "words.yaml").write_text(text, encoding="utf-8")
    assert sorted(problems_of(mini_copy)) == sorted(expected)


@pytest.mark.parametrize(
    "tail, expected",
    [
        ("questions:\n  counts: [berapa]\n",
         ["words.yaml:2: unknown section 'questions.counts'; the sections here are questions.count, questions.share, "
          "questions.most, questions.least, questions.latest, questions.not_yet, questions.repeat, questions.compare, "
          "questions.outside, questions.now, "
          "questions.range, questions.since, questions.before, questions.after, questions.not_known, "
          "questions.island, questions.cohort, questions.follow, questions.refer, questions.to_english, questions.to_indonesian, "
          "questions.language_request, questions.programme, questions.official, questions.signing, questions.launch, questions.successor, "
          "questions.many, questions.province, questions.negation, questions.more, questions.year, questions.venue, questions.once"]),
        ("areas:\n  - name: Jawa\n    code: 31\n    words: [jawa]\n",
         ["words.yaml:3: an area's code must be one digit, the first of its provinces' Kemendagri codes (e.g. 3 for Jawa)"]),
        ("areas:\n  - name: Jawa\n    code: 3\n",
         ["words.yaml:2: an area needs words: a list like [jawa, java]"]),
    ],
    ids=["misspelt question list", "area code of two digits", "area without words"],
)
def test_broken_question_words_are_reported(mini_copy: Path, tail: str, expected: list[str]) -> None:
    path = mini_copy / "words.yaml"
    text = path.read_text(encoding="utf-8")
    head = text[: min(i for i in (text.find("\nquestions:"), text.find("\nareas:"), len(text)) if i >= 0)].rstrip("\n") + "\n"
    offset = head.count("\n")
    path.write_text(head + tail, encoding="utf-8")
    moved = [f"words.yaml:{int(p.split(':')[1]) + offset}:{p.split(':', 2)[2]}" for p in expected]
    assert [p for p in problems_of(mini_copy) if p.startswith("words.yaml")] == moved


def test_missing_words_file(mini_copy: Path) -> None:
    (mini_copy / "words.yaml").unlink()
    assert problems_of(mini_copy) == ["words.yaml:0: file is missing"]

