"""How long a chart takes: drawn the first time in a process (matplotlib imported), again for another chart, and
served from the cache (what a second user asking the same thing waits for).

    python bench/charts.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import actions, charts  # noqa: E402
from bot.engine import Engine  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as data:
        engine = Engine.load(ROOT / "knowledge", Path(data))
        totals = engine.act(actions.CohortTotals(), "id").chart
        province = engine.ask_as("province", "jawa tengah").chart
        assert totals is not None and province is not None
        start = time.perf_counter()
        png = charts.draw(totals)
        first = time.perf_counter() - start
        start = time.perf_counter()
        charts.draw(province)
        second = time.perf_counter() - start
        cached = []
        for _ in range(1000):
            start = time.perf_counter()
            charts.draw(totals)
            cached.append(time.perf_counter() - start)
    print(f"first chart in a process (imports matplotlib): {first * 1000:.0f} ms, {len(png) / 1024:.0f} KiB")
    print(f"another chart: {second * 1000:.0f} ms")
    print(f"from the cache: median {statistics.median(cached) * 1e6:.1f} us, max {max(cached) * 1e6:.1f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
