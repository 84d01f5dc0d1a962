"""Translations (gettext catalogs in locales/) and Babel formatting for a reply's language.

`Translator(lang)` is what answers use: `tr._("...")`, `tr.n_(one, many, n)`,
`tr.date("2022-04-21")`, `tr.list([...])`, `tr.number(141)`.

Message ids are the English text, so English needs no catalog. Each other
language has `locales/<lang>/LC_MESSAGES/messages.po`, which installing the
package compiles to `messages.mo` (setup.py runs `pybabel compile`): beside the
`.po` for `pip install -e .`, inside the package (`bot/locales/`) for
`pip install .`. The `.mo` is read when it is at least as new as its `.po`;
when it is missing, older or unreadable (a translator edited the `.po` and did
not recompile), the `.po` is compiled in memory. Nothing is written at run time.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import logging
import struct
from functools import lru_cache
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from .config import PROJECT_ROOT

log = logging.getLogger(__name__)

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
SOURCE_LANGUAGE = "en"  # the language of the message ids: needs no catalog
DOMAIN = "messages"

# A normal install ships compiled catalogs in the package; a checkout (and `pip install -e .`) uses locales/.
_INSTALLED_LOCALES = Path(__file__).resolve().parent / "locales"
LOCALES_DIR = _INSTALLED_LOCALES if _INSTALLED_LOCALES.is_dir() else PROJECT_ROOT / "locales"


@lru_cache(maxsize=4)
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    # Modification times decide, as make does: editing or pulling a .po makes it newer than its .mo,
    # and `pip install -e .` or `pybabel compile -d locales` makes the .mo new again.
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime_ns >= po.stat().st_mtime_ns):
        try:
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
        except (OSError, struct.error, UnicodeError) as error:
            log.warning("%s: unreadable (%s); using %s", mo, error, po.name)
    if po.is_file():
        log.debug("%s: compiling in memory (missing or older %s)", po, mo.name)
        return _compile_in_memory(po)
    log.warning("%s: no catalog for %r; replies stay in English", folder, lang)
    return gettext.NullTranslations()


def _compile_in_memory(po: Path) -> gettext.GNUTranslations:
    """What `pybabel compile` would write (fuzzy entries left out), without writing it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


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

    def percent(self, value: float) -> str:
        """A share given in percent (42.3 -> '42 %' / '42%'), whole numbers, in the reply's locale."""
        return format_percent(value / 100, locale=self.locale)


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
