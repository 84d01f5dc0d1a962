"""The sources answer: where the knowledge comes from."""

from __future__ import annotations

from collections import Counter

from .. import actions
from ..reply import Reply
from ..understanding.understand import Understanding
from .base import Answer, Context, button, paged


class Sources(Answer):
    intents = ("sources",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        k = ctx.knowledge
        cited = Counter(
            [m.source for m in k.records.memberships]
            + [s for f in k.records.facts for s in f.sources]
            + [s for c in k.records.cohorts for s in c.sources + c.total_sources + c.mou_sources]
        )
        lines = []
        for source_id, _ in cited.most_common(8):
            source = k.sources[source_id]
            date = f", {ctx.tr.date(source.date, weekday=False)}" if source.date else ""
            lines.append(f"• {source.publisher}{date}: {source.title}\n  {source.url}")
        intro = ctx.tr._(
            "Everything I say comes from {n} public sources: Kominfo's own pages, national and regional news, and "
            "regional government sites. Where they disagree, I say so. The most cited:"
        ).format(n=ctx.tr.number(len(k.sources)))
        outro = ctx.tr._("Each answer names its own source. Ask about a region to see the source for it.")
        return paged(
            u, ctx, lines, actions.Sources, head=intro, tail=outro, buttons=[[button(ctx.tr._("What can you do?"), actions.Help())]],
        )
