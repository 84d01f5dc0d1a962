"""Running the application with python-telegram-bot's own run loops, plus the few log lines PTB lacks.

`serve` hands the application to PTB's `run_polling`, or `run_webhook` when
WEBHOOK_URL is set: PTB connects (retrying for ever while the Bot API is down:
`bootstrap_retries=-1`), stops cleanly on SIGTERM/SIGINT at any phase, and
retries getUpdates with backoff. The webhook's request handler is ours
(`frontdoor`: the secret before the body, a size cap, repeats dropped). What
PTB does not do is say so at INFO level
(it logs its retries at DEBUG): `errors.RetryingRateLimiter` logs each failed
start-up attempt in one line, and the error handler (`errors.on_error`, which
PTB hands getUpdates failures) one line for a second poller (409). Nor does
PTB hold back fetching while updates wait to be handled: `UpdateQueue` does.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import Application, ContextTypes

from ..config import Settings
from . import frontdoor

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY, Update.MY_CHAT_MEMBER]
POLL_TIMEOUT = 10  # seconds a getUpdates long poll waits for updates
RETRY_FOREVER = -1  # PTB's bootstrap_retries: keep trying to connect while the Bot API is down
RUNNING = "bot is running; send SIGTERM to stop"

App = Application[Any, Any, Any, Any, Any, Any]


async def announce_running(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A job run once right after start: updates are being received from now on."""
    log.info(RUNNING)


class UpdateQueue(asyncio.Queue[object]):
    """The application's update queue, holding back the fetching of more while `limit` updates are unhandled.

    PTB's poller acknowledges a batch of updates to Telegram (the next
    getUpdates' offset) as soon as it has put them here, and the application
    takes them out at once into tasks, so a burst was acknowledged long before
    it was answered and a crash lost all of it. Here `put` waits while `limit`
    updates are queued or being handled (PTB calls `task_done` when one is
    handled), so the poller asks Telegram for more, acknowledging the last
    ones, only when there is room, and the webhook answers 200 only then
    (Telegram redelivers what was not acknowledged). A crash loses at most `limit`.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.unhandled = 0
        self._room = asyncio.Event()
        self._room.set()

    async def put(self, item: object) -> None:
        while isinstance(item, Update) and self.unhandled >= self.limit:  # PTB's stop signal never waits
            self._room.clear()
            await self._room.wait()
        self.put_nowait(item)

    def put_nowait(self, item: object) -> None:
        super().put_nowait(item)
        self.unhandled += 1

    def task_done(self) -> None:
        super().task_done()
        self.unhandled = max(self.unhandled - 1, 0)
        self._room.set()


def serve(application: App, settings: Settings, stop_signals: Sequence[int] | None = ()) -> int:
    """Poll, or serve the webhook, until a stop signal; 0 after a clean stop, 1 when it cannot start.

    `stop_signals=()` means PTB's default (SIGINT, SIGTERM, SIGABRT); None
    installs none, for running in a thread (the caller then uses `stop_running`).
    """
    signals: dict[str, Any] = {} if stop_signals == () else {"stop_signals": stop_signals}
    if application.job_queue is not None:
        # runs once the application has started (however long connecting took)
        application.job_queue.run_once(announce_running, 0, name="announce_running", job_kwargs={"misfire_grace_time": None})
    try:
        if settings.webhook_url:
            _webhook(application, settings, signals)
        else:
            application.run_polling(
                timeout=POLL_TIMEOUT,
                bootstrap_retries=RETRY_FOREVER,
                allowed_updates=ALLOWED_UPDATES,
                **signals,
            )
    except InvalidToken as error:
        log.error("the Telegram Bot API refused the token (%s); check TELEGRAM_BOT_TOKEN", error)
        return 1
    except OSError as error:  # the webhook port is taken or not allowed
        log.error("cannot serve the webhook on port %s: %s", settings.port, error)
        return 1
    log.info("stopped")
    return 0


def _webhook(application: App, settings: Settings, signals: dict[str, Any]) -> None:
    assert settings.webhook_url is not None
    if not settings.webhook_secret:
        log.warning("WEBHOOK_SECRET is not set: anyone who finds the webhook URL can send fake updates")
    path = urlparse(settings.webhook_url).path.lstrip("/")
    frontdoor.install()  # the secret and the body size are checked before a body is read
    log.info("webhook server listening on %s:%d/%s", settings.webhook_listen, settings.port, path)
    application.run_webhook(
        listen=settings.webhook_listen,
        port=settings.port,
        url_path=path,
        webhook_url=settings.webhook_url,
        secret_token=settings.webhook_secret,
        bootstrap_retries=RETRY_FOREVER,
        allowed_updates=ALLOWED_UPDATES,
        **signals,
    )
