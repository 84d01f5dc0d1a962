"""The shipped knowledge/words.yaml read on its own, with `normalise` and `detect_language` bound to it.

For the tests of those two functions, which need no whole engine.
"""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.fields import FileChecker
from bot.knowledge.files import read_yaml
from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.words import Words, parse_words
from bot.understanding import language
from bot.understanding import normalise as normalising

WORDS_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "words.yaml"


def read_words(path: Path = WORDS_FILE) -> Words:
    problems: list[Problem] = []
    data = read_yaml(path, problems)
    records = parse_words(data, FileChecker(path.name, problems)) if data is not None else []
    if problems:
        raise KnowledgeError(problems)
    return Words.from_records(records)


WORDS = read_words()


def normalise(text: str) -> list[str]:
    return normalising.normalise(text, WORDS)


def detect_language(words: list[str], fallback: str = "id") -> str:
    return language.detect_language(words, WORDS, fallback)
