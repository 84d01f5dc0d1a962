"""Export a cohort year or a province's participants for officials' spreadsheets (fronts: Telegram's /export, the CLI).

One row per region and cohort year, with headers, statuses and sources in the
reader's language. `as_xlsx` writes the workbook Excel users open (codes kept
as text, the header row frozen, each source a link); `as_csv` writes UTF-8 with
a BOM for scripts and for spreadsheets that read CSV. No cell starts with a
character a spreadsheet would take for a formula.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .answers.base import cite
from .i18n import Translator
from .knowledge.gazetteer import fold
from .knowledge.records import Membership
from .knowledge.store import Knowledge

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel, LibreOffice and Sheets read as the start of a formula


@dataclass(frozen=True)
class Table:
    """A header and its rows, every cell already text in the reader's language; `links` holds each row's source URL."""

    title: str
    header: list[str]
    rows: list[list[str]]
    links: list[str]


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


def file_stem(knowledge: Knowledge, kind: str, value: str) -> str:
    """'smart-city-2019', 'smart-city-jawa-timur'."""
    name = value if kind == "year" else knowledge.provinces[value].name.lower().replace(" ", "-")
    return f"smart-city-{name}"


def table(knowledge: Knowledge, tr: Translator, kind: str, value: str) -> Table:
    """The participants of a cohort year (kind 'year') or of a province (kind 'province'), one row per region and
    cohort year, sorted by province, name and year."""
    if kind == "year":
        members = list(knowledge.members_by_year.get(int(value), []))
        title = tr._("Cohort {year}").format(year=value)
    else:
        codes = {r.code for r in knowledge.regions_in_province(value)}
        members = [m for code in codes for m in knowledge.members_by_region.get(code, [])]
        title = knowledge.provinces[value].name
    members.sort(key=lambda m: (knowledge.province_of(m.region).name, knowledge.regions[m.region].name, m.year))
    header = [tr._("Region code"), tr._("Type"), tr._("Region"), tr._("Province"), tr._("Cohort year"), tr._("Status"),
              tr._("Source"), tr._("Link")]
    rows, links = [], []
    for m in members:
        region = knowledge.regions[m.region]
        source = knowledge.sources.get(m.source)
        cited = cite(tr, source) if source else ""
        url = source.url if source else ""
        rows.append([region.code, region.kind.capitalize(), region.name, knowledge.province_of(m.region).name, str(m.year),
                     status_text(tr, m), cited, url])
        links.append(url)
    return Table(title, header, [[safe(cell) for cell in row] for row in rows], links)


def status_text(tr: Translator, member: Membership) -> str:
    """What a membership's status and confidence mean, in words."""
    if member.status == "not_taken_up":
        return tr._("named, but did not take part that year")
    if member.status == "disputed":
        return tr._("took part (sources disagree)")
    if member.confidence != "high":
        return tr._("took part (uncertain)")
    return tr._("took part")


def safe(cell: str) -> str:
    """The cell as text a spreadsheet shows as it is: a leading formula character is escaped with an apostrophe."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def as_csv(t: Table) -> bytes:
    """UTF-8 with a byte order mark, so that Excel reads the names right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(t.header)
    writer.writerows(t.rows)
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(t: Table) -> bytes:
    """A workbook of one sheet: bold frozen header, codes and years stored as text, each source URL a link."""
    from openpyxl import Workbook  # the export only
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t.title[:31]  # Excel's limit for a sheet name
    sheet.append(t.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row, url in zip(t.rows, t.links, strict=True):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text, never a number or a formula ("33.10" stays "33.10")
            cell.number_format = "@"
        if url:
            link = sheet.cell(row=sheet.max_row, column=len(row))
            link.hyperlink = url
            link.style = "Hyperlink"
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGH", (12, 11, 34, 28, 12, 36, 34, 50), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
