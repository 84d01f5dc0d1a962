"""What every answer shares: the context it works in, source lines, hedging and paging."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar, Iterable

from ..i18n import Translator
from ..knowledge.store import Knowledge
from ..reply import Button, Reply
from ..understanding.understand import Understanding

PAGE_BUDGET = 3300  # characters of list text per page; leaves room for title, sources and HTML escaping


@dataclass
class Context:
    """The knowledge and the language one reply is written in."""

    knowledge: Knowledge
    tr: Translator

    @property
    def lang(self) -> str:
        return self.tr.lang


class Answer:
    """One kind of answer. Subclasses set `intents` and implement `answer`."""

    intents: ClassVar[tuple[str, ...]] = ()

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        raise NotImplementedError


def source_line(ctx: Context, source_ids: Iterable[str], limit: int = 3) -> str:
    """'Sumber: Bisnis.com (Kamis, 21 April 2022); Kominfo' — most cited first, at most `limit`."""
    counts = Counter(s for s in source_ids if s in ctx.knowledge.sources)
    if not counts:
        return ""
    parts = []
    for source_id, _ in counts.most_common(limit):
        source = ctx.knowledge.sources[source_id]
        parts.append(f"{source.publisher} ({ctx.tr.date(source.date, weekday=False)})" if source.date else source.publisher)
    more = len(counts) - len(parts)
    text = "; ".join(parts)
    if more > 0:
        text += " " + ctx.tr.n_("and {n} more source", "and {n} more sources", more).format(n=more)
    return ctx.tr._("Source: {sources}").format(sources=text)


def hedge(ctx: Context, confidence: str) -> str:
    """A short warning for facts the sources are not sure about ('' for high confidence)."""
    if confidence == "medium":
        return ctx.tr._("(According to a single source or sources that partly disagree.)")
    if confidence == "low":
        return ctx.tr._("(Uncertain: this is weakly sourced or our own inference.)")
    return ""


def paginate(lines: list[str], page: int, budget: int = PAGE_BUDGET) -> tuple[str, int, int]:
    """Cut lines into pages of at most `budget` characters; returns (text of page, page, pages)."""
    pages: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if pages[-1] and size + len(line) + 1 > budget:
            pages.append([])
            size = 0
        pages[-1].append(line)
        size += len(line) + 1
    page = min(max(page, 1), len(pages))
    return "\n".join(pages[page - 1]), page, len(pages)


def page_buttons(ctx: Context, action: str, page: int, pages: int) -> list[Button]:
    """Previous/Next buttons for a paged list; `action` is the list's action without the page."""
    row = []
    if page > 1:
        row.append(Button(ctx.tr._("◀ Previous"), f"{action}:{page - 1}"))
    if page < pages:
        row.append(Button(ctx.tr._("Next ▶"), f"{action}:{page + 1}"))
    return row


def reply(u: Understanding, ctx: Context, text: str, **kwargs: object) -> Reply:
    """A Reply in the context's language for this understanding."""
    return Reply(text=text, lang=ctx.lang, intent=u.intent, confidence=u.confidence, **kwargs)  # type: ignore[arg-type]


def join_paragraphs(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)
