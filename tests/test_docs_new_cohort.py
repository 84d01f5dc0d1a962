"""The guide's worked example, done literally: add a 2025 cohort to the shipped knowledge, reload, ask."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bot.engine import Engine
from bot.reloading import EngineHolder

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "knowledge.md"


def example_blocks() -> list[tuple[str, str]]:
    """(language, body) of each fenced block in section 4.1 of the guide, in order."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### 4.1 "):text.index("### 4.2 ")]
    return re.findall(r"```(\w+)\n(.*?)```", section, flags=re.S)


def test_admin_adds_the_next_cohort_and_the_live_bot_answers_it(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    holder = EngineHolder(Engine.load(knowledge, tmp_path / "data"), knowledge, tmp_path / "data")
    assert "Saya tidak punya data kohort 2025" in holder.current.ask("siapa saja peserta smart city 2025").plain()

    blocks = example_blocks()
    yaml_blocks = [body for lang, body in blocks if lang == "yaml"]
    csv_block = next(body for lang, body in blocks if lang == "csv")
    expected = next(body for lang, body in blocks if lang == "text")
    for name, body in (("sources.yaml", yaml_blocks[0]), ("cohorts.yaml", yaml_blocks[1]), ("members.csv", csv_block)):
        with (knowledge / name).open("a", encoding="utf-8") as handle:
            handle.write(body)

    assert holder.files_changed()
    result = holder.reload()
    assert result.ok, result.problems
    assert result.changes.cohorts_added == [2025]
    reply = holder.current.ask("siapa saja peserta smart city 2025")
    assert reply.plain().strip() == expected.strip()
