"""Charts: the per-year totals and a province's timeline as a picture whose numbers are the knowledge's, labelled in
the reader's language, a PNG any image library opens; the terminal chat and `ask` write it and say where."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from bot import actions, charts
from bot.cli import main
from bot.engine import Engine
from bot.fronts.terminal import chat


def test_the_totals_chart_holds_the_official_numbers_and_marks_partial_years(engine: Engine) -> None:
    cohorts = [c for c in engine.knowledge.cohorts.values() if c.total is not None]
    for lang, axis in (("id", "Tahun"), ("en", "Year")):
        chart = engine.act(actions.CohortTotals(), lang).chart
        assert chart is not None and chart.labels[3] == axis
        assert chart.years == tuple(c.year for c in cohorts)
        assert chart.new == tuple(c.size for c in cohorts) and chart.total == tuple(c.total for c in cohorts)
        assert chart.partial == tuple(c.year for c in cohorts if c.partial)
        assert all(f"{c.year}: {c.size}" in chart.caption for c in cohorts)  # the numbers, for screen readers
    picture = Image.open(io.BytesIO(charts.draw(chart)))
    assert picture.format == "PNG" and picture.size == (800, 450)


def test_a_provinces_timeline_counts_each_region_once_from_its_first_year(engine: Engine) -> None:
    code = next(c for c, p in engine.knowledge.provinces.items() if p.name == "Jawa Tengah")
    first: dict[str, int] = {}
    for region in engine.knowledge.regions_in_province(code):
        years = [m.year for m in engine.knowledge.members_by_region.get(region.code, []) if m.status != "not_taken_up"]
        if years:
            first[region.code] = min(years)
    chart = engine.ask_as("province", "jawa tengah").chart
    assert chart is not None and sum(chart.new) == len(first) == chart.total[-1]
    assert engine.act(actions.Province(code, 2018), "id").chart is None  # one year: a list, no timeline


def test_the_terminal_chat_and_ask_write_the_chart_and_say_where(engine: Engine, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    chat(engine, io.StringIO("jumlah daerah per tahun\n"), out, charts_dir=tmp_path / "charts")
    [line] = [line for line in out.getvalue().splitlines() if line.startswith("Grafik: ")]
    assert Image.open(line.removeprefix("Grafik: ")).format == "PNG"
    data = tmp_path / "data"
    assert main(["ask", "jumlah daerah per tahun", "--json", "--data", str(data)]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert Path(reply["chart"]).parent == data / "charts" and Image.open(reply["chart"]).format == "PNG"
