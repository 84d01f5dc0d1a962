"""Answers about the six pillars (dimensions) and the other naming seen in the news."""

from __future__ import annotations

from .. import actions
from ..reply import Button, Reply
from ..understanding.understand import Understanding
from .base import Answer, Context, button, hedge, join_paragraphs, paged, reply, source_line


def pillar_buttons(ctx: Context, exclude: str | None = None) -> list[list[Button]]:
    buttons = [button(p.label, actions.Pillar(p.id)) for p in ctx.knowledge.pillars.values() if p.id != exclude]
    return [buttons[i:i + 2] for i in range(0, len(buttons), 2)]


class PillarList(Answer):
    intents = ("pillars.list",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        pillars = list(ctx.knowledge.pillars.values())
        lines = [f"{i}. {p.label}: {p.name.get(ctx.lang)}" for i, p in enumerate(pillars, 1)]
        intro = ctx.tr.n_(
            "The programme works along {n} official dimension (pillar):",
            "The programme works along {n} official dimensions (pillars):",
            len(pillars),
        ).format(n=len(pillars))
        outro = ctx.tr._("Press a pillar to read what it covers.")
        sources = sorted({s for p in pillars for s in p.sources})
        text = join_paragraphs(intro + "\n" + "\n".join(lines), outro, source_line(ctx, sources))
        return reply(u, ctx, text, title=ctx.tr._("The six pillars of smart city"), sources=sources, buttons=pillar_buttons(ctx))


class PillarDetail(Answer):
    intents = ("pillar.detail",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        pillar = ctx.knowledge.pillars.get(u.pillar or "")
        if pillar is None:
            return PillarList().answer(u, ctx)
        elements = ctx.tr._("It covers: {elements}.").format(elements=ctx.tr.list(list(pillar.elements(ctx.lang))))
        body = " ".join(filter(None, (pillar.description.get(ctx.lang), hedge(ctx, pillar.confidence))))
        text = join_paragraphs(body, elements, source_line(ctx, pillar.sources))
        title = f"{pillar.label} ({pillar.name.get(ctx.lang)})"
        return reply(u, ctx, text, title=title, sources=list(pillar.sources), buttons=pillar_buttons(ctx, exclude=pillar.id))


class PillarAlternative(Answer):
    """The seed article's naming (Smart Government, Smart Infrastructure and Downstream ...)."""

    intents = ("pillars.alternative",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        scheme = ctx.knowledge.records.alt_scheme
        names = sorted(ctx.knowledge.records.alt_names, key=lambda a: a.order)
        if not scheme or not names:
            return reply(u, ctx, ctx.tr._("I have nothing on that in my knowledge files yet."), answered=False)
        chosen = [a for a in names if a.label == u.alt_label] or names
        lines = []
        for alt in chosen:
            target = ctx.knowledge.pillars.get(alt.maps_to or "")
            mapping = (
                ctx.tr._("closest official pillar: {label}").format(label=target.label)
                if target else ctx.tr._("no official counterpart")
            )
            lines.append(f"• {alt.label} ({mapping}): {alt.explanation.get(ctx.lang)}")
        note = " ".join(filter(None, (scheme[0].note.get(ctx.lang), hedge(ctx, scheme[0].confidence))))
        every = actions.PillarAlternatives if len(chosen) == len(names) else None  # one named alternative is short
        return paged(
            u, ctx, lines, every, head=note, tail=source_line(ctx, [scheme[0].source]),
            title=ctx.tr._("Other names for the pillars"), sources=[scheme[0].source],
            buttons=[[button(ctx.tr._("The six pillars"), actions.Pillars())]],
        )
