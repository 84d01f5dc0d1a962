"""Messages in: /start and the topic commands, free text in private chats, and addressed text in groups.

Each callback picks the reply language (see `language`), asks the engine and
sends its Reply through `render`. A command without its argument (/daerah,
/provinsi) leaves a prompt: the user's next words in that chat are taken as
the name asked for. A follow-up ("kalau kabupatennya?") is read against the
last question of the same chat and thread, kept per user (`TOPICS`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from telegram import Message, MessageEntity, Update
from telegram.ext import ContextTypes

from ..actions import Action, CohortTotals, FindRegion, Language, Pillars, Sources, encode, from_deep_link
from ..actions import Help as HelpAction
from ..i18n import Translator
from ..reply import Button, Reply
from ..topic import Topic
from . import feedback, services
from .language import chosen_language, client_code, last_language, remember, user_language
from .render import LIMITS, send_chart, send_reply

log = logging.getLogger(__name__)

AWAITING = "awaiting"  # context.user_data: {"kind": "region"|"province", "chat": chat id}
TOPICS = "topics"  # context.user_data: {"chat:thread": Topic.to_dict()}, the last question of each conversation
MAX_TOPICS = 20  # conversations per user remembered (groups and threads each count as one)


def welcome(lang: str) -> Reply:
    """The /start message: what the bot is for, with the main topics as buttons."""
    tr = Translator(lang)
    text = tr._(
        "Hello! I am Tanya Smart City. Ask me about Gerakan Menuju Smart City, Indonesia's smart-city "
        "programme: whether a kabupaten or kota takes part, each year's cohort, the six pillars.\n\n"
        "Write your question, or pick a topic. /help lists the commands."
    )
    buttons = [
        [Button(tr._("The six pillars"), encode(Pillars())), Button(tr._("Cohorts by year"), encode(CohortTotals()))],
        [Button(tr._("Find a region"), encode(FindRegion())), Button(tr._("Language"), encode(Language()))],
    ]
    return Reply(text, lang, "start", title="Tanya Smart City", buttons=buttons)


async def answer(message: Message, context: ContextTypes.DEFAULT_TYPE, reply: Reply, prompt: bool = False,
                 chart: bool = True) -> Message:
    """Send an engine reply (and its chart, unless `chart` is False) and remember its language for the user's next
    message; returns the message sent."""
    remember(context, reply)
    return await send_reply(message, reply, prompt=prompt, chart=chart)


async def act(update: Update, context: ContextTypes.DEFAULT_TYPE, action: Action, prompt: bool = False) -> None:
    """Answer with the engine's reply to an action, in the user's language."""
    message = update.effective_message
    if message is None:
        return
    reply = services.engine(context).act(action, user_language(context, update.effective_user), limits=LIMITS)
    await answer(message, context, reply, prompt=prompt)


def argument(context: ContextTypes.DEFAULT_TYPE) -> str:
    return " ".join(context.args or []).strip()


def await_name(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str) -> None:
    """Take the user's next words in this chat as a `kind` name."""
    if context.user_data is not None and update.effective_chat is not None:
        context.user_data[AWAITING] = {"kind": kind, "chat": update.effective_chat.id}


def take_awaiting(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The kind of name this message was asked for, if any (forgotten once taken)."""
    if context.user_data is None or update.effective_chat is None:
        return None
    pending = context.user_data.pop(AWAITING, None)
    if pending and pending.get("chat") == update.effective_chat.id:
        return str(pending["kind"])
    return None


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Free text -> engine.ask (or engine.ask_as after a /daerah or /provinsi prompt)."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    engine = services.engine(context)
    lang, last, client = chosen_language(context, user), last_language(context), client_code(user)
    kind = take_awaiting(update, context)
    who = services.user_hash(context, user)
    if not text:
        reply = engine.act(HelpAction(), user_language(context, user), limits=LIMITS)
    elif kind is not None:
        reply = engine.ask_as(kind, text, lang, last, who, client=client, limits=LIMITS)
    else:
        reply = engine.ask(text, lang, last, who, client=client, limits=LIMITS, topic=last_topic(context, message))
    if reply.language_asked and user is not None:  # "in english please" is a choice, like /language
        await services.languages(context).choose(user.id, reply.lang)
    keep_topic(context, message, reply.topic)
    if message.chat.type == message.chat.PRIVATE and text and feedback.offered(reply):  # was this helpful?
        sent = await answer(message, context, feedback.with_votes(reply), chart=False)
        feedback.keep_question(context, sent, text, reply.intent)  # before the chart: a quick vote finds its question
        await send_chart(sent, reply)
        return
    await answer(message, context, reply)


def last_topic(context: ContextTypes.DEFAULT_TYPE, message: Message) -> Topic | None:
    """The last question of this conversation (this chat, this thread), for a follow-up."""
    topics = context.user_data.get(TOPICS) if context.user_data is not None else None
    return Topic.from_dict(topics.get(_conversation(message))) if isinstance(topics, dict) else None


def keep_topic(context: ContextTypes.DEFAULT_TYPE, message: Message, topic: Topic | None) -> None:
    if context.user_data is None or topic is None:
        return
    topics = context.user_data.setdefault(TOPICS, {})
    key = _conversation(message)
    topics.pop(key, None)
    topics[key] = topic.to_dict()
    while len(topics) > MAX_TOPICS:
        topics.pop(next(iter(topics)))


def _conversation(message: Message) -> str:
    return f"{message.chat_id}:{message.message_thread_id or 0}"


# ---------------------------------------------------------------- commands


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start [payload]: the welcome, or straight to a topic for a deep link (/start region_16_02)."""
    message = update.effective_message
    if message is None:
        return
    payload = argument(context)
    action = from_deep_link(payload) if payload else None
    if action is not None:
        await act(update, context, action)
        return
    await answer(message, context, welcome(user_language(context, update.effective_user)))


async def pillars(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pilar, /pillars: the six pillars (with a name: that pillar, as a question)."""
    if argument(context):
        await ask(update, context, argument(context))
    else:
        await act(update, context, Pillars())


async def cohort(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/kohort [year], /cohort [year]: one cohort's members, or the totals with a button per year."""
    if argument(context):
        await named(update, context, "cohort", None)
    else:
        await act(update, context, CohortTotals())


async def region(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/daerah <name>, /region <name>: does this kabupaten/kota take part? Without a name: ask for one."""
    await named(update, context, "region", FindRegion())


async def province(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/provinsi <name>, /province <name>: the participants of a province. Without a name: ask for one."""
    await named(update, context, "province", None)


async def named(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str, prompt_action: Action | None) -> None:
    """A command whose argument names a region, province or cohort; without one, the next text is taken as it."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    name = argument(context)
    if name:
        await ask_as(update, context, kind, name)
        return
    await_name(update, context, kind)
    engine = services.engine(context)
    lang = user_language(context, user)
    prompt = engine.act(prompt_action, lang, limits=LIMITS) if prompt_action else engine.ask_as(kind, "", lang, limits=LIMITS)
    await answer(message, context, prompt, prompt=True)


async def ask_as(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str, text: str) -> None:
    """A command's argument, answered as a `kind` question (logged like any question)."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    reply = services.engine(context).ask_as(
        kind, text, chosen_language(context, user), last_language(context), services.user_hash(context, user),
        client=client_code(user), limits=LIMITS)
    keep_topic(context, message, reply.topic)
    await answer(message, context, reply)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sumber, /sources: where the knowledge comes from."""
    await act(update, context, Sources())


async def notice(update: Update, context: ContextTypes.DEFAULT_TYPE, text: Callable[[Translator], str], intent: str) -> None:
    """A short message from the Telegram layer itself, in the user's language."""
    if update.effective_message is None:
        return
    lang = user_language(context, update.effective_user)
    await send_reply(update.effective_message, Reply(text(Translator(lang)), lang, intent))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command this bot does not have (private chats only)."""
    await notice(update, context, lambda tr: tr._("I don't know that command. /help lists what I can do."), "unknown_command")


# ---------------------------------------------------------------- free text


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question (or the comment asked for after a 👎)."""
    message = update.effective_message
    if message is not None and message.text and not await feedback.took_comment(update, context):
        await ask(update, context, message.text)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text in a group: answered only when it mentions the bot or replies to it; silence otherwise."""
    message = update.effective_message
    if message is None or not message.text:
        return
    username = (context.bot.username or "").lower()
    mentions = [
        entity
        for entity, value in message.parse_entities([MessageEntity.MENTION]).items()
        if username and value.lower() == f"@{username}"
    ]
    replied = message.reply_to_message
    to_bot = replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id
    if not mentions and not to_bot:
        return
    text = re.sub(rf"@{re.escape(username)}\b", " ", message.text, flags=re.IGNORECASE) if mentions else message.text
    await ask(update, context, " ".join(text.split()))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, photo or voice note in a private chat: say that only text is read."""
    await notice(update, context, lambda tr: tr._("I can only read text. Please type your question."), "not_text")
