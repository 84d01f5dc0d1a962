"""Translations (gettext catalogs in locales/) and Babel formatting for a reply's language.

`Translator(lang)` is what answers use: `tr._("...")`, `tr.n_(one, many, n)`,
`tr.date("2022-04-21")`, `tr.list([...])`, `tr.number(141)`.
Catalogs are `locales/<lang>/LC_MESSAGES/messages.po`; they are compiled to
`.mo` on first use (cached next to the catalog's content hash) and read with
the standard gettext module.
"""

from __future__ import annotations

import datetime as dt
import gettext
import hashlib
import tempfile
from functools import lru_cache
from typing import Literal
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from .config import PROJECT_ROOT

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALES_DIR = PROJECT_ROOT / "locales"


def _cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "tanya-smart-city-mo"


@lru_cache(maxsize=4)
def _catalog(lang: str) -> gettext.NullTranslations:
    po = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return gettext.NullTranslations()
    content = po.read_bytes()
    mo = _cache_dir() / f"{lang}-{hashlib.sha256(content).hexdigest()[:16]}.mo"
    if not mo.exists():
        _compile(po, mo)
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _compile(po: Path, mo: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    mo.parent.mkdir(parents=True, exist_ok=True)
    tmp = mo.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        write_mo(handle, catalog)
    tmp.replace(mo)


def _parse_date(value: str) -> tuple[dt.date, str]:
    """'2022-04-21' -> (date, 'day'); '2019-10' -> (date, 'month'); '2014' -> (date, 'year')."""
    parts = value.split("-")
    if len(parts) == 3:
        return dt.date.fromisoformat(value), "day"
    if len(parts) == 2:
        return dt.date(int(parts[0]), int(parts[1]), 1), "month"
    return dt.date(int(parts[0]), 1, 1), "year"


class Translator:
    """Everything a reply needs to speak one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._t = _catalog(self.lang)
        self.locale = _locale(self.lang)

    def _(self, message: str) -> str:
        return self._t.gettext(message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        return self._t.ngettext(singular, plural, n)

    def date(self, value: str, weekday: bool = True) -> str:
        """A knowledge date in the reply's language, as precise as the knowledge is."""
        return _format_date(value, weekday, self.lang)

    def list(self, items: list[str], style: Literal["standard", "or"] = "standard") -> str:
        return format_list(list(items), style=style, locale=self.locale) if items else ""

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self.locale)


@lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@lru_cache(maxsize=2048)
def _format_date(value: str, weekday: bool, lang: str) -> str:
    day, precision = _parse_date(value)
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return format_date(day, "MMMM y", locale=_locale(lang))
    return format_date(day, DAY_PATTERNS[lang][weekday], locale=_locale(lang))


# Babel patterns per language: with weekday ("Kamis, 21 April 2022"), without ("21 April 2022").
DAY_PATTERNS = {
    "id": {True: "EEEE, d MMMM y", False: "d MMMM y"},
    "en": {True: "EEEE, MMMM d, y", False: "MMMM d, y"},
}
