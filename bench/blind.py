"""Score the engine on a blind question set: questions written from the research alone, never from the bot.

    python bench/blind.py bench/questions/tune.yaml [--misses] [--class followup]

Each item is a conversation of one or more turns; a turn passes when the reply has the expected
form (`answer`: answered; `dont_know`: says it does not know; `did_you_mean`: offers a guess, or
answers while naming every candidate) and contains every `must` entry (a list inside `must` means any one of
them) and none of `must_not`, compared case-insensitively. An item passes when all its turns do.
Prints the share per class and per language; asserts nothing.

The sets come in pairs, each written blind and split alternately: `tune.yaml`, `tune2.yaml`, `fresh_tune.yaml`
and `fresh2_tune.yaml` are the ones to study and fix against; `test.yaml`, `fresh_test.yaml` and
`fresh2_test.yaml` are scored, not read, so that their figures stay what a new user would see.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.reply import Reply  # noqa: E402
from bot.topic import Topic  # noqa: E402

DONT_KNOW = {"out_of_scope", "unknown"}
GUESSING = {"clarify"}


def folded(text: str) -> str:
    return " ".join(text.lower().replace("\u00a0", " ").replace("\u202f", " ").split())


def has(text: str, entry: Any) -> bool:
    options = entry if isinstance(entry, list) else [entry]
    return any(folded(str(option)) in text for option in options)


def judge(turn: dict[str, Any], reply: Reply) -> list[str]:
    """What is wrong with a reply to one turn (nothing: it passes)."""
    text = folded(reply.plain() + " " + " ".join(b.label for row in reply.buttons for b in row))
    wrong: list[str] = []
    expect = turn.get("expect", "answer")
    if expect == "answer" and (not reply.answered or reply.intent in DONT_KNOW | GUESSING):
        wrong.append(f"not answered ({reply.intent})")
    elif expect == "dont_know" and reply.answered and reply.intent not in DONT_KNOW:
        wrong.append(f"answered as {reply.intent} instead of saying it does not know")
    elif expect == "did_you_mean" and reply.intent not in GUESSING and not all(has(text, e) for e in turn.get("must") or [None]):
        wrong.append(f"answered as {reply.intent} without naming what was meant")
    wrong += [f"lacks {entry!r}" for entry in turn.get("must") or [] if not has(text, entry)]
    wrong += [f"has {entry!r}" for entry in turn.get("must_not") or [] if has(text, entry)]
    return wrong


def score(engine: Engine, items: list[dict[str, Any]]) -> tuple[dict[str, list[bool]], dict[str, list[bool]], list[str]]:
    by_class: dict[str, list[bool]] = defaultdict(list)
    by_lang: dict[str, list[bool]] = defaultdict(list)
    misses: list[str] = []
    for item in items:
        topic: Topic | None = None
        problems: list[str] = []
        for n, turn in enumerate(item["turns"]):
            reply = engine.ask(str(turn["q"]), topic=topic)
            topic = reply.topic or topic
            wrong = judge(turn, reply)
            if wrong:
                snippet = reply.plain()[:160].replace("\n", " / ")
                problems.append(f"  turn {n + 1} {turn['q']!r}: {'; '.join(wrong)}\n      got [{reply.intent}] {snippet}")
        ok = not problems
        by_class[item.get("class", "?")].append(ok)
        by_lang[item.get("lang", "?")].append(ok)
        if not ok:
            misses.append(f"{item['id']} ({item.get('class')}):\n" + "\n".join(problems))
    return by_class, by_lang, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", type=Path)
    parser.add_argument("--misses", action="store_true", help="print every item that failed, and why")
    parser.add_argument("--class", dest="only", help="only the items of this class")
    args = parser.parse_args()
    items = yaml.safe_load(args.set.read_text(encoding="utf-8"))
    if args.only:
        items = [i for i in items if i.get("class") == args.only]
    with tempfile.TemporaryDirectory() as data:
        engine = Engine.load(ROOT / "knowledge", Path(data))
        by_class, by_lang, misses = score(engine, items)
    if args.misses:
        print("\n".join(misses))
    everything = [ok for oks in by_class.values() for ok in oks]
    print(f"{args.set.name}: {sum(everything)}/{len(everything)} = {100 * sum(everything) / max(len(everything), 1):.1f} %")
    for name, table in (("class", by_class), ("language", by_lang)):
        for key, oks in sorted(table.items()):
            print(f"  {name} {key:<13} {sum(oks):>3}/{len(oks):<3} {100 * sum(oks) / len(oks):5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
