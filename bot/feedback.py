"""What users said of answers, for admins' review: 👍 or 👎 with an optional comment (/feedback), and corrections
a regional office sends with a source (/corrections), which admins mark resolved.

Kept in DATA_DIR beside the question log, with the same discipline: no
Telegram ids, names or chat ids, only the question as it was asked, the
intent it was read as, the vote, the comment and the time; old rows are
pruned after the retention period. A file that cannot be written is said once
in the log and costs the vote, never the bot.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from .statefiles import Unwritable, open_database

log = logging.getLogger(__name__)

SCHEMA = """
create table if not exists feedback (
    id integer primary key,
    time real not null,
    question text not null,
    intent text not null,
    vote text not null check (vote in ('up', 'down')),
    comment text
);
create table if not exists corrections (
    id integer primary key,
    time real not null,
    question text not null,
    text text not null,
    resolved integer not null default 0
);
"""
COLUMNS = {"feedback": {"id", "time", "question", "intent", "vote", "comment"},
           "corrections": {"id", "time", "question", "text", "resolved"}}
MAX_TEXT = 500  # characters kept of a question or a comment
MAX_CORRECTION = 2000  # characters kept of a correction (it carries its source link)


@dataclass(frozen=True)
class Summary:
    """Votes over a period, and the latest 👎 with what the user said."""

    up: int
    down: int
    complaints: list[tuple[str, str, str]]  # (question, intent, comment or "")


class FeedbackLog:
    def __init__(self, path: Path, retention_days: int = 180) -> None:
        self.path = path
        self.retention_days = retention_days
        self._failing = False

    def _connect(self) -> sqlite3.Connection:
        """A connection with the tables made; a damaged file is moved aside first (`statefiles.open_database`)."""
        try:
            return open_database(self.path, SCHEMA, COLUMNS, timeout=5)
        except Unwritable as error:
            raise sqlite3.OperationalError(str(error)) from error

    def correction(self, question: str, text: str, now: float | None = None) -> int | None:
        """Keep a correction sent about the answer to `question`; its number, or None when it cannot be written."""
        try:
            with closing(self._connect()) as conn, conn:
                cursor = conn.execute("insert into corrections (time, question, text) values (?, ?, ?)",
                                      (now or time.time(), question[:MAX_TEXT], text[:MAX_CORRECTION]))
                self._failing = False
                return cursor.lastrowid
        except sqlite3.Error as error:
            self._fail(error)
            return None

    def open_corrections(self, limit: int = 20) -> list[tuple[int, str, str]]:
        """The corrections not yet resolved, oldest first: (number, question, text)."""
        with closing(self._connect()) as conn:
            return conn.execute("select id, question, text from corrections where not resolved order by id limit ?",
                                (limit,)).fetchall()

    def resolve(self, number: int) -> bool:
        """Mark a correction dealt with; False when there is no such open one, or the file cannot be written."""
        try:
            with closing(self._connect()) as conn, conn:
                return conn.execute("update corrections set resolved = 1 where id = ? and not resolved", (number,)).rowcount == 1
        except sqlite3.Error as error:
            self._fail(error)
            return False

    def vote(self, question: str, intent: str, vote: str, now: float | None = None) -> int | None:
        """Record a vote; its row id (for a comment to follow), or None when the file cannot be written."""
        try:
            with closing(self._connect()) as conn, conn:
                cursor = conn.execute("insert into feedback (time, question, intent, vote) values (?, ?, ?, ?)",
                                      (now or time.time(), question[:MAX_TEXT], intent, vote))
                self._failing = False
                return cursor.lastrowid
        except sqlite3.Error as error:
            self._fail(error)
            return None

    def comment(self, row: int, text: str) -> bool:
        """Add the user's words to their 👎; False when the file cannot be written."""
        try:
            with closing(self._connect()) as conn, conn:
                conn.execute("update feedback set comment = ? where id = ?", (text[:MAX_TEXT], row))
                return True
        except sqlite3.Error as error:
            self._fail(error)
            return False

    def summary(self, days: int, limit: int = 10, now: float | None = None) -> Summary:
        """Votes of the last `days` days and the latest `limit` 👎 (those with a comment first)."""
        since = (now or time.time()) - days * 86400
        with closing(self._connect()) as conn:
            counts = dict(conn.execute("select vote, count(*) from feedback where time >= ? group by vote", (since,)).fetchall())
            rows = conn.execute(
                "select question, intent, coalesce(comment, '') from feedback where time >= ? and vote = 'down' "
                "order by comment is null, time desc limit ?", (since, limit)).fetchall()
        return Summary(counts.get("up", 0), counts.get("down", 0), [(q, i, c) for q, i, c in rows])

    def prune(self, now: float | None = None) -> int:
        """Delete rows older than the retention period; how many went."""
        cutoff = (now or time.time()) - self.retention_days * 86400
        try:
            with closing(self._connect()) as conn, conn:
                gone = conn.execute("delete from feedback where time < ?", (cutoff,)).rowcount
                return gone + conn.execute("delete from corrections where time < ? and resolved", (cutoff,)).rowcount
        except sqlite3.Error as error:
            self._fail(error)
            return 0

    def _fail(self, error: sqlite3.Error) -> None:
        if not self._failing:
            log.error("cannot write the feedback file %s (%s); votes are not kept until it works again", self.path, error)
        self._failing = True
