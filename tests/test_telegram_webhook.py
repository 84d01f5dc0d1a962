"""End-to-end: webhook mode. The bot registers its URL with the secret and answers only updates carrying it."""

from __future__ import annotations

import socket
import time

from tests.fake_telegram import FakeTelegram
from tests.fake_telegram.webhook import SECRET_HEADER
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


def raw_post(port: int, path: str, headers: dict[str, str], body: bytes = b"") -> int:
    """Send a request's headers (and `body`, possibly less than its Content-Length); the status of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        sock.sendall(head.encode() + b"\r\n" + body)
        answer = sock.recv(4096)  # times out (fails the test) if the server waits for the rest of the body
    return int(answer.split()[1])


def test_the_front_door_checks_before_it_reads(fake: FakeTelegram, bot_factory: BotFactory) -> None:
    port = free_port()
    path = "/telegram/hook"
    bot = bot_factory(fake, WEBHOOK_URL=f"http://127.0.0.1:{port}{path}", WEBHOOK_SECRET=SECRET, PORT=port)  # default listen
    json_type = {"Content-Type": "application/json"}
    # a stranger announcing 95 MB is refused from the headers alone: nothing of the body was sent
    assert raw_post(port, path, {**json_type, "Content-Length": "95000000"}) == 403
    assert raw_post(port, path, {**json_type, "Content-Length": "95000000", SECRET_HEADER: "wrong"}) == 403
    # with the secret, a body over 1 MB is refused too, by its length or once a chunked body passes the limit
    assert raw_post(port, path, {**json_type, "Content-Length": "5000000", SECRET_HEADER: SECRET}) == 413
    chunk = b"x" * 600_000
    chunked = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    assert raw_post(port, path, {**json_type, "Transfer-Encoding": "chunked", SECRET_HEADER: SECRET}, chunked * 2 + b"0\r\n\r\n") == 413
    assert raw_post(port, path, {**json_type, "Content-Length": "9", SECRET_HEADER: SECRET}, b"not json!") == 400

    user = fake.user(5003, "Twice")
    update = fake.text_update(user, "kab oki ikut ga?")
    for _ in range(2):  # Telegram repeats a delivery it thinks failed
        status, _ = fake.post_to_webhook(f"http://127.0.0.1:{port}{path}", update, secret_token=SECRET)
        assert status == 200
    assert "Ogan Komering Ilir" in text_of(fake.wait_for_bot_message(user))
    time.sleep(0.5)
    assert len(fake.bot_messages(user)) == 1  # answered once
    assert "Traceback" not in bot.log()
