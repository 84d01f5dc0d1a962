"""The command line, in-process through `main(argv)`; one real `python -m bot ask` process as a smoke test."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot import cli
from bot.cli import main
from bot.questionlog import Entry, QuestionLog
from tests.test_config import variables_read

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "knowledge"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own TELEGRAM_BOT_TOKEN, PORT, ... must not change what these tests see."""
    for name in variables_read():
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One data folder for the commands that only read the built fixture knowledge."""
    return str(tmp_path_factory.mktemp("cli-data"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_bad_setting_exits_2_with_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PORT", "abc")
    assert run(capsys, "validate", "--knowledge", str(MINI)) == (2, "", "PORT='abc': not a whole number (1-65535)\n")


def test_several_bad_settings_are_all_listed(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:SECRET")
    monkeypatch.setenv("ADMIN_IDS", "1,me")
    monkeypatch.setenv("LOG_LEVEL", "loud")
    status, out, err = run(capsys, "ask", "halo")
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "ADMIN_IDS='1,me': 'me' is not a whole number (comma-separated Telegram user ids)",
        "LOG_LEVEL='loud': not a log level (DEBUG, INFO, WARNING or ERROR)",
    ]


def test_validate(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", "--knowledge", str(MINI)) == (0, "knowledge is valid\n", "")
    assert run(capsys, "--knowledge", str(MINI), "validate") == (0, "knowledge is valid\n", "")


def test_validate_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert run(capsys, "validate", "--knowledge", str(missing)) == (1, "", f"{missing}: knowledge folder not found\n")


def test_build_then_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "build", "--knowledge", str(MINI), "--data", str(tmp_path))
    assert status == 0 and out.startswith(f"built: {tmp_path}")
    assert run(capsys, "build", "--knowledge", str(MINI), "--data", str(tmp_path))[1].startswith("up to date: ")
    assert run(capsys, "build", "--force", "--knowledge", str(MINI), "--data", str(tmp_path))[1].startswith("built: ")


def test_ask_one(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "ask", "kab oki ikut ga?", "--knowledge", str(MINI), "--data", data)
    assert (status, err) == (0, "")
    assert out.startswith("Kabupaten Ogan Komering Ilir") and "2022" in out


def test_ask_from_stdin_as_json(data: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("kab oki ikut ga?\n\nwho joined in 2017?\n"))
    status, out, _ = run(capsys, "ask", "--json", "--knowledge", str(MINI), "--data", data)
    replies = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(replies) == 2  # the empty line is skipped
    assert (replies[0]["lang"], replies[0]["intent"], replies[0]["answered"]) == ("id", "region.status", True)
    assert replies[1]["lang"] == "en" and "Kota Bandung" in replies[1]["text"]


def test_ask_a_conversation_from_stdin(data: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    lines = "kota bandung ikut?\nkalau kabupatennya?\nin english please\n\nkalau kabupatennya?\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    status, out, _ = run(capsys, "ask", "--conversation", "--json", "--knowledge", str(MINI), "--data", data)
    replies = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(replies) == 4
    assert replies[1]["text"].startswith("Kabupaten Bandung")  # the follow-up leans on the line before
    assert replies[2]["text"].startswith("Kabupaten Bandung") and replies[2]["lang"] == "en"  # the same, in English
    assert "Bandung" not in replies[3]["text"] and not replies[3]["answered"]  # the empty line started afresh
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    alone = [json.loads(line) for line in run(capsys, "ask", "--json", "--knowledge", str(MINI), "--data", data)[1].splitlines()]
    assert "Bandung" not in alone[1]["text"]  # without --conversation every line stands alone


def test_ask_in_a_chosen_language(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "ask", "kab oki ikut ga?", "--lang", "en", "--json", "--knowledge", str(MINI), "--data", data)
    assert status == 0 and json.loads(out)["lang"] == "en"


def test_export_to_a_file_and_to_stdout(data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "jabar.csv"
    assert run(capsys, "export", "Jawa Barat", "-o", str(target), "--knowledge", str(MINI), "--data", data) == (0, "", "")
    written = target.read_text(encoding="utf-8-sig")
    assert written.splitlines()[1].startswith("32.73,Kota,Kota Bandung,Jawa Barat,2017,ikut,")
    status, out, _ = run(capsys, "export", "jabar", "--knowledge", str(MINI), "--data", data)
    assert (status, out) == (0, written.replace("\r\n", "\n"))
    rows = list(csv.DictReader(io.StringIO(run(capsys, "export", "2022", "--lang", "en", "--knowledge", str(MINI), "--data", data)[1])))
    assert "Kabupaten Ogan Komering Ilir" in {row["Region"] for row in rows}
    book = tmp_path / "2022.xlsx"
    assert run(capsys, "export", "2022", "-o", str(book), "--knowledge", str(MINI), "--data", data)[0] == 0
    sheet = load_workbook(book).active
    assert sheet is not None and sheet["A1"].value == "Kode wilayah" and sheet.max_row == len(rows) + 1


def test_export_unknown_target(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "export", "Atlantis", "--knowledge", str(MINI), "--data", data) == (
        2, "", "not a cohort year or a province: 'Atlantis'\n",
    )


def test_stats_and_unanswered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = QuestionLog(tmp_path / "questions.sqlite")
    log.record(Entry("kab oki ikut?", "kab oki ikut", "id", "region.status", 0.9, True, ("16.02",), "alice"))
    log.record(Entry("Resep rendang?", "resep rendang", "id", "none", 0.0, False, (), "alice"))
    log.record(Entry("resep rendang", "resep rendang", "en", "none", 0.0, False, (), "bob"))
    log.close()
    status, out, _ = run(capsys, "stats", "--days", "1", "--data", str(tmp_path))
    lines = out.splitlines()
    assert status == 0 and lines[0] == "last 1 days: 3 questions, 33% answered, 2 distinct users"
    assert "languages: en 1, id 2" in lines and "most-asked regions: 16.02 1" in lines
    status, out, _ = run(capsys, "unanswered", "--limit", "5", "--data", str(tmp_path))
    assert (status, out) == (0, "   2  resep rendang  (e.g. 'Resep rendang?')\n")


def test_unanswered_with_an_empty_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "unanswered", "--data", str(tmp_path)) == (0, "no unanswered questions\n", "")


def test_chat_reads_stdin(data: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("kab oki ikut ga?\nexit\nnot read\n"))
    status, out, _ = run(capsys, "chat", "--knowledge", str(MINI), "--data", data)
    assert status == 0
    assert out.startswith("Tanya Smart City") and out.count("> ") == 2
    assert "Kabupaten Ogan Komering Ilir" in out and "not read" not in out


def test_chat_follows_the_conversation(data: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("kota bandung ikut?\nkalau kabupatennya?\nin english please\nkalau kotanya?\n"))
    status, out, _ = run(capsys, "chat", "--knowledge", str(MINI), "--data", data)
    answers = out.split("> ")[1:]
    assert status == 0 and len(answers) == 5
    assert answers[1].startswith("Kabupaten Bandung") and "tidak ada dalam daftar" in answers[1]
    assert answers[2].startswith("Kabupaten Bandung") and "not in our lists" in answers[2]
    assert answers[3].startswith("Kota Bandung") and "2017" in answers[3] and "cohort" in answers[3]  # still English


def test_no_command_without_token_is_the_terminal_chat(
    data: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("who joined in 2017?\n"))
    status, out, _ = run(capsys, "--knowledge", str(MINI), "--data", data)
    assert status == 0 and out.startswith("Tanya Smart City") and "Kota Bandung" in out


def test_no_command_with_token_runs_telegram(monkeypatch: pytest.MonkeyPatch) -> None:
    started = []
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setattr(cli, "run_command", lambda settings, args: started.append(settings.token) or 0)
    assert main([]) == 0 and started == ["123:abc"]


@pytest.mark.parametrize(("argv", "message"), [
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["ask", "--lang", "fr", "halo"], "argument --lang: invalid choice: 'fr'"),
    (["export"], "the following arguments are required: target"),
    (["stats", "--days", "0"], "argument --days: not a whole number of at least 1: '0'"),
    (["unanswered", "--limit", "many"], "argument --limit: not a whole number of at least 1: 'many'"),
    (["build", "--fast"], "unrecognized arguments: --fast"),
])
def test_bad_arguments_exit_2_with_usage(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(argv)
    err = capsys.readouterr().err
    assert exit.value.code == 2
    assert err.startswith("usage: python -m bot") and message in err


def test_ask_as_a_real_process_without_telegram(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in variables_read()}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", "ask", "kab oki ikut ga?", "--knowledge", str(MINI), "--data", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("Kabupaten Ogan Komering Ilir")
    imported = {line.rpartition("|")[2].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "bot.engine" in imported
    assert not {m for m in imported if m.split(".")[0] == "telegram" or m.startswith("bot.telegram")}
