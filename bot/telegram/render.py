"""Reply -> Telegram: HTML text, inline keyboard, and sending or editing a message.

Every text goes out as `html(reply)` (title in <b>, all knowledge and user
text escaped) with parse mode HTML from the application's Defaults. Buttons
carry the engine action string as callback_data (Telegram allows 64 bytes).

A keyboard is built and turned into JSON once per distinct set of buttons
(`markup_json`, cached) and sent as the raw `reply_markup` parameter: PTB would
otherwise build the button objects and serialise them again for every message,
which took about a fifth of the CPU an answer costs in this module's hands.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from html import escape
from typing import Any

from telegram import CallbackQuery, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from ..reply import Button, Limits, Reply

log = logging.getLogger(__name__)

MAX_MESSAGE = 4096  # characters of visible text in one message (after entity parsing)
MAX_CALLBACK_DATA = 64  # bytes of a button's callback_data
LIMITS = Limits(MAX_MESSAGE, MAX_CALLBACK_DATA)  # what every engine call from Telegram passes
KEYBOARDS_CACHED = 1024  # distinct button sets kept built and serialised


Rows = tuple[tuple[Button, ...], ...]


def _rows(reply: Reply) -> Rows:
    return tuple(tuple(row) for row in reply.buttons)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The reply's buttons as an inline keyboard (None when it has none)."""
    return _keyboard(_rows(reply))


@lru_cache(maxsize=KEYBOARDS_CACHED)
def _keyboard(rows: Rows) -> InlineKeyboardMarkup | None:
    """Built once per distinct button set: PTB objects are frozen, so one can be sent many times."""
    markup = []
    for row in rows:
        buttons = []
        for button in row:
            if not 0 < len(button.action.encode("utf-8")) <= MAX_CALLBACK_DATA:
                log.error("button %r has an action longer than %d bytes; left out", button.label, MAX_CALLBACK_DATA)
                continue
            buttons.append(InlineKeyboardButton(button.label, callback_data=button.action))
        if buttons:
            markup.append(buttons)
    return InlineKeyboardMarkup(markup) if markup else None


@lru_cache(maxsize=KEYBOARDS_CACHED)
def _markup_json(rows: Rows) -> str | None:
    markup = _keyboard(rows)
    return json.dumps(markup.to_dict()) if markup is not None else None  # as PTB would serialise it


def markup_json(reply: Reply) -> str | None:
    """The reply's inline keyboard as the JSON of a `reply_markup` parameter (None when it has none)."""
    return _markup_json(_rows(reply))


def markup_kwargs(reply: Reply) -> dict[str, Any] | None:
    """`api_kwargs` that send the reply's keyboard ready-serialised (None when it has none)."""
    serialised = markup_json(reply)
    return {"reply_markup": serialised} if serialised is not None else None


def html(reply: Reply) -> str:
    """The reply as Telegram HTML: the title in bold, everything else escaped."""
    parts = []
    if reply.title:
        parts.append(f"<b>{escape(reply.title)}</b>")
    if reply.text:
        parts.append(escape(reply.text))
    return "\n\n".join(parts)


def text(reply: Reply) -> str:
    """The reply as Telegram HTML; the engine pages it within `LIMITS`."""
    return html(reply)


async def send_reply(message: Message, reply: Reply, prompt: bool = False) -> Message:
    """Answer `message` (quoted in groups, not in private chats).

    With `prompt` in a group, the answer asks for a reply (ForceReply) so the
    user's next words reach the bot even with privacy mode on.
    """
    buttons = markup_kwargs(reply)
    if prompt and buttons is None and message.chat.type != message.chat.PRIVATE:
        return await message.reply_text(text(reply), reply_markup=ForceReply(selective=True))
    return await message.reply_text(text(reply), api_kwargs=buttons)


async def edit_or_send(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, reply: Reply, edit: bool) -> None:
    """Show a button's answer: in place when `edit` (or for inline messages), else as a new message.

    "Message is not modified" (the same page pressed twice) is not an error.
    A message that can no longer be edited gets the answer as a new message.
    """
    buttons = markup_kwargs(reply)
    message = query.message
    if edit or message is None:
        try:
            await query.edit_message_text(text(reply), api_kwargs=buttons)
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return
            if message is None:
                raise
            log.info("could not edit message %s (%s); sending a new one", message.message_id, error)
    await context.bot.send_message(message.chat.id, text(reply), api_kwargs=buttons)
