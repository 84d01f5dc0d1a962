"""The command line: `python -m bot [run|chat|ask|validate|build|export|stats|unanswered]`.

A thin layer over the Python API: one small function per command, each given
the checked `Settings` and the parsed arguments. With no command: runs the
Telegram bot when TELEGRAM_BOT_TOKEN is set, else opens the terminal chat.
Telegram is imported only by `run`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings, SettingsError
from .knowledge.problems import KnowledgeError

if TYPE_CHECKING:
    from .engine import Engine

Command = Callable[[Settings, argparse.Namespace], int]

CHARTS = "charts"  # the folder under DATA_DIR where the terminal chat and `ask` write the charts they show

COMMANDS = {
    "run": "start the Telegram bot (polling, or webhook when WEBHOOK_URL is set)",
    "chat": "talk to the bot in this terminal",
    "ask": "answer one question, or one per line from stdin",
    "validate": "check the knowledge files and list every problem as file:line: message",
    "build": "build the knowledge database (only when the files changed, unless --force)",
    "export": "write a cohort year's or a province's participants as a workbook (.xlsx) or CSV",
    "stats": "questions per day, share answered, top intents, languages and regions from the question log",
    "unanswered": "the most frequent questions the bot could not answer or answered with low confidence",
}


def run_command(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.token:
        print("TELEGRAM_BOT_TOKEN is not set; use `python -m bot chat` for the terminal chat.", file=sys.stderr)
        return 2
    from .telegram.app import run

    return run(settings)


def chat_command(settings: Settings, args: argparse.Namespace) -> int:
    from .fronts.terminal import chat

    return chat(_engine(settings), sys.stdin, sys.stdout, lang=args.lang, charts_dir=settings.data_dir / CHARTS)


def ask_command(settings: Settings, args: argparse.Namespace) -> int:
    from .fronts.batch import ask_many, ask_one

    engine = _engine(settings)
    charts = settings.data_dir / CHARTS
    if args.question is not None:
        return ask_one(engine, args.question, sys.stdout, args.lang, args.json, charts)
    return ask_many(engine, sys.stdin, sys.stdout, args.lang, args.json, args.conversation, charts)


def validate_command(settings: Settings, args: argparse.Namespace) -> int:
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


def build_command(settings: Settings, args: argparse.Namespace) -> int:
    from .knowledge.build import build

    path, rebuilt = build(settings.knowledge_dir, settings.data_dir, force=args.force, intents=_intents())
    print(f"{'built' if rebuilt else 'up to date'}: {path}")
    return 0


def export_command(settings: Settings, args: argparse.Namespace) -> int:
    from .export import as_csv, as_xlsx, resolve_target, table
    from .i18n import Translator

    knowledge = _engine(settings).knowledge
    target = resolve_target(knowledge, args.target)
    if target is None:
        print(f"not a cohort year or a province: {args.target!r}", file=sys.stderr)
        return 2
    rows = table(knowledge, Translator(args.lang or "id"), *target)
    if args.output:  # a workbook for a .xlsx name, else CSV (UTF-8 with a byte order mark)
        path = Path(args.output)
        path.write_bytes(as_xlsx(rows) if path.suffix.lower() == ".xlsx" else as_csv(rows))
    else:
        sys.stdout.write(as_csv(rows).decode("utf-8-sig").replace("\r\n", "\n"))
    return 0


def stats_command(settings: Settings, args: argparse.Namespace) -> int:
    from .admin.report import print_stats

    print_stats(settings, args.days, sys.stdout)
    return 0


def unanswered_command(settings: Settings, args: argparse.Namespace) -> int:
    from .admin.report import print_unanswered

    print_unanswered(settings, args.limit, sys.stdout)
    return 0


def default_command(settings: Settings, args: argparse.Namespace) -> int:
    """No command given: the Telegram bot when there is a token, else the terminal chat."""
    return (run_command if settings.token else chat_command)(settings, args)


def _engine(settings: Settings) -> Engine:
    """The engine is imported only by the commands that need it (not by validate, build, stats, ...)."""
    from .engine import Engine

    return Engine.load(settings.knowledge_dir, settings.data_dir)


def _intents() -> set[str]:
    from .answers.registry import known_intents

    return known_intents()


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r}")
    return int(text)


def _subcommand(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, func: Command) -> argparse.ArgumentParser:
    cmd = sub.add_parser(name, help=COMMANDS[name], description=COMMANDS[name])
    cmd.add_argument("--knowledge", metavar="DIR", default=argparse.SUPPRESS, help="knowledge folder")
    cmd.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="runtime state folder")
    cmd.set_defaults(func=func)
    return cmd


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="Tanya Smart City: questions about Gerakan Menuju Smart City.")
    p.add_argument("--knowledge", metavar="DIR", help="knowledge folder (default: $KNOWLEDGE_DIR or ./knowledge)")
    p.add_argument("--data", metavar="DIR", help="runtime state folder (default: $DATA_DIR or ~/.local/share/tanya-smart-city)")
    p.set_defaults(func=default_command, lang=None)
    sub = p.add_subparsers(dest="command", metavar="command")
    _subcommand(sub, "run", run_command)
    chat = _subcommand(sub, "chat", chat_command)
    chat.add_argument("--lang", choices=("id", "en"), help="always answer in this language")
    ask = _subcommand(sub, "ask", ask_command)
    ask.add_argument("question", nargs="?", help="the question; without it, one question per line from stdin")
    ask.add_argument("--lang", choices=("id", "en"), help="answer in this language instead of detecting it")
    ask.add_argument("--json", action="store_true", help="one JSON object per reply (text, lang, intent, ...)")
    ask.add_argument("--conversation", action="store_true",
                     help="read the lines from stdin as one conversation (follow-ups lean on the line before; "
                          "an empty line starts a new one)")
    _subcommand(sub, "validate", validate_command)
    build = _subcommand(sub, "build", build_command)
    build.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    export = _subcommand(sub, "export", export_command)
    export.add_argument("target", help="a cohort year (2019) or a province (\"Jawa Timur\", jatim)")
    export.add_argument("-o", "--output", help="file to write: a workbook for a .xlsx name, else CSV (default: CSV on stdout)")
    export.add_argument("--lang", choices=("id", "en"), help="headers and statuses in this language (default: id)")
    stats = _subcommand(sub, "stats", stats_command)
    stats.add_argument("--days", type=_positive, default=7, help="how many days back (default 7)")
    unanswered = _subcommand(sub, "unanswered", unanswered_command)
    unanswered.add_argument("--limit", type=_positive, default=10, help="how many questions (default 10)")
    return p


def _report(error: KnowledgeError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(f"{len(error.problems)} problem(s) found; nothing was loaded.", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    """Parse `argv` (default: sys.argv), check the settings, run the command; returns the exit status."""
    args = parser().parse_args(argv)
    try:
        settings = Settings.from_env(knowledge_dir=args.knowledge, data_dir=args.data)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return args.func(settings, args)  # type: ignore[no-any-return]
    except KnowledgeError as error:
        return _report(error)
