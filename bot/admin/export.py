"""Export a cohort year or a province's participants as CSV for officials' spreadsheets."""

from __future__ import annotations

import csv
import io

from ..knowledge.gazetteer import fold
from ..knowledge.store import Knowledge

COLUMNS = ["region_code", "type", "name", "province", "cohort_years", "status", "source"]


def resolve_target(knowledge: Knowledge, target: str) -> tuple[str, str] | None:
    """'2019' -> ('year', '2019'); 'Jawa Timur' or 'jatim' -> ('province', '35'); None if neither."""
    text = target.strip()
    if text.isdigit() and int(text) in knowledge.cohorts:
        return "year", text
    key = fold(text.removeprefix("provinsi ").removeprefix("Provinsi "))
    for province in knowledge.provinces.values():
        if fold(province.name) == key or province.code == text:
            return "province", province.code
    for alias in knowledge.aliases:
        if alias.kind == "province" and fold(alias.alias) == key:
            return "province", alias.target
    return None


def export_csv(knowledge: Knowledge, kind: str, value: str) -> str:
    """CSV text: one row per region (with all its cohort years), sorted by province then name."""
    if kind == "year":
        codes = {m.region for m in knowledge.members_by_year.get(int(value), [])}
    else:
        codes = {r.code for r in knowledge.regions_in_province(value) if r.code in knowledge.members_by_region}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for code in sorted(codes, key=lambda c: (knowledge.province_of(c).name, knowledge.regions[c].name)):
        region = knowledge.regions[code]
        members = knowledge.members_by_region[code]
        chosen = [m for m in members if kind == "province" or m.year == int(value)]
        writer.writerow([
            region.code,
            region.kind,
            region.name,
            knowledge.province_of(code).name,
            ";".join(str(m.year) for m in members if m.status != "not_taken_up"),
            ";".join(sorted({m.status for m in chosen})),
            " ".join(sorted({knowledge.sources[m.source].url for m in chosen})),
        ])
    return out.getvalue()
