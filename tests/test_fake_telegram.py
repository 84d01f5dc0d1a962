"""Tests of the fake Telegram Bot API server, driven by the real python-telegram-bot client.

Each PTB test runs an ``Application`` in-process inside ``asyncio.run``; the
blocking control calls (``wait_for_*``) go through ``asyncio.to_thread`` so
the bot keeps running while the test waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from tests.fake_telegram import FakeTelegram
from tests.fake_telegram.entities import EntityParseError, detect_entities, parse_html

pytest_plugins = ["tests.fake_telegram.fixtures"]  # fake_api, fake_api_webhook

REPO = Path(__file__).resolve().parents[1]
Handler = Any


# ============================================================================ helpers


def build_app(fake: FakeTelegram, *handlers: Handler, **timeouts: float) -> Application:  # type: ignore[type-arg]
    """A PTB application pointed at the fake (optionally with short HTTP timeouts)."""
    builder = ApplicationBuilder().token(fake.token).base_url(fake.base_url)
    if "read_timeout" in timeouts:
        builder = builder.read_timeout(timeouts["read_timeout"])
    app = builder.build()
    for handler in handlers:
        app.add_handler(handler)
    return app


@contextlib.asynccontextmanager
async def polling(fake: FakeTelegram, *handlers: Handler) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Run a PTB application with long polling (1 s) for the duration of the block."""
    app = build_app(fake, *handlers)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=1, poll_interval=0)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def wait(func: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a blocking control call without blocking the bot's event loop."""
    return await asyncio.to_thread(func, *args, **kwargs)


def raw_call(fake: FakeTelegram, method: str, params: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    """Call the fake directly with a JSON body; returns ``(status, decoded body)``."""
    request = urllib.request.Request(
        f"{fake.base_url}{fake.token}/{method}",
        data=json.dumps(params or {}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


# ============================================================================ PTB end to end


def test_get_me_and_unknown_token(fake_api: FakeTelegram) -> None:
    async def scenario() -> None:
        async with build_app(fake_api) as app:
            assert app.bot.username == "TanyaSmartCityBot"
            me = await app.bot.get_me()
            assert me.is_bot and me.supports_inline_queries and not me.can_read_all_group_messages
        other = ApplicationBuilder().token("999:WRONG").base_url(fake_api.base_url).build()
        with pytest.raises(InvalidToken):
            await other.initialize()

    asyncio.run(scenario())
    status, body = raw_call(fake_api, "noSuchMethod")
    assert (status, body["description"]) == (404, "Not Found")


def test_echo_over_long_polling(fake_api: FakeTelegram) -> None:
    ana = fake_api.user(1001, "Ana", username="ana_id")

    async def scenario() -> None:
        async with polling(fake_api, MessageHandler(filters.TEXT & ~filters.COMMAND, echo)):
            await wait(fake_api.wait_until_polling)
            sent = fake_api.send_text(ana, "Apa itu Gerakan Menuju Smart City?")
            reply = await wait(fake_api.wait_for_bot_message, ana, 5)
            assert reply["text"] == sent["text"]
            assert reply["from"]["is_bot"] and reply["chat"]["id"] == ana["id"]
            assert reply["message_id"] > sent["message_id"]

    asyncio.run(scenario())
    assert fake_api.calls("deleteWebhook"), "PTB bootstraps polling with deleteWebhook"
    assert fake_api.pending_updates() == []


def test_commands_with_bot_username_and_group_privacy(fake_api: FakeTelegram) -> None:
    ana = fake_api.user(1001, "Ana")
    group = fake_api.group_chat(-100200, "Dewan Smart City")
    seen: list[list[str]] = []

    async def kohort(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(list(context.args or []))
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"kohort {' '.join(context.args or [])}")

    async def scenario() -> None:
        async with polling(fake_api, CommandHandler("kohort", kohort), MessageHandler(filters.TEXT, echo)):
            fake_api.send_text(ana, "ngobrol biasa", chat=group)  # privacy mode: not delivered
            fake_api.send_text(ana, "/kohort@TanyaSmartCityBot 2019", chat=group)
            reply = await wait(fake_api.wait_for_bot_message, group, 5)
            assert reply["text"] == "kohort 2019"
            fake_api.send_text(ana, "balas", chat=group, reply_to=reply)  # reply to the bot: delivered
            echoed = await wait(fake_api.wait_for_bot_message, group, 5)
            assert echoed["text"] == "balas"

    asyncio.run(scenario())
    assert seen == [["2019"]]
    texts = [m["text"] for m in fake_api.messages(group)]
    assert texts == ["ngobrol biasa", "/kohort@TanyaSmartCityBot 2019", "kohort 2019", "balas", "balas"]


def test_button_press_is_answered_and_message_edited(fake_api: FakeTelegram) -> None:
    budi = fake_api.user(1002, "Budi", language_code="en")

    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Pilar", callback_data="pillars:1")]])
        assert update.effective_message is not None
        await update.effective_message.reply_text("Menu", reply_markup=keyboard)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("OK")
        await query.edit_message_text(f"<b>Dipilih:</b> {query.data}", parse_mode="HTML")

    async def scenario() -> None:
        async with polling(fake_api, CommandHandler("start", menu), CallbackQueryHandler(pressed)):
            fake_api.send_text(budi, "/start")
            shown = await wait(fake_api.wait_for_bot_message, budi, 5)
            with pytest.raises(ValueError):
                fake_api.press_button(budi, shown, "no-such-button")
            query = fake_api.press_button(budi, shown, text="Pilar")
            answer = await wait(fake_api.answer_for, query["id"], 5)
            assert answer["text"] == "OK"
            await wait(fake_api.wait_for_call, "editMessageText", lambda c: c.ok, 5)

    asyncio.run(scenario())
    [edited] = fake_api.bot_messages(budi)
    assert edited["text"] == "Dipilih: pillars:1"
    assert edited["entities"] == [{"type": "bold", "offset": 0, "length": 8}]
    assert "reply_markup" not in edited and "edit_date" in edited


def test_inline_query_is_answered(fake_api: FakeTelegram) -> None:
    citra = fake_api.user(1003, "Citra")

    async def inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        assert query is not None
        results = [
            InlineQueryResultArticle(str(i), f"{query.query} {i}", InputTextMessageContent(f"hasil {i}"))
            for i in range(3)
        ]
        await query.answer(results, cache_time=5, is_personal=True, next_offset="3")

    async def scenario() -> None:
        async with polling(fake_api, InlineQueryHandler(inline)):
            query = fake_api.inline_query(citra, "bandung")
            answer = await wait(fake_api.inline_answer_for, query["id"], 5)
            assert [r["title"] for r in answer["results"]] == ["bandung 0", "bandung 1", "bandung 2"]
            assert (answer["next_offset"], answer["cache_time"], answer["is_personal"]) == ("3", 5, True)

    asyncio.run(scenario())


def test_set_my_commands_stored_per_scope_and_language(fake_api: FakeTelegram) -> None:
    from telegram import BotCommand, BotCommandScopeChat

    ana = fake_api.user(1001, "Ana")
    fake_api.private_chat(ana)

    async def scenario() -> None:
        async with build_app(fake_api) as app:
            await app.bot.set_my_commands([BotCommand("mulai", "Mulai")])
            await app.bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
            await app.bot.set_my_commands([BotCommand("kohort", "Kohort")], scope=BotCommandScopeChat(ana["id"]))
            english = await app.bot.get_my_commands(language_code="en")
            assert [c.command for c in english] == ["start"]
            with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
                await app.bot.set_my_commands([BotCommand("Bad-Command", "x")])
            await app.bot.delete_my_commands(language_code="en")
            assert await app.bot.get_my_commands(language_code="en") == ()

    asyncio.run(scenario())
    assert fake_api.commands() == [{"command": "mulai", "description": "Mulai"}]
    assert fake_api.commands({"type": "chat", "chat_id": ana["id"]})[0]["command"] == "kohort"
    assert fake_api.commands(language_code="en") == []


def test_html_is_validated_like_telegram(fake_api: FakeTelegram) -> None:
    ana = fake_api.user(1001, "Ana")
    fake_api.private_chat(ana)

    async def scenario() -> None:
        async with build_app(fake_api) as app:
            send = app.bot.send_message
            for bad in ("<b>tebal", "a < b", "<div>x</div>", "Q&A", "<b><i>x</b></i>", "<span>x</span>"):
                with pytest.raises(BadRequest, match="Can't parse entities"):
                    await send(ana["id"], bad, parse_mode="HTML")
            with pytest.raises(BadRequest, match="Message is too long"):
                await send(ana["id"], "x" * 4097)
            with pytest.raises(BadRequest, match="Message text is empty"):
                await send(ana["id"], "<b> </b>", parse_mode="HTML")
            text = "<b>Smart City</b> " + html.escape('Q&A <2024> "kota"') + " " + "y" * 4000
            sent = await send(ana["id"], text, parse_mode="HTML")
            assert sent.text.startswith('Smart City Q&A <2024> "kota"')
            assert sent.entities[0].type == "bold" and sent.entities[0].length == 10

    asyncio.run(scenario())


def test_keyboard_edit_and_block_errors(fake_api: FakeTelegram) -> None:
    ana = fake_api.user(1001, "Ana")
    stranger = fake_api.user(1009, "Dedi")
    fake_api.private_chat(ana)

    async def scenario() -> None:
        async with build_app(fake_api) as app:
            bot = app.bot
            too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
            with pytest.raises(BadRequest, match="Button_data_invalid"):
                await bot.send_message(ana["id"], "x", reply_markup=too_long)
            sent = await bot.send_message(ana["id"], "sama")
            with pytest.raises(BadRequest, match="Message is not modified"):
                await bot.edit_message_text("sama", ana["id"], sent.message_id)
            with pytest.raises(Forbidden, match="can't initiate conversation"):
                await bot.send_message(stranger["id"], "halo")
            with pytest.raises(BadRequest, match="Chat not found"):
                await bot.send_message(424242, "halo")
            fake_api.block(ana)
            with pytest.raises(Forbidden, match="bot was blocked by the user"):
                await bot.send_message(ana["id"], "halo")

    asyncio.run(scenario())
    query = fake_api.inline_query(ana, "x")
    results = [{"type": "article", "id": str(i), "title": "t", "input_message_content": {"message_text": "m"}}
               for i in range(51)]
    status, body = raw_call(fake_api, "answerInlineQuery", {"inline_query_id": query["id"], "results": results})
    assert (status, body["description"]) == (400, "Bad Request: RESULTS_TOO_MUCH")


def test_send_document_keeps_filename_and_bytes(fake_api: FakeTelegram) -> None:
    ana = fake_api.user(1001, "Ana")
    fake_api.private_chat(ana)
    payload = b"kode,nama\n16.02,Ogan Komering Ilir\n\x00\xff"

    async def scenario() -> None:
        async with build_app(fake_api) as app:
            sent = await app.bot.send_document(
                ana["id"], payload, filename="kohort 2019.csv", caption="<i>Daftar</i>", parse_mode="HTML"
            )
            assert sent.document.file_name == "kohort 2019.csv" and sent.caption == "Daftar"
            again = await app.bot.send_document(ana["id"], sent.document.file_id)
            assert again.document.file_size == len(payload)
            await app.bot.send_chat_action(ana["id"], "upload_document")

    asyncio.run(scenario())
    [call, _] = fake_api.calls("sendDocument")
    upload = call.files["document"]
    assert (upload.filename, upload.content) == ("kohort 2019.csv", payload)
    file_id = fake_api.bot_messages(ana)[0]["document"]["file_id"]
    assert fake_api.uploaded_file(file_id).content == payload


# ============================================================================ fault injection


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_429_is_seen_by_ptb_as_retry_after(fake_api: FakeTelegram) -> None:
    ana = fake_api.user(1001, "Ana")
    fake_api.private_chat(ana)
    fake_api.fail_next("sendMessage", status=429, retry_after=3)
    fake_api.fail_next("sendChatAction", status=500)

    async def scenario() -> None:
        async with build_app(fake_api) as app:
            with pytest.raises(RetryAfter) as caught:
                await app.bot.send_message(ana["id"], "halo")
            assert "Retry in 3 seconds" in str(caught.value)
            await app.bot.send_message(ana["id"], "halo")  # only the next call failed
            with pytest.raises(NetworkError):
                await app.bot.send_chat_action(ana["id"], "typing")

    asyncio.run(scenario())
    statuses = [c.status for c in fake_api.calls("sendMessage")]
    assert statuses == [429, 200]


def test_down_conflict_and_delay(fake_api: FakeTelegram) -> None:
    async def scenario() -> None:
        app = build_app(fake_api, read_timeout=0.5)
        fake_api.set_down(True)
        with pytest.raises(NetworkError):
            await app.initialize()  # getMe at start-up while the Bot API is down
        fake_api.set_down(True, mode="reset")
        with pytest.raises(NetworkError):
            await app.initialize()
        fake_api.set_down(False)
        async with app:
            fake_api.delay_next("getMe", 1.5)
            with pytest.raises(TimedOut):
                await app.bot.get_me()
            fake_api.conflict_polling(True)
            with pytest.raises(Conflict, match="terminated by other getUpdates request"):
                await app.bot.get_updates(timeout=0)
            fake_api.conflict_polling(False)
            assert await app.bot.get_updates(timeout=0) == ()

    asyncio.run(scenario())
    assert [c.status for c in fake_api.calls("getMe")][:2] == [502, 0]


def test_long_polling_honours_timeout_and_offset(fake_api: FakeTelegram) -> None:
    started = time.monotonic()
    status, body = raw_call(fake_api, "getUpdates", {"timeout": 1})
    assert (status, body["result"]) == (200, [])
    assert 0.9 <= time.monotonic() - started < 2.5

    ana = fake_api.user(1001, "Ana")
    threading.Timer(0.3, fake_api.send_text, (ana, "cepat")).start()
    started = time.monotonic()
    _, body = raw_call(fake_api, "getUpdates", {"timeout": 5})
    assert time.monotonic() - started < 2, "an update ends the long poll early"
    [update] = body["result"]
    fake_api.send_text(ana, "dua")
    fake_api.send_text(ana, "tiga")
    _, body = raw_call(fake_api, "getUpdates", {"offset": update["update_id"] + 1, "limit": 1})
    assert [u["message"]["text"] for u in body["result"]] == ["dua"]
    fake_api.inline_query(ana, "q")
    _, body = raw_call(fake_api, "getUpdates", {"offset": body["result"][0]["update_id"] + 1,
                                                 "allowed_updates": ["inline_query"]})
    assert [list(u)[1] for u in body["result"]] == ["inline_query"], "'tiga' dropped as not allowed"


def test_control_api_is_thread_safe(fake_api: FakeTelegram) -> None:
    users = [fake_api.user(2000 + i, f"U{i}") for i in range(8)]
    per_user = 25

    def chatter(user: dict[str, Any]) -> None:
        for n in range(per_user):
            fake_api.send_text(user, f"{user['first_name']}-{n}")

    got: list[dict[str, Any]] = []

    def poller() -> None:
        offset = 0
        while len(got) < len(users) * per_user:
            _, body = raw_call(fake_api, "getUpdates", {"offset": offset, "timeout": 2})
            got.extend(body["result"])
            if body["result"]:
                offset = body["result"][-1]["update_id"] + 1

    threads = [threading.Thread(target=chatter, args=(u,)) for u in users] + [threading.Thread(target=poller)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    ids = [u["update_id"] for u in got]
    assert ids == sorted(ids) and len(set(ids)) == len(users) * per_user
    for user in users:
        texts = [m["text"] for m in fake_api.messages(user)]
        assert texts == [f"{user['first_name']}-{n}" for n in range(per_user)]
        assert [m["message_id"] for m in fake_api.messages(user)] == list(range(1, per_user + 1))


def test_stop_leaves_no_threads_or_port() -> None:
    before = set(threading.enumerate())
    fake = FakeTelegram(deliver_to_webhook=True).start()
    port = fake.port
    ended: list[object] = []

    def poll() -> None:  # stop() may answer the poll or close its connection first: either ends it
        try:
            ended.append(raw_call(fake, "getUpdates", {"timeout": 30}))
        except (OSError, http.client.HTTPException) as error:  # the connection closed under it
            ended.append(error)

    poller = threading.Thread(target=poll)
    poller.start()
    fake.wait_until_polling(5)
    started = time.monotonic()
    fake.stop()
    poller.join(5)
    assert time.monotonic() - started < 3 and len(ended) == 1, "stop() ends pending long polls"
    assert set(threading.enumerate()) <= before
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass  # nothing listens any more


# ============================================================================ webhook


def test_webhook_post_and_automatic_delivery(fake_api_webhook: FakeTelegram) -> None:
    fake = fake_api_webhook
    ana = fake.user(1001, "Ana")
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"

    async def scenario() -> None:
        app = build_app(fake, MessageHandler(filters.TEXT, echo))
        async with app:
            await app.start()
            assert app.updater is not None
            await app.updater.start_webhook(
                listen="127.0.0.1", port=port, url_path="hook", webhook_url=url, secret_token="rahasia-1"
            )
            try:
                info = await app.bot.get_webhook_info()
                assert info.url == url
                status, _ = await wait(fake.post_to_webhook, url, fake.text_update(ana, "x"), "salah")
                assert status == 403, "PTB refuses a wrong secret token"
                status, _ = await wait(fake.post_to_webhook, url, fake.text_update(ana, "langsung"), "rahasia-1")
                assert status == 200
                first = await wait(fake.wait_for_bot_message, ana, 5)
                assert first["text"] == "langsung"
                fake.send_text(ana, "lewat antrean")  # delivered by the fake's webhook thread
                second = await wait(fake.wait_for_bot_message, ana, 5)
                assert second["text"] == "lewat antrean"
                with pytest.raises(Conflict, match="webhook is active"):
                    await app.bot.get_updates()
            finally:
                await app.updater.stop()
                await app.stop()

    asyncio.run(scenario())
    assert [d["status"] for d in fake.webhook_deliveries()] == [200]


# ============================================================================ bench/echo_bot.py


@contextlib.contextmanager
def echo_bot(fake: FakeTelegram, **extra_env: str) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, **fake.bot_env(), **extra_env}
    process = subprocess.Popen([sys.executable, str(REPO / "bench" / "echo_bot.py")], env=env, cwd=REPO)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_echo_bot_subprocess_polling(fake_api: FakeTelegram) -> None:
    ana = fake_api.user(1001, "Ana")
    with echo_bot(fake_api) as process:
        fake_api.wait_until_polling(15)
        fake_api.send_text(ana, "halo bot")
        assert fake_api.wait_for_bot_message(ana, 10)["text"] == "halo bot"
        process.terminate()
        assert process.wait(10) == 0


def test_echo_bot_subprocess_webhook(fake_api_webhook: FakeTelegram) -> None:
    fake = fake_api_webhook
    ana = fake.user(1001, "Ana")
    port = free_port()
    url = f"http://127.0.0.1:{port}/echo"
    with echo_bot(fake, WEBHOOK_URL=url, PORT=str(port), WEBHOOK_SECRET="s3cret"):
        hook = fake.wait_for_call("setWebhook", lambda c: c.ok, timeout=15)
        assert (hook.params["url"], hook.params["secret_token"]) == (url, "s3cret")
        fake.send_text(ana, "lewat webhook")
        assert fake.wait_for_bot_message(ana, 10)["text"] == "lewat webhook"


# ============================================================================ entities


def test_parse_html_entities_and_errors() -> None:
    text, entities = parse_html('<b>a</b> <a href="https://x.id/?a=1&amp;b=2">l</a> <pre><code class="language-py">p</code></pre>')
    assert text == "a l p"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 1},
        {"type": "text_link", "offset": 2, "length": 1, "url": "https://x.id/?a=1&b=2"},
        {"type": "pre", "offset": 4, "length": 1, "language": "py"},
    ]
    assert parse_html("😀<b>x</b>")[1] == [{"type": "bold", "offset": 2, "length": 1}]
    with pytest.raises(EntityParseError, match='Unsupported start tag "br" at byte offset 2'):
        parse_html("ab<br>")
    assert parse_html("Q&A", strict_ampersand=False)[0] == "Q&A"
    assert parse_html("&#128512;&lt;<blockquote expandable>q</blockquote>")[1][0]["type"] == "expandable_blockquote"


def test_detect_entities_like_telegram() -> None:
    assert detect_entities("/start") == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert detect_entities("/kohort@TanyaSmartCityBot 2019") == [{"type": "bot_command", "offset": 0, "length": 25}]
    assert detect_entities("tanya @TanyaSmartCityBot ya") == [{"type": "mention", "offset": 6, "length": 18}]
    assert detect_entities("a/b 1/2 email@x.id") == []


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda s: s.strip() != ""))
def test_escaped_text_always_parses_back(text: str) -> None:
    plain, entities = parse_html(html.escape(text))
    assert plain == text and entities == []
    wrapped, [bold] = parse_html(f"<b>{html.escape(text)}</b>")
    assert wrapped == text and bold["length"] == len(text.encode("utf-16-le")) // 2
