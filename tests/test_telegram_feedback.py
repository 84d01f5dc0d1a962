"""End-to-end: 👍/👎 under the answers to questions, a comment after a 👎, a correction with its source, and what admins
see and resolve of them; no Telegram ids."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.fake_telegram import FakeTelegram
from tests.telegram_helpers import BotFactory, buttons_of, text_of

ADMIN = 4201
VOTES = [("👍", "fb:up"), ("👎", "fb:down")]


def test_a_vote_and_a_comment_reach_the_admins_without_ids(fake: FakeTelegram, bot_factory: BotFactory, tmp_path: Path) -> None:
    bot_factory(fake, ADMIN_IDS=str(ADMIN), KNOWLEDGE_WATCH_SECONDS=0)
    citizen, admin = fake.user(4202, "Warga"), fake.user(ADMIN, "Admin")
    fake.private_chat(admin)
    fake.send_text(citizen, "kab oki ikut ga?")
    answer = fake.wait_for_bot_message(citizen)
    assert buttons_of(answer)[-3:] == [*VOTES, ("✏️ Laporkan koreksi", "fix")]  # a region's answer can be corrected
    mark = fake.mark()
    query = fake.press_button(citizen, answer, "fb:down")
    assert fake.answer_for(query["id"]).get("text") == "Terima kasih!"
    fake.wait_for_call("editMessageReplyMarkup", after=mark)
    assert not [v for v in buttons_of(fake.bot_messages(citizen)[0]) if v in VOTES]  # voted: the row is gone
    prompt = fake.wait_for_bot_message(citizen, after=answer)
    asked = fake.wait_for_call("sendMessage", lambda c: "Apa yang kurang" in str(c.params.get("text")), after=mark)
    assert "force_reply" in str(asked.params.get("reply_markup")) and "Apa yang kurang" in text_of(prompt)
    fake.send_text(citizen, "tanggal bimteknya tidak ada", reply_to=prompt)
    thanks = fake.wait_for_bot_message(citizen)
    assert text_of(thanks) == "Terima kasih, admin akan membacanya."  # taken as the comment, not as a question

    fake.send_text(citizen, "is kota bandung in?")
    other = fake.wait_for_bot_message(citizen)
    fake.answer_for(fake.press_button(citizen, other, "fb:up")["id"])
    fake.send_text(citizen, "/kohort 2017")  # a command's list: no vote row
    assert not [v for v in buttons_of(fake.wait_for_bot_message(citizen)) if v in VOTES]

    fake.send_text(admin, "/masukan")
    report = text_of(fake.wait_for_bot_message(admin))
    assert "👍 1, 👎 1" in report and "kab oki ikut ga?" in report and "tanggal bimteknya tidak ada" in report
    with sqlite3.connect(tmp_path / "data" / "feedback.sqlite") as conn:
        columns = [row[1] for row in conn.execute("pragma table_info(feedback)")]
        rows = conn.execute("select * from feedback").fetchall()
    assert columns == ["id", "time", "question", "intent", "vote", "comment"] and len(rows) == 2
    assert not any(str(citizen["id"]) in str(value) for row in rows for value in row)


def test_a_message_after_a_down_vote_that_is_no_reply_is_a_question(fake: FakeTelegram, bot_factory: BotFactory) -> None:
    bot_factory(fake, KNOWLEDGE_WATCH_SECONDS=0)
    citizen = fake.user(4203, "Warga")
    fake.send_text(citizen, "kab oki ikut ga?")
    answer = fake.wait_for_bot_message(citizen)
    fake.answer_for(fake.press_button(citizen, answer, "fb:down")["id"])
    fake.wait_for_bot_message(citizen, after=answer)  # "what was wrong?"
    fake.send_text(citizen, "kohort 2017")  # not a reply to the prompt: answered as a question
    assert "Kohort 2017" in text_of(fake.wait_for_bot_message(citizen))


def test_a_correction_with_its_source_reaches_the_admins_who_resolve_it(fake: FakeTelegram, bot_factory: BotFactory) -> None:
    bot_factory(fake, ADMIN_IDS=str(ADMIN), KNOWLEDGE_WATCH_SECONDS=0)
    office, admin, stranger = fake.user(4204, "Diskominfo"), fake.user(ADMIN, "Admin"), fake.user(4205, "Lain")
    fake.private_chat(admin)
    fake.send_text(office, "kab oki ikut ga?")
    answer = fake.wait_for_bot_message(office)
    fake.answer_for(fake.press_button(office, answer, "fb:up")["id"])  # a vote first: the correction still knows
    fake.answer_for(fake.press_button(office, answer, "fb:up", check=False)["id"])  # a second tap counts once
    fake.answer_for(fake.press_button(office, answer, "fix")["id"])
    prompt = fake.wait_for_bot_message(office, after=answer)
    assert "tautan ke sumber" in text_of(prompt)
    fake.send_text(office, "OKI juga ikut 2023, lihat https://okikab.go.id/berita/123", reply_to=prompt)
    assert text_of(fake.wait_for_bot_message(office)) == "Terima kasih. Admin akan memeriksanya dengan sumber Anda."
    fake.send_text(admin, "/koreksi")
    listed = fake.wait_for_bot_message(admin)
    assert "kab oki ikut ga?" in text_of(listed) and "https://okikab.go.id/berita/123" in text_of(listed)
    [(label, data)] = buttons_of(listed)
    refused = fake.press_button(stranger, listed, data, chat=admin, check=False)  # a forged press by someone else
    assert "hanya untuk admin" in str(fake.answer_for(refused["id"]).get("text"))
    fake.answer_for(fake.press_button(admin, listed, data)["id"])
    fake.send_text(admin, "/koreksi")
    assert text_of(fake.wait_for_bot_message(admin)) == "Tidak ada koreksi yang menunggu."
    fake.send_text(admin, "/masukan")
    assert "👍 1, 👎 0" in text_of(fake.wait_for_bot_message(admin))
