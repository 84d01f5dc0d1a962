"""Everything a user or admin can type is documented: CLI commands, bot commands in /help, menus and README."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import COMMANDS as CLI_COMMANDS
from bot.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(CLI_COMMANDS))
def test_cli_command_in_readme_and_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert f"python -m bot {command}" in README
    with pytest.raises(SystemExit) as exit:
        main([command, "--help"])
    assert exit.value.code == 0 and CLI_COMMANDS[command] in " ".join(capsys.readouterr().out.split())


def test_bot_commands_in_help_menus_and_readme() -> None:
    from bot.telegram.admin import ADMIN_COMMANDS
    from bot.telegram.commands import COMMANDS, help_section, menu

    for lang in ("id", "en"):
        names = {c.command for c in menu(lang)}
        helped = help_section(lang)
        for command in COMMANDS:
            assert command.name(lang) in names
            assert f"/{command.name(lang)}" in helped
    for command in COMMANDS + ADMIN_COMMANDS:
        assert f"/{command.id}" in README and f"/{command.en}" in README
