"""Answers about people: ministers over time and the Dirjen Aptika who ran the programme."""

from __future__ import annotations

from collections.abc import Callable

from .. import actions
from ..knowledge.records import Person
from ..reply import Reply
from ..understanding.normalise import clean
from ..understanding.understand import Understanding
from .base import Answer, Context, hedge, paged, reply, source_line

MINISTER_ROLES = ("menkominfo", "plt_menkominfo", "menkomdigi")


def is_minister(role: str) -> bool:
    return role in MINISTER_ROLES or role.startswith("men")


def term(ctx: Context, person: Person) -> str:
    start = ctx.tr.date(person.start, weekday=False) if person.start else "?"
    end = ctx.tr.date(person.end, weekday=False) if person.end else ctx.tr._("now")
    return f"{start} – {end}"


def in_office(person: Person, year: int) -> bool:
    start = int((person.start or "0")[:4])
    end = int(person.end[:4]) if person.end else 9999
    return start <= year <= end


def in_office_on(person: Person, day: str) -> bool:
    """Whether `person` held office on `day` (YYYY-MM-DD), each date compared at the precision it is known."""
    start, end = person.start or "0", person.end or "9999"
    return day[: len(start)] >= start and day[: len(end)] <= end


def signing_day(u: Understanding, ctx: Context) -> str | None:
    """The day the cohort of the year asked signed its MoU, when the question is about that signing
    ("siapa menteri waktu MoU angkatan 2018?"); else None."""
    cohort = ctx.knowledge.cohorts.get(u.year) if u.year is not None else None
    if cohort is None or not cohort.mou_date or not ctx.knowledge.words.cue("signing", u.words):
        return None
    return cohort.mou_date


def person_line(ctx: Context, person: Person) -> str:
    role = next((r.name.get(ctx.lang) for r in ctx.knowledge.records.roles if r.id == person.role), person.role)
    note = person.note.get(ctx.lang) if person.note else ""
    return " ".join(filter(None, (f"• {person.name}, {role} ({term(ctx, person)}).", note, hedge(ctx, person.confidence))))


def people_reply(u: Understanding, ctx: Context, people: list[Person], intro: str, at: Callable[[int], actions.Action] | None) -> Reply:
    if not people:
        return reply(u, ctx, ctx.tr._("I have nothing on that in my knowledge files yet."), answered=False)
    sources = [s for p in people for s in p.sources]
    lines = [person_line(ctx, p) for p in people]
    return paged(u, ctx, lines, at, head=intro, tail=source_line(ctx, sources), sources=sorted(set(sources)))


class Ministers(Answer):
    intents = ("people.minister",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        role = named_role(u, ctx)
        if role is not None and not is_minister(role):  # "who was the acting director then?": not a minister
            return Dirjen().answer(u, ctx)
        ministers = [p for p in ctx.knowledge.people() if is_minister(p.role)]
        ministers = [p for p in ministers if p.role == role] or ministers  # "plt menteri": the acting ones
        day = signing_day(u, ctx)
        on_the_day = [p for p in ministers if p.start and in_office_on(p, day)] if day else []
        if day and on_the_day:
            intro = ctx.tr._("When the {year} cohort signed its memorandum ({date}), the ministry was led by:").format(
                year=u.year, date=ctx.tr.date(day, weekday=False))
            return people_reply(u, ctx, on_the_day, intro, None)
        if u.year is not None:
            during = [p for p in ministers if in_office(p, u.year)]
            if during:
                intro = ctx.tr._("In {year} the ministry was led by:").format(year=u.year)
                year = u.year if actions.FIRST_YEAR <= u.year <= actions.LAST_YEAR else None
                return people_reply(u, ctx, during, intro, (lambda page: actions.Ministers(year, page)) if year else None)
        current = [p for p in ministers if p.start and not p.end]
        if u.frame.has("now") and current:  # "siapa menteri sekarang": the one in office, not the whole history
            intro = ctx.tr._("The minister in office now, as far as my sources go:")
            return people_reply(u, ctx, current, intro, None)
        intro = ctx.tr._("Ministers responsible for the programme since it began:")
        return people_reply(u, ctx, ministers, intro, lambda page: actions.Ministers(None, page))


def named_role(u: Understanding, ctx: Context) -> str | None:
    """The one role the question names most closely ("direktur laip" -> direktur_laip), or None (none, or a tie)."""
    if u.role is not None:
        return u.role
    asked = set(u.words) - ctx.knowledge.words.everyday
    named = {r.id: {w for name in r.name for w in clean(name).split()} for r in ctx.knowledge.records.roles}
    scores = {role: len(asked & words) for role, words in named.items()}
    best = max(scores.values(), default=0)
    winners = [role for role, score in scores.items() if score == best]
    # "direktur laip" is the director, not the acting one: a tie goes to the name the others all contain
    if len(winners) > 1:
        winners = [w for w in winners if all(named[w] <= named[other] for other in winners)]
    return winners[0] if best and len(winners) == 1 else None


class Dirjen(Answer):
    intents = ("people.dirjen",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        role = named_role(u, ctx)
        if role is not None and is_minister(role):  # "siapa plt menteri waktu itu?"
            return Ministers().answer(u, ctx)
        everyone = [p for p in ctx.knowledge.people() if not is_minister(p.role)]
        officials = [p for p in everyone if p.role == role] or everyone
        pages: Callable[[int], actions.Action] = (
            (lambda page: actions.RoleHolders(role, page)) if role and officials != everyone else actions.Officials)
        day = signing_day(u, ctx)
        on_the_day = [p for p in officials if p.start and in_office_on(p, day)] if day else []
        if day and on_the_day:
            intro = ctx.tr._("In office when the {year} cohort signed its memorandum ({date}):").format(
                year=u.year, date=ctx.tr.date(day, weekday=False))
            return people_reply(u, ctx, on_the_day, intro, None)
        if u.year is not None:  # "dirjen aptika 2019": who was in office that year
            during = [p for p in officials if p.start and in_office(p, u.year)]
            if during:
                return people_reply(u, ctx, during, ctx.tr._("Officials of the programme in {year}:").format(year=u.year), None)
        current = [p for p in officials if p.start and not p.end]
        if u.frame.has("now") and current:
            return people_reply(u, ctx, current, ctx.tr._("The officials in office now, as far as my sources go:"), None)
        return people_reply(u, ctx, officials, ctx.tr._("The officials who ran the programme:"), pages)
