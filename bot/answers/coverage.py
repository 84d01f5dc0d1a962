"""Aggregates over places and years: how many, what share, which not yet, most and least, comparisons.

Runs the question's frame against the memberships and the gazetteer: the
denominators (how many kabupaten/kota a province or island group has) come
from the Kemendagri list the knowledge was built with. The first sentence
answers; lists page. Counts from years whose lists are partial say so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import actions
from ..knowledge.records import Membership, RegionRecord
from ..reply import Reply
from ..understanding.understand import Understanding
from .base import Answer, Context, button, cautions, join_paragraphs, paged, source_line
from .memberlists import grouped_by_province

NAMED = 30  # a count of the whole country names its regions up to this many
SPREAD = "programme.spread"  # the knowledge's topic for what sources say of how the members are spread


@dataclass(frozen=True)
class Place:
    """A province, an island group (or all but one) or the whole country: a name and its provinces."""

    name: str
    provinces: frozenset[str]


@dataclass(frozen=True)
class Tally:
    """What the lists hold for one place: its regions (of the kinds asked) and those that took part."""

    place: Place
    regions: list[RegionRecord]
    members: dict[str, list[Membership]]  # region code -> its memberships in the years asked

    @property
    def joined(self) -> int:
        return len(self.members)

    def share(self) -> float:
        return 100.0 * self.joined / len(self.regions) if self.regions else 0.0


def places(u: Understanding, ctx: Context) -> list[Place]:
    """The places a question names, in its order; the whole country when it names none."""
    k = ctx.knowledge
    found = [Place(k.provinces[code].name, frozenset({code})) for code in u.provinces if code in k.provinces]
    for digit in u.frame.areas:
        name = next(n for d, n in k.words.areas.values() if d == digit)
        inside = frozenset(c for c in k.provinces if c.startswith(digit))
        if u.frame.outside:
            found.append(Place(ctx.tr._("Outside {area}").format(area=name), frozenset(k.provinces) - inside))
        else:
            found.append(Place(name, inside))
    return found or [Place(ctx.tr._("Indonesia"), frozenset(k.provinces))]


def year_span(u: Understanding) -> tuple[int, int] | None:
    return u.frame.years or ((u.year, u.year) if u.year is not None else None)


def tally(u: Understanding, ctx: Context, place: Place) -> Tally:
    k = ctx.knowledge
    span = year_span(u)
    kinds = set(u.frame.kinds) if len(u.frame.kinds) == 1 else None
    regions = [r for r in k.regions.values() if r.province in place.provinces and (kinds is None or r.kind in kinds)]
    members: dict[str, list[Membership]] = defaultdict(list)
    for region in regions:
        for m in k.members_by_region.get(region.code, []):
            if m.status != "not_taken_up" and (span is None or span[0] <= m.year <= span[1]):
                members[region.code].append(m)
    return Tally(place, sorted(regions, key=lambda r: r.name), dict(members))


def years_text(ctx: Context, u: Understanding) -> str:
    """' in 2019', ' from 2018 to 2022', or '' for every year."""
    span = year_span(u)
    if span is None:
        return ""
    if span[0] == span[1]:
        return " " + ctx.tr._("in {year}").format(year=span[0])
    last = max((y for y in ctx.knowledge.cohorts), default=span[1])
    if span[1] >= last:
        return " " + ctx.tr._("since {year}").format(year=span[0])
    return " " + ctx.tr._("from {first} to {last}").format(first=span[0], last=span[1])


def partial_caution(u: Understanding, ctx: Context) -> str:
    span = year_span(u)
    partial = [str(c.year) for c in ctx.knowledge.cohorts.values() if c.partial and (span is None or span[0] <= c.year <= span[1])]
    if not partial:
        return ""
    return ctx.tr._("Our lists for {years} are incomplete, so the real numbers may be higher.").format(years=ctx.tr.list(partial))


def kind_name(ctx: Context, u: Understanding) -> str:
    if len(u.frame.kinds) == 1:
        return ctx.tr._("kota") if u.frame.kinds[0] == "kota" else ctx.tr._("kabupaten")
    return ctx.tr._("kabupaten/kota")


def count_sentence(ctx: Context, u: Understanding, t: Tally) -> str:
    """'Jawa Barat: 23 of its 27 kabupaten/kota are in our lists (85%).' (the share for the whole country only when asked)."""
    national = len(t.place.provinces) == len(ctx.knowledge.provinces)
    share = "" if national and not u.frame.has("share") else f" ({ctx.tr.percent(t.share())})"
    return ctx.tr._("{place}: {joined} of its {total} {kind} are in our lists{years}{share}.").format(
        joined=ctx.tr.number(t.joined), total=ctx.tr.number(len(t.regions)), kind=kind_name(ctx, u), place=t.place.name,
        years=years_text(ctx, u), share=share,
    )


def share_of_all_sentence(ctx: Context, u: Understanding, t: Tally) -> str:
    """A share asked of a place without saying of what ("berapa persen smart city yang ada di Jawa?"), read the
    other way too: the place's part of every region in the lists, of the same years."""
    everywhere = tally(u, ctx, Place(ctx.tr._("Indonesia"), frozenset(ctx.knowledge.provinces)))
    if not everywhere.joined:
        return ""
    return ctx.tr._("Those {joined} are {share} of the {total} {kind} in our lists across Indonesia{years}.").format(
        joined=ctx.tr.number(t.joined), share=ctx.tr.percent(100.0 * t.joined / everywhere.joined),
        total=ctx.tr.number(everywhere.joined),
        kind=kind_name(ctx, u), years=years_text(ctx, u))


def by_kind_sentence(ctx: Context, t: Tally) -> str:
    kinds = {r.code: r.kind for r in t.regions}
    kota = sum(1 for code in t.members if kinds[code] == "kota")
    return ctx.tr._("Of them: {kota} kota, {kabupaten} kabupaten.").format(
        kota=ctx.tr.number(kota), kabupaten=ctx.tr.number(t.joined - kota))


def official_sizes(u: Understanding, ctx: Context) -> str:
    """For the whole country over years: the officially announced sizes, which the lists may not reach."""
    span = year_span(u)
    cohorts = [c for c in ctx.knowledge.cohorts.values() if span is None or span[0] <= c.year <= span[1]]
    if not cohorts or u.frame.kinds:
        return ""
    per_year = ctx.tr.list([f"{c.year}: {ctx.tr.number(c.size)}" for c in cohorts if c.size])
    sizes = ctx.tr._("By the official counts, {n} places were given in those cohorts ({per_year}).").format(
        n=ctx.tr.number(sum(c.size for c in cohorts)), per_year=per_year)
    last = max(cohorts, key=lambda c: c.year)
    if (span is not None and span[0] > min(ctx.knowledge.cohorts)) or last.total is None:  # not counted from the start
        return sizes
    running = ctx.tr._("The official running total after {year} is {total} kabupaten/kota.").format(
        year=last.year, total=ctx.tr.number(last.total))  # places counted once, however often they took part
    return join_paragraphs(f"{sizes} {running}", last.note.get(ctx.lang) if last.note else "")


def spread_said(u: Understanding, ctx: Context) -> tuple[str, list[str]]:
    """What sources say of how the members are spread over the island groups ("about 60% in Java"), beside a share
    or a ranking asked of island groups without years: our lists are partial, their counts are the sources' own."""
    frame = u.frame
    facts = ctx.knowledge.facts_by_topic.get(SPREAD, [])
    if not facts or not (frame.areas or frame.of_areas) or year_span(u) or not frame.forms & {"share", "most", "least"}:
        return "", []
    each, once = cautions(ctx, [f.confidence for f in facts])
    parts = [" ".join(filter(None, (f.text.get(ctx.lang), c))) for f, c in zip(facts, each, strict=True)]
    said = " ".join(filter(None, (*parts, once)))
    return ctx.tr._("What our sources say of the spread: {said}").format(said=said), [s for f in facts for s in f.sources]


def never_by_official_total(ctx: Context, regions: int) -> str:
    """How many of the country's kabupaten/kota never took part, by the latest official running total (which
    counts a place once): the lists are partial, so the gap between them and that total is said first."""
    counted = [c for c in ctx.knowledge.cohorts.values() if c.total is not None]
    if not counted:
        return ""
    last = max(counted, key=lambda c: c.year)
    assert last.total is not None
    return ctx.tr._("By the official running total ({total} kabupaten/kota after {year}), about {n} of the {all} "
                    "kabupaten/kota have never taken part.").format(
        total=ctx.tr.number(last.total), year=last.year, n=ctx.tr.number(regions - last.total), all=ctx.tr.number(regions))


def fitted(ctx: Context, lines: list[str]) -> list[str]:
    """Lines that leave room for the head and the sources in one message; the rest is counted, never cut silently."""
    room = (ctx.limits.message_chars or 10**9) - 1200
    kept: list[str] = []
    for line in lines:
        if sum(len(x) + 1 for x in kept) + len(line) > room:
            break
        kept.append(line)
    left = len(lines) - len(kept)
    if left:
        kept.append(ctx.tr._("… and {n} more lines: ask about one province to see them all.").format(n=ctx.tr.number(left)))
    return kept


class Coverage(Answer):
    """Counts, shares, comparisons, rankings and the regions not yet in, for provinces, island groups and years."""

    intents = ("coverage",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        where = places(u, ctx)
        tallies = [tally(u, ctx, p) for p in where]
        frame = u.frame
        if len(tallies) >= 2:
            return self._compare(u, ctx, tallies)
        if frame.has("most") or frame.has("least") or (frame.has("not_yet") and frame.of_provinces):
            return self._ranking(u, ctx, where[0])
        if frame.has("latest"):
            return self._latest(u, ctx, tallies[0])
        if frame.has("repeat"):
            return self._repeated(u, ctx, tallies[0])
        if frame.has("not_yet"):
            return self._not_yet(u, ctx, tallies[0])
        if frame.forms & {"count", "share"} or frame.split_kinds:
            return self._count(u, ctx, tallies[0])
        return self._list(u, ctx, tallies[0])

    def _finish(self, u: Understanding, ctx: Context, first: str, lines: list[str], tallies: list[Tally]) -> Reply:
        spread, cited = spread_said(u, ctx)
        sources = sorted({m.source for t in tallies for ms in t.members.values() for m in ms} | set(cited))
        return paged(
            u, ctx, fitted(ctx, lines), None, head=join_paragraphs(first, spread),
            tail=join_paragraphs(partial_caution(u, ctx), source_line(ctx, sources)), sources=sources,
            buttons=[[button(ctx.tr._("Cohorts by year"), actions.CohortTotals())]],
        )

    def _count(self, u: Understanding, ctx: Context, t: Tally) -> Reply:
        national = len(t.place.provinces) == len(ctx.knowledge.provinces)
        parts = [count_sentence(ctx, u, t)]
        if len(u.frame.kinds) != 1 and t.joined:
            parts.append(by_kind_sentence(ctx, t))
        # "persen kab/kota di jatim" asks of the place's regions only
        if u.frame.has("share") and not national and t.joined and not u.frame.of_kinds:
            parts.append(share_of_all_sentence(ctx, u, t))
        first = " ".join(parts)
        extra = official_sizes(u, ctx) if national and year_span(u) else ""
        members = [ms[0] for ms in t.members.values()]  # each region once, however often it took part
        names = [] if national and t.joined > NAMED else grouped_by_province(ctx, members)  # a short count names them
        return self._finish(u, ctx, join_paragraphs(first, extra), names, [t])

    def _compare(self, u: Understanding, ctx: Context, tallies: list[Tally]) -> Reply:
        ranked = sorted(tallies, key=lambda t: -t.joined)
        lines = [f"• {t.place.name}: {ctx.tr.number(t.joined)}/{ctx.tr.number(len(t.regions))} ({ctx.tr.percent(t.share())})"
                 for t in tallies]
        if ranked[0].joined == ranked[1].joined:
            first = ctx.tr._("{places} have as many kabupaten/kota in our lists{years}: {n} each.").format(
                places=ctx.tr.list([t.place.name for t in ranked[:2]]), years=years_text(ctx, u),
                n=ctx.tr.number(ranked[0].joined))
        else:
            first = ctx.tr._("{place} has more kabupaten/kota in our lists{years}: {n}, against {m} for {other}.").format(
                place=ranked[0].place.name, years=years_text(ctx, u), n=ctx.tr.number(ranked[0].joined),
                m=ctx.tr.number(ranked[1].joined), other=ranked[1].place.name)
        return self._finish(u, ctx, first, lines, tallies)

    def _ranking(self, u: Understanding, ctx: Context, scope: Place) -> Reply:
        k = ctx.knowledge
        if u.frame.of_areas:  # the island groups, each as a whole
            groups = sorted({digit: name for digit, name in k.words.areas.values()}.items())
            units = [Place(name, frozenset(c for c in scope.provinces if c.startswith(digit))) for digit, name in groups]
        else:
            units = [Place(k.provinces[c].name, frozenset({c})) for c in sorted(scope.provinces)]
        tallies = [tally(u, ctx, unit) for unit in units if unit.provinces]
        tallies.sort(key=lambda t: (-t.joined, t.place.name))
        none = [t.place.name for t in tallies if t.joined == 0]
        if u.frame.has("most") and not u.frame.has("least"):
            top = [t for t in tallies if t.joined == tallies[0].joined]
            first = ctx.tr._("Most kabupaten/kota in our lists{years}: {places}, with {n}.").format(
                years=years_text(ctx, u), places=ctx.tr.list([t.place.name for t in top]), n=ctx.tr.number(top[0].joined))
            shown = tallies[:5]
        elif none:
            first = ctx.tr.n_(
                "{n} province has no kabupaten/kota in our lists{years}: {places}.",
                "{n} provinces have no kabupaten/kota in our lists{years}: {places}.", len(none),
            ).format(n=len(none), years=years_text(ctx, u), places=ctx.tr.list(none))
            shown = [t for t in tallies if t.joined][-5:][::-1]
        else:
            low = tallies[-1].joined
            bottom = [t for t in tallies if t.joined == low]
            first = ctx.tr._("Fewest kabupaten/kota in our lists{years}: {places}, with {n}.").format(
                years=years_text(ctx, u), places=ctx.tr.list([t.place.name for t in bottom]), n=ctx.tr.number(low))
            shown = tallies[-5:][::-1]
        lines = [f"• {t.place.name}: {ctx.tr.number(t.joined)}/{ctx.tr.number(len(t.regions))}" for t in shown]
        return self._finish(u, ctx, first, lines, tallies)

    def _not_yet(self, u: Understanding, ctx: Context, t: Tally) -> Reply:
        missing = [r.name for r in t.regions if r.code not in t.members]
        if missing:
            first = ctx.tr.n_("{place}: {n} of its {total} {kind} is not in our lists{years}:",
                              "{place}: {n} of its {total} {kind} are not in our lists{years}:", len(missing)).format(
                n=ctx.tr.number(len(missing)), total=ctx.tr.number(len(t.regions)), kind=kind_name(ctx, u), place=t.place.name,
                years=years_text(ctx, u))
        else:
            first = ctx.tr._("{place}: all of its {total} {kind} are in our lists{years}.").format(
                total=ctx.tr.number(len(t.regions)), kind=kind_name(ctx, u), place=t.place.name, years=years_text(ctx, u))
        national = len(t.place.provinces) == len(ctx.knowledge.provinces)
        head = join_paragraphs(never_by_official_total(ctx, len(t.regions)), first) if national and not (
            u.frame.kinds or year_span(u)) else first
        return self._finish(u, ctx, head, [f"• {name}" for name in missing], [t])

    def _latest(self, u: Understanding, ctx: Context, t: Tally) -> Reply:
        """The place's regions of the latest year any of them took part in ("which of them joined most recently?")."""
        if not t.members:
            return self._list(u, ctx, t)
        year = max(m.year for ms in t.members.values() for m in ms)
        names = sorted(ctx.knowledge.regions[c].name for c, ms in t.members.items() if any(m.year == year for m in ms))
        first = ctx.tr.n_("{place}: the most recent to take part in our lists is {names}, in {year}.",
                          "{place}: the most recent to take part in our lists are {names}, in {year}.", len(names)).format(
            place=t.place.name, names=ctx.tr.list(names), year=year)
        return self._finish(u, ctx, first, [], [t])

    def _repeated(self, u: Understanding, ctx: Context, t: Tally) -> Reply:
        """Regions in more than one cohort of the lists (a second round of coaching): of those in the years asked,
        the ones with a cohort in any other year too ("joined again in 2021": 2018 and 2021)."""
        k = ctx.knowledge
        years = {code: sorted({m.year for m in k.members_by_region.get(code, []) if m.status != "not_taken_up"})
                 for code in t.members}
        again = {code: ys for code, ys in years.items() if len(ys) > 1}
        names = sorted(again, key=lambda code: k.regions[code].name)
        first = ctx.tr.n_(
            "{place}: {n} kabupaten/kota is in more than one cohort of our lists{years}:",
            "{place}: {n} kabupaten/kota are in more than one cohort of our lists{years}:", len(again),
        ).format(place=t.place.name, n=ctx.tr.number(len(again)), years=years_text(ctx, u))
        lines = [f"• {k.regions[c].name}: {ctx.tr.list([str(y) for y in again[c]])}" for c in names]
        return self._finish(u, ctx, first, lines, [t])

    def _list(self, u: Understanding, ctx: Context, t: Tally) -> Reply:
        members = [ms[0] for ms in t.members.values()]  # each region once, however often it took part
        return self._finish(u, ctx, count_sentence(ctx, u, t), grouped_by_province(ctx, members), [t])
