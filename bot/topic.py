"""The conversation's memory: the last question answered, which a front keeps and hands back with the next message.

The engine returns it as `Reply.topic`; `understanding.dialogue` reads a
follow-up against it. It is plain data (`to_dict` / `from_dict`), so a front
can keep it anywhere, and it is forgotten after `TOPIC_MINUTES`.
"""

from __future__ import annotations

from dataclasses import dataclass

TOPIC_MINUTES = 30


@dataclass(frozen=True)
class Topic:
    """The last question answered in a conversation: what a follow-up leans on."""

    words: tuple[str, ...]
    intent: str
    lang: str
    at: float  # seconds since the epoch
    years: tuple[int, ...] = ()  # the year the answer was about, when the question did not say it ("Tabanan: 2022")
    people: tuple[str, ...] = ()  # the officials the answer named (ids): "and after him?", "then?" go on from them

    def fresh(self, now: float) -> bool:
        return 0 <= now - self.at <= TOPIC_MINUTES * 60

    def to_dict(self) -> dict[str, object]:
        return {"words": list(self.words), "intent": self.intent, "lang": self.lang, "at": self.at, "years": list(self.years),
                "people": list(self.people)}

    @classmethod
    def from_dict(cls, data: object) -> Topic | None:
        """A stored topic, or None for anything else (an older format, a damaged store)."""
        if not isinstance(data, dict):
            return None
        words, intent, lang, at = data.get("words"), data.get("intent"), data.get("lang"), data.get("at")
        if not (isinstance(words, list) and all(isinstance(w, str) for w in words) and isinstance(intent, str)
                and isinstance(lang, str) and isinstance(at, int | float)):
            return None
        years = data.get("years", [])
        years = tuple(y for y in years if isinstance(y, int)) if isinstance(years, list) else ()
        people = data.get("people", [])
        people = tuple(p for p in people if isinstance(p, str)) if isinstance(people, list) else ()
        return cls(tuple(words), intent, lang, float(at), years, people)
