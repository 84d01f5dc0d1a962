"""Property: any text up to 4096 characters gets a non-empty reply within Telegram's limit, never an exception."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine import Engine

WORDS = st.sampled_from(
    ["kab", "kota", "oki", "ikut", "ga", "2019", "bandung", "smart", "living", "apa", "itu", "<b>", "&", "jatim",
     "who", "is", "in", "pilar", "kohort", "2030", "bogor", "zzyzx", "siapa", "menteri", "???", "\n", "ÄÖ", "🙂"]
)
TEXTS = st.one_of(st.text(max_size=4096), st.lists(WORDS, max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_gets_a_reply(engine: Engine, text: str) -> None:
    reply = engine.ask(text)
    assert reply.plain().strip()
    assert len(reply.plain()) <= 4096
    assert reply.lang in ("id", "en")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_any_action_gets_a_reply(engine: Engine, action: str) -> None:
    reply = engine.act(action, lang="en")
    assert reply.plain().strip() and len(reply.plain()) <= 4096
