"""Which language to answer a user in, the stored /bahasa choices, and the /bahasa chooser.

The decision itself is `understanding.language.choose_language`, the same
for every front; this module gathers what it reads from Telegram: the user's
/bahasa choice (kept in SQLite under DATA_DIR, so it survives restarts), the
language of the last answer in the conversation (user_data) and the client's
language_code. Free text also has the message's own words, which the engine
weighs; everything else (commands, buttons, errors, inline) uses
`user_language`.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

from telegram import Update, User
from telegram.ext import ContextTypes

from ..actions import Language, decode, encode
from ..i18n import LANGUAGES, Translator
from ..questionlog import hash_user
from ..reply import Button, Reply
from ..statefiles import Unwritable, open_database
from ..understanding.language import choose_language
from . import services
from .render import edit_or_send, send_reply

log = logging.getLogger(__name__)

LAST_LANGUAGE = "last_lang"  # key in context.user_data
SCHEMA = "CREATE TABLE IF NOT EXISTS language_choice (user_hash TEXT PRIMARY KEY, lang TEXT NOT NULL);"
# user_language: the file's table before choices were kept by hash (read once, then dropped: `_by_hash`)
COLUMNS = {"language_choice": {"user_hash", "lang"}, "user_language": {"user_id", "lang"}}


class LanguageStore:
    """User -> chosen language ("id"/"en") in one SQLite file; nothing else about users is kept.

    The file holds no Telegram id: a choice is kept under the salted hash the
    question log counts people with (`hash_user`); the id is only in memory.

    Reads come from a cache of the people seen lately (bounded, so memory stays
    flat however many people write); a miss is one primary-key lookup. The file
    is in WAL mode and written through its own connection, so `choose` can
    write (and wait for the disk) on a worker thread while the event loop keeps
    reading and answering. A broken file is moved aside and a fresh one started
    (bot/statefiles.py); where nothing can be written, choices hold in memory
    until the bot stops, and the log says so.
    """

    CACHED = 10_000  # people whose choice (or lack of one) is kept in memory

    def __init__(self, path: Path, salt: str) -> None:
        self.path = path
        self.salt = salt
        try:
            self._writer = open_database(path, SCHEMA, COLUMNS, autocommit=True)
            self._by_hash()
            self._reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except Unwritable as error:
            log.error("%s; language choices are kept only until the bot stops", error)
            memory = f"file:languages-{id(self)}?mode=memory&cache=shared"
            self._writer = sqlite3.connect(memory, uri=True, isolation_level=None, check_same_thread=False)
            self._writer.executescript(SCHEMA)
            self._reader = sqlite3.connect(memory, uri=True, isolation_level=None, check_same_thread=False)
        self._writing = threading.Lock()  # the writer connection is used by one thread at a time
        self._cache: OrderedDict[int, str | None] = OrderedDict()

    def get(self, user_id: int) -> str | None:
        if user_id in self._cache:
            self._cache.move_to_end(user_id)
            return self._cache[user_id]
        row = self._reader.execute("SELECT lang FROM language_choice WHERE user_hash = ?", (self._key(user_id),)).fetchone()
        lang = row[0] if row and row[0] in LANGUAGES else None
        self._remember(user_id, lang)
        return lang

    def set(self, user_id: int, lang: str) -> None:
        """Store a choice (waits for the disk: from the event loop, use `choose`)."""
        self._write(user_id, lang)
        self._remember(user_id, lang)

    async def choose(self, user_id: int, lang: str) -> None:
        """`set` with the write on a worker thread; done once the choice is on disk."""
        await asyncio.to_thread(self._write, user_id, lang)
        self._remember(user_id, lang)

    def _write(self, user_id: int, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(lang)
        with self._writing:
            try:
                self._writer.execute(
                    "INSERT INTO language_choice (user_hash, lang) VALUES (?, ?)"
                    " ON CONFLICT(user_hash) DO UPDATE SET lang = excluded.lang",
                    (self._key(user_id), lang),
                )
            except sqlite3.OperationalError as error:  # full, locked, read-only: the choice still holds in memory
                log.error("cannot store a language choice in %s (%s); it holds until the bot stops", self.path, error)

    def _key(self, user_id: int) -> str:
        return hash_user(user_id, self.salt)

    def _by_hash(self) -> None:
        """Move choices kept by Telegram id (the file's old table) to their hashes, once."""
        conn = self._writer
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'user_language'").fetchone():
            return
        rows = conn.execute("SELECT user_id, lang FROM user_language").fetchall()
        conn.execute("PRAGMA secure_delete = ON")  # the dropped table's pages are zeroed, not left in the file
        conn.execute("BEGIN")
        conn.executemany("INSERT OR REPLACE INTO language_choice (user_hash, lang) VALUES (?, ?)",
                         [(self._key(user_id), lang) for user_id, lang in rows])
        conn.execute("DROP TABLE user_language")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # nor in the write-ahead log
        log.info("%s: %d language choices are now kept by a salted hash, not the Telegram id", self.path, len(rows))

    def _remember(self, user_id: int, lang: str | None) -> None:
        self._cache[user_id] = lang
        self._cache.move_to_end(user_id)
        while len(self._cache) > self.CACHED:
            self._cache.popitem(last=False)

    def close(self) -> None:
        self._reader.close()
        with self._writing:
            self._writer.close()


def chosen_language(context: ContextTypes.DEFAULT_TYPE, user: User | None) -> str | None:
    """The user's /bahasa choice, if they made one."""
    return services.languages(context).get(user.id) if user else None


def last_language(context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The language of the last answer in this conversation, if any."""
    last = context.user_data.get(LAST_LANGUAGE) if context.user_data is not None else None
    return last if last in LANGUAGES else None


def client_code(user: User | None) -> str | None:
    """The Telegram client's language_code (e.g. "en-GB"), which `choose_language` reads."""
    return user.language_code if user is not None else None


def user_language(context: ContextTypes.DEFAULT_TYPE, user: User | None) -> str:
    """The language for anything that is not free text (commands, buttons, errors, inline)."""
    return choose_language(None, chosen_language(context, user), last_language(context), client_code(user))


def remember(context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    """Keep the language of an answer as the user's tie-breaker for their next message."""
    if context.user_data is not None:
        context.user_data[LAST_LANGUAGE] = reply.lang


def chooser(lang: str) -> Reply:
    """The /bahasa message: a prompt and one button per language."""
    tr = Translator(lang)
    return Reply(
        tr._("Choose the language I answer in:"),
        lang,
        "language.choose",
        buttons=[[Button("Bahasa Indonesia", encode(Language("id"))), Button("English", encode(Language("en")))]],
    )


def confirmation(lang: str) -> Reply:
    tr = Translator(lang)
    return Reply(tr._("Done: from now on I answer in English. Change it any time with /language."), lang, "language.set")


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bahasa, /language: show the two language buttons."""
    if update.effective_message is None:
        return
    await send_reply(update.effective_message, chooser(user_language(context, update.effective_user)))


def is_language_button(data: object) -> bool:
    """The callback_data of the language chooser's buttons (`lang`, `lang:id`, `lang:en`)."""
    return isinstance(data, str) and isinstance(decode(data), Language)


async def on_language_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A press on `lang` (show the chooser) or `lang:id` / `lang:en` (store the choice)."""
    query = update.callback_query
    if query is None:
        return
    action = decode(query.data or "")
    if not isinstance(action, Language) or action.code is None:
        await query.answer()
        await edit_or_send(query, context, chooser(user_language(context, update.effective_user)), edit=False)
        return
    lang = action.code
    await services.languages(context).choose(query.from_user.id, lang)
    if context.user_data is not None:
        context.user_data[LAST_LANGUAGE] = lang
    reply = confirmation(lang)
    await query.answer(reply.text[:200])
    await edit_or_send(query, context, reply, edit=True)
