"""Groups: a greeting when the bot is added, saying how to ask there, and the same hint under /help in a group.

In a group the bot answers commands, messages that mention it and replies to
its messages (`conversation.group_text`); everything else it leaves alone.
"""

from __future__ import annotations

from telegram import Chat, ChatMember, Update
from telegram.ext import ContextTypes

from ..i18n import Translator
from .language import user_language

JOINED = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR)
OUTSIDE = (ChatMember.LEFT, ChatMember.BANNED)


def group_hint(tr: Translator, username: str) -> str:
    """How to ask in a group."""
    return tr._("In a group I answer commands such as /{command} 2019, messages that mention me (@{bot}) and replies "
                "to my messages; I stay quiet otherwise.").format(command="cohort" if tr.lang == "en" else "kohort", bot=username)


def in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (Chat.GROUP, Chat.SUPERGROUP)


async def on_added(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot's own membership changed: when it has just been added to a group, greet once, in the language of
    whoever added it."""
    change = update.my_chat_member
    if change is None or not in_group(update):
        return
    if not (change.old_chat_member.status in OUTSIDE and change.new_chat_member.status in JOINED):
        return
    tr = Translator(user_language(context, update.effective_user))
    greeting = tr._("Hello! I answer questions about Gerakan Menuju Smart City, the national smart-city programme.")
    await context.bot.send_message(change.chat.id, f"{greeting} {group_hint(tr, context.bot.username or '')}", parse_mode=None)
