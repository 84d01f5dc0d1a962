"""Follow-ups: a short message read against the conversation's last question, on the shipped knowledge.

Each test plays a conversation the way a front does (handing back `reply.topic`); the expected regions and
years come from the knowledge records, not from replies.
"""

from __future__ import annotations

from bot.answers.people import is_minister
from bot.engine import Engine
from bot.reply import Reply
from bot.topic import TOPIC_MINUTES, Topic

NOW = 1_800_000_000.0


def talk(engine: Engine, *messages: str, now: float = NOW, gap: float = 20.0) -> list[Reply]:
    """One conversation: each message with the topic the reply before it left."""
    replies: list[Reply] = []
    topic: Topic | None = None
    for n, message in enumerate(messages):
        reply = engine.ask(message, topic=topic, now=now + n * gap)
        topic = reply.topic or topic
        replies.append(reply)
    return replies


def members(engine: Engine, year: int, province: str | None = None, named: bool = False) -> set[str]:
    """The regions that joined in `year` (with `named`, also those named that year that did not take part)."""
    k = engine.knowledge
    return {k.regions[m.region].name for m in k.records.memberships
            if m.year == year and (named or m.status != "not_taken_up") and (province is None or k.regions[m.region].province == province)}


def heading(reply: Reply) -> str:
    return reply.plain().split("\n", 1)[0]


def code_of(engine: Engine, name: str) -> str:
    return next(r.code for r in engine.knowledge.regions.values() if r.name == name)


def years_of(engine: Engine, name: str) -> set[int]:
    code = code_of(engine, name)
    return {m.year for m in engine.knowledge.records.memberships if m.region == code}


def test_a_kind_word_alone_turns_to_the_other_region_of_that_name(engine: Engine) -> None:
    first, second = talk(engine, "kota blitar ikut?", "kalau kabupatennya?")
    assert heading(first).startswith("Kota Blitar")
    assert heading(second).startswith("Kabupaten Blitar") and "Kota Blitar" not in second.text
    assert all(str(year) in second.text for year in years_of(engine, "Kabupaten Blitar"))
    back = talk(engine, "is kota malang in?", "what about the regency?")[1]
    assert heading(back).startswith("Kabupaten Malang") and back.lang == "en"


def test_a_new_year_keeps_the_question(engine: Engine) -> None:
    first, second = talk(engine, "who joined in 2021?", "and 2022?")
    only_2021, only_2022 = members(engine, 2021) - members(engine, 2022), members(engine, 2022) - members(engine, 2021)
    assert second.intent == first.intent == "cohort.members" and second.lang == "en"
    assert all(name in second.text for name in only_2022) and not any(name in second.text for name in only_2021)


def test_a_province_narrows_the_last_cohort(engine: Engine) -> None:
    replies = talk(engine, "kohort 2018", "yang di jawa barat?", "kalau jatim?")
    west, east = members(engine, 2018, "32"), members(engine, 2018, "35")
    assert all(name in replies[1].text for name in west) and not any(name in replies[1].text for name in east)
    assert all(name in replies[2].text for name in east) and not any(name in replies[2].text for name in west)
    later_west = {n for y in (2019, 2021, 2022, 2023, 2024) for n in members(engine, y, "32")} - members(engine, 2018, "32", named=True)
    assert not any(name in replies[1].text for name in later_west)  # 2018 only, not the whole province


def test_questions_about_the_last_region(engine: Engine) -> None:
    oki = "Kabupaten Ogan Komering Ilir"
    _, when, who = talk(engine, "kab oki ikut ga?", "mou nya kapan?", "siapa yang tanda tangan?")
    assert when.intent == who.intent == "event.mou_signing"
    assert oki in when.text and "21 April 2022" in when.text
    assert oki in who.text and "Saya tidak menemukan" not in when.text  # not "no region named 'nya'"
    english = talk(engine, "is surabaya in?", "when did it join?")[1]
    assert "Kota Surabaya" in english.plain() and all(str(y) in english.text for y in years_of(engine, "Kota Surabaya"))


def test_a_count_or_what_is_missing_for_the_last_list(engine: Engine) -> None:
    count = talk(engine, "siapa saja peserta 2019", "berapa jumlahnya?")[1]
    assert count.intent == "cohort.size" and f"{len(members(engine, 2019))} kabupaten/kota" in count.text
    share, missing = talk(engine, "berapa persen kab/kota di sulsel sudah ikut?", "yang belum?")
    joined = {engine.knowledge.regions[m.region].name for m in engine.knowledge.records.memberships
              if engine.knowledge.regions[m.region].province == "73"}
    not_yet = {r.name for r in engine.knowledge.regions_in_province("73")} - joined
    assert missing.intent == "coverage" and all(name in missing.text for name in not_yet)
    assert not any(name in missing.text.split("\n\n", 1)[1] for name in joined)


def test_a_whole_new_question_is_not_bent_to_the_last_one(engine: Engine) -> None:
    _, minister, what, other = talk(engine, "kota blitar ikut?", "siapa menteri sekarang", "apa itu smart city?", "kab bogor ikut ga?")
    assert minister.intent == "people.minister" and "Blitar" not in minister.text
    assert what.intent.startswith("programme.") and "Blitar" not in what.text
    assert heading(other).startswith("Kabupaten Bogor") and "Blitar" not in other.text


def test_the_last_question_again_in_the_language_asked_for(engine: Engine) -> None:
    first, again, then = talk(engine, "kab oki ikut ga?", "in english please", "kalau 2019?")
    assert first.lang == "id" and again.lang == "en" and again.language_asked
    assert heading(again) == heading(first) and "cohort" in again.text
    assert then.lang == "en"  # the conversation stays in the language asked for
    alone = engine.ask("pakai bahasa inggris dong")
    assert alone.lang == "en" and alone.language_asked and alone.answered
    assert engine.ask("bahasa indonesia aja", lang="en").lang == "id"  # asked for beats the stored choice


def test_a_conversation_left_for_half_an_hour_starts_afresh(engine: Engine) -> None:
    topic = engine.ask("kota blitar ikut?", now=NOW).topic
    soon = engine.ask("kalau kabupatennya?", topic=topic, now=NOW + 60)
    late = engine.ask("kalau kabupatennya?", topic=topic, now=NOW + TOPIC_MINUTES * 60 + 1)
    assert "Kabupaten Blitar" in soon.plain() and "Blitar" not in late.plain()


def test_an_unanswered_message_keeps_the_topic(engine: Engine) -> None:
    _, lost, found = talk(engine, "kota blitar ikut?", "asdfgh qwerty", "kalau kabupatennya?")
    assert not lost.answered
    assert heading(found).startswith("Kabupaten Blitar")


def test_a_stored_topic_survives_a_round_trip_and_junk_is_ignored() -> None:
    topic = Topic(("kota", "blitar", "ikut"), "region.status", "id", NOW)
    assert Topic.from_dict(topic.to_dict()) == topic
    for junk in (None, "x", {"words": "kota blitar"}, {"words": [1], "intent": "x", "lang": "id", "at": 1}, {}):
        assert Topic.from_dict(junk) is None


def test_now_instead_of_the_year_asked_before(engine: Engine) -> None:
    ministers = [p for p in engine.knowledge.people() if p.role.startswith("men") or p.role == "plt_menkominfo"]
    current = [p.name for p in ministers if p.start and not p.end]
    for first in ("menteri kominfo 2018 siapa", "menteri kominfo pas program dimulai siapa"):
        _, now = talk(engine, first, "yg sekarang?")
        assert now.intent == "people.minister" and all(n in now.text for n in current), first
        assert not any(p.name in now.text for p in ministers if p.end), first
    officials = [p for p in engine.knowledge.people("dirjen_aptika") if p.start]
    in_2019, then_now = talk(engine, "siapa dirjen aptika 2019", "kalau sekarang?")
    assert all(p.name in in_2019.text for p in officials if int(p.start[:4]) <= 2019 <= int((p.end or "9999")[:4]))
    assert not any(p.name in in_2019.text for p in officials if int(p.start[:4]) > 2019)
    assert all(p.name in then_now.text for p in officials if not p.end)


def test_a_province_said_with_from_narrows_the_cohort(engine: Engine) -> None:
    reply = talk(engine, "kohort 2019 siapa aja", "yang dari jawa timur?")[1]
    east = members(engine, 2019, "35")
    others = {n for y in (2017, 2018, 2021, 2022, 2023, 2024) for n in members(engine, y, "35")} - members(engine, 2019, "35", named=True)
    assert all(n in reply.text for n in east) and not any(n in reply.text for n in others)


def test_short_english_follow_ups_about_a_region_and_a_province(engine: Engine) -> None:
    _, since, signed, other = talk(engine, "is medan a member?", "since when?", "who signed?", "what about binjai?")
    medan_years = years_of(engine, "Kota Medan")
    assert since.intent == "region.status" and "Kota Medan" in since.text and all(str(y) in since.text for y in medan_years)
    assert signed.intent == "event.mou_signing" and "Kota Medan" in signed.text
    assert other.intent == "event.mou_signing" and "Kota Binjai" in other.text
    _, missing, ntb = talk(engine, "regions in bali", "which ones haven't joined?", "and in ntb?")
    for reply, code in ((missing, "51"), (ntb, "52")):
        joined = {engine.knowledge.regions[m.region].name for m in engine.knowledge.records.memberships
                  if engine.knowledge.regions[m.region].province == code}
        rest = {r.name for r in engine.knowledge.regions_in_province(code)} - joined
        assert reply.intent == "coverage" and all(f"• {n}" in reply.text for n in rest), code


def test_a_kind_or_a_share_of_the_last_list(engine: Engine) -> None:
    k = engine.knowledge
    _, kota, share = talk(engine, "siapa aja peserta dari jateng", "yang kota aja", "berapa persen?")
    cities = {k.regions[m.region].name for m in k.records.memberships
              if k.regions[m.region].province == "33" and k.regions[m.region].kind == "kota" and m.status != "not_taken_up"}
    assert kota.intent == "coverage" and all(kota.text.count(n) == 1 for n in cities)  # each city once
    assert "Kabupaten" not in kota.text.split("\n\n")[1]
    assert share.intent == "coverage" and "%" in share.text.split("\n\n")[0]
    cities_2018 = talk(engine, "how many joined in 2018?", "and how many of those are cities?")[1]
    n = len({m.region for m in k.members_by_year[2018] if m.status != "not_taken_up" and k.regions[m.region].kind == "kota"})
    assert f"{n} of its" in cities_2018.text and "kota" in cities_2018.text.split("\n\n")[0]


def test_a_follow_up_can_reach_a_fact_about_the_last_region(engine: Engine) -> None:
    later = next(f for f in engine.knowledge.records.facts if f.id == "evaluation_later")
    reply = talk(engine, "Was Kota Singkawang part of the programme?", "How did it score in its later evaluation?")[1]
    assert later.text.en in reply.text


def test_that_province_is_the_last_regions_province(engine: Engine) -> None:
    reply = talk(engine, "tell me about OKI and smart city", "which other regions in that province joined?")[1]
    south = {r.name for r in engine.knowledge.regions_in_province("16")}
    joined = {engine.knowledge.regions[m.region].name for m in engine.knowledge.records.memberships} & south
    assert reply.intent == "province.members" and all(n in reply.text for n in joined)


def test_a_topic_question_after_a_region_is_about_the_topic(engine: Engine) -> None:
    for first in ("kota blitar ikut?", "kab oki ikut?"):
        for question, intent in (("smart city itu apa?", "programme.what_is"), ("apa itu bimtek?", "programme.bimtek")):
            reply = talk(engine, first, question)[1]
            assert reply.intent == intent, (first, question)
    assert engine.ask("kohort 2019").intent == "cohort.members"


def test_he_is_the_official_just_named_and_thanks_keeps_the_topic(engine: Engine) -> None:
    semuel = next(p for p in engine.knowledge.people("dirjen_aptika") if p.end)
    _, down = talk(engine, "Who headed Ditjen Aptika while the programme was running?", "When did he step down?")
    assert down.intent == "people.dirjen" and semuel.name in down.text
    found = talk(engine, "kota blitar ikut?", "makasih", "kalau kabupatennya?")[2]
    assert heading(found).startswith("Kabupaten Blitar")


def test_only_a_province_of_the_last_cohort_and_that_year_elsewhere(engine: Engine) -> None:
    _, bali, gorontalo = talk(engine, "Which regions joined in 2024?", "Only the ones in Bali, please.",
                              "Was anyone from Gorontalo in that year?")
    assert all(n in bali.text for n in members(engine, 2024, "51")) and "2022" not in bali.text.split("Source")[0]
    assert gorontalo.intent == "province.members" and "2024" in gorontalo.text and "2023" not in gorontalo.text.split("Source")[0]
    _, east = talk(engine, "daftar peserta 2019", "yang dari jatim aja")
    assert all(n in east.text for n in members(engine, 2019, "35")) and "2017" not in east.text.split("Sumber")[0]


def test_that_year_can_be_the_year_the_last_answer_gave(engine: Engine) -> None:
    [year] = years_of(engine, "Kabupaten Tabanan")
    reply = talk(engine, "Tabanan ikut kapan?", "yg di bali taun itu siapa lagi?")[1]
    assert all(n in reply.text for n in members(engine, year, "51"))
    others = {n for y in (2017, 2018, 2019, 2021, 2023, 2024) if y != year for n in members(engine, y, "51")}
    assert not any(n in reply.text for n in others - members(engine, year, "51"))


def test_a_stored_topic_keeps_its_years() -> None:
    topic = Topic(("tabanan", "ikut"), "region.status", "id", NOW, (2022,))
    assert Topic.from_dict(topic.to_dict()) == topic
    assert Topic.from_dict({"words": ["x"], "intent": "i", "lang": "id", "at": 1}) == Topic(("x",), "i", "id", 1.0)


def test_another_pillar_in_the_same_question_and_that_year(engine: Engine) -> None:
    facts = {f.id: f for f in engine.knowledge.facts_by_topic["programme.awards"]}
    winners_2022 = facts["awards_dimensions_2022"].text.get("en")
    _, living = talk(engine, "which region took the Smart Economy award in 2022?", "what about smart living?")
    assert winners_2022 in living.text and "Smart Living (" not in living.text  # the award, not the pillar's card
    per_pillar_2021 = facts["awards_dimensions_2021"].text.get("id")
    _, that_year, environment = talk(engine, "penghargaan smart city 2021 diadakan kapan?",
                                     "berapa daerah yang menang smart governance tahun itu?", "kalau smart environment?")
    assert per_pillar_2021 in that_year.text and per_pillar_2021 in environment.text


def test_who_came_next_in_a_post(engine: Engine) -> None:
    launched = engine.knowledge.cohorts[2017].mou_date
    assert launched is not None
    first, then, now = talk(engine, "who was the minister when the programme was launched?", "who replaced him?", "and now?")
    [minister] = [p for p in engine.knowledge.people() if p.role == "menkominfo" and p.start and p.start <= launched
                  and (p.end is None or p.end >= launched[:len(p.end)])]
    assert first.text.split("\n")[0].endswith(":") and minister.name in first.text
    after = min((p for p in engine.knowledge.people() if p.role.startswith("men") and p.start and p.start > (minister.start or "")),
                key=lambda p: p.start or "")
    assert after.name in then.text.split("\n\n")[1] and minister.name in then.text.split("\n")[0]
    current = [p for p in engine.knowledge.people() if p.role.startswith("men") and p.start and not p.end]
    assert [p.name for p in current] == [p.name for p in current if p.name in now.text] and current
    _, unknown = talk(engine, "siapa dirjen aptika waktu program diluncurkan?", "siapa penggantinya?")
    assert not unknown.answered and "tidak menyebut" in unknown.text  # the sources do not say: no one else in his post


def event_about(engine: Engine, name: str, word: str) -> str:
    """The English text of the one event of region `name` holding `word`."""
    [text] = [e.text.en for e in engine.knowledge.events_by_region[code_of(engine, name)] if word in e.text.en]
    return text


def test_a_question_naming_nothing_is_asked_of_the_last_region(engine: Engine) -> None:
    """Read alone, the question is about the programme's name; after OKI it asks what OKI's fact holds."""
    question = "What was the name of the cooperative office's marketplace?"
    alone = engine.ask(question)
    plans = event_about(engine, "Kabupaten Ogan Komering Ilir", "marketplace")
    assert plans not in alone.text
    after = talk(engine, "Tell me about OKI's smart city plans.", question)[1]
    assert after.answered and plans in after.text and after.lang == "en"
    # a whole question of its own stays its own, even after a region
    bimtek = talk(engine, "kab oki ikut ga?", "apa itu bimtek tahap 1")[1]
    assert bimtek.intent == "programme.bimtek"


def test_one_rare_word_beside_the_last_region_reaches_its_fact(engine: Engine) -> None:
    [evaluation] = [f for f in engine.knowledge.records.facts if "Singkawang" in f.text.en and "level" in f.text.en]
    replies = talk(engine, "Was Kota Singkawang part of the programme?", "what does that level mean?")
    assert evaluation.text.en in replies[1].text


def test_a_detail_asked_of_the_last_topic_is_that_topics_fact(engine: Engine) -> None:
    """After the Renstra target, 'the ones for the tourism areas, how many?' asks the target's figure, not the tourism
    areas' topic; the conversation stays on the targets for the next follow-up, and on OKI after a passage about it."""
    [target] = [f for f in engine.knowledge.facts_by_topic["programme.targets"] if "IKN" in f.text.id]
    replies = talk(engine, "Berapa target kota cerdas di Renstra Kominfo 2020-2024?", "yang untuk kawasan wisata prioritas berapa?",
                   "kalau IKN?")
    assert all(target.text.id in r.text for r in replies[1:])
    after = talk(engine, "Tell me about OKI's smart city plans.", "What was the name of the cooperative office's marketplace?",
                 "when did it sign?")[2]
    assert after.text.startswith("Kabupaten Ogan Komering Ilir")


def test_a_few_words_of_the_knowledge_ask_the_last_question_further(engine: Engine) -> None:
    place = engine.knowledge.cohorts[2017].mou_place
    assert place is not None
    replies = talk(engine, "Where did the 2017 cohort sign their MoUs?", "what date?", "which hotel?")
    assert replies[2].intent == "cohort.mou" and place.en in replies[2].text
    assert talk(engine, "kota blitar ikut?", "resep rendang?")[1].intent == "out_of_scope"  # words the knowledge never uses


def test_a_year_with_a_yes_no_question_after_a_region_asks_about_that_region(engine: Engine) -> None:
    """'2021 ikut lagi ga?' after Mataram: did Mataram take part in 2021, not who did; 'who joined in 2021?' stays
    the cohort; a year we know only in part is said to be so when the region is not in it."""
    mataram = "Kota Mataram"
    assert 2021 in years_of(engine, mataram)
    again = talk(engine, "mataram ikut smart city?", "2021 ikut lagi ga?", "siapa yg tanda tangan?")
    assert heading(again[1]).startswith(mataram) and again[2].intent == "event.mou_signing" and mataram in again[2].text
    assert talk(engine, "kota blitar ikut?", "who joined in 2021?")[1].intent == "cohort.members"
    partial = next(c.year for c in engine.knowledge.cohorts.values() if c.partial and c.year not in years_of(engine, "Kota Blitar"))
    told = talk(engine, "kota blitar ikut?", f"{partial} ikut?")[1]
    assert heading(told).startswith("Kota Blitar") and f"Daftar kami untuk {partial} belum lengkap" in told.text


def test_how_many_or_which_took_part_after_a_years_event_asks_of_that_year(engine: Engine) -> None:
    k = engine.knowledge
    _, count = talk(engine, "kapan MoU 2024", "berapa daerah yang ikut?")
    assert count.intent == "cohort.size" and f"{k.cohorts[2024].size} kabupaten/kota" in count.text
    _, listed = talk(engine, "mou 2019 dimana", "siapa saja yang ikut?")
    assert listed.intent == "cohort.members" and all(name in listed.plain() for name in members(engine, 2019))
    areas = next(f for f in k.records.facts if f.id == "tourism_areas_2021")
    _, area = talk(engine, "kota baubau ikut?", "masuk kawasan apa")
    assert areas.text.id in area.text  # the region's tourism area, not its membership again


def test_a_topic_word_pointed_back_at_the_last_region_is_that_regions_event(engine: Engine) -> None:
    """'bimtek tahap 1 nya kapan?' after PPU asks for PPU's own coaching stage, not the general bimtek text; 'apa itu
    bimtek?' after it stays the general question, and a region's stage asked in English reaches its event too."""
    [ppu] = [e.text.id for e in engine.knowledge.events_by_region[code_of(engine, "Kabupaten Penajam Paser Utara")]
             if "bimtek" in e.text.id]
    asked = talk(engine, "PPU sebenarnya masuk program ini di tahun apa?", "bimtek tahap 1 nya kapan?")[1]
    assert ppu in asked.text
    general = talk(engine, "PPU ikut?", "apa itu bimtek?")[1]
    assert general.intent == "programme.bimtek" and ppu not in general.text
    # a region with no coaching event of its own: the coaching topic (of its cohort's year), not another topic's fact
    # that merely names the region
    oki = talk(engine, "kab oki ikut?", "bimtek tahap 1 nya kapan?")[1]
    assert oki.intent == "programme.bimtek"
    purbalingga = event_about(engine, "Kabupaten Purbalingga", "third coaching stage")
    assert purbalingga in talk(engine, "Is Purbalingga part of it?", "When was their third bimtek session?")[1].text


def test_then_goes_on_down_the_line_of_a_post(engine: Engine) -> None:
    """'and after him?', then 'then?' / 'lalu?': each the next in office after the one the last answer named; the
    conversation's memory of who was named survives being stored."""
    ministers = sorted((p for p in engine.knowledge.people() if is_minister(p.role) and p.start), key=lambda p: p.start or "")
    for asked in (("who was the minister when the program kicked off?", "and after him?", "then?"),
                  ("siapa menteri waktu program dimulai?", "penggantinya?", "lalu?")):
        first, after, then = talk(engine, *asked)
        assert ministers[0].name in first.text.split("\n")[0] or ministers[0].name in first.text
        assert after.people and after.people[0] == ministers[1].id, asked
        assert then.text.split("\n")[0].endswith(f"{ministers[1].name}:") and then.people[0] == ministers[2].id, asked
        assert then.topic is not None and Topic.from_dict(then.topic.to_dict()) == then.topic
        assert then.topic.people == then.people
    # a longer message is read as it stands, not as "the next one"
    assert "Menteri" not in talk(engine, "siapa menteri waktu program dimulai?", "apa itu program smart city?")[1].text.split("\n")[0]


def test_what_was_special_about_a_cohort_is_its_story_and_a_bare_cohort_its_list(engine: Engine) -> None:
    note = engine.knowledge.cohorts[2021].note
    assert note is not None
    for question, lang in (("what was special about the 2021 round?", "en"), ("apa yang khas dari angkatan 2021?", "id")):
        reply = engine.ask(question)
        assert reply.pages == 1 and note.get(lang) in reply.text, question
    assert engine.ask("kohort 2021").intent == "cohort.members"  # the list, which starts with the count


def test_a_slang_then_with_a_new_year_asks_the_last_question_of_that_year(engine: Engine) -> None:
    first, then = talk(engine, "sumut yg masuk 2018 siapa aja", "trs 2023 nya?")
    assert then.intent == "province.members" and then.title == "Sumatera Utara, 2023"


def test_then_goes_on_after_a_dated_question_too(engine: Engine) -> None:
    """'siapa menkominfo tahun 2019?' then 'lalu?': who came after them, not the cohort of that year."""
    first, then = talk(engine, "siapa menkominfo tahun 2019?", "lalu?")
    assert then.intent == "people.minister" and then.people and not set(then.people) & set(first.people)
