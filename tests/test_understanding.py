"""Entity finding and intent choice on the shipped knowledge: the cases that once went wrong."""

from __future__ import annotations

import pytest

from bot.engine import Engine


@pytest.mark.parametrize(
    "text, regions",
    [
        ("kab oki ikut ga?", ["16.02"]),
        ("Who signed OKI's MoU?", ["16.02"]),  # possessive
        ("pangkal pinang ikut?", ["19.71"]),  # spacing folded
        ("Is the city of Kupang in?", ["53.71"]),  # English kind words
        ("Is Serang regency in?", ["36.04"]),
        ("kota bandunk ikut ga", ["32.73"]),  # typo, but the kind is kept
        ("bogor ikut?", ["32.01", "32.71"]),  # a shared name answers both
        ("purwokerto ikut ga", ["33.02"]),  # a town inside a regency
        ("banyuwangy ikut smart city ga", ["35.10"]),  # one letter off
    ],
)
def test_regions(engine: Engine, text: str, regions: list[str]) -> None:
    u = engine.understand(text)
    assert u.intent in ("region.status", "event.mou_signing")
    assert sorted(u.regions) == sorted(regions)


def test_longer_province_name_beats_the_city_inside_it(engine: Engine) -> None:
    u = engine.understand("participants from DI Yogyakarta")
    assert (u.intent, u.province, u.lang) == ("province.members", "34", "en")


def test_everyday_words_are_not_regions(engine: Engine) -> None:
    assert engine.understand("ibu kota baru itu di mana").regions == []
    assert engine.understand("batu bata harganya berapa").regions == []
    assert engine.understand("kota batu ikut ga").regions == ["35.79"]


def test_year_questions_without_province_are_cohort_questions(engine: Engine) -> None:
    assert engine.understand("siapa peserta tahun 2020?").intent == "cohort.members"
    assert engine.understand("berapa daerah yang ikut tahun 2018?").intent == "cohort.size"


def test_nonsense_name_gets_no_region(engine: Engine) -> None:
    u = engine.understand("kabupaten zzyzx ikut ga")
    assert u.intent == "clarify" and u.regions == []


@pytest.mark.parametrize("term, topic", [("bimtek", "programme.bimtek"), ("masterplan", "programme.masterplan"),
                                         ("dewan smart city", "programme.dewan")])
def test_slang_for_what_asks_about_the_thing_named(engine: Engine, term: str, topic: str) -> None:
    """'bimtek itu apaan sih' is 'bimtek itu apa': the thing named, not what the programme is."""
    assert engine.understand(f"{term} itu apaan sih").intent == topic


def test_a_cohorts_venue_is_where_not_what_is_asked(engine: Engine) -> None:
    """'Which Jakarta hotel hosted the 2018 signing?' asks the 2018 MoU's place, not Jakarta's members; 'signed in
    Makassar in 2017' counts the 2017 cohort. A region that is the subject stays the subject."""
    place = engine.knowledge.cohorts[2018].mou_place
    assert place is not None
    for question in ("Which Jakarta hotel hosted the May 2018 signing ceremony?", "where in jakarta was the 2018 mou signed?"):
        reply = engine.ask(question)
        assert reply.intent == "cohort.mou" and place.en in reply.text, question
    counted = engine.understand("Of the regions that signed in Makassar in 2017, how many were cities (kota) rather than regencies?")
    assert counted.intent == "coverage" and not counted.regions and counted.year == 2017
    assert engine.understand("kota makassar tanda tangan mou 2017?").regions  # Makassar's own signing


def test_how_regions_are_chosen_is_the_selection_not_the_awards(engine: Engine) -> None:
    """'do regions get ...' is also how the awards are asked about; choosing and selecting say which is meant."""
    for question in ("how do regions get chosen?", "how are cities selected for the program?", "siapa yg milih daerahnya?"):
        assert engine.understand(question).intent == "programme.selection", question
    assert engine.understand("do regions get an award?").intent == "programme.awards"
