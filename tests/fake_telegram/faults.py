"""Fault injection plan: errors and delays queued for the next calls of a method.

:class:`FaultPlan` is not locked itself; :class:`~.server.FakeTelegram`
only touches it under its own lock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .validation import ApiError

ANY_METHOD = "*"

_DESCRIPTIONS: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None
    remaining: int
    until: float | None = None  # time.monotonic() deadline: every call fails until then (remaining unused)


@dataclass
class _Delay:
    seconds: float
    remaining: int


@dataclass
class FaultPlan:
    """Failures and delays keyed by lower-case method name (``"*"`` matches any method)."""

    failures: dict[str, list[_Failure]] = field(default_factory=dict)
    delays: dict[str, list[_Delay]] = field(default_factory=dict)

    def add_failure(
        self, method: str, status: int, retry_after: int | None, count: int, description: str | None
    ) -> None:
        """Queue ``count`` failures of ``method``."""
        text = description or default_description(status, retry_after)
        self.failures.setdefault(method.lower(), []).append(
            _Failure(status, text, retry_after if status == 429 else None, count)
        )

    def add_outage(self, method: str, status: int, seconds: float) -> None:
        """Fail every call of ``method`` for the next ``seconds``."""
        self.failures.setdefault(method.lower(), []).append(
            _Failure(status, default_description(status), None, 1, until=time.monotonic() + seconds)
        )

    def add_delay(self, method: str, seconds: float, count: int) -> None:
        """Queue a delay before answering the next ``count`` calls of ``method``."""
        self.delays.setdefault(method.lower(), []).append(_Delay(seconds, count))

    def take_failure(self, method: str) -> ApiError | None:
        """The error for this call of ``method``, consuming one planned failure."""
        for key in (method.lower(), ANY_METHOD):
            queue = self.failures.get(key)
            while queue and queue[0].until is not None and queue[0].until <= time.monotonic():
                queue.pop(0)  # an outage that is over
            if queue:
                failure = queue[0]
                failure.remaining -= 0 if failure.until is not None else 1
                if failure.remaining <= 0:
                    queue.pop(0)
                params = {"retry_after": failure.retry_after} if failure.retry_after else {}
                return ApiError(failure.status, failure.description, params)
        return None

    def take_delay(self, method: str) -> float:
        """Seconds to wait before answering this call of ``method`` (0 if none planned)."""
        for key in (method.lower(), ANY_METHOD):
            queue = self.delays.get(key)
            if queue:
                delay = queue[0]
                delay.remaining -= 1
                if delay.remaining <= 0:
                    queue.pop(0)
                return delay.seconds
        return 0.0

    def clear(self) -> None:
        """Forget every planned failure and delay."""
        self.failures.clear()
        self.delays.clear()


def default_description(status: int, retry_after: int | None = None) -> str:
    """Telegram's description for an error status (429 mentions ``retry after N``)."""
    if status == 429:
        return f"Too Many Requests: retry after {retry_after or 1}"
    return _DESCRIPTIONS.get(status, "Error")
