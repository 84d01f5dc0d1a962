"""`python -m bot stats` and `python -m bot unanswered`: the question log's figures as plain text."""

from __future__ import annotations

from typing import TextIO

from ..config import Settings
from ..questionlog import QuestionLog
from .figures import stats, unanswered

LOG_NAME = "questions.sqlite"


def open_log(settings: Settings) -> QuestionLog:
    """The question log in the data folder, keeping questions for the configured number of days."""
    return QuestionLog(settings.data_dir / LOG_NAME, settings.retention_days)


def print_stats(settings: Settings, days: int, out: TextIO) -> None:
    """Questions per day, share answered, top intents, languages and regions over the last `days` days."""
    log = open_log(settings)
    try:
        s = stats(log, days=days)
    finally:
        log.close()
    out.write(f"last {s.days} days: {s.total} questions, {s.answered_share:.0%} answered, {s.users} distinct users\n")
    for day, count in s.per_day:
        out.write(f"  {day}: {count}\n")
    out.write("top intents: " + ", ".join(f"{i} {n}" for i, n in s.intents) + "\n")
    out.write("languages: " + ", ".join(f"{k} {v}" for k, v in sorted(s.languages.items())) + "\n")
    out.write("most-asked regions: " + ", ".join(f"{c} {n}" for c, n in s.regions) + "\n")


def print_unanswered(settings: Settings, limit: int, out: TextIO) -> None:
    """The `limit` most frequent questions not answered or answered with low confidence, with a count and an example."""
    log = open_log(settings)
    try:
        rows = unanswered(log, limit=limit)
    finally:
        log.close()
    if not rows:
        out.write("no unanswered questions\n")
    for key, count, example in rows:
        out.write(f"{count:>4}  {key}  (e.g. {example!r})\n")
