"""Several questions in one message: "Kapan MoU 2024, dan berapa daerah yang ikut?" (understanding, first).

`clauses` cuts a message where a question ends and another begins: after a
question mark or a sentence's full stop, at a semicolon, at a comma before
"dan", "and", "lalu", "terus", "then", or before "and"/"dan" followed by a
question word after a whole question ("When was the 2021 MoU and how many
heads signed it?", but not "di mana dan kapan ...?"). The engine answers each clause in turn, the later ones as
follow-ups of the earlier, and keeps the answers that add something; a
message that is one question comes back whole.

`without_introduction` drops a first sentence that only says who is asking
("Saya wartawan di Medan. Berapa ..."): the place in it is the asker's, not
the question's, unless the question then speaks of "kami" or "our".
"""

from __future__ import annotations

import re

_BREAK = re.compile(
    r"(?<=\?)\s+|(?-i:(?<=[a-z]{4}\.)\s+(?=[A-Z]))|;\s*|,\s*(?=(?:dan|and|lalu|terus|trus|then|also|kedua|second)\b)", re.IGNORECASE)
# "and" before a question word, without a comma: a second question when a whole one (three words or more) comes before
_AND_ASKING = re.compile(r"\s+(?=(?:dan|and)\s+(?:how|who|when|where|which|berapa|siapa|kapan|dimana)\b)", re.IGNORECASE)
_LEAD = re.compile(r"^(?:dan|and|lalu|terus|trus|then|also)\s+", re.IGNORECASE)
MAX_CLAUSES = 3
_GREETING = r"(?:halo|hallo|hai|hi|hello|permisi|maaf|selamat\s+\w+|assalamualaikum|salam|pagi|siang|sore|malam)"
_INTRO = re.compile(rf"^\s*(?:{_GREETING}\b[\s,!.]*)*(?:saya|aku|i\s+am|i'm)\s[^.?!]*[.!]\s+", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:kami|kita|saya|aku|ku|our|we|my|us|me)\b", re.IGNORECASE)


def without_introduction(text: str) -> str:
    """The message without a first sentence that introduces the asker, when a question follows that does not
    lean on it ("saya dari kota malang. apakah kami ikut?" keeps it: "kami" is Malang)."""
    found = _INTRO.match(text)
    if found is None:
        return text
    rest = text[found.end():]
    return rest if rest.strip() and not _FIRST_PERSON.search(rest) else text


def clauses(text: str) -> list[str]:
    """The questions of a message, in order (the whole message when it holds one)."""
    parts = [_LEAD.sub("", part.strip(" ,")) for piece in _BREAK.split(text) for part in _at_and(piece)]
    parts = [part for part in parts if len(part.split()) >= 2]  # "how?" alone is no question of its own
    return parts[:MAX_CLAUSES] if len(parts) > 1 else [text]


def _at_and(text: str) -> list[str]:
    """`text` cut before an "and"/"dan" that opens a question ("... MoU and how many signed?"), where at least three
    words come before it ("di mana dan kapan ...?" is one question)."""
    for match in _AND_ASKING.finditer(text):
        if len(text[:match.start()].split()) >= 3:
            return [text[:match.start()], *_at_and(text[match.end():])]
    return [text]
