"""Running the application: connect (retrying while the Bot API is down), poll or serve a webhook, stop on SIGTERM.

This is PTB's `run_polling` / `run_webhook` lifecycle (initialize, post_init,
updater start, start ... stop, shutdown, post_shutdown) written out so that:
the start-up connection is retried forever with backoff and a log line per
try; a stop signal ends every phase cleanly, even while still connecting;
getUpdates errors go to `errors.PollingTrouble` instead of tracebacks.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Awaitable
from typing import Any
from urllib.parse import urlparse

from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application

from ..config import Settings
from .errors import PollingTrouble
from .logsafe import short

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
POLL_TIMEOUT = 10  # seconds a getUpdates long poll waits for updates
MAX_BACKOFF = 30.0  # seconds between start-up connection attempts, at most
LISTEN_DEFAULT = "0.0.0.0"  # webhook mode; WEBHOOK_LISTEN overrides (tests use 127.0.0.1)

App = Application[Any, Any, Any, Any, Any, Any]


async def _unless_stopped(step: Awaitable[Any], stop: asyncio.Event) -> bool:
    """Run `step` until it finishes (True) or a stop is requested (False; the step is cancelled)."""
    task = asyncio.ensure_future(step)
    stopper = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        stopper.cancel()
        task.result()
        return True
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return False


async def _connect(application: App, stop: asyncio.Event) -> bool:
    """initialize() (getMe) until the Bot API answers; False when stopped first. Raises InvalidToken."""
    delay, attempt = 1.0, 1
    while not stop.is_set():
        try:
            if await _unless_stopped(application.initialize(), stop):
                if attempt > 1:
                    log.info("connected to the Telegram Bot API after %d attempts", attempt)
                return True
            return False
        except InvalidToken:
            raise
        except RetryAfter as error:
            delay = max(delay, error.retry_after if isinstance(error.retry_after, (int, float)) else error.retry_after.total_seconds())
            log.warning("Telegram Bot API asks to wait (%s); retrying in %.0f s", short(error), delay)
        except NetworkError as error:  # includes TimedOut, 5xx and connection errors
            log.warning("Telegram Bot API not reachable at start-up (%s); attempt %d, retrying in %.1f s", short(error), attempt, delay)
        attempt += 1
        try:
            await asyncio.wait_for(stop.wait(), timeout=delay)
        except asyncio.TimeoutError:
            pass
        delay = min(delay * 1.5, MAX_BACKOFF)
    return False


async def _start_updates(application: App, settings: Settings) -> None:
    """Start receiving updates: long polling, or the webhook server when WEBHOOK_URL is set."""
    assert application.updater is not None
    if not settings.webhook_url:
        await application.updater.start_polling(
            timeout=POLL_TIMEOUT,
            bootstrap_retries=-1,
            allowed_updates=ALLOWED_UPDATES,
            error_callback=PollingTrouble(),
        )
        log.info("polling for updates as @%s", application.bot.username)
        return
    if not settings.webhook_secret:
        log.warning("WEBHOOK_SECRET is not set: anyone who finds the webhook URL can send fake updates")
    listen = os.environ.get("WEBHOOK_LISTEN") or LISTEN_DEFAULT
    path = urlparse(settings.webhook_url).path.lstrip("/")
    await application.updater.start_webhook(
        listen=listen,
        port=settings.port,
        url_path=path,
        webhook_url=settings.webhook_url,
        secret_token=settings.webhook_secret,
        bootstrap_retries=-1,
        allowed_updates=ALLOWED_UPDATES,
    )
    log.info("webhook server for @%s listening on %s:%d/%s", application.bot.username, listen, settings.port, path)


async def serve(application: App, settings: Settings) -> int:
    """Run until SIGTERM/SIGINT; 0 after a clean stop, 1 when the token is refused."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    started = False
    try:
        if not await _connect(application, stop):
            log.info("stopped before connecting")
            return 0
        if application.post_init is not None:
            await application.post_init(application)
        started = True
        if not await _unless_stopped(_start_updates(application, settings), stop):
            log.info("stopped while starting")
            return 0
        await application.start()
        log.info("bot is running; send SIGTERM to stop")
        await stop.wait()
        log.info("stop requested; finishing the updates in hand")
        return 0
    except InvalidToken as error:
        log.error("the Telegram Bot API refused the token (%s); check TELEGRAM_BOT_TOKEN", error)
        return 1
    except OSError as error:  # the webhook port is taken or not allowed
        log.error("cannot serve the webhook on port %s: %s", settings.port, error)
        return 1
    finally:
        await _shutdown(application, started)
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


async def _shutdown(application: App, started: bool) -> None:
    """Stop receiving, let running handlers finish, close the HTTP client and the services."""
    try:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
        await application.shutdown()
    except Exception:  # noqa: BLE001 - stopping must not turn into a crash
        log.exception("error while stopping")
    finally:
        if started and application.post_shutdown is not None:
            await application.post_shutdown(application)
    log.info("stopped")
