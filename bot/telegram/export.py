"""/export (/ekspor): a cohort year's or a province's participants as a workbook, or as CSV on request.

Open to everyone: officials forward these lists. The file is made by
`bot.export` in the user's language; Telegram shows "sending a file" while it
is made.
"""

from __future__ import annotations

import asyncio
import io

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import ContextTypes

from ..export import as_csv, as_xlsx, file_stem, resolve_target, table
from ..i18n import Translator
from . import services
from .language import user_language

FORMATS = ("xlsx", "csv")


async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export <year | province> [csv]: the list as an .xlsx workbook (or CSV)."""
    message = update.effective_message
    if message is None:
        return
    tr = Translator(user_language(context, update.effective_user))
    words = list(context.args or [])
    fmt = words.pop().lower() if words and words[-1].lower() in FORMATS else "xlsx"
    knowledge = services.engine(context).knowledge
    target = resolve_target(knowledge, " ".join(words))
    if target is None:
        await message.reply_text(tr._("Tell me a cohort year or a province, e.g. /export 2019 or /export Jawa Timur "
                                      "(add csv for a CSV file)."), parse_mode=None)
        return
    rows = table(knowledge, tr, *target)
    if not rows.rows:
        await message.reply_text(tr._("{title}: no kabupaten/kota in our lists.").format(title=rows.title), parse_mode=None)
        return
    await message.reply_chat_action(ChatAction.UPLOAD_DOCUMENT)
    data = await asyncio.to_thread(as_xlsx if fmt == "xlsx" else as_csv, rows)  # off the event loop
    caption = tr._("{title}: regions, cohort years, status and sources.").format(title=rows.title)
    await message.reply_document(InputFile(io.BytesIO(data), filename=f"{file_stem(knowledge, *target)}.{fmt}"),
                                 caption=caption)
