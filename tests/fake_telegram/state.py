"""The fake server's shared state: chats, messages, the update queue and the call log.

One :class:`State` is shared by the HTTP handler threads (the bot's side) and
the test thread (the control side). Everything in it is guarded by
``State.cond`` (a :class:`threading.Condition` over an ``RLock``); methods
whose name does not start with ``locked_`` must be called with it held.
Waiting (long polling, ``wait_for_*``) uses that condition, so any change
calls ``notify_all``.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .faults import FaultPlan
from .validation import ApiError
from .wire import UploadedFile

T = TypeVar("T")

#: Update types Telegram sends when ``allowed_updates`` was never set (or set to ``[]``).
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


@dataclass
class Call:
    """One Bot API request as the fake received it.

    ``params`` are decoded (JSON objects as dicts, numbers as ints), ``files``
    holds multipart uploads. ``status`` and ``response`` (the JSON body sent
    back) are filled when the call is answered; ``done`` tells whether it was.
    """

    index: int
    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    time: float
    status: int | None = None
    response: dict[str, Any] | None = None
    done: bool = False
    finished: float | None = None

    @property
    def ok(self) -> bool:
        """Whether Telegram would have answered ``"ok": true``."""
        return bool(self.response and self.response.get("ok"))

    @property
    def result(self) -> Any:
        """The ``result`` of a successful call (``None`` otherwise)."""
        return self.response.get("result") if self.response else None

    @property
    def error(self) -> str | None:
        """The error ``description`` of a failed call (``None`` if it succeeded)."""
        if self.response is None or self.response.get("ok"):
            return None
        return str(self.response.get("description"))


@dataclass
class Webhook:
    """What ``setWebhook`` registered (``url == ""`` means none)."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    ip_address: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class State:
    """All mutable state of one fake Telegram server."""

    bot: dict[str, Any]
    strict_ampersand: bool = True
    cond: threading.Condition = field(default_factory=lambda: threading.Condition(threading.RLock()))
    closed: bool = False
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    messages: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)
    bot_message_keys: set[tuple[int, int]] = field(default_factory=set)
    last_user_message: dict[int, int] = field(default_factory=dict)
    next_message_id: dict[int, int] = field(default_factory=dict)
    updates: list[dict[str, Any]] = field(default_factory=list)
    dropped_updates: list[dict[str, Any]] = field(default_factory=list)
    next_update_id: int = 1
    allowed_updates: list[str] | None = None
    calls: list[Call] = field(default_factory=list)
    commands: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)
    menu_buttons: dict[int | None, dict[str, Any]] = field(default_factory=dict)
    descriptions: dict[tuple[str, str], str] = field(default_factory=dict)
    callback_queries: dict[str, dict[str, Any]] = field(default_factory=dict)
    callback_answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    inline_queries: dict[str, dict[str, Any]] = field(default_factory=dict)
    inline_answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    uploaded: dict[str, UploadedFile] = field(default_factory=dict)
    webhook: Webhook = field(default_factory=Webhook)
    webhook_deliveries: list[dict[str, Any]] = field(default_factory=list)
    faults: FaultPlan = field(default_factory=FaultPlan)
    blocked: set[int] = field(default_factory=set)
    down: str | None = None
    conflict: bool = False
    poll_generation: int = 0
    counter: int = 0

    # ------------------------------------------------------------------ ids & waiting

    def new_id(self, prefix: str) -> str:
        """A fresh opaque id (callback query ids, file ids...)."""
        self.counter += 1
        return f"{prefix}{self.counter:06d}"

    def changed(self) -> None:
        """Wake every waiter (long polls, ``wait_for_*``)."""
        self.cond.notify_all()

    def locked_wait(self, probe: Callable[[], T | None], timeout: float, what: str) -> T:
        """Wait until ``probe()`` returns non-``None``; :class:`TimeoutError` after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                value = probe()
                if value is not None:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.closed:
                    raise TimeoutError(f"fake Telegram: timed out waiting for {what}; {self.summary()}")
                self.cond.wait(remaining)

    def summary(self) -> str:
        """Short description of the recent calls, for timeout messages."""
        recent = [f"{c.method}->{c.status}" for c in self.calls[-12:]]
        return f"{len(self.calls)} calls so far, last: {', '.join(recent) or 'none'}"

    # ------------------------------------------------------------------ calls

    def start_call(self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]) -> Call:
        """Log a request as it arrives."""
        call = Call(len(self.calls), method, params, files, time.time())
        self.calls.append(call)
        self.changed()
        return call

    def finish_call(self, call: Call, status: int, response: dict[str, Any]) -> None:
        """Log the answer given to ``call``."""
        call.status, call.response, call.done = status, response, True
        call.finished = time.time()
        self.changed()

    # ------------------------------------------------------------------ chats & messages

    def chat(self, chat_id: Any) -> dict[str, Any]:
        """The chat the bot addresses with ``chat_id`` (400/403 like Telegram otherwise)."""
        try:
            key = int(chat_id)
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None
        if key in self.chats:
            return self.chats[key]
        if key in self.users:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        raise ApiError(400, "Bad Request: chat not found")

    def check_not_blocked(self, chat: dict[str, Any]) -> None:
        """403 if the test blocked this chat (user blocked the bot / bot kicked)."""
        if chat["id"] not in self.blocked:
            return
        if chat["type"] == "private":
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        kind = "supergroup chat" if chat["type"] == "supergroup" else f"{chat['type']} chat"
        raise ApiError(403, f"Forbidden: bot was kicked from the {kind}")

    def allocate_message_id(self, chat_id: int) -> int:
        """Next message id in a chat (ids are per chat, shared by users and the bot)."""
        next_id = self.next_message_id.get(chat_id, 1)
        self.next_message_id[chat_id] = next_id + 1
        return next_id

    def store_message(self, message: dict[str, Any], from_bot: bool) -> None:
        """Keep a message (the stored dict is private: hand out copies)."""
        chat_id, message_id = message["chat"]["id"], message["message_id"]
        self.messages.setdefault(chat_id, {})[message_id] = message
        if from_bot:
            self.bot_message_keys.add((chat_id, message_id))
        else:
            self.last_user_message[chat_id] = message_id
        self.changed()

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The stored message (not a copy) or ``None``."""
        return self.messages.get(chat_id, {}).get(message_id)

    def is_bot_message(self, chat_id: int, message_id: int) -> bool:
        return (chat_id, message_id) in self.bot_message_keys

    def chat_messages(self, chat_id: int, bot_only: bool) -> list[dict[str, Any]]:
        """Copies of a chat's messages in order (bot's only when ``bot_only``)."""
        stored = self.messages.get(chat_id, {})
        return [
            copy.deepcopy(msg)
            for mid, msg in sorted(stored.items())
            if not bot_only or (chat_id, mid) in self.bot_message_keys
        ]

    # ------------------------------------------------------------------ updates

    def queue_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Append an update (numbering it unless it has an ``update_id``); return it."""
        if "update_id" not in update:
            update = {"update_id": self.next_update_id, **update}
        self.next_update_id = max(self.next_update_id, int(update["update_id"]) + 1)
        self.updates.append(update)
        self.changed()
        return update

    def number_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Give ``update`` an ``update_id`` without queueing it (for direct webhook posts)."""
        if "update_id" not in update:
            update = {"update_id": self.next_update_id, **update}
            self.next_update_id += 1
        return update

    def confirm(self, offset: int | None) -> None:
        """Forget updates confirmed by ``getUpdates(offset=...)``."""
        if offset is None or offset == 0:
            return
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def is_allowed(self, update: dict[str, Any]) -> bool:
        """Whether the current ``allowed_updates`` setting lets this update through."""
        kinds = [key for key in update if key != "update_id"]
        if not self.allowed_updates:
            return not any(kind in DEFAULT_EXCLUDED_UPDATES for kind in kinds)
        return any(kind in self.allowed_updates for kind in kinds)

    def deliverable(self, limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` pending updates; ones not allowed are dropped, like Telegram does."""
        kept = []
        for update in self.updates:
            if self.is_allowed(update):
                kept.append(update)
            else:
                self.dropped_updates.append(update)
        self.updates = kept
        return [copy.deepcopy(u) for u in kept[:limit]]

    def locked_long_poll(
        self, offset: int | None, limit: int, timeout: float, allowed: list[str] | None
    ) -> list[dict[str, Any]]:
        """``getUpdates``: confirm, then block until updates arrive or ``timeout`` passes."""
        with self.cond:
            self.poll_generation += 1
            generation = self.poll_generation
            self.changed()  # an older long poll, if any, ends with 409
            if self.webhook.url:
                raise ApiError(409, CONFLICT_WEBHOOK)
            if allowed is not None:
                self.allowed_updates = list(allowed) or None
            self.confirm(offset)
            deadline = time.monotonic() + max(0.0, timeout)
            while True:
                if self.poll_generation != generation:
                    raise ApiError(409, CONFLICT_OTHER_POLL)
                ready = self.deliverable(limit)
                remaining = deadline - time.monotonic()
                if ready or self.closed or remaining <= 0:
                    return ready
                self.cond.wait(remaining)
