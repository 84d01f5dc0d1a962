"""The answering engine: text or a button action -> Reply. Knows nothing of Telegram.

    engine = Engine.load(knowledge_dir, data_dir)
    engine.ask("kab oki ikut ga?")            # Reply in Indonesian
    engine.act("c:2019", lang="en")           # the 2019 cohort, in English
"""

from __future__ import annotations

import logging
from pathlib import Path

from .actions import parse_action
from .admin.questionlog import Entry, QuestionLog
from .answers.base import Context
from .answers.registry import by_intent, known_intents
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from .knowledge.store import Knowledge, load_knowledge
from .reply import MAX_MESSAGE, Reply
from .search import Hit, search
from .understanding.understand import Understander, Understanding

log = logging.getLogger(__name__)
MAX_QUESTION = 4096


class Engine:
    """One knowledge version plus everything built from it; swap the whole object to reload."""

    def __init__(self, knowledge: Knowledge, question_log: "QuestionLog | None" = None) -> None:
        self.knowledge = knowledge
        self.question_log = question_log  # set by fronts that keep a log (Telegram)
        self.understander = Understander(knowledge)
        self.answers = by_intent()

    @classmethod
    def load(cls, knowledge_dir: Path, data_dir: Path) -> "Engine":
        """Validate, build when changed, load. Raises KnowledgeError listing every problem."""
        return cls(load_knowledge(knowledge_dir, data_dir, intents=known_intents()))

    def understand(self, text: str, lang: str | None = None, fallback: str = DEFAULT_LANGUAGE) -> Understanding:
        u = self.understander.understand(text[:MAX_QUESTION], fallback_lang=fallback if fallback in LANGUAGES else DEFAULT_LANGUAGE)
        if lang in LANGUAGES:
            u.lang = lang
        return u

    def ask(self, text: str, lang: str | None = None, fallback: str = DEFAULT_LANGUAGE, user_hash: str | None = None) -> Reply:
        """Answer a message. `lang` forces the reply language; otherwise it is detected, ties going to `fallback`."""
        try:
            u = self.understand(text, lang, fallback)
        except Exception:  # noqa: BLE001 - a message must never take the bot down
            log.exception("understanding failed")
            u = Understanding(text, [], lang or fallback, "unknown", 0.0)
        result = self.respond(u)
        if self.question_log is not None:
            self.question_log.record(Entry(
                text[:500], " ".join(u.words)[:500], result.lang, u.intent, u.confidence, result.answered,
                tuple(u.regions), user_hash,
            ))
        return result

    def ask_as(self, kind: str, text: str, lang: str | None = None, fallback: str = DEFAULT_LANGUAGE) -> Reply:
        """Answer a command's argument as a region ("region") or a province ("province") question."""
        u = self.understand(text, lang, fallback)
        if kind == "province" and u.province:
            u.intent = "province.members"
        elif kind == "region" and u.regions:
            u.intent = "region.status"
        elif kind == "province" and not u.province:
            u.intent, u.province = "province.members", None
        elif u.intent != "clarify":
            u.intent = "clarify"
        return self.respond(u)

    def search(self, query: str, lang: str = DEFAULT_LANGUAGE) -> list[Hit]:
        """Shareable entries for inline mode; render one with `act(hit.key)`."""
        return search(self.knowledge, query[:200], lang)

    def act(self, action: str, lang: str = DEFAULT_LANGUAGE, user_hash: str | None = None) -> Reply:
        """Answer a button press or deep link; an action this version does not know says so."""
        u = parse_action(action, lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
        if u is None or u.intent not in self.answers:
            tr = Translator(lang)
            return Reply(tr._("This button is from an older version of me and no longer works. Please ask again."), tr.lang, "stale_action", answered=False)
        result = self.respond(u)
        if u.intent == "none" and self.question_log is not None and u.text != action:
            # "None of these" under a did-you-mean: the name counts as unanswered for /unanswered.
            self.question_log.record(Entry(u.text, u.text, u.lang, "none", 0.0, False, (), user_hash))
        return result

    def respond(self, u: Understanding) -> Reply:
        ctx = Context(self.knowledge, Translator(u.lang))
        try:
            result = self.answers.get(u.intent, self.answers["unknown"]).answer(u, ctx)
        except Exception:  # noqa: BLE001
            log.exception("answer failed for intent %s", u.intent)
            result = Reply(ctx.tr._("Sorry, something went wrong while answering. Please try again."), ctx.lang, "error", answered=False, confidence=0.0)
        return _fit(result)


def _fit(result: Reply) -> Reply:
    """Never more than one Telegram message: cut at a line break if an answer ran long."""
    if len(result.plain()) <= MAX_MESSAGE:
        return result
    room = MAX_MESSAGE - len(result.title or "") - 10
    cut = result.text[:room]
    result.text = cut[: cut.rfind("\n")] if "\n" in cut else cut
    result.text += "\n…"
    return result
