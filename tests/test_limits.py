"""Limits: every reply fits what the front can show, by paging, and nothing asked for is ever cut."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.actions import CohortTotals, NoneOfThese, decode, encode
from bot.engine import Engine
from bot.reply import UNLIMITED, Limits, Reply
from bot.understanding.entities import FuzzyResult
from bot.understanding.understand import Understanding
from tests.question_sets import LABELLED, questions

SMALL = Limits(message_chars=1000, action_bytes=32)  # the smallest limits answers are written for
QUESTIONS = questions(LABELLED)


def starting_points(engine: Engine) -> list[str]:
    """An action for everything the knowledge has; the buttons of their replies lead on from there."""
    k = engine.knowledge
    return [
        "ct", "pl", "alt", "src", "help", "find", "mn", "dj",
        *[f"prog:{intent.removeprefix('programme.')}" for intent in engine.answers if intent.startswith("programme.")],
        *[f"c:{y}" for y in k.cohorts], *[f"cm:{y}" for y in k.cohorts], *[f"p:{p}" for p in k.provinces],
        *[f"pl:{p}" for p in k.pillars], *[f"r:{c}" for c in k.members_by_region], *[f"ev:{c}" for c in k.events_by_region],
    ]


def actions_of(reply: Reply) -> list[str]:
    return [b.action for row in reply.buttons for b in row]


def reachable(engine: Engine, limits: Limits) -> dict[tuple[str, str], Reply]:
    """Every reply to a question of the question set or to an action, following every button, in both languages."""
    replies: dict[tuple[str, str], Reply] = {}
    todo: list[tuple[str, str]] = []
    for lang in ("id", "en"):
        for question in QUESTIONS:
            reply = replies[(f"ask {question}", lang)] = engine.ask(question, lang=lang, limits=limits)
            todo += [(a, lang) for a in actions_of(reply)]
        todo += [(a, lang) for a in starting_points(engine)]
    while todo:
        action, lang = todo.pop()
        if (action, lang) not in replies:
            reply = replies[(action, lang)] = engine.act(action, lang, limits=limits)
            todo += [(a, lang) for a in actions_of(reply)]
    return replies


def words(text: str) -> list[str]:
    return text.split()


def in_order(needle: list[str], haystack: list[str]) -> bool:
    """Whether every word of `needle` appears in `haystack`, in the same order."""
    remaining = iter(haystack)
    return all(any(word == other for other in remaining) for word in needle)


def test_every_reply_fits_small_limits(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.engine"):
        replies = reachable(engine, SMALL)
    assert len(replies) > 300
    for (action, lang), reply in replies.items():
        assert len(reply.plain()) <= SMALL.message_chars, (action, lang, len(reply.plain()))
        assert all(len(a.encode()) <= SMALL.action_bytes for a in actions_of(reply)), (action, actions_of(reply))
        assert reply.intent != "stale_action", action  # every button leads somewhere
        assert "…" not in reply.text[-2:], action
    assert not caplog.records  # the engine's last guard never had to cut or drop anything


def test_pages_with_their_buttons_show_everything(engine: Engine) -> None:
    """Following Next from page 1 shows every word of the whole reply, in order; Previous goes back."""
    replies = reachable(engine, SMALL)
    lists = [(key, reply) for key, reply in replies.items() if reply.pages > 1 and reply.page == 1]
    assert len(lists) >= 10
    kinds = set()
    for (start, lang), first in lists:
        whole = (engine.ask(start.removeprefix("ask "), lang=lang, limits=UNLIMITED) if start.startswith("ask ")
                 else engine.act(start, lang, limits=UNLIMITED))
        assert whole.pages == 1
        shown, page, previous = [first], first, None
        while page.page < page.pages:
            following = [a for a in actions_of(page) if decode(a) is not None and getattr(decode(a), "page", None) == page.page + 1]
            assert len(following) == 1, (start, page.page, actions_of(page))
            previous, page = page, engine.act(following[0], lang, limits=SMALL)
            back = [a for a in actions_of(page) if getattr(decode(a), "page", None) == page.page - 1]
            assert len(back) == 1 and engine.act(back[0], lang, limits=SMALL).plain() == previous.plain()
            shown.append(page)
        assert len(shown) == first.pages and [p.page for p in shown] == list(range(1, first.pages + 1))
        assert in_order(words(whole.text), [w for p in shown for w in words(p.text)]), (start, lang)
        kinds.add(whole.intent)
    assert {"cohort.members", "cohort.totals", "province.members", "sources", "people.dirjen"} <= kinds


def test_the_totals_show_every_year_and_note(engine: Engine) -> None:
    years = [k.year for k in engine.knowledge.cohorts.values()]
    notes = [k.note.get("en") for k in engine.knowledge.cohorts.values() if k.note and k.year != 2020]
    for limits in (Limits(4096, 64), SMALL):
        pages = [engine.act("ct", "en", limits=limits)]
        while pages[-1].page < pages[-1].pages:
            pages.append(engine.act(encode(CohortTotals(pages[-1].page + 1)), "en", limits=limits))
        text = "\n".join(p.text for p in pages)
        assert all(f"• {year}:" in text for year in years)
        assert all(" ".join(note.split()) in " ".join(text.split()) for note in notes)
    assert engine.act("ct", "en", limits=SMALL).pages > 1


def test_unlimited_is_one_page(engine: Engine) -> None:
    for action in ["ct", "src", "dj", *[f"c:{y}" for y in engine.knowledge.cohorts]]:
        reply = engine.act(action, "id", limits=UNLIMITED)
        assert reply.pages == 1 and not any("page" in a for a in actions_of(reply))
        assert not [a for a in actions_of(reply) if getattr(decode(a), "page", None)]


def test_a_long_knowledge_text_is_paged_not_cut(mini_copy: Path, tmp_path: Path) -> None:
    """A fact far longer than a message is broken between words over pages; every word arrives."""
    fact = " ".join(f"word{i}" for i in range(700))  # about 5,000 characters in one paragraph
    programme = mini_copy / "programme.yaml"
    text = programme.read_text("utf-8")
    assert 'en: "It began in 2017."' in text
    programme.write_text(text.replace('en: "It began in 2017."', f'en: "It began in 2017. {fact}"'), "utf-8")
    engine = Engine.load(mini_copy, tmp_path / "data")
    first = engine.act("prog:start", "en", limits=SMALL)
    assert first.pages >= 5 and len(first.plain()) <= 1000
    shown = [first]
    while shown[-1].page < shown[-1].pages:
        shown.append(engine.act(f"prog:start:{shown[-1].page + 1}", "en", limits=SMALL))
    assert all(len(p.plain()) <= 1000 for p in shown)
    seen = [w for p in shown for w in p.text.split()]
    assert in_order(fact.split(), seen)


def test_a_long_none_of_these_name_fits_the_button_limit(mini_engine: Engine) -> None:
    name = "kabupatén ogan komering ilirrr " * 4  # 124 characters, some of two bytes
    u = Understanding(name, name.split(), "en", "clarify", 0.5, fuzzy=FuzzyResult(name, (("32.73", 80.0),), False))
    for limits in (SMALL, Limits(4096, 64), UNLIMITED):
        none = [a for a in actions_of(mini_engine.respond(u, limits)) if a.startswith("none")]
        assert len(none) == 1 and limits.fits_action(none[0])
        shortened = decode(none[0])
        assert isinstance(shortened, NoneOfThese) and name.startswith(shortened.name)
        assert len(shortened.name) >= (limits.action_bytes or 200) // 2 - 5  # shortened only as far as needed
    assert actions_of(mini_engine.respond(u, UNLIMITED))[-1] == "none:" + name


@pytest.mark.parametrize(("chars", "action_bytes"), [(999, None), (None, 31), (0, 64)])
def test_limits_below_what_answers_are_written_for_are_refused(chars: int | None, action_bytes: int | None) -> None:
    with pytest.raises(ValueError):
        Limits(message_chars=chars, action_bytes=action_bytes)
