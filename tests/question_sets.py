"""The labelled question sets (tests/questions.yaml and questions_heldout.yaml), read once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
LABELLED = "questions.yaml"
HELD_OUT = "questions_heldout.yaml"


@cache
def question_set(name: str) -> tuple[dict[str, Any], ...]:
    """The items ({q, intent, ...}) of one set, with libyaml's loader where installed (the pure-Python one took
    about a quarter of a second per set in every test worker)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(yaml.load((HERE / name).read_text(encoding="utf-8"), Loader=loader))  # noqa: S506 - a safe loader


def questions(*names: str) -> list[str]:
    """The question texts of the named sets, in order."""
    return [item["q"] for name in names for item in question_set(name)]
