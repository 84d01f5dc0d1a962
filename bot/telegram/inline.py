"""Inline mode: `@bot <query>` in any chat lists matching regions, cohorts and pillars.

Each result is an article whose message is the engine's rendered answer for
that entry (HTML). Results come 50 at a time; `next_offset` pages on.
"""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import InlineQueryLimit, ParseMode
from telegram.ext import ContextTypes

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
    hits = engine.search(query.query, lang)
    page = hits[start : start + PAGE]
    results = [
        InlineQueryResultArticle(
            id=hit.key,
            title=hit.title,
            description=hit.description,
            input_message_content=InputTextMessageContent(html(engine.act(hit.key, lang, limits=LIMITS)), parse_mode=ParseMode.HTML),
        )
        for hit in page
    ]
    more = start + PAGE < len(hits)
    # No next_offset at all on the last page: with Defaults set, PTB 22.8 sends an empty string
    # parameter as "[]" (its InputPollOption defaults branch matches the empty sequence).
    await query.answer(results, cache_time=60, is_personal=True, next_offset=str(start + PAGE) if more else None)
