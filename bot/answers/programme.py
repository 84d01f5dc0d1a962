"""Answers about the programme itself: what it is, when it began, who runs it, how it works."""

from __future__ import annotations

from .. import actions
from ..reply import Reply
from ..understanding.understand import Understanding
from .base import Answer, Context, button, cautions, join_paragraphs, paged, reply, source_line

TOPICS = (
    "programme.what_is", "programme.start", "programme.organiser", "programme.partners", "programme.selection",
    "programme.benefits", "programme.masterplan", "programme.quick_win", "programme.dewan", "programme.bimtek",
    "programme.phases", "programme.evaluation", "programme.awards", "programme.names", "programme.komdigi",
    "programme.targets", "programme.not_same", "programme.smart_province",
    "programme.tourism_areas", "programme.assessment_pool", "programme.spread",
)

# A topic whose "how many?" is another topic's facts: how many regions the assessment took is the pool's
COUNTED = {"programme.selection": "programme.assessment_pool"}


class ProgrammeFacts(Answer):
    """Says the facts filed under the question's topic, each hedged by its confidence."""

    intents = TOPICS

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        topic = u.intent
        if u.frame.has("count") and ctx.knowledge.facts_by_topic.get(COUNTED.get(topic, "")):
            topic = COUNTED[topic]  # "berapa yang diases 2018?"
        every = ctx.knowledge.facts_by_topic.get(topic, [])
        # "the 2018 assessment", or "how many were invited?" after the 2019 cohort: the topic's facts about that year
        year = u.year if u.year is not None else u.carried.year
        facts = ([f for f in every if str(year) in f.text.id] or every) if year is not None else every
        if not facts:
            text = ctx.tr._("I have nothing on that in my knowledge files yet.")
            return reply(u, ctx, text, answered=False)
        each, once = cautions(ctx, [f.confidence for f in facts])
        lines: list[str] = []
        for fact, caution in zip(facts, each, strict=True):
            lines += [*([""] if lines else []), " ".join(filter(None, (fact.text.get(ctx.lang), caution)))]
        sources = [s for f in facts for s in f.sources]
        buttons = [[button(ctx.tr._("The six pillars"), actions.Pillars()), button(ctx.tr._("Cohorts by year"), actions.CohortTotals())]]
        name = topic.removeprefix("programme.")
        result = paged(
            u, ctx, lines, lambda page: actions.Programme(name, page), tail=join_paragraphs(once, source_line(ctx, sources)),
            sources=sorted(set(sources)), buttons=buttons,
        )
        result.leaned = u.year is None and facts is not every
        return result

