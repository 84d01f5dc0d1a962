"""End-to-end: webhook mode. The bot registers its URL with the secret and answers only updates carrying it."""

from __future__ import annotations

import time

from tests.fake_telegram import FakeTelegram
from tests.telegram_helpers import (
    BotFactory,
    free_port,
    text_of,
)

SECRET = "s3cret-Token_for-tests"


def test_webhook_with_secret(fake: FakeTelegram, process_factory: BotFactory) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    bot = process_factory(fake, WEBHOOK_URL=url, WEBHOOK_SECRET=SECRET, WEBHOOK_LISTEN="127.0.0.1", PORT=port)
    info = fake.webhook_info()
    assert info["url"] == url
    assert not fake.calls("getUpdates")
    user = fake.user(5001, "Hook")

    status, _ = fake.post_to_webhook(url, fake.text_update(user, "kab oki ikut ga?"), secret_token=SECRET)
    assert status == 200
    assert "Ogan Komering Ilir" in text_of(fake.wait_for_bot_message(user))

    sends = len(fake.calls("sendMessage"))
    wrong, _ = fake.post_to_webhook(url, fake.text_update(user, "/start"), secret_token="not-the-secret")
    missing, _ = fake.post_to_webhook(url, fake.text_update(user, "/start"))
    assert wrong == 403 and missing == 403
    time.sleep(0.5)
    assert len(fake.calls("sendMessage")) == sends  # neither was answered

    status, _ = fake.post_to_webhook(url, fake.text_update(user, "/kohort 2017"), secret_token=SECRET)
    assert status == 200
    assert "Kohort 2017" in text_of(fake.wait_for_bot_message(user))
    assert bot.stop() == 0
    assert SECRET not in bot.log() and fake.token not in bot.log()


def test_webhook_deliveries_from_telegram(process_factory: BotFactory) -> None:
    with FakeTelegram(deliver_to_webhook=True) as fake:
        port = free_port()
        url = f"http://127.0.0.1:{port}/hook"
        bot = process_factory(fake, WEBHOOK_URL=url, WEBHOOK_SECRET=SECRET, WEBHOOK_LISTEN="127.0.0.1", PORT=port)
        user = fake.user(5002, "Pushed", language_code="en")
        fake.send_text(user, "/start")
        assert "Write your question" in text_of(fake.wait_for_bot_message(user))
        welcome = fake.bot_messages(user)[-1]
        query = fake.press_button(user, welcome, "ct")
        fake.answer_for(query["id"])
        assert "2017" in text_of(fake.wait_for_bot_message(user, after=welcome))
        assert all(d["status"] == 200 for d in fake.webhook_deliveries())
        assert bot.stop() == 0


def test_webhook_port_taken_exits_with_a_clear_error(fake: FakeTelegram, process_factory: BotFactory) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        bot = process_factory(fake, wait=False, WEBHOOK_URL=f"http://127.0.0.1:{port}/hook", WEBHOOK_SECRET=SECRET,
                          WEBHOOK_LISTEN="127.0.0.1", PORT=port)
        assert bot.proc.wait(20) == 1
    assert "cannot serve the webhook on port" in bot.log()
