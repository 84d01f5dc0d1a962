"""The question log is written where every answer passes: questions, command arguments and "none of these"."""

from __future__ import annotations

from pathlib import Path

from bot.admin.figures import stats, unanswered
from bot.engine import Engine
from bot.questionlog import QuestionLog, hash_user

MINI = Path(__file__).resolve().parent / "fixtures" / "knowledge"


def test_every_question_reaches_the_log_buttons_do_not(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "questions.sqlite")
    engine = Engine.load(MINI, tmp_path / "data")
    engine.question_log = log
    alice = hash_user(1, "salt")
    engine.ask_as("region", "zzyzx", "id", user_hash=alice)  # /daerah zzyzx: no such region
    engine.ask_as("province", "atlantis", "en", user_hash=alice)  # /provinsi atlantis
    engine.ask_as("region", "kota bandung", "id", user_hash=alice)  # /daerah kota bandung: answered
    engine.ask_as("province", "", "id")  # /provinsi alone: a prompt, not a question
    engine.act("none:kota bandunk", "id", user_hash=alice)  # "None of these" under a did-you-mean
    engine.act("none", "id")  # an old button without the name: nothing to log
    engine.act("c:2017", "id", user_hash=alice)  # a button press is not a question
    log.flush()
    rows = log.rows(0)
    assert [r["question"] for r in rows] == ["zzyzx", "atlantis", "kota bandung", "kota bandunk"]
    assert [bool(r["answered"]) for r in rows] == [False, False, True, False]
    assert rows[2]["regions"] == '["32.73"]' and rows[3]["intent"] == "none"
    missed = [key for key, _, _ in unanswered(log)]
    assert missed == ["atlantis", "kota bandunk", "zzyzx"]
    assert stats(log, days=1).users == 1
    log.close()
