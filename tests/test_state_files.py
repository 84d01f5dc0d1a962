"""The bot's own files under DATA_DIR survive bad rows, failed writes and broken files, and lose no question."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest

from bot.questionlog import Entry, QuestionLog
from bot.telegram.language import LanguageStore
from bot.telegram.services import load_salt


def entry(question: str) -> Entry:
    return Entry(question, question.lower(), "id", "region.membership", 0.9, True)


def questions(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("select question from questions order by id")]


def test_a_lone_surrogate_is_stored_and_the_log_goes_on(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "questions.sqlite")
    log.record(entry("kota \ud800 bandung"))  # a JSON "\ud800" escape from a client
    log.record(entry("kab oki ikut ga?"))
    assert log.flush()
    stored = questions(tmp_path / "questions.sqlite")
    assert len(stored) == 2 and stored[0].startswith("kota \ufffd") and stored[0].endswith("bandung")
    assert stored[1] == "kab oki ikut ga?"
    log.close()


def test_phone_numbers_e_mail_and_nik_are_masked_years_and_codes_kept(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "questions.sqlite")
    log.record(entry("hubungi 0812-3456-7890 atau +62 812 3456 7890, a.b@pemkot.go.id, NIK 3173012345678901: kohort 2019 kode 33.10"))
    assert log.flush()
    with sqlite3.connect(tmp_path / "questions.sqlite") as conn:
        question, normalised = conn.execute("select question, normalised from questions").fetchone()
    assert question == "hubungi [number] atau [number], [email], NIK [number]: kohort 2019 kode 33.10"
    assert "3456" not in normalised and "pemkot.go.id" not in normalised and "2019" in normalised
    log.close()


def test_a_locked_file_delays_questions_and_loses_none(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "questions.sqlite"
    log = QuestionLog(path, busy_seconds=0.05)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("begin immediate")  # another program holds the write lock (an admin's sqlite3 shell)
    with caplog.at_level(logging.WARNING, logger="bot.questionlog"):
        for n in range(3):
            log.record(entry(f"pertanyaan {n}"))
        assert not log.flush(timeout=0.6)  # bounded: the questions wait, flush does not hang
        assert not log.writable
        other.execute("rollback")
        other.close()
        assert log.flush(timeout=10)
    assert questions(path) == ["pertanyaan 0", "pertanyaan 1", "pertanyaan 2"]
    assert log.writable
    failures = [r for r in caplog.records if "cannot write the question log" in r.getMessage()]
    assert len(failures) == 1  # once per outage, however many retries
    assert any("writable again: 3 waiting questions written" in r.getMessage() for r in caplog.records)
    log.close()


def test_close_is_bounded_while_the_file_cannot_be_written(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "questions.sqlite"
    log = QuestionLog(path, busy_seconds=0.05)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("begin immediate")
    log.record(entry("apa itu smart city"))
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="bot.questionlog"):
        log.close(timeout=3)
    assert time.monotonic() - started < 3
    assert any("1 questions could not be written" in r.getMessage() for r in caplog.records)
    other.close()


def broken_files() -> dict[str, object]:
    return {
        "random bytes": b"\x8f\x00garbage\xff" * 512,
        "empty tables of another program": "create table questions (id integer primary key, asked text);",
        "a folder": None,
        "half a database": "truncate",
    }


@pytest.mark.parametrize("kind", list(broken_files()))
def test_a_broken_question_log_is_moved_aside_and_a_fresh_one_started(
    tmp_path: Path, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "questions.sqlite"
    content = broken_files()[kind]
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is None:
        path.mkdir()
    elif content == "truncate":
        log = QuestionLog(path)
        for n in range(3000):
            log.record(entry(f"pertanyaan nomor {n} tentang kota yang panjang sekali " * 3))
        assert log.flush(timeout=20)
        log.close()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        with sqlite3.connect(path) as conn:
            conn.executescript(str(content))
    with caplog.at_level(logging.WARNING):
        log = QuestionLog(path)
    log.record(entry("kab oki ikut ga?"))
    assert log.flush()
    assert questions(path) == ["kab oki ikut ga?"]
    aside = [p.name for p in tmp_path.iterdir() if p.name.startswith("questions.sqlite.broken-")]
    assert len(aside) == 1
    moved = [r.getMessage() for r in caplog.records if "moved it to" in r.getMessage()]
    assert len(moved) == 1 and "\n" not in moved[0] and aside[0] in moved[0]
    log.close()


def test_a_folder_that_cannot_be_written_keeps_questions_in_memory(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "not-a-folder").write_text("a file where DATA_DIR should be")
    path = tmp_path / "not-a-folder" / "data" / "questions.sqlite"
    with caplog.at_level(logging.ERROR):
        log = QuestionLog(path)
        log.record(entry("apa itu smart city"))
        assert not log.flush(timeout=0.5)
    assert not log.writable
    lines = [r.getMessage() for r in caplog.records if "cannot write the question log" in r.getMessage()]
    assert len(lines) == 1 and "not-a-folder" in lines[0]
    log.close(timeout=1)


def test_a_broken_or_foreign_language_store_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "users.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("create table user_language (id integer, language text)")  # another schema
    store = LanguageStore(path, "salt")
    store.set(7, "en")
    store.close()
    again = LanguageStore(path, "salt")
    assert again.get(7) == "en"
    again.close()
    assert any(p.name.startswith("users.sqlite.broken-") for p in tmp_path.iterdir())


def test_language_choices_hold_in_memory_where_nothing_can_be_written(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "file").write_text("")
    with caplog.at_level(logging.ERROR):
        store = LanguageStore(tmp_path / "file" / "users.sqlite", "salt")
    store.set(7, "en")
    assert store.get(7) == "en"
    assert any("language choices are kept only until the bot stops" in r.getMessage() for r in caplog.records)
    store.close()


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe binary", b"short"])
def test_an_empty_or_binary_salt_is_replaced_by_a_new_one(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "question-log.salt").write_bytes(content)
    salt = load_salt(tmp_path)
    assert len(salt) == 32 and salt == load_salt(tmp_path)  # kept from now on
    assert any(p.name.startswith("question-log.salt.broken-") for p in tmp_path.iterdir())


def test_choices_kept_by_telegram_id_move_to_their_hashes(tmp_path: Path) -> None:
    path = tmp_path / "users.sqlite"
    with sqlite3.connect(path) as conn:  # the file as earlier versions wrote it
        conn.execute("CREATE TABLE user_language (user_id INTEGER PRIMARY KEY, lang TEXT NOT NULL)")
        conn.executemany("INSERT INTO user_language VALUES (?, ?)", [(987654321, "en"), (123456789, "id")])
    store = LanguageStore(path, "salt")
    assert (store.get(987654321), store.get(123456789), store.get(5)) == ("en", "id", None)
    store.close()
    with sqlite3.connect(path) as conn:
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        dumped = "\n".join(conn.iterdump())
    assert tables == {"language_choice"} and "987654321" not in dumped and "123456789" not in dumped
