"""Every answer kind, in one list; the engine looks answers up here by intent."""

from __future__ import annotations

from .base import Answer
from .cohorts import CohortMembers, CohortMou, CohortSize, CohortTotals
from .conversation import Clarify, FindRegion, Greeting, Help, LanguageSwitch, NoneOfThese, OutOfScope, Thanks, Unknown
from .coverage import Coverage
from .people import Dirjen, Ministers
from .pillars import PillarAlternative, PillarDetail, PillarList
from .programme import ProgrammeFacts
from .provinces import ProvinceMembers
from .regions import MouSigning, RegionStatus
from .sources import Sources

ANSWERS: tuple[Answer, ...] = (
    ProgrammeFacts(), PillarList(), PillarDetail(), PillarAlternative(),
    CohortMembers(), CohortSize(), CohortMou(), CohortTotals(),
    RegionStatus(), MouSigning(), ProvinceMembers(), Coverage(), Ministers(), Dirjen(), Sources(),
    Greeting(), Thanks(), Help(), FindRegion(), LanguageSwitch(), OutOfScope(), Unknown(), Clarify(), NoneOfThese(),
)


def by_intent() -> dict[str, Answer]:
    table: dict[str, Answer] = {}
    for answer in ANSWERS:
        for intent in answer.intents:
            if intent in table:
                raise ValueError(f"two answers claim intent {intent!r}")
            table[intent] = answer
    return table


def known_intents() -> set[str]:
    """Intents a phrasing may teach (the ones understanding can produce from text)."""
    return set(by_intent()) - {"find", "none", "clarify", "unknown", "region.events", "coverage", "language.switch"}
