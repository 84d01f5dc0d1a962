"""Shared pieces for answers that list members: status labels and grouping by province."""

from __future__ import annotations

from collections import defaultdict

from ..knowledge.records import Membership
from .base import Context


def status_label(ctx: Context, member: Membership) -> str:
    """' (disputed)' and the like after a name; '' for a plain, well-sourced member."""
    if member.status == "not_taken_up":
        return " " + ctx.tr._("(named, but did not take part that year)")
    if member.status == "disputed":
        return " " + ctx.tr._("(sources disagree)")
    if member.confidence != "high":
        return " " + ctx.tr._("(uncertain)")
    return ""


def region_name(ctx: Context, code: str) -> str:
    return ctx.knowledge.regions[code].name


def grouped_by_province(ctx: Context, members: list[Membership]) -> list[str]:
    """One line per province: 'Jawa Barat (3): Kabupaten Bogor, Kota Bogor, and Kota Depok'."""
    groups: dict[str, list[Membership]] = defaultdict(list)
    for member in members:
        groups[ctx.knowledge.regions[member.region].province].append(member)
    lines = []
    for code in sorted(groups, key=lambda c: ctx.knowledge.provinces[c].name):
        names = sorted(region_name(ctx, m.region) + status_label(ctx, m) for m in groups[code])
        lines.append(f"• {ctx.knowledge.provinces[code].name} ({len(names)}): {ctx.tr.list(names)}")
    return lines


def partial_note(ctx: Context, year: int, known: int, size: int) -> str:
    """How complete our list for a year is, said honestly."""
    if size and known < size:
        return ctx.tr._("Our list for {year} is partial: we know {known} of the {size} regions announced.").format(
            year=year, known=ctx.tr.number(known), size=ctx.tr.number(size)
        )
    return ""
