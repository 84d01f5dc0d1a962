"""Settings: every environment variable, good and bad; every problem reported at once; the token never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, Settings, SettingsError

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAHsecretTokenValue_xyz"


class RecordingEnvironment(dict[str, str]):
    """An empty environment that remembers which variables were asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        self.asked.add(key)
        return super().get(key, default)


def variables_read() -> set[str]:
    """Every environment variable `Settings.from_env` reads."""
    environ = RecordingEnvironment()
    Settings.from_env(environ=environ)
    return environ.asked


def settings(**environ: str) -> Settings:
    return Settings.from_env(environ=environ)


def problems(**environ: str) -> list[str]:
    with pytest.raises(SettingsError) as error:
        Settings.from_env(environ=environ)
    assert str(error.value) == "\n".join(error.value.problems)
    return list(error.value.problems)


def test_defaults_when_nothing_is_set() -> None:
    s = settings()
    assert s.knowledge_dir == PROJECT_ROOT / "knowledge"
    assert s.data_dir == Path.home() / ".local" / "share" / "tanya-smart-city"
    assert (s.token, s.api_base_url, s.webhook_url, s.webhook_secret) == (None, None, None, None)
    assert (s.port, s.admin_ids, s.log_level, s.retention_days) == (8443, frozenset(), "INFO", 180)
    assert (s.watch_seconds, s.messages_per_second, s.webhook_listen) == (3.0, 30.0, "127.0.0.1")


def test_empty_or_blank_variables_mean_unset() -> None:
    blank = {name: "" for name in variables_read()} | {"PORT": "  ", "LOG_LEVEL": " "}
    assert Settings.from_env(environ=blank) == settings()


@pytest.mark.parametrize(("variable", "value", "field", "expected"), [
    ("TELEGRAM_BOT_TOKEN", TOKEN, "token", TOKEN),
    ("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot", "api_base_url", "http://127.0.0.1:8081/bot"),
    ("WEBHOOK_URL", "https://bot.example.org/telegram", "webhook_url", "https://bot.example.org/telegram"),
    ("WEBHOOK_URL", "http://127.0.0.1:9000/hook", "webhook_url", "http://127.0.0.1:9000/hook"),
    ("WEBHOOK_SECRET", "Abc_123-xyz", "webhook_secret", "Abc_123-xyz"),
    ("WEBHOOK_SECRET", "s" * 256, "webhook_secret", "s" * 256),
    ("PORT", "1", "port", 1),
    ("PORT", "65535", "port", 65535),
    ("WEBHOOK_LISTEN", "127.0.0.1", "webhook_listen", "127.0.0.1"),
    ("WEBHOOK_LISTEN", "::", "webhook_listen", "::"),
    ("WEBHOOK_LISTEN", "localhost", "webhook_listen", "localhost"),
    ("ADMIN_IDS", "42", "admin_ids", frozenset({42})),
    ("ADMIN_IDS", " 42, 7 ,", "admin_ids", frozenset({42, 7})),
    ("KNOWLEDGE_WATCH_SECONDS", "0", "watch_seconds", 0.0),
    ("KNOWLEDGE_WATCH_SECONDS", "0.5", "watch_seconds", 0.5),
    ("QUESTION_LOG_RETENTION_DAYS", "1", "retention_days", 1),
    ("QUESTION_LOG_RETENTION_DAYS", "365", "retention_days", 365),
    ("TELEGRAM_MESSAGES_PER_SECOND", "0", "messages_per_second", 0.0),
    ("TELEGRAM_MESSAGES_PER_SECOND", "1000", "messages_per_second", 1000.0),
    ("TELEGRAM_TIMEOUT", "1.5", "telegram_timeout", 1.5),
    ("TELEGRAM_TIMEOUT", "30", "telegram_timeout", 30.0),
    ("LOG_LEVEL", "debug", "log_level", "DEBUG"),
    ("LOG_LEVEL", "ERROR", "log_level", "ERROR"),
    ("KNOWLEDGE_DIR", "/srv/knowledge", "knowledge_dir", Path("/srv/knowledge")),
    ("DATA_DIR", "/var/lib/tanya", "data_dir", Path("/var/lib/tanya")),
    ("XDG_DATA_HOME", "/xdg", "data_dir", Path("/xdg/tanya-smart-city")),
])
def test_good_value(variable: str, value: str, field: str, expected: object) -> None:
    assert getattr(settings(**{variable: value}), field) == expected


@pytest.mark.parametrize(("variable", "value", "line"), [
    ("PORT", "abc", "PORT='abc': not a whole number (1-65535)"),
    ("PORT", "0", "PORT='0': out of range (1-65535)"),
    ("PORT", "65536", "PORT='65536': out of range (1-65535)"),
    ("PORT", "80.5", "PORT='80.5': not a whole number (1-65535)"),
    ("ADMIN_IDS", "42,abc", "ADMIN_IDS='42,abc': 'abc' is not a whole number (comma-separated Telegram user ids)"),
    ("ADMIN_IDS", "x, -3, 9", "ADMIN_IDS='x, -3, 9': 'x', '-3' are not whole numbers (comma-separated Telegram user ids)"),
    ("QUESTION_LOG_RETENTION_DAYS", "0", "QUESTION_LOG_RETENTION_DAYS='0': out of range (days, at least 1)"),
    ("QUESTION_LOG_RETENTION_DAYS", "a year", "QUESTION_LOG_RETENTION_DAYS='a year': not a whole number (days, at least 1)"),
    ("QUESTION_LOG_RETENTION_DAYS", "7.5", "QUESTION_LOG_RETENTION_DAYS='7.5': not a whole number (days, at least 1)"),
    ("LOG_LEVEL", "verbose", "LOG_LEVEL='verbose': not a log level (DEBUG, INFO, WARNING or ERROR)"),
    ("WEBHOOK_URL", "bot.example.org/telegram", "WEBHOOK_URL='bot.example.org/telegram': not a URL (https://host/path or http://host/path)"),
    ("WEBHOOK_URL", "ftp://bot.example.org/t", "WEBHOOK_URL='ftp://bot.example.org/t': not a URL (https://host/path or http://host/path)"),
    ("TELEGRAM_API_BASE_URL", "localhost:8081/bot", "TELEGRAM_API_BASE_URL='localhost:8081/bot': not a URL (https://host/path or http://host/path)"),
    ("TELEGRAM_API_BASE_URL", "https://", "TELEGRAM_API_BASE_URL='https://': not a URL (https://host/path or http://host/path)"),
    ("KNOWLEDGE_WATCH_SECONDS", "often", "KNOWLEDGE_WATCH_SECONDS='often': not a number (seconds, at least 0; 0 = off)"),
    ("KNOWLEDGE_WATCH_SECONDS", "-1", "KNOWLEDGE_WATCH_SECONDS='-1': out of range (seconds, at least 0; 0 = off)"),
    ("KNOWLEDGE_WATCH_SECONDS", "nan", "KNOWLEDGE_WATCH_SECONDS='nan': not a number (seconds, at least 0; 0 = off)"),
    ("TELEGRAM_MESSAGES_PER_SECOND", "fast", "TELEGRAM_MESSAGES_PER_SECOND='fast': not a number (at least 0; 0 = no limit)"),
    ("TELEGRAM_MESSAGES_PER_SECOND", "-5", "TELEGRAM_MESSAGES_PER_SECOND='-5': out of range (at least 0; 0 = no limit)"),
    ("TELEGRAM_TIMEOUT", "0", "TELEGRAM_TIMEOUT='0': out of range (seconds, more than 0)"),
    ("TELEGRAM_TIMEOUT", "soon", "TELEGRAM_TIMEOUT='soon': not a number (seconds, more than 0)"),
    ("WEBHOOK_LISTEN", "0.0.0.0:8443", "WEBHOOK_LISTEN='0.0.0.0:8443': not an IP address or host name (e.g. 0.0.0.0 or 127.0.0.1)"),
])
def test_bad_value_is_one_line_naming_it(variable: str, value: str, line: str) -> None:
    assert problems(**{variable: value}) == [line]


@pytest.mark.parametrize("secret", ["has space", "s" * 257, "ünïcode", "a/b"])
def test_bad_webhook_secret_is_reported_without_showing_it(secret: str) -> None:
    assert problems(WEBHOOK_SECRET=secret) == [
        f"WEBHOOK_SECRET=<hidden, {len(secret)} characters>: not 1-256 characters of A-Z a-z 0-9 _ -",
    ]


def test_every_bad_variable_is_listed_at_once() -> None:
    lines = problems(PORT="abc", ADMIN_IDS="1,two", LOG_LEVEL="loud", QUESTION_LOG_RETENTION_DAYS="0", KNOWLEDGE_WATCH_SECONDS="x")
    assert sorted(line.split("=")[0] for line in lines) == [
        "ADMIN_IDS", "KNOWLEDGE_WATCH_SECONDS", "LOG_LEVEL", "PORT", "QUESTION_LOG_RETENTION_DAYS",
    ]


def test_token_never_appears_in_errors_or_repr() -> None:
    environ = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": f"api.telegram.org/bot{TOKEN}",  # pasted into the wrong variable
        "WEBHOOK_URL": f"bot.example.org/{TOKEN}",
        "WEBHOOK_SECRET": TOKEN,  # ':' is not allowed in a secret
        "PORT": "abc",
    }
    with pytest.raises(SettingsError) as error:
        Settings.from_env(environ=environ)
    assert len(error.value.problems) == 4
    assert TOKEN not in str(error.value) and TOKEN not in repr(error.value)
    assert "TELEGRAM_API_BASE_URL='api.telegram.org/bot<TELEGRAM_BOT_TOKEN>': not a URL" in str(error.value)
    s = settings(TELEGRAM_BOT_TOKEN=TOKEN, WEBHOOK_SECRET="my_secret")
    assert s.token == TOKEN
    assert TOKEN not in repr(s) and "my_secret" not in repr(s)


def test_folders_given_by_the_caller_override_the_environment() -> None:
    environ = {"KNOWLEDGE_DIR": "/env/knowledge", "DATA_DIR": "/env/data"}
    s = Settings.from_env(knowledge_dir="/flag/knowledge", data_dir="/flag/data", environ=environ)
    assert (s.knowledge_dir, s.data_dir) == (Path("/flag/knowledge"), Path("/flag/data"))


def test_reads_the_process_environment_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in variables_read():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("ADMIN_IDS", "5")
    assert (Settings.from_env().port, Settings.from_env().admin_ids) == (9000, frozenset({5}))
    monkeypatch.setenv("PORT", "nine thousand")
    with pytest.raises(SettingsError, match="^PORT='nine thousand': not a whole number"):
        Settings.from_env()


def test_env_example_lists_every_variable_with_its_default() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assigned = {line.split("=")[0] for line in example.splitlines() if line and not line.startswith("#")}
    assert assigned == variables_read() - {"XDG_DATA_HOME"}  # XDG_DATA_HOME is the desktop standard, not ours
    for default in ("8443", "127.0.0.1", "default 3", "default 30", "default 180", "INFO"):
        assert default in example
