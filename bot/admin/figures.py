"""Figures from the question log: /stats and /unanswered, and their command-line twins."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..questionlog import QuestionLog

LOW_CONFIDENCE = 0.45


@dataclass
class Stats:
    days: int
    total: int
    answered: int
    per_day: list[tuple[str, int]]
    intents: list[tuple[str, int]]
    languages: dict[str, int]
    regions: list[tuple[str, int]]
    users: int

    @property
    def answered_share(self) -> float:
        return self.answered / self.total if self.total else 0.0


def stats(log: QuestionLog, days: int = 7, now: float | None = None) -> Stats:
    rows = log.rows((now or time.time()) - days * 86400)
    per_day: Counter[str] = Counter(dt.datetime.fromtimestamp(r["time"], dt.UTC).date().isoformat() for r in rows)
    regions: Counter[str] = Counter(code for r in rows for code in json.loads(r["regions"]))
    return Stats(
        days=days,
        total=len(rows),
        answered=sum(1 for r in rows if r["answered"]),
        per_day=sorted(per_day.items()),
        intents=Counter(r["intent"] for r in rows).most_common(8),
        languages=dict(Counter(r["lang"] for r in rows)),
        regions=regions.most_common(8),
        users=len({r["user_hash"] for r in rows if r["user_hash"]}),
    )


def unanswered(log: QuestionLog, limit: int = 10, days: int = 180, now: float | None = None) -> list[tuple[str, int, str]]:
    """Most frequent questions not answered or answered with low confidence: (normalised, count, an example)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for r in log.rows((now or time.time()) - days * 86400):
        if not r["answered"] or r["confidence"] < LOW_CONFIDENCE:
            groups[r["normalised"] or r["question"].lower()].append(r["question"])
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    return [(key, len(examples), examples[0]) for key, examples in ranked]
