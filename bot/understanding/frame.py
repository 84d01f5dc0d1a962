"""The question's frame: what form of answer is asked and the slots beyond names (understanding, after entities).

`read_frame(words, found, lists)` reads the cue words of knowledge/words.yaml
(`questions:` and `areas:`): count, share, most/least, not yet, compare, outside
an area, now, a range of years, a kind (kota/kabupaten) said without a name, and
what the knowledge does not hold (population, governor...). `plan(frame, ...)`
then names the answer that serves a frame the example phrasings cannot express.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge.records import FIRST_YEAR, LAST_YEAR
from ..knowledge.words import Words
from .entities import Entities

FORMS = ("count", "share", "most", "least", "latest", "not_yet", "repeat", "compare", "now", "successor")


@dataclass
class Frame:
    """What is asked, beyond the names found: forms, island groups, years, kinds, unknown attributes."""

    forms: set[str] = field(default_factory=set)
    areas: list[str] = field(default_factory=list)  # first digits of province codes ("7" = Sulawesi)
    outside: bool = False  # "di luar Jawa": every province but the area's
    years: tuple[int, int] | None = None  # a range, both ends included
    each_year: list[int] = field(default_factory=list)  # two or more years side by side ("2018 compared with 2019")
    kinds: list[str] = field(default_factory=list)  # one kind said without a name ("berapa kota"): a filter
    split_kinds: bool = False  # both kinds asked apart ("berapa kota, berapa kabupaten")
    of_kinds: bool = False  # a kind word said alone, one or both kinds ("persen kab/kota di jatim"): regions asked of
    not_known: list[str] = field(default_factory=list)  # words for what the knowledge does not hold
    of_provinces: bool = False  # the question is about provinces as a whole ("provinsi mana ...")
    of_areas: bool = False  # ... or about the island groups as a whole ("which island has the most")
    of_years: bool = False  # ... or about the cohorts as a whole ("tahun berapa pesertanya paling sedikit?")

    def has(self, form: str) -> bool:
        return form in self.forms


def read_frame(words: list[str], found: Entities, lists: Words) -> Frame:
    """The frame of one normalised message whose entities were found."""
    frame = Frame()
    inside = _inside_names(found)
    free = [w for i, w in enumerate(words) if i not in inside]
    frame.forms = {form for form in FORMS if lists.cue(form, free)}
    if _not_joined(free, lists) or _none(free):
        frame.forms.add("not_yet")
    if _more_than_once(free, lists):
        frame.forms.add("repeat")
    if frame.has("most") and all(lists.cue("least", free[i + 1:i + 2]) or lists.cue("latest", free[i + 1:i + 2])
                                 for i, w in enumerate(free) if lists.cue("most", [w])):
        frame.forms.discard("most")  # "paling sedikit", "most recently": the least or the latest, not the most as well
    frame.areas = list(dict.fromkeys(lists.areas[w][0] for w in free if w in lists.areas))
    frame.outside = bool(frame.areas) and lists.cue("outside", free)
    frame.years = _year_range(words, found.years, lists)
    known = sorted({y for y in found.years if FIRST_YEAR <= y <= LAST_YEAR})
    if frame.years is None and len(known) >= 2:
        frame.each_year = known
    said = [(i, lists.plain_kinds[w]) for i, w in enumerate(words) if w in lists.plain_kinds and _alone(i, words, found)
            and not (i > 0 and lists.cue("negation", words[i - 1:i]))]  # "kota, bukan kabupaten": the kabupaten are left out
    kinds = list(dict.fromkeys(kind for _, kind in said))
    frame.of_kinds = bool(kinds)
    if len(kinds) == 1:
        frame.kinds = kinds
    elif len(kinds) == 2:  # "kabupaten/kota" is one thing; "berapa kota, berapa kabupaten" asks for both
        first, last = said[0][0], said[-1][0]
        between = words[first + 1:last]
        # "kota vs kabupaten"; "lebih banyak kota atau kabupaten?", "more cities or regencies?"
        either = between in (["atau"], ["or"]) and (lists.cue("count", words) or lists.cue("more", words))
        frame.split_kinds = lists.cue("count", between) or lists.cue("compare", between) or either
    frame.not_known = [w for w in free if w in lists.cues.get("not_known", frozenset())]
    frame.of_provinces = lists.cue("province", free) and not found.provinces
    frame.of_areas = lists.cue("island", free) and not frame.areas
    excepted = [i for i in found.year_spans if i > 0 and lists.cue("outside", words[i - 1:i])]  # "selain 2020"
    frame.of_years = (says_a_year(free, lists) and len(excepted) == len(found.year_spans)
                      and not found.provinces and not frame.areas)
    return frame


def _inside_names(found: Entities) -> set[int]:
    inside = {i for h in found.regions for i in range(h.start, h.end)}
    inside |= {i for s, e, _ in found.provinces for i in range(s, e)}
    return inside


def _not_joined(words: list[str], lists: Words) -> bool:
    """English "not joined", "not taking part": 'not' followed closely by a membership word."""
    return any(w == "not" and any(x in lists.membership_cues for x in words[i + 1:i + 3]) for i, w in enumerate(words))


def _more_than_once(words: list[str], lists: Words) -> bool:
    """"lebih dari sekali": a `more` word, then within two words a `once` word (alone, "sekali" is "very" or, in
    "sama sekali", "at all")."""
    return any(lists.cue("more", [w]) and lists.cue("once", words[i + 1:i + 3]) for i, w in enumerate(words))


def _none(words: list[str]) -> bool:
    """Indonesian "tidak ada" (informal "nggak ada", "ga ada"): there is none."""
    return any(w == "tidak" and words[i + 1:i + 2] == ["ada"] for i, w in enumerate(words))


def _alone(index: int, words: list[str], found: Entities) -> bool:
    """A kind word not part of, or just before, a region name, nor part of the programme's name ("smart city",
    "kota cerdas")."""
    if words[index] in ("city", "cities") and index > 0 and words[index - 1] == "smart":
        return False
    if words[index] == "kota" and words[index + 1:index + 2] == ["cerdas"]:
        return False
    return not any(h.start - 1 <= index < h.end for h in found.regions)


def _year_range(words: list[str], years: list[int], lists: Words) -> tuple[int, int] | None:
    """'antara 2018 dan 2022', '2018-2022', 'sejak 2019', 'sebelum 2020', 'after 2019'."""
    known = sorted({y for y in years if FIRST_YEAR <= y <= LAST_YEAR})
    if len(known) >= 2 and (lists.cue("range", words) or _dashed(words, known)):
        return known[0], known[-1]
    if len(known) == 1:
        year = known[0]
        if lists.cue("range", words) and _before_year(words, year, lists):  # "sampai 2021", "by 2021": up to it
            return FIRST_YEAR, year
        if lists.cue("after", words) and _of_cohort(words, year, lists):  # "the total after the 2022 cohort"
            return FIRST_YEAR, year
        if lists.cue("since", words) or lists.cue("after", words):
            start = year + (1 if lists.cue("after", words) else 0)
            return start, LAST_YEAR
        if lists.cue("before", words):
            return FIRST_YEAR, year - 1
    return None


def says_a_year(words: list[str], lists: Words) -> bool:
    """'tahun', 'year', or a cohort word ('angkatan', 'cohort'): a year spoken of, with or without its number."""
    return lists.cue("year", words) or lists.cue("cohort", words)


def _around(words: list[str], year: int, offsets: tuple[int, ...]) -> list[str]:
    """The words at these offsets from the year's place in the message."""
    at = words.index(str(year)) if str(year) in words else -1
    return [words[at + d] for d in offsets if at >= 0 and 0 <= at + d < len(words)]


def _before_year(words: list[str], year: int, lists: Words) -> bool:
    """A range word just before the year ("sampai 2021", "by 2021"), not elsewhere ("2021 sampai sekarang")."""
    return lists.cue("range", _around(words, year, (-1,)))


def _of_cohort(words: list[str], year: int, lists: Words) -> bool:
    """The year names a cohort ("the 2022 cohort", "angkatan 2022"): after it means up to and with it."""
    return lists.cue("cohort", _around(words, year, (-1, 1)))


def _dashed(words: list[str], years: list[int]) -> bool:
    """'2018-2022' is read as two words with nothing between: adjacent years make a range."""
    positions = [i for i, w in enumerate(words) if w.isdigit() and int(w) in years]
    return len(positions) == 2 and positions[1] - positions[0] == 1
