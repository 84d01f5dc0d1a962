"""The question log: what people asked and how the bot did, in SQLite under DATA_DIR.

The engine records every answer to a question here, in one place (see
`Engine._answer`); /stats and /unanswered read it (bot/admin/figures.py).

Writes happen on a background thread in batches, never on the reply path. No
Telegram ids, names or chat ids are stored: at most a salted hash of the user to
count distinct people. Rows older than the retention period are pruned when the
log is opened, and daily by the running bot (a JobQueue job, bot/telegram/app.py).
"""

from __future__ import annotations

import hashlib
import json
import queue
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
create table if not exists questions (
    id integer primary key,
    time real not null,
    question text not null,
    normalised text not null,
    lang text not null,
    intent text not null,
    confidence real not null,
    answered integer not null,
    regions text not null default '[]',
    user_hash text
);
create index if not exists questions_time on questions(time);
"""
BATCH_SECONDS = 0.2  # the writer gathers questions this long into one commit


@dataclass(frozen=True)
class Entry:
    question: str
    normalised: str
    lang: str
    intent: str
    confidence: float
    answered: bool
    regions: tuple[str, ...] = ()
    user_hash: str | None = None
    time: float = 0.0


def hash_user(user_id: int | str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{user_id}".encode()).hexdigest()[:16]


class QuestionLog:
    """A batched, thread-backed writer plus the queries behind stats and unanswered."""

    def __init__(self, path: Path, retention_days: int = 180) -> None:
        self.path = path
        self.retention_days = retention_days
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.executescript(SCHEMA)
        self._queue: queue.Queue[Entry | None] = queue.Queue()
        self._hurry = threading.Event()  # set by flush/close: write what is queued without gathering more
        self._thread = threading.Thread(target=self._writer, name="question-log", daemon=True)
        self._thread.start()
        self.prune()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute("pragma journal_mode=wal")
        return conn

    def record(self, entry: Entry) -> None:
        """Queue one entry; returns at once."""
        self._queue.put(entry if entry.time else Entry(**{**entry.__dict__, "time": time.time()}))

    def _writer(self) -> None:
        conn = self._connect()
        while True:
            item = self._queue.get()
            if item is not None:
                # Gather what arrives in the next moment into the same commit: one commit (fsync) and
                # one wake-up of this thread per batch instead of per question, which under load took
                # CPU and the GIL from the event loop that answers.
                self._hurry.wait(BATCH_SECONDS)
            batch = [item]
            while not self._queue.empty() and len(batch) < 500:
                batch.append(self._queue.get_nowait())
            rows = [
                (e.time, e.question, e.normalised, e.lang, e.intent, e.confidence, int(e.answered),
                 json.dumps(list(e.regions)), e.user_hash)
                for e in batch if e is not None
            ]
            if rows:
                conn.executemany(
                    "insert into questions (time, question, normalised, lang, intent, confidence, answered, regions, user_hash)"
                    " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
                )
                conn.commit()
            for _ in batch:
                self._queue.task_done()
            if None in batch:
                conn.close()
                return

    def flush(self) -> None:
        """Wait until everything queued is written."""
        self._hurry.set()
        try:
            self._queue.join()
        finally:
            self._hurry.clear()

    def close(self) -> None:
        self._hurry.set()
        self._queue.put(None)
        self._thread.join(timeout=10)

    def prune(self, now: float | None = None) -> int:
        """Delete rows older than the retention period; returns how many went."""
        cutoff = (now or time.time()) - self.retention_days * 86400
        with self._connect() as conn:
            return conn.execute("delete from questions where time < ?", (cutoff,)).rowcount

    def rows(self, since: float) -> list[sqlite3.Row]:
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            return conn.execute("select * from questions where time >= ? order by time", (since,)).fetchall()
