"""The reply object: what the engine hands to every front.

A Reply is plain text plus structure (title, buttons, paging). Fronts decide
how to render it; `html()` is the escaped HTML form used by Telegram.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

MAX_MESSAGE = 4096  # Telegram's limit for one message, used by every front.


@dataclass(frozen=True)
class Button:
    """A follow-up the user can press; `action` is an engine action string (see actions.py)."""

    label: str
    action: str


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

    def plain(self) -> str:
        """The whole reply as plain text (terminal, batch ask)."""
        parts = [p for p in (self.title, self.text) if p]
        return "\n\n".join(parts)

    def html(self) -> str:
        """The reply as Telegram HTML: title in bold, everything else escaped."""
        parts = []
        if self.title:
            parts.append(f"<b>{html.escape(self.title)}</b>")
        if self.text:
            parts.append(html.escape(self.text))
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
