"""Checks the fake Bot API applies to parameters, with Telegram's error wording.

Every check raises :class:`ApiError`, which the HTTP layer turns into the
``{"ok": false, "error_code": ..., "description": ...}`` body Telegram sends.
Only the checks that matter for our bot's tests are here: message text and
HTML, inline keyboards, bot commands and scopes, inline query results.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .entities import EntityParseError, parse_html

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_INLINE_RESULTS = 50
MAX_COMMANDS = 100

BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
SCOPE_TYPES = {
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
    "chat",
    "chat_administrators",
    "chat_member",
}
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass
class ApiError(Exception):
    """A Bot API error response: HTTP ``status`` and Telegram's ``description``."""

    status: int
    description: str
    parameters: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.description}"

    def body(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


def bad_request(detail: str) -> ApiError:
    """A 400 error: ``Bad Request: <detail>``."""
    return ApiError(400, f"Bad Request: {detail}")


def require(params: dict[str, Any], name: str, detail: str | None = None) -> Any:
    """The parameter ``name``, or 400 ``detail`` (default "<name> is empty") like Telegram."""
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(detail or f"{name} is empty")
    return value


def as_int(value: Any, name: str) -> int:
    """Coerce an integer parameter sent as int or numeric string."""
    if isinstance(value, bool):
        raise bad_request(f"invalid {name} specified")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def as_json(value: Any, name: str) -> Any:
    """A JSON-serialized object parameter (form posts send them as strings)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None
    return value


# --------------------------------------------------------------------------- text


def formatted_text(
    text: Any,
    parse_mode: Any,
    entities: Any = None,
    *,
    caption: bool = False,
    strict_ampersand: bool = True,
) -> tuple[str, list[dict[str, Any]]]:
    """Validate a text (or caption) with its parse mode; return ``(plain, entities)``.

    Length is counted after entity parsing, as Telegram does: 1..4096 for
    message text, 0..1024 for captions.
    """
    if text is None:
        text = ""
    if not isinstance(text, str):
        text = str(text)
    plain, found = _parse(text, parse_mode, entities, strict_ampersand)
    limit = MAX_CAPTION if caption else MAX_TEXT
    if not caption and not plain.strip():
        raise bad_request("message text is empty")
    if len(plain) > limit:
        raise bad_request("message caption is too long" if caption else "message is too long")
    return plain, found


def _parse(
    text: str, parse_mode: Any, entities: Any, strict_ampersand: bool
) -> tuple[str, list[dict[str, Any]]]:
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            return parse_html(text, strict_ampersand=strict_ampersand)
        except EntityParseError as err:
            raise bad_request(f"can't parse entities: {err}") from None
    if mode in ("", "markdown", "markdownv2"):
        given = as_json(entities, "entities") if entities else []
        return text, list(given or [])
    raise bad_request("unsupported parse_mode")


# --------------------------------------------------------------------------- keyboards


def reply_markup(markup: Any) -> dict[str, Any] | None:
    """Validate ``reply_markup``; return it if it is an inline keyboard (kept on the message)."""
    if markup is None or markup == "":
        return None
    markup = as_json(markup, "reply keyboard markup")
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        inline_keyboard(markup["inline_keyboard"])
        return markup
    if "keyboard" in markup:
        _reply_keyboard(markup["keyboard"])
        return None
    if markup.get("remove_keyboard") or markup.get("force_reply"):
        return None
    raise bad_request("can't parse reply keyboard markup JSON object")


def inline_keyboard(rows: Any) -> None:
    """Check every button of an inline keyboard (callback_data 1..64 bytes, one action)."""
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard button: field \"inline_keyboard\" must be an Array")
    for row in rows:
        for button in row:
            _inline_button(button)


def _inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str) or not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [name for name in BUTTON_ACTIONS if name in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
            raise bad_request("BUTTON_URL_INVALID")


def _reply_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in rows:
        for button in row:
            text = button.get("text") if isinstance(button, dict) else button
            if not isinstance(text, str) or not text:
                raise bad_request("BUTTON_TEXT_INVALID")


def callback_data_of(markup: dict[str, Any] | None) -> list[tuple[str, str]]:
    """``(button text, callback_data)`` pairs of an inline keyboard, row by row."""
    if not markup:
        return []
    return [
        (button.get("text", ""), button["callback_data"])
        for row in markup.get("inline_keyboard", [])
        for button in row
        if "callback_data" in button
    ]


# --------------------------------------------------------------------------- commands


def bot_commands(commands: Any) -> list[dict[str, str]]:
    """Validate a ``setMyCommands`` list; return it as plain dicts."""
    commands = as_json(commands, "commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > MAX_COMMANDS:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    result = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND_RE.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        result.append({"command": command, "description": description})
    return result


def scope_key(scope: Any) -> str:
    """Canonical key for a ``BotCommandScope``; missing scope means ``{"type": "default"}``."""
    scope = as_json(scope, "scope") if scope not in (None, "") else {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
        raise bad_request("can't parse BotCommandScope")
    canonical = dict(scope)
    if canonical["type"] in ("chat", "chat_administrators", "chat_member"):
        if "chat_id" not in canonical:
            raise bad_request("can't parse BotCommandScope: chat_id is missing")
        canonical["chat_id"] = _chat_id_form(canonical["chat_id"])
    if "user_id" in canonical:
        canonical["user_id"] = as_int(canonical["user_id"], "user_id")
    return json.dumps(canonical, sort_keys=True, separators=(",", ":"))


def _chat_id_form(value: Any) -> int | str:
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


# --------------------------------------------------------------------------- inline & misc


def inline_results(results: Any, strict_ampersand: bool = True) -> list[dict[str, Any]]:
    """Validate ``answerInlineQuery`` results: at most 50, unique ids, valid texts and keyboards."""
    results = as_json(results, "results")
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        _inline_result(result, seen, strict_ampersand)
    return results


def _inline_result(result: Any, seen: set[str], strict_ampersand: bool) -> None:
    if not isinstance(result, dict) or not isinstance(result.get("type"), str):
        raise bad_request("can't parse InlineQueryResult")
    result_id = result.get("id")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
        raise bad_request("RESULT_ID_INVALID")
    if result_id in seen:
        raise bad_request("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    content = result.get("input_message_content")
    if isinstance(content, dict) and "message_text" in content:
        formatted_text(
            content["message_text"],
            content.get("parse_mode"),
            content.get("entities"),
            strict_ampersand=strict_ampersand,
        )
    if result.get("reply_markup") is not None:
        reply_markup(result["reply_markup"])


def secret_token(value: Any) -> str | None:
    """Validate a webhook ``secret_token`` (1-256 of ``A-Z a-z 0-9 _ -``)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _SECRET_RE.match(value):
        raise bad_request("secret token contains unallowed characters")
    return value


def chat_action(action: Any) -> str:
    """Validate a ``sendChatAction`` action."""
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return str(action)
