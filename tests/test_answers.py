"""Each answer type, on the small fixture knowledge: what a user would read."""

from __future__ import annotations

from pathlib import Path

from bot.engine import Engine
from bot.reply import Limits


def test_region_in_indonesian_with_date_source_and_event(mini_engine: Engine) -> None:
    reply = mini_engine.ask("kab oki ikut ga?")
    text = reply.plain()
    assert reply.lang == "id" and reply.intent == "region.status"
    assert "Kabupaten Ogan Komering Ilir (Sumatera Selatan)" in text
    assert "kohort 2022" in text and "Kamis, 21 April 2022" in text
    assert "Wakil Bupati menandatangani MoU secara virtual." in text
    assert "Sumber: Example News (21 April 2022)" in text
    assert [b.action for row in reply.buttons for b in row] == ["c:2022", "p:16"]


def test_region_in_english(mini_engine: Engine) -> None:
    text = mini_engine.ask("is OKI in the programme?").plain()
    assert "Thursday, April 21, 2022" in text and "Source: Example News (April 21, 2022)" in text


def test_shared_name_answers_both_regions(mini_engine: Engine) -> None:
    text = mini_engine.ask("bandung ikut?").plain()
    assert "Kabupaten Bandung (Jawa Barat)" in text and "Kota Bandung (Jawa Barat)" in text
    assert "kohort 2017" in text


def test_real_region_not_listed_is_worded_honestly(mini_engine: Engine) -> None:
    text = mini_engine.ask("kota malang ikut ga").plain()
    assert "tidak ada dalam daftar peserta yang kami punya" in text
    assert "Daftar kami untuk 2022 belum lengkap" in text


def test_town_alias_says_where_it_is(mini_engine: Engine) -> None:
    assert "Purwokerto berada di Kabupaten Banyumas." in mini_engine.ask("purwokerto ikut ga").plain()


def test_uncertain_member_is_marked(mini_engine: Engine) -> None:
    """The year first, then a plain sentence on how sure the sources are (not 'the 2022 (uncertain) cohort')."""
    assert "pada kohort 2022. Untuk 2022, sumber kami belum pasti." in mini_engine.ask("pangkal pinang ikut?").plain()
    english = mini_engine.ask("is pangkalpinang in?").plain()
    assert "in the 2022 cohort of Gerakan Menuju Smart City. For 2022 our sources are not certain." in english
    assert "(uncertain)" not in english


def test_cohort_list_grouped_by_province_with_babel_lists(mini_engine: Engine) -> None:
    reply = mini_engine.act("c:2017", lang="id")
    text = reply.plain()
    assert reply.title == "Kohort 2017"
    assert "• Jawa Barat (1): Kota Bandung" in text and "• Jawa Timur (1): Kabupaten Banyuwangi" in text
    assert "Pada 2017, 25 kabupaten/kota baru bergabung." in text


def test_partial_cohort_says_so(mini_engine: Engine) -> None:
    text = mini_engine.act("c:2022", lang="en").plain()
    assert "Our list for 2022 is partial: we know 2 of the 50 regions announced." in text


def test_year_without_cohort_and_year_out_of_range(mini_engine: Engine) -> None:
    assert "Tidak ada kohort baru pada 2020." in mini_engine.act("c:2020", lang="id").plain()
    text = mini_engine.ask("who joined in 2030").plain()
    assert text == "I have no cohort for 2030. The cohorts I know are 2017 and 2022."


def test_pillars(mini_engine: Engine) -> None:
    reply = mini_engine.act("pl", lang="en")
    assert reply.plain().count("\n1. ") == 1 and "6. Smart Environment" in reply.plain()
    assert len([b for row in reply.buttons for b in row]) == 6
    detail = mini_engine.ask("smart living itu apa")
    assert detail.intent == "pillar.detail" and detail.title.startswith("Smart Living")
    assert "Cakupannya: satu dan dua." in detail.plain()


def test_medium_confidence_fact_is_hedged(mini_engine: Engine) -> None:
    text = mini_engine.act("prog:start", lang="en").plain()
    assert "It began in 2017. (According to a single source" in text


def test_did_you_mean_offers_buttons(mini_engine: Engine) -> None:
    reply = mini_engine.ask("kota bndg ikut ga")  # too far from any name to answer: asked, not guessed
    assert reply.intent == "clarify" and not reply.answered
    assert '"bndg"' in reply.plain() and "Kota Bandung?" in reply.plain()
    actions = [b.action for row in reply.buttons for b in row]
    assert actions[0] == "r:32.73" and actions[-1].startswith("none:")


def test_no_such_region(mini_engine: Engine) -> None:
    reply = mini_engine.ask_as("region", "zzyzx")
    assert reply.intent == "clarify" and "zzyzx" in reply.plain() and not reply.answered


def test_stale_button(mini_engine: Engine) -> None:
    reply = mini_engine.act("zz:old:thing", lang="en")
    assert reply.intent == "stale_action" and "no longer works" in reply.plain()


def test_long_list_pages_within_a_front_limit(mini_copy: Path, tmp_path: Path) -> None:
    from bot.knowledge.gazetteer import load_gazetteer

    names = sorted(r.name for r in load_gazetteer().regions.values())[:300]
    with (mini_copy / "members.csv").open("a", encoding="utf-8") as handle:
        for name in names:
            if name not in ("Kota Bandung", "Kabupaten Banyuwangi"):
                handle.write(f"2017,{name},member,M,src-b,\n")
    engine = Engine.load(mini_copy, tmp_path / "data")
    telegram = Limits(message_chars=4096, action_bytes=64)
    first = engine.act("c:2017", lang="id", limits=telegram)
    assert first.pages >= 2 and first.page == 1
    assert [b.action for b in first.buttons[0]] == ["c:2017:2"]
    second = engine.act("c:2017:2", lang="id", limits=telegram)
    assert second.page == 2 and second.plain() != first.plain()
    assert [b.action for b in second.buttons[0]][:1] == ["c:2017:1"]
    pages = engine.act("c:2017", lang="en", limits=telegram).pages
    for page in range(1, pages + 1):
        reply = engine.act(f"c:2017:{page}", lang="en", limits=telegram)
        assert len(reply.plain()) <= 4096 and reply.title.endswith(f"(page {page} of {pages})")
        assert "In 2017, 25 new kabupaten/kota joined." in reply.plain() and "Source:" in reply.plain()  # on every page


def test_a_region_named_but_not_taking_part_says_what_happened_that_year(engine: Engine) -> None:
    seen = 0
    for code, members in engine.knowledge.members_by_region.items():
        skipped = {str(m.year) for m in members if m.status == "not_taken_up"}
        events = [e for e in engine.knowledge.events_by_region.get(code, []) if e.date[:4] in skipped]
        if not events:
            continue
        seen += 1
        region = engine.knowledge.regions[code]
        reply = engine.ask(f"apakah {region.name} ikut smart city?")
        assert events[0].text.get("id") in reply.text, region.name
    assert seen >= 1  # the shipped knowledge has such a region (Bone Bolango, 2024)


def test_a_region_answer_says_where_its_cohort_signed(engine: Engine) -> None:
    """'Where did Makassar sign?' asks the place: a region's answers carry its cohort's MoU date and place."""
    makassar = next(c for c, r in engine.knowledge.regions.items() if r.name == "Kota Makassar")
    [year] = {m.year for m in engine.knowledge.members_by_region[makassar]}
    place = engine.knowledge.cohorts[year].mou_place
    assert place is not None
    for question, lang in (("Makassar itu termasuk angkatan pertama kah?", "id"), ("where did kota makassar sign its mou?", "en")):
        reply = engine.ask(question)
        assert reply.lang == lang and str(year) in reply.text and place.get(lang) in reply.text, question
        assert set(engine.knowledge.cohorts[year].mou_sources) <= set(reply.sources), question


def test_a_source_line_names_each_source_once(engine: Engine) -> None:
    """Two articles of one publisher in one month read the same in a source line: said once, and counted once."""
    from bot.actions import Region  # noqa: PLC0415

    seen = 0
    for code in engine.knowledge.members_by_region:
        reply = engine.act(Region(code))
        line = next((p for p in reply.text.split("\n\n") if p.startswith("Sumber: ")), "")
        labels = line.removeprefix("Sumber: ").split(" dan ")[0].split("; ")
        assert len(labels) == len(set(labels)), line
        seen += bool(line)
    assert seen > 100


def test_a_province_in_a_year_says_what_happened_to_a_region_named_but_not_taking_part(engine: Engine) -> None:
    from bot.actions import Province  # noqa: PLC0415

    seen = 0
    for code, members in engine.knowledge.members_by_region.items():
        for m in (m for m in members if m.status == "not_taken_up"):
            events = [e for e in engine.knowledge.events_by_region.get(code, []) if e.date.startswith(str(m.year))]
            if events:
                seen += 1
                reply = engine.act(Province(engine.knowledge.regions[code].province, m.year), lang="en")
                assert events[0].text.en in reply.text, code
    assert seen >= 1  # Bone Bolango, 2024: the invitation went to Flores Timur instead


def test_a_cohorts_signing_tells_what_is_known_of_that_day(engine: Engine) -> None:
    """Events of the MoU day naming several regions (who signed, and for whom) come with the cohort's signing;
    one region's own story does not."""
    k = engine.knowledge
    for cohort in k.cohorts.values():
        if not cohort.mou_date:
            continue
        reply = engine.ask(f"siapa yang tanda tangan mou {cohort.year}?")
        for event in k.records.events:
            if event.date == cohort.mou_date:
                assert (event.text.id in reply.text) == (len(event.regions) != 1), (cohort.year, event.id)
