"""Answers about a province: which of its kabupaten/kota took part, by year."""

from __future__ import annotations

from collections import defaultdict

from .. import actions
from ..knowledge.records import Event
from ..reply import Button, Chart, Reply
from ..understanding.understand import Understanding
from .base import Answer, Context, button, join_paragraphs, paged, reply, source_line
from .cohorts import per_year_chart
from .memberlists import region_name, status_label
from .regions import event_lines, skipped_events


class ProvinceMembers(Answer):
    intents = ("province.members",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        province = ctx.knowledge.provinces.get(u.province or "")
        if province is None:
            return reply(u, ctx, ctx.tr._("Which province? Tell me its name, e.g. \"Jawa Timur\"."), answered=False)
        codes = {r.code for r in ctx.knowledge.regions_in_province(province.code)}
        by_year: dict[int, list[str]] = defaultdict(list)
        sources = []
        instead: list[Event] = []  # for one year: what happened to the regions named but not taking part
        for code in sorted(codes):
            members = ctx.knowledge.members_by_region.get(code, [])
            for m in members:
                if u.year is None or m.year == u.year:
                    by_year[m.year].append(region_name(ctx, code) + status_label(ctx, m))
                    sources.append(m.source)
            if u.year is not None:
                skipped = [e for e in skipped_events(ctx, code, members) if e.date.startswith(str(u.year))]
                instead.extend(skipped)
                sources.extend(s for e in skipped for s in e.sources)
        title = province.name if u.year is None else f"{province.name}, {u.year}"
        if not by_year:
            text = (
                ctx.tr._("None of the {n} kabupaten/kota of {province} is in our list for {year}.")
                if u.year else ctx.tr._("None of the {n} kabupaten/kota of {province} is in our lists.")
            ).format(n=len(codes), province=province.name, year=u.year)
            partial = [str(k.year) for k in ctx.knowledge.cohorts.values() if k.partial and (u.year in (None, k.year))]
            if partial:
                text += " " + ctx.tr._("Our lists for {years} are incomplete.").format(years=ctx.tr.list(partial))
            return reply(u, ctx, text, title=title)
        lines = [f"• {year}: {ctx.tr.list(sorted(names))}" for year, names in sorted(by_year.items())]
        unique = {n.split(" (")[0] for names in by_year.values() for n in names}
        intro = ctx.tr._("{count} of the {n} kabupaten/kota of {province} appear in our lists:").format(
            count=len(unique), n=len(codes), province=province.name
        )
        partial = [str(k.year) for k in ctx.knowledge.cohorts.values() if k.partial and (u.year in (None, k.year))]
        caution = ctx.tr._("Our lists for {years} are incomplete.").format(years=ctx.tr.list(partial)) if partial else ""
        return paged(
            u, ctx, lines, lambda page: actions.Province(province.code, u.year, page), head=intro,
            chart=self._chart(ctx, province.code, title) if u.year is None else None,
            tail=join_paragraphs("\n".join(event_lines(ctx, instead)), caution, source_line(ctx, sources)), title=title,
            buttons=self._buttons(ctx, province.code, province.name, u.year, sorted(by_year)), sources=sorted(set(sources)),
        )

    def _chart(self, ctx: Context, code: str, title: str) -> Chart | None:
        """The province's timeline: its kabupaten/kota taking part for the first time each year, and the running
        total (each region counted once)."""
        first: dict[str, int] = {}
        for region in ctx.knowledge.regions_in_province(code):
            years = [m.year for m in ctx.knowledge.members_by_region.get(region.code, []) if m.status != "not_taken_up"]
            if years:
                first[region.code] = min(years)
        if not first:
            return None
        years = sorted(set(first.values()))
        new = {y: sum(1 for f in first.values() if f == y) for y in years}
        total = {y: sum(1 for f in first.values() if f <= y) for y in years}
        return per_year_chart(ctx, f"province-{code}", title, new, total)

    def _buttons(self, ctx: Context, code: str, name: str, year: int | None, years: list[int]) -> list[list[Button]]:
        """Every year the province took part, each opening that province's year; for one year, the whole province
        and the national cohort of that year."""
        if year is not None:
            return [[button(name, actions.Province(code)), button(ctx.tr._("Cohort {year}").format(year=year), actions.Cohort(year))]]
        each = [button(str(y), actions.Province(code, y)) for y in years]
        return [each[i:i + 4] for i in range(0, len(each), 4)]
