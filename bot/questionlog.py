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
import logging
import queue
import sqlite3
import threading
import time
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from .privacy import masked
from .statefiles import Unwritable, open_database

log = logging.getLogger(__name__)

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
BATCH_ROWS = 500
RETRY_SECONDS = (0.5, 30.0)  # after a failed write: first wait, doubled up to the second
MAX_PENDING = 20_000  # questions held in memory while the file cannot be written; the oldest go first
FLUSH_SECONDS = 5.0  # flush and close wait at most this long
COLUMNS = {"questions": {"time", "question", "normalised", "lang", "intent", "confidence", "answered", "regions", "user_hash"}}
INSERT = (
    "insert into questions (time, question, normalised, lang, intent, confidence, answered, regions, user_hash)"
    " values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


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


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def _file_trouble(error: Exception) -> bool:
    """A failure of the file (cannot open, locked, full, read-only, damaged), not of one row."""
    return isinstance(error, (Unwritable, sqlite3.OperationalError)) or type(error) is sqlite3.DatabaseError


def _row(e: Entry) -> tuple[object, ...]:
    return (e.time, e.question, e.normalised, e.lang, e.intent, e.confidence, int(e.answered), json.dumps(list(e.regions)), e.user_hash)


def hash_user(user_id: int | str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{user_id}".encode()).hexdigest()[:16]


class QuestionLog:
    """A batched, thread-backed writer plus the queries behind stats and unanswered.

    Nothing a user asked is lost to one bad row or a failed write: text is
    made storable and masked (bot/privacy.py) when recorded, and when the file
    cannot be written (disk full, locked, a read-only folder) the writer keeps
    the questions in memory (up to MAX_PENDING), says so once, and tries again
    with backoff until it can; a file that is not the log's database is moved
    aside (bot/statefiles.py). `flush` and `close` wait a bounded time.
    """

    def __init__(self, path: Path, retention_days: int = 180, busy_seconds: float = 10.0) -> None:
        """`busy_seconds`: how long a write waits while another process holds the file before it counts as failed."""
        self.path = path
        self.retention_days = retention_days
        self.busy_seconds = busy_seconds
        self._conn: sqlite3.Connection | None = None  # the writer thread's
        self._inode: int | None = None  # of the file self._conn writes to: a file replaced under it is noticed
        self._failing: str | None = None  # why the last write failed, while it keeps failing
        try:
            open_database(path, SCHEMA, COLUMNS, timeout=busy_seconds).close()
        except Unwritable as error:
            self._fail(str(error))
        self._queue: queue.Queue[Entry | None] = queue.Queue()
        self._hurry = threading.Event()  # set by flush/close: write what is queued without gathering more
        self._thread = threading.Thread(target=self._writer, name="question-log", daemon=True)
        self._thread.start()
        if self._failing is None:
            self.prune()

    @property
    def writable(self) -> bool:
        """False while questions cannot be written (they wait in memory)."""
        return self._failing is None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.busy_seconds)
        conn.execute("pragma journal_mode=wal")
        return conn

    def record(self, entry: Entry) -> None:
        """Queue one entry, its text made storable and masked; returns at once."""
        self._queue.put(replace(
            entry, question=masked(entry.question), normalised=masked(entry.normalised), time=entry.time or time.time(),
        ))

    def _writer(self) -> None:
        pending: list[Entry] = []  # taken from the queue, not yet written
        delay = RETRY_SECONDS[0]
        stopping = False
        while True:
            stopping = self._take(pending, wait=delay if pending else None) or stopping
            if pending:
                if self._write(pending):
                    delay = RETRY_SECONDS[0]
                else:
                    delay = min(delay * 2, RETRY_SECONDS[1])
            if stopping:
                if pending:
                    log.error("%d questions could not be written to %s before stopping", len(pending), self.path)
                    self._done(len(pending))
                if self._conn is not None:
                    self._conn.close()
                return

    def _take(self, pending: list[Entry], wait: float | None) -> bool:
        """Move what is queued into `pending` (waiting up to `wait` for the first); True once close was asked."""
        try:
            first = self._queue.get(timeout=wait)
        except queue.Empty:
            return False
        if first is not None and not pending:
            # Gather what arrives in the next moment into the same commit: one commit (fsync) and
            # one wake-up of this thread per batch instead of per question, which under load took
            # CPU and the GIL from the event loop that answers.
            self._hurry.wait(BATCH_SECONDS)
        items = [first]
        while len(items) < BATCH_ROWS:
            try:
                items.append(self._queue.get_nowait())
            except queue.Empty:
                break
        pending.extend(e for e in items if e is not None)
        self._done(items.count(None))
        if len(pending) > MAX_PENDING:
            dropped = len(pending) - MAX_PENDING
            del pending[:dropped]
            self._done(dropped)
            log.error("the question log holds %d unwritten questions; the oldest %d are dropped", MAX_PENDING, dropped)
        return None in items

    def _write(self, pending: list[Entry]) -> bool:
        """Write and commit `pending` (then empty); False when the file cannot be written now."""
        try:
            self._insert(pending)
        except Exception as error:  # noqa: BLE001 - the writer must outlive any failure
            self._close_connection()
            if _file_trouble(error):
                self._fail(str(error), len(pending))
                return False
            log.error("a question could not be written to the log (%s); writing them one by one", error)
            return self._write_each(pending)
        self._written(pending)
        return True

    def _write_each(self, pending: list[Entry]) -> bool:
        """Write rows one at a time, dropping each one the database refuses; False if the file itself fails."""
        for index, entry in enumerate(pending):
            try:
                self._insert([entry])
            except Exception as error:  # noqa: BLE001
                self._close_connection()
                if _file_trouble(error):
                    self._fail(str(error), len(pending) - index)
                    del pending[:index]
                    return False
                log.error("dropped one question the log cannot store: %s", error)
            self._done(1)
        pending.clear()
        return True

    def _insert(self, entries: list[Entry]) -> None:
        if self._conn is not None and _inode(self.path) != self._inode:
            log.warning("%s was removed or replaced under the running bot; writing to the file now there", self.path)
            self._close_connection()
        if self._conn is None:
            self._conn = open_database(self.path, SCHEMA, COLUMNS, timeout=self.busy_seconds)
            self._inode = _inode(self.path)
        self._conn.executemany(INSERT, [_row(e) for e in entries])
        self._conn.commit()

    def _written(self, pending: list[Entry]) -> None:
        if self._failing is not None:
            log.warning("the question log is writable again: %d waiting questions written", len(pending))
            self._failing = None
        self._done(len(pending))
        pending.clear()

    def _close_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def _fail(self, why: str, waiting: int = 0) -> None:
        """Say once per outage that questions cannot be written, and why."""
        if self._failing is None:
            log.error("cannot write the question log (%s); %s kept in memory and written once it works again",
                      why, f"{waiting} questions" if waiting else "questions are")
        self._failing = why

    def _done(self, count: int) -> None:
        for _ in range(count):
            self._queue.task_done()

    def flush(self, timeout: float = FLUSH_SECONDS) -> bool:
        """Wait until everything queued is written, at most `timeout` seconds; False if some is not."""
        self._hurry.set()
        deadline = time.monotonic() + timeout
        try:
            with self._queue.all_tasks_done:
                while self._queue.unfinished_tasks:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return False
                    self._queue.all_tasks_done.wait(left)
            return True
        finally:
            self._hurry.clear()

    def close(self, timeout: float = FLUSH_SECONDS) -> None:
        """Write what is queued (one last try) and stop the writer, within `timeout` seconds."""
        self._hurry.set()
        self._queue.put(None)
        self._thread.join(timeout=timeout)

    def prune(self, now: float | None = None) -> int:
        """Delete rows older than the retention period; returns how many went (0 when the file cannot be written now)."""
        cutoff = (now or time.time()) - self.retention_days * 86400
        try:
            with closing(self._connect()) as conn, conn:
                return conn.execute("delete from questions where time < ?", (cutoff,)).rowcount
        except sqlite3.Error as error:
            log.warning("could not prune the question log (%s); trying again at the next prune", error)
            return 0

    def rows(self, since: float) -> list[sqlite3.Row]:
        """The questions since `since`; raises sqlite3.Error when the file cannot be read."""
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            return conn.execute("select * from questions where time >= ? order by time", (since,)).fetchall()
