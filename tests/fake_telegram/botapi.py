"""The Bot API methods the fake implements, one small handler per method.

:class:`BotApi` maps a method name (case-insensitive, as on Telegram) to a
handler ``(params, files) -> result``. Handlers raise
:class:`~.validation.ApiError` for Telegram's error answers. Every handler
except ``getUpdates`` runs entirely under the state lock.
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from . import shapes
from .state import CONFLICT_OTHER_POLL, State
from .validation import (
    ApiError,
    as_int,
    as_json,
    bad_request,
    bot_commands,
    chat_action,
    formatted_text,
    inline_results,
    reply_markup,
    require,
    scope_key,
    secret_token,
)
from .wire import UploadedFile

Params = dict[str, Any]
Files = dict[str, UploadedFile]
Handler = Callable[[Params, Files], Any]

QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
DEFAULT_MENU_BUTTON: dict[str, Any] = {"type": "default"}


class BotApi:
    """Bot API method handlers over a shared :class:`~.state.State`."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.handlers: dict[str, tuple[str, Handler]] = {}
        for name in _METHODS:
            self.register(name, getattr(self, f"m_{name}"))

    def register(self, name: str, handler: Handler) -> None:
        """Add or replace the handler for method ``name``."""
        self.handlers[name.lower()] = (name, handler)

    def canonical(self, method: str) -> str:
        """``sendmessage`` -> ``sendMessage`` (unknown names are returned as given)."""
        entry = self.handlers.get(method.lower())
        return entry[0] if entry else method

    def dispatch(self, method: str, params: Params, files: Files) -> Any:
        """Run ``method``; 404 "Not Found" for methods Telegram does not have."""
        entry = self.handlers.get(method.lower())
        if entry is None:
            raise ApiError(404, "Not Found")
        if method.lower() == "getupdates":
            return entry[1](params, files)
        with self.state.cond:
            return entry[1](params, files)

    # ------------------------------------------------------------------ helpers

    def _chat(self, params: Params) -> dict[str, Any]:
        chat = self.state.chat(require(params, "chat_id"))
        self.state.check_not_blocked(chat)
        return chat

    def _text(self, params: Params, name: str = "text") -> tuple[str, list[dict[str, Any]]]:
        return formatted_text(
            params.get(name),
            params.get("parse_mode"),
            params.get("entities" if name == "text" else "caption_entities"),
            caption=name == "caption",
            strict_ampersand=self.state.strict_ampersand,
        )

    def _reply_target(self, chat: dict[str, Any], params: Params) -> dict[str, Any] | None:
        """The message replied to (``reply_parameters`` or ``reply_to_message_id``)."""
        reply = as_json(params.get("reply_parameters"), "reply parameters") or {}
        if not reply and params.get("reply_to_message_id") is not None:
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": params.get("allow_sending_without_reply", False),
            }
        if not reply:
            return None
        target_chat = as_int(reply.get("chat_id", chat["id"]), "chat_id")
        target = self.state.message(target_chat, as_int(reply.get("message_id"), "message_id"))
        if target is None and not reply.get("allow_sending_without_reply"):
            raise bad_request("message to be replied not found")
        return target

    def _own_message(self, params: Params, verb: str) -> dict[str, Any]:
        """The bot's stored message named by ``chat_id`` + ``message_id``."""
        chat = self._chat(params)
        message_id = as_int(require(params, "message_id"), "message_id")
        stored = self.state.message(chat["id"], message_id)
        if stored is None:
            raise bad_request(f"message to {verb} not found")
        if not self.state.is_bot_message(chat["id"], message_id) and verb == "edit":
            raise bad_request("message can't be edited")
        return stored

    def _post(self, chat: dict[str, Any], params: Params, **content: Any) -> dict[str, Any]:
        """Store a new bot message in ``chat`` and return a copy of it."""
        target = self._reply_target(chat, params)
        message = shapes.message(
            self.state.allocate_message_id(chat["id"]),
            chat,
            self.state.bot,
            reply_to=target,
            **content,
        )
        self.state.store_message(message, from_bot=True)
        return copy.deepcopy(message)

    # ------------------------------------------------------------------ bot & updates

    def m_getMe(self, params: Params, files: Files) -> Any:
        return shapes.bot_me(self.state.bot)

    def m_logOut(self, params: Params, files: Files) -> Any:
        return True

    def m_close(self, params: Params, files: Files) -> Any:
        return True

    def m_getUpdates(self, params: Params, files: Files) -> Any:
        with self.state.cond:
            if self.state.conflict:
                raise ApiError(409, CONFLICT_OTHER_POLL)
        offset = as_int(params["offset"], "offset") if params.get("offset") is not None else None
        limit = min(100, max(1, as_int(params.get("limit", 100), "limit")))
        timeout = float(params.get("timeout") or 0)
        allowed = as_json(params.get("allowed_updates"), "allowed_updates")
        return self.state.locked_long_poll(offset, limit, timeout, allowed)

    def m_setWebhook(self, params: Params, files: Files) -> Any:
        url = params.get("url") or ""
        if url and not urlparse(url).scheme.startswith("http"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        hook = self.state.webhook
        hook.url = url
        hook.secret_token = secret_token(params.get("secret_token"))
        hook.max_connections = as_int(params.get("max_connections", 40), "max_connections")
        hook.allowed_updates = as_json(params.get("allowed_updates"), "allowed_updates")
        hook.ip_address = params.get("ip_address")
        hook.last_error_date = hook.last_error_message = None
        if hook.allowed_updates is not None:
            self.state.allowed_updates = list(hook.allowed_updates) or None
        self._maybe_drop(params)
        self.state.poll_generation += 1  # a pending getUpdates ends with 409
        self.state.changed()
        return True

    def m_deleteWebhook(self, params: Params, files: Files) -> Any:
        self.state.webhook.url = ""
        self.state.webhook.secret_token = None
        self._maybe_drop(params)
        self.state.changed()
        return True

    def _maybe_drop(self, params: Params) -> None:
        if params.get("drop_pending_updates") in (True, "true", "True", 1):
            self.state.dropped_updates.extend(self.state.updates)
            self.state.updates = []

    def m_getWebhookInfo(self, params: Params, files: Files) -> Any:
        return shapes.webhook_info(self.state.webhook, len(self.state.updates))

    # ------------------------------------------------------------------ messages

    def m_sendMessage(self, params: Params, files: Files) -> Any:
        chat = self._chat(params)
        text, entities = self._text(params)
        markup = reply_markup(params.get("reply_markup"))
        link_preview = as_json(params.get("link_preview_options"), "link preview options")
        return self._post(
            chat,
            params,
            text=text,
            entities=entities,
            reply_markup=markup,
            link_preview_options=link_preview or None,
        )

    def m_editMessageText(self, params: Params, files: Files) -> Any:
        text, entities = self._text(params)
        markup = reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        stored = self._own_message(params, "edit")
        if "text" not in stored:
            raise bad_request("there is no text in the message to edit")
        same = (stored["text"], stored.get("entities", []), stored.get("reply_markup"))
        if same == (text, entities, markup):
            raise _not_modified()
        return self._edit(stored, text=text, entities=entities or None, reply_markup=markup)

    def m_editMessageReplyMarkup(self, params: Params, files: Files) -> Any:
        markup = reply_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        stored = self._own_message(params, "edit")
        if stored.get("reply_markup") == markup:
            raise _not_modified()
        return self._edit(stored, reply_markup=markup)

    def _edit(self, stored: dict[str, Any], **fields: Any) -> dict[str, Any]:
        for key, value in fields.items():
            if value is None:
                stored.pop(key, None)
            else:
                stored[key] = copy.deepcopy(value)
        stored["edit_date"] = shapes.now()
        self.state.changed()
        return copy.deepcopy(stored)

    def m_deleteMessage(self, params: Params, files: Files) -> Any:
        stored = self._own_message(params, "delete")
        chat_id, message_id = stored["chat"]["id"], stored["message_id"]
        del self.state.messages[chat_id][message_id]
        self.state.bot_message_keys.discard((chat_id, message_id))
        self.state.changed()
        return True

    def m_sendDocument(self, params: Params, files: Files) -> Any:
        chat = self._chat(params)
        if "document" not in files:
            require(params, "document", "there is no document in the request")
        document = self._document(params.get("document"), files)
        caption, entities = self._text(params, "caption")
        return self._post(
            chat,
            params,
            document=document,
            caption=caption or None,
            caption_entities=entities or None,
            reply_markup=reply_markup(params.get("reply_markup")),
        )

    def m_sendPhoto(self, params: Params, files: Files) -> Any:
        """A PNG or JPEG upload (Telegram refuses anything it cannot read as a picture), kept like a document."""
        chat = self._chat(params)
        value = params.get("photo")
        attached = value[len("attach://"):] if isinstance(value, str) and value.startswith("attach://") else None
        upload = files.get("photo") or (files.get(attached) if attached else None)
        if upload is None:
            require(params, "photo", "there is no photo in the request")
            raise bad_request("wrong file identifier/HTTP URL specified")
        width, height = picture_size(upload.content)
        stored = self._store_upload(upload)
        caption, entities = self._text(params, "caption")
        photo = [{"file_id": stored["file_id"], "file_unique_id": stored["file_unique_id"], "width": width,
                  "height": height, "file_size": stored["file_size"]}]
        return self._post(chat, params, photo=photo, caption=caption or None, caption_entities=entities or None,
                          reply_markup=reply_markup(params.get("reply_markup")))

    def _document(self, value: Any, files: Files) -> dict[str, Any]:
        upload = files.get("document")
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
        if upload is not None:
            return self._store_upload(upload)
        if isinstance(value, str) and value in self.state.uploaded:
            known = self.state.uploaded[value]
            return shapes.document(value, known.filename, known.content_type, len(known.content))
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            name = posixpath.basename(urlparse(value).path) or "file"
            return shapes.document(self.state.new_id("URL"), name, "application/octet-stream", 0)
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _store_upload(self, upload: UploadedFile) -> dict[str, Any]:
        if not upload.content:
            raise bad_request("file must be non-empty")
        file_id = self.state.new_id("DOC")
        self.state.uploaded[file_id] = upload
        return shapes.document(file_id, upload.filename, upload.content_type, len(upload.content))

    def m_sendChatAction(self, params: Params, files: Files) -> Any:
        self._chat(params)
        chat_action(params.get("action"))
        return True

    def m_getChat(self, params: Params, files: Files) -> Any:
        return shapes.chat_full_info(self.state.chat(require(params, "chat_id")))

    # ------------------------------------------------------------------ queries

    def m_answerCallbackQuery(self, params: Params, files: Files) -> Any:
        query_id = str(require(params, "callback_query_id"))
        if query_id not in self.state.callback_queries or query_id in self.state.callback_answers:
            raise bad_request(QUERY_INVALID)
        if len(str(params.get("text") or "")) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        self.state.callback_answers[query_id] = copy.deepcopy(params)
        self.state.changed()
        return True

    def m_answerInlineQuery(self, params: Params, files: Files) -> Any:
        query_id = str(require(params, "inline_query_id"))
        if query_id not in self.state.inline_queries or query_id in self.state.inline_answers:
            raise bad_request(QUERY_INVALID)
        results = inline_results(params.get("results"), self.state.strict_ampersand)
        next_offset = str(params.get("next_offset") or "")
        if len(next_offset.encode("utf-8")) > 64:
            raise bad_request("NEXT_OFFSET_INVALID")
        answer = {**copy.deepcopy(params), "results": results, "next_offset": next_offset}
        self.state.inline_answers[query_id] = answer
        self.state.changed()
        return True

    # ------------------------------------------------------------------ commands & profile

    def m_setMyCommands(self, params: Params, files: Files) -> Any:
        commands = bot_commands(require(params, "commands"))
        key = (scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self.state.commands[key] = commands
        self.state.changed()
        return True

    def m_getMyCommands(self, params: Params, files: Files) -> Any:
        key = (scope_key(params.get("scope")), str(params.get("language_code") or ""))
        return copy.deepcopy(self.state.commands.get(key, []))

    def m_deleteMyCommands(self, params: Params, files: Files) -> Any:
        key = (scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self.state.commands.pop(key, None)
        self.state.changed()
        return True

    def m_setChatMenuButton(self, params: Params, files: Files) -> Any:
        chat_id = params.get("chat_id")
        key = self.state.chat(chat_id)["id"] if chat_id not in (None, "") else None
        button = as_json(params.get("menu_button"), "menu button") or DEFAULT_MENU_BUTTON
        if not isinstance(button, dict) or "type" not in button:
            raise bad_request("can't parse menu button JSON object")
        self.state.menu_buttons[key] = button
        return True

    def m_getChatMenuButton(self, params: Params, files: Files) -> Any:
        chat_id = params.get("chat_id")
        key = self.state.chat(chat_id)["id"] if chat_id not in (None, "") else None
        return copy.deepcopy(self.state.menu_buttons.get(key, DEFAULT_MENU_BUTTON))

    def _set_text_setting(self, kind: str, params: Params, limit: int) -> bool:
        value = str(params.get(kind) or "")
        if len(value) > limit:
            raise bad_request(f"{kind.upper()}_INVALID")
        self.state.descriptions[(kind, str(params.get("language_code") or ""))] = value
        return True

    def _get_text_setting(self, kind: str, params: Params) -> dict[str, str]:
        key = (kind, str(params.get("language_code") or ""))
        return {kind: self.state.descriptions.get(key, "")}

    def m_setMyDescription(self, params: Params, files: Files) -> Any:
        return self._set_text_setting("description", params, 512)

    def m_getMyDescription(self, params: Params, files: Files) -> Any:
        return self._get_text_setting("description", params)

    def m_setMyShortDescription(self, params: Params, files: Files) -> Any:
        return self._set_text_setting("short_description", params, 120)

    def m_getMyShortDescription(self, params: Params, files: Files) -> Any:
        return self._get_text_setting("short_description", params)

    def m_setMyName(self, params: Params, files: Files) -> Any:
        return self._set_text_setting("name", params, 64)

    def m_getMyName(self, params: Params, files: Files) -> Any:
        return self._get_text_setting("name", params)


def picture_size(content: bytes) -> tuple[int, int]:
    """(width, height) of a PNG or JPEG; a 400 IMAGE_PROCESS_FAILED for anything else, as Telegram answers."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR":
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if content.startswith(b"\xff\xd8"):
        return 0, 0
    raise bad_request("IMAGE_PROCESS_FAILED")


def _not_modified() -> ApiError:
    return bad_request(
        "message is not modified: specified new message content and reply markup are exactly "
        "the same as a current content and reply markup of the message"
    )


_METHODS = [name[2:] for name in vars(BotApi) if name.startswith("m_")]
