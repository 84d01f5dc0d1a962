"""Pytest fixtures for the fake Telegram server.

Use either ``from tests.fake_telegram.fixtures import fake_api`` in a test
module or conftest, or ``pytest_plugins = ["tests.fake_telegram.fixtures"]``
in the root conftest.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import FakeTelegram


@pytest.fixture
def fake_api() -> Iterator[FakeTelegram]:
    """A started :class:`FakeTelegram` on a free port, stopped (threads joined) after the test."""
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def fake_api_webhook() -> Iterator[FakeTelegram]:
    """Like ``fake_api`` but queued updates are pushed to the registered webhook."""
    with FakeTelegram(deliver_to_webhook=True) as fake:
        yield fake
