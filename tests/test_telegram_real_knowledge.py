"""End-to-end on the real knowledge/ (skipped while it does not validate): everything renders as valid Telegram HTML.

Every cohort list, the pillars, the sources and the inline results of the
curated knowledge go through the fake Bot API, which refuses bad HTML and
messages over 4096 characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_telegram import FakeTelegram
from tests.telegram_helpers import REPO, Bot, failed_calls, start_shared_bot, text_of

KNOWLEDGE = REPO / "knowledge"


def _years() -> list[int]:
    from bot.engine import Engine
    from bot.knowledge.problems import KnowledgeError

    try:
        engine = Engine.load(KNOWLEDGE, Path(__import__("tempfile").mkdtemp()))
    except (KnowledgeError, OSError) as error:
        pytest.skip(f"knowledge/ does not load yet: {error}")
    return sorted(engine.knowledge.cohorts)


@pytest.fixture(scope="module")
def years() -> list[int]:
    return _years()


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture(scope="module")
def bot(fake: FakeTelegram, years: list[int], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    process = start_shared_bot(fake, tmp_path_factory.mktemp("real"), knowledge=KNOWLEDGE)
    yield process
    assert process.stop() == 0


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_list_renders(fake: FakeTelegram, bot: Bot, years: list[int], lang: str) -> None:
    user = fake.user(6001 if lang == "id" else 6002, "Real", language_code=lang)
    mark = fake.mark()
    for command in ["/start", "/pilar", "/sumber", "/kohort", *[f"/kohort {y}" for y in years], "kab oki ikut ga?"]:
        fake.send_text(user, command)
        assert text_of(fake.wait_for_bot_message(user)), command
    assert failed_calls(fake, mark) == []


def test_inline_results_render(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user(6003, "Inline")
    offset, count = "", 0
    for _ in range(10):
        answer = fake.inline_answer_for(fake.inline_query(user, "", offset=offset)["id"])
        count += len(answer["results"])
        offset = answer["next_offset"]
        if not offset:
            break
    assert count > 50
