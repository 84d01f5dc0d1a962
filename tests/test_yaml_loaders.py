"""The fast (libyaml) and the pure-Python YAML loaders read every knowledge file the same, lines included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.knowledge.files import LDict, LList, _FastLineLoader, _LineLoader

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "knowledge").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "knowledge").glob("*.yaml"))


def shape(value: Any) -> Any:
    """The value with every line number it carries, for comparing."""
    if isinstance(value, LDict):
        return ("map", value.line, {k: (value.line_of(k), shape(v)) for k, v in value.items()})
    if isinstance(value, LList):
        return ("list", value.line, [(value.line_of(i), shape(v)) for i, v in enumerate(value)])
    return value


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_loaders_agree(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert shape(yaml.load(text, Loader=_FastLineLoader)) == shape(yaml.load(text, Loader=_LineLoader))  # noqa: S506


def test_the_fast_loader_is_libyaml_where_pyyaml_has_it() -> None:
    assert not yaml.__with_libyaml__ or issubclass(_FastLineLoader, yaml.CSafeLoader)
