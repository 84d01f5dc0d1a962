"""Field checks shared by every knowledge file parser: each bad value becomes a `file:line` Problem."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .files import LDict, LList
from .problems import Problem
from .records import CONFIDENCES, FIRST_YEAR, LANGS, LAST_YEAR, Text

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class FileChecker:
    """Reads typed fields out of one file's mappings, collecting problems instead of raising."""

    def __init__(self, file: str, problems: list[Problem], source_ids: set[str] | None = None) -> None:
        self.file = file
        self.problems = problems
        self.source_ids = source_ids
        self.used_sources: set[str] = set()

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def section(self, data: LDict, key: str, kind: type = LList, required: bool = True) -> Any:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(data.line, f"missing section '{key}:'")
            return None
        if not isinstance(value, kind):
            what = "a list (lines starting with '- ')" if kind is LList else "a mapping (name: value lines)"
            self.problem(data.line_of(key), f"'{key}' must be {what}")
            return None
        return value

    def entries(self, items: LList, what: str) -> list[tuple[int, LDict]]:
        found = []
        for index, item in enumerate(items):
            line = items.line_of(index)
            if not isinstance(item, LDict):
                self.problem(line, f"each {what} must be a mapping (key: value lines)")
                continue
            found.append((line, item))
        return found

    def string(self, item: LDict, key: str, required: bool = True) -> str | None:
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(item.line, f"missing '{key}'")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(item.line_of(key), f"'{key}' must be text")
            return None
        return str(value).strip()

    def ident(self, item: LDict, key: str = "id") -> str | None:
        value = self.string(item, key)
        if value is not None and not _ID.match(value):
            self.problem(item.line_of(key), f"'{key}' {value!r} may use only lowercase letters, digits, '_', '-' and '.'")
            return None
        return value

    def text(self, item: LDict, key: str, required: bool = True) -> Text | None:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(item.line, f"missing '{key}' (needs 'id' and 'en' text)")
            return None
        if not isinstance(value, LDict):
            self.problem(item.line_of(key), f"'{key}' must have 'id:' and 'en:' text")
            return None
        texts = []
        for lang in LANGS:
            got = value.get(lang)
            if not isinstance(got, str) or not got.strip():
                self.problem(item.line_of(key), f"'{key}' is missing its '{lang}' text")
                return None
            texts.append(" ".join(got.split()))
        return Text(*texts)

    def confidence(self, item: LDict, key: str = "confidence") -> str:
        value = item.get(key)
        if value not in CONFIDENCES:
            self.problem(item.line_of(key), f"'{key}' must be one of {', '.join(CONFIDENCES)}, not {value!r}")
            return "low"
        return str(value)

    def date(self, item: LDict, key: str, required: bool = False) -> str | None:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(item.line, f"missing '{key}' (a date like 2022-04-21)")
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, str) and _PARTIAL_DATE.match(value.strip()):
            text = value.strip()
            try:
                if len(text) == 10:
                    dt.date.fromisoformat(text)
                elif len(text) == 7:
                    dt.date.fromisoformat(text + "-01")
            except ValueError:
                self.problem(item.line_of(key), f"'{key}' {text!r} is not a real date")
                return None
            return text
        self.problem(item.line_of(key), f"'{key}' must be a date like 2022-04-21 (or 2022-04, or 2022), not {value!r}")
        return None

    def year(self, item: LDict, key: str = "year") -> int | None:
        value = item.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(item.line_of(key), f"'{key}' must be a year like 2022, not {value!r}")
            return None
        return self.year_in_range(value, item.line_of(key))

    def year_in_range(self, value: int, line: int) -> int | None:
        if not FIRST_YEAR <= value <= LAST_YEAR:
            self.problem(line, f"year {value} is out of range ({FIRST_YEAR}-{LAST_YEAR})")
            return None
        return value

    def integer(self, item: LDict, key: str, required: bool = True) -> int | None:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(item.line, f"missing '{key}' (a whole number)")
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.problem(item.line_of(key), f"'{key}' must be a whole number, not {value!r}")
            return None
        return value

    def strings(self, item: LDict, key: str, required: bool = True) -> tuple[str, ...]:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(item.line, f"missing '{key}' (a list like [a, b])")
            return ()
        if not isinstance(value, LList) or not all(isinstance(v, (str, int)) for v in value):
            self.problem(item.line_of(key), f"'{key}' must be a list of text like [a, b]")
            return ()
        return tuple(str(v).strip() for v in value)

    def sources(self, item: LDict, key: str = "sources", what: str = "entry") -> tuple[str, ...]:
        ids = self.strings(item, key, required=False)
        if not ids:
            self.problem(item.line_of(key), f"this {what} has no source: add '{key}: [source-id]'")
            return ()
        return tuple(s for s in ids if self.known_source(s, item.line_of(key)))

    def known_source(self, source_id: str, line: int) -> bool:
        if self.source_ids is None:
            return True
        if source_id not in self.source_ids:
            self.problem(line, f"unknown source '{source_id}' (not in sources.yaml)")
            return False
        self.used_sources.add(source_id)
        return True
