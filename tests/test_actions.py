"""Button actions: the strings old buttons carry keep meaning the same, and nothing else is read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import actions
from bot.actions import (
    Action,
    Cohort,
    CohortMou,
    CohortTotals,
    Correction,
    Feedback,
    FindRegion,
    Help,
    Language,
    Ministers,
    NoneOfThese,
    Officials,
    Pillar,
    PillarAlternatives,
    Pillars,
    Programme,
    Province,
    Region,
    RegionEvents,
    RoleHolders,
    Sources,
    decode,
    encode,
    from_deep_link,
    is_navigation,
    to_deep_link,
)
from bot.engine import Engine

YEARS = st.integers(actions.FIRST_YEAR, actions.LAST_YEAR)
PAGES = st.none() | st.integers(1, actions.LAST_PAGE)
# built from integers and letters rather than with st.from_regex: the same strings, several times cheaper to draw
PROVINCES = st.integers(0, 99).map("{:02d}".format)
REGIONS = st.builds("{}.{}".format, PROVINCES, PROVINCES)
WORDS = st.builds(str.__add__, st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
                  st.text("abcdefghijklmnopqrstuvwxyz0123456789_", max_size=39))
ACTIONS: st.SearchStrategy[Action] = st.one_of(
    st.builds(Region, REGIONS), st.builds(RegionEvents, REGIONS, PAGES), st.builds(Cohort, YEARS, PAGES),
    st.builds(CohortMou, YEARS), st.builds(CohortTotals, PAGES), st.builds(Province, PROVINCES, st.none() | YEARS, PAGES),
    st.just(Pillars()), st.builds(Pillar, WORDS), st.builds(PillarAlternatives, PAGES), st.builds(Programme, WORDS, PAGES),
    st.builds(Ministers, st.none() | YEARS, PAGES), st.builds(Officials, PAGES), st.builds(RoleHolders, WORDS, PAGES),
    st.builds(Sources, PAGES),
    st.just(Help()), st.just(FindRegion()), st.builds(NoneOfThese, st.text()),
    st.builds(Language, st.none() | st.sampled_from(["id", "en"])), st.builds(Feedback, st.sampled_from(["up", "down"])),
    st.builds(Correction, st.none() | st.integers(1, actions.MAX_CORRECTION_NUMBER)),
)

# Strings buttons in people's chats carry today, and what they mean.
TODAY = [
    ("r:16.02", Region("16.02")), ("ev:16.02", RegionEvents("16.02")), ("c:2019", Cohort(2019)),
    ("c:2019:2", Cohort(2019, 2)), ("c:2019:1", Cohort(2019, 1)), ("cm:2019", CohortMou(2019)), ("ct", CohortTotals()),
    ("p:35", Province("35")), ("p:35:3", Province("35", page=3)), ("p:35:2019", Province("35", 2019)),
    ("p:35:2019:2", Province("35", 2019, 2)), ("pl", Pillars()), ("pl:smart_living", Pillar("smart_living")),
    ("alt", PillarAlternatives()), ("prog:what_is", Programme("what_is")), ("src", Sources()), ("help", Help()),
    ("find", FindRegion()), ("none", NoneOfThese()), ("none:kota bandunk", NoneOfThese("kota bandunk")),
    ("none:a:b", NoneOfThese("a:b")), ("lang", Language()), ("lang:id", Language("id")), ("lang:en", Language("en")),
    ("dr:direktur_laip", RoleHolders("direktur_laip")), ("dr:direktur_laip:2", RoleHolders("direktur_laip", 2)),
]


@pytest.mark.parametrize(("text", "action"), TODAY)
def test_todays_strings_mean_what_they_meant(text: str, action: Action) -> None:
    assert decode(text) == action
    assert encode(action) == text


def test_menu_is_still_read_as_help() -> None:
    assert decode("menu") == Help()


@settings(max_examples=500)
@given(ACTIONS)
def test_every_action_reads_back_from_its_string(action: Action) -> None:
    assert decode(encode(action)) == action


@pytest.mark.parametrize("text", [
    "", "zz", "zz:old:thing", "c:", "c:2019:", "c:²⁰¹⁹", "c:２０１９", "c:2019:²", "c:1999", "c:2101", "c:02019",
    "c:2019:0", "c:2019:1000", "c:2019:01", "c:2", "c:2019:2:3", "c:-2019", "c: 2019", "cm", "cm:19", "ct:0", "ct:x",
    "r:16.2", "r:16-02", "r:16.02:2", "r:١٦.٠٢", "r", "ev:16.02:0", "p:3", "p:350", "p:35:2:2019", "p:35:2019:2019",
    "p:35:x", "p:", "pl:Smart_Living", "pl:a:b", "pl:", "prog", "prog:What", "prog:a:0", "help:1", "find:x",
    "src:1000", "mn:1999", "dj:x", "lang:fr", "lang:id:en", "fb", "fb:x", "fb:up:2",
    "fix:0", "fix:x", "fix:1:2", "alt:two", "c:2019:" + "9" * 5000, "src:1" + "9" * 80,
])
def test_anything_else_is_not_an_action(text: str) -> None:
    assert decode(text) is None


@pytest.mark.parametrize("make", [
    lambda: Cohort(1999), lambda: Cohort(2019, 0), lambda: Province("3"), lambda: Region("16.2"), lambda: Pillar("A b"),
    lambda: CohortTotals(1000), lambda: Language("fr"),
])
def test_constructors_refuse_what_could_not_be_read_back(make: object) -> None:
    with pytest.raises(ValueError):
        make()  # type: ignore[operator]


@pytest.mark.parametrize(("payload", "action"), [
    ("region_16_02", Region("16.02")), ("region_1602", Region("16.02")), ("cohort_2019", Cohort(2019)),
    ("province_35", Province("35")), ("pillar_smart_living", Pillar("smart_living")), ("ct", CohortTotals()),
    ("pl", Pillars()), ("alt", PillarAlternatives()), ("src", Sources()), ("help", Help()), ("find", FindRegion()),
    ("menu", Help()), ("none", NoneOfThese()),
])
def test_deep_links_open_what_they_opened(payload: str, action: Action) -> None:
    assert from_deep_link(payload) == action


@pytest.mark.parametrize("payload", [
    "", "nonsense_payload", "region_16", "region_16_2", "cohort_", "cohort_1999", "cohort_2019_2", "province_3",
    "province_35_2019", "pillar_", "pillar_Smart", "c:2019", "r:16.02", "lang",
])
def test_other_payloads_open_nothing(payload: str) -> None:
    assert from_deep_link(payload) is None


@given(ACTIONS)
def test_a_deep_link_opens_its_action(action: Action) -> None:
    payload = to_deep_link(action)
    if payload is not None:
        assert from_deep_link(payload) == action
        assert len(payload) <= 64 and all(c.isascii() and (c.isalnum() or c in "_-") for c in payload)


def test_deep_links_are_written_as_before() -> None:
    assert to_deep_link(Region("16.02")) == "region_16_02"
    assert to_deep_link(Cohort(2019)) == "cohort_2019"
    assert to_deep_link(Province("35")) == "province_35"
    assert to_deep_link(Pillar("smart_living")) == "pillar_smart_living"
    assert to_deep_link(Cohort(2019, 2)) is None and to_deep_link(NoneOfThese("x")) is None


@pytest.mark.parametrize(("text", "navigation"), [
    ("c:2019:2", True), ("c:2019:1", True), ("p:35:3", True), ("p:35:2019:2", True), ("ct:2", True), ("src:2", True),
    ("c:2019", False), ("p:35", False), ("p:35:2019", False), ("ct", False), ("r:16.02", False),
    ("pl:smart_living", False), ("none:x", False),
])
def test_moving_within_a_list_is_recognised(text: str, navigation: bool) -> None:
    assert is_navigation(decode(text)) is navigation


def test_no_action_is_not_navigation() -> None:
    assert is_navigation(decode("zz")) is False


@given(st.text(), st.integers(32, 80))
def test_none_of_these_is_shortened_to_whole_characters(name: str, limit: int) -> None:
    fitted = NoneOfThese(name).fitted(limit)
    text = encode(fitted)
    assert len(text.encode("utf-8")) <= limit
    assert name.startswith(fitted.name.rstrip()) and decode(text) == fitted


def test_none_of_these_keeps_a_short_name_whole() -> None:
    assert NoneOfThese("kota bandunk").fitted(64) == NoneOfThese("kota bandunk")
    long_name = "kabupaten ogan komering ilir " * 3
    assert encode(NoneOfThese(long_name).fitted(64)) == "none:" + long_name[:59].rstrip()
    assert NoneOfThese("é" * 40).fitted(64).name == "é" * 29  # 5 + 29 x 2 bytes = 63


# ---------------------------------------------------------------- through the engine


@pytest.mark.parametrize("text", [
    "r:99.99", "ev:99.99", "p:99", "p:16:2019", "c:1999", "c:2019", "cm:2030", "pl:nope", "prog:nope", "lang", "lang:id",
    "zz:old:thing", "c:2017:²", "dr:no_such_role",
])
def test_a_button_naming_what_is_not_known_gets_the_old_button_reply(mini_engine: Engine, text: str) -> None:
    reply = mini_engine.act(text, lang="en")
    assert reply.intent == "stale_action" and not reply.answered
    assert reply.plain() == "This button is from an older version of me and no longer works. Please ask again."


def test_typed_actions_are_answered_like_their_strings(mini_engine: Engine) -> None:
    for action in [Cohort(2017), Region("16.02"), Province("16"), Pillar("smart_living"), CohortTotals(), Sources()]:
        assert mini_engine.act(action, lang="id").plain() == mini_engine.act(encode(action), lang="id").plain()


@settings(max_examples=300, deadline=None)
@given(ACTIONS)
def test_act_never_raises(mini_engine: Engine, action: Action) -> None:
    for form in (action, encode(action)):
        reply = mini_engine.act(form, lang="en")
        assert reply.plain().strip() and reply.intent != "error"


def test_act_never_raises_even_when_an_action_breaks(mini_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(action: Action, lang: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(actions, "understanding", broken)
    assert mini_engine.act("c:2017", lang="en").intent == "stale_action"
