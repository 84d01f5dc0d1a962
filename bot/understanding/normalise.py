"""Normalising everyday Indonesian and English: case, punctuation, stretched letters, slang.

`normalise("Kab. OKI ikut gaaa?", words)` -> ["kabupaten", "oki", "ikut", "tidak"]; the slang and
filler lists come from knowledge/words.yaml (`Knowledge.words`).
"""

from __future__ import annotations

import re
import unicodedata

from ..knowledge.words import Words

_POSSESSIVE = re.compile(r"'s\b")
_PUNCT = re.compile(r"[^\w\s]+|_")
_STRETCH = re.compile(r"(\w)\1{2,}")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Lower case, no accents or punctuation, stretched letters shrunk ('haloooo' -> 'halo')."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = _POSSESSIVE.sub("", text.replace("’", "'")).replace("'", "")
    text = _PUNCT.sub(" ", text)
    text = _STRETCH.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def normalise(text: str, words: Words) -> list[str]:
    """Words of a message in standard form, fillers removed."""
    found: list[str] = []
    informal, fillers = words.informal, words.fillers
    for word in clean(text).split():
        if word in fillers:
            continue
        standard = informal.get(word)
        if standard is None:
            found.append(word)
        else:
            found.extend(standard)
    return found
