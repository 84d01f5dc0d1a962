"""Reply -> Telegram: HTML text, inline keyboard, and sending or editing a message.

Every text goes out as `Reply.html()` (title in <b>, all knowledge and user
text escaped) with parse mode HTML from the application's Defaults. Buttons
carry the engine action string as callback_data (Telegram allows 64 bytes).
"""

from __future__ import annotations

import logging
import re

from telegram import CallbackQuery, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from ..reply import MAX_MESSAGE, Reply

log = logging.getLogger(__name__)

MAX_CALLBACK_DATA = 64
# A list action with a page number: c:<year>:<page>, p:<prov>[:<year>]:<page> (years are >= 2000).
_PAGED = re.compile(r"^(?:c|p):\d+(?::\d+)*:(?P<last>\d+)$")


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The reply's buttons as an inline keyboard (None when it has none)."""
    rows = []
    for row in reply.buttons:
        buttons = []
        for button in row:
            if not 0 < len(button.action.encode("utf-8")) <= MAX_CALLBACK_DATA:
                log.error("button %r has an action longer than %d bytes; left out", button.label, MAX_CALLBACK_DATA)
                continue
            buttons.append(InlineKeyboardButton(button.label, callback_data=button.action))
        if buttons:
            rows.append(buttons)
    return InlineKeyboardMarkup(rows) if rows else None


def text(reply: Reply) -> str:
    """The reply as Telegram HTML; the engine keeps it within one message."""
    if len(reply.plain()) > MAX_MESSAGE:  # pragma: no cover - the engine guarantees this
        log.error("reply of %d characters for intent %s was cut", len(reply.plain()), reply.intent)
        reply = Reply(reply.text[: MAX_MESSAGE - len(reply.title or "") - 4] + "…", reply.lang, reply.intent, reply.title, buttons=reply.buttons)
    return reply.html()


def is_navigation(action: str) -> bool:
    """Whether a button moves within a list (a page of it): such presses edit their own message."""
    match = _PAGED.match(action)
    return match is not None and int(match["last"]) < 2000


async def send_reply(message: Message, reply: Reply, prompt: bool = False) -> Message:
    """Answer `message` (quoted in groups, not in private chats).

    With `prompt` in a group, the answer asks for a reply (ForceReply) so the
    user's next words reach the bot even with privacy mode on.
    """
    markup: InlineKeyboardMarkup | ForceReply | None = keyboard(reply)
    if prompt and markup is None and message.chat.type != message.chat.PRIVATE:
        markup = ForceReply(selective=True)
    return await message.reply_text(text(reply), reply_markup=markup)


async def edit_or_send(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, reply: Reply, edit: bool) -> None:
    """Show a button's answer: in place when `edit` (or for inline messages), else as a new message.

    "Message is not modified" (the same page pressed twice) is not an error.
    A message that can no longer be edited gets the answer as a new message.
    """
    markup = keyboard(reply)
    message = query.message
    if edit or message is None:
        try:
            await query.edit_message_text(text(reply), reply_markup=markup)
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return
            if message is None:
                raise
            log.info("could not edit message %s (%s); sending a new one", message.message_id, error)
    await context.bot.send_message(message.chat.id, text(reply), reply_markup=markup)
