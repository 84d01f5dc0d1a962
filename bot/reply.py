"""The reply object: what the engine hands to every front.

A Reply is plain text plus structure (title, buttons, paging). Fronts decide
how to render it; `html()` is the escaped HTML form used by Telegram.
`Limits` is what a front can show in one message; it passes them to the
engine, and answers page long lists to fit them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from .topic import Topic


@dataclass(frozen=True)
class Limits:
    """What one message of a front can hold; None means no limit.

    `message_chars` counts the visible text (title and text as `plain()` gives
    them: markup a front adds does not count); `action_bytes` the UTF-8 bytes of
    one button's action string. Answers are written to fit any limits at or above
    the minimums, paging long lists with Next/Previous buttons.
    """

    message_chars: int | None = None
    action_bytes: int | None = None

    MIN_MESSAGE_CHARS: ClassVar[int] = 1000
    MIN_ACTION_BYTES: ClassVar[int] = 32

    def __post_init__(self) -> None:
        if self.message_chars is not None and self.message_chars < self.MIN_MESSAGE_CHARS:
            raise ValueError(f"message_chars must be at least {self.MIN_MESSAGE_CHARS}, not {self.message_chars}")
        if self.action_bytes is not None and self.action_bytes < self.MIN_ACTION_BYTES:
            raise ValueError(f"action_bytes must be at least {self.MIN_ACTION_BYTES}, not {self.action_bytes}")

    def fits_text(self, text: str) -> bool:
        return self.message_chars is None or len(text) <= self.message_chars

    def fits_action(self, action: str) -> bool:
        return self.action_bytes is None or len(action.encode("utf-8")) <= self.action_bytes


# Pages of about a screenful for the terminal and batch fronts (and any front that passes none).
DEFAULT_LIMITS = Limits(message_chars=4000, action_bytes=64)
UNLIMITED = Limits()


@dataclass(frozen=True)
class Button:
    """A follow-up the user can press; `action` is an action's string form (`bot.actions.encode`)."""

    label: str
    action: str


@dataclass(frozen=True)
class Chart:
    """Regions per year as a picture, in the reply's language: bars for the new ones, a line for the running
    total, the years whose lists are incomplete marked. Fronts that show pictures draw it (`bot.charts`); the
    caption says the same numbers in words, for screen readers."""

    name: str  # a file name stem: "cohorts", "province-33"
    title: str
    years: tuple[int, ...]
    new: tuple[int, ...]
    total: tuple[int, ...]
    partial: tuple[int, ...]  # years whose lists are incomplete
    labels: tuple[str, str, str, str]  # the new ones, the running total, "list incomplete", the years axis
    caption: str


@dataclass
class Reply:
    """One answer, ready for any front."""

    text: str
    lang: str
    intent: str
    title: str | None = None
    sources: list[str] = field(default_factory=list)
    buttons: list[list[Button]] = field(default_factory=list)
    page: int = 1
    pages: int = 1
    answered: bool = True
    confidence: float = 1.0
    topic: Topic | None = None  # the conversation's last question after this reply: hand it back with the next message
    language_asked: bool = False  # the user asked for this reply's language ("in english please"): keep it as their choice
    leaned: bool = False  # drawn from the conversation's last place, year or topic, not from this message alone
    people: tuple[str, ...] = ()  # the officials this reply names as its answer (ids), for "and after him?"
    links: dict[str, str] = field(default_factory=dict)  # a source's name in the text -> its address (fronts may link it)
    chart: Chart | None = None  # the numbers as a picture, for fronts that can show one

    def plain(self) -> str:
        """The whole reply as plain text (terminal, batch ask)."""
        parts = [p for p in (self.title, self.text) if p]
        return "\n\n".join(parts)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form for `ask --json`."""
        return {
            "text": self.plain(),
            "lang": self.lang,
            "intent": self.intent,
            "answered": self.answered,
            "confidence": round(self.confidence, 3),
            "sources": list(self.sources),
            "buttons": [[{"label": b.label, "action": b.action} for b in row] for row in self.buttons],
            "page": self.page,
            "pages": self.pages,
        }
