"""Settings: every environment variable the bot reads, read and checked once, at start-up.

The CLI builds one `Settings` (its --knowledge/--data flags override the
environment) and hands it to the fronts; nothing else reads `os.environ`.
A bad value is a `SettingsError` listing every bad variable, one line each,
e.g. `PORT='abc': not a whole number (1-65535)`. An empty variable is unset.
The token is never checked, shown in an error or put in `repr`.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlparse

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_PORT = 8443
DEFAULT_LOG_LEVEL = "INFO"
DEFAULT_RETENTION_DAYS = 180  # how long the question log keeps a question
DEFAULT_WATCH_SECONDS = 3.0  # how often the live bot checks the knowledge folder for changes
DEFAULT_MESSAGES_PER_SECOND = 30.0  # Telegram's overall flood limit
DEFAULT_WEBHOOK_LISTEN = "127.0.0.1"  # behind a reverse proxy; platforms that route to the dyno set 0.0.0.0 (Procfile)
DEFAULT_TELEGRAM_TIMEOUT = 5.0  # seconds a Bot API request may take (PTB's read and write timeouts)
DEFAULT_SEND_RETRY_SECONDS = 60.0  # how long a send is retried through Bot API server errors and broken connections
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

T = TypeVar("T")


class SettingsError(ValueError):
    """Every bad environment variable, one line each: `NAME='value': what is wrong (the rule)`."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


class _Invalid(ValueError):
    """One value breaks its rule; the message says how, with the rule in brackets."""


def _whole(raw: str, low: int, high: int | None, rule: str) -> int:
    if not re.fullmatch(r"[+-]?[0-9]+", raw):
        raise _Invalid(f"not a whole number ({rule})")
    value = int(raw)
    if value < low or (high is not None and value > high):
        raise _Invalid(f"out of range ({rule})")
    return value


def _number(raw: str, rule: str, positive: bool = False) -> float:
    """A finite number >= 0 (> 0 when `positive`)."""
    try:
        value = float(raw)
    except ValueError:
        raise _Invalid(f"not a number ({rule})") from None
    if not math.isfinite(value):
        raise _Invalid(f"not a number ({rule})")
    if value < 0 or (positive and value == 0):
        raise _Invalid(f"out of range ({rule})")
    return value


def _port(raw: str) -> int:
    return _whole(raw, 1, 65535, "1-65535")


def _retention_days(raw: str) -> int:
    return _whole(raw, 1, None, "days, at least 1")


def _watch_seconds(raw: str) -> float:
    return _number(raw, "seconds, at least 0; 0 = off")


def _messages_per_second(raw: str) -> float:
    return _number(raw, "at least 0; 0 = no limit")


def _timeout(raw: str) -> float:
    return _number(raw, "seconds, more than 0", positive=True)


def _send_retry_seconds(raw: str) -> float:
    return _number(raw, "seconds, at least 0; 0 = no retries")


def _admin_ids(raw: str) -> frozenset[int]:
    entries = [entry.strip() for entry in re.split(r"[,;]", raw)]
    bad = [entry for entry in entries if entry and not entry.isdigit()]
    if bad:
        listed = ", ".join(repr(entry) for entry in bad)
        verb = "is not a whole number" if len(bad) == 1 else "are not whole numbers"
        raise _Invalid(f"{listed} {verb} (comma-separated Telegram user ids)")
    return frozenset(int(entry) for entry in entries if entry)


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS:
        raise _Invalid(f"not a log level ({', '.join(LOG_LEVELS[:-1])} or {LOG_LEVELS[-1]})")
    return level


def _url(raw: str) -> str:
    parsed = urlparse(raw)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or any(c.isspace() for c in raw):
        raise _Invalid("not a URL (https://host/path or http://host/path)")
    return raw


def _webhook_secret(raw: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", raw):
        raise _Invalid("not 1-256 characters of A-Z a-z 0-9 _ -")
    return raw


_HOST_NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")


def _listen_address(raw: str) -> str:
    try:
        ipaddress.ip_address(raw)
    except ValueError:
        if not _HOST_NAME.fullmatch(raw):
            raise _Invalid("not an IP address or host name (e.g. 0.0.0.0 or 127.0.0.1)") from None
    return raw


class _Reader:
    """Reads variables from one environment, collecting every problem instead of stopping at the first."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.environ = environ
        self.problems: list[str] = []
        self.token = self.raw("TELEGRAM_BOT_TOKEN")

    def raw(self, name: str) -> str | None:
        """The variable's value, or None when it is unset, empty or only spaces."""
        return self.environ.get(name, "").strip() or None

    def read(self, name: str, check: Callable[[str], T], default: T, secret: bool = False) -> T:
        raw = self.raw(name)
        if raw is None:
            return default
        try:
            return check(raw)
        except _Invalid as error:
            shown = f"<hidden, {len(raw)} characters>" if secret else repr(raw)
            line = f"{name}={shown}: {error}"
            self.problems.append(line.replace(self.token, "<TELEGRAM_BOT_TOKEN>") if self.token else line)
            return default


def _default_data_dir(env: _Reader) -> Path:
    base = env.raw("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tanya-smart-city"


@dataclass(frozen=True)
class Settings:
    """Configuration from environment variables (see README, .env.example)."""

    knowledge_dir: Path
    data_dir: Path
    token: str | None = field(default=None, repr=False)
    api_base_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    port: int = DEFAULT_PORT
    admin_ids: frozenset[int] = frozenset()
    log_level: str = DEFAULT_LOG_LEVEL
    retention_days: int = DEFAULT_RETENTION_DAYS
    watch_seconds: float = DEFAULT_WATCH_SECONDS  # 0: the knowledge folder is not watched
    messages_per_second: float = DEFAULT_MESSAGES_PER_SECOND  # 0: no sending limit
    webhook_listen: str = DEFAULT_WEBHOOK_LISTEN
    telegram_timeout: float = DEFAULT_TELEGRAM_TIMEOUT  # a Bot API request taking longer has failed
    send_retry_seconds: float = DEFAULT_SEND_RETRY_SECONDS  # 0: a failed send is not retried

    @classmethod
    def from_env(
        cls, knowledge_dir: str | Path | None = None, data_dir: str | Path | None = None, environ: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from `environ` (default: the process environment); the two folders, when given, win.

        Raises SettingsError naming every bad variable.
        """
        env = _Reader(os.environ if environ is None else environ)
        settings = cls(
            knowledge_dir=Path(knowledge_dir or env.raw("KNOWLEDGE_DIR") or PROJECT_ROOT / "knowledge"),
            data_dir=Path(data_dir or env.raw("DATA_DIR") or _default_data_dir(env)),
            token=env.token,
            api_base_url=env.read("TELEGRAM_API_BASE_URL", _url, None),
            webhook_url=env.read("WEBHOOK_URL", _url, None),
            webhook_secret=env.read("WEBHOOK_SECRET", _webhook_secret, None, secret=True),
            port=env.read("PORT", _port, DEFAULT_PORT),
            admin_ids=env.read("ADMIN_IDS", _admin_ids, frozenset()),
            log_level=env.read("LOG_LEVEL", _log_level, DEFAULT_LOG_LEVEL),
            retention_days=env.read("QUESTION_LOG_RETENTION_DAYS", _retention_days, DEFAULT_RETENTION_DAYS),
            watch_seconds=env.read("KNOWLEDGE_WATCH_SECONDS", _watch_seconds, DEFAULT_WATCH_SECONDS),
            messages_per_second=env.read("TELEGRAM_MESSAGES_PER_SECOND", _messages_per_second, DEFAULT_MESSAGES_PER_SECOND),
            webhook_listen=env.read("WEBHOOK_LISTEN", _listen_address, DEFAULT_WEBHOOK_LISTEN),
            telegram_timeout=env.read("TELEGRAM_TIMEOUT", _timeout, DEFAULT_TELEGRAM_TIMEOUT),
            send_retry_seconds=env.read("SEND_RETRY_SECONDS", _send_retry_seconds, DEFAULT_SEND_RETRY_SECONDS),
        )
        if env.problems:
            raise SettingsError(env.problems)
        return settings
