"""Answers about cohorts (one intake year each): members, size, MoU, running totals."""

from __future__ import annotations

from .. import actions
from ..knowledge.records import Cohort, Event
from ..reply import Button, Chart, Reply
from ..understanding.understand import Understanding
from .base import Answer, Context, button, cautions, join_paragraphs, paged, reply, source_line
from .memberlists import grouped_by_province, partial_note


def per_year_chart(ctx: Context, name: str, title: str, new: dict[int, int], total: dict[int, int]) -> Chart:
    """Regions new each year and the running total as a chart, the years with incomplete lists marked; the
    caption says the numbers."""
    years = sorted(new)
    partial = tuple(y for y in years if (c := ctx.knowledge.cohorts.get(y)) is not None and c.partial)
    per_year = ctx.tr.list([f"{y}: {ctx.tr.number(new[y])}" for y in years])
    caption = ctx.tr._("{title}. New kabupaten/kota per year: {per_year}. Running total: {total}.").format(
        title=title, per_year=per_year, total=ctx.tr.number(total[years[-1]]) if years else 0)
    if partial:
        caption += " " + ctx.tr._("Our lists for {years} are incomplete.").format(years=ctx.tr.list([str(y) for y in partial]))
    labels = (ctx.tr._("New kabupaten/kota"), ctx.tr._("Running total"), ctx.tr._("list incomplete"), ctx.tr._("Year"))
    return Chart(f"{name}-{ctx.lang}", title, tuple(years), tuple(new[y] for y in years), tuple(total[y] for y in years),
                 partial, labels, caption)


def year_buttons(ctx: Context, exclude: int | None = None) -> list[list[Button]]:
    years = [k.year for k in ctx.knowledge.cohorts.values() if k.size and k.year != exclude]
    buttons = [button(str(y), actions.Cohort(y)) for y in years]
    return [buttons[i:i + 4] for i in range(0, len(buttons), 4)]


def no_such_cohort(u: Understanding, ctx: Context) -> Reply:
    years = [k.year for k in ctx.knowledge.cohorts.values() if k.size]
    if u.year is None:
        text = ctx.tr._("Which year? Cohorts I know: {years}.").format(years=ctx.tr.list([str(y) for y in years]))
        return reply(u, ctx, text, buttons=year_buttons(ctx), answered=False)
    text = ctx.tr._("I have no cohort for {year}. The cohorts I know are {years}.").format(
        year=u.year, years=ctx.tr.list([str(y) for y in years])
    )
    return reply(u, ctx, text, buttons=year_buttons(ctx), answered=False)  # a year we know nothing of: not answered


def empty_year(u: Understanding, ctx: Context, cohort: Cohort) -> Reply:
    """A year with no new cohort (2020)."""
    note = cohort.note.get(ctx.lang) if cohort.note else ""
    text = join_paragraphs(ctx.tr._("There was no new cohort in {year}.").format(year=cohort.year), note, source_line(ctx, cohort.sources))
    return reply(u, ctx, text, sources=list(cohort.sources), buttons=year_buttons(ctx))


def size_sentence(ctx: Context, cohort: Cohort) -> str:
    return ctx.tr.n_(
        "In {year}, {n} new kabupaten/kota joined.", "In {year}, {n} new kabupaten/kota joined.", cohort.size
    ).format(year=cohort.year, n=ctx.tr.number(cohort.size))


def cohort_mou_sentence(ctx: Context, year: int) -> str:
    """'The 2017 cohort signed its MoU on Monday, 22 May 2017, Four Points by Sheraton, Makassar.' (the place
    when the knowledge holds it): one sentence for the cohort answers and a region's answers alike."""
    cohort = ctx.knowledge.cohorts.get(year)
    if cohort is None or not cohort.mou_date:
        return ""
    if cohort.mou_place:
        return ctx.tr._("The {year} cohort signed its MoU on {date}, {place}.").format(
            year=year, date=ctx.tr.date(cohort.mou_date), place=cohort.mou_place.get(ctx.lang))
    return ctx.tr._("The {year} cohort signed its MoU on {date}.").format(year=year, date=ctx.tr.date(cohort.mou_date))


class CohortMembers(Answer):
    """The whole list of a year, grouped by province, paged when it does not fit one message."""

    intents = ("cohort.members",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        cohort = ctx.knowledge.cohorts.get(u.year or 0)
        if cohort is None:
            return no_such_cohort(u, ctx)
        if not cohort.size:
            return empty_year(u, ctx, cohort)
        members = ctx.knowledge.members_by_year.get(cohort.year, [])
        taking_part = [m for m in members if m.status != "not_taken_up"]
        lines = grouped_by_province(ctx, members)
        if cohort.note:
            lines += ["", cohort.note.get(ctx.lang)]
        head = join_paragraphs(size_sentence(ctx, cohort), partial_note(ctx, cohort.year, len(taking_part), cohort.size))
        sources = list(cohort.sources) + [m.source for m in members]
        buttons = [[button(ctx.tr._("MoU date"), actions.CohortMou(cohort.year)),
                    button(ctx.tr._("Totals by year"), actions.CohortTotals())]]
        return paged(
            u, ctx, lines, lambda page: actions.Cohort(cohort.year, page), head=head, tail=source_line(ctx, sources),
            title=ctx.tr._("Cohort {year}").format(year=cohort.year), buttons=buttons, sources=sorted(set(sources)),
        )


class CohortSize(Answer):
    intents = ("cohort.size",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        cohort = ctx.knowledge.cohorts.get(u.year or 0)
        if cohort is None:
            return CohortTotals().answer(u, ctx) if u.year is None else no_such_cohort(u, ctx)
        if not cohort.size:
            return empty_year(u, ctx, cohort)
        side_by_side = [ctx.knowledge.cohorts[y] for y in u.frame.each_year if y in ctx.knowledge.cohorts]
        if len(side_by_side) >= 2:  # "the 2018 intake compared with 2019": each year's size, one line each
            lines = [f"• {size_sentence(ctx, c)}" for c in side_by_side]
            sources = [s for c in side_by_side for s in c.sources]
            return reply(u, ctx, join_paragraphs("\n".join(lines), source_line(ctx, sources)), sources=sorted(set(sources)))
        known = [m for m in ctx.knowledge.members_by_year.get(cohort.year, []) if m.status != "not_taken_up"]
        total = (
            ctx.tr._("That made {total} regions in all since 2017, as officially stated.").format(total=ctx.tr.number(cohort.total))
            if cohort.total else ""
        )
        note = cohort.note.get(ctx.lang) if cohort.note else ""
        sources = list(cohort.sources) + list(cohort.total_sources)
        text = join_paragraphs(
            " ".join(filter(None, (size_sentence(ctx, cohort), total))),
            partial_note(ctx, cohort.year, len(known), cohort.size), note, source_line(ctx, sources),
        )
        buttons = [[button(ctx.tr._("Show the list"), actions.Cohort(cohort.year)),
                    button(ctx.tr._("Totals by year"), actions.CohortTotals())]]
        return reply(u, ctx, text, sources=sorted(set(sources)), buttons=buttons)


def signing_day(ctx: Context, date: str) -> list[Event]:
    """What the knowledge tells of a cohort's signing day as a whole (who signed, where): the events of that date
    that name several regions or none, not one region's own story."""
    return [e for e in ctx.knowledge.records.events if e.date == date and len(e.regions) != 1]


class CohortMou(Answer):
    intents = ("cohort.mou",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        cohort = ctx.knowledge.cohorts.get(u.year or 0)
        if cohort is None:
            return no_such_cohort(u, ctx) if u.year is not None else self._all(u, ctx)
        if not cohort.mou_date or not cohort.mou_place:
            return empty_year(u, ctx, cohort) if not cohort.size else reply(
                u, ctx, ctx.tr._("I don't know when the {year} MoU was signed.").format(year=cohort.year), answered=False
            )
        day = signing_day(ctx, cohort.mou_date)
        sources = list(dict.fromkeys([*cohort.mou_sources, *(s for e in day for s in e.sources)]))
        each, once = cautions(ctx, [e.confidence for e in day])
        said = [" ".join(filter(None, (e.text.get(ctx.lang), c))) for e, c in zip(day, each, strict=True)]
        text = join_paragraphs(cohort_mou_sentence(ctx, cohort.year), *said, once, source_line(ctx, sources))
        buttons = [[button(ctx.tr._("Show the list"), actions.Cohort(cohort.year))]]
        return reply(u, ctx, text, sources=sources, buttons=buttons)

    def _all(self, u: Understanding, ctx: Context) -> Reply:
        lines: list[str] = []
        sources: list[str] = []
        for cohort in ctx.knowledge.cohorts.values():
            if cohort.mou_date and cohort.mou_place:
                lines.append(f"• {cohort.year}: {ctx.tr.date(cohort.mou_date)}, {cohort.mou_place.get(ctx.lang)}")
                sources.extend(cohort.mou_sources)
        text = join_paragraphs(ctx.tr._("MoU signings by cohort:"), "\n".join(lines), source_line(ctx, sources))
        return reply(u, ctx, text, sources=sorted(set(sources)), buttons=year_buttons(ctx))


def ranking_sentence(u: Understanding, ctx: Context) -> str:
    """'The smallest cohort was 2024, with 10 regions.' for a question about the largest or smallest year; 'No new
    cohort in 2020.' for one about a year without."""
    if u.frame.has("not_yet") and u.frame.of_years and not (u.frame.has("most") or u.frame.has("least")):  # "a year with none?"
        empty = [str(c.year) for c in ctx.knowledge.cohorts.values() if not c.size]
        return ctx.tr._("No new cohort in {years}.").format(years=ctx.tr.list(empty)) if empty else ctx.tr._(
            "Every year had a new cohort.")
    sized = [c for c in ctx.knowledge.cohorts.values() if c.size]
    if not sized or not (u.frame.has("most") or u.frame.has("least")):
        return ""
    size = max(c.size for c in sized) if u.frame.has("most") else min(c.size for c in sized)
    years = ctx.tr.list([str(c.year) for c in sized if c.size == size])
    if u.frame.has("most"):
        return ctx.tr._("The largest cohort: {years}, with {n} regions.").format(years=years, n=ctx.tr.number(size))
    return ctx.tr._("The smallest cohort: {years}, with {n} regions.").format(years=years, n=ctx.tr.number(size))


class CohortTotals(Answer):
    """How many regions joined each year, with running totals and where sources disagree."""

    intents = ("cohort.totals",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        lines: list[str] = []
        notes: list[str] = []
        sources: list[str] = []
        for cohort in ctx.knowledge.cohorts.values():
            count = ctx.tr.n_("{n} new region", "{n} new regions", cohort.size).format(n=ctx.tr.number(cohort.size))
            total = ctx.tr._("total {total}").format(total=ctx.tr.number(cohort.total)) if cohort.total else ""
            lines.append(f"• {cohort.year}: " + ", ".join(filter(None, (count, total))))
            sources.extend(cohort.sources)
            sources.extend(cohort.total_sources)
            if cohort.note and cohort.year != 2020:
                notes.append(f"{cohort.year}: {cohort.note.get(ctx.lang)}")
        last = max((k for k in ctx.knowledge.cohorts.values() if k.total), key=lambda k: k.year, default=None)
        intro = (
            ctx.tr._("By {year}, {total} kabupaten/kota had joined, as officially stated. Year by year:").format(
                year=last.year, total=ctx.tr.number(last.total)
            ) if last and last.total else ctx.tr._("Year by year:")
        )
        ranked = ranking_sentence(u, ctx)
        if ranked:
            intro = join_paragraphs(ranked, intro)
        caution = ctx.tr._("Official totals differ between sources; the notes below say where.")
        counted = [c for c in ctx.knowledge.cohorts.values() if c.total is not None]
        chart = per_year_chart(ctx, "cohorts", ctx.tr._("Regions per cohort"), {c.year: c.size for c in counted},
                               {c.year: c.total or 0 for c in counted}) if counted else None
        return paged(
            u, ctx, lines + (["", caution, *notes] if notes else []), actions.CohortTotals, head=intro,
            tail=source_line(ctx, sources), title=ctx.tr._("Regions per cohort"),
            buttons=year_buttons(ctx), sources=sorted(set(sources)), chart=chart,
        )
