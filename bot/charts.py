"""Draw a reply's chart as a PNG (fronts: Telegram sends it as a photo, the terminal and `ask` write it to a file).

Drawn with matplotlib's Agg backend (no screen needed); each distinct chart
is drawn once per process (`draw` is cached), so a chart of the same
knowledge is served from memory.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from .i18n import Translator
from .reply import Chart

CACHED = 64  # distinct charts kept drawn: the totals and a province's timeline per language and knowledge version
NEW_COLOUR, TOTAL_COLOUR = "#2b6cb0", "#c05621"


@lru_cache(maxsize=CACHED)
def draw(chart: Chart) -> bytes:
    """The chart as PNG bytes."""
    import matplotlib  # drawing only: answering never imports it

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 4.5), dpi=100)
    axes = figure.add_subplot()
    positions = range(len(chart.years))
    bars = axes.bar(positions, chart.new, color=NEW_COLOUR, label=chart.labels[0])
    for bar, year in zip(bars, chart.years, strict=True):
        if year in chart.partial:  # incomplete lists: hatched
            bar.set_hatch("//")
            bar.set_alpha(0.6)
    axes.bar_label(bars, labels=[str(n) for n in chart.new], padding=2, fontsize=9)
    line = axes.twinx()
    line.plot(positions, chart.total, color=TOTAL_COLOUR, marker="o", label=chart.labels[1])
    line.set_ylim(0, max(chart.total, default=0) * 1.5 + 1)  # the line below the bars' numbers
    axes.set_ylim(0, max(chart.new, default=0) * 1.25 + 1)
    axes.set_xticks(list(positions), [f"{y}*" if y in chart.partial else str(y) for y in chart.years])
    axes.set_xlabel(chart.labels[3] + (f"   (* {chart.labels[2]})" if chart.partial else ""))
    axes.set_ylabel(chart.labels[0], color=NEW_COLOUR)
    line.set_ylabel(chart.labels[1], color=TOTAL_COLOUR)
    axes.set_title(chart.title)
    axes.legend([bars, *line.get_lines()], [chart.labels[0], chart.labels[1]], loc="upper left", frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def save(chart: Chart, folder: Path) -> Path:
    """Write the chart into `folder` (made if need be) and return the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{chart.name}.png"
    path.write_bytes(draw(chart))
    return path


def saved_line(chart: Chart, folder: Path, lang: str) -> str:
    """'Grafik: /path/cohorts-id.png': the chart written into `folder`, and where (for the text fronts)."""
    return Translator(lang)._("Chart: {path}").format(path=save(chart, folder))
