"""Button presses (callback queries) carrying engine actions: answer, then edit or send.

Actions are stateless strings, so a press on an old message still works; one
this engine version no longer knows gets the engine's polite "this button is
too old" reply. Moving within a list (its page buttons) edits the list's own
message; every other follow-up arrives as a new message.
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from ..actions import FindRegion, decode, is_navigation
from . import services
from .conversation import await_name, keep_topic
from .language import remember, user_language
from .render import LIMITS, edit_or_send


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A press on an answer's button: the engine's reply to its action."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()  # stops the button's spinner at once, whatever happens next
    action = decode(query.data or "")
    engine = services.engine(context)
    if action is None:  # the engine says "this button is old"
        reply = engine.act(query.data or "", user_language(context, query.from_user), limits=LIMITS)
    else:
        reply = engine.act(action, user_language(context, query.from_user), services.user_hash(context, query.from_user), limits=LIMITS)
    remember(context, reply)
    if query.message is not None and isinstance(query.message, Message):
        keep_topic(context, query.message, reply.topic)  # "yang di jatim?" after pressing "Kohort 2019"
    if isinstance(action, FindRegion):
        await_name(update, context, "region")
    await edit_or_send(query, context, reply, edit=is_navigation(action))
