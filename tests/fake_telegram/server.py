"""``FakeTelegram``: a Telegram Bot API server owned by the tests, plus its control API.

The bot under test talks HTTP to it exactly as to ``api.telegram.org``
(``base_url`` = ``http://127.0.0.1:PORT/bot``, PTB appends ``<token>/<method>``);
the test plays the users through Python calls. Example::

    with FakeTelegram() as fake:
        env = {**os.environ, **fake.bot_env()}      # for `python -m bot`
        ...start the bot...
        fake.wait_until_polling()
        ana = fake.user(1001, "Ana")
        fake.send_text(ana, "/start")
        reply = fake.wait_for_bot_message(ana)
        assert "Smart City" in reply["text"]

All public methods are thread-safe. Objects handed to the test (users,
chats, messages, updates) are Telegram-shaped dicts and are copies: changing
them does not change the server. Anywhere a chat is expected, a chat dict,
a user dict (meaning the private chat with that user) or an int id works.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from . import shapes
from .botapi import BotApi, Files, Params
from .entities import detect_entities
from .httpserver import Pipeline, Server
from .state import Call, State
from .validation import callback_data_of, scope_key
from .webhook import WebhookDeliverer, post_update
from .wire import UploadedFile

ChatRef = int | dict[str, Any]
MessageRef = int | dict[str, Any]
DEFAULT_TOKEN = "123456:TEST"
DEFAULT_USERNAME = "TanyaSmartCityBot"
DEFAULT_TIMEOUT = 10.0


def chat_id_of(chat: ChatRef) -> int:
    """The id of a chat given as a dict (chat or user) or an int."""
    return int(chat["id"]) if isinstance(chat, dict) else int(chat)


def _message_id_of(message: MessageRef) -> int:
    return int(message["message_id"]) if isinstance(message, dict) else int(message)


class FakeTelegram:
    """A fake Telegram Bot API server on 127.0.0.1 with a thread-safe control API.

    Args:
        port: TCP port; ``0`` picks a free one (see :attr:`port`).
        token: The only token accepted; others get 401 "Unauthorized".
        bot_username / bot_name: The bot's ``username`` and ``first_name``.
        deliver_to_webhook: When ``True``, queued updates are POSTed to the URL
            registered with ``setWebhook`` (with its secret) by a background
            thread instead of waiting for ``getUpdates``.
        strict_ampersand: Refuse a bare ``&`` in HTML text (real Telegram lets
            it through, but for our bot it always means a missed escape).
        privacy_mode: In groups, deliver only commands and replies to the bot,
            like a bot whose ``can_read_all_group_messages`` is false.
    """

    def __init__(
        self,
        port: int = 0,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = DEFAULT_USERNAME,
        bot_name: str = "Tanya Smart City",
        deliver_to_webhook: bool = False,
        strict_ampersand: bool = True,
        privacy_mode: bool = True,
        host: str = "127.0.0.1",
    ) -> None:
        self.token = token
        self.host = host
        self.privacy_mode = privacy_mode
        bot_id = int(token.split(":", 1)[0])
        bot = shapes.user(bot_id, bot_name, is_bot=True, username=bot_username)
        self._state = State(bot=bot, strict_ampersand=strict_ampersand)
        self._api = BotApi(self._state)
        self._stopping = threading.Event()
        self._requested_port = port
        self._deliver_to_webhook = deliver_to_webhook
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._deliverer: WebhookDeliverer | None = None

    # ================================================================== lifecycle

    def start(self) -> Self:
        """Bind the port and serve in a background thread; returns ``self``."""
        if self._server is not None:
            raise RuntimeError("FakeTelegram already started")
        pipeline = Pipeline(self._state, self._api, self.token, self._stopping)
        self._server = Server((self.host, self._requested_port), pipeline)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-telegram"
        )
        self._thread.start()
        if self._deliver_to_webhook:
            self._deliverer = WebhookDeliverer(self._state)
            self._deliverer.start()
        return self

    def stop(self) -> None:
        """Stop serving: wake long polls, close connections, join every thread. Idempotent."""
        with self._state.cond:
            self._state.closed = True
            self._state.changed()
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.close_all()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        if self._deliverer is not None:
            self._deliverer.join()
            self._deliverer = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port (after :meth:`start`)."""
        if self._server is None:
            raise RuntimeError("FakeTelegram not started")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Root URL of the server, e.g. ``http://127.0.0.1:40123``."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """PTB's ``base_url`` (ends with ``/bot``; PTB appends ``<token>/<method>``)."""
        return f"{self.url}/bot"

    @property
    def bot(self) -> dict[str, Any]:
        """The bot's ``User`` dict (id from the token, ``is_bot`` true)."""
        return copy.deepcopy(self._state.bot)

    def bot_env(self) -> dict[str, str]:
        """Environment for running the bot against this server as a subprocess."""
        return {"TELEGRAM_BOT_TOKEN": self.token, "TELEGRAM_API_BASE_URL": self.base_url}

    # ================================================================== users & chats

    def user(
        self,
        user_id: int,
        first_name: str,
        language_code: str | None = "id",
        username: str | None = None,
        last_name: str | None = None,
    ) -> dict[str, Any]:
        """Create (or replace) a Telegram user; returns the ``User`` dict."""
        made = shapes.user(
            user_id, first_name, username=username, last_name=last_name, language_code=language_code
        )
        with self._state.cond:
            self._state.users[user_id] = made
        return copy.deepcopy(made)

    def private_chat(self, user: dict[str, Any]) -> dict[str, Any]:
        """The private chat with ``user`` (opening it, as the user pressing Start would)."""
        with self._state.cond:
            chat = self._state.chats.get(user["id"])
            if chat is None:
                self._state.users.setdefault(user["id"], copy.deepcopy(user))
                chat = self._state.chats[user["id"]] = shapes.private_chat(user)
            return copy.deepcopy(chat)

    def group_chat(
        self, chat_id: int, title: str, type: str = "group", username: str | None = None
    ) -> dict[str, Any]:
        """Create a ``group`` or ``supergroup`` the bot is a member of (``chat_id`` < 0)."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        if type not in ("group", "supergroup"):
            raise ValueError("type must be 'group' or 'supergroup'")
        chat = shapes.group_chat(chat_id, title, type, username)
        with self._state.cond:
            self._state.chats[chat_id] = chat
        return copy.deepcopy(chat)

    # ================================================================== acting as users

    def text_message(
        self,
        user: dict[str, Any],
        text: str,
        chat: ChatRef | None = None,
        reply_to: MessageRef | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Build and store a user's text ``Message`` without queueing it (see :meth:`send_text`).

        Entities are detected as Telegram does (``bot_command``, ``mention``,
        ``hashtag``, ``url``) unless ``entities`` is given. ``chat`` defaults to
        the private chat with ``user``; ``reply_to`` is a message (or its id) in
        that chat.
        """
        with self._state.cond:
            target_chat = self._resolve_chat(user, chat)
            replied = self._resolve_reply(target_chat["id"], reply_to)
            message = shapes.message(
                self._state.allocate_message_id(target_chat["id"]),
                target_chat,
                self._state.users.get(user["id"], user),
                text=text,
                entities=detect_entities(text) if entities is None else entities,
                reply_to=replied,
            )
            self._state.store_message(message, from_bot=False)
            return copy.deepcopy(message)

    def send_text(
        self,
        user: dict[str, Any],
        text: str,
        chat: ChatRef | None = None,
        reply_to: MessageRef | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """A user sends ``text``: queue a ``message`` update; returns the ``Message`` dict.

        In a group with privacy mode on, only commands and replies to the bot's
        messages reach the bot (the message is still stored in the chat's
        history; :meth:`pending_updates` shows what was queued).
        """
        message = self.text_message(user, text, chat, reply_to, entities)
        if self._bot_sees(message):
            self.send_update({"message": message})
        return message

    def _bot_sees(self, message: dict[str, Any]) -> bool:
        if not self.privacy_mode or message["chat"]["type"] == "private":
            return True
        entities = message.get("entities", [])
        command = next((e for e in entities if e["type"] == "bot_command" and e["offset"] == 0), None)
        if command is not None:
            text = message["text"][: command["length"]]
            mention = text.partition("@")[2]
            return not mention or mention.lower() == self._state.bot["username"].lower()
        replied = message.get("reply_to_message")
        return bool(replied and replied.get("from", {}).get("id") == self._state.bot["id"])

    def press_button(
        self,
        user: dict[str, Any],
        message: MessageRef,
        callback_data: str | None = None,
        *,
        text: str | None = None,
        chat: ChatRef | None = None,
        check: bool = True,
    ) -> dict[str, Any]:
        """A user presses an inline button under a bot ``message``: queue a ``callback_query``.

        Choose the button by ``callback_data`` or by its label ``text``. With
        ``check`` (default) the button must exist on the message's current
        keyboard. Returns the ``CallbackQuery`` dict (its ``id`` is what
        :meth:`answer_for` takes).
        """
        with self._state.cond:
            stored = self._stored_message(message, chat if chat is not None else user)
            data = self._pick_button(stored, callback_data, text, check)
            query_id = self._state.new_id("cbq")
            query = shapes.callback_query(query_id, self._state.users.get(user["id"], user), stored, data)
            self._state.callback_queries[query_id] = query
            self._state.queue_update({"callback_query": query})
            return copy.deepcopy(query)

    @staticmethod
    def _pick_button(stored: dict[str, Any], data: str | None, text: str | None, check: bool) -> str:
        buttons = callback_data_of(stored.get("reply_markup"))
        for label, button_data in buttons:
            if (data is not None and button_data == data) or (data is None and label == text):
                return button_data
        if data is not None and not check:
            return data
        raise ValueError(f"no button {data or text!r} on message {stored['message_id']}; buttons: {buttons}")

    def inline_query(
        self, user: dict[str, Any], query: str, offset: str = "", chat_type: str | None = "sender"
    ) -> dict[str, Any]:
        """A user types ``@bot query``: queue an ``inline_query``; returns the ``InlineQuery`` dict."""
        with self._state.cond:
            query_id = self._state.new_id("iq")
            made = shapes.inline_query(query_id, self._state.users.get(user["id"], user), query, offset, chat_type)
            self._state.inline_queries[query_id] = made
            self._state.queue_update({"inline_query": made})
            return copy.deepcopy(made)

    def send_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue any raw update (``update_id`` is assigned if missing); returns a copy of it."""
        with self._state.cond:
            return copy.deepcopy(self._state.queue_update(copy.deepcopy(update)))

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued and not yet confirmed by the bot."""
        with self._state.cond:
            return copy.deepcopy(self._state.updates)

    def _resolve_chat(self, user: dict[str, Any], chat: ChatRef | None) -> dict[str, Any]:
        if chat is None:
            return self.private_chat(user)
        chat_id = chat_id_of(chat)
        if chat_id not in self._state.chats:
            if isinstance(chat, dict) and chat.get("type") == "private":
                return self.private_chat(user)
            raise KeyError(f"unknown chat {chat_id}: create it with group_chat() or private_chat()")
        return self._state.chats[chat_id]

    def _resolve_reply(self, chat_id: int, reply_to: MessageRef | None) -> dict[str, Any] | None:
        if reply_to is None:
            return None
        found = self._state.message(chat_id, _message_id_of(reply_to))
        if found is None:
            raise KeyError(f"no message {_message_id_of(reply_to)} in chat {chat_id}")
        return found

    def _stored_message(self, message: MessageRef, chat: ChatRef) -> dict[str, Any]:
        chat_id = message["chat"]["id"] if isinstance(message, dict) else chat_id_of(chat)
        found = self._state.message(chat_id, _message_id_of(message))
        if found is None:
            raise KeyError(f"no message {_message_id_of(message)} in chat {chat_id}")
        return found

    # ================================================================== inspecting & waiting

    def calls(self, method: str | None = None) -> list[Call]:
        """Logged requests in arrival order (only ``method``'s when given, case-insensitive)."""
        with self._state.cond:
            return [c for c in self._state.calls if method is None or c.method.lower() == method.lower()]

    def mark(self) -> int:
        """Index of the next call to arrive: pass it as ``after=`` to wait only for newer calls."""
        with self._state.cond:
            return len(self._state.calls)

    def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        after: int = 0,
    ) -> Call:
        """First answered call of ``method`` with index >= ``after`` matching ``predicate``.

        Raises :class:`TimeoutError` (listing recent calls) after ``timeout`` s.
        """

        def probe() -> Call | None:
            for call in self._state.calls[after:]:
                if call.done and call.method.lower() == method.lower() and (predicate is None or predicate(call)):
                    return call
            return None

        return self._state.locked_wait(probe, timeout, f"a {method} call")

    def wait_until_polling(self, timeout: float = DEFAULT_TIMEOUT, after: int = 0) -> None:
        """Wait until the bot has called ``getUpdates`` at least once (since call index ``after``).

        Pass ``after=fake.mark()`` taken before restarting a bot to wait for the new process.
        """

        def probe() -> bool | None:
            return any(c.method == "getUpdates" for c in self._state.calls[after:]) or None

        self._state.locked_wait(probe, timeout, "a getUpdates call")

    def messages(self, chat: ChatRef) -> list[dict[str, Any]]:
        """Every message of a chat (users' and bot's), current state, in order."""
        with self._state.cond:
            return self._state.chat_messages(chat_id_of(chat), bot_only=False)

    def bot_messages(self, chat: ChatRef) -> list[dict[str, Any]]:
        """The bot's messages in a chat, in order, reflecting edits and deletions."""
        with self._state.cond:
            return self._state.chat_messages(chat_id_of(chat), bot_only=True)

    def wait_for_bot_message(
        self,
        chat: ChatRef,
        timeout: float = DEFAULT_TIMEOUT,
        after: MessageRef | None = None,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
    ) -> dict[str, Any]:
        """First bot message in ``chat`` newer than ``after`` (and matching ``predicate``).

        ``after`` is a message or message id; by default the latest user
        message in that chat at the time of the call, i.e. "the bot's answer
        to what the user just said". Returns the message's current state.
        """
        chat_id = chat_id_of(chat)
        with self._state.cond:
            floor = _message_id_of(after) if after is not None else self._state.last_user_message.get(chat_id, 0)

        def probe() -> dict[str, Any] | None:
            for message_id, message in sorted(self._state.messages.get(chat_id, {}).items()):
                mine = message_id > floor and self._state.is_bot_message(chat_id, message_id)
                if mine and (predicate is None or predicate(message)):
                    return copy.deepcopy(message)
            return None

        return self._state.locked_wait(probe, timeout, f"a bot message in chat {chat_id} after #{floor}")

    def answer_for(self, callback_query_id: str, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """Wait for ``answerCallbackQuery`` of that query; returns its params (``text``, ``show_alert``...)."""
        return self._state.locked_wait(
            lambda: copy.deepcopy(self._state.callback_answers.get(callback_query_id)),
            timeout,
            f"answerCallbackQuery({callback_query_id})",
        )

    def inline_answer_for(self, inline_query_id: str, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """Wait for ``answerInlineQuery``; returns its params (``results`` decoded, ``next_offset``...)."""
        return self._state.locked_wait(
            lambda: copy.deepcopy(self._state.inline_answers.get(inline_query_id)),
            timeout,
            f"answerInlineQuery({inline_query_id})",
        )

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[dict[str, str]]:
        """Commands stored by ``setMyCommands`` for exactly this scope and language."""
        with self._state.cond:
            return copy.deepcopy(self._state.commands.get((scope_key(scope), language_code), []))

    def all_commands(self) -> dict[tuple[str, str], list[dict[str, str]]]:
        """Every stored command list keyed by ``(scope JSON, language_code)``."""
        with self._state.cond:
            return copy.deepcopy(self._state.commands)

    def menu_button(self, chat: ChatRef | None = None) -> dict[str, Any] | None:
        """The menu button set for a chat (``None``: the default one), if any was set."""
        with self._state.cond:
            key = None if chat is None else chat_id_of(chat)
            return copy.deepcopy(self._state.menu_buttons.get(key))

    def description(self, kind: str = "description", language_code: str = "") -> str | None:
        """``kind`` is ``description``, ``short_description`` or ``name``; ``None`` if never set."""
        with self._state.cond:
            return self._state.descriptions.get((kind, language_code))

    def uploaded_file(self, file_id: str) -> UploadedFile:
        """The upload behind a ``file_id`` the fake returned (filename, bytes, content type)."""
        with self._state.cond:
            return self._state.uploaded[file_id]

    def webhook_info(self) -> dict[str, Any]:
        """What ``getWebhookInfo`` would answer now."""
        with self._state.cond:
            return shapes.webhook_info(self._state.webhook, len(self._state.updates))

    def webhook_deliveries(self) -> list[dict[str, Any]]:
        """Automatic webhook deliveries so far: ``update_id``, ``url``, ``status``, ``time``."""
        with self._state.cond:
            return copy.deepcopy(self._state.webhook_deliveries)

    def register_method(self, name: str, handler: Callable[[Params, Files], Any]) -> None:
        """Serve an extra Bot API method: ``handler(params, files) -> result``; raise ApiError to fail."""
        with self._state.cond:
            self._api.register(name, handler)

    def clear_calls(self) -> None:
        """Forget the call log (indexes restart at 0)."""
        with self._state.cond:
            self._state.calls.clear()

    # ================================================================== fault injection

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        count: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` (``"*"``: any) with an error.

        429 carries ``parameters.retry_after`` (PTB raises ``RetryAfter``);
        other statuses get Telegram's usual description unless given.
        """
        with self._state.cond:
            self._state.faults.add_failure(method, status, retry_after, count, description)

    def fail_for(self, method: str, seconds: float, status: int = 502) -> None:
        """Answer every call of ``method`` (``"*"``: any) with ``status`` for the next ``seconds``: an outage."""
        with self._state.cond:
            self._state.faults.add_outage(method, status, seconds)

    def delay_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Hold the next ``count`` answers of ``method`` for ``seconds`` (to provoke client timeouts)."""
        with self._state.cond:
            self._state.faults.add_delay(method, seconds, count)

    def clear_faults(self) -> None:
        """Drop planned failures and delays, unblock all chats, end "down" and conflict modes."""
        with self._state.cond:
            self._state.faults.clear()
            self._state.blocked.clear()
            self._state.down = None
            self._state.conflict = False
            self._state.changed()

    def set_down(self, down: bool = True, mode: str = "502") -> None:
        """While down, every request fails: ``mode="502"`` (Bad Gateway) or ``"reset"`` (connection reset)."""
        if mode not in ("502", "reset"):
            raise ValueError("mode must be '502' or 'reset'")
        with self._state.cond:
            self._state.down = mode if down else None

    def block(self, chat: ChatRef) -> None:
        """The user blocks the bot (or kicks it from a group): sends to that chat get 403."""
        with self._state.cond:
            self._state.blocked.add(chat_id_of(chat))

    def unblock(self, chat: ChatRef) -> None:
        """Undo :meth:`block`."""
        with self._state.cond:
            self._state.blocked.discard(chat_id_of(chat))

    def conflict_polling(self, on: bool = True) -> None:
        """While on, ``getUpdates`` answers 409 "Conflict: terminated by other getUpdates request"."""
        with self._state.cond:
            self._state.conflict = on
            self._state.changed()

    # ================================================================== webhook

    def post_to_webhook(
        self, url: str, update: dict[str, Any], secret_token: str | None = None, timeout: float = 10.0
    ) -> tuple[int, bytes]:
        """POST ``update`` to ``url`` as Telegram would; returns ``(status, body)``.

        ``update_id`` is assigned when missing. Status 0 means the connection failed.
        """
        with self._state.cond:
            update = self._state.number_update(copy.deepcopy(update))
        return post_update(url, update, secret_token, timeout)

    def text_update(
        self, user: dict[str, Any], text: str, chat: ChatRef | None = None, reply_to: MessageRef | None = None
    ) -> dict[str, Any]:
        """A numbered ``message`` update for ``text`` (stored, not queued): for :meth:`post_to_webhook`."""
        message = self.text_message(user, text, chat, reply_to)
        with self._state.cond:
            return self._state.number_update({"message": message})
