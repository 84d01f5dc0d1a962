"""Several questions in one message: each answered, in order, the later as follow-ups of the earlier."""

from __future__ import annotations

from bot.engine import Engine
from bot.reply import UNLIMITED
from bot.understanding.clauses import clauses, without_introduction


def test_a_message_is_cut_where_one_question_ends_and_another_begins() -> None:
    assert clauses("When was the 2024 MoU signed, and how many regions signed it?") == [
        "When was the 2024 MoU signed", "how many regions signed it?"]
    assert clauses("Dumai kebagian program ini kapan? terus Pekanbaru juga?") == ["Dumai kebagian program ini kapan?", "Pekanbaru juga?"]
    assert clauses("can my regency apply to join, and how?") == ["can my regency apply to join, and how?"]  # "how?" alone is none
    assert clauses("kab oki ikut ga?") == ["kab oki ikut ga?"]
    assert clauses("jabar, jateng dan jatim") == ["jabar, jateng dan jatim"]  # a list is one question
    assert clauses("Saya dari Medan. Kapan Medan ikut?") == ["Saya dari Medan.", "Kapan Medan ikut?"]
    assert clauses("Is Kab. Bogor in?") == ["Is Kab. Bogor in?"]  # an abbreviation's full stop ends nothing
    assert clauses("When was the 2021 MoU and how many heads signed it?") == [  # "and" before a question word
        "When was the 2021 MoU", "how many heads signed it?"]
    assert clauses("kota bandung dan kota bogor ikut?") == ["kota bandung dan kota bogor ikut?"]
    assert clauses("evaluasi 2017 diadain kapan dan dimana?") == ["evaluasi 2017 diadain kapan dan dimana?"]


def test_each_question_of_a_message_is_answered(engine: Engine) -> None:
    k = engine.knowledge
    reply = engine.ask("When was the 2024 MoU signed, and how many regions signed it?")
    assert "March 5, 2024" in reply.text and f"{k.cohorts[2024].size} new kabupaten/kota" in reply.text
    both = engine.ask("Dumai kebagian program ini kapan? terus Pekanbaru?").text
    assert "Kota Dumai" in both and "Kota Pekanbaru" in both  # the second leans on the first


def test_one_question_with_a_comma_is_answered_once(engine: Engine) -> None:
    reply = engine.ask("Who signed OKI's smart city MoU, and was it done online?")
    assert reply.intent == "event.mou_signing" and reply.text.count("Kabupaten Ogan Komering Ilir\n") <= 1


def test_a_long_question_is_never_taken_for_a_region_name(engine: Engine) -> None:
    reply = engine.ask("Setelah tanda tangan MoU, daerah wajib membentuk apa saja? Lalu bimteknya ada berapa tahap?")
    assert "Dewan Smart City" in reply.text and "tidak menemukan kabupaten" not in reply.text
    assert "Sama-sama" not in engine.ask("Which island dominates the programme, and by how much?").text  # no smalltalk clause
    assert engine.ask("kota atlantis ikut tahun berapa").intent == "clarify"  # a short one with an unknown name is asked about


def test_who_is_asking_is_no_question() -> None:
    assert without_introduction("Saya wartawan di Medan. Berapa daerah yang ikut sampai 2021?") == "Berapa daerah yang ikut sampai 2021?"
    assert without_introduction("Halo, saya mahasiswa di Makassar. Kapan Parepare ikut?") == "Kapan Parepare ikut?"
    assert without_introduction("I'm a journalist in Surabaya. How many joined in 2019?") == "How many joined in 2019?"
    for kept in ("Saya dari Kota Malang. Apakah daerah kami sudah ikut?",  # "kami" is Malang
                 "saya mau tanya, kab oki ikut ga?", "Saya dari Medan."):  # no sentence ends; nothing follows
        assert without_introduction(kept) == kept


def test_the_place_of_the_asker_is_not_the_place_asked(engine: Engine) -> None:
    reply = engine.ask("Saya wartawan di Medan. Berapa jumlah kabupaten/kota yang sudah didampingi dari 2017 sampai 2021?")
    assert reply.intent == "coverage" and "Medan" not in reply.text
    assert str(engine.knowledge.cohorts[2021].total) in reply.text  # the official running total after 2021
    ours = engine.ask("Saya dari Kota Malang. Apakah daerah kami sudah ikut?")
    assert ours.intent == "region.status" and ours.text.startswith("Kota Malang")


def test_answers_too_long_together_keep_each_opening_and_say_more_is_known(engine: Engine) -> None:
    """Together the answers would not fit the smallest message: each one's opening stays, notes go while lists never
    do, and the reply says that each question asked alone tells more."""
    k = engine.knowledge
    question = "When was the 2021 MoU and how many heads signed it?"
    first = engine.ask("When was the 2021 MoU")
    second = engine.ask("how many heads signed it?", topic=first.topic)
    assert second.intent == "cohort.size" and len(first.plain()) + len(second.plain()) > 1000
    reply = engine.ask(question)
    assert reply.intent == "cohort.mou+cohort.size" and len(reply.plain()) <= 1000
    assert "May 20, 2021" in reply.text and f"{k.cohorts[2021].size} new kabupaten/kota" in reply.text
    assert "Ask each question on its own for the details." in reply.text
    listed = engine.ask("Kapan MoU 2019, dan siapa saja yang ikut?", limits=UNLIMITED)
    names = {k.regions[m.region].name for m in k.members_by_year[2019] if m.status != "not_taken_up"}
    listed_lines = [line for line in listed.text.splitlines() if line.startswith("•")]
    assert not listed_lines or all(name in listed.text for name in names), "a list is given whole or not at all"
