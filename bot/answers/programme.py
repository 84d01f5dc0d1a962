"""Answers about the programme itself: what it is, when it began, who runs it, how it works."""

from __future__ import annotations

from .. import actions
from ..reply import Reply
from ..understanding.understand import Understanding
from .base import Answer, Context, button, hedge, paged, reply, source_line

TOPICS = (
    "programme.what_is", "programme.start", "programme.organiser", "programme.partners", "programme.selection",
    "programme.benefits", "programme.masterplan", "programme.quick_win", "programme.dewan", "programme.bimtek",
    "programme.phases", "programme.evaluation", "programme.awards", "programme.names", "programme.komdigi",
    "programme.targets", "programme.not_same", "programme.smart_province",
    "programme.tourism_areas",
)


class ProgrammeFacts(Answer):
    """Says the facts filed under the question's topic, each hedged by its confidence."""

    intents = TOPICS

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        facts = ctx.knowledge.facts_by_topic.get(u.intent, [])
        if u.year is not None:  # "the 2018 assessment": the topic's facts about that year, when it has some
            facts = [f for f in facts if str(u.year) in f.text.id] or facts
        if not facts:
            text = ctx.tr._("I have nothing on that in my knowledge files yet.")
            return reply(u, ctx, text, answered=False)
        lines: list[str] = []
        for fact in facts:
            lines += [*([""] if lines else []), " ".join(filter(None, (fact.text.get(ctx.lang), hedge(ctx, fact.confidence))))]
        sources = [s for f in facts for s in f.sources]
        topic = u.intent.removeprefix("programme.")
        buttons = [[button(ctx.tr._("The six pillars"), actions.Pillars()), button(ctx.tr._("Cohorts by year"), actions.CohortTotals())]]
        return paged(
            u, ctx, lines, lambda page: actions.Programme(topic, page), tail=source_line(ctx, sources),
            sources=sorted(set(sources)), buttons=buttons,
        )
