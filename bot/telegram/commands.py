"""The one table of commands: Indonesian and English names, description, callback.

From it come the handlers (both spellings work for everyone), the command
menus registered with setMyCommands (Indonesian for the default scope and
language_code "id", English for "en") and the command list in /help.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from typing import Any

from telegram import Bot, BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from ..actions import Help
from ..i18n import Translator
from . import conversation, export, groups, language, services
from .language import user_language
from .render import LIMITS, send_reply

log = logging.getLogger(__name__)

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def _(message: str) -> str:
    """Marks a description for the catalogs; it is translated when a menu is built."""
    return message


@dataclass(frozen=True)
class Command:
    id: str  # Indonesian name, e.g. "daerah"
    en: str  # English name, e.g. "region"
    description: str  # English msgid; "{command}" is replaced by the name in the menu's language
    callback: Callback

    def names(self) -> list[str]:
        """Both spellings, for the CommandHandler."""
        return sorted({self.id, self.en})

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.id

    def describe(self, lang: str) -> str:
        return Translator(lang)._(self.description).format(command=self.name(lang))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the bot can do (from the engine) and the command list (from this table)."""
    if update.effective_message is None:
        return
    lang = user_language(context, update.effective_user)
    reply = services.engine(context).act(Help(), lang, limits=LIMITS)
    hint = groups.group_hint(Translator(lang), context.bot.username or "") if groups.in_group(update) else ""
    reply = replace(reply, text="\n\n".join(filter(None, (reply.text, hint, help_section(lang)))))
    await send_reply(update.effective_message, reply)


COMMANDS: tuple[Command, ...] = (
    Command("start", "start", _("Start: what I can do"), conversation.start),
    Command("pilar", "pillars", _("The six smart-city pillars"), conversation.pillars),
    Command("kohort", "cohort", _("Regions that joined in a year, e.g. /{command} 2019"), conversation.cohort),
    Command("daerah", "region", _("Does a kabupaten/kota take part? e.g. /{command} Bandung"), conversation.region),
    Command("provinsi", "province", _("Participants in a province, e.g. /{command} Jawa Timur"), conversation.province),
    Command("sumber", "sources", _("Where my information comes from"), conversation.sources),
    Command("ekspor", "export", _("A year or a province as a spreadsheet, e.g. /{command} 2019"), export.export_command),
    Command("bahasa", "language", _("Answer in Bahasa Indonesia or English"), language.choose),
    Command("help", "help", _("How to ask me questions"), help_command),
)


def menu(lang: str) -> list[BotCommand]:
    """The command menu in one language."""
    return [BotCommand(c.name(lang), c.describe(lang)[:256]) for c in COMMANDS]


def help_section(lang: str) -> str:
    """The command list for /help, in the reader's language."""
    tr = Translator(lang)
    lines = [f"/{c.name(lang)} — {c.describe(lang)}" for c in COMMANDS]
    return tr._("Commands:") + "\n" + "\n".join(lines)


async def register_profile(bot: Bot) -> None:
    """The bot's description ("What can this bot do?", before the first message) and short description (its
    profile and shared links), Indonesian as the default and for "id", English for "en"."""
    try:
        for code in ("", "id", "en"):
            tr = Translator(code or "id")
            await bot.set_my_description(tr._(
                "I answer questions about Gerakan Menuju Smart City, the national smart-city programme of Kominfo (now "
                "Komdigi): whether a kabupaten/kota takes part and since when, who is in a cohort, the pillars, the "
                "ministers and more. Every answer names its sources. Ask in Indonesian or English, in your own words."),
                language_code=code or None)
            await bot.set_my_short_description(tr._(
                "Is your region in Indonesia's smart-city programme? Ask in Indonesian or English; every answer has "
                "its sources."), language_code=code or None)
    except TelegramError as error:  # the bot still works without them
        log.warning("could not set the bot's description: %s", error)


async def register_menus(bot: Bot) -> None:
    """setMyCommands: Indonesian as the default and for "id", English for "en"."""
    try:
        await bot.set_my_commands(menu("id"))
        await bot.set_my_commands(menu("id"), language_code="id")
        await bot.set_my_commands(menu("en"), language_code="en")
    except TelegramError as error:  # the bot still works without its menu
        log.warning("could not register the command menus: %s", error)
