"""The long-lived services kept in `application.bot_data`, and typed access to them.

`app.post_init` puts them there (the engine loaded at start-up, the language
store and the engine's question log opened under DATA_DIR, the salt for user
hashes); `app.post_shutdown` closes them. Handlers reach
them only through the functions below.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from telegram import User
from telegram.ext import ContextTypes

from ..engine import Engine
from ..questionlog import hash_user
from ..reloading import EngineHolder
from ..statefiles import move_aside

if TYPE_CHECKING:
    from .language import LanguageStore
    from .userstate import RecentUsers

log = logging.getLogger(__name__)

ENGINE = "engine"
LANGUAGES = "languages"
BLOCKED = "blocked_chats"  # chats that answered 403: logged once each
QUESTION_LOG = "question_log"
FEEDBACK_LOG = "feedback_log"  # bot.feedback.FeedbackLog: votes on answers
RECENT_USERS = "recent_users"  # userstate.RecentUsers: whose context.user_data is kept
SALT = "user_hash_salt"
SALT_FILE = "question-log.salt"
SALT_PATTERN = re.compile(r"[0-9a-f]{32,}")


def holder(context: ContextTypes.DEFAULT_TYPE) -> EngineHolder:
    """The live engine's holder: /reload and the watcher swap the engine inside it."""
    return cast(EngineHolder, context.bot_data[ENGINE])


def engine(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    """The engine to answer this update with (read once per update: old or new knowledge, never a mix)."""
    return holder(context).current


def languages(context: ContextTypes.DEFAULT_TYPE) -> LanguageStore:
    return cast("LanguageStore", context.bot_data[LANGUAGES])


def recent_users(context: ContextTypes.DEFAULT_TYPE) -> RecentUsers:
    return cast("RecentUsers", context.bot_data[RECENT_USERS])


def user_hash(context: ContextTypes.DEFAULT_TYPE, user: User | None) -> str | None:
    """The salted hash the question log counts distinct people with (never the Telegram id itself)."""
    salt = context.bot_data.get(SALT)
    return _hash_user(user.id, salt) if user is not None and salt else None


@lru_cache(maxsize=4096)
def _hash_user(user_id: int, salt: str) -> str:
    """hash_user for the people writing now: one SHA-256 per person, not per question."""
    return hash_user(user_id, salt)


def load_salt(data_dir: Path) -> str:
    """This installation's random salt for user hashes, made on first use (DATA_DIR/question-log.salt).

    A salt file that is not one the bot wrote (empty, binary, too short) is
    moved aside and a new salt made, so distinct people are counted afresh (and
    /bahasa choices, kept by the same hash, are made again); where
    the file cannot be written, a salt for this run only (said in the log).
    """
    path = data_dir / SALT_FILE
    try:
        salt = path.read_bytes().decode("ascii").strip()
    except FileNotFoundError:
        salt = None
    except (OSError, UnicodeDecodeError) as error:
        salt = f"unreadable: {error}"
    if salt is not None and SALT_PATTERN.fullmatch(salt):
        return salt
    if salt is not None:
        move_aside(path, "not a salt the bot wrote")
    fresh = secrets.token_hex(16)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(fresh, "utf-8")
        path.chmod(0o600)
    except OSError as error:
        log.error("cannot write %s (%s); people are counted with a salt that lasts until the bot stops", path, error.strerror or error)
    return fresh


def blocked(bot_data: dict[Any, Any]) -> set[int]:
    return cast(set[int], bot_data.setdefault(BLOCKED, set()))


async def prune_question_log(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A daily job: drop questions (and votes on answers) older than the retention period."""
    question_log = context.bot_data.get(QUESTION_LOG)
    if question_log is not None:
        await asyncio.to_thread(question_log.prune)
    votes = context.bot_data.get(FEEDBACK_LOG)  # the votes age out alike
    if votes is not None:
        await asyncio.to_thread(votes.prune)
