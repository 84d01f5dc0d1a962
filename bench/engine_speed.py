"""Engine speed: per-question time in-process over the labelled set, and cold start of `ask`.

    python bench/engine_speed.py [--rounds 5]

Prints figures; asserts nothing. Goals: p99 <= 1 ms per question, cold start <= 1 s.
For comparison it also times a naive rapidfuzz WRatio scan over all region names
plus the phrasings, the approach the engine avoids.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    questions = [q["q"] for q in yaml.safe_load((ROOT / "tests" / "questions.yaml").read_text(encoding="utf-8"))]
    data = Path(tempfile.mkdtemp(prefix="tsc-bench-"))
    engine = Engine.load(ROOT / "knowledge", data)
    for q in questions:  # warm up
        engine.ask(q)
    understand, answer = [], []
    for _ in range(args.rounds):
        for q in questions:
            t0 = time.perf_counter()
            u = engine.understand(q)
            t1 = time.perf_counter()
            engine.respond(u)
            t2 = time.perf_counter()
            understand.append((t1 - t0) * 1000)
            answer.append((t2 - t0) * 1000)
    print(f"questions: {len(questions)} x {args.rounds} rounds")
    print(f"understanding only: median {statistics.median(understand):.3f} ms, p99 {percentile(understand, 99):.3f} ms")
    print(f"understanding + answer: median {statistics.median(answer):.3f} ms, p99 {percentile(answer, 99):.3f} ms")

    from rapidfuzz import fuzz, process, utils

    choices = [r.name for r in engine.knowledge.regions.values()] + [p.text for p in engine.knowledge.records.phrasings]
    naive = []
    for q in questions:
        t0 = time.perf_counter()
        process.extract(q, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=5)
        naive.append((time.perf_counter() - t0) * 1000)
    print(f"naive WRatio scan over {len(choices)} strings: median {statistics.median(naive):.3f} ms, p99 {percentile(naive, 99):.3f} ms")

    colds = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", "kab oki ikut ga?", "--data", str(data)],
            cwd=ROOT, check=True, capture_output=True,
        )
        colds.append(time.perf_counter() - t0)
    print(f"cold start of `python -m bot ask` (knowledge already built): best {min(colds):.2f} s, median {statistics.median(colds):.2f} s")
    probe = "import sys, bot.cli, bot.engine; sys.exit(1 if any(m.startswith('telegram') for m in sys.modules) else 0)"
    imported = subprocess.run([sys.executable, "-c", probe], cwd=ROOT).returncode
    print("ask path imports telegram:", "yes" if imported else "no")


if __name__ == "__main__":
    main()
