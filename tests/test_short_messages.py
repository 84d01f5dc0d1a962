"""The shortest everyday messages keep the answer they have always had, whatever the reading of longer ones."""

from __future__ import annotations

import pytest

from bot.engine import Engine

SHORT = [
    ("kohort 2019", "cohort.members"), ("2019", "cohort.members"), ("angkatan 2017", "cohort.members"),
    ("cohort 2021", "cohort.members"), ("berapa peserta 2019", "cohort.size"), ("pilar", "pillars.list"),
    ("smart living", "pillar.detail"), ("oki", "region.status"), ("jatim", "province.members"),
    ("menteri", "people.minister"), ("dirjen aptika", "people.dirjen"), ("mou oki", "event.mou_signing"),
    ("sumber", "sources"), ("halo", "greeting"), ("help", "help"), ("makasih", "thanks"),
]


@pytest.mark.parametrize(("message", "intent"), SHORT)
def test_a_short_message_keeps_its_answer(engine: Engine, message: str, intent: str) -> None:
    reply = engine.ask(message)
    assert reply.intent == intent and reply.answered
