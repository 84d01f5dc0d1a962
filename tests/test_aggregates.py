"""Aggregates over places and years, and what the knowledge does not hold, on the shipped knowledge.

Expected figures are counted here straight from the knowledge records and the gazetteer, not copied from replies.
"""

from __future__ import annotations

import re

from bot.engine import Engine
from bot.knowledge.records import Person
from bot.reply import UNLIMITED


def joined(engine: Engine, provinces: set[str], kind: str | None = None, years: tuple[int, int] | None = None) -> set[str]:
    k = engine.knowledge
    return {
        m.region for m in k.records.memberships
        if m.status != "not_taken_up" and k.regions[m.region].province in provinces
        and (kind is None or k.regions[m.region].kind == kind) and (years is None or years[0] <= m.year <= years[1])
    }


def size(engine: Engine, provinces: set[str], kind: str | None = None) -> int:
    return sum(1 for r in engine.knowledge.regions.values() if r.province in provinces and (kind is None or r.kind == kind))


def first_paragraph(text: str) -> str:
    return text.split("\n\n")[0]


def test_share_of_a_province_comes_first_with_its_denominator(engine: Engine) -> None:
    reply = engine.ask("berapa persen kab/kota di Sumatera Utara sudah ikut?")
    n, total = len(joined(engine, {"12"})), size(engine, {"12"})
    first = first_paragraph(reply.text)
    assert first.startswith("Sumatera Utara:") and f"{n} dari {total}" in first
    assert f"{round(100 * n / total)}%" in first
    assert "belum lengkap" in reply.text  # 2021-2023 lists are partial: said, never hidden


def test_regions_not_yet_in_are_the_gazetteer_minus_the_members(engine: Engine) -> None:
    reply = engine.ask("daerah di Kalimantan Selatan yang belum ikut")
    members = joined(engine, {"63"})
    missing = [r.name for r in engine.knowledge.regions.values() if r.province == "63" and r.code not in members]
    assert missing and all(name in reply.text for name in missing)
    assert not any(engine.knowledge.regions[code].name in reply.text for code in members)


def test_provinces_with_no_member_at_all(engine: Engine) -> None:
    k = engine.knowledge
    empty = [p.name for p in k.provinces.values() if not joined(engine, {p.code})]
    for question in ("ada provinsi yang sama sekali belum ikut?", "provinsi mana yang paling sedikit pesertanya?"):
        first = first_paragraph(engine.ask(question).text)
        assert all(name in first for name in empty), question


def test_the_province_with_most_members(engine: Engine) -> None:
    counts = {p.name: len(joined(engine, {p.code})) for p in engine.knowledge.provinces.values()}
    best = max(counts, key=lambda name: counts[name])
    reply = engine.ask("which province has the most members?")
    assert reply.lang == "en" and best in first_paragraph(reply.text) and str(counts[best]) in first_paragraph(reply.text)


def test_two_provinces_compared(engine: Engine) -> None:
    west, central = len(joined(engine, {"32"})), len(joined(engine, {"33"}))
    first = first_paragraph(engine.ask("jabar vs jateng banyak mana").text)
    more = "Jawa Tengah" if central > west else "Jawa Barat"
    assert first.startswith(more) and str(west) in first and str(central) in first


def test_a_cohort_split_into_kota_and_kabupaten(engine: Engine) -> None:
    kota = len(joined(engine, set(engine.knowledge.provinces), "kota", (2018, 2018)))
    kabupaten = len(joined(engine, set(engine.knowledge.provinces), "kabupaten", (2018, 2018)))
    text = engine.ask("kohort 2018 berapa kota, berapa kabupaten?").text
    assert f"{kota} kota dan {kabupaten} kabupaten" in text


def test_a_range_of_years_counts_every_year_in_it(engine: Engine) -> None:
    text = engine.ask("antara 2018 dan 2022 ada berapa daerah yang gabung?").text
    official = sum(c.size for c in engine.knowledge.cohorts.values() if 2018 <= c.year <= 2022)
    listed = len(joined(engine, set(engine.knowledge.provinces), years=(2018, 2022)))
    assert str(official) in text and str(listed) in first_paragraph(text)
    assert "2018" in text and "2022" in text


def test_an_island_group_and_everything_outside_it(engine: Engine) -> None:
    sulawesi = {c for c in engine.knowledge.provinces if c.startswith("7")}
    first = first_paragraph(engine.ask("yang ikut di Sulawesi berapa?").text)
    assert first.startswith("Sulawesi:") and f"{len(joined(engine, sulawesi))} dari {size(engine, sulawesi)}" in first
    outside = set(engine.knowledge.provinces) - {c for c in engine.knowledge.provinces if c.startswith("3")}
    reply = engine.ask("peserta 2022 di luar Jawa")
    assert f"{len(joined(engine, outside, years=(2022, 2022)))} dari {size(engine, outside)}" in first_paragraph(reply.text)
    assert "Jawa Barat" not in reply.text and "Jawa Timur" not in reply.text


def test_one_kind_filters_a_province_list(engine: Engine) -> None:
    reply = engine.ask("Which cities in Riau joined?")
    cities = sorted(engine.knowledge.regions[c].name for c in joined(engine, {"14"}, "kota"))
    assert cities and all(name in reply.text for name in cities) and "Kabupaten" not in reply.text


def test_what_the_knowledge_does_not_hold_is_said_plainly(engine: Engine) -> None:
    for question, place in (("berapa penduduk kota medan", "Kota Medan"), ("siapa gubernur jawa timur", "Jawa Timur")):
        reply = engine.ask(question)
        assert not reply.answered and reply.text.startswith("Saya tidak tahu")
        assert place in reply.text and not re.search(r"\d", reply.text.split("\n\n")[0]), question
        assert any(place in b.label for row in reply.buttons for b in row)


def test_the_office_held_now_and_other_countries_are_not_known(engine: Engine) -> None:
    """An office asked of today ("the current regent") is not the signing the knowledge holds; other countries'
    smart cities are not the programme: each gets a plain "I don't know", never a card of a neighbouring answer."""
    for question, lang in (("Who is the current regent of Ogan Komering Ilir?", "en"), ("smart city di singapura gimana", "id"),
                           ("How many smart cities does Malaysia have?", "en")):
        reply = engine.ask(question)
        assert reply.lang == lang and not reply.answered and reply.intent == "out_of_scope", question
    signed = engine.ask("bupati yang tanda tangan mou oki siapa")  # the regent's part in the signing is known
    assert signed.answered and signed.intent == "event.mou_signing"


def test_aggregate_replies_fit_a_phone_screen_before_the_list(engine: Engine) -> None:
    for question in ("berapa persen kab/kota di Sumatera Utara sudah ikut?", "jabar vs jateng banyak mana",
                     "provinsi mana yang paling sedikit pesertanya?", "kohort 2018 berapa kota, berapa kabupaten?"):
        assert len(first_paragraph(engine.ask(question).text)) <= 700, question


def test_the_current_minister_only_when_now_is_asked(engine: Engine) -> None:
    ministers = [p for p in engine.knowledge.people() if p.role.startswith("men") or p.role == "plt_menkominfo"]
    current = [p.name for p in ministers if p.start and not p.end]
    past = [p.name for p in ministers if p.end]
    for question in ("siapa menteri sekarang", "who is the current minister?"):
        text = engine.ask(question).text
        assert all(name in text for name in current) and not any(name in text for name in past), question
    assert all(name in engine.ask("siapa saja menteri kominfo sejak awal program?").text for name in past)


def test_a_provinces_count_names_its_members(engine: Engine) -> None:
    k = engine.knowledge
    for question, province, years in (("sulsel brp yg udah ikut", "73", None), ("2017 ada berapa dari jabar", "32", (2017, 2017))):
        reply = engine.ask(question)
        names = {k.regions[c].name for c in joined(engine, {province}, years=years)}
        assert first_paragraph(reply.text).startswith(k.provinces[province].name) and all(n in reply.text for n in names), question
        others = {r.name for r in k.regions_in_province(province)} - names
        assert not any(f"{n}," in reply.text or f"{n}\n" in reply.text for n in others), question


def test_who_was_in_a_cohort_is_its_members_not_the_ministers(engine: Engine) -> None:
    members = {engine.knowledge.regions[m.region].name for m in engine.knowledge.members_by_year[2021] if m.status != "not_taken_up"}
    for question in ("who was in the 2021 cohort?", "siapa saja angkatan 2021?"):
        reply = engine.ask(question)
        assert reply.intent == "cohort.members" and sum(n in reply.text for n in members) >= 10, question
        assert "Johnny" not in reply.text, question


def test_up_to_a_year_counts_every_cohort_until_then(engine: Engine) -> None:
    reply = engine.ask("what share of all kab/kota in Indonesia had joined by 2021?")
    n = len(joined(engine, set(engine.knowledge.provinces), years=(2017, 2021)))
    assert f"{n} of its {len(engine.knowledge.regions)}" in first_paragraph(reply.text)


def test_a_national_total_up_to_a_year_gives_the_official_figure_and_the_dispute(engine: Engine) -> None:
    cohort = engine.knowledge.cohorts[2021]
    assert cohort.total is not None and cohort.note is not None
    for question, lang in (("total peserta 2017 sampai 2021 berapa sih", "id"), ("what share of all kab/kota had joined by 2021?", "en")):
        text = engine.ask(question).text
        assert f"{cohort.total} kabupaten/kota" in text and cohort.note.get(lang) in text, question
    after = engine.ask("what was the total after the 2022 cohort?").text
    assert f"{engine.knowledge.cohorts[2022].total} kabupaten/kota" in after


def test_words_the_bot_does_not_know_about_a_region_get_i_dont_know(engine: Engine) -> None:
    reply = engine.ask("berapa titik wifi gratis di kota bandung")
    assert not reply.answered and "wifi" in reply.text and "Kota Bandung" in reply.text
    assert "kohort 2017" not in reply.text  # no membership card passed off as the answer
    for question in ("Was Merauke ever selected for the smart city programme?", "kota bandung ikut ga", "oki mantap"):
        assert engine.ask(question).intent == "region.status", question  # one odd word is not a question we cannot answer


def test_regions_in_more_than_one_cohort(engine: Engine) -> None:
    k = engine.knowledge
    years: dict[str, set[int]] = {}
    for m in k.records.memberships:
        if m.status != "not_taken_up":
            years.setdefault(m.region, set()).add(m.year)
    again = {k.regions[c].name for c, ys in years.items() if len(ys) > 1}
    assert again
    reply = engine.ask("which regions have joined more than once?")
    assert reply.intent == "coverage" and all(name in reply.text for name in again)
    once = {k.regions[c].name for c, ys in years.items() if len(ys) == 1}
    assert not any(f"• {name}:" in reply.text for name in once)


def test_provinces_without_members_in_english(engine: Engine) -> None:
    empty = [p.name for p in engine.knowledge.provinces.values() if not joined(engine, {p.code})]
    first = first_paragraph(engine.ask("Which provinces have no members at all?").text)
    assert all(name in first for name in empty)


def test_kota_versus_kabupaten_of_a_cohort(engine: Engine) -> None:
    k = engine.knowledge
    members = [k.regions[m.region] for m in k.members_by_year[2019] if m.status != "not_taken_up"]
    kota = sum(1 for r in members if r.kind == "kota")
    text = first_paragraph(engine.ask("How many kota vs kabupaten in the 2019 cohort?").text)
    assert f"{kota} kota" in text and f"{len(members) - kota} kabupaten" in text


def test_what_the_knowledge_does_not_hold_without_a_place(engine: Engine) -> None:
    for question in ("what was the programme's budget in 2023 in rupiah?", "berapa anggaran smart city"):
        reply = engine.ask(question)
        assert reply.intent == "out_of_scope" and not reply.answered, question
    hotel = engine.ask("mou 2019 di hotel apa")  # the knowledge holds the venue: answered
    assert hotel.answered and "Hotel" in hotel.text


def test_an_official_by_the_role_named(engine: Engine) -> None:
    laip = engine.knowledge.people("direktur_laip")
    text = engine.ask("Who was Direktur LAIP in 2022?").text
    assert all(p.name in text for p in laip if in_year(p, 2022))
    assert not any(p.name in text for p in engine.knowledge.people("dirjen_aptika"))


def in_year(person: Person, year: int) -> bool:
    return int((person.start or "0")[:4]) <= year <= int((person.end or "9999")[:4])


def test_island_groups_ranked_as_wholes(engine: Engine) -> None:
    k = engine.knowledge
    groups = {name: {c for c in k.provinces if c.startswith(digit)} for digit, name in k.words.areas.values()}
    counts = {name: len(joined(engine, codes)) for name, codes in groups.items()}
    most, least = max(counts, key=counts.__getitem__), min(counts, key=counts.__getitem__)
    top = first_paragraph(engine.ask("which island has the most members").text)
    assert top.startswith(f"Most kabupaten/kota in our lists: {most}, with {counts[most]}")
    assert f"{least}, dengan {counts[least]}" in first_paragraph(engine.ask("pulau mana yang pesertanya paling sedikit").text)


def test_the_largest_and_smallest_cohorts(engine: Engine) -> None:
    sized = {c.year: c.size for c in engine.knowledge.cohorts.values() if c.size}
    small, large = min(sized.values()), max(sized.values())
    smallest = first_paragraph(engine.ask("Selain 2020, tahun berapa pesertanya paling sedikit?").text)
    assert all(str(y) in smallest for y, n in sized.items() if n == small) and f"{small} daerah" in smallest
    largest = first_paragraph(engine.ask("which year had the most new members?").text)
    assert all(str(y) in largest for y, n in sized.items() if n == large) and f"{large} regions" in largest


def test_a_kind_said_with_not_is_left_out(engine: Engine) -> None:
    k = engine.knowledge
    kota = {k.regions[m.region].name for m in k.members_by_year[2024] if m.status != "not_taken_up" and k.regions[m.region].kind == "kota"}
    text = engine.ask("Peserta 2024 yang statusnya kota, bukan kabupaten, ada berapa?").text
    assert f"{len(kota)} dari" in first_paragraph(text) and all(n in text for n in kota) and "Kabupaten" not in text.split("Sumber")[0]


def test_two_cohorts_side_by_side(engine: Engine) -> None:
    k = engine.knowledge
    text = engine.ask("How many new regions came in with the 2018 intake compared with 2019?").text
    assert f"In 2018, {k.cohorts[2018].size} new" in text and f"In 2019, {k.cohorts[2019].size} new" in text
    assert "100" in engine.ask("2017 sampe 2019 total ada brp daerah").text  # "sampe" is a range, not two years


def test_a_year_without_a_new_cohort_is_named_first(engine: Engine) -> None:
    empty = [str(c.year) for c in engine.knowledge.cohorts.values() if not c.size]
    assert empty  # 2020, in the shipped knowledge
    for question in ("Ada tahun yang sama sekali tidak ada angkatan baru nggak?", "was there a year with no new cohort?"):
        reply = engine.ask(question)
        assert reply.intent == "cohort.totals", question
        assert all(year in first_paragraph(reply.text) for year in empty), question


def test_more_cities_or_regencies_in_a_cohort_gives_both_counts(engine: Engine) -> None:
    every = set(engine.knowledge.provinces)
    kota, kabupaten = len(joined(engine, every, "kota", (2019, 2019))), len(joined(engine, every, "kabupaten", (2019, 2019)))
    reply = engine.ask("angkatan 2019 lebih banyak kota atau kabupaten?")
    assert reply.intent == "coverage" and f"{kota} kota dan {kabupaten} kabupaten" in first_paragraph(reply.text)


def test_how_many_have_not_joined_anywhere(engine: Engine) -> None:
    """The lists are partial, so the official running total's figure comes first, then the lists' own count."""
    k = engine.knowledge
    missing = len(k.regions) - len({m.region for m in k.records.memberships if m.status != "not_taken_up"})
    last = max((c for c in k.cohorts.values() if c.total is not None), key=lambda c: c.year)
    assert last.total is not None
    for question in ("jadi brp kab/kota yg blm ikut sama sekali?", "how many regencies and cities have not joined yet?"):
        reply = engine.ask(question)
        first, second = reply.text.split("\n\n")[:2]
        assert reply.intent == "coverage" and f"{len(k.regions) - last.total} " in first and str(last.total) in first, question
        assert f"{missing} " in second, question


def test_which_regions_have_not_joined_lists_them(engine: Engine) -> None:
    k = engine.knowledge
    joined_codes = {m.region for m in k.records.memberships if m.status != "not_taken_up"}
    never = sorted(r.name for r in k.regions.values() if r.code not in joined_codes)
    for question in ("daerah mana yang belum ikut?", "which regions have never joined?"):
        reply = engine.ask(question, limits=UNLIMITED)
        assert reply.intent == "coverage", question
        assert all(name in reply.text for name in never), question


def test_smp_is_sampai_in_a_range_of_years(engine: Engine) -> None:
    u = engine.understand("brp persen kab/kota se-indonesia yg udh ikut smp 2021?")
    assert u.intent == "coverage" and u.frame.years == (min(engine.knowledge.cohorts), 2021)


def test_joined_again_in_a_year_names_those_of_that_year_with_an_earlier_or_later_cohort(engine: Engine) -> None:
    k = engine.knowledge
    years = {code: {m.year for m in ms if m.status != "not_taken_up"} for code, ms in k.members_by_region.items()}
    again = sorted(k.regions[c].name for c, ys in years.items() if 2021 in ys and len(ys) > 1)
    reply = engine.ask("which regions joined again in 2021?")
    assert again and reply.intent == "coverage" and f"{len(again)} kabupaten/kota" in first_paragraph(reply.text)
    assert all(f"• {name}: " in reply.text for name in again)


def test_a_cost_or_a_route_is_not_known_but_a_fact_that_speaks_of_it_is_said(engine: Engine) -> None:
    [paid] = [f for f in engine.knowledge.records.facts if "biaya pendampingan" in f.text.id]
    reply = engine.ask("siapa yang menanggung biaya pendampingan?")
    assert reply.answered and paid.text.id in reply.text
    for question in ("brp biaya bikin masterplan smart city?", "How do I get to Hotel Tentrem from Yogyakarta airport?",
                     "What is the smartest city in the world?"):
        assert engine.ask(question).intent == "out_of_scope", question


def test_a_regions_apps_are_not_known_but_the_ministry_of_applications_is(engine: Engine) -> None:
    for question in ("jakarta smart city punya aplikasi apa aja?", "what apps does surabaya have?",
                     "cara daftar cpns komdigi gmn ya", "Which Japanese companies are building smart cities in Indonesia?"):
        reply = engine.ask(question)
        assert reply.intent == "out_of_scope" and not reply.answered, question
    dirjen = engine.ask("dirjen aplikasi informatika siapa?")
    assert dirjen.intent == "people.dirjen" and dirjen.answered


def test_a_share_asked_of_a_place_is_read_both_ways(engine: Engine) -> None:
    """'berapa persen smart city yang ada di jawa?' may ask Java's part of the members as well as the members' part
    of Java: both figures are given."""
    java = {c for c in engine.knowledge.provinces if c.startswith("3")}
    mine, every = joined(engine, java), joined(engine, set(engine.knowledge.provinces))
    reply = engine.ask("brp persen smart city kominfo yg ada di jawa?")
    first = first_paragraph(reply.text)
    assert reply.intent == "coverage"
    assert f"({round(100 * len(mine) / size(engine, java))}%)" in first
    assert f"{round(100 * len(mine) / len(every))}% dari {len(every)} kabupaten/kota" in first
    own = first_paragraph(engine.ask("brp persen kab/kota di jatim yg udh ikut?").text)  # of its regions: one reading
    assert "di seluruh Indonesia" not in own


def test_a_question_mostly_of_words_the_bot_never_saw_is_not_given_a_neighbouring_topic(engine: Engine) -> None:
    for question in ("what are the opening hours of their Diskominfo office?", "what's the 5G coverage like there?"):
        reply = engine.ask(question)
        assert reply.intent == "out_of_scope" and not reply.answered, question
    words = engine.ask("what are the opening hours of their Diskominfo office?")
    assert '"opening", "hours", and "diskominfo" are not in my knowledge' in words.text  # one list, in the reply's language
    assert engine.ask("kriteria pemilihan daerahnya apa aja").answered  # a topic's own words, however put


def test_english_negations_ask_for_the_regions_not_yet_in(engine: Engine) -> None:
    k = engine.knowledge
    bali = {c for c, p in k.provinces.items() if p.name == "Bali"}
    never = sorted(r.name for r in k.regions.values() if r.province in bali and r.kind == "kabupaten"
                   and r.code not in joined(engine, bali))
    for question in ("any Bali regency that isn't in yet?", "which bali regencies aren't in the programme?"):
        reply = engine.ask(question)
        assert reply.intent == "coverage" and all(f"• {name}" in reply.text for name in never), question
        assert f"{len(never)} of its " in first_paragraph(reply.text), question


def test_a_place_with_every_region_in_says_so(engine: Engine) -> None:
    k = engine.knowledge
    for code, province in k.provinces.items():
        cities = [r for r in k.regions.values() if r.province == code and r.kind == "kota"]
        if cities and {r.code for r in cities} <= joined(engine, {code}):
            reply = engine.ask(f"kota di {province.name} yang belum ikut apa aja?")
            assert f"semua {len(cities)} kota ada dalam daftar kami" in reply.text, province.name
            return
    raise AssertionError("no province has every kota in the lists")


def test_more_than_once_in_indonesian(engine: Engine) -> None:
    k = engine.knowledge
    years = {code: {m.year for m in ms if m.status != "not_taken_up"} for code, ms in k.members_by_region.items()}
    again = sorted(k.regions[c].name for c, ys in years.items() if len(ys) > 1)
    reply = engine.ask("daerah mana aja yg ikut lebih dari sekali?")
    assert again and reply.intent == "coverage" and all(f"• {name}: " in reply.text for name in again)
    assert not engine.understand("jadi brp kab/kota yg blm ikut sama sekali?").frame.has("repeat")  # "at all"


def test_paling_banyak_ranks_the_provinces(engine: Engine) -> None:
    k = engine.knowledge
    counts = {code: len(joined(engine, {code}, years=(2022, 2022))) for code in k.provinces}
    best = max(counts.values())
    top = [k.provinces[c].name for c, n in counts.items() if n == best]
    reply = engine.ask("provinsi mana yg paling banyak ikut 2022?")
    assert reply.intent == "coverage" and all(name in first_paragraph(reply.text) for name in top)


def latest_of(engine: Engine, provinces: set[str]) -> tuple[int, list[str]]:
    k = engine.knowledge
    taken = [m for m in k.records.memberships if m.status != "not_taken_up" and k.regions[m.region].province in provinces]
    year = max(m.year for m in taken)
    return year, sorted({k.regions[m.region].name for m in taken if m.year == year})


def test_the_most_recent_to_join_a_place_or_the_country(engine: Engine) -> None:
    ntt = next(c for c, p in engine.knowledge.provinces.items() if p.name == "Nusa Tenggara Timur")
    first = engine.ask("any members from Nusa Tenggara Timur?", now=1000.0)
    then = engine.ask("which of them joined most recently?", topic=first.topic, now=1010.0)
    year, names = latest_of(engine, {ntt})
    assert then.intent == "coverage" and str(year) in first_paragraph(then.text)
    assert all(n in first_paragraph(then.text) for n in names)
    year, names = latest_of(engine, set(engine.knowledge.provinces))
    national = first_paragraph(engine.ask("daerah mana yang terakhir ikut smart city?").text)
    assert str(year) in national and all(n in national for n in names)


def test_the_latest_cohort_or_minister_is_the_last_one(engine: Engine) -> None:
    last = max(c.year for c in engine.knowledge.cohorts.values() if c.size)
    assert engine.ask("kohort terakhir tahun berapa?").text.startswith(f"Pada {last},")
    latest = engine.ask("the latest cohort")
    assert latest.intent == "cohort.members" and latest.title == f"Cohort {last}"
    current = [p.name for p in engine.knowledge.people() if p.role == "menkomdigi" and p.start and not p.end]
    minister = engine.ask("siapa menteri terakhir?")
    assert current and all(name in minister.text for name in current)
    ministers = [p for p in engine.knowledge.people() if p.role.startswith("men")]
    assert not all(p.name in minister.text for p in ministers)  # the one in office, not the whole history
    assert engine.ask("who was the latest minister in 2019?").intent == "people.minister"
