"""Reading knowledge files with line numbers, so every problem can say `file:line`.

YAML mappings come back as `LDict` and sequences as `LList`: ordinary dicts and
lists that also remember the line of the node and of each key or item.
CSV rows come back as (line, row) pairs. A file over MAX_FILE_BYTES is refused
in one line before it is read (a 50 MB file pasted in by mistake would
otherwise take memory and flood the admins with problems).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 5_000_000  # the largest shipped file is under 60 KB


class LDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers where it and each of its keys stand."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):  # type: ignore[type-arg]
    """A YAML sequence that remembers where it and each of its items stand."""

    line: int = 0
    item_lines: list[int] = []  # noqa: RUF012 - replaced per instance by the loader

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that builds LDict/LList and refuses duplicate keys (pure Python: its error messages are the
    ones the guide documents)."""


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same on libyaml (several times faster) where PyYAML has it; a file it refuses is read again with
    `_LineLoader` for the message."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LDict:
    result = LDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.MarkedYAMLError(
                problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LList:
    result = LList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    """Dates stay text here; fields.py checks them and says file:line when one is not a real date."""
    return str(loader.construct_scalar(node))


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_text(path: Path, problems: list[Problem], encoding: str = "utf-8") -> str | None:
    """A knowledge file's text; missing, unreadable or oversized files become a Problem and None is returned."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(name, 0, (
                f"the file is {size / 1e6:.1f} MB; a knowledge file may be at most {MAX_FILE_BYTES // 1_000_000} MB"
                " (is it the right file?)")))
            return None
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        problems.append(Problem(name, 0, "file is missing"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, 0, f"cannot read the file: {exc}"))
    return None


def read_yaml(path: Path, problems: list[Problem]) -> LDict | None:
    """Parse one YAML file; a syntax error becomes a Problem and None is returned."""
    name = path.name
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        data = _parsed(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problems.append(Problem(name, line, f"YAML syntax: {exc.problem or exc.context}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(name, 0, f"YAML syntax: {exc}"))
        return None
    if data is None:
        data = LDict()
        data.line, data.key_lines = 1, {}
    if not isinstance(data, LDict):
        problems.append(Problem(name, 1, "the file must be a mapping of sections (name: ...)"))
        return None
    return data


@lru_cache(maxsize=32)
def _parsed(text: str) -> Any:
    """The YAML document in `text`, parsed once per distinct text: a reload re-parses only the files that changed.
    Callers only read the result. A syntax error is raised again on every call (errors are not cached)."""
    try:
        return yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - the documented message


def read_csv(path: Path, columns: list[str], problems: list[Problem]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with their line numbers; the header must hold `columns`."""
    name = path.name
    text = read_text(path, problems, encoding="utf-8-sig")
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        problems.append(Problem(name, 1, f"empty file: the first line must be {','.join(columns)}"))
        return []
    missing = [c for c in columns if c not in header]
    if missing:
        problems.append(Problem(name, 1, f"missing column(s) {', '.join(missing)}; expected {','.join(columns)}"))
        return []
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                found = f"expected {len(header)} values, found {len(values)} (a comma inside a value needs quotes)"
                problems.append(Problem(name, line, found))
                continue
            rows.append((line, {h: v.strip() for h, v in zip(header, values, strict=True)}))
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, f"CSV syntax: {exc}"))
    return rows
