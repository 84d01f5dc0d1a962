"""Shared fixtures: engines over the shipped knowledge and over the small fixture set."""

from __future__ import annotations

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
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The engine on the knowledge the bot ships with."""
    return Engine.load(KNOWLEDGE, tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def mini_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The engine on tests/fixtures/knowledge (small, stable)."""
    return Engine.load(MINI, tmp_path_factory.mktemp("mini-data"))


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture knowledge, for breaking on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(MINI, target)
    return target
