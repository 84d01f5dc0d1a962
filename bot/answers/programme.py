"""Answers about the programme itself: what it is, when it began, who runs it, how it works."""

from __future__ import annotations

from ..reply import Button, Reply
from ..understanding.understand import Understanding
from .base import Answer, Context, hedge, join_paragraphs, reply, source_line

TOPICS = (
    "programme.what_is", "programme.start", "programme.organiser", "programme.partners", "programme.selection",
    "programme.benefits", "programme.masterplan", "programme.quick_win", "programme.dewan", "programme.bimtek",
    "programme.phases", "programme.evaluation", "programme.awards", "programme.names", "programme.komdigi",
    "programme.targets", "programme.not_same", "programme.smart_province",
)


class ProgrammeFacts(Answer):
    """Says the facts filed under the question's topic, each hedged by its confidence."""

    intents = TOPICS

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        facts = ctx.knowledge.facts_by_topic.get(u.intent, [])
        if not facts:
            text = ctx.tr._("I have nothing on that in my knowledge files yet.")
            return reply(u, ctx, text, answered=False)
        paragraphs = [" ".join(filter(None, (f.text.get(ctx.lang), hedge(ctx, f.confidence)))) for f in facts]
        sources = [s for f in facts for s in f.sources]
        buttons = [[Button(ctx.tr._("The six pillars"), "pl"), Button(ctx.tr._("Cohorts by year"), "ct")]]
        return reply(u, ctx, join_paragraphs(*paragraphs, source_line(ctx, sources)), sources=sorted(set(sources)), buttons=buttons)
