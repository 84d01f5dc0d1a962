"""The terminal chat: a conversation with the engine on stdin/stdout, buttons shown as numbered choices."""

from __future__ import annotations

import sys
from typing import TextIO

from ..engine import Engine
from ..i18n import Translator
from ..reply import Reply
from ..topic import Topic
from ..understanding.language import choose_language


def render(reply: Reply) -> str:
    lines = [reply.plain()]
    for number, button in enumerate((b for row in reply.buttons for b in row), 1):
        lines.append(f"  [{number}] {button.label}")
    return "\n".join(lines)


def chat(engine: Engine, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, lang: str | None = None) -> int:
    """Talk until end of input or 'exit'. A number presses the matching button of the last reply; a follow-up
    ("kalau kabupatennya?") is read against the last question."""
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
        stdout.write(render(reply) + "\n\n")
