"""Was this helpful? 👍/👎 under the answers to questions in private chats; a 👎 asks for an optional comment, and
under a region's answer a regional office can send a correction with its source.

The front keeps, per user (`context.user_data`, bounded like the rest), which
of its last messages answered which question, so a vote is stored with that
question and its intent (`bot.feedback`, no Telegram ids). The vote row goes
from the keyboard once pressed; a 👎 prompts for a reply (ForceReply), and only
a reply to that prompt is taken as the comment.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from telegram import ForceReply, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from ..actions import Correction, Feedback, decode, encode
from ..feedback import MAX_TEXT, FeedbackLog
from ..i18n import Translator
from ..reply import Button, Reply
from . import services
from .language import user_language

ASKED = "asked"  # user_data: message id -> [question, intent] of the latest answers
COMMENT = "comment_for"  # user_data: {"prompt": message id, "row": feedback row} after a 👎
FIX = "correction_for"  # user_data: {"prompt": message id, "question": text} after "report a correction"
KEPT = 10  # answers per user whose question is remembered for a vote


def offered(reply: Reply) -> bool:
    """Whether an answer gets the vote row: a real answer, not small talk or a "did you mean"."""
    return reply.answered and reply.intent not in ("greeting", "thanks", "help", "clarify", "language.switch", "unknown")


def with_votes(reply: Reply) -> Reply:
    """The reply with a 👍 👎 row under its own buttons, and under a region's answer a button to correct it."""
    votes = [Button("👍", encode(Feedback("up"))), Button("👎", encode(Feedback("down")))]
    fix = [[Button(Translator(reply.lang)._("✏️ Report a correction"), encode(Correction()))]] if reply.intent == "region.status" else []
    return replace(reply, buttons=[*reply.buttons, votes, *fix])


def keep_question(context: ContextTypes.DEFAULT_TYPE, sent: Message, question: str, intent: str) -> None:
    """Remember which question the answer `sent` answered (and that it has no vote yet)."""
    if context.user_data is None:
        return
    asked = context.user_data.setdefault(ASKED, {})
    asked[sent.message_id] = [question[:MAX_TEXT], intent, False]
    while len(asked) > KEPT:
        asked.pop(next(iter(asked)))


def is_vote(data: object) -> bool:
    return isinstance(data, str) and isinstance(decode(data), Feedback)


async def on_vote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A 👍 or 👎: thank, store it with the question that message answered, take the row away; after a 👎 ask what
    was wrong."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        return
    tr = Translator(user_language(context, query.from_user))
    action = decode(query.data or "")
    assert isinstance(action, Feedback)
    await query.answer(tr._("Thank you!"))
    entry = (context.user_data or {}).get(ASKED, {}).get(query.message.message_id)
    store: FeedbackLog | None = context.bot_data.get(services.FEEDBACK_LOG)
    row = None
    if entry is not None and not entry[2] and store is not None:  # one vote per answer, on an answer still known
        entry[2] = True
        row = await asyncio.to_thread(store.vote, entry[0], entry[1], action.vote)
    markup = query.message.reply_markup
    rows = [r for r in (markup.inline_keyboard if markup else ()) if not any(is_vote(b.callback_data) for b in r)]
    await query.edit_message_reply_markup(InlineKeyboardMarkup(rows) if rows else None)
    if action.vote == "down" and row is not None and context.user_data is not None:
        prompt = await query.message.reply_text(
            tr._("Sorry this did not help. What was missing or wrong? Reply to this message in a few words if you "
                 "like; the admins read it."), reply_markup=ForceReply(selective=True), parse_mode=None)
        context.user_data[COMMENT] = {"prompt": prompt.message_id, "row": row}


def is_correction_request(data: object) -> bool:
    return isinstance(data, str) and decode(data) == Correction()


async def on_correction_request(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"Report a correction" under a region's answer: ask for it, with a source, in a reply."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message) or context.user_data is None:
        return
    tr = Translator(user_language(context, query.from_user))
    await query.answer()
    question = (context.user_data.get(ASKED) or {}).get(query.message.message_id, [""])[0]
    prompt = await query.message.reply_text(
        tr._("What should be corrected in this answer? Write it in a reply to this message, with a link to your "
             "source (an official letter or a news item); the admins check every correction."),
        reply_markup=ForceReply(selective=True), parse_mode=None)
    context.user_data[FIX] = {"prompt": prompt.message_id, "question": question}


async def took_comment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """A reply to the "what was wrong?" prompt: stored as the 👎's comment and thanked; False for anything else."""
    message = update.effective_message
    replied = message.reply_to_message if message is not None else None
    if message is None or not message.text or replied is None or context.user_data is None:
        return False
    store: FeedbackLog | None = context.bot_data.get(services.FEEDBACK_LOG)
    tr = Translator(user_language(context, update.effective_user))
    for key in (COMMENT, FIX):
        waiting = context.user_data.get(key)
        if not waiting or replied.message_id != waiting["prompt"]:
            continue
        context.user_data.pop(key, None)
        if key == COMMENT:
            kept = store is not None and await asyncio.to_thread(store.comment, waiting["row"], message.text)
            said = tr._("Thank you, the admins will read it.")
        else:
            kept = store is not None and await asyncio.to_thread(store.correction, waiting["question"], message.text) is not None
            said = tr._("Thank you. The admins will check it against your source.")
            if "http" not in message.text:
                said += " " + tr._("A link to the source helps them: if you have one, send a new correction with it.")
        if not kept:
            said = tr._("Sorry, I could not keep that just now. Please try again later.")
        await message.reply_text(said, parse_mode=None)
        return True
    return False
