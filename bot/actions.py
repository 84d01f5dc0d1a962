"""Button actions: one small typed value per thing a button or deep link asks for, and its string form.

Answers put actions on their buttons and fronts read them back; this module is
the only one that writes or reads the strings, so old buttons in people's chats
keep working as long as these formats do:

  r:<code>                    Region             ev:<code>[:<page>]   RegionEvents (its timeline)
  c:<year>[:<page>]           Cohort             cm:<year>            CohortMou      ct[:<page>]  CohortTotals
  p:<prov>[:<year>][:<page>]  Province           pl                   Pillars        pl:<id>      Pillar
  alt[:<page>]                PillarAlternatives prog:<topic>[:<page>] Programme
  mn[:<year>][:<page>]        Ministers          dj[:<page>]          Officials      src[:<page>] Sources
  dr:<role>[:<page>]          RoleHolders (the officials of one role, e.g. dr:direktur_laip)
  help (old: menu)            Help               find                 FindRegion
  none[:<name>]               NoneOfThese ("none of these" under a did-you-mean; the name is logged as unanswered)
  lang[:<code>]               Language (the front's language chooser; the engine has no answer for it)

Numbers are ASCII digits without leading zeros: years 2000-2100, pages 1-999,
region codes NN.NN, province codes NN. A page given (even page 1) means moving
within a list, which `is_navigation` tells; without one the action opens the list.

Deep links (Telegram's /start payload) use words: region_16_02, cohort_2019,
province_35, pillar_smart_living, and the bare ct, pl, alt, src, help, find.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .i18n import LANGUAGES
from .understanding.understand import Understanding

if TYPE_CHECKING:
    from .knowledge.store import Knowledge

FIRST_YEAR, LAST_YEAR = 2000, 2100
LAST_PAGE = 999
_NUMBER = re.compile(r"[1-9][0-9]{0,5}")  # ASCII digits, short enough to convert: no page or year is longer
_REGION = re.compile(r"[0-9]{2}\.[0-9]{2}")
_PROVINCE = re.compile(r"[0-9]{2}")
_WORD = re.compile(r"[a-z][a-z0-9_]{0,39}")


def _year(value: int | None) -> None:
    if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValueError(f"year {value} is outside {FIRST_YEAR}-{LAST_YEAR}")


def _page(value: int | None) -> None:
    if value is not None and not 1 <= value <= LAST_PAGE:
        raise ValueError(f"page {value} is outside 1-{LAST_PAGE}")


def _matches(pattern: re.Pattern[str], value: str, what: str) -> None:
    if not pattern.fullmatch(value):
        raise ValueError(f"{what} {value!r} is not valid")


def _number(text: str, low: int, high: int) -> int | None:
    return int(text) if _NUMBER.fullmatch(text) and low <= int(text) <= high else None


def _year_and_page(parts: list[str]) -> tuple[int | None, int | None] | None:
    """Optional year then optional page (their ranges do not overlap); None if the parts are anything else."""
    if len(parts) > 2:
        return None
    year = _number(parts[0], FIRST_YEAR, LAST_YEAR) if parts else None
    rest = parts[1:] if year is not None else parts
    if len(rest) > 1:
        return None
    page = _number(rest[0], 1, LAST_PAGE) if rest else None
    if rest and page is None:
        return None
    return year, page


def _only_page(parts: list[str]) -> tuple[int | None] | None:
    if not parts:
        return (None,)
    page = _number(parts[0], 1, LAST_PAGE) if len(parts) == 1 else None
    return None if page is None else (page,)


def _tail(*values: object) -> list[str]:
    return [str(v) for v in values if v is not None]


# ---------------------------------------------------------------- the actions


@dataclass(frozen=True)
class _PageOnly:
    """An action whose only part is an optional page of a list the knowledge always has."""

    page: int | None = None

    def __post_init__(self) -> None:
        _page(self.page)

    def parts(self) -> list[str]:
        return _tail(self.page)

    def known(self, knowledge: Knowledge) -> bool:
        return True


@dataclass(frozen=True)
class Region:
    code: str
    kind: ClassVar[str] = "r"
    intent: ClassVar[str] = "region.status"

    def __post_init__(self) -> None:
        _matches(_REGION, self.code, "region code")

    def parts(self) -> list[str]:
        return [self.code]

    def known(self, knowledge: Knowledge) -> bool:
        return self.code in knowledge.regions


@dataclass(frozen=True)
class RegionEvents:
    code: str
    page: int | None = None
    kind: ClassVar[str] = "ev"
    intent: ClassVar[str] = "region.events"

    def __post_init__(self) -> None:
        _matches(_REGION, self.code, "region code")
        _page(self.page)

    def parts(self) -> list[str]:
        return _tail(self.code, self.page)

    def known(self, knowledge: Knowledge) -> bool:
        return self.code in knowledge.regions


@dataclass(frozen=True)
class Cohort:
    year: int
    page: int | None = None
    kind: ClassVar[str] = "c"
    intent: ClassVar[str] = "cohort.members"

    def __post_init__(self) -> None:
        _year(self.year)
        _page(self.page)

    def parts(self) -> list[str]:
        return _tail(self.year, self.page)

    def known(self, knowledge: Knowledge) -> bool:
        return self.year in knowledge.cohorts


@dataclass(frozen=True)
class CohortMou:
    year: int
    kind: ClassVar[str] = "cm"
    intent: ClassVar[str] = "cohort.mou"

    def __post_init__(self) -> None:
        _year(self.year)

    def parts(self) -> list[str]:
        return [str(self.year)]

    def known(self, knowledge: Knowledge) -> bool:
        return self.year in knowledge.cohorts


@dataclass(frozen=True)
class CohortTotals(_PageOnly):
    kind: ClassVar[str] = "ct"
    intent: ClassVar[str] = "cohort.totals"


@dataclass(frozen=True)
class Province:
    code: str
    year: int | None = None
    page: int | None = None
    kind: ClassVar[str] = "p"
    intent: ClassVar[str] = "province.members"

    def __post_init__(self) -> None:
        _matches(_PROVINCE, self.code, "province code")
        _year(self.year)
        _page(self.page)

    def parts(self) -> list[str]:
        return _tail(self.code, self.year, self.page)

    def known(self, knowledge: Knowledge) -> bool:
        return self.code in knowledge.provinces and (self.year is None or self.year in knowledge.cohorts)


@dataclass(frozen=True)
class Pillars:
    kind: ClassVar[str] = "pl"
    intent: ClassVar[str] = "pillars.list"

    def parts(self) -> list[str]:
        return []

    def known(self, knowledge: Knowledge) -> bool:
        return True


@dataclass(frozen=True)
class Pillar:
    id: str
    kind: ClassVar[str] = "pl"
    intent: ClassVar[str] = "pillar.detail"

    def __post_init__(self) -> None:
        _matches(_WORD, self.id, "pillar id")

    def parts(self) -> list[str]:
        return [self.id]

    def known(self, knowledge: Knowledge) -> bool:
        return self.id in knowledge.pillars


@dataclass(frozen=True)
class PillarAlternatives(_PageOnly):
    kind: ClassVar[str] = "alt"
    intent: ClassVar[str] = "pillars.alternative"


@dataclass(frozen=True)
class Programme:
    """A programme topic: the intent programme.<topic> (the engine checks it has an answer for it)."""

    topic: str
    page: int | None = None
    kind: ClassVar[str] = "prog"

    @property
    def intent(self) -> str:
        return f"programme.{self.topic}"

    def __post_init__(self) -> None:
        _matches(_WORD, self.topic, "programme topic")
        _page(self.page)

    def parts(self) -> list[str]:
        return _tail(self.topic, self.page)

    def known(self, knowledge: Knowledge) -> bool:
        return True


@dataclass(frozen=True)
class Ministers:
    year: int | None = None
    page: int | None = None
    kind: ClassVar[str] = "mn"
    intent: ClassVar[str] = "people.minister"

    def __post_init__(self) -> None:
        _year(self.year)
        _page(self.page)

    def parts(self) -> list[str]:
        return _tail(self.year, self.page)

    def known(self, knowledge: Knowledge) -> bool:
        return True


@dataclass(frozen=True)
class Officials(_PageOnly):
    kind: ClassVar[str] = "dj"
    intent: ClassVar[str] = "people.dirjen"


@dataclass(frozen=True)
class RoleHolders:
    role: str
    page: int | None = None
    kind: ClassVar[str] = "dr"
    intent: ClassVar[str] = "people.dirjen"

    def __post_init__(self) -> None:
        _matches(_WORD, self.role, "role id")
        _page(self.page)

    def parts(self) -> list[str]:
        return _tail(self.role, self.page)

    def known(self, knowledge: Knowledge) -> bool:
        return any(r.id == self.role for r in knowledge.records.roles)


@dataclass(frozen=True)
class Sources(_PageOnly):
    kind: ClassVar[str] = "src"
    intent: ClassVar[str] = "sources"


@dataclass(frozen=True)
class Help:
    kind: ClassVar[str] = "help"
    intent: ClassVar[str] = "help"

    def parts(self) -> list[str]:
        return []

    def known(self, knowledge: Knowledge) -> bool:
        return True


@dataclass(frozen=True)
class FindRegion:
    kind: ClassVar[str] = "find"
    intent: ClassVar[str] = "find"

    def parts(self) -> list[str]:
        return []

    def known(self, knowledge: Knowledge) -> bool:
        return True


@dataclass(frozen=True)
class NoneOfThese:
    """'None of these' under a did-you-mean; `name` is what the user wrote (logged as unanswered)."""

    name: str = ""
    kind: ClassVar[str] = "none"
    intent: ClassVar[str] = "none"

    def parts(self) -> list[str]:
        return [self.name] if self.name else []

    def known(self, knowledge: Knowledge) -> bool:
        return True

    def fitted(self, max_bytes: int | None) -> NoneOfThese:
        """The same action with the name shortened (whole characters) so its string has at most `max_bytes` bytes."""
        if max_bytes is None:
            return self
        room = max(max_bytes - len(b"none:"), 0)
        name = self.name.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip()
        return NoneOfThese(name)


@dataclass(frozen=True)
class Language:
    """The front's language chooser: `code` None shows it, a code picks that language."""

    code: str | None = None
    kind: ClassVar[str] = "lang"
    intent: ClassVar[str] = ""

    def __post_init__(self) -> None:
        if self.code is not None and self.code not in LANGUAGES:
            raise ValueError(f"language {self.code!r} is not one of {', '.join(LANGUAGES)}")

    def parts(self) -> list[str]:
        return _tail(self.code)

    def known(self, knowledge: Knowledge) -> bool:
        return True


@dataclass(frozen=True)
class Feedback:
    """Was this answer helpful? `vote` is "up" or "down"; fronts that offer it keep what it says of which answer."""

    vote: str
    kind: ClassVar[str] = "fb"
    intent: ClassVar[str] = ""

    def __post_init__(self) -> None:
        if self.vote not in VOTES:
            raise ValueError(f"vote {self.vote!r} is not one of {', '.join(VOTES)}")

    def parts(self) -> list[str]:
        return [self.vote]

    def known(self, knowledge: Knowledge) -> bool:
        return True


VOTES = ("up", "down")
MAX_CORRECTION_NUMBER = 999_999  # what `_number` reads (six digits)


@dataclass(frozen=True)
class Correction:
    """A correction to an answer: `number` None asks for one (under a region's answer); a number is an admin marking
    that correction resolved."""

    number: int | None = None
    kind: ClassVar[str] = "fix"
    intent: ClassVar[str] = ""

    def __post_init__(self) -> None:
        if self.number is not None and not 1 <= self.number <= MAX_CORRECTION_NUMBER:
            raise ValueError(f"correction number {self.number} is out of range")

    def parts(self) -> list[str]:
        return _tail(self.number)

    def known(self, knowledge: Knowledge) -> bool:
        return True

Action = (
    Region | RegionEvents | Cohort | CohortMou | CohortTotals | Province | Pillars | Pillar | PillarAlternatives
    | Programme | Ministers | Officials | RoleHolders | Sources | Help | FindRegion | NoneOfThese | Language | Feedback | Correction
)


# ---------------------------------------------------------------- string form


def encode(action: Action) -> str:
    """The string a button carries: 'c:2019', 'p:35:2019:2', 'pl'."""
    return ":".join([action.kind, *action.parts()])


def _decode_parts(kind: str, parts: list[str]) -> Action | None:  # noqa: C901 - one branch per kind
    if kind == "r" and len(parts) == 1 and _REGION.fullmatch(parts[0]):
        return Region(parts[0])
    if kind == "ev" and 1 <= len(parts) <= 2 and _REGION.fullmatch(parts[0]):
        page = _only_page(parts[1:])
        return RegionEvents(parts[0], *page) if page else None
    if kind == "c" and 1 <= len(parts) <= 2:
        year = _number(parts[0], FIRST_YEAR, LAST_YEAR)
        page = _only_page(parts[1:])
        return Cohort(year, *page) if year is not None and page else None
    if kind == "cm" and len(parts) == 1:
        year = _number(parts[0], FIRST_YEAR, LAST_YEAR)
        return CohortMou(year) if year is not None else None
    if kind == "p" and parts and _PROVINCE.fullmatch(parts[0]):
        numbers = _year_and_page(parts[1:])
        return Province(parts[0], *numbers) if numbers else None
    if kind == "pl":
        if not parts:
            return Pillars()
        return Pillar(parts[0]) if len(parts) == 1 and _WORD.fullmatch(parts[0]) else None
    if kind == "prog" and 1 <= len(parts) <= 2 and _WORD.fullmatch(parts[0]):
        page = _only_page(parts[1:])
        return Programme(parts[0], *page) if page else None
    if kind == "mn":
        numbers = _year_and_page(parts)
        return Ministers(*numbers) if numbers else None
    if kind == "dr" and 1 <= len(parts) <= 2 and _WORD.fullmatch(parts[0]):
        page = _only_page(parts[1:])
        return RoleHolders(parts[0], *page) if page else None
    paged: dict[str, Callable[..., Action]] = {"ct": CohortTotals, "alt": PillarAlternatives, "dj": Officials, "src": Sources}
    if kind in paged:
        page = _only_page(parts)
        return paged[kind](*page) if page else None
    bare: dict[str, Callable[[], Action]] = {"help": Help, "menu": Help, "find": FindRegion}
    if kind in bare:
        return bare[kind]() if not parts else None
    if kind == "lang":
        if not parts:
            return Language()
        return Language(parts[0]) if len(parts) == 1 and parts[0] in LANGUAGES else None
    if kind == "fb":
        return Feedback(parts[0]) if len(parts) == 1 and parts[0] in VOTES else None
    if kind == "fix":
        if not parts:
            return Correction()
        number = _number(parts[0], 1, MAX_CORRECTION_NUMBER) if len(parts) == 1 else None
        return Correction(number) if number is not None else None
    return None


def decode(text: str) -> Action | None:
    """The action a button's string stands for; None for anything this version does not write."""
    kind, colon, rest = text.partition(":")
    if kind == "none":
        return NoneOfThese(rest)  # the name is free text, ':' included
    if colon and not rest:
        return None
    return _decode_parts(kind, rest.split(":") if rest else [])


def is_navigation(action: Action | None) -> bool:
    """Whether the action moves within a list (names a page of it): fronts show it in place of the list."""
    return getattr(action, "page", None) is not None


# ---------------------------------------------------------------- deep links

_DEEP_BARE: dict[str, Action] = {"ct": CohortTotals(), "pl": Pillars(), "alt": PillarAlternatives(), "src": Sources(), "help": Help(),
              "find": FindRegion()}
_DEEP_OLD: dict[str, Action] = {"menu": Help(), "none": NoneOfThese()}  # read for old links, never written


def to_deep_link(action: Action) -> str | None:
    """The /start payload opening this action, or None for actions without one."""
    if isinstance(action, Region):
        return "region_" + action.code.replace(".", "_")
    if isinstance(action, Cohort) and action.page is None:
        return f"cohort_{action.year}"
    if isinstance(action, Province) and action.year is None and action.page is None:
        return f"province_{action.code}"
    if isinstance(action, Pillar):
        return f"pillar_{action.id}"
    return next((word for word, bare in _DEEP_BARE.items() if bare == action), None)


def from_deep_link(payload: str) -> Action | None:
    """'region_16_02' (or region_1602) -> Region('16.02'); 'cohort_2019', 'province_35', 'pillar_smart_living', 'ct'."""
    if match := re.fullmatch(r"region_([0-9]{2})_?([0-9]{2})", payload):
        return Region(f"{match[1]}.{match[2]}")
    if match := re.fullmatch(r"cohort_([0-9]+)", payload):
        year = _number(match[1], FIRST_YEAR, LAST_YEAR)
        return Cohort(year) if year is not None else None
    if match := re.fullmatch(r"province_([0-9]{2})", payload):
        return Province(match[1])
    if (match := re.fullmatch(r"pillar_(.+)", payload)) and _WORD.fullmatch(match[1]):
        return Pillar(match[1])
    return _DEEP_BARE.get(payload) or _DEEP_OLD.get(payload)


# ---------------------------------------------------------------- for the engine


def understanding(action: Action, lang: str) -> Understanding:
    """What the answers see for a pressed button: the intent and entities the action names, fully confident."""
    u = Understanding(text=encode(action), words=[], lang=lang, intent=action.intent, confidence=1.0)
    page = getattr(action, "page", None)
    u.page = page or 1
    if isinstance(action, (Region, RegionEvents)):
        u.regions = [action.code]
    if isinstance(action, (Cohort, CohortMou, Province, Ministers)):
        u.year = action.year
    if isinstance(action, Province):
        u.province = action.code
    if isinstance(action, Pillar):
        u.pillar = action.id
    if isinstance(action, RoleHolders):
        u.role = action.role
    if isinstance(action, NoneOfThese):
        u.text, u.words = action.name, action.name.split()  # the name the user wrote, for the question log
    return u
