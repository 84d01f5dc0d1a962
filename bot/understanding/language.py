"""Which language to answer in: what the message's own words say (`detect`), then one choice (`choose_language`).

`detect` counts Indonesian and English cue words (knowledge/words.yaml, section `language`)
outside region and province names; mixed text ("smart living itu apa") counts as Indonesian.
`choose_language` is the one place that weighs that evidence against an explicit choice, the
conversation's last language and the client's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..knowledge.words import Words


@dataclass(frozen=True)
class Detection:
    """What a message's own words say about its language."""

    indonesian: int  # Indonesian cue words outside names
    english: int  # English cue words outside names
    lang: str | None  # the language they point to; None when they say nothing (a tie, often 0-0)
    confident: bool  # enough to decide on its own: two cue words, or one unmistakable one, and more than the other side


def detect(words: list[str], cues: Words) -> Detection:
    """The evidence in normalised words (names already left out)."""
    id_score = sum(1 for w in words if w in cues.indonesian)
    en_score = sum(1 for w in words if w in cues.english)
    if id_score == en_score:
        return Detection(id_score, en_score, None, False)
    strong_id = any(w in cues.strong_indonesian for w in words)
    if id_score and en_score and id_score >= en_score / 2 and strong_id:
        lang = "id"
    else:
        lang = "id" if id_score > en_score else "en"
    mine, theirs = (id_score, en_score) if lang == "id" else (en_score, id_score)
    strong = strong_id if lang == "id" else any(w in cues.strong_english for w in words)
    return Detection(id_score, en_score, lang, mine > theirs and (mine >= 2 or strong))


def detect_language(words: list[str], cues: Words, fallback: str = DEFAULT_LANGUAGE) -> str:
    """'id' or 'en' for normalised words; ties go to `fallback`."""
    return detect(words, cues).lang or fallback


def client_language(code: str | None) -> str | None:
    """A client's language tag (Telegram's language_code): 'en', 'en-GB' -> 'en'; any other -> 'id'; none -> None."""
    if not code or not code.strip():
        return None
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    return "en" if primary == "en" else DEFAULT_LANGUAGE


def choose_language(
    message: Detection | None,
    chosen: str | None = None,
    conversation: str | None = None,
    client: str | None = None,
) -> str:
    """The language of a reply.

    An explicit choice (/bahasa, --lang) wins; else a confident detection from the message's own
    words; else the conversation's last language; else the client's language (`client_language`);
    else whatever weak evidence the message has; else Indonesian. So "ok", "2019" or a bare region
    name never switch a conversation, or an English-speaking client, to the other language.
    """
    for decided in (
        chosen,
        message.lang if message is not None and message.confident else None,
        conversation,
        client_language(client),
        message.lang if message is not None else None,
    ):
        if decided is not None and decided in LANGUAGES:
            return decided
    return DEFAULT_LANGUAGE
