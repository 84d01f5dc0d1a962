"""Shared fixtures: engines over the shipped knowledge and over the small fixture set."""

from __future__ import annotations

import sys

# The suite runs four workers and a score of `python -m bot run` processes. Where PYTHONDONTWRITEBYTECODE
# is set (as on the CI machines), each of them compiled bot/ and the tests again: about 40 s of CPU in a
# 60 s run. Caching bytecode in __pycache__ (git-ignored) is Python's default; the suite asks for it back.
sys.dont_write_bytecode = False

import shutil
from pathlib import Path

import pytest

from bot.engine import Engine

# The Telegram fixtures (fake, bot_factory, process_factory) for every test module.
pytest_plugins = ("tests.telegram_helpers",)

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
MINI = Path(__file__).resolve().parent / "fixtures" / "knowledge"


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine on the knowledge the bot ships with."""
    from tests.telegram_helpers import engine_for  # loaded as a plugin below, after this module

    return engine_for(KNOWLEDGE)


@pytest.fixture(scope="session")
def mini_engine() -> Engine:
    """The engine on tests/fixtures/knowledge (small, stable)."""
    from tests.telegram_helpers import engine_for

    return engine_for(MINI)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture knowledge, for breaking on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(MINI, target)
    return target
