"""Property: any text up to 4096 characters, and any button string, gets a non-empty reply within the front's
limits, never an exception."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.reply import Limits

WORDS = st.sampled_from(
    ["kab", "kota", "oki", "ikut", "ga", "2019", "bandung", "smart", "living", "apa", "itu", "<b>", "&", "jatim",
     "who", "is", "in", "pilar", "kohort", "2030", "bogor", "zzyzx", "siapa", "menteri", "???", "\n", "ÄÖ", "🙂"]
)
TEXTS = st.one_of(st.text(max_size=4096), st.lists(WORDS, max_size=40).map(" ".join))
LIMITS = st.sampled_from([Limits(4096, 64), Limits(1000, 32)])
ACTION_LIKE = st.one_of(
    st.text(max_size=80),
    st.tuples(st.sampled_from(["r", "ev", "c", "cm", "ct", "p", "pl", "prog", "mn", "dj", "src", "none", "lang"]),
              st.lists(st.one_of(st.integers(0, 3000).map(str), st.from_regex(r"[0-9]{2}\.[0-9]{2}", fullmatch=True),
                                 st.text(max_size=8)), max_size=3)).map(lambda t: ":".join([t[0], *t[1]])),
)


def within(reply: object, limits: Limits) -> bool:
    return limits.fits_text(reply.plain()) and all(limits.fits_action(b.action) for row in reply.buttons for b in row)  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(TEXTS, LIMITS)
def test_any_text_gets_a_reply(engine: Engine, text: str, limits: Limits) -> None:
    reply = engine.ask(text, limits=limits)
    assert reply.plain().strip()
    assert within(reply, limits)
    assert reply.lang in ("id", "en")


@settings(max_examples=200, deadline=None)
@given(ACTION_LIKE, LIMITS)
def test_any_action_gets_a_reply(engine: Engine, action: str, limits: Limits) -> None:
    reply = engine.act(action, lang="en", limits=limits)
    assert reply.plain().strip() and within(reply, limits)
    assert reply.intent != "error"
