"""Validation: every broken knowledge file is reported as file:line: message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.registry import known_intents
from bot.cli import main
from bot.engine import Engine
from bot.knowledge.build import build
from bot.knowledge.parse import parse_knowledge
from bot.knowledge.problems import KnowledgeError

ROOT = Path(__file__).resolve().parent.parent


def problems_of(directory: Path) -> list[str]:
    _, problems = parse_knowledge(directory, known_intents())
    return [str(p) for p in problems]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_fixture_and_shipped_knowledge_are_valid() -> None:
    assert problems_of(ROOT / "tests" / "fixtures" / "knowledge") == []
    assert problems_of(ROOT / "knowledge") == []


def test_yaml_syntax_error(mini_copy: Path) -> None:
    replace(mini_copy / "programme.yaml", "topic: programme.start", "topic: [programme.start")
    found = problems_of(mini_copy)
    assert len(found) == 1 and found[0].startswith("programme.yaml:") and "YAML syntax" in found[0]


def test_unknown_region_with_suggestion(mini_copy: Path) -> None:
    replace(mini_copy / "members.csv", "Kabupaten Banyuwangi", "Kabupaten Banyuwangy")
    assert problems_of(mini_copy) == [
        "members.csv:3: unknown region 'Kabupaten Banyuwangy' (not in the Kemendagri gazetteer); did you mean 'Kabupaten Banyuwangi'?"
    ]


def test_name_matching_two_regions(mini_copy: Path) -> None:
    replace(mini_copy / "members.csv", "Kota Bandung", "Bandung")
    found = problems_of(mini_copy)
    assert found == ["members.csv:2: region 'Bandung' matches 2 regions (Kabupaten Bandung and Kota Bandung): write the full name"]


def test_an_alias_for_two_places_lists_them_and_each_is_checked(mini_copy: Path, tmp_path: Path) -> None:
    """'Tasik'-like words name two places: listed under `regions:`, the bot answers for each; a wrong name in the
    list is reported on the alias's line and the alias is not half kept."""
    replace(mini_copy / "aliases.yaml", "  Solo: Kota Surakarta\n",
            "  Solo: Kota Surakarta\n  Twin: {regions: [Kota Bandung, Kabupaten Bandung], kind: popular}\n")
    assert problems_of(mini_copy) == []
    engine = Engine.load(mini_copy, tmp_path / "data")
    reply = engine.ask("twin ikut ga?")
    assert "Kota Bandung" in reply.text and "Kabupaten Bandung" in reply.text
    replace(mini_copy / "aliases.yaml", "[Kota Bandung, Kabupaten Bandung]", "[Kota Bandung, Kabupaten Bandunk]")
    line = line_of(mini_copy / "aliases.yaml", "Twin:")
    [problem] = problems_of(mini_copy)
    assert problem.startswith(f"aliases.yaml:{line}: unknown region 'Kabupaten Bandunk'"), problem
    replace(mini_copy / "aliases.yaml", "[Kota Bandung, Kabupaten Bandunk]", "[]")
    assert problems_of(mini_copy) == [f"aliases.yaml:{line}: alias 'Twin' needs a region name (or a list of region names)"]


def test_duplicate_member(mini_copy: Path) -> None:
    with (mini_copy / "members.csv").open("a", encoding="utf-8") as handle:
        handle.write("2017,Kota  Bandung,member,H,src-b,\n")
    assert problems_of(mini_copy) == ["members.csv:6: duplicate member: Kota  Bandung is already listed for 2017"]


def test_missing_english_text(mini_copy: Path) -> None:
    path = mini_copy / "programme.yaml"
    replace(path, '      en: "It began in 2017."\n', "")
    found = problems_of(mini_copy)
    text_line = line_of(path, "Dimulai") - 1
    assert found == [f"programme.yaml:{text_line}: 'text' is missing its 'en' text"]


def test_fact_without_source(mini_copy: Path) -> None:
    path = mini_copy / "programme.yaml"
    replace(path, "    sources: [src-b]\n    confidence: medium", "    confidence: medium")
    found = problems_of(mini_copy)
    assert len(found) == 1 and "has no source" in found[0] and found[0].startswith("programme.yaml:")


def test_unknown_source_and_year_out_of_range(mini_copy: Path) -> None:
    with (mini_copy / "members.csv").open("a", encoding="utf-8") as handle:
        handle.write("2017,Kota Malang,member,H,nowhere,\n2009,Kota Malang,member,H,src-a,\n")
    assert problems_of(mini_copy) == [
        "members.csv:6: unknown source 'nowhere' (not in sources.yaml)",
        "members.csv:7: year 2009 is out of range (2017-2030)",
    ]


def test_missing_id_and_bad_date(mini_copy: Path) -> None:
    replace(mini_copy / "people.yaml", "  - id: plate\n", "  - \n")
    replace(mini_copy / "cohorts.yaml", "date: 2017-05-22", "date: 2017-13-45")
    found = problems_of(mini_copy)
    assert any(p.startswith("people.yaml:") and "missing 'id'" in p for p in found)
    assert any(p.startswith("cohorts.yaml:") and "date" in p for p in found)


def test_unknown_intent_in_phrasings(mini_copy: Path) -> None:
    replace(mini_copy / "phrasings.yaml", "  greeting:", "  greetings:")
    assert problems_of(mini_copy) == ["phrasings.yaml:2: unknown intent 'greetings'"]


def test_build_refuses_broken_knowledge_and_keeps_nothing_half_built(mini_copy: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    path, rebuilt = build(mini_copy, data)
    assert rebuilt and path.exists()
    assert build(mini_copy, data) == (path, False)  # unchanged files: no rebuild
    replace(mini_copy / "members.csv", "Kota Bandung", "Kota Atlantis")
    with pytest.raises(KnowledgeError) as error:
        build(mini_copy, data)
    assert "members.csv:2: unknown region 'Kota Atlantis'" in str(error.value)
    assert path.exists() and list(data.glob("*.sqlite")) == [path]


def test_validate_command_prints_file_line_and_exits_nonzero(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(mini_copy / "aliases.yaml", "Sumsel: Sumatera Selatan", "Sumsel: Sumatra Selatan Raya")
    assert main(["validate", "--knowledge", str(mini_copy)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("aliases.yaml:6: unknown province 'Sumatra Selatan Raya'")
    assert err == "1 problem(s) found.\n"


def test_ask_with_broken_knowledge_reports_instead_of_crashing(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini_copy / "cohorts.yaml").write_text("cohorts:\n  - year: 2017\n    size: [\n", encoding="utf-8")
    assert main(["ask", "halo", "--knowledge", str(mini_copy), "--data", str(tmp_path / "d")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("cohorts.yaml:")
    assert err.endswith("problem(s) found; nothing was loaded.\n")
