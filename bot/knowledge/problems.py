"""Problems found in knowledge files, reported as `file:line: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one knowledge file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def worst_first(problems: list[Problem]) -> list[Problem]:
    """Problems in the order to read them: whole files that cannot be read or parsed first, then by file and line."""
    def whole_file(p: Problem) -> bool:
        return p.line == 0 or "syntax" in p.message.lower()
    return sorted(problems, key=lambda p: (not whole_file(p), p))


class KnowledgeError(Exception):
    """Raised when knowledge cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
