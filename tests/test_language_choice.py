"""One decision for a reply's language: explicit choice > confident detection > conversation > client > weak evidence > Indonesian."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.understanding.language import Detection, choose_language, client_language, detect
from tests import question_sets
from tests.shipped_words import WORDS, normalise

AMBIGUOUS = ["ok", "2019", "jogja", "Bandung", "Kab. OKI", "DI Yogyakarta", "Sumsel", "smart city", "mou 2019", "👍"]


def detection(text: str) -> Detection:
    return detect(normalise(text), WORDS)


# --- what the detector reports ------------------------------------------------------------------------------


def test_detection_counts_cue_words_of_each_language() -> None:
    assert detection("siapa menteri tahun 2020") == Detection(indonesian=3, english=0, lang="id", confident=True)
    assert detection("who was the minister in 2020") == Detection(indonesian=0, english=5, lang="en", confident=True)
    assert detection("2019") == Detection(indonesian=0, english=0, lang=None, confident=False)


@pytest.mark.parametrize("text", ["pilar", "di jakarta", "tahun 2019", "hello", "thanks", "members 2019", "malang in?"])
def test_one_ordinary_cue_word_is_weak(text: str) -> None:
    found = detection(text)
    assert found.lang is not None and not found.confident


@pytest.mark.parametrize("text, lang", [("apa?", "id"), ("malang ikut?", "id"), ("who?", "en"), ("the 2019 cohort", "en")])
def test_one_unmistakable_word_is_confident(text: str, lang: str) -> None:
    found = detection(text)
    assert (found.lang, found.confident) == (lang, True)


def test_mixed_text_is_indonesian_but_not_confident_when_english_words_outnumber() -> None:
    assert detection("smart living itu apa") == Detection(2, 0, "id", True)
    mixed = detection("what is the pillar itu apa")  # 2 Indonesian, 4 English, one strong Indonesian word
    assert (mixed.lang, mixed.confident) == ("id", False)


def test_names_are_no_evidence(engine: Engine) -> None:
    """'DI' in 'DI Yogyakarta' is not the Indonesian 'di': names are left out before counting."""
    found = engine.understand("DI Yogyakarta").detection
    assert found is not None and (found.indonesian, found.english, found.lang) == (0, 0, None)


# --- the chooser --------------------------------------------------------------------------------------------


def test_explicit_choice_wins_over_everything() -> None:
    english = detection("who was the minister in 2020")
    assert choose_language(english, chosen="id", conversation="en", client="en-GB") == "id"
    assert choose_language(detection("siapa menteri tahun 2020"), chosen="en", conversation="id", client="id") == "en"


@pytest.mark.parametrize("chosen", ["", "fr", "EN", None])
def test_an_unknown_choice_counts_as_none(chosen: str | None) -> None:
    assert choose_language(detection("siapa menteri tahun 2020"), chosen=chosen, conversation="en") == "id"


def test_confident_detection_beats_conversation_and_client() -> None:
    assert choose_language(detection("what is smart living"), conversation="id", client="id") == "en"
    assert choose_language(detection("kab oki ikut ga?"), conversation="en", client="en-GB") == "id"


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_telegram_english_user_keeps_english_after_an_ambiguous_message(engine: Engine, text: str) -> None:
    """The case that went wrong: language_code "en-GB", no history yet, a message that says nothing about language."""
    message = engine.understand(text).detection
    assert choose_language(message, chosen=None, conversation=None, client="en-GB") == "en"


@pytest.mark.parametrize("text", AMBIGUOUS + ["pilar", "di jakarta", "tahun 2019"])
def test_weak_evidence_does_not_switch_an_english_conversation(engine: Engine, text: str) -> None:
    assert choose_language(engine.understand(text).detection, conversation="en", client="en-GB") == "en"
    assert choose_language(engine.understand(text).detection, conversation="en", client="id") == "en"


@pytest.mark.parametrize("text", AMBIGUOUS + ["hello", "thanks", "members 2019"])
def test_weak_evidence_does_not_switch_an_indonesian_conversation(engine: Engine, text: str) -> None:
    assert choose_language(engine.understand(text).detection, conversation="id", client="en-GB") == "id"


def test_conversation_beats_client() -> None:
    assert choose_language(detection("2019"), conversation="id", client="en") == "id"
    assert choose_language(detection("2019"), conversation="en", client="id") == "en"


def test_client_language_decides_when_there_is_no_conversation() -> None:
    assert choose_language(detection("jogja"), client="en") == "en"
    assert choose_language(detection("hello"), client="id") == "id"  # one weak English word does not beat the client
    assert choose_language(None, client="en-US") == "en"


@pytest.mark.parametrize("code, lang", [("en", "en"), ("en-GB", "en"), ("EN_us", "en"), (" en ", "en"),
                                        ("id", "id"), ("ms", "id"), ("pt-BR", "id"), ("eng", "id"), ("", None), (None, None)])
def test_client_language_codes(code: str | None, lang: str | None) -> None:
    assert client_language(code) == lang


def test_without_any_context_weak_evidence_still_decides() -> None:
    """The command line has no conversation or client: a lone 'hello' is still answered in English."""
    assert choose_language(detection("hello")) == "en"
    assert choose_language(detection("pilar")) == "id"


def test_nothing_known_means_indonesian() -> None:
    assert choose_language(detection("2019")) == "id"
    assert choose_language(None) == "id"
    assert choose_language(None, conversation="xx", client="") == "id"


def test_without_context_the_choice_is_the_language_understanding_detects_today(engine: Engine) -> None:
    """Wiring the chooser into `ask` with no conversation and no client changes no reply of the question sets."""
    questions = question_sets.questions(question_sets.LABELLED, question_sets.HELD_OUT)
    assert len(questions) > 300
    for question in questions:
        u = engine.understand(question)
        assert choose_language(u.detection) == u.lang, question


def test_understander_keeps_its_fallback_for_ties(engine: Engine) -> None:
    assert engine.understander.understand("2019", fallback_lang="en").lang == "en"
    assert engine.understander.understand("2019", fallback_lang="id").lang == "id"
    assert engine.understander.understand("who joined in 2019", fallback_lang="id").lang == "en"
