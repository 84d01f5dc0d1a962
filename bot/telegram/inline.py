"""Inline mode: `@bot <query>` in any chat lists matching regions, provinces, cohorts and pillars.

Each result is an article whose message is the engine's rendered answer for
that entry (HTML), with a button that opens the bot on that topic (a deep
link). Results come 50 at a time; `next_offset` pages on. When nothing
matches, a button offers to ask in a private chat.
"""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import InlineQueryLimit, ParseMode
from telegram.ext import ContextTypes

from ..actions import decode, to_deep_link
from ..i18n import Translator
from . import services
from .language import user_language
from .render import LIMITS, html

PAGE = InlineQueryLimit.RESULTS  # 50


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer an inline query with one page of search hits."""
    query = update.inline_query
    if query is None:
        return
    engine = services.engine(context)
    lang = user_language(context, query.from_user)
    offset = query.offset
    start = int(offset) if offset.isascii() and offset.isdigit() and len(offset) <= 6 else 0
    tr = Translator(lang)
    hits = engine.search(query.query, lang)
    page = hits[start : start + PAGE]
    results = [
        InlineQueryResultArticle(
            id=hit.key,
            title=hit.title,
            description=hit.description,
            input_message_content=InputTextMessageContent(html(engine.act(hit.key, lang, limits=LIMITS)), parse_mode=ParseMode.HTML),
            reply_markup=opener(tr, context.bot.username, hit.key),
        )
        for hit in page
    ]
    more = start + PAGE < len(hits)
    ask_privately = None if hits else InlineQueryResultsButton(text=tr._("Nothing found: ask me in a private chat"),
                                                              start_parameter="inline")
    # No next_offset at all on the last page: with Defaults set, PTB 22.8 sends an empty string
    # parameter as "[]" (its InputPollOption defaults branch matches the empty sequence).
    await query.answer(results, cache_time=60, is_personal=True, next_offset=str(start + PAGE) if more else None,
                       button=ask_privately)


def opener(tr: Translator, username: str | None, key: str) -> InlineKeyboardMarkup | None:
    """A shared card's button: the bot opened on the card's topic (t.me/<bot>?start=region_16_02)."""
    action = decode(key)
    payload = to_deep_link(action) if action is not None else None
    if not username or payload is None:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(tr._("Open in the bot"), url=f"https://t.me/{username}?start={payload}")]])
