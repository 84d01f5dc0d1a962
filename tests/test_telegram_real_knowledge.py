"""End-to-end on the real knowledge/ (skipped while it does not validate): everything renders as valid Telegram HTML.

Every cohort list, the pillars, the sources and the inline results of the
curated knowledge go through the fake Bot API, which refuses bad HTML and
messages over 4096 characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_telegram import FakeTelegram
from tests.telegram_helpers import REPO, Bot, buttons_of, failed_calls, start_shared_bot, text_of

KNOWLEDGE = REPO / "knowledge"


def _years() -> list[int]:
    from bot.engine import Engine
    from bot.knowledge.problems import KnowledgeError

    try:
        engine = Engine.load(KNOWLEDGE, Path(__import__("tempfile").mkdtemp()))
    except (KnowledgeError, OSError) as error:
        pytest.skip(f"knowledge/ does not load yet: {error}")
    return sorted(engine.knowledge.cohorts)


@pytest.fixture(scope="module")
def years() -> list[int]:
    return _years()


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture(scope="module")
def bot(fake: FakeTelegram, years: list[int], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    process = start_shared_bot(fake, tmp_path_factory.mktemp("real"), knowledge=KNOWLEDGE)
    yield process
    assert process.stop() == 0


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_list_renders(fake: FakeTelegram, bot: Bot, years: list[int], lang: str) -> None:
    user = fake.user(6001 if lang == "id" else 6002, "Real", language_code=lang)
    mark = fake.mark()
    for command in ["/start", "/pilar", "/sumber", "/kohort", *[f"/kohort {y}" for y in years], "kab oki ikut ga?"]:
        fake.send_text(user, command)
        answer = fake.wait_for_bot_message(user)
        assert text_of(answer), command
        if command == "/kohort":  # the totals by year: their chart follows
            assert "photo" in fake.wait_for_bot_message(user, after=answer)
    assert failed_calls(fake, mark) == []


def test_inline_results_render(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user(6003, "Inline")
    offset, count = "", 0
    for _ in range(10):
        answer = fake.inline_answer_for(fake.inline_query(user, "", offset=offset)["id"])
        count += len(answer["results"])
        offset = answer["next_offset"]
        if not offset:
            break
    assert count > 50


def test_a_provinces_year_buttons_open_that_provinces_year(fake: FakeTelegram, bot: Bot) -> None:
    """/provinsi jawa tengah offers every year the province took part, each opening that province's year (not the
    national cohort); two regions of one province offer the province once."""
    from bot.engine import Engine

    engine = Engine.load(KNOWLEDGE, Path(__import__("tempfile").mkdtemp()))
    code = next(c for c, p in engine.knowledge.provinces.items() if p.name == "Jawa Tengah")
    taken = sorted({m.year for r in engine.knowledge.regions_in_province(code)
                    for m in engine.knowledge.members_by_region.get(r.code, [])})
    user = fake.user(6004, "Official")
    fake.send_text(user, "/provinsi jawa tengah")
    answer = fake.wait_for_bot_message(user)
    assert buttons_of(answer) == [(str(y), f"p:{code}:{y}") for y in taken]
    timeline = fake.wait_for_bot_message(user, after=answer)  # the province's timeline as a chart
    assert "photo" in timeline
    fake.answer_for(fake.press_button(user, answer, f"p:{code}:{taken[1]}")["id"])
    year = fake.wait_for_bot_message(user, after=timeline)
    members = {engine.knowledge.regions[m.region].name for m in engine.knowledge.members_by_year[taken[1]]
               if engine.knowledge.regions[m.region].province == code}
    assert text_of(year).startswith(f"Jawa Tengah, {taken[1]}") and all(name in text_of(year) for name in members)
    assert f"• {taken[0]}:" not in text_of(year)
    fake.send_text(user, "bogor ikut?")
    both = buttons_of(fake.wait_for_bot_message(user, after=year))
    assert len(both) == len(set(both)) and [label for label, _ in both].count("Jawa Barat") == 1


def test_the_sources_of_an_answer_are_links_official_ones_first(fake: FakeTelegram, bot: Bot) -> None:
    """Each source named under an answer is a tappable link to it; a government (.go.id) source is named first."""
    from bot.answers.base import official
    from bot.engine import Engine

    engine = Engine.load(KNOWLEDGE, Path(__import__("tempfile").mkdtemp()))
    user = fake.user(6005, "Warga")
    firsts = []
    for question in ("kab oki ikut ga?", "/kohort 2019", "siapa dirjen aptika 2019?"):
        fake.send_text(user, question)
        message = fake.wait_for_bot_message(user)
        text = text_of(message)
        links = [e for e in message.get("entities", []) if e["type"] == "text_link"]
        assert links, question
        source_line = text.split("\n\n")[-1]
        start = len(text) - len(source_line)
        assert all(e["offset"] >= start for e in links)  # only in the source line
        by_url = {s.url: s for s in engine.knowledge.sources.values()}
        named = [by_url[e["url"]] for e in links]
        assert all(s.publisher in text[e["offset"]:e["offset"] + e["length"]] for s, e in zip(named, links, strict=True))
        shown = [official(s) for s in named]
        assert shown == sorted(shown, reverse=True), question  # the official ones before the others
        firsts.append(shown[0])
    assert any(firsts)  # some answer here does cite a government source


def test_inline_finds_provinces_and_short_names_and_each_card_opens_the_bot(fake: FakeTelegram, bot: Bot) -> None:
    """'@bot jawa tengah', '@bot kab oki', '@bot jateng': results; each shared card carries a button opening the
    bot on its topic; a query matching nothing offers to ask in a private chat."""
    user = fake.user(6006, "Sharer")
    username = fake.bot["username"]
    for query, key, payload in (("jawa tengah", "p:33", "province_33"), ("jateng", "p:33", "province_33"),
                                ("kab oki", "r:16.02", "region_16_02"), ("2019", "c:2019", "cohort_2019")):
        answer = fake.inline_answer_for(fake.inline_query(user, query)["id"])
        first = answer["results"][0]
        assert first["id"] == key, query
        [[opener]] = first["reply_markup"]["inline_keyboard"]
        assert opener["url"] == f"https://t.me/{username}?start={payload}", query
        assert "button" not in answer or not answer["button"], query
    nothing = fake.inline_answer_for(fake.inline_query(user, "qwxz zzqv")["id"])
    assert nothing["results"] == [] and nothing["button"]["start_parameter"] == "inline"


def test_the_totals_come_with_their_chart_as_a_photo(fake: FakeTelegram, bot: Bot) -> None:
    """/kohort (totals by year): the text, then the chart as a PNG photo whose caption carries the numbers;
    "sending a photo" is shown while it is drawn."""
    import io

    from PIL import Image

    from bot.engine import Engine

    engine = Engine.load(KNOWLEDGE, Path(__import__("tempfile").mkdtemp()))
    user = fake.user(6007, "Reader", language_code="en")
    mark = fake.mark()
    fake.send_text(user, "/cohort")
    text = fake.wait_for_bot_message(user)
    photo = fake.wait_for_bot_message(user, after=text)
    action = fake.wait_for_call("sendChatAction", after=mark)
    assert action.params.get("action") == "upload_photo"
    call = fake.wait_for_call("sendPhoto", after=mark)
    picture = Image.open(io.BytesIO(next(iter(call.files.values())).content))
    assert picture.format == "PNG" and photo["photo"][0]["width"] == picture.size[0]
    counted = [c for c in engine.knowledge.cohorts.values() if c.total is not None]
    assert all(f"{c.year}: {c.size}" in photo["caption"] for c in counted) and "Year" not in photo["caption"]
    assert len(photo["caption"]) <= 1024


def test_exporting_a_year_without_participants_says_so(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user(6008, "Official")
    mark = fake.mark()
    fake.send_text(user, "/ekspor 2020")
    assert "tidak ada kabupaten/kota" in text_of(fake.wait_for_bot_message(user))
    assert not [c for c in fake.calls()[mark:] if c.method == "sendDocument"]
