"""The feedback file: votes and comments counted over a period, pruned after the retention, and a file that cannot
be written costs the vote (said once in the log), never an exception."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.feedback import FeedbackLog


def test_votes_comments_summary_and_prune(tmp_path: Path) -> None:
    store = FeedbackLog(tmp_path / "feedback.sqlite", retention_days=30)
    now = 1_800_000_000.0
    down = store.vote("kab oki ikut ga?", "region.status", "down", now=now)
    assert down is not None and store.comment(down, "tanggalnya salah")
    store.vote("is oki in?", "region.status", "up", now=now)
    store.vote("lama sekali", "unknown", "down", now=now - 40 * 86400)
    summary = store.summary(7, now=now)
    assert (summary.up, summary.down) == (1, 1) and summary.complaints == [("kab oki ikut ga?", "region.status", "tanggalnya salah")]
    assert store.prune(now=now) == 1 and store.summary(365, now=now).down == 1


def test_a_file_that_cannot_be_written_costs_the_vote_not_the_bot(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "data").write_text("a file where the data folder should be")
    store = FeedbackLog(tmp_path / "data" / "feedback.sqlite")
    with caplog.at_level(logging.ERROR):
        assert store.vote("q", "i", "up") is None and store.vote("q", "i", "down") is None
    assert len([r for r in caplog.records if "cannot write the feedback file" in r.getMessage()]) == 1


def test_a_damaged_file_is_moved_aside_and_a_fresh_one_kept(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    path.write_bytes(b"\x00not a database at all" * 100)
    store = FeedbackLog(path)
    assert store.vote("kab oki ikut ga?", "region.status", "up") is not None
    assert store.summary(1).up == 1 and store.correction("q", "text") is not None and store.resolve(1)
    assert [p.name for p in tmp_path.iterdir() if p.name != path.name and p.name.startswith("feedback")]  # kept aside
