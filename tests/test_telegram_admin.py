"""End-to-end: admins reload knowledge while the bot is live and see figures; others are refused."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from bot.questionlog import Entry
from tests.fake_telegram import FakeTelegram
from tests.telegram_helpers import (
    FIXTURE_KNOWLEDGE,
    BotFactory,
    buttons_of,
    text_of,
)

ADMIN = 4001


def ask(fake: FakeTelegram, user: dict, text: str) -> str:
    fake.send_text(user, text)
    return text_of(fake.wait_for_bot_message(user))


def test_admin_menu_and_refusal(fake: FakeTelegram, bot_factory: BotFactory) -> None:
    bot = bot_factory(fake, ADMIN_IDS=str(ADMIN), KNOWLEDGE_WATCH_SECONDS=0)
    admin_menu = [c["command"] for c in fake.commands({"type": "chat", "chat_id": ADMIN}, "id")]
    assert {"reload", "stats", "unanswered", "ekspor", "daerah"} <= set(admin_menu)
    public_menu = [c["command"] for c in fake.commands(None, "id")]
    assert "reload" not in public_menu and "ekspor" in public_menu  # the export is for everyone (tests/test_telegram_export.py)
    stranger = fake.user(4002, "Stranger")
    assert ask(fake, stranger, "/reload") == "Maaf, perintah ini hanya untuk admin bot."
    bot.wait_for_log(r"admin command /reload refused")


def test_reload_valid_then_broken_while_answering(fake: FakeTelegram, bot_factory: BotFactory, tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, knowledge)
    bot_factory(fake, knowledge=knowledge, ADMIN_IDS=str(ADMIN), KNOWLEDGE_WATCH_SECONDS=0)
    admin, citizen = fake.user(ADMIN, "Admin"), fake.user(4003, "Warga")
    fake.private_chat(admin)
    assert "tidak ada dalam daftar" in ask(fake, citizen, "kota malang ikut ga")

    with (knowledge / "members.csv").open("a", encoding="utf-8") as handle:
        handle.write("2022,Kota Malang,member,H,src-a,\n")
    summary = ask(fake, admin, "/reload")
    assert "Pengetahuan dimuat ulang. Perubahan:" in summary and "2022: ditambahkan Kota Malang" in summary
    assert "kohort 2022" in ask(fake, citizen, "kota malang ikut ga")

    (knowledge / "members.csv").write_text("year,region,status,confidence,source,note\n2022,Kota Atlantis,member,H,src-a,\n")
    problems = ask(fake, admin, "/reload")
    assert "members.csv:2: unknown region 'Kota Atlantis'" in problems
    assert "kohort 2022" in ask(fake, citizen, "kota malang ikut ga")  # still the last good knowledge


def test_automatic_reload_on_file_change(fake: FakeTelegram, bot_factory: BotFactory, tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, knowledge)
    bot_factory(fake, knowledge=knowledge, ADMIN_IDS=str(ADMIN), KNOWLEDGE_WATCH_SECONDS="0.3")
    admin, citizen = fake.user(ADMIN, "Admin"), fake.user(4004, "Warga")
    fake.private_chat(admin)
    mark = fake.mark()
    with (knowledge / "members.csv").open("a", encoding="utf-8") as handle:
        handle.write("2017,Kabupaten Sleman,member,H,src-b,\n")
    notice = fake.wait_for_call("sendMessage", lambda c: str(c.params.get("chat_id")) == str(ADMIN), timeout=15, after=mark)
    assert "2017: ditambahkan Kabupaten Sleman" in notice.params["text"]
    assert "kohort 2017" in ask(fake, citizen, "sleman ikut ga")


def test_stats_and_unanswered(fake: FakeTelegram, bot_factory: BotFactory) -> None:
    bot_factory(fake, ADMIN_IDS=str(ADMIN), KNOWLEDGE_WATCH_SECONDS=0)
    admin, citizen = fake.user(ADMIN, "Admin"), fake.user(4005, "Warga")
    fake.private_chat(admin)

    for text in ("kab oki ikut ga", "resep rendang enak", "resep rendang enak"):
        ask(fake, citizen, text)
    fake.send_text(citizen, "banyu ikut ga")
    clarify = fake.wait_for_bot_message(citizen)
    none = [data for _, data in buttons_of(clarify) if data.startswith("none")]
    assert none == ["none:banyu"]  # a did-you-mean: "none of these" counts as unanswered
    query = fake.press_button(citizen, clarify, none[0])
    fake.answer_for(query["id"])
    fake.wait_for_bot_message(citizen, after=clarify["message_id"])
    unanswered = ask(fake, admin, "/unanswered")
    assert "2× resep rendang enak" in unanswered
    assert "banyu" in unanswered
    stats = ask(fake, admin, "/stats 1")
    assert "pertanyaan" in stats and "Kabupaten Ogan Komering Ilir 1" in stats


def test_the_running_bot_prunes_old_questions_daily(fake: FakeTelegram, bot_factory: BotFactory, tmp_path: Path) -> None:
    bot = bot_factory(fake, QUESTION_LOG_RETENTION_DAYS=30, KNOWLEDGE_WATCH_SECONDS=0)
    citizen = fake.user(4006, "Warga")
    ask(fake, citizen, "kab oki ikut ga")
    question_log = bot.application.bot_data["question_log"]
    question_log.record(Entry("pertanyaan lama", "pertanyaan lama", "id", "unknown", 0.0, False, time=time.time() - 31 * 86400))
    question_log.flush()
    assert len(question_log.rows(0)) == 2
    (job,) = bot.application.job_queue.get_jobs_by_name("question_log_prune")
    assert job.trigger.interval.total_seconds() == 86400  # daily
    asyncio.run_coroutine_threadsafe(job.run(bot.application), bot.loop).result(timeout=10)
    assert [row["question"] for row in question_log.rows(0)] == ["kab oki ikut ga"]


def test_a_flood_of_problems_is_one_notice_and_a_fix_ends_it(fake: FakeTelegram, bot_factory: BotFactory, tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, knowledge)
    bot_factory(fake, knowledge=knowledge, ADMIN_IDS=str(ADMIN), KNOWLEDGE_WATCH_SECONDS="0.3")
    admin = fake.user(ADMIN, "Admin")
    fake.private_chat(admin)
    good_members = (knowledge / "members.csv").read_text(encoding="utf-8")
    good_pillars = (knowledge / "pillars.yaml").read_text(encoding="utf-8")

    def notices(after: int) -> list[str]:
        return [str(c.params["text"]) for c in fake.calls("sendMessage")[after:] if str(c.params.get("chat_id")) == str(ADMIN)]

    rows = "".join(f"2022,Kota Atlantis {n},member,H,src-a,\n" for n in range(3000))
    (knowledge / "members.csv").write_text(good_members + rows, encoding="utf-8")
    (knowledge / "pillars.yaml").write_text(good_pillars + "\n  broken: [unclosed\n", encoding="utf-8")
    notice = fake.wait_for_call(
        "sendMessage", lambda c: str(c.params.get("chat_id")) == str(ADMIN) and "pillars.yaml" in str(c.params["text"]), timeout=15,
    ).params["text"]
    lines = notice.splitlines()
    assert "3001 masalah" in lines[0] or "3.001 masalah" in lines[0], lines[0]
    assert lines[1].startswith("pillars.yaml:") and "YAML syntax" in lines[1]  # the file that cannot be read comes first
    assert lines[-1].startswith("… dan 2981 lainnya") and "python -m bot validate" in lines[-1]
    assert len(lines) == 1 + 20 + 1 and len(notice) <= 4096

    mark = len(fake.calls("sendMessage"))
    (knowledge / "members.csv").write_text(good_members, encoding="utf-8")
    (knowledge / "pillars.yaml").write_text(good_pillars, encoding="utf-8")
    deadline = time.monotonic() + 15
    while not any("dimuat ulang" in text for text in notices(mark)):
        assert time.monotonic() < deadline, notices(mark)
        time.sleep(0.1)
    time.sleep(1)
    sent = notices(mark)
    assert len(sent) == 1 and "dimuat ulang" in sent[0]  # nothing of the old problems follows the fix

    (knowledge / "members.csv").write_text(good_members + "#" * 6_000_000, encoding="utf-8")
    deadline = time.monotonic() + 15
    while len(notices(mark)) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert notices(mark)[1].splitlines()[1:] == [
        "members.csv:0: the file is 6.0 MB; a knowledge file may be at most 5 MB (is it the right file?)"]


def test_a_question_log_lost_under_the_running_bot_is_said_and_answering_goes_on(
    fake: FakeTelegram, bot_factory: BotFactory, tmp_path: Path
) -> None:
    bot = bot_factory(fake, ADMIN_IDS=str(ADMIN), KNOWLEDGE_WATCH_SECONDS=0)
    admin, citizen = fake.user(ADMIN, "Admin"), fake.user(4007, "Warga")
    ask(fake, citizen, "kab oki ikut ga")
    path = tmp_path / "data" / "questions.sqlite"
    assert bot.application.bot_data["question_log"].flush()
    for part in tmp_path.joinpath("data").glob("questions.sqlite*"):
        part.unlink()
    path.mkdir()  # someone put a folder where the file was
    assert "Log pertanyaan tidak bisa dibaca saat ini" in ask(fake, admin, "/stats")
    assert "Log pertanyaan tidak bisa dibaca saat ini" in ask(fake, admin, "/unanswered")
    (job,) = bot.application.job_queue.get_jobs_by_name("question_log_prune")
    asyncio.run_coroutine_threadsafe(job.run(bot.application), bot.loop).result(timeout=10)  # the daily prune copes too
    assert "Kota Bandung" in ask(fake, citizen, "kota bandung ikut ga")
    # the next question is written to a fresh log (the folder moved aside), not to the removed file
    assert "1 pertanyaan" in ask(fake, admin, "/stats") and "Kota Bandung 1" in ask(fake, admin, "/stats")
    assert "Traceback" not in bot.log()
