"""Batch `ask`: one question from the command line, or one per line from stdin; text or JSON lines out.

With `conversation`, the lines from stdin are one conversation: a follow-up
("and 2022?") is read against the line before, and an empty line starts a
new conversation (so a script can replay many short dialogues in one run).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from .. import charts
from ..engine import Engine
from ..reply import Reply
from ..topic import Topic


def format_reply(reply: Reply, as_json: bool, charts_dir: Path | None = None) -> str:
    """The reply as text or one JSON object; its chart (if any) written into `charts_dir`, with its path."""
    if reply.chart is None or charts_dir is None:
        return json.dumps(reply.to_dict(), ensure_ascii=False) if as_json else reply.plain()
    if as_json:
        return json.dumps({**reply.to_dict(), "chart": str(charts.save(reply.chart, charts_dir))}, ensure_ascii=False)
    return reply.plain() + "\n" + charts.saved_line(reply.chart, charts_dir, reply.lang)


def ask_many(
    engine: Engine, questions: Iterable[str], out: TextIO, lang: str | None, as_json: bool, conversation: bool = False,
    charts_dir: Path | None = None,
) -> int:
    """Answer each non-empty line; with JSON, exactly one object per line."""
    topic: Topic | None = None
    for question in questions:
        question = question.rstrip("\n")
        if not question.strip():
            topic = None
            continue
        reply = engine.ask(question, lang=lang, topic=topic)
        if conversation:
            topic = reply.topic or topic
        text = format_reply(reply, as_json, charts_dir)
        out.write((text if as_json else " | ".join(p for p in text.split("\n") if p)) + "\n")
        out.flush()
    return 0


def ask_one(engine: Engine, question: str, out: TextIO, lang: str | None, as_json: bool, charts_dir: Path | None = None) -> int:
    out.write(format_reply(engine.ask(question, lang=lang), as_json, charts_dir) + "\n")
    return 0
