"""Logging set-up for the bot process: quiet HTTP loggers and a filter that redacts secrets and people.

Installed first thing by `app.run`, before any Bot API request is made, so no
log line (message, arguments, traceback) can carry the bot token or the
webhook secret, nor, even at DEBUG where PTB logs whole updates, a Telegram
id, a name, a username, a group title or a typed phone number. httpx logs every request URL at INFO, and those URLs contain
the token: it is held at WARNING.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterable
from types import TracebackType
from urllib.parse import quote

from ..privacy import pseudonymised

REDACTED = "[redacted]"
NOISY_LOGGERS = ("httpx", "httpcore", "hpack", "tornado.access", "apscheduler")  # apscheduler: a line per job run


class RedactingFilter(logging.Filter):
    """Replaces each secret in a record's message, arguments and traceback text with [redacted], then
    pseudonymises what is left (bot/privacy.py: ids and long numbers hashed, names blanked, e-mail masked)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__("redact")
        forms: set[str] = set()
        for secret in secrets:
            if secret:
                forms.update({secret, quote(secret, safe=""), quote(secret)})
        # the longest first, so a secret that contains another is replaced whole
        self.secrets = sorted(forms, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def clean(self, text: str) -> str:
        """Secrets first (a token holds digits the pseudonymising would otherwise hash apart), then people."""
        return pseudonymised(self.redact(text))

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the record
            message = str(record.msg)
        record.msg, record.args = self.clean(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = self.clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self.clean(record.stack_info)
        return True


class QuietUnparsableAnswers(logging.Filter):
    """PTB logs a traceback at ERROR for every non-JSON answer (a proxy's 502 page) before raising
    NetworkError, which the bot handles and logs in one line itself: keep those only at DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Can not load invalid JSON data"):
            return True
        record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def short(error: BaseException) -> str:
    """An error in one short line (PTB appends a proxy's whole HTML page to a 502)."""
    text = str(error).split(". Parsing the server response")[0]
    return " ".join(text.split())[:200]


def install(secrets: Iterable[str], level: str = "INFO") -> RedactingFilter:
    """Redact `secrets` on every root handler (creating one if none), quieten HTTP loggers, guard excepthook."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    root.setLevel(level)
    redactor = RedactingFilter(secrets)
    for handler in root.handlers:
        handler.addFilter(redactor)
    logging.getLogger("telegram.request.BaseRequest").addFilter(QuietUnparsableAnswers())
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.captureWarnings(True)

    def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        sys.stderr.write(redactor.clean("".join(traceback.format_exception(kind, error, tb))))

    sys.excepthook = excepthook
    return redactor
