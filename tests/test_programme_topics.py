"""Programme topics asked of a year, counted, or as a follow-up: the facts of that year, the count's own facts,
and the caution said once for an answer whose facts all share it."""

from __future__ import annotations

from bot.answers.base import Context, cautions, hedge
from bot.engine import Engine
from bot.i18n import Translator
from bot.knowledge.records import Fact
from bot.reply import UNLIMITED
from bot.topic import Topic

POOL = "programme.assessment_pool"
CAUTION_ID = "(Menurut satu sumber saja"


def pool_fact(engine: Engine, year: int) -> Fact:
    [fact] = [f for f in engine.knowledge.facts_by_topic[POOL] if str(year) in f.text.id]
    return fact


def test_how_many_were_invited_or_assessed_is_that_years_pool(engine: Engine) -> None:
    for question, year, lang in (("berapa daerah yang diundang asesmen 2018?", 2018, "id"),
                                 ("How many regions were assessed for the 2023 cohort?", 2023, "en"),
                                 ("berapa daerah yang ikut asesmen 2022?", 2022, "id")):  # the selection topic, counted
        reply = engine.ask(question)
        first = reply.text.split("\n\n")[0]
        assert pool_fact(engine, year).text.get(lang) in first, question
        others = [f for f in engine.knowledge.facts_by_topic[POOL] if f is not pool_fact(engine, year)]
        assert not any(f.text.get(lang) in reply.text for f in others), question


def test_the_selection_topic_not_counted_keeps_its_own_facts(engine: Engine) -> None:
    reply = engine.ask("bagaimana cara daerah dipilih jadi peserta smart city?")
    selection = engine.knowledge.facts_by_topic["programme.selection"]
    assert reply.intent == "programme.selection" and selection[0].text.id in reply.text
    assert not any(f.text.id in reply.text for f in engine.knowledge.facts_by_topic[POOL])


def test_a_count_asked_after_a_cohort_is_of_that_cohort(engine: Engine) -> None:
    cohort = engine.ask("kohort 2019", now=1000.0)
    assert cohort.topic is not None
    reply = engine.ask("brp daerah yg diundang?", topic=cohort.topic, now=1010.0)
    assert reply.text.startswith(pool_fact(engine, 2019).text.id)
    assert reply.topic is not None and reply.topic.years == cohort.topic.years  # the conversation stays on 2019
    alone = engine.ask("brp daerah yg diundang?", topic=None)
    assert all(f.text.id in alone.text for f in engine.knowledge.facts_by_topic[POOL][:2])  # read alone: every year


def test_a_shared_caution_is_said_once_a_single_facts_beside_it(engine: Engine) -> None:
    pool = engine.knowledge.facts_by_topic[POOL]
    assert len(pool) > 2 and {f.confidence for f in pool} == {"medium"}
    every = engine.ask("berapa daerah yang diundang asesmen smart city?")
    assert all(f.text.id in every.text for f in pool[:2]) and every.text.count(CAUTION_ID) == 1
    one = engine.ask("berapa daerah yang diundang asesmen 2018?")
    assert f"{pool_fact(engine, 2018).text.id} {CAUTION_ID}" in one.text


def test_a_follow_up_topic_is_not_lost_to_the_words_of_the_question_before(engine: Engine) -> None:
    """'who replaced him?' after the minister at the launch: the next minister, not a passage that merely shares the
    first question's words ('launch')."""
    first = engine.ask("who was the minister when the programme was launched?", now=1000.0)
    assert isinstance(first.topic, Topic)
    then = engine.ask("who replaced him?", topic=first.topic, now=1010.0)
    assert then.intent == "people.minister"


def test_a_share_or_ranking_of_island_groups_also_gives_the_sources_own_count(engine: Engine) -> None:
    """Our lists are partial: beside the bot's own count, what the sources counted of the spread ("about 60% in
    Java"), with its source; not for a single province, nor for one year, nor a bare count."""
    [spread] = engine.knowledge.facts_by_topic["programme.spread"]
    for question, lang in (("brp persen smart city yg ada di jawa?", "id"), ("Which island group has the most regions?", "en")):
        reply = engine.ask(question)
        assert reply.intent == "coverage", question
        paragraphs = reply.text.split("\n\n")
        assert spread.text.get(lang) not in paragraphs[0] and spread.text.get(lang) in paragraphs[1], question
        assert set(spread.sources) <= set(reply.sources), question
    for question in ("provinsi mana yang paling banyak ikut?", "berapa persen peserta 2022 yang ada di jawa?",
                     "berapa peserta di sumatera?"):
        assert spread.text.id not in engine.ask(question).text, question


def test_a_cohort_of_a_year_the_knowledge_has_none_for_is_said_to_be_unknown(engine: Engine) -> None:
    """'ada angkatan 2025?', 'when does registration for the 2026 cohort open?': no such cohort, said plainly with the
    cohorts known (not a neighbouring topic's facts about that year); the year alone keeps its topic."""
    last = max(engine.knowledge.cohorts)
    for question in (f"ada smart city angkatan {last + 1} gak", f"min kapan pendaftaran smart city angkatan {last + 2} dibuka?",
                     f"is there a {last + 1} intake?"):
        reply = engine.ask(question)
        assert not reply.answered and reply.intent == "cohort.members", question
        assert str(last) in reply.text, question
    assert engine.ask("forum smart city 2025 di mana?").intent == "programme.komdigi"


def test_the_totals_say_where_sources_differ_before_the_notes_that_say_it(engine: Engine) -> None:
    from bot import actions

    for lang, below in (("en", "the notes below say where"), ("id", "catatan di bawah ini")):
        reply = engine.act(actions.CohortTotals(), lang, limits=UNLIMITED)
        caution = reply.text.index(below)
        first_note = min(reply.text.index(c.note.get(lang)) for c in engine.knowledge.cohorts.values() if c.note and c.year != 2020)
        assert caution < first_note, lang


def test_a_caution_shared_by_every_item_of_a_list_is_said_once(engine: Engine) -> None:
    """Ministers, a region's events, a passage: a caution every item needs is said once after them; where only some
    need it, those carry it."""
    from bot.answers.people import is_minister

    english = "(According to a single source"
    ministers = [p for p in engine.knowledge.people() if is_minister(p.role)]
    unsure = [p for p in ministers if p.confidence == "medium"]
    text = engine.act("mn", "en").text  # the ministers button
    assert all(p.name in text for p in ministers)
    assert text.count(english) == (1 if len(unsure) == len(ministers) else len(unsure))
    code, events = max(engine.knowledge.events_by_region.items(), key=lambda item: len(item[1]))
    timeline = engine.act(f"ev:{code}", "en", limits=UNLIMITED).text
    unsure_events = [e for e in events if e.confidence == "medium"]
    assert timeline.count(english) == (1 if len(unsure_events) == len(events) else len(unsure_events))
    ctx = Context(engine.knowledge, Translator("en"))
    assert cautions(ctx, ["medium", "medium"]) == (["", ""], hedge(ctx, "medium"))
    assert cautions(ctx, ["medium", "high"]) == ([hedge(ctx, "medium"), ""], "")
    assert cautions(ctx, ["medium"]) == ([hedge(ctx, "medium")], "")  # one item keeps its own
