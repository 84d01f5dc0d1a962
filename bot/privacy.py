"""What of a person's message may be kept: text made storable, with contact and identity numbers masked.

Applied where a question enters the question log (bot/questionlog.py) and
where the bot would log a message's text, so neither the log file nor the
process log holds a phone number, an e-mail address or a NIK someone typed.
A year (2019), a region code (33.10) or a count stays as written: only runs of
eight digits or more (spaces, dots and dashes between them allowed, as in
"0812-3456-7890" or "+62 812 3456 7890") are masked.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LONG_NUMBER = re.compile(r"\+?\d(?:[\s.-]?\d){7,}")
EMAIL_MASK = "[email]"
NUMBER_MASK = "[number]"


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
