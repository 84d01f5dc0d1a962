"""The webhook's front door: what an HTTP request must show before the bot reads its body.

PTB's `run_webhook` serves updates with tornado through its own request
handler, which reads the whole body (tornado allows 100 MB) before it looks at
the secret, and hands the same update to the bot as often as it is posted.
`install()` puts `FrontDoorApp` in place of PTB's handler application, so that
PTB's run loop (start-up retries, setWebhook, signals) stays as it is and only
the door changes:

- the secret header (`X-Telegram-Bot-Api-Secret-Token`), the method and the
  content type are checked from the headers alone; a stranger gets 403
  without the body being read;
- a body over `MAX_BODY` bytes gets 413, from its Content-Length before
  reading; a chunked body is kept only up to the limit (413), and tornado
  stops reading at twice that (400);
- an update whose `update_id` was seen lately is acknowledged and dropped
  (Telegram repeats a delivery it thinks failed).

`runner._webhook` calls `install()` before `run_webhook`.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections import OrderedDict
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Bot, Update
from telegram.ext import ExtBot
from telegram.ext import _updater as ptb_updater  # where run_webhook finds its handler application

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000  # bytes; Telegram's updates are a few kilobytes
RECENT_UPDATES = 10_000  # update ids remembered to drop repeats
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class RecentIds:
    """The last `size` update ids seen: `first(id)` is True once per id."""

    def __init__(self, size: int = RECENT_UPDATES) -> None:
        self.size = size
        self._seen: OrderedDict[int, None] = OrderedDict()

    def first(self, update_id: int) -> bool:
        if update_id in self._seen:
            return False
        self._seen[update_id] = None
        if len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return True


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """One POSTed update: headers checked in `prepare`, the body gathered up to MAX_BODY, then queued."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot: Bot, update_queue: asyncio.Queue[object], secret_token: str | None, recent: RecentIds) -> None:
        self.bot, self.update_queue, self.secret_token, self.recent = bot, update_queue, secret_token, recent
        self.body = bytearray()
        self.too_large = False

    def prepare(self) -> None:
        headers = self.request.headers
        if self.secret_token is not None and not hmac.compare_digest(
            headers.get(SECRET_HEADER, "").encode(), self.secret_token.encode()
        ):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        length = headers.get("Content-Length", "")
        if length.isascii() and length.isdigit() and (len(length) > 9 or int(length) > MAX_BODY):
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        connection = self.request.connection
        if connection is not None and hasattr(connection, "set_max_body_size"):
            # tornado's own cap (it answers 400 and stops reading), above ours so that a chunked body a little
            # over MAX_BODY gets a 413, and none is read past twice that
            connection.set_max_body_size(2 * MAX_BODY)

    def data_received(self, chunk: bytes) -> None:
        if self.too_large:
            return
        self.body += chunk
        if len(self.body) > MAX_BODY:  # a chunked body, with no length to refuse it by
            self.too_large, self.body = True, bytearray()

    async def post(self) -> None:
        if self.too_large:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        try:
            data = json.loads(bytes(self.body))
            update = Update.de_json(data, self.bot) if isinstance(data, dict) else None
        except Exception:  # noqa: BLE001 - whatever was posted, one line and a 400
            update = None
        if update is None:
            log.warning("the webhook received a body that is not an update; ignored")
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        self.set_status(HTTPStatus.OK)
        if not self.recent.first(update.update_id):
            log.info("update %d was delivered again; answered once", update.update_id)
            return
        if isinstance(self.bot, ExtBot):
            self.bot.insert_callback_data(update)
        await self.update_queue.put(update)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish()  # no HTML error page: the status says it


class FrontDoorApp(tornado.web.Application):
    """PTB's WebhookAppClass with `UpdateHandler` behind the webhook path."""

    def __init__(self, webhook_path: str, bot: Bot, update_queue: asyncio.Queue[object], secret_token: str | None = None) -> None:
        shared = {"bot": bot, "update_queue": update_queue, "secret_token": secret_token, "recent": RecentIds()}
        super().__init__([(rf"{webhook_path}/?", UpdateHandler, shared)])

    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log line per update (PTB's choice too)."""


def install() -> None:
    """Make PTB's run_webhook serve through `FrontDoorApp`."""
    if not hasattr(ptb_updater, "WebhookAppClass"):  # pragma: no cover - a PTB that moved it fails the webhook tests
        raise RuntimeError("python-telegram-bot no longer has telegram.ext._updater.WebhookAppClass")
    ptb_updater.WebhookAppClass = FrontDoorApp
