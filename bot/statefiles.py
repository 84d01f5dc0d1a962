"""The bot's own files under DATA_DIR (question log, language choices, salt): opened, checked, moved aside when broken.

The runtime state is the bot's, not the admins': when one of its files is not
what the bot wrote (random bytes, a truncated database, a directory in its
place, a table with other columns), the file is renamed beside itself
(`questions.sqlite.broken-20261203T101500`) with one log line, and a fresh one
is started, so the bot never refuses to start over it. A folder the bot cannot
write to is reported as `Unwritable`, in one line naming the path; the caller
decides how to carry on without it.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)


class Unwritable(Exception):
    """A state file or its folder cannot be created or written; str() says which and why."""


def move_aside(path: Path, why: str) -> Path | None:
    """Rename a broken state file beside itself and say so in one line; None when even that fails."""
    aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%dT%H%M%S')}")
    try:
        path.rename(aside)
    except OSError as error:
        log.error("%s is broken (%s) and cannot be moved aside: %s", path, why, error)
        return None
    log.warning("%s was not usable (%s); moved it to %s and started a fresh one", path, why, aside.name)
    return aside


def open_database(
    path: Path, schema: str, columns: Mapping[str, set[str]], timeout: float = 10.0, autocommit: bool = False,
) -> sqlite3.Connection:
    """A connection to the SQLite file at `path` with `schema` applied and `columns` present in each table.

    The connection may be used from any thread (one at a time); `autocommit`
    commits each statement (sqlite3's isolation_level=None). A file that is not such a database is moved aside and a fresh one made;
    raises `Unwritable` when the file or its folder cannot be written.
    """
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise Unwritable(f"cannot create the folder {path.parent}: {error.strerror or error}") from error
        broken = _broken(path, columns)
        if broken is None:
            try:
                conn = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
                if autocommit:
                    conn.isolation_level = None
                conn.execute("pragma journal_mode=wal")
                conn.executescript(schema)
                return conn
            except sqlite3.OperationalError as error:  # cannot open, locked, read-only: the file may be fine
                raise Unwritable(f"cannot write {path}: {error}") from error
            except sqlite3.DatabaseError as error:  # not a database, or a damaged one
                if attempt:
                    raise Unwritable(f"cannot make a fresh {path}: {error}") from error
                broken = str(error)
        if move_aside(path, broken) is None:
            raise Unwritable(f"cannot replace the broken {path}")
    raise Unwritable(f"cannot open {path}")  # pragma: no cover - the second attempt returns or raises


def _broken(path: Path, columns: Mapping[str, set[str]]) -> str | None:
    """Why the file at `path` is not a database with these tables and columns; None when it is (or is absent)."""
    if path.is_dir():
        return "a folder, not a database file"
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(path)
        try:
            if conn.execute("pragma quick_check").fetchone() != ("ok",):
                return "the database is damaged"
            for table, wanted in columns.items():
                have = {row[1] for row in conn.execute(f"pragma table_info({table})")}
                if have and not wanted <= have:
                    return f"table {table} lacks {', '.join(sorted(wanted - have))}"
        finally:
            conn.close()
    except sqlite3.OperationalError:  # cannot open or locked: not evidence of a broken file
        return None
    except sqlite3.DatabaseError as error:
        return str(error)
    return None
