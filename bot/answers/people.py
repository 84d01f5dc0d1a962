"""Answers about people: ministers over time and the Dirjen Aptika who ran the programme."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import actions
from ..knowledge.records import Person
from ..reply import Reply
from ..understanding.normalise import clean
from ..understanding.understand import Understanding, name_words
from .base import NOT_IN_SOURCES, Answer, Context, cautions, join_paragraphs, paged, reply, source_line

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


def day_asked(u: Understanding, ctx: Context) -> tuple[str, str] | None:
    """The day a question dates itself by, and how: ("2018-05-08", "signing") for "siapa menteri waktu MoU
    angkatan 2018?", ("2017-05-22", "launch") for "siapa menteri pas program dimulai?" (the first signing,
    at the launch in Makassar); else None."""
    words = ctx.knowledge.words
    if u.year is not None and words.cue("signing", u.words):
        cohort = ctx.knowledge.cohorts.get(u.year)
        return (cohort.mou_date, "signing") if cohort and cohort.mou_date else None
    if u.year is None and words.cue("launch", u.words) and not words.cue("since", u.words):  # not "sejak diluncurkan"
        first = min(ctx.knowledge.cohorts.values(), key=lambda c: c.year, default=None)
        return (first.mou_date, "launch") if first and first.mou_date else None
    return None


def next_in_post(chosen: list[Person], pool: list[Person], same_role: bool) -> list[Person]:
    """Who took office next after the latest of `chosen`, among `pool` (in the same role, when `same_role`)."""
    dated = [p for p in chosen if p.start]
    if not dated:
        return []
    latest = max(dated, key=lambda p: p.start or "")
    later = [p for p in pool if p.start and p.start > (latest.start or "") and (p.role == latest.role or not same_role)]
    return [min(later, key=lambda p: p.start or "")] if later else []


def person_line(ctx: Context, person: Person, caution: str) -> str:
    role = next((r.name.get(ctx.lang) for r in ctx.knowledge.records.roles if r.id == person.role), person.role)
    note = person.note.get(ctx.lang) if person.note else ""
    return " ".join(filter(None, (f"• {person.name}, {role} ({term(ctx, person)}).", note, caution)))


def people_reply(u: Understanding, ctx: Context, people: list[Person], intro: str, at: Callable[[int], actions.Action] | None) -> Reply:
    if not people:
        return reply(u, ctx, ctx.tr._("I have nothing on that in my knowledge files yet."), answered=False)
    sources = [s for p in people for s in p.sources]
    each, once = cautions(ctx, [p.confidence for p in people])
    lines = [person_line(ctx, p, caution) for p, caution in zip(people, each, strict=True)]
    result = paged(u, ctx, lines, at, head=intro, tail=join_paragraphs(once, source_line(ctx, sources)), sources=sorted(set(sources)))
    result.people = tuple(p.id for p in people)
    return result


class Ministers(Answer):
    intents = ("people.minister",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        role = named_role(u, ctx)
        if a_minister_asked(u, ctx, role) is False:  # "who was the acting director then?", "who is Semuel Pangerapan?"
            return Dirjen().answer(u, ctx)
        ministers = [p for p in ctx.knowledge.people() if is_minister(p.role)]
        ministers = [p for p in ministers if p.role == role] or ministers  # "plt menteri": the acting ones
        tr = ctx.tr
        intros = Intros(
            signing=tr._("When the {year} cohort signed its memorandum ({date}), the ministry was led by:"),
            launch=tr._("When the programme was launched ({date}), the ministry was led by:"),
            year=tr._("In {year} the ministry was led by:"),
            now=tr._("The minister in office now, as far as my sources go:"),
            every=tr._("Ministers responsible for the programme since it began:"),
        )
        return select(u, ctx, ministers, intros, _ministers_pages(None), _ministers_pages, same_role=False)


def _ministers_pages(year: int | None) -> Callable[[int], actions.Action]:
    return lambda page: actions.Ministers(year, page)


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
        if a_minister_asked(u, ctx, role):  # "siapa plt menteri waktu itu?", "kapan rudiantara menjabat?"
            return Ministers().answer(u, ctx)
        everyone = [p for p in ctx.knowledge.people() if not is_minister(p.role)]
        officials = [p for p in everyone if p.role == role] or everyone
        every: Callable[[int], actions.Action] = (
            (lambda page: actions.RoleHolders(role, page)) if role and officials != everyone else actions.Officials)
        tr = ctx.tr
        intros = Intros(
            signing=tr._("In office when the {year} cohort signed its memorandum ({date}):"),
            launch=tr._("In office when the programme was launched ({date}):"),
            year=tr._("Officials of the programme in {year}:"),
            now=tr._("The officials in office now, as far as my sources go:"),
            every=tr._("The officials who ran the programme:"),
        )
        return select(u, ctx, officials, intros, every, None, same_role=True)


def a_minister_asked(u: Understanding, ctx: Context, role: str | None) -> bool | None:
    """Whether the question asks of a minister (True) or another official (False), by the role or the person it
    names; None when it says neither."""
    if role is not None:
        return is_minister(role)
    named = named_people(u, ctx.knowledge.people())
    kinds = {is_minister(p.role) for p in named}
    return kinds.pop() if len(kinds) == 1 else None


def named_people(u: Understanding, pool: list[Person]) -> list[Person]:
    """The people of `pool` the question names ("semuel", "pangerapan", "plate": `name_words`)."""
    asked = set(u.words)
    return [p for p in pool if name_words(p.name) & asked]


@dataclass(frozen=True)
class Intros:
    """The first line of a people answer for each way of choosing whom (see `select`)."""

    signing: str  # {year} {date}
    launch: str  # {date}
    year: str  # {year}
    now: str
    every: str


def select(
    u: Understanding, ctx: Context, pool: list[Person], intros: Intros, every: Callable[[int], actions.Action],
    by_year: Callable[[int | None], Callable[[int], actions.Action]] | None, same_role: bool,
) -> Reply:
    """Whom a people question asks for, from `pool`: those in office on the day it dates itself by (an MoU
    signing, the launch), in the year asked, now, or else everyone; then, for "trus penggantinya?", who came next."""
    chosen, intro = pool, intros.every
    pages: Callable[[int], actions.Action] | None = every
    day = day_asked(u, ctx)
    on_the_day = [p for p in pool if p.start and in_office_on(p, day[0])] if day else []
    during = [p for p in pool if p.start and in_office(p, u.year)] if u.year is not None else []
    current = [p for p in pool if p.start and not p.end]
    now = u.frame.has("now") or (u.frame.has("latest") and u.year is None)  # "siapa menteri terakhir?": the one in office
    named = named_people(u, pool)
    went_on = [p for p in pool if p.id in u.after] if u.frame.has("successor") and not now else []
    if went_on:  # "and after him?", "then?": from whom the conversation's last answer named
        chosen, pages = went_on, None
    elif named:  # "who is Semuel Pangerapan?": that person, not everyone who held a post
        chosen, pages = named, None
        intro = ctx.tr._("What my sources say of {names}:").format(names=ctx.tr.list([p.name for p in named]))
    elif now and current:  # "siapa menteri sekarang": the one in office, not the whole history
        chosen, intro, pages = current, intros.now, None
    elif now and any(p.end for p in pool):  # no one in office now that the sources name
        last = max(p.end for p in pool if p.end)
        chosen, pages = [p for p in pool if p.end == last], None
        intro = ctx.tr._("My sources do not say who holds this post now. The last they name:")
    elif day and on_the_day:
        chosen, pages = on_the_day, None
        when = ctx.tr.date(day[0], weekday=False)
        intro = (intros.signing if day[1] == "signing" else intros.launch).format(year=u.year, date=when)
    elif u.year is not None and during:  # "dirjen aptika 2019": who was in office that year
        chosen, intro = during, intros.year.format(year=u.year)
        year = u.year if actions.FIRST_YEAR <= u.year <= actions.LAST_YEAR else None
        pages = by_year(year) if by_year is not None and year is not None else None
    if u.frame.has("successor") and (chosen != pool or len(pool) == 1) and not now:  # "trus penggantinya?"
        after = next_in_post(chosen, pool, same_role)
        names = ctx.tr.list([p.name for p in chosen])
        if not after:
            said = reply(u, ctx, ctx.tr._("My sources do not say who took over from {names}.").format(names=names), answered=False)
            said.intent = NOT_IN_SOURCES  # said plainly, and no neighbouring passage is said instead
            return said
        return people_reply(u, ctx, after, ctx.tr._("Next in office after {names}:").format(names=names), None)
    return people_reply(u, ctx, chosen, intro, pages)
