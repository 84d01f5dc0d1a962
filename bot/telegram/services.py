"""The long-lived services kept in `application.bot_data`, and typed access to them.

`app.post_init` puts them there (the engine loaded at start-up, the language
store opened under DATA_DIR); `app.post_shutdown` closes them. Handlers reach
them only through the functions below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from telegram.ext import ContextTypes

from ..engine import Engine

if TYPE_CHECKING:
    from .language import LanguageStore

ENGINE = "engine"
LANGUAGES = "languages"
BLOCKED = "blocked_chats"  # chats that answered 403: logged once each


def engine(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    return cast(Engine, context.bot_data[ENGINE])


def languages(context: ContextTypes.DEFAULT_TYPE) -> "LanguageStore":
    return cast("LanguageStore", context.bot_data[LANGUAGES])


def blocked(bot_data: dict[Any, Any]) -> set[int]:
    return cast(set[int], bot_data.setdefault(BLOCKED, set()))
