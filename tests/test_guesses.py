"""Names that are not quite a region: the bot says what exists, or asks, instead of answering a neighbour.

On the shipped knowledge; the regions expected come from the gazetteer, not from replies.
"""

from __future__ import annotations

from bot.engine import Engine
from bot.knowledge.gazetteer import fold


def regions(engine: Engine, kind: str, base: str) -> list[str]:
    return [r.name for r in engine.knowledge.regions.values() if r.kind == kind and fold(r.base) == fold(base)]


def starting(engine: Engine, words: str) -> list[str]:
    return [r.name for r in engine.knowledge.regions.values() if r.base.lower().startswith(words + " ")]


def test_a_kind_that_has_no_region_of_that_name_is_said_so(engine: Engine) -> None:
    for question, asked, kind, base in (
        ("kab tangerang selatan joined when?", "Kabupaten Tangerang Selatan", "kota", "Tangerang Selatan"),
        ("kota bandung barat ikut ga", "Kota Bandung Barat", "kabupaten", "Bandung Barat"),
        ("did kota nunukan join?", "Kota Nunukan", "kabupaten", "Nunukan"),
    ):
        assert not regions(engine, "kabupaten" if kind == "kota" else "kota", base)  # the asked one really is missing
        [real] = regions(engine, kind, base)
        text = engine.ask(question).text
        assert asked in text and text.index(asked) < text.index(real), question  # said first, then the real one
        neighbour = {"Tangerang Selatan": "Kabupaten Tangerang (", "Bandung Barat": "Kota Bandung (", "Nunukan": "Kota Nunukan ("}[base]
        assert neighbour not in text, question


def test_the_first_words_of_several_names_ask_which_one(engine: Engine) -> None:
    for question, words in (("kab tanah", "tanah"), ("kab lombok ikut gak", "lombok"), ("kab ogan komering", "ogan komering")):
        reply = engine.ask(question)
        candidates = starting(engine, words)
        assert len(candidates) >= 2 and reply.intent == "clarify" and not reply.answered, question
        shown = [b.label for row in reply.buttons for b in row]
        assert set(shown) & set(candidates) and all(name in candidates for name in shown if name.startswith("Kab")), question


def test_a_misspelt_name_taken_for_a_region_says_so(engine: Engine) -> None:
    for question, typed, region in (
        ("is kota bandunk in?", "bandunk", "Kota Bandung"), ("surabya ikut smart city?", "surabya", "Kota Surabaya"),
    ):
        text = engine.ask(question).text
        assert text.index(f'"{typed}"') < text.index(region), question  # the reading is said before the answer
    assert '"' not in engine.ask("kota bandung ikut?").text.split("\n")[0]  # a name spelt right gets no such note


def test_words_the_knowledge_uses_are_no_misspelt_name(engine: Engine) -> None:
    for question in ("is the readiness questionnaire part of the assessment?", "apakah kuesioner kesiapan bagian dari asesmen?"):
        reply = engine.ask(question)
        assert reply.intent != "clarify" and "questionnaire\"" not in reply.text and "kuesioner\"" not in reply.text, question
    assert engine.ask("Ogan Komering ikut tahun brp?").intent == "clarify"  # part of several names: still asked which


def test_on_the_list_asks_about_taking_part_so_a_misspelt_name_is_looked_for(engine: Engine) -> None:
    surabaya = next(c for c, r in engine.knowledge.regions.items() if r.name == "Kota Surabaya")
    reply = engine.ask("is surbaya on the smart city list?")
    assert reply.intent == "region.status" and reply.text.startswith('I read "surbaya" as Kota Surabaya')
    assert engine.understand("is surbaya on the smart city list?").regions == [surabaya]
    assert engine.ask("list the six pillars").intent == "pillars.list"
