"""Unit tests of the Telegram layer's small pieces: redaction, rendering, the command table, the language store."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from telegram.error import Conflict, NetworkError

from bot.reply import Button, Reply
from bot.telegram.app import file_url
from bot.telegram.commands import COMMANDS, help_section, menu
from bot.telegram.errors import PollingTrouble
from bot.telegram.language import LanguageStore, chooser
from bot.telegram.logsafe import REDACTED, RedactingFilter, short
from bot.telegram.render import html, keyboard

TOKEN = "987654:AAH-secret_Token"


def record(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("t", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_redaction_of_message_arguments_and_traceback() -> None:
    redactor = RedactingFilter([TOKEN, ""])
    formatter = logging.Formatter("%(message)s")
    try:
        raise RuntimeError(f"GET https://api.telegram.org/bot{TOKEN}/getMe failed")
    except RuntimeError as error:
        rec = record("calling %s with %r", f"/bot{TOKEN}/x", {"url": TOKEN.replace(":", "%3A")}, exc=error)
    assert redactor.filter(rec)
    out = formatter.format(rec)
    assert TOKEN not in out and "AAH-secret_Token" not in out
    assert out.count(REDACTED) >= 3
    assert "Traceback" in out


def test_short_error_drops_the_html_page() -> None:
    error = NetworkError("Bad Gateway (502). Parsing the server response b'<html>\\r\\n...' failed")
    assert short(error) == "Bad Gateway (502)"


def test_keyboard_keeps_rows() -> None:
    reply = Reply("x", "id", "t", buttons=[[Button("A", "c:2019"), Button("B", "c:2019:2")], [], [Button("C", "ct")]])
    markup = keyboard(reply)
    assert markup is not None
    assert [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard] == [
        [("A", "c:2019"), ("B", "c:2019:2")], [("C", "ct")]]
    assert keyboard(Reply("x", "id", "t")) is None


def test_text_is_escaped_html() -> None:
    assert html(Reply("a < b & c", "id", "t", title="<T>")) == "<b>&lt;T&gt;</b>\n\na &lt; b &amp; c"


def test_file_url_is_derived_from_the_api_url() -> None:
    assert file_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_url("http://127.0.0.1:8081/bot/") == "http://127.0.0.1:8081/file/bot"


def test_command_table_makes_valid_menus_in_both_languages() -> None:
    for lang in ("id", "en"):
        commands = menu(lang)
        assert len(commands) == len(COMMANDS)
        assert all(re.fullmatch(r"[a-z0-9_]{1,32}", c.command) for c in commands)
        assert all(1 <= len(c.description) <= 256 for c in commands)
    indonesian = {c.command: c.description for c in menu("id")}
    english = {c.command: c.description for c in menu("en")}
    assert indonesian["kohort"] != english["cohort"]  # translated, with the language's own command name
    assert "/kohort 2019" in indonesian["kohort"] and "/cohort 2019" in english["cohort"]
    assert "/daerah" in help_section("id") and "/region" in help_section("en")


def test_language_store_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "data" / "users.sqlite"
    store = LanguageStore(path, "salt")
    assert store.get(1) is None
    store.set(1, "en")
    store.set(2, "id")
    store.set(1, "id")
    store.close()
    again = LanguageStore(path, "salt")
    assert (again.get(1), again.get(2), again.get(3)) == ("id", "id", None)
    with pytest.raises(ValueError):
        again.set(4, "fr")
    again.close()


def test_language_chooser_buttons() -> None:
    assert [b.action for row in chooser("en").buttons for b in row] == ["lang:id", "lang:en"]


def test_polling_trouble_logs_one_line_per_window(caplog: pytest.LogCaptureFixture) -> None:
    trouble = PollingTrouble(window=60)
    with caplog.at_level(logging.WARNING, logger="bot.telegram.errors"):
        for _ in range(5):
            trouble(Conflict("Conflict: terminated by other getUpdates request"))
            trouble(NetworkError("Bad Gateway"))
    assert sum("another instance is polling with this token" in r.message for r in caplog.records) == 1
    assert sum("cannot reach the Telegram Bot API" in r.message for r in caplog.records) == 1


def test_run_without_token_refuses(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["run"]) == 2
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err
