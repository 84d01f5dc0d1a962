"""What of a person's message may be kept: text made storable, with contact and identity numbers masked.

`masked` is applied where a question enters the question log
(bot/questionlog.py), `pseudonymised` to every line of the process log
(bot/telegram/logsafe.py, after the secrets are redacted), so neither holds a
phone number, an e-mail address or a NIK someone typed, nor, in the log, a
Telegram id, a name, a username or a group's title.
A year (2019), a region code (33.10) or a count stays as written: only runs of
eight digits or more (spaces, dots and dashes between them allowed, as in
"0812-3456-7890" or "+62 812 3456 7890") are masked.
"""

from __future__ import annotations

import hashlib
import re
import secrets

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LONG_NUMBER = re.compile(r"\+?\d(?:[\s.-]?\d){7,}")
EMAIL_MASK = "[email]"
NUMBER_MASK = "[number]"
# a person's or group's name in a logged update: Python reprs (first_name='Budi') and JSON ("first_name": "Budi")
NAME_FIELD = re.compile(r"""(\b(?:first_name|last_name|username|title|full_name)\b['"]?\s*[:=]\s*)(['"])(?:\\.|(?!\2).)*\2""")
_LOG_SALT = secrets.token_bytes(16)  # per process: the same id gives the same mark within one run's log only


def storable(text: str) -> str:
    """`text` as valid Unicode: a lone surrogate (which a client can send as a JSON escape) becomes U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def masked(text: str) -> str:
    """`text`, storable, with e-mail addresses and long digit runs (phone numbers, NIK) replaced by a mark."""
    return LONG_NUMBER.sub(NUMBER_MASK, EMAIL.sub(EMAIL_MASK, storable(text)))


def pseudonymised(text: str) -> str:
    """A log line fit to keep: e-mail addresses masked, names blanked, ids and other long numbers as short hashes.

    A hash ("#3f9a1c2b") still lets one follow a user or chat through one
    run's log without the log holding the id, a phone number or a NIK.
    """
    text = EMAIL.sub(EMAIL_MASK, storable(text))
    text = NAME_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)}…{m.group(2)}", text)
    return LONG_NUMBER.sub(_hashed, text)


def _hashed(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "#" + hashlib.sha256(_LOG_SALT + digits.encode()).hexdigest()[:8]
