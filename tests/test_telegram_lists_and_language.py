"""End-to-end: long lists page by editing one message, inline results page, /bahasa survives a restart.

The bot runs on a copy of the fixture knowledge whose 2022 cohort needs two
pages and whose "what is it" fact is full of HTML-special characters.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.telegram import userstate
from tests.fake_telegram import FakeTelegram
from tests.telegram_helpers import (
    HOSTILE_FACT,
    BotFactory,
    buttons_of,
    failed_calls,
    knowledge_variant,
    text_of,
)


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return knowledge_variant(tmp_path / "knowledge")


def test_paging_edits_the_same_message(fake: FakeTelegram, bot_factory: BotFactory, knowledge: Path) -> None:
    bot_factory(fake, knowledge=knowledge)
    user = fake.user(3001, "Pager")
    fake.send_text(user, "/kohort 2022")
    first = fake.wait_for_bot_message(user)
    assert "(halaman 1 dari 2)" in text_of(first)
    assert ("Berikutnya ▶", "c:2022:2") in buttons_of(first)
    count = len(fake.bot_messages(user))

    mark = fake.mark()
    query = fake.press_button(user, first, "c:2022:2")
    fake.answer_for(query["id"])
    fake.wait_for_call("editMessageText", after=mark)
    page2 = fake.bot_messages(user)[-1]
    assert page2["message_id"] == first["message_id"]
    assert "(halaman 2 dari 2)" in text_of(page2)
    assert ("◀ Sebelumnya", "c:2022:1") in buttons_of(page2)
    assert len(fake.bot_messages(user)) == count  # edited, not sent

    # the old keyboard's button again: the same page, "message is not modified" is swallowed
    mark = fake.mark()
    query = fake.press_button(user, first, "c:2022:2", check=False)
    fake.answer_for(query["id"])
    not_modified = fake.wait_for_call("editMessageText", after=mark)
    assert "not modified" in (not_modified.error or "")
    query = fake.press_button(user, page2, "c:2022:1")
    fake.answer_for(query["id"])
    fake.wait_for_call("editMessageText", lambda c: c.ok, after=mark)
    assert "(halaman 1 dari 2)" in text_of(fake.bot_messages(user)[-1])
    assert len(fake.bot_messages(user)) == count  # no error message was sent either

    # a follow-up that is not list navigation arrives as a new message
    query = fake.press_button(user, fake.bot_messages(user)[-1], "ct")
    fake.answer_for(query["id"])
    totals = fake.wait_for_bot_message(user, after=first["message_id"] + 0, predicate=lambda m: m["message_id"] != first["message_id"])
    assert "2022" in text_of(totals)


def test_knowledge_text_with_html_characters_arrives_intact(fake: FakeTelegram, bot_factory: BotFactory, knowledge: Path) -> None:
    bot_factory(fake, knowledge=knowledge)
    user = fake.user(3002, "Html", language_code="en")
    mark = fake.mark()
    fake.send_text(user, "what is the smart city programme?")
    answer = fake.wait_for_bot_message(user)
    assert HOSTILE_FACT in text_of(answer)  # Telegram parsed our HTML back to exactly the fact
    assert failed_calls(fake, mark) == []
    sent = [c for c in fake.calls()[mark:] if c.method == "sendMessage"][-1]
    assert "&lt;script&gt;" in sent.params["text"] and "&amp;" in sent.params["text"]


def test_inline_results_page_by_fifty(fake: FakeTelegram, bot_factory: BotFactory, knowledge: Path) -> None:
    bot_factory(fake, knowledge=knowledge)
    user = fake.user(3003, "Inline")
    first = fake.inline_answer_for(fake.inline_query(user, "")["id"])
    assert len(first["results"]) == 50 and first["next_offset"] == "50"
    second = fake.inline_answer_for(fake.inline_query(user, "", offset="50")["id"])
    assert len(second["results"]) == 50
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    offset, seen = second["next_offset"], 100
    while offset:
        page = fake.inline_answer_for(fake.inline_query(user, "", offset=offset)["id"])
        seen += len(page["results"])
        offset = page["next_offset"]
    assert seen > 150


def test_language_choice_wins_and_survives_a_restart(fake: FakeTelegram, bot_factory: BotFactory, knowledge: Path, tmp_path: Path) -> None:
    first_bot = bot_factory(fake, knowledge=knowledge)
    user = fake.user(3004, "Wayan", language_code="id")
    fake.send_text(user, "/bahasa")
    chooser = fake.wait_for_bot_message(user)
    assert [data for _, data in buttons_of(chooser)] == ["lang:id", "lang:en"]
    query = fake.press_button(user, chooser, text="English")
    assert "English" in fake.answer_for(query["id"]).get("text", "")
    fake.wait_for_call("editMessageText")
    assert "from now on I answer in English" in text_of(fake.bot_messages(user)[-1])

    fake.send_text(user, "kab oki ikut ga?")  # Indonesian question, English answer
    assert "It is in the 2022 cohort" in text_of(fake.wait_for_bot_message(user))
    assert first_bot.stop() == 0

    with sqlite3.connect(tmp_path / "data" / "users.sqlite") as db:
        (key, lang), = db.execute("SELECT user_hash, lang FROM language_choice").fetchall()
        assert lang == "en" and "3004" not in key and len(key) == 16  # kept by a salted hash, not the Telegram id

    bot_factory(fake, knowledge=knowledge)
    fake.send_text(user, "kab oki ikut ga?")
    assert "It is in the 2022 cohort" in text_of(fake.wait_for_bot_message(user))
    fake.send_text(user, "/start")
    assert "Write your question" in text_of(fake.wait_for_bot_message(user))

    # and back to Indonesian from the /start menu's language button
    welcome = fake.bot_messages(user)[-1]
    query = fake.press_button(user, welcome, "lang")
    fake.answer_for(query["id"])
    chooser = fake.wait_for_bot_message(user, after=welcome)
    query = fake.press_button(user, chooser, "lang:id")
    fake.answer_for(query["id"])
    fake.send_text(user, "is kota bandung in the programme?")
    assert "ikut Gerakan Menuju Smart City pada kohort 2017" in text_of(fake.wait_for_bot_message(user))


def test_questions_are_logged_without_telegram_ids(fake: FakeTelegram, bot_factory: BotFactory, knowledge: Path, tmp_path: Path) -> None:
    bot = bot_factory(fake, knowledge=knowledge)
    user = fake.user(3005, "Logged")
    for question in ("kab oki ikut ga?", "siapa presiden amerika"):
        fake.send_text(user, question)
        fake.wait_for_bot_message(user)
    assert bot.stop() == 0  # closing flushes the log
    with sqlite3.connect(tmp_path / "data" / "questions.sqlite") as db:
        rows = db.execute("SELECT question, user_hash FROM questions ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["kab oki ikut ga?", "siapa presiden amerika"]
    assert rows[0][1] and rows[0][1] == rows[1][1] and "3005" not in rows[0][1]


def test_conversation_state_is_kept_for_the_most_recent_people_only(
    fake: FakeTelegram, bot_factory: BotFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(userstate, "USERS_KEPT", 3)
    bot = bot_factory(fake)
    people = [fake.user(2100 + n, f"Orang {n}", language_code="id") for n in range(6)]
    for person in people:
        fake.send_text(person, "kota bandung ikut?")
        assert text_of(fake.wait_for_bot_message(person)).startswith("Kota Bandung")
    assert sorted(bot.application.user_data) == [2103, 2104, 2105]  # memory stays flat however many write
    fake.send_text(people[-1], "kalau kabupatennya?")
    assert text_of(fake.wait_for_bot_message(people[-1])).startswith("Kabupaten Bandung")  # a recent one's follow-up
    fake.send_text(people[0], "kalau kabupatennya?")
    assert "Bandung" not in text_of(fake.wait_for_bot_message(people[0]))  # long gone: a fresh conversation
