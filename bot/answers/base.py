"""What every answer shares: the context it works in, buttons, source lines, hedging and paging."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlparse

from ..actions import LAST_PAGE, Action, encode
from ..i18n import Translator
from ..knowledge.records import Source
from ..knowledge.store import Knowledge
from ..reply import DEFAULT_LIMITS, Button, Limits, Reply
from ..understanding.understand import Understanding

# The intent of a reply saying plainly that the sources do not hold what was asked ("who took over from X?")
NOT_IN_SOURCES = "not_in_sources"


@dataclass
class Context:
    """The knowledge, the language one reply is written in and the limits of the front it goes to."""

    knowledge: Knowledge
    tr: Translator
    limits: Limits = DEFAULT_LIMITS

    @property
    def lang(self) -> str:
        return self.tr.lang


class Answer:
    """One kind of answer. Subclasses set `intents` and implement `answer`."""

    intents: ClassVar[tuple[str, ...]] = ()

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        raise NotImplementedError


def cite(tr: Translator, source: Source) -> str:
    """How a source is named in a source line or an export: 'Bisnis.com (21 April 2022)'."""
    return f"{source.publisher} ({tr.date(source.date, weekday=False)})" if source.date else source.publisher


def official(source: Source) -> bool:
    """A government source (Kominfo/Komdigi, a region's own government): its site is under .go.id."""
    host = urlparse(source.url).hostname or ""
    return host == "go.id" or host.endswith(".go.id")


def links(ctx: Context, source_ids: Iterable[str]) -> dict[str, str]:
    """Each source's name in a source line -> its address, for fronts that can make the names links."""
    sources = [ctx.knowledge.sources[s] for s in source_ids if s in ctx.knowledge.sources]
    return {cite(ctx.tr, source): source.url for source in sources if source.url}


def source_line(ctx: Context, source_ids: Iterable[str], limit: int = 3) -> str:
    """'Sumber: Kominfo (Februari 2019); Bisnis.com (Kamis, 21 April 2022)' — official sources first, then the most
    cited, at most `limit`."""
    counts = Counter(s for s in source_ids if s in ctx.knowledge.sources)
    if not counts:
        return ""
    labels: list[str] = []  # two articles of one publisher in one month read the same: said once
    ranked = sorted(counts.items(), key=lambda item: (not official(ctx.knowledge.sources[item[0]]), -item[1]))
    for source_id, _ in ranked:
        label = cite(ctx.tr, ctx.knowledge.sources[source_id])
        if label not in labels:
            labels.append(label)
    parts = labels[:limit]
    more = len(labels) - len(parts)
    text = "; ".join(parts)
    if more > 0:
        text += " " + ctx.tr.n_("and {n} more source", "and {n} more sources", more).format(n=more)
    return ctx.tr._("Source: {sources}").format(sources=text)


def source_label(ctx: Context) -> str:
    """How a reply's source line begins ("Sumber:"), in the reply's language: to tell that paragraph apart."""
    return ctx.tr._("Source: {sources}").split("{sources}")[0]


def hedge(ctx: Context, confidence: str) -> str:
    """A short warning for facts the sources are not sure about ('' for high confidence)."""
    if confidence == "medium":
        return ctx.tr._("(According to a single source or sources that partly disagree.)")
    if confidence == "low":
        return ctx.tr._("(Uncertain: this is weakly sourced or our own inference.)")
    return ""


def cautions(ctx: Context, confidences: Sequence[str]) -> tuple[list[str], str]:
    """Each item's caution ('' when its sources are sure) and one for the whole answer: when several items all
    need the same caution, none of them carries it and it is said once, after them."""
    each = [hedge(ctx, c) for c in confidences]
    if len(each) > 1 and each[0] and all(h == each[0] for h in each):
        return [""] * len(each), each[0]
    return each, ""


def button(label: str, action: Action) -> Button:
    """A button pressing `action`."""
    return Button(label, encode(action))


def paged(
    u: Understanding, ctx: Context, lines: list[str], at: Callable[[int], Action] | None, *,
    head: str = "", tail: str = "", title: str | None = None, buttons: Iterable[list[Button]] = (), **kwargs: object,
) -> Reply:
    """One page of `lines` between `head` and `tail`, fitted to the front's message limit.

    A reply that fits is one page. Otherwise the lines are shared out between
    pages (a line longer than a page is broken between words), `head` and `tail`
    repeated on each page when that leaves at least half the message for lines,
    the title says "(page x of y)", and Previous/Next buttons carry `at(page)`.
    An empty line in `lines` starts a new paragraph. `at` is None only for
    answers short by construction.
    """
    body = "\n".join(lines)
    limit = ctx.limits.message_chars
    whole = join_paragraphs(title or "", join_paragraphs(head, body, tail))
    if limit is None or at is None or len(whole) <= limit:
        return reply(u, ctx, join_paragraphs(head, body, tail), title=title, buttons=list(buttons), **kwargs)
    marker = ctx.tr._("(page {page} of {pages})")
    widest = len(f"{title} " if title else "") + len(marker.format(page=LAST_PAGE, pages=LAST_PAGE)) + 2
    room = limit - widest - sum(len(part) + 2 for part in (head, tail) if part)
    if room < limit // 2:  # too little left between head and tail: they go once, at the start and the end
        lines = [*([head, ""] if head else []), *lines, *(["", tail] if tail else [])]
        head = tail = ""
        room = limit - widest
    pages = _share(lines, room)
    page = min(max(u.page, 1), len(pages))
    shown = marker.format(page=page, pages=len(pages))
    moves = [button(ctx.tr._("◀ Previous"), at(page - 1))] if page > 1 else []
    moves += [button(ctx.tr._("Next ▶"), at(page + 1))] if page < len(pages) else []
    return reply(
        u, ctx, join_paragraphs(head, "\n".join(pages[page - 1]), tail), title=f"{title} {shown}" if title else shown,
        buttons=[row for row in (moves, *buttons) if row], page=page, pages=len(pages), **kwargs,
    )


def _share(lines: list[str], room: int) -> list[list[str]]:
    """Lines packed into pages of at most `room` characters (joined by line breaks); no page starts or ends blank."""
    pages: list[list[str]] = [[]]
    size = 0
    for piece in (piece for line in lines for piece in _broken(line, room)):
        if pages[-1] and size + 1 + len(piece) > room:
            pages.append([])
            size = 0
        if not pages[-1] and not piece:
            continue
        size += len(piece) + (1 if pages[-1] else 0)
        pages[-1].append(piece)
    for page in pages:
        while page and not page[-1]:
            page.pop()
    return [page for page in pages if page] or [[]]


def _broken(line: str, room: int) -> list[str]:
    """A line cut into pieces of at most `room` characters, between words where it can be."""
    pieces = []
    while len(line) > room:
        cut = max(line.rfind(" ", 0, room + 1), line.rfind("\n", 0, room + 1))
        if cut <= 0:
            pieces.append(line[:room])
            line = line[room:]
        else:
            pieces.append(line[:cut])
            line = line[cut + 1:]
    return [*pieces, line]


def reply(u: Understanding, ctx: Context, text: str, **kwargs: object) -> Reply:
    """A Reply in the context's language for this understanding; a button already offered is not offered again
    (two regions of one province: one button for the province)."""
    if isinstance(buttons := kwargs.get("buttons"), list):
        kwargs["buttons"] = _each_once(buttons)
    return Reply(text=text, lang=ctx.lang, intent=u.intent, confidence=u.confidence, **kwargs)  # type: ignore[arg-type]


def _each_once(rows: list[list[Button]]) -> list[list[Button]]:
    seen: set[str] = set()
    kept: list[list[Button]] = []
    for row in rows:
        fresh = []
        for b in row:
            if b.action not in seen:
                seen.add(b.action)
                fresh.append(b)
        if fresh:
            kept.append(fresh)
    return kept


def join_paragraphs(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)
