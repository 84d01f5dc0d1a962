"""The command line: `python -m bot [run|chat|ask|validate|build]`.

With no command: runs the Telegram bot when TELEGRAM_BOT_TOKEN is set, else
opens the terminal chat. Telegram is imported only by `run`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .config import Settings
from .knowledge.problems import KnowledgeError

COMMANDS = {
    "run": "start the Telegram bot (polling, or webhook when WEBHOOK_URL is set)",
    "chat": "talk to the bot in this terminal",
    "ask": "answer one question, or one per line from stdin",
    "validate": "check the knowledge files and list every problem as file:line: message",
    "build": "build the knowledge database (only when the files changed, unless --force)",
    "export": "write a cohort year's or a province's participants as CSV",
    "stats": "questions per day, share answered, top intents, languages and regions from the question log",
    "unanswered": "the most frequent questions the bot could not answer or answered with low confidence",
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="Tanya Smart City: questions about Gerakan Menuju Smart City.")
    p.add_argument("--knowledge", metavar="DIR", help="knowledge folder (default: $KNOWLEDGE_DIR or ./knowledge)")
    p.add_argument("--data", metavar="DIR", help="runtime state folder (default: $DATA_DIR or ~/.local/share/tanya-smart-city)")
    sub = p.add_subparsers(dest="command", metavar="command")
    for name, help_text in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument("--knowledge", metavar="DIR", default=argparse.SUPPRESS, help="knowledge folder")
        cmd.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="runtime state folder")
        if name == "ask":
            cmd.add_argument("question", nargs="?", help="the question; without it, one question per line from stdin")
            cmd.add_argument("--lang", choices=("id", "en"), help="answer in this language instead of detecting it")
            cmd.add_argument("--json", action="store_true", help="one JSON object per reply (text, lang, intent, ...)")
        if name == "chat":
            cmd.add_argument("--lang", choices=("id", "en"), help="always answer in this language")
        if name == "build":
            cmd.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
        if name == "export":
            cmd.add_argument("target", help="a cohort year (2019) or a province (\"Jawa Timur\", jatim)")
            cmd.add_argument("-o", "--output", help="file to write (default: stdout)")
        if name == "stats":
            cmd.add_argument("--days", type=int, default=7, help="how many days back (default 7)")
        if name == "unanswered":
            cmd.add_argument("--limit", type=int, default=10, help="how many questions (default 10)")
    return p


def _report(error: KnowledgeError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(f"{len(error.problems)} problem(s) found; nothing was loaded.", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = Settings.from_env(knowledge_dir=getattr(args, "knowledge", None), data_dir=getattr(args, "data", None))
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    command = args.command or ("run" if settings.token else "chat")
    try:
        if command == "validate":
            return _validate(settings)
        if command == "build":
            from .knowledge.build import build

            path, rebuilt = build(settings.knowledge_dir, settings.data_dir, force=args.force, intents=_intents())
            print(f"{'built' if rebuilt else 'up to date'}: {path}")
            return 0
        if command == "run":
            if not settings.token:
                print("TELEGRAM_BOT_TOKEN is not set; use `python -m bot chat` for the terminal chat.", file=sys.stderr)
                return 2
            from .telegram.app import run

            return run(settings)
        if command in ("stats", "unanswered"):
            from .admin.report import print_report

            return print_report(command, settings, args)
        from .engine import Engine

        engine = Engine.load(settings.knowledge_dir, settings.data_dir)
        if command == "export":
            from .admin.export import export_csv, resolve_target

            target = resolve_target(engine.knowledge, args.target)
            if target is None:
                print(f"not a cohort year or a province: {args.target!r}", file=sys.stderr)
                return 2
            text = export_csv(engine.knowledge, *target)
            if args.output:
                Path(args.output).write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
            return 0
        if command == "chat":
            from .fronts.terminal import chat

            return chat(engine, lang=getattr(args, "lang", None))
        from .fronts.batch import ask_many, ask_one

        if args.question is not None:
            return ask_one(engine, args.question, sys.stdout, args.lang, args.json)
        return ask_many(engine, sys.stdin, sys.stdout, args.lang, args.json)
    except KnowledgeError as error:
        return _report(error)


def _intents() -> set[str]:
    from .answers.registry import known_intents

    return known_intents()


def _validate(settings: Settings) -> int:
    from .knowledge.parse import parse_knowledge

    if not settings.knowledge_dir.is_dir():
        print(f"{settings.knowledge_dir}: knowledge folder not found", file=sys.stderr)
        return 1
    _, problems = parse_knowledge(settings.knowledge_dir, _intents())
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("knowledge is valid")
    return 0
