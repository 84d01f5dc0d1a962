"""The Telegram application: every handler registered in one place, services, and `run(settings)`.

`bot.cli run` calls `run(settings)`: logging is made safe, the engine is
loaded (a knowledge error stops here, before any network), the application
is built and `runner.serve` hands it to PTB's polling or webhook loop until
SIGTERM. Repeating work (the knowledge watcher, the question log's prune) runs
on PTB's JobQueue.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from ..admin.report import LOG_NAME as QUESTION_LOG_FILE
from ..config import Settings
from ..engine import Engine
from ..feedback import FeedbackLog
from ..questionlog import QuestionLog
from ..reloading import EngineHolder
from . import admin, buttons, conversation, feedback, groups, inline, language, logsafe, runner, services
from .commands import COMMANDS, register_menus, register_profile
from .errors import InFlight, RetryingRateLimiter, on_error
from .userstate import RecentUsers

log = logging.getLogger(__name__)
FEEDBACK_FILE = "feedback.sqlite"  # under DATA_DIR, beside the question log

App = Application[Any, Any, Any, Any, Any, Any]
RATE_LIMIT_RETRIES = 3  # how often one request is retried after 429 RetryAfter
CONCURRENT_UPDATES = 16  # a slow chat (flood limit, retry) must not hold up the others
FETCHED_AHEAD = CONCURRENT_UPDATES  # updates taken from Telegram but not yet handled: what a crash (SIGKILL) can lose
HTTP_IN_FLIGHT = 2  # Bot API requests on the wire at once, each counted for at most IN_FLIGHT_YOUNG s (see errors.InFlight)
IN_FLIGHT_YOUNG = 0.05  # so at least 40 new requests/s, whatever the network
USERS_FILE = "users.sqlite"
PRUNE_EVERY = 86400.0  # seconds between prunes of the question log


def file_url(base_url: str) -> str:
    """PTB's base_file_url for an API base URL: 'https://host/bot' -> 'https://host/file/bot'."""
    root, _, _ = base_url.rstrip("/").rpartition("/bot")
    return f"{root or base_url.rstrip('/')}/file/bot"


async def before_everything(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Cross-cutting check for every update: ignore other bots; keep state for recent people only;
    a new command cancels a pending prompt."""
    user = update.effective_user
    if user is not None and user.is_bot:
        raise ApplicationHandlerStop
    if user is not None:
        for gone in services.recent_users(context).seen(user.id):
            context.application.drop_user_data(gone)
    message = update.effective_message
    if update.message is not None and message is not None and message.text and message.text.startswith("/"):
        if context.user_data is not None:
            context.user_data.pop(conversation.AWAITING, None)


def build_application(settings: Settings, engine: Engine) -> App:
    """The application with every handler; services are opened in post_init and closed in post_shutdown."""

    async def post_init(application: App) -> None:
        if engine.question_log is None:
            engine.question_log = QuestionLog(settings.data_dir / QUESTION_LOG_FILE, settings.retention_days)
        application.bot_data[services.RECENT_USERS] = RecentUsers()
        application.bot_data[services.ENGINE] = EngineHolder(engine, settings.knowledge_dir, settings.data_dir)
        application.bot_data[admin.ADMINS] = settings.admin_ids
        application.bot_data[services.QUESTION_LOG] = engine.question_log
        application.bot_data[services.FEEDBACK_LOG] = FeedbackLog(settings.data_dir / FEEDBACK_FILE, settings.retention_days)
        salt = application.bot_data[services.SALT] = services.load_salt(settings.data_dir)
        application.bot_data[services.LANGUAGES] = language.LanguageStore(settings.data_dir / USERS_FILE, salt)
        await register_menus(application.bot)
        await register_profile(application.bot)
        await admin.register_admin_menus(application.bot, settings.admin_ids)
        jobs = application.job_queue
        assert jobs is not None, "python-telegram-bot[job-queue] is required"
        if settings.watch_seconds > 0:
            jobs.run_repeating(admin.check_knowledge, settings.watch_seconds, first=settings.watch_seconds,
                               name="knowledge_watcher", job_kwargs={"coalesce": True, "max_instances": 1})
        jobs.run_repeating(services.prune_question_log, PRUNE_EVERY, first=PRUNE_EVERY, name="question_log_prune")

    async def post_shutdown(application: App) -> None:
        for key in (services.LANGUAGES, services.QUESTION_LOG):
            service = application.bot_data.pop(key, None)
            if service is not None:
                service.close()

    assert settings.token, "TELEGRAM_BOT_TOKEN is required"
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True),
                           allow_sending_without_reply=True))
        .rate_limiter(RetryingRateLimiter(overall_max_rate=settings.messages_per_second, max_retries=RATE_LIMIT_RETRIES,
                                          in_flight=InFlight(HTTP_IN_FLIGHT, IN_FLIGHT_YOUNG),
                                          retry_seconds=settings.send_retry_seconds))
        .concurrent_updates(CONCURRENT_UPDATES)
        .update_queue(runner.UpdateQueue(FETCHED_AHEAD))
        .read_timeout(settings.telegram_timeout)
        .write_timeout(settings.telegram_timeout)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url).base_file_url(file_url(settings.api_base_url))
    application = builder.build()

    # Group -1 runs first for every update: checks that apply to everything.
    application.add_handler(TypeHandler(Update, before_everything), group=-1)

    # Group 0: the first matching handler answers. Order matters only where filters overlap:
    # commands (both spellings; /cmd@botname in groups) before any text handler;
    # language buttons (lang, lang:id, lang:en) before the catch-all engine action buttons.
    for command in COMMANDS:
        application.add_handler(CommandHandler(command.names(), command.callback))
    # Admin commands: behind the ADMIN_IDS gate; everyone else reaches the one refusal after them.
    admins_only = admin.admin_only(settings.admin_ids)
    for command in admin.ADMIN_COMMANDS:
        application.add_handler(CommandHandler(command.names(), command.callback, filters=admins_only))
    application.add_handler(CommandHandler([n for c in admin.ADMIN_COMMANDS for n in c.names()], admin.refuse))
    application.add_handler(CallbackQueryHandler(language.on_language_button, pattern=language.is_language_button))
    application.add_handler(CallbackQueryHandler(feedback.on_vote, pattern=feedback.is_vote))
    application.add_handler(CallbackQueryHandler(feedback.on_correction_request, pattern=feedback.is_correction_request))
    application.add_handler(CallbackQueryHandler(admin.on_resolve, pattern=admin.is_resolve))  # refuses non-admins itself
    application.add_handler(CallbackQueryHandler(buttons.on_button))
    application.add_handler(InlineQueryHandler(inline.on_inline_query))
    application.add_handler(ChatMemberHandler(groups.on_added, ChatMemberHandler.MY_CHAT_MEMBER))  # added to a group
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    in_groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, conversation.private_text))
    application.add_handler(MessageHandler(private & filters.COMMAND, conversation.unknown_command))
    application.add_handler(MessageHandler(private & ~filters.TEXT, conversation.not_text))
    # In groups: only text that mentions the bot or replies to it is answered (checked in group_text).
    application.add_handler(MessageHandler(in_groups & filters.TEXT & ~filters.COMMAND, conversation.group_text))

    application.add_error_handler(on_error)
    return application


def skip_missing_sniffio() -> None:
    """Make httpcore's per-request `import sniffio` fail at once when sniffio is not installed.

    httpcore asks which async library runs (asyncio or trio) several times per
    request by importing sniffio; PTB does not depend on it, and a failed import
    is not cached, so every call searched all of sys.path again (a few dozen
    stat calls: about 6% of the bot's CPU under load). A None entry in
    sys.modules makes the import raise ImportError immediately, which is what
    httpcore expects (it then assumes asyncio). With sniffio installed this does nothing.
    """
    if importlib.util.find_spec("sniffio") is None:
        sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]


def run(settings: Settings) -> int:
    """Start the bot (polling, or webhook when WEBHOOK_URL is set) and return its exit code."""
    logsafe.install([settings.token or "", settings.webhook_secret or ""], settings.log_level)
    skip_missing_sniffio()
    engine = Engine.load(settings.knowledge_dir, settings.data_dir)
    log.info("knowledge loaded from %s", settings.knowledge_dir)
    return runner.serve(build_application(settings, engine), settings)
