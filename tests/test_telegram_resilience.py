"""End-to-end: the bot stays up when the Bot API misbehaves, stops cleanly, and never logs its token.

Each test starts its own bot against its own fake server: a `python -m bot run`
subprocess where only a process shows the behaviour (start-up, signals, client
timeouts, 409 and 429, what reaches stderr at DEBUG, SIGKILL), in-process
otherwise. Faults injected: 429 with retry_after, 500, seconds of 502s (an outage, waited
out in order, or outlasting SEND_RETRY_SECONDS), a slow answer (client timeout),
the API down at start-up, a 409 conflict from another poller, a user who
blocked the bot, SIGTERM.
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.fake_telegram import FakeTelegram
from tests.telegram_helpers import (
    BotFactory,
    text_of,
)


def sends_to(fake: FakeTelegram, chat_id: int, after: int = 0) -> list:
    return [c for c in fake.calls()[after:] if c.method == "sendMessage" and int(c.params.get("chat_id", 0)) == chat_id]


def test_429_retry_after_is_waited_out(fake: FakeTelegram, process_factory: BotFactory) -> None:
    bot = process_factory(fake)
    user = fake.user(4001, "Rate")
    fake.fail_next("sendMessage", 429, retry_after=1)
    started = time.monotonic()
    fake.send_text(user, "kab oki ikut ga?")
    answer = fake.wait_for_bot_message(user)
    assert "Ogan Komering Ilir" in text_of(answer)
    assert time.monotonic() - started >= 1.0
    fake.wait_for_call("sendMessage", lambda c: c.ok)
    calls = sends_to(fake, 4001)
    assert [c.status for c in calls] == [429, 200]
    assert "Traceback" not in bot.log()


def test_a_500_is_retried(fake: FakeTelegram, bot_factory: BotFactory) -> None:
    bot_factory(fake)
    user = fake.user(4002, "Five")
    fake.fail_next("sendMessage", 500)
    fake.send_text(user, "kab oki ikut ga?")
    assert "Ogan Komering Ilir" in text_of(fake.wait_for_bot_message(user))  # retried after backoff



def test_an_outage_longer_than_the_retries_loses_that_answer_and_says_so(fake: FakeTelegram, bot_factory: BotFactory) -> None:
    bot = bot_factory(fake, SEND_RETRY_SECONDS="1")
    user = fake.user(4012, "Lasting")
    over = time.monotonic() + 1.8
    fake.fail_for("sendMessage", 1.8, 502)  # longer than SEND_RETRY_SECONDS
    fake.send_text(user, "/kohort 2017")
    bot.wait_for_log(r"ERROR bot\.telegram\.errors: could not answer update \d+: the Bot API failed", timeout=10)
    time.sleep(max(0.0, over - time.monotonic()))
    fake.send_text(user, "/kohort 2017")  # and the bot keeps answering
    assert "Kohort 2017" in text_of(fake.wait_for_bot_message(user, predicate=lambda m: "Kohort 2017" in text_of(m)))
    assert "Traceback" not in bot.log()


def test_one_troubled_conversation_is_answered_whole_and_counted(fake: FakeTelegram, bot_factory: BotFactory) -> None:
    """A lone surrogate, a forged button, bad numbers and 1.2 s of 502s (two retries): every question answered, in order,
    and counted."""
    admin = fake.user(4013, "Admin")
    bot = bot_factory(fake, ADMIN_IDS="4013")
    fake.send_text(admin, "kota \ud800 bandung ikut?")  # a JSON "\ud800" escape, as a client can send
    first = fake.wait_for_bot_message(admin)
    query = fake.press_button(admin, first, "r:99.99", check=False)  # a forged button
    assert "versi lama" in str(fake.answer_for(query["id"]).get("text", "")) or "versi lama" in text_of(
        fake.wait_for_bot_message(admin, after=first))
    for command in ("/stats ²", "/stats 1" + "9" * 80, "/unanswered ²"):
        fake.send_text(admin, command)
        assert fake.wait_for_bot_message(admin)
    before = len(fake.bot_messages(admin))
    fake.fail_for("sendMessage", 1.2, 502)
    asked = ["kab oki ikut ga?", "siapa menteri kominfo tahun 2017?", "kota malang ikut tahun berapa?"]
    for text in asked:
        fake.send_text(admin, text)
        time.sleep(0.05)
    replies: list[dict] = []
    deadline = time.monotonic() + 40
    while len(replies) < len(asked):
        assert time.monotonic() < deadline, f"answers lost in the outage: {[text_of(m)[:40] for m in replies]}"
        time.sleep(0.2)
        replies = fake.bot_messages(admin)[before:]
    assert "Ogan Komering Ilir" in text_of(replies[0]) and "Malang" in text_of(replies[2])  # in the order asked
    fake.send_text(admin, "/stats")
    stats = text_of(fake.wait_for_bot_message(admin))
    assert f"{1 + len(asked)} pertanyaan" in stats, stats
    log = bot.log()
    assert "Traceback" not in log
    assert log.count("the Telegram Bot API is failing") == 1 and log.count("answers again") == 1


def test_a_timed_out_send_does_not_stop_the_bot(fake: FakeTelegram, process_factory: BotFactory) -> None:
    bot = process_factory(fake, TELEGRAM_TIMEOUT="1")
    slow, quick = fake.user(4003, "Slow"), fake.user(4004, "Quick")
    fake.delay_next("sendMessage", 2.0)  # longer than the bot waits for a Bot API answer
    fake.send_text(slow, "kab oki ikut ga?")
    time.sleep(0.2)
    fake.send_text(quick, "/kohort 2017")  # handled meanwhile
    assert "Kohort 2017" in text_of(fake.wait_for_bot_message(quick))
    bot.wait_for_log(r"timed out while handling update", timeout=10)
    assert "Traceback" not in bot.log()
    fake.send_text(slow, "/kohort 2017")
    assert "Kohort 2017" in text_of(fake.wait_for_bot_message(slow, predicate=lambda m: "2017" in text_of(m)))


def test_api_down_at_start_up_then_up(fake: FakeTelegram, process_factory: BotFactory) -> None:
    fake.set_down(True)
    bot = process_factory(fake, wait=False)
    bot.wait_for_log(r"not reachable at start-up", timeout=10)
    fake.set_down(False)
    bot.wait_until_running(timeout=15)
    user = fake.user(4005, "Patient")
    fake.send_text(user, "kab oki ikut ga?")
    assert "Ogan Komering Ilir" in text_of(fake.wait_for_bot_message(user))
    assert "Traceback" not in bot.log()


def test_sigterm_while_the_api_is_down_exits_cleanly(fake: FakeTelegram, process_factory: BotFactory) -> None:
    fake.set_down(True, mode="reset")
    bot = process_factory(fake, wait=False)
    bot.wait_for_log(r"not reachable at start-up", timeout=10)
    assert bot.stop() == 0


def test_sigterm_stops_cleanly(fake: FakeTelegram, process_factory: BotFactory) -> None:
    bot = process_factory(fake)
    user = fake.user(4006, "Bye")
    fake.send_text(user, "/start")
    fake.wait_for_bot_message(user)
    started = time.monotonic()
    assert bot.stop() == 0
    assert time.monotonic() - started < 5
    log = bot.log()
    assert "bot.telegram.runner: stopped" in log
    assert "Traceback" not in log


def test_conflict_with_another_poller_logs_one_line(fake: FakeTelegram, process_factory: BotFactory) -> None:
    bot = process_factory(fake)
    fake.conflict_polling(True)
    nudge = fake.user(4011, "Nudge")
    fake.send_text(nudge, "/start")  # ends the long poll in progress; the next ones meet the conflict
    bot.wait_for_log(r"another instance is polling with this token")
    # PTB retries getUpdates with backoff meanwhile: another conflict, still one line
    deadline = time.monotonic() + 10
    while len([c for c in fake.calls("getUpdates") if c.status == 409]) < 2:
        assert time.monotonic() < deadline, "PTB stopped retrying getUpdates"
        time.sleep(0.05)
    log = bot.log()
    assert log.count("another instance is polling with this token") == 1
    assert "Traceback" not in log
    assert bot.proc.poll() is None
    fake.conflict_polling(False)
    user = fake.user(4007, "After")
    fake.send_text(user, "/kohort 2017")
    assert "Kohort 2017" in text_of(fake.wait_for_bot_message(user, timeout=40))


def test_blocked_user_is_logged_once_and_not_retried(fake: FakeTelegram, bot_factory: BotFactory) -> None:
    bot = bot_factory(fake)
    blocker, other = fake.user(4008, "Blocker"), fake.user(4009, "Other")
    fake.block(blocker)
    mark = fake.mark()
    fake.send_text(blocker, "kab oki ikut ga?")
    fake.send_text(blocker, "/start")
    fake.send_text(other, "/kohort 2017")
    assert "Kohort 2017" in text_of(fake.wait_for_bot_message(other))
    deadline = time.monotonic() + 10
    while len([c for c in sends_to(fake, 4008, mark) if c.done]) < 2:  # both refused sends, in any order
        assert time.monotonic() < deadline, f"expected two sends to the blocked chat: {sends_to(fake, 4008, mark)}"
        time.sleep(0.05)
    time.sleep(0.5)
    attempts = sends_to(fake, 4008, mark)
    assert [c.status for c in attempts] == [403, 403]  # one try per message: no retry, no apology
    log = bot.log()
    assert log.count("chat 4008 does not accept messages from the bot") == 1
    assert "Traceback" not in log


def test_token_never_appears_in_the_logs(fake: FakeTelegram, process_factory: BotFactory) -> None:
    bot = process_factory(fake, LOG_LEVEL="DEBUG")
    user = fake.user(987654321, "Rahasiawati", username="rahasia_user", last_name="Sutanto")
    group = fake.group_chat(-1001234567890, "Grup RT Lima Belas")
    fake.send_text(user, "/start", chat=group)
    fake.send_text(user, "nomor saya 0812-3456-7890, budi@example.id")
    fake.wait_for_bot_message(user)
    fake.send_text(user, "/start")
    welcome = fake.wait_for_bot_message(user)
    fake.press_button(user, welcome, "pl")
    fake.wait_for_bot_message(user, after=welcome)
    fake.fail_next("sendMessage", 400)  # an error with a traceback
    fake.send_text(user, "/kohort 2017")
    fake.wait_for_bot_message(user)
    fake.conflict_polling(True)
    fake.send_text(user, "/start")
    bot.wait_for_log("another instance is polling")
    fake.conflict_polling(False)
    assert bot.stop() == 0
    log = bot.log()
    assert "DEBUG" in log and "getUpdates" in log and "sendMessage" in log  # it really logged a lot
    assert fake.token not in log
    assert fake.token.split(":")[1] not in log.replace("[redacted]", "")
    assert "[redacted]" in log
    for private in ("987654321", "Rahasiawati", "rahasia_user", "Sutanto", "1234567890", "RT Lima Belas", "0812", "budi@"):
        assert private not in log, private  # the user's id, names, group, typed number and e-mail
    assert "first_name" in log  # PTB logged the updates, without the names


def test_broken_state_files_are_moved_aside_and_the_bot_starts(fake: FakeTelegram, bot_factory: BotFactory, tmp_path: Path) -> None:
    data = tmp_path / "state"
    data.mkdir()
    (data / "questions.sqlite").write_bytes(b"\x8f garbage \xff" * 300)
    (data / "users.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x00\xff" * 2000)
    (data / "question-log.salt").write_bytes(b"\x00\x01\xfe")
    bot = bot_factory(fake, DATA_DIR=data)
    user = fake.user(4014, "Fresh")
    fake.send_text(user, "/language")
    chooser = fake.wait_for_bot_message(user)
    query = fake.press_button(user, chooser, "lang:en")
    assert "English" in str(fake.answer_for(query["id"]).get("text"))  # the choice was stored in the fresh users.sqlite
    fake.send_text(user, "kab oki ikut ga?")
    answer = text_of(fake.wait_for_bot_message(user))
    assert "Ogan Komering Ilir" in answer and "cohort of" in answer  # in English, as chosen
    log = bot.log()
    assert log.count("moved it to") == 3 and "Traceback" not in log
    assert sorted(p.name.split(".broken-")[0] for p in data.iterdir() if ".broken-" in p.name) == [
        "question-log.salt", "questions.sqlite", "users.sqlite"]


def test_a_data_folder_that_cannot_be_written_is_said_and_the_bot_answers(fake: FakeTelegram, bot_factory: BotFactory,
                                                                          tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("DATA_DIR points below a file")
    bot = bot_factory(fake, DATA_DIR=tmp_path / "a-file" / "data")
    user = fake.user(4015, "Readonly")
    fake.send_text(user, "kab oki ikut ga?")
    assert "Ogan Komering Ilir" in text_of(fake.wait_for_bot_message(user))
    log = bot.log()
    assert "Traceback" not in log
    for what in ("the knowledge database is built in", "cannot write the question log", "language choices are kept only",
                 "a salt that lasts until the bot stops"):
        assert what in log, what
    assert bot.stop() == 0


def test_a_crash_in_a_burst_loses_at_most_what_was_being_handled(fake: FakeTelegram, process_factory: BotFactory) -> None:
    from bot.telegram.app import FETCHED_AHEAD

    bot = process_factory(fake)
    users = [fake.user(6000 + n, f"Burst {n}") for n in range(80)]
    fake.delay_next("sendMessage", 0.15, count=10_000)  # a slow Bot API: answers take a while
    for user in users:
        fake.send_text(user, "kab oki ikut ga?")
    deadline = time.monotonic() + 20
    while sum(1 for u in users if fake.bot_messages(u)) < 10:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    bot.proc.kill()  # SIGKILL mid-burst
    bot.proc.wait()
    fake.clear_faults()
    process_factory(fake)  # the next start fetches what Telegram still holds
    deadline = time.monotonic() + 30
    unanswered = users
    while time.monotonic() < deadline:
        unanswered = [u for u in users if not fake.bot_messages(u)]
        if len(unanswered) <= FETCHED_AHEAD and not fake.pending_updates():
            break
        time.sleep(0.2)
    lost = [u for u in users if not fake.bot_messages(u)]
    assert len(lost) <= FETCHED_AHEAD, f"{len(lost)} of {len(users)} questions were never answered"
