"""Answers about one kabupaten/kota: its cohort year(s), province, MoU and who signed it."""

from __future__ import annotations

from .. import actions
from ..knowledge.records import Event, Membership
from ..reply import Button, Reply
from ..understanding.entities import OTHER_KIND
from ..understanding.understand import Understanding
from .base import Answer, Context, button, cautions, hedge, join_paragraphs, paged, reply, source_line
from .cohorts import cohort_mou_sentence


def partial_years(ctx: Context) -> list[int]:
    return [k.year for k in ctx.knowledge.cohorts.values() if k.partial]


def alias_note(u: Understanding, ctx: Context, code: str) -> str:
    """'Purwokerto is in Kabupaten Banyumas.' when the user named a town inside a region; 'I read "bandunk" as
    Kota Bandung.' when a misspelt name was taken for a region (a guess is said, never dressed as an answer)."""
    if u.fuzzy and u.fuzzy.confident and code in u.regions and not u.region_hits:
        if code != u.regions[0]:
            return ""  # said once, before the first
        names = ctx.tr.list([ctx.knowledge.regions[c].name for c in u.regions[:4]])
        return ctx.tr._("I read \"{name}\" as {region}.").format(name=u.fuzzy.query, region=names)
    for hit in u.region_hits:
        if code in hit.codes and hit.alias_kind == "place_in" and hit.alias:
            return ctx.tr._("{place} is in {region}.").format(place=hit.alias, region=ctx.knowledge.regions[code].name)
        if code in hit.codes and hit.alias_kind == "old_name" and hit.alias:
            return ctx.tr._("{old} is now called {region}.").format(old=hit.alias, region=ctx.knowledge.regions[code].name)
        if code in hit.codes and hit.alias_kind == OTHER_KIND and hit.alias:
            return ctx.tr._("There is no {asked} in the official list; the region of that name is {region}.").format(
                asked=hit.alias, region=ctx.knowledge.regions[code].name)
    return ""


def membership_sentence(ctx: Context, members: list[Membership]) -> str:
    """'It is in the 2023 cohort of Gerakan Menuju Smart City. For 2023 our sources are not certain.': the years
    first, then which of them the sources disagree on or are unsure of."""
    taking_part = [m for m in members if m.status != "not_taken_up"]
    if not taking_part:
        return ""
    years = [str(m.year) for m in taking_part]
    said = ctx.tr.n_(
        "It is in the {years} cohort of Gerakan Menuju Smart City.",
        "It is in the cohorts of {years} of Gerakan Menuju Smart City.",
        len(years),
    ).format(years=ctx.tr.list(years))
    disputed = [str(m.year) for m in taking_part if m.status == "disputed"]
    unsure = [str(m.year) for m in taking_part if m.status != "disputed" and m.confidence != "high"]
    if disputed:
        said += " " + ctx.tr._("For {years} the sources disagree.").format(years=ctx.tr.list(disputed))
    if unsure:
        said += " " + ctx.tr._("For {years} our sources are not certain.").format(years=ctx.tr.list(unsure))
    return said


def not_taken_up_sentence(ctx: Context, members: list[Membership]) -> str:
    skipped = [str(m.year) for m in members if m.status == "not_taken_up"]
    if not skipped:
        return ""
    return ctx.tr._("It was also named for {years}, but did not take part that year.").format(years=ctx.tr.list(skipped))


def mou_dates(ctx: Context, members: list[Membership]) -> dict[int, str]:
    """Cohort year -> MoU date, for the years a region took part."""
    found = {}
    for m in members:
        cohort = ctx.knowledge.cohorts.get(m.year)
        if m.status != "not_taken_up" and cohort and cohort.mou_date:
            found[m.year] = cohort.mou_date
    return found


def signing_events(ctx: Context, code: str, members: list[Membership]) -> list[Event]:
    """The region's events on its cohorts' MoU days (who signed, how)."""
    dates = set(mou_dates(ctx, members).values())
    return [e for e in ctx.knowledge.events_by_region.get(code, []) if e.date in dates]


def skipped_events(ctx: Context, code: str, members: list[Membership], most: int = 2) -> list[Event]:
    """The region's events in the years it was named but did not take part (what happened instead)."""
    years = {str(m.year) for m in members if m.status == "not_taken_up"}
    return [e for e in ctx.knowledge.events_by_region.get(code, []) if e.date[:4] in years][:most]


def event_line(ctx: Context, event: Event, caution: str | None = None) -> str:
    """'Kamis, 21 April 2022: …' with the date formatted for the reply's language, and the event's own caution
    unless the answer gives one (`base.cautions`)."""
    text = " ".join(filter(None, (event.text.get(ctx.lang), hedge(ctx, event.confidence) if caution is None else caution)))
    return f"{ctx.tr.date(event.date)}: {text}"


def event_lines(ctx: Context, events: list[Event]) -> list[str]:
    """The events' lines, a caution they all share said once after them."""
    each, once = cautions(ctx, [e.confidence for e in events])
    return [*(event_line(ctx, e, c) for e, c in zip(events, each, strict=True)), *([once] if once else [])]


def mou_sentence(ctx: Context, members: list[Membership], skip: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    return " ".join(cohort_mou_sentence(ctx, year) for year, date in mou_dates(ctx, members).items() if date not in skip)


def mou_sources(ctx: Context, members: list[Membership]) -> list[str]:
    """The sources of the MoU dates and places `mou_sentence` says."""
    return [s for year in mou_dates(ctx, members) for s in ctx.knowledge.cohorts[year].mou_sources]


def not_listed_sentence(ctx: Context) -> str:
    partial = partial_years(ctx)
    text = ctx.tr._("It is not in our lists of participants.")
    if partial:
        text += " " + ctx.tr._(
            "Our lists for {years} are incomplete, so it may still have joined in one of those years."
        ).format(years=ctx.tr.list([str(y) for y in partial]))
    return text


class RegionStatus(Answer):
    """Is this region in? One paragraph per region; a shared name answers for each."""

    intents = ("region.status",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        paragraphs: list[str] = []
        sources: list[str] = []
        buttons: list[list[Button]] = []
        for code in u.regions[:4]:
            region = ctx.knowledge.regions[code]
            province = ctx.knowledge.provinces[region.province]
            members = ctx.knowledge.members_by_region.get(code, [])
            lines = [alias_note(u, ctx, code), f"{region.name} ({province.name})"]
            if u.year is not None and members and all(m.year != u.year for m in members):
                lines.append(ctx.tr._("It is not in our list for {year}.").format(year=u.year))
                if u.year in partial_years(ctx):  # "not in our list" of a year we know only in part is no "no"
                    lines.append(ctx.tr._("Our lists for {years} are incomplete.").format(years=u.year))
            listed = membership_sentence(ctx, members)
            lines.append(listed or not_listed_sentence(ctx))
            lines.append(not_taken_up_sentence(ctx, members))
            signed = signing_events(ctx, code, members) + skipped_events(ctx, code, members)
            lines.append(mou_sentence(ctx, members, skip={e.date for e in signed}))
            lines.extend(event_lines(ctx, signed))
            sources.extend(s for e in signed for s in e.sources)
            sources.extend(m.source for m in members)
            sources.extend(mou_sources(ctx, members))  # the MoU's date and place
            paragraphs.append(" ".join(filter(None, lines[:2])) + "\n" + " ".join(filter(None, lines[2:])))
            row = [
                button(ctx.tr._("Cohort {year}").format(year=m.year), actions.Cohort(m.year)) for m in members if m.status != "not_taken_up"
            ][:2]
            row.append(button(province.name, actions.Province(province.code)))
            if len(ctx.knowledge.events_by_region.get(code, [])) > len(signed):
                row.append(button(ctx.tr._("Timeline"), actions.RegionEvents(code)))
            buttons.append(row)
        text = join_paragraphs(*paragraphs, source_line(ctx, sources))
        return reply(u, ctx, text, sources=sorted(set(sources)), buttons=buttons)


class MouSigning(Answer):
    """Who signed a region's MoU and how (its signing-day events; all its events for the timeline button)."""

    intents = ("event.mou_signing", "region.events")

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        paragraphs: list[str] = []
        sources: list[str] = []
        answered = False
        for code in u.regions[:4]:
            region = ctx.knowledge.regions[code]
            members = ctx.knowledge.members_by_region.get(code, [])
            everything = sorted(ctx.knowledge.events_by_region.get(code, []), key=lambda e: e.date)
            events = everything if u.intent == "region.events" else (signing_events(ctx, code, members) or everything)
            if events:
                answered = True
                paragraphs.append(region.name + "\n" + "\n".join(event_lines(ctx, events)))
                sources.extend(s for e in events for s in e.sources)
                continue
            known = mou_sentence(ctx, members)  # the date first: "mou nya kapan?" asks when
            paragraphs.append(
                " ".join(filter(None, (known, ctx.tr._("I don't know who signed the MoU for {region}.").format(region=region.name))))
            )
            sources.extend(m.source for m in members)
            sources.extend(mou_sources(ctx, members))
        if not u.regions:
            return reply(u, ctx, ctx.tr._("Which region? Tell me its name, e.g. \"who signed OKI's MoU\"."), answered=False)
        buttons = [[button(ctx.knowledge.regions[c].name, actions.Region(c)) for c in u.regions[:2]]]
        # A region's timeline pages; the signing events of up to four regions are short.
        timeline = u.intent == "region.events" and len(u.regions) == 1
        lines = [line for paragraph in paragraphs for line in ("", *paragraph.split("\n"))][1:]
        return paged(
            u, ctx, lines, (lambda page: actions.RegionEvents(u.regions[0], page)) if timeline else None,
            tail=source_line(ctx, sources), sources=sorted(set(sources)), buttons=buttons, answered=answered or bool(sources),
        )
