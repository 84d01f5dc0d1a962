"""Admin tools and the export: CSV and workbook rows against the knowledge, the question log's figures, retention."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from bot.admin.figures import stats, unanswered
from bot.engine import Engine
from bot.export import as_csv, resolve_target, safe, table
from bot.i18n import Translator
from bot.knowledge.store import load_knowledge
from bot.questionlog import QuestionLog, hash_user

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "knowledge"


def test_export_year_and_province(tmp_path: Path) -> None:
    knowledge = load_knowledge(MINI, tmp_path)
    assert resolve_target(knowledge, "2022") == ("year", "2022")
    assert resolve_target(knowledge, "jabar") == ("province", "32")
    assert resolve_target(knowledge, "Provinsi Sumatera Selatan") == ("province", "16")
    assert resolve_target(knowledge, "Atlantis") is None
    data = as_csv(table(knowledge, Translator("en"), "year", "2022"))
    assert data.startswith("\ufeff".encode())  # UTF-8 with a byte order mark: Excel reads the names right
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["Region code"], r["Region"], r["Province"], r["Cohort year"]) for r in rows] == [
        ("19.71", "Kota Pangkal Pinang", "Kepulauan Bangka Belitung", "2022"),
        ("16.02", "Kabupaten Ogan Komering Ilir", "Sumatera Selatan", "2022"),
    ]
    assert rows[1]["Link"] == "https://example.org/a" and rows[1]["Status"] == "took part"
    indonesian = list(csv.reader(io.StringIO(as_csv(table(knowledge, Translator("id"), "year", "2022")).decode("utf-8-sig"))))
    assert indonesian[0][:3] == ["Kode wilayah", "Jenis", "Daerah"] and indonesian[2][5] == "ikut"


def test_no_cell_of_an_export_starts_a_formula() -> None:
    for text in ("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx"):
        assert safe(text) == "'" + text
    assert safe("Kota Bandung") == "Kota Bandung" and safe("33.10") == "33.10"


def test_question_log_figures_after_a_conversation(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "questions.sqlite")
    engine = Engine.load(MINI, tmp_path / "data")
    engine.question_log = log
    alice, bob = hash_user(1, "salt"), hash_user(2, "salt")
    asked = [("kab oki ikut ga?", alice), ("is OKI in?", bob), ("resep rendang enak", alice), ("resep rendang enak", bob), ("halo", bob)]
    for text, user in asked:
        engine.ask(text, user_hash=user)
    log.flush()
    s = stats(log, days=1)
    assert s.total == 5 and s.users == 2
    assert s.languages == {"id": 4, "en": 1}
    assert s.regions[0] == ("16.02", 2)
    assert dict(s.intents)["region.status"] == 2
    top = unanswered(log, limit=3)
    assert top[0][0] == "resep rendang enak" and top[0][1] == 2
    with log._connect() as conn:  # no Telegram ids or names stored, only the salted hash
        columns = [c[1] for c in conn.execute("pragma table_info(questions)")]
    assert "user_id" not in columns and "chat_id" not in columns
    log.close()


def test_retention_prunes_old_rows(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "q.sqlite", retention_days=30)
    from bot.questionlog import Entry

    old = time.time() - 40 * 86400
    log.record(Entry("old", "old", "id", "unknown", 0.0, False, time=old))
    log.record(Entry("new", "new", "id", "unknown", 0.0, False))
    log.flush()
    assert log.prune() == 1
    assert [r["question"] for r in log.rows(0)] == ["new"]
    log.close()
