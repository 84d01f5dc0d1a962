"""Admin commands (/reload, /stats, /unanswered, /feedback, /corrections) and the automatic reload job.

Only Telegram user ids in ADMIN_IDS may use them: the commands are registered
behind one gate (`admin_only`, a `filters.User`), and one `refuse` handler
after them answers everyone else with a clear refusal and logs the attempt. Admins see these commands in their own
command menu (setMyCommands for their chat); nobody else does.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes, filters

from ..actions import MAX_CORRECTION_NUMBER, Correction, decode, encode
from ..admin.figures import stats, unanswered
from ..i18n import Translator
from ..knowledge.problems import Problem, worst_first
from ..reloading import ReloadResult
from . import services
from .commands import Command, _, menu
from .language import user_language
from .render import MAX_MESSAGE

log = logging.getLogger(__name__)
ADMINS = "admin_ids"
MAX_DAYS = 3660  # /stats looks back at most this many days
SHOWN_PROBLEMS = 20  # knowledge problems in one notice; `validate` lists them all


def admin_only(admins: frozenset[int]) -> filters.BaseFilter:
    """The gate in front of every admin command: messages from ADMIN_IDS only (nobody when empty)."""
    return filters.User(user_id=admins)


async def refuse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin command from anyone else: a clear refusal, and the attempt is logged."""
    message = update.effective_message
    command = (message.text or "").split()[0] if message is not None and message.text else "?"
    log.warning("admin command %s refused for a non-admin user", command)
    if message is not None:
        await message.reply_text(Translator(user_language(context, update.effective_user))._(
            "Sorry, this command is only for the bot's administrators."))


def number_argument(context: ContextTypes.DEFAULT_TYPE, default: int, highest: int) -> int:
    """The command's first argument as a whole number in 1..highest (ASCII digits only), else `default`."""
    text = context.args[0] if context.args else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        return default
    return min(max(int(text), 1), highest)


def chunks(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split long text at line breaks so each piece fits one Telegram message."""
    pieces, current = [], ""
    for line in text.split("\n"):
        while len(line) > limit:
            pieces.append(line[:limit])
            line = line[limit:]
        if len(current) + len(line) + 1 > limit:
            pieces.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        pieces.append(current)
    return pieces


def problems_text(tr: Translator, problems: list[Problem]) -> str:
    """The problems for one message: the worst SHOWN_PROBLEMS, and how many more `validate` lists."""
    head = tr.n_(
        "The knowledge files have {n} problem; I keep answering from the last good version:",
        "The knowledge files have {n} problems; I keep answering from the last good version:",
        len(problems),
    ).format(n=len(problems))
    lines = [head, *(str(p) for p in worst_first(problems)[:SHOWN_PROBLEMS])]
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        lines.append(tr.n_("… and {n} more: run `python -m bot validate` to see them all.",
                           "… and {n} more: run `python -m bot validate` to see them all.", more).format(n=more))
    return "\n".join(lines)


def reload_text(tr: Translator, result: ReloadResult) -> str:
    """What an admin reads after a reload: the problems, or a summary of what changed."""
    if not result.ok:
        return problems_text(tr, result.problems)
    if not result.changed or result.changes.empty():
        return tr._("Knowledge reloaded; nothing that answers depend on has changed.")
    lines = [tr._("Knowledge reloaded. Changes:")]
    c = result.changes
    for year in c.cohorts_added:
        lines.append(tr._("• new cohort {year}").format(year=year))
    for year, names in sorted(c.added.items()):
        lines.append(tr._("• {year}: added {names}").format(year=year, names=tr.list(names)))
    for year, names in sorted(c.removed.items()):
        lines.append(tr._("• {year}: removed {names}").format(year=year, names=tr.list(names)))
    if c.facts_changed:
        lines.append(tr._("• facts changed: {ids}").format(ids=", ".join(c.facts_changed)))
    return "\n".join(lines)


def unreadable_text(tr: Translator, error: Exception) -> str:
    return tr._("The question log cannot be read right now ({error}); the bot keeps answering.").format(error=error)


async def send_text(bot: Bot, chat_id: int, text: str) -> None:
    for piece in chunks(text):
        await bot.send_message(chat_id, piece, parse_mode=None)


def admin_translator(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Translator:
    return Translator(user_language(context, update.effective_user))


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload: validate the knowledge files and swap them in, or say exactly what is wrong."""
    if update.effective_chat is None:
        return
    result = await asyncio.to_thread(services.holder(context).reload)
    await send_text(context.bot, update.effective_chat.id, reload_text(admin_translator(update, context), result))


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats [days]: questions per day, share answered, top intents, languages, regions."""
    if update.effective_chat is None:
        return
    tr = admin_translator(update, context)
    days = number_argument(context, default=7, highest=MAX_DAYS)
    log_ = services.holder(context).current.question_log
    if log_ is None:
        return
    await asyncio.to_thread(log_.flush)
    try:
        s = await asyncio.to_thread(stats, log_, days)
    except sqlite3.Error as error:
        await send_text(context.bot, update.effective_chat.id, unreadable_text(tr, error))
        return
    regions = services.holder(context).current.knowledge.regions
    lines = [
        tr._("Last {days} days: {total} questions, {share} answered, {users} people.").format(
            days=days, total=s.total, share=f"{s.answered_share:.0%}", users=s.users
        ),
        tr._("Per day:") + " " + ", ".join(f"{d} {n}" for d, n in s.per_day),
        tr._("Top intents:") + " " + ", ".join(f"{i} {n}" for i, n in s.intents),
        tr._("Languages:") + " " + ", ".join(f"{k} {v}" for k, v in sorted(s.languages.items())),
        tr._("Most-asked regions:") + " " + ", ".join(f"{regions[c].name if c in regions else c} {n}" for c, n in s.regions),
    ]
    await send_text(context.bot, update.effective_chat.id, "\n".join(lines))


async def unanswered_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unanswered [n]: the most frequent questions the bot could not answer well."""
    if update.effective_chat is None:
        return
    tr = admin_translator(update, context)
    limit = number_argument(context, default=10, highest=50)
    log_ = services.holder(context).current.question_log
    if log_ is None:
        return
    await asyncio.to_thread(log_.flush)
    try:
        rows = await asyncio.to_thread(unanswered, log_, limit)
    except sqlite3.Error as error:
        await send_text(context.bot, update.effective_chat.id, unreadable_text(tr, error))
        return
    if not rows:
        text = tr._("No unanswered questions so far.")
    else:
        text = tr._("Most frequent unanswered or low-confidence questions:") + "\n" + "\n".join(
            f"{count}× {key} — {example!r}" for key, count, example in rows
        )
    await send_text(context.bot, update.effective_chat.id, text)


async def feedback_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/feedback [days]: 👍 and 👎 on answers, and the latest 👎 with the question and what the user said."""
    if update.effective_chat is None:
        return
    tr = admin_translator(update, context)
    days = number_argument(context, default=30, highest=MAX_DAYS)
    store = context.bot_data.get(services.FEEDBACK_LOG)
    if store is None:
        return
    try:
        summary = await asyncio.to_thread(store.summary, days)
    except sqlite3.Error as error:
        await send_text(context.bot, update.effective_chat.id, unreadable_text(tr, error))
        return
    text = tr._("Answers rated in the last {days} days: 👍 {up}, 👎 {down}.").format(days=days, up=summary.up, down=summary.down)
    if summary.complaints:
        text += "\n" + tr._("Latest 👎:") + "\n" + "\n".join(
            f"• {question!r} ({intent})" + (f" — {comment!r}" if comment else "") for question, intent, comment in summary.complaints)
    await send_text(context.bot, update.effective_chat.id, text)


async def corrections_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/corrections: the corrections not yet resolved, each with a button that marks it resolved."""
    chat = update.effective_chat
    store = context.bot_data.get(services.FEEDBACK_LOG)
    if chat is None or store is None:
        return
    tr = admin_translator(update, context)
    try:
        open_ones = await asyncio.to_thread(store.open_corrections)
    except sqlite3.Error as error:
        await send_text(context.bot, chat.id, unreadable_text(tr, error))
        return
    if not open_ones:
        await send_text(context.bot, chat.id, tr._("No corrections waiting."))
        return
    for number, question, text in open_ones:
        about = tr._("about the answer to {question!r}").format(question=question) if question else ""
        done = InlineKeyboardButton(tr._("✓ Resolved"), callback_data=encode(Correction(number)))
        await context.bot.send_message(chat.id, f"#{number} {about}\n{text}", parse_mode=None,
                                       reply_markup=InlineKeyboardMarkup([[done]]) if number <= MAX_CORRECTION_NUMBER else None)


def is_resolve(data: object) -> bool:
    action = decode(data) if isinstance(data, str) else None
    return isinstance(action, Correction) and action.number is not None


async def on_resolve(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin's "resolved" under a correction: marked, and the button goes; anyone else is refused."""
    query = update.callback_query
    if query is None:
        return
    tr = admin_translator(update, context)
    if query.from_user.id not in context.bot_data.get(ADMINS, frozenset()):
        await query.answer(tr._("Sorry, this command is only for the bot's administrators."), show_alert=True)
        return
    action = decode(query.data or "")
    assert isinstance(action, Correction) and action.number is not None
    store = context.bot_data.get(services.FEEDBACK_LOG)
    done = store is not None and await asyncio.to_thread(store.resolve, action.number)
    await query.answer(tr._("Marked resolved.") if done else tr._("Already resolved."))
    await query.edit_message_reply_markup(None)


ADMIN_COMMANDS: tuple[Command, ...] = (
    Command("reload", "reload", _("Admin: reload the knowledge files"), reload_command),
    Command("stats", "stats", _("Admin: question statistics, e.g. /{command} 30"), stats_command),
    Command("unanswered", "unanswered", _("Admin: questions I could not answer"), unanswered_command),
    Command("masukan", "feedback", _("Admin: how answers were rated, and what users said after a 👎"), feedback_command),
    Command("koreksi", "corrections", _("Admin: corrections sent by users, to check and mark resolved"), corrections_command),
)


async def register_admin_menus(bot: Bot, admins: frozenset[int]) -> None:
    """Each admin's own chat gets the public commands plus the admin ones, in both languages."""
    for admin in admins:
        for lang in ("id", "en"):
            commands = menu(lang) + [BotCommand(c.name(lang), c.describe(lang)[:256]) for c in ADMIN_COMMANDS]
            try:
                await bot.set_my_commands(commands, scope=BotCommandScopeChat(admin), language_code=lang)
            except TelegramError as error:  # e.g. the admin never opened a chat with the bot
                log.warning("could not set the admin menu for one admin: %s", error)


async def notify_admins(application: Application[Any, Any, Any, Any, Any, Any], result: ReloadResult) -> None:
    """Tell each admin how a reload went; a list of problems stops once the files changed again (fixed, perhaps)."""
    holder = application.bot_data[services.ENGINE]
    for admin in application.bot_data.get(ADMINS, frozenset()):
        if not result.ok and await asyncio.to_thread(holder.files_changed):
            log.info("knowledge files changed again; the remaining notices of the old problems are not sent")
            return
        lang = application.bot_data[services.LANGUAGES].get(admin) or "id"
        try:
            await send_text(application.bot, admin, reload_text(Translator(lang), result))
        except TelegramError as error:
            log.warning("could not tell an admin about the reload: %s", error)


async def check_knowledge(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A repeating job: reload when files under KNOWLEDGE_DIR changed; admins hear the outcome."""
    holder = services.holder(context)
    try:
        if await asyncio.to_thread(holder.files_changed):
            result = await asyncio.to_thread(holder.reload)
            log.info("knowledge files changed: reload %s", "done" if result.ok else "refused")
            await notify_admins(context.application, result)
    except Exception:  # noqa: BLE001 - the next run tries again
        log.exception("knowledge watcher failed; trying again later")
