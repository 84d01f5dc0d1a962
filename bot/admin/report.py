"""`python -m bot stats` and `python -m bot unanswered`: the log's figures as plain text."""

from __future__ import annotations

import argparse

from ..config import Settings
from .figures import stats, unanswered
from ..questionlog import QuestionLog

LOG_NAME = "questions.sqlite"


def print_report(command: str, settings: Settings, args: argparse.Namespace) -> int:
    log = QuestionLog(settings.data_dir / LOG_NAME, settings.retention_days)
    try:
        if command == "stats":
            s = stats(log, days=args.days)
            print(f"last {s.days} days: {s.total} questions, {s.answered_share:.0%} answered, {s.users} distinct users")
            for day, count in s.per_day:
                print(f"  {day}: {count}")
            print("top intents: " + ", ".join(f"{i} {n}" for i, n in s.intents))
            print("languages: " + ", ".join(f"{k} {v}" for k, v in sorted(s.languages.items())))
            print("most-asked regions: " + ", ".join(f"{c} {n}" for c, n in s.regions))
        else:
            rows = unanswered(log, limit=args.limit)
            if not rows:
                print("no unanswered questions")
            for key, count, example in rows:
                print(f"{count:>4}  {key}  (e.g. {example!r})")
    finally:
        log.close()
    return 0
