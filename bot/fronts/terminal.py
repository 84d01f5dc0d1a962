"""The terminal chat: a conversation with the engine on stdin/stdout, buttons shown as numbered choices."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from .. import charts
from ..engine import Engine
from ..i18n import Translator
from ..reply import Reply
from ..topic import Topic
from ..understanding.language import choose_language


def render(reply: Reply, charts_dir: Path | None = None) -> str:
    """The reply as text, its buttons numbered; its chart (if any) written into `charts_dir`, and where it is."""
    lines = [reply.plain()]
    if reply.chart is not None and charts_dir is not None:
        lines.append(charts.saved_line(reply.chart, charts_dir, reply.lang))
    for number, button in enumerate((b for row in reply.buttons for b in row), 1):
        lines.append(f"  [{number}] {button.label}")
    return "\n".join(lines)


def chat(engine: Engine, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, lang: str | None = None,
         charts_dir: Path | None = None) -> int:
    """Talk until end of input or 'exit'. A number presses the matching button of the last reply; a follow-up
    ("kalau kabupatennya?") is read against the last question. Charts are written into `charts_dir`."""
    last: str | None = None  # the language of the last reply: the conversation's, for choose_language
    topic: Topic | None = None  # the last question, for follow-ups
    tr = Translator(choose_language(None, lang))
    stdout.write(tr._("Tanya Smart City: ask me about Gerakan Menuju Smart City. Type 'exit' to leave.") + "\n")
    buttons: list[str] = []
    while True:
        stdout.write("> ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            return 0
        text = line.strip()
        if text.lower() in ("exit", "quit", "keluar"):
            return 0
        if not text:
            continue
        if text.isascii() and text.isdigit() and 0 < int(text) <= len(buttons):
            reply = engine.act(buttons[int(text) - 1], lang=choose_language(None, lang, last))
        else:
            reply = engine.ask(text, lang=lang, conversation=last, topic=topic)
        last, topic = reply.lang, reply.topic or topic
        if reply.language_asked:
            lang = reply.lang  # "in english please" holds for the rest of the chat
        buttons = [b.action for row in reply.buttons for b in row]
        stdout.write(render(reply, charts_dir) + "\n\n")
