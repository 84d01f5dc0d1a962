"""The labelled question set: the engine must understand at least 95 % of it, per category printed."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bot.engine import Engine

QUESTIONS = yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))


def verdict(engine: Engine, item: dict) -> str:
    """'' when the engine understood the question as labelled, else what went wrong."""
    u = engine.understand(item["q"])
    wrong = []
    if u.lang != item["lang"]:
        wrong.append(f"lang {u.lang}")
    if u.intent != item["intent"]:
        wrong.append(f"intent {u.intent}")
    if "region" in item and sorted(u.regions) != sorted(item["region"]):
        wrong.append(f"regions {u.regions}")
    if "province" in item and u.province != item["province"]:
        wrong.append(f"province {u.province}")
    if "year" in item and u.year != item["year"]:
        wrong.append(f"year {u.year}")
    if "pillar" in item and u.pillar != item["pillar"]:
        wrong.append(f"pillar {u.pillar}")
    return ", ".join(wrong)


def test_question_set_is_big_and_bilingual() -> None:
    assert len(QUESTIONS) >= 200
    langs = {q["lang"] for q in QUESTIONS}
    assert langs == {"id", "en"}


def test_question_set_accuracy(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    per_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures = []
    for item in QUESTIONS:
        problem = verdict(engine, item)
        per_category[item["category"]][1] += 1
        if problem:
            failures.append(f"{item['q']!r} ({item['intent']}): {problem}")
        else:
            per_category[item["category"]][0] += 1
    right = sum(r for r, _ in per_category.values())
    with capsys.disabled():
        print("\nquestion set accuracy by category:")
        for category, (ok, total) in sorted(per_category.items()):
            print(f"  {category:<13} {ok:>3}/{total:<3} {100 * ok / total:5.1f} %")
        print(f"  {'all':<13} {right:>3}/{len(QUESTIONS):<3} {100 * right / len(QUESTIONS):5.1f} %")
        for failure in failures:
            print("  miss:", failure)
    assert right / len(QUESTIONS) >= 0.95


def test_every_question_gets_a_reply_in_its_language(engine: Engine) -> None:
    for item in QUESTIONS:
        reply = engine.ask(item["q"])
        assert reply.plain().strip() and len(reply.plain()) <= 4096
        assert reply.lang in ("id", "en")
