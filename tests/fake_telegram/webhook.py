"""Posting updates to a bot's webhook, the way Telegram does.

:func:`post_update` sends one update (JSON body, ``X-Telegram-Bot-Api-Secret-Token``
header when a secret is given). :class:`WebhookDeliverer` is the optional
background thread that hands queued updates to the URL registered with
``setWebhook``, in order, retrying failed deliveries like Telegram does.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

from .shapes import now
from .state import State

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
RETRY_PAUSE = 0.2


def post_update(
    url: str, update: dict[str, Any], secret_token: str | None = None, timeout: float = 10.0
) -> tuple[int, bytes]:
    """POST ``update`` as JSON to ``url``; return ``(status_code, body)``.

    HTTP errors are returned as their status; a refused or broken connection
    is returned as status ``0`` with the error text as body.
    """
    request = urllib.request.Request(
        url,
        data=json.dumps(update).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    if secret_token:
        request.add_header(SECRET_HEADER, secret_token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()
    except (OSError, urllib.error.URLError) as err:
        return 0, str(err).encode("utf-8")


class WebhookDeliverer:
    """Background thread: queued updates -> the registered webhook, one at a time."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.thread = threading.Thread(target=self._run, name="fake-telegram-webhook", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def join(self, timeout: float = 5.0) -> None:
        """Wait for the thread after ``state.closed`` was set."""
        if self.thread.is_alive():
            self.thread.join(timeout)

    def _next(self) -> tuple[str, str | None, dict[str, Any]] | None:
        """Block until there is an update to deliver (``None`` once the server stops)."""
        with self.state.cond:
            while not self.state.closed:
                hook = self.state.webhook
                ready = self.state.deliverable(1) if hook.url else []
                if ready:
                    return hook.url, hook.secret_token, ready[0]
                self.state.cond.wait(1.0)
        return None

    def _run(self) -> None:
        while (job := self._next()) is not None:
            url, secret, update = job
            status, body = post_update(url, update, secret)
            self._record(update, url, status, body)
            if not 200 <= status < 300:
                time.sleep(RETRY_PAUSE)

    def _record(self, update: dict[str, Any], url: str, status: int, body: bytes) -> None:
        with self.state.cond:
            delivery = {"update_id": update["update_id"], "url": url, "status": status, "time": time.time()}
            self.state.webhook_deliveries.append(delivery)
            if 200 <= status < 300:
                self.state.confirm(update["update_id"] + 1)
            else:
                self.state.webhook.last_error_date = now()
                self.state.webhook.last_error_message = _error_text(status, body)
            self.state.changed()


def _error_text(status: int, body: bytes) -> str:
    if status == 0:
        return f"Connection refused: {body.decode('utf-8', 'replace')[:100]}"
    return f"Wrong response from the webhook: {status}"
