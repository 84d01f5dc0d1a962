"""The answering engine: text or a button action -> Reply. Knows nothing of Telegram.

    engine = Engine.load(knowledge_dir, data_dir)
    engine.ask("kab oki ikut ga?")                       # Reply in Indonesian
    engine.act("c:2019", lang="en")                      # the 2019 cohort, in English
    engine.act(Cohort(2019), limits=Limits(4096, 64))    # paged to fit a front's message
    reply = engine.ask("kota blitar ikut?"); engine.ask("kalau kabupatennya?", topic=reply.topic)  # a follow-up

Every reply passes through `_answer`, which pages nothing itself (answers page
against the front's `Limits`), checks the limits hold, and writes the question
log. None of ask, ask_as and act raises.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path

from . import actions
from .actions import Action, NoneOfThese
from .answers.base import Context, join_paragraphs, links, source_label, source_line
from .answers.passages import Passages
from .answers.registry import by_intent, known_intents
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from .knowledge.store import Knowledge, load_knowledge
from .questionlog import Entry, QuestionLog
from .reply import DEFAULT_LIMITS, Button, Limits, Reply
from .search import Hit, search
from .topic import Topic
from .understanding.clauses import clauses, without_introduction
from .understanding.language import choose_language
from .understanding.normalise import normalise
from .understanding.understand import SMALLTALK, Understander, Understanding

log = logging.getLogger(__name__)
MAX_QUESTION = 4096


class Engine:
    """One knowledge version plus everything built from it; swap the whole object to reload."""

    def __init__(self, knowledge: Knowledge, question_log: QuestionLog | None = None) -> None:
        self.knowledge = knowledge
        self.question_log = question_log  # set by fronts that keep a log (Telegram)
        self.understander = Understander(knowledge)
        self.answers = by_intent()
        self.passages = Passages(knowledge)

    @classmethod
    def load(cls, knowledge_dir: Path, data_dir: Path) -> Engine:
        """Validate, build when changed, load. Raises KnowledgeError listing every problem."""
        return cls(load_knowledge(knowledge_dir, data_dir, intents=known_intents()))

    def understand(
        self, text: str, lang: str | None = None, conversation: str | None = None, client: str | None = None,
        topic: Topic | None = None,
    ) -> Understanding:
        """What a message asks, and the language to answer in (`choose_language`: the explicit `lang`, else a
        confident reading of the message, else the conversation's last language, else the client's language).
        With the conversation's `topic`, a short follow-up is read as the last question retold."""
        u = self.understander.understand(text[:MAX_QUESTION], topic=topic)
        if u.intent != "language.switch":  # asking for a language is the choice itself
            u.lang = choose_language(u.detection, chosen=lang, conversation=conversation, client=client)
        return u

    def ask(
        self, text: str, lang: str | None = None, conversation: str | None = None, user_hash: str | None = None,
        *, client: str | None = None, limits: Limits = DEFAULT_LIMITS, topic: Topic | None = None, now: float | None = None,
    ) -> Reply:
        """Answer a message. `lang` forces the reply language; `conversation` (the language of the last reply) and
        `client` (e.g. Telegram's language_code) decide it when the message itself does not say clearly.

        `topic` is the last reply's `topic`: a follow-up ("kalau kabupatennya?", "and 2022?") is read against
        it, unless it is older than `topic.TOPIC_MINUTES` at `now`. The reply carries the topic to hand back
        next time: this question's when it was answered, else the one given."""
        now = time.time() if now is None else now
        topic = topic if topic is not None and topic.fresh(now) else None
        text = without_introduction(text[:MAX_QUESTION])  # "Saya wartawan di Medan. Berapa ...": the question
        whole = self._ask_one(text, lang, conversation, user_hash, client, limits, topic, now)
        parts = clauses(text)
        if len(parts) > 1:  # "kapan MoU 2024, dan berapa daerah yang ikut?": each question in turn
            several = self._several(parts, lang, conversation, user_hash, client, limits, topic, now)
            # kept when it holds what the whole message was understood as, and more
            if several is not None and (not whole.answered or whole.intent in several.intent.split("+")):
                return several
        return whole

    def _several(
        self, parts: list[str], lang: str | None, conversation: str | None, user_hash: str | None, client: str | None,
        limits: Limits, topic: Topic | None, now: float,
    ) -> Reply | None:
        """The answers to each clause that add something, as one reply; None when fewer than two do, or when
        together they would not fit the smallest message a front may have."""
        replies: list[Reply] = []
        for part in parts:
            result = self._ask_one(part, lang, conversation, user_hash, client, limits, topic, now, logged=False)
            topic, conversation = result.topic or topic, result.lang
            if result.answered and result.intent not in SMALLTALK and all(result.text != r.text for r in replies):
                replies.append(result)
        if len(replies) < 2:
            return None
        first = replies[0]
        sources = sorted({s for r in replies for s in r.sources})
        text = "\n\n".join(r.plain() for r in replies)
        if len(text) > Limits.MIN_MESSAGE_CHARS:  # too long together: each answer's opening, then what room is left
            ctx = Context(self.knowledge, Translator(first.lang), limits)
            brief = _within_room(ctx, replies)
            if brief is None:
                return None
            text = brief
        intents = "+".join(dict.fromkeys(r.intent for r in replies))  # "cohort.mou+cohort.size"
        joined = Reply(text, first.lang, intents, sources=sources, links={k: v for r in replies for k, v in r.links.items()},
                       buttons=replies[-1].buttons, confidence=min(r.confidence for r in replies), topic=replies[-1].topic)
        # Short enough for every front (the content of an answer never depends on a front's message size)
        return joined if len(joined.plain()) <= Limits.MIN_MESSAGE_CHARS else None

    def _ask_one(
        self, text: str, lang: str | None, conversation: str | None, user_hash: str | None, client: str | None,
        limits: Limits, topic: Topic | None, now: float, logged: bool = True,
    ) -> Reply:
        """One question answered (and logged, unless it is a clause of a message already logged whole)."""
        question = text if logged else None
        u = self._understood(text, lang, conversation or (topic.lang if topic else None), client, topic)
        if u.intent == "language.switch" and topic is not None:  # "in english please": the last question again
            retold = self.understander.retell(topic)
            retold.lang = u.lang
            result = self._answer(retold, limits, question=question, user_hash=user_hash)
            result.language_asked, result.topic = True, replace(topic, lang=result.lang, at=now)
            return result
        result = self._answer(u, limits, question=question, user_hash=user_hash)
        result.language_asked = u.intent == "language.switch"
        understood = u.intent not in {"unknown", "clarify", "language.switch", *SMALLTALK}  # "not in our lists" too
        if result.leaned and topic is not None:  # answered from the conversation's place, year or topic
            result.topic = replace(topic, lang=result.lang, at=now)  # the conversation stays on it
        else:
            result.topic = Topic(tuple(u.words), u.intent, result.lang, now, self._years_of(u), result.people) if understood else topic
        return result

    def ask_as(
        self, kind: str, text: str, lang: str | None = None, conversation: str | None = None, user_hash: str | None = None,
        *, client: str | None = None, limits: Limits = DEFAULT_LIMITS,
    ) -> Reply:
        """Answer a command's argument as a region ("region"), province ("province") or cohort ("cohort") question."""
        u = self._understood(text, lang, conversation, client)
        if kind == "cohort":
            u.intent = "cohort.members" if u.year else "cohort.totals"
        elif kind == "province" and u.province:
            u.intent = "province.members"
        elif kind == "region" and u.regions:
            u.intent = "region.status"
        elif kind == "province" and not u.province:
            u.intent, u.province = "province.members", None
        elif u.intent != "clarify":
            u.intent = "clarify"
        result = self._answer(u, limits, question=text, user_hash=user_hash)
        result.topic = Topic(tuple(u.words), u.intent, result.lang, time.time()) if result.answered and u.words else None
        return result

    def search(self, query: str, lang: str = DEFAULT_LANGUAGE) -> list[Hit]:
        """Shareable entries for inline mode; render one with `act(hit.key)`."""
        return search(self.knowledge, query[:200], lang)

    def act(
        self, action: str | Action, lang: str = DEFAULT_LANGUAGE, user_hash: str | None = None,
        *, limits: Limits = DEFAULT_LIMITS,
    ) -> Reply:
        """Answer a button press or deep link (its string or the action). Anything this version does not know,
        or naming what the knowledge no longer has, gets a polite "this button is old"; never raises."""
        lang = _language(lang)
        decoded: Action | None = None
        try:
            decoded = actions.decode(action) if isinstance(action, str) else action
            u = self._for_action(decoded, lang) if decoded is not None else None
        except Exception:  # noqa: BLE001 - a button must never take the bot down
            log.exception("action %r failed", action)
            u = None
        if u is None:
            tr = Translator(lang)
            text = tr._("This button is from an older version of me and no longer works. Please ask again.")
            return Reply(text, tr.lang, "stale_action", answered=False)
        # "None of these" under a did-you-mean: the name the user wrote counts as unanswered for /unanswered.
        named = decoded.name if isinstance(decoded, NoneOfThese) and decoded.name else None
        if named:
            u.confidence = 0.0  # none of our guesses was right
        result = self._answer(u, limits, question=named, user_hash=user_hash)
        words = self._told(u) if result.answered else None
        result.topic = Topic(tuple(words), u.intent, result.lang, time.time()) if words else None
        return result

    def _years_of(self, u: Understanding) -> tuple[int, ...]:
        """The one cohort year of the region asked about, for a follow-up's "that year"; () when not one."""
        if u.year is not None or u.intent != "region.status" or len(u.regions) != 1:
            return ()
        years = {m.year for m in self.knowledge.members_by_region.get(u.regions[0], []) if m.status != "not_taken_up"}
        return tuple(years) if len(years) == 1 else ()

    def _told(self, u: Understanding) -> list[str] | None:
        """A pressed button as the question it answers ("kohort 2019"), so that a follow-up can lean on it."""
        k, said = self.knowledge, ""
        if u.intent == "region.status" and u.regions:
            said = f"{k.regions[u.regions[0]].name} ikut"
        elif u.intent == "province.members" and u.province in k.provinces:
            said = f"peserta {k.provinces[u.province].name} {u.year or ''}"
        elif u.intent.startswith("cohort.") and u.year is not None:
            said = f"kohort {u.year}"
        return normalise(said, k.words) or None

    def _for_action(self, action: Action, lang: str) -> Understanding | None:
        """What answers see for an action, or None when there is no answer for it or it names what is not known."""
        u = actions.understanding(action, lang)
        return u if u.intent in self.answers and action.known(self.knowledge) else None

    def _understood(
        self, text: str, lang: str | None, conversation: str | None, client: str | None, topic: Topic | None = None,
    ) -> Understanding:
        try:
            return self.understand(text, lang, conversation, client, topic)
        except Exception:  # noqa: BLE001 - a message must never take the bot down
            log.exception("understanding failed")
            return Understanding(text, [], choose_language(None, lang, conversation, client), "unknown", 0.0)

    def _answer(self, u: Understanding, limits: Limits, question: str | None, user_hash: str | None) -> Reply:
        """The one path of every reply: answer, keep within the limits, log the question (if there is one)."""
        result = _within(self.respond(u, limits), limits)
        if self.question_log is not None and question is not None and question.strip():
            self.question_log.record(Entry(
                question[:500], " ".join(u.words)[:500], result.lang, u.intent, u.confidence, result.answered, tuple(u.regions), user_hash,
            ))
        return result

    def respond(self, u: Understanding, limits: Limits = DEFAULT_LIMITS) -> Reply:
        ctx = Context(self.knowledge, Translator(u.lang), limits)
        try:
            result = self.answers.get(u.intent, self.answers["unknown"]).answer(u, ctx)
            result = self.passages.instead(u, result, ctx) or result
            if u.frame.not_known and result.intent != "out_of_scope" and not _mentions(result, u.frame.not_known):
                # "berapa anggaran smart city": the reply says nothing of the budget, so say that is not known
                result = self.answers["out_of_scope"].answer(replace(u, intent="out_of_scope"), ctx)
            result.links = links(ctx, result.sources)
            return result
        except Exception:  # noqa: BLE001
            log.exception("answer failed for intent %s", u.intent)
            text = ctx.tr._("Sorry, something went wrong while answering. Please try again.")
            return Reply(text, ctx.lang, "error", answered=False, confidence=0.0)


def _within_room(ctx: Context, replies: list[Reply]) -> str | None:
    """Several answers in the smallest message a front may have: every answer's opening (its title and first
    paragraph, with the list a paragraph ending in ':' announces), then the other paragraphs in order, the first
    answer's first, while they fit; the sources of all, and a word that each question asked alone says more.
    None when a list would have to be shortened."""
    bodies = [[p for p in r.text.split("\n\n") if p and not p.startswith(source_label(ctx))] for r in replies]
    taken = [1 + (len(body) > 1 and body[0].rstrip().endswith(":")) for body in bodies]
    tail = [source_line(ctx, [s for r in replies for s in r.sources]), ctx.tr._("Ask each question on its own for the details.")]

    def text() -> str:
        return join_paragraphs(*(join_paragraphs(r.title or "", *body[:n]) for r, body, n in zip(replies, bodies, taken, strict=True)),
                               *tail)

    for index, body in enumerate(bodies):
        while taken[index] < len(body):
            taken[index] += 1
            if len(text()) > Limits.MIN_MESSAGE_CHARS:
                taken[index] -= 1
                break
    left_out = [p for body, n in zip(bodies, taken, strict=True) for p in body[n:]]
    if any(p.lstrip().startswith("•") for p in left_out):
        return None  # a list is never shortened: the message is then answered whole
    if not left_out:
        tail.pop()
    return text()


def _mentions(result: Reply, words: list[str]) -> bool:
    text = result.plain().lower()
    return any(word in text for word in words)


def _language(lang: str | None) -> str:
    return lang if lang is not None and lang in LANGUAGES else DEFAULT_LANGUAGE


def _within(result: Reply, limits: Limits) -> Reply:
    """The last guard, never reached by the answers as written (tests/test_limits.py): a button whose action is too
    long is left out, and a text too long is cut at a line break, visibly (…); both are logged as errors."""
    rows: list[list[Button]] = []
    for row in result.buttons:
        kept = [b for b in row if limits.fits_action(b.action)]
        if len(kept) < len(row):
            log.error("reply %s: button actions over %s bytes left out: %s", result.intent, limits.action_bytes,
                      [b.action for b in row if b not in kept])
        if kept:
            rows.append(kept)
    result.buttons = rows
    if limits.message_chars is None or limits.fits_text(result.plain()):
        return result
    log.error("reply %s of %d characters is over the %d limit and was cut", result.intent, len(result.plain()), limits.message_chars)
    room = limits.message_chars - len(result.title or "") - 4
    cut = result.text[:room]
    result.text = (cut[: cut.rfind("\n")] if "\n" in cut else cut) + "\n…"
    return result
