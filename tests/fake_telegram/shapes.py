"""Builders for Bot API objects, shaped exactly as Telegram sends them.

Pure functions returning plain dicts: ``User``, ``Chat``, ``ChatFullInfo``,
``Message``, ``Document``, ``CallbackQuery``, ``InlineQuery``, ``WebhookInfo``.
Dates are integer seconds since the epoch; optional fields are left out
rather than set to ``None``, as Telegram does.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from .state import Webhook


def now() -> int:
    """Telegram timestamps: whole seconds since the epoch."""
    return int(time.time())


def user(
    user_id: int,
    first_name: str,
    *,
    is_bot: bool = False,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = None,
) -> dict[str, Any]:
    """A ``User``."""
    shaped: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    optional = {"last_name": last_name, "username": username, "language_code": language_code}
    shaped.update({key: value for key, value in optional.items() if value is not None})
    return shaped


def bot_me(bot: dict[str, Any]) -> dict[str, Any]:
    """``getMe``'s answer: the bot user plus its capabilities."""
    return {
        **bot,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def private_chat(of_user: dict[str, Any]) -> dict[str, Any]:
    """The ``Chat`` of a private conversation with ``of_user``."""
    chat: dict[str, Any] = {"id": of_user["id"], "type": "private", "first_name": of_user["first_name"]}
    for key in ("last_name", "username"):
        if key in of_user:
            chat[key] = of_user[key]
    return chat


def group_chat(chat_id: int, title: str, kind: str = "group", username: str | None = None) -> dict[str, Any]:
    """A ``Chat`` of type ``group`` or ``supergroup`` (ids are negative)."""
    chat: dict[str, Any] = {"id": chat_id, "type": kind, "title": title}
    if username:
        chat["username"] = username
    return chat


def chat_full_info(chat: dict[str, Any]) -> dict[str, Any]:
    """``getChat``'s ``ChatFullInfo`` for a known chat."""
    return {
        **copy.deepcopy(chat),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


def reply_excerpt(message: dict[str, Any]) -> dict[str, Any]:
    """A message as nested in ``reply_to_message`` (Telegram drops its own reply)."""
    excerpt = copy.deepcopy(message)
    excerpt.pop("reply_to_message", None)
    return excerpt


def message(
    message_id: int,
    chat: dict[str, Any],
    sender: dict[str, Any] | None,
    *,
    text: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    reply_to: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A ``Message``; ``extra`` adds fields such as ``reply_markup`` or ``document``."""
    shaped: dict[str, Any] = {"message_id": message_id}
    if sender is not None:
        shaped["from"] = copy.deepcopy(sender)
    shaped["chat"] = copy.deepcopy(chat)
    shaped["date"] = now()
    if reply_to is not None:
        shaped["reply_to_message"] = reply_excerpt(reply_to)
    if text is not None:
        shaped["text"] = text
    if entities:
        shaped["entities"] = copy.deepcopy(entities)
    shaped.update({key: copy.deepcopy(value) for key, value in extra.items() if value is not None})
    return shaped


def document(file_id: str, file_name: str, mime_type: str, size: int) -> dict[str, Any]:
    """A ``Document``."""
    return {
        "file_id": file_id,
        "file_unique_id": f"u{file_id}",
        "file_name": file_name,
        "mime_type": mime_type,
        "file_size": size,
    }


def callback_query(
    query_id: str, sender: dict[str, Any], msg: dict[str, Any], data: str
) -> dict[str, Any]:
    """A ``CallbackQuery`` for a button under ``msg``."""
    return {
        "id": query_id,
        "from": copy.deepcopy(sender),
        "message": copy.deepcopy(msg),
        "chat_instance": str((msg["chat"]["id"] * 2654435761) % 10**18),
        "data": data,
    }


def inline_query(
    query_id: str, sender: dict[str, Any], query: str, offset: str, chat_type: str | None
) -> dict[str, Any]:
    """An ``InlineQuery``."""
    shaped: dict[str, Any] = {"id": query_id, "from": copy.deepcopy(sender), "query": query, "offset": offset}
    if chat_type:
        shaped["chat_type"] = chat_type
    return shaped


def webhook_info(webhook: Webhook, pending: int) -> dict[str, Any]:
    """``getWebhookInfo``'s answer."""
    info: dict[str, Any] = {"url": webhook.url, "has_custom_certificate": False, "pending_update_count": pending}
    if webhook.url:
        info["max_connections"] = webhook.max_connections
        if webhook.ip_address:
            info["ip_address"] = webhook.ip_address
        if webhook.allowed_updates:
            info["allowed_updates"] = list(webhook.allowed_updates)
    if webhook.last_error_date:
        info["last_error_date"] = webhook.last_error_date
        info["last_error_message"] = webhook.last_error_message
    return info
