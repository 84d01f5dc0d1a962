"""The conversation so far: the last question answered, and how a short follow-up is read against it.

Understanding, after a message is read alone. A front keeps `reply.topic`
(the last question, as the words understood, with its language and time) and
passes it back with the next message:

    "kota blitar ikut?"   then "kalau kabupatennya?" -> "kabupaten blitar ikut"
    "who joined in 2021?" then "and 2022?"           -> "who joined in 2022"
    "kohort 2018"         then "yang di jawa barat?" -> "kohort 2018 yang di jawa barat"
    "kab oki ikut ga?"    then "mou nya kapan?"      -> "mou nya kapan kabupaten ogan komering ilir"
    "who won smart governance in 2022?" then "and smart living?" -> "who won smart living in 2022"

`retold` rewrites the follow-up as a whole question; `Understander` reads
that like any message and keeps it only when it uses what was carried. The
words come from knowledge/words.yaml (`questions: follow, refer`). A topic
older than `topic.TOPIC_MINUTES` is forgotten: the next message starts afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge.words import Words
from .entities import Entities
from .frame import says_a_year

MAX_FOLLOW_WORDS = 5  # a longer message is a question of its own
REPLACED, CARRIED, CUED = "replaced", "carried", "cued"
FORMS = ("count", "share", "most", "least", "not_yet", "now", "successor")


@dataclass(frozen=True)
class Slots:
    """Where the names, years and kind words of one message are: (start, end) spans of its words."""

    places: list[tuple[int, int]]  # regions (with the kind word before them), provinces, island groups
    years: list[int]
    kinds: list[int]  # a kind word alone ("kabupatennya", "the regencies")
    region_kinds: list[int]  # the kind word just before a region name ("kota blitar")
    regions: list[int]  # where each region name starts (after its kind word)
    provinces: list[int]  # where each province name starts
    pillars: list[tuple[int, int]]  # pillar names ("smart living")

    @property
    def any(self) -> bool:
        return bool(self.places or self.years or self.kinds)

    def taken(self) -> set[int]:
        spans = {i for s, e in [*self.places, *self.pillars] for i in range(s, e)}
        return spans | set(self.years) | set(self.kinds)


def slots(words: list[str], found: Entities, lists: Words) -> Slots:
    places: list[tuple[int, int]] = []
    region_kinds: list[int] = []
    for hit in found.regions:
        start = hit.start
        if words[start] in lists.kinds:  # "kota blitar" is one name
            region_kinds.append(start)
        elif start > 0 and words[start - 1] in lists.kinds:
            start -= 1
            region_kinds.append(start)
        places.append((start, hit.end))
    places += [(s, e) for s, e, _ in found.provinces]
    in_place = {i for s, e in places for i in range(s, e)}
    places += [(i, i + 1) for i, w in enumerate(words) if w in lists.areas and i not in in_place]
    in_place = {i for s, e in places for i in range(s, e)}
    kinds = [i for i, w in enumerate(words) if w in lists.plain_kinds and i not in in_place]
    unique = sorted(set(places))  # "gorontalo" names a province and a region at once: one place
    return Slots(unique, sorted(set(found.year_spans)), kinds, region_kinds, [h.start for h in found.regions],
                 [s for s, _, _ in found.provinces], [(s, e) for s, e, _, _ in found.pillars])


def rest(words: list[str], found: Slots, lists: Words) -> list[str]:
    """The words of a message that are neither names, years, kind words nor follow-up words."""
    skip = lists.cues.get("follow", frozenset()) | lists.cues.get("refer", frozenset())
    taken = found.taken()
    return [w for i, w in enumerate(words) if i not in taken and w not in skip and w.isalnum()]




def retold(
    words: list[str], found: Entities, last: list[str], last_found: Entities, lists: Words, years: tuple[int, ...] = (),
) -> tuple[list[str], str] | None:
    """The follow-up `words` told as a whole question from the `last` one, and how: `REPLACED` (only names,
    years or a kind were said: surely meant), `CARRIED` (the last places and years added to a short question)
    or `CUED` (only a question form, "sekarang", "berapa", added to the last question); None when it is not
    a follow-up."""
    mine, theirs = slots(words, found, lists), slots(last, last_found, lists)
    other = rest(words, mine, lists)
    if mine.pillars and theirs.pillars and not mine.any and not other:  # "and Smart Living?" after a pillar's award
        told: list[str | None] = list(last)
        start, end = theirs.pillars[0]
        told[start:end] = [" ".join(words[s:e]) for s, e in mine.pillars[:1]] + [None] * (end - start - 1)
        return " ".join(w for w in told if w).split(), REPLACED
    if not (theirs.places or theirs.years or years):
        forms = [w for w in words if any(w in lists.cues.get(form, frozenset()) for form in FORMS)]
        if not mine.any and forms and all(w in forms or w in lists.everyday for w in other):  # "yg sekarang?", "siapa penggantinya?"
            return last + forms, CUED
        if not mine.any and lists.cue("refer", words) and len(other) <= MAX_FOLLOW_WORDS:  # "when did he step down?"
            return last + other, CUED
        return None
    if mine.any and not other:
        return _replaced(words, mine, last, theirs, lists), REPLACED
    that_year = lists.cue("refer", words) and says_a_year(words, lists)  # "from Gorontalo in that year?"
    if mine.places and not mine.years and theirs.years and that_year:
        return _replaced(words, mine, last, theirs, lists), REPLACED
    if mine.places and not mine.years and years and that_year:  # "Tabanan ikut kapan?" (2022), "yg di bali taun itu?"
        return words + [str(y) for y in years], REPLACED
    if that_year and not (mine.places or mine.years or theirs.places):  # "how many won Smart Governance that year?"
        return words + ([last[i] for i in theirs.years] or [str(y) for y in years]), REPLACED
    if not mine.any and not other and theirs.years and lists.cue("now", words):  # "kalau sekarang?" after a year
        return [w for i, w in enumerate(last) if i not in theirs.years] + ["sekarang"], CUED
    places = [last[i] for s, e in theirs.places for i in range(s, e)]
    if mine.years and not mine.places and places and not theirs.years and yes_no_membership(words, lists):
        return words + places, CARRIED  # "2021 ikut lagi ga?" after Mataram: that region, that year
    if mine.places or mine.years or len(other) > MAX_FOLLOW_WORDS:
        return None
    if found.pillars or found.alt_names:
        return None  # a question about a pillar is a topic of its own
    return words + places + [last[i] for i in theirs.years], CARRIED


def yes_no_membership(words: list[str], lists: Words) -> bool:
    """'2021 ikut lagi ga?': whether something took part, not who or how many did."""
    return any(w in lists.membership_cues for w in words) and not lists.cue("many", words)


def _replaced(words: list[str], mine: Slots, last: list[str], theirs: Slots, lists: Words) -> list[str]:
    """The last question with the follow-up's places, years or kind put in place of its own."""
    out: list[str | None] = list(last)
    additions: list[str] = []

    def put(spans: list[tuple[int, int]], new: list[str]) -> None:
        if not spans:
            additions.extend(new)
            return
        for start, end in spans:
            out[start:end] = [None] * (end - start)
        out[spans[0][0]] = " ".join(new)

    if mine.places:
        said = [w for s, e in mine.places for w in words[s:e]]
        if theirs.places and theirs.places[0][0] in theirs.provinces and mine.places[0][0] in mine.provinces:
            said = ["provinsi", *said]  # a province for a province, though "gorontalo" also names a region
        put(theirs.places, said)
    if mine.years:
        put([(i, i + 1) for i in theirs.years], [words[i] for i in mine.years])
    if mine.kinds and not mine.places:
        kind = lists.plain_kinds[words[mine.kinds[0]]]
        if theirs.region_kinds:
            for i in theirs.region_kinds:
                out[i] = kind
        elif theirs.kinds:
            for i in theirs.kinds:
                out[i] = kind
        elif theirs.regions:
            out[theirs.regions[0]] = f"{kind} {out[theirs.regions[0]]}"
        else:
            additions.append(kind)
    return " ".join(w for w in out if w).split() + additions


def language_asked(words: list[str], lists: Words) -> str | None:
    """"in english please" -> "en"; "pakai bahasa indonesia" -> "id"; anything else -> None."""
    english, indonesian = lists.cue("to_english", words), lists.cue("to_indonesian", words)
    if english == indonesian:
        return None
    allowed = lists.cues.get("to_english", frozenset()) | lists.cues.get("to_indonesian", frozenset())
    allowed |= lists.cues.get("language_request", frozenset())
    if not all(w in allowed or not w.isalnum() for w in words):
        return None
    return "en" if english else "id"
