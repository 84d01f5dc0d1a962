"""A bare python-telegram-bot echo bot: the throughput baseline against the fake Bot API.

Environment:
    TELEGRAM_BOT_TOKEN      bot token (required)
    TELEGRAM_API_BASE_URL   PTB ``base_url``, e.g. ``http://127.0.0.1:PORT/bot`` (optional)
    WEBHOOK_URL             when set, run a webhook instead of polling; its path is the
                            URL path the bot listens on
    PORT                    port the webhook server listens on (default 8443)
    WEBHOOK_LISTEN          address the webhook server binds (default 127.0.0.1)
    WEBHOOK_SECRET          ``secret_token`` for setWebhook (optional)

Run: ``python bench/echo_bot.py``. Replies to every text message with the same text.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import urlparse

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text back to the chat it came from."""
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text, do_quote=False)


def build_application(env: dict[str, str]) -> Application:  # type: ignore[type-arg]
    """The echo application for the token and API base URL in ``env``."""
    builder = ApplicationBuilder().token(env["TELEGRAM_BOT_TOKEN"])
    if env.get("TELEGRAM_API_BASE_URL"):
        builder = builder.base_url(env["TELEGRAM_API_BASE_URL"])
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application


def run(env: dict[str, str]) -> None:
    """Poll, or serve a webhook when ``WEBHOOK_URL`` is set; returns on SIGINT/SIGTERM."""
    application = build_application(env)
    webhook_url = env.get("WEBHOOK_URL")
    if not webhook_url:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
        return
    application.run_webhook(
        listen=env.get("WEBHOOK_LISTEN", "127.0.0.1"),
        port=int(env.get("PORT", "8443")),
        url_path=urlparse(webhook_url).path.lstrip("/"),
        webhook_url=webhook_url,
        secret_token=env.get("WEBHOOK_SECRET") or None,
        allowed_updates=Update.ALL_TYPES,
    )


def main() -> None:
    """Entry point: configure logging from ``LOG_LEVEL`` (default WARNING) and run."""
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"))
    run(dict(os.environ))


if __name__ == "__main__":
    main()
