"""Who held office when: ministers and officials on the day a cohort signed, named roles, acting posts.

Expectations are read from knowledge/people.yaml and cohorts.yaml (who held the post on that date), not
copied from replies.
"""

from __future__ import annotations

from bot.answers.people import in_office_on
from bot.engine import Engine
from bot.knowledge.records import Person


def holders(engine: Engine, roles: tuple[str, ...], day: str) -> list[Person]:
    return [p for p in engine.knowledge.people() if p.role in roles and p.start and in_office_on(p, day)]


def listed(text: str) -> list[str]:
    """The names the reply lists, one per bullet ("• Rudiantara, Minister of ..."); notes may name others."""
    return [line[2:].split(",")[0] for line in text.split("\n") if line.startswith("• ")]


def test_dates_are_compared_at_the_precision_they_are_known() -> None:
    term = Person("x", "X", "menkominfo", (), "high", start="2019-10-23", end="2023-05")
    assert in_office_on(term, "2019-10-23") and in_office_on(term, "2023-05-31")
    assert not in_office_on(term, "2019-10-22") and not in_office_on(term, "2023-06-01")
    assert in_office_on(Person("y", "Y", "menkominfo", (), "high", start="2014"), "2026-01-01")


def test_the_minister_on_the_day_a_cohort_signed(engine: Engine) -> None:
    ministers = ("menkominfo", "plt_menkominfo", "menkomdigi")
    for question, year, lang in (
        ("siapa menteri kominfo pas angkatan 2023 tanda tangan mou?", 2023, "id"),
        ("which minister was in office when the 2018 memorandum was signed?", 2018, "en"),
    ):
        day = engine.knowledge.cohorts[year].mou_date
        assert day is not None
        expected = holders(engine, ministers, day)
        reply = engine.ask(question)
        assert reply.lang == lang and reply.answered and expected, question
        first = reply.text.split("\n")[0]
        assert str(year) in first and day[:4] in first, question  # the answer says which day it means
        assert listed(reply.text) == [p.name for p in expected], question


def test_an_acting_director_on_the_day_of_a_signing(engine: Engine) -> None:
    day = engine.knowledge.cohorts[2024].mou_date
    assert day is not None
    [acting] = holders(engine, ("plt_direktur_laip",), day)
    reply = engine.ask("who was acting director of LAIP when the 2024 cohort signed its MoU?")
    assert listed(reply.text) == [acting.name]  # not the director before him


def test_a_role_named_picks_its_holders_minister_or_not(engine: Engine) -> None:
    acting_ministers = engine.knowledge.people("plt_menkominfo")
    reply = engine.ask("siapa plt menteri kominfo?")
    assert acting_ministers and listed(reply.text) == [p.name for p in acting_ministers]
    reply = engine.ask("siapa menteri kominfo 2023")  # a minister, though 'kominfo' is in a director general's title too
    assert listed(reply.text) and not set(listed(reply.text)) & {p.name for p in engine.knowledge.people("dirjen_aptika")}


def test_who_was_in_a_cohort_is_still_the_members(engine: Engine) -> None:
    assert engine.ask("who was in the 2021 cohort?").intent == "cohort.members"
    assert engine.ask("siapa saja angkatan 2019?").intent == "cohort.members"


def test_the_minister_when_the_programme_was_launched(engine: Engine) -> None:
    day = min(engine.knowledge.cohorts.values(), key=lambda c: c.year).mou_date  # the launch: the first signing
    assert day is not None
    expected = [p.name for p in holders(engine, ("menkominfo", "plt_menkominfo", "menkomdigi"), day)]
    for question in ("siapa menteri pas program dimulai?", "who was the minister when the programme was launched?"):
        reply = engine.ask(question)
        assert reply.intent == "people.minister" and listed(reply.text) == expected, question
    assert engine.ask("According to minister Plate, what makes a city smart?").intent != "people.minister"


def test_now_asked_of_an_office(engine: Engine) -> None:
    """'The current minister in charge of this' is the minister in office now, not the organiser card; a post whose
    holder today the sources do not name says so, with the last holder they name, not the whole history."""
    ministers = [p for p in engine.knowledge.people() if p.role in ("menkominfo", "plt_menkominfo", "menkomdigi")]
    current = [p.name for p in ministers if p.start and not p.end]
    reply = engine.ask("who is the current minister in charge of this?")
    assert current and listed(reply.text) == current
    aptika = [p for p in engine.knowledge.people() if p.role == "dirjen_aptika"]
    assert aptika and all(p.end for p in aptika)  # no one in the post now, as far as the knowledge goes
    last = max(aptika, key=lambda p: p.end or "")
    for question, said in (("siapa dirjen aptika saat ini", "tidak menyebut"), ("who is the Dirjen Aptika now?", "do not say")):
        reply = engine.ask(question)
        assert said in reply.text.split("\n")[0] and listed(reply.text) == [last.name], question


def test_a_person_named_is_that_persons_card(engine: Engine) -> None:
    """'who is Semuel Pangerapan?', 'kapan rudiantara menjabat?': that person only, whichever post the words suggest."""
    people = engine.knowledge.people()
    for person in people:
        last = person.name.replace(".", "").split()[-1]
        if len(last) < 4:
            continue
        for question in (f"who is {person.name}?", f"kapan {last.lower()} menjabat?"):
            reply = engine.ask(question)
            others = [p.name for p in people if p.name != person.name and f"• {p.name}," in reply.text]
            assert f"• {person.name}," in reply.text and not others, (question, others)
