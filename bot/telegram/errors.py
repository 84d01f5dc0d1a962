"""What happens when something fails: the error handler, polling trouble, and retries of sends.

- `on_error` (the application's error handler): logs without the token,
  tells the user something went wrong (in their language), never raises. A
  chat that blocked the bot (403) is logged once and left alone.
- `PollingTrouble`: errors from getUpdates (409 conflict with another
  instance, the Bot API unreachable), which PTB's run_polling hands to the
  error handler, become one clear log line per window while PTB keeps
  retrying with backoff.
- `RetryingRateLimiter`: PTB's AIORateLimiter (flood limits, retries after
  429 RetryAfter) that also retries a send through an outage (5xx, broken
  connections) for a bounded time, with backoff, keeping each chat's
  messages in order, and sends through `InFlight`: a few Bot API requests on
  the wire at once, so that the HTTP pool stays small.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import httpx
from telegram import Update
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import AIORateLimiter, ContextTypes

from ..i18n import Translator
from . import services
from .language import user_language
from .logsafe import short

log = logging.getLogger(__name__)

SEND_RETRY_SECONDS = 60.0  # how long one send is retried (Settings.send_retry_seconds, SEND_RETRY_SECONDS)
SEND_BACKOFF = 0.5  # seconds before the first retry, doubled each retry
SEND_BACKOFF_MAX = 5.0
NOT_RETRIED = frozenset({"getupdates", "getme", "setwebhook", "deletewebhook", "close", "logout"})


Result = bool | dict[str, Any] | list[dict[str, Any]]
Request = Callable[..., Coroutine[Any, Any, Result]]


class InFlight:
    """At most `limit` Bot API requests younger than `young` seconds on the wire at once.

    Every request in flight needs an HTTP connection of its own, and httpcore's
    pool does work for each of its connections on every request (idle ones cost a
    getpeername and a poll each, twice per request): with one connection per
    concurrently handled update, the pool's bookkeeping cost more CPU than
    answering the question. So a few requests go out at a time and the rest wait
    here (FIFO). A request that has taken `young` seconds stops counting, so a
    slow or hanging call (or a far-away Bot API) never holds the others up: with
    a slow network, more requests are in flight, at least `limit / young` new
    ones a second, well above Telegram's 30 messages/s.
    """

    def __init__(self, limit: int, young: float) -> None:
        self.limit, self.young = limit, young
        self._slots = asyncio.Semaphore(limit)

    async def run(self, request: Request, *args: Any, **kwargs: Any) -> Result:
        await self._slots.acquire()
        freed = False

        def free() -> None:
            nonlocal freed
            if not freed:
                freed = True
                self._slots.release()

        timer = asyncio.get_running_loop().call_later(self.young, free)
        try:
            return await request(*args, **kwargs)
        finally:
            timer.cancel()
            free()


class ChatTurns:
    """Requests to one chat go out one at a time, in the order they were made (asyncio.Lock is FIFO).

    While a send to a chat is retried through an outage, the chat's next
    message waits behind it instead of overtaking it. Only chats with a request
    under way are kept.
    """

    def __init__(self) -> None:
        self._locks: dict[object, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def turn(self, chat: object) -> AsyncIterator[None]:
        lock, users = self._locks.get(chat, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[chat] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[chat]
            if users == 1:
                del self._locks[chat]
            else:
                self._locks[chat] = (lock, users - 1)


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter that also retries, for up to `retry_seconds`, sends failing with a server error or a broken connection.

    Retried with backoff (SEND_BACKOFF doubled up to SEND_BACKOFF_MAX): 5xx
    answers, connections that fail, and timeouts before the request was sent
    (connecting, waiting for a pooled connection). Not retried: 4xx answers
    (BadRequest, Forbidden...), a timeout while waiting for the answer (the
    request may have arrived; sending twice would duplicate the answer) and the
    start-up and polling calls, which PTB retries itself. An outage is logged
    once when it starts and once when the Bot API answers again. Requests to one
    chat keep their order (`ChatTurns`).

    With `in_flight`, requests pass through it after the flood limits (a
    throttled chat holds no slot). getUpdates does not pass through here
    (PTB sends it around the limiter).
    """

    def __init__(
        self, *args: Any, in_flight: InFlight | None = None, retry_seconds: float = SEND_RETRY_SECONDS, **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.in_flight = in_flight
        self.retry_seconds = retry_seconds
        self._turns = ChatTurns()
        self._outage: float | None = None  # time.monotonic() when the current outage began

    def _bounded(self, callback: Request) -> Request:
        in_flight = self.in_flight
        if in_flight is None:
            return callback

        async def bounded(*args: Any, **kwargs: Any) -> Result:
            return await in_flight.run(callback, *args, **kwargs)

        return bounded

    async def process_request(
        self,
        callback: Request,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        callback = self._bounded(callback)
        if endpoint.lower() in NOT_RETRIED:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as error:
                if endpoint.lower() == "getme" and not isinstance(error, BadRequest):
                    # start-up: PTB retries it for ever, but only logs at DEBUG
                    log.warning("Telegram Bot API not reachable at start-up (%s); retrying", short(error))
                raise
        chat = data.get("chat_id")
        if chat is None:
            return await self._retrying(callback, args, kwargs, endpoint, data, rate_limit_args)
        async with self._turns.turn(chat):
            return await self._retrying(callback, args, kwargs, endpoint, data, rate_limit_args)

    async def _retrying(
        self, callback: Request, args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any], rate_limit_args: int | None,
    ) -> Result:
        deadline = time.monotonic() + self.retry_seconds
        delay = SEND_BACKOFF
        while True:
            try:
                result = await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as error:
                if not _worth_retrying(error) or time.monotonic() + delay > deadline:
                    raise
                self._failing(error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, SEND_BACKOFF_MAX)
                continue
            self._answering()
            return result

    def _failing(self, error: NetworkError) -> None:
        if self._outage is None:
            self._outage = time.monotonic()
            log.warning("the Telegram Bot API is failing (%s); sends are retried for up to %.0f s each",
                        short(error), self.retry_seconds)

    def _answering(self) -> None:
        if self._outage is not None:
            log.warning("the Telegram Bot API answers again, after %.1f s", time.monotonic() - self._outage)
            self._outage = None


def _worth_retrying(error: NetworkError) -> bool:
    """A server error or a broken connection; a timeout only when the request cannot have been sent."""
    if isinstance(error, BadRequest):
        return False
    if isinstance(error, TimedOut):
        return isinstance(error.__cause__, (httpx.ConnectTimeout, httpx.PoolTimeout))
    return True


POLLING_TROUBLE = "polling_trouble"  # bot_data: this application's PollingTrouble


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a handler's error and tell the user, unless they blocked the bot.

    PTB's run_polling reports getUpdates failures here too (no update, no job):
    those go to `PollingTrouble`, one line per kind of trouble.
    """
    error = context.error
    if update is None and context.job is None and isinstance(error, TelegramError):
        trouble = context.bot_data.setdefault(POLLING_TROUBLE, PollingTrouble())
        trouble(error)
        return
    chat = update.effective_chat if isinstance(update, Update) else None
    where = f"update {update.update_id}" if isinstance(update, Update) else "no update"
    if isinstance(error, Forbidden):
        blocked = services.blocked(context.bot_data)
        key = chat.id if chat else 0
        if key not in blocked:
            blocked.add(key)
            log.warning("chat %s does not accept messages from the bot (%s); not retrying", key, error)
        return
    if isinstance(error, BadRequest) and "not modified" in str(error).lower():
        return
    if isinstance(error, TimedOut):
        # the request may still have arrived: an apology could contradict a delivered answer
        log.warning("a Bot API call timed out while handling %s: %s", where, error)
        return
    if isinstance(error, (NetworkError, RetryAfter)) and not isinstance(error, BadRequest):
        # the Bot API failed even after the retries: one line, a traceback would say nothing more
        log.error("could not answer %s: the Bot API failed (%s)", where, short(error))
    else:
        log.error("error while handling %s", where, exc_info=error)
    if chat is None or chat.id in services.blocked(context.bot_data):
        return
    user = update.effective_user if isinstance(update, Update) else None
    try:
        tr = Translator(user_language(context, user))
        await context.bot.send_message(chat.id, tr._("Sorry, something went wrong on my side. Please try again in a moment."))
    except Exception as second:  # noqa: BLE001 - the error handler must never raise
        log.warning("could not tell chat %s about the error: %s", chat.id, second)


class PollingTrouble:
    """getUpdates errors as one log line per kind per `window` seconds (PTB retries with backoff)."""

    def __init__(self, window: float = 60.0) -> None:
        self.window = window
        self._last: dict[str, float] = {}

    def _first_in_window(self, kind: str) -> bool:
        now = time.monotonic()
        if now - self._last.get(kind, -self.window) < self.window:
            return False
        self._last[kind] = now
        return True

    def __call__(self, error: TelegramError) -> None:
        if isinstance(error, Conflict):
            if self._first_in_window("conflict"):
                log.error(
                    "another instance is polling with this token (409 Conflict from getUpdates); "
                    "this one keeps retrying and takes over when the other stops. Stop the other instance "
                    "or give it its own token."
                )
        elif isinstance(error, InvalidToken):
            if self._first_in_window("token"):
                log.error("the Bot API rejected the token (%s)", error)
        elif isinstance(error, NetworkError):
            if self._first_in_window("network"):
                log.warning("cannot reach the Telegram Bot API (%s); retrying with backoff", short(error))
        elif self._first_in_window(type(error).__name__):
            log.warning("getUpdates failed: %s; retrying", error)
