"""Reply -> Telegram: HTML text, inline keyboard, and sending or editing a message.

Every text goes out as `html(reply)` (title in <b>, all knowledge and user
text escaped) with parse mode HTML from the application's Defaults. Buttons
carry the engine action string as callback_data; the engine keeps every reply
within `LIMITS` (4,096 characters of text, 64 bytes of callback_data).
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
from html import escape

from telegram import CallbackQuery, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message
from telegram.constants import ChatAction
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from .. import charts
from ..reply import Limits, Reply

log = logging.getLogger(__name__)

MAX_MESSAGE = 4096  # characters of visible text in one message (after entity parsing)
MAX_CALLBACK_DATA = 64  # bytes of a button's callback_data
MAX_CAPTION = 1024  # characters of a photo's caption
LIMITS = Limits(MAX_MESSAGE, MAX_CALLBACK_DATA)  # what every engine call from Telegram passes


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The reply's buttons as an inline keyboard (None when it has none)."""
    rows = [[InlineKeyboardButton(b.label, callback_data=b.action) for b in row] for row in reply.buttons if row]
    return InlineKeyboardMarkup(rows) if rows else None


def html(reply: Reply) -> str:
    """The reply as Telegram HTML: the title in bold, everything else escaped (the engine keeps it within `LIMITS`),
    and each source named in its last paragraph (the source line) a link to that source."""
    parts = []
    if reply.title:
        parts.append(f"<b>{escape(reply.title)}</b>")
    if reply.text:
        body, gap, last = escape(reply.text).rpartition("\n\n")
        parts.append(body + gap + linked(last, reply.links))
    return "\n\n".join(parts)


def linked(text: str, links: dict[str, str]) -> str:
    """Escaped `text` with each source name of `links` that it holds made a link (longest names first, each once)."""
    names = sorted((escape(name) for name in links), key=len, reverse=True)
    if not names:
        return text
    addresses = {escape(name): url for name, url in links.items()}
    done: set[str] = set()

    def link(match: re.Match[str]) -> str:
        name = match.group(0)
        if name in done:
            return name
        done.add(name)
        return f'<a href="{escape(addresses[name], quote=True)}">{name}</a>'

    return re.sub("|".join(re.escape(n) for n in names), link, text)


async def send_chart(message: Message, reply: Reply) -> None:
    """The reply's chart as a photo after `message` (its text), in the same chat and topic, captioned with the same
    numbers (first page only); Telegram shows "sending a photo" while it is drawn. A chart that cannot be drawn or
    sent is logged: the answer itself has gone out."""
    if reply.chart is None or reply.page != 1:
        return
    try:
        await message.reply_chat_action(ChatAction.UPLOAD_PHOTO)
        png = await asyncio.to_thread(charts.draw, reply.chart)  # drawing is CPU work: off the event loop
        photo = InputFile(io.BytesIO(png), filename=f"{reply.chart.name}.png")
        await message.reply_photo(photo, caption=reply.chart.caption[:MAX_CAPTION], parse_mode=None, do_quote=False)
    except Exception as error:  # noqa: BLE001 - the text was answered; the picture is extra
        log.warning("could not send the chart %s: %s", reply.chart.name, error)


async def send_reply(message: Message, reply: Reply, prompt: bool = False, chart: bool = True) -> Message:
    """Answer `message` (quoted in groups, not in private chats), and its chart after it when it has one.

    With `prompt` in a group, the answer asks for a reply (ForceReply) so the
    user's next words reach the bot even with privacy mode on.
    """
    buttons = keyboard(reply)
    if prompt and buttons is None and message.chat.type != message.chat.PRIVATE:
        return await message.reply_text(html(reply), reply_markup=ForceReply(selective=True))
    sent = await message.reply_text(html(reply), reply_markup=buttons)
    if chart:
        await send_chart(sent, reply)
    return sent


async def edit_or_send(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, reply: Reply, edit: bool) -> None:
    """Show a button's answer: in place when `edit` (or for inline messages), else as a new message.

    "Message is not modified" (the same page pressed twice) is not an error.
    A message that can no longer be edited gets the answer as a new message.
    """
    buttons = keyboard(reply)
    message = query.message
    if edit or message is None:
        try:
            await query.edit_message_text(html(reply), reply_markup=buttons)
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return
            if message is None:
                raise
            log.info("could not edit message %s (%s); sending a new one", message.message_id, error)
    topic = message.message_thread_id if isinstance(message, Message) and message.is_topic_message else None
    sent = await context.bot.send_message(message.chat.id, html(reply), reply_markup=buttons, message_thread_id=topic)
    await send_chart(sent, reply)
