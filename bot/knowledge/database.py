"""Knowledge records <-> SQLite rows.

Writing uses sqlite-utils (build time); reading uses the standard sqlite3 module
so that answering starts fast. Text and list fields are stored as JSON.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import typing
from functools import cache
from pathlib import Path
from typing import Any

from .records import TABLES, Records, Text

SCHEMA_VERSION = 2


def _is_scalar(hint: Any) -> bool:
    args = typing.get_args(hint) or (hint,)
    return all(a in (str, int, bool, float, type(None)) for a in args)


def _decoder(hint: Any) -> Any:
    args = [a for a in (typing.get_args(hint) or (hint,)) if a is not type(None)]
    base = args[0] if args else hint
    if base is Text:
        return lambda v: Text(*v)
    return tuple


@cache
def _hints(cls: type) -> dict[str, Any]:
    """A record class's field types (worked out once per class: it is slow, and asked for every row)."""
    return typing.get_type_hints(cls)


@cache
def _codecs(cls: type) -> dict[str, Any]:
    """For each non-scalar field of a record class, how to turn JSON back into the value."""
    hints = _hints(cls)
    return {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls) if not _is_scalar(hints[f.name])}


def to_row(record: Any) -> dict[str, Any]:
    cls: type = type(record)
    codecs = _codecs(cls)
    row = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        row[f.name] = json.dumps(value, ensure_ascii=False) if f.name in codecs and value is not None else value
    return row


def write_database(records: Records, path: Path, content_hash: str) -> None:
    """Write all records into a fresh database file at `path`."""
    import sqlite_utils  # build time only
    from sqlite_utils.db import Table

    db = sqlite_utils.Database(path, recreate=True)
    # A fresh file that only replaces the live one once whole (build.py): no journal and no sync
    # per insert batch; one fsync at the end makes it durable before the swap.
    db.execute("pragma journal_mode = off")
    db.execute("pragma synchronous = off")
    for table, cls in TABLES.items():
        rows = [to_row(r) for r in getattr(records, table)]
        columns = {f.name: _column_type(cls, f.name) for f in dataclasses.fields(cls)}
        Table(db, table).create(columns)
        if rows:
            Table(db, table).insert_all(rows)
    Table(db, "meta").insert_all([{"key": "hash", "value": content_hash}, {"key": "schema", "value": str(SCHEMA_VERSION)}])
    Table(db, "memberships").create_index(["region"])
    db.conn.commit()
    db.close()
    with path.open("rb") as written:
        os.fsync(written.fileno())


def _column_type(cls: type, name: str) -> type:
    hint = _hints(cls)[name]
    args = [a for a in (typing.get_args(hint) or (hint,)) if a is not type(None)]
    return args[0] if len(args) == 1 and args[0] in (int, bool, float) else str


def read_meta(path: Path) -> dict[str, str]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            return dict(conn.execute("select key, value from meta").fetchall())
    except sqlite3.Error:
        return {}


def read_database(path: Path) -> Records:
    """Load every record from a built database."""
    records = Records()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        for table, cls in TABLES.items():
            codecs = _codecs(cls)
            hints = _hints(cls)
            items = []
            for row in conn.execute(f"select * from {table} order by rowid"):  # noqa: S608 - fixed names
                values = dict(row)
                for name, decode in codecs.items():
                    if values[name] is not None:
                        values[name] = decode(json.loads(values[name]))
                for name, hint in hints.items():
                    if hint is bool and values.get(name) is not None:
                        values[name] = bool(values[name])
                items.append(cls(**values))
            setattr(records, table, items)
    finally:
        conn.close()
    return records
