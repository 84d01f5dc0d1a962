"""Choosing the intent: nearest example phrasings (TF-IDF over words); entity rules live in understand.py.

Phrasings come from knowledge/phrasings.yaml, so admins teach the bot new
wordings without code. Entities are replaced by placeholders (<region>,
<year>, ...) on both sides, so "kota malang ikut ga" teaches every region.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class IntentScore:
    intent: str
    score: float


class IntentIndex:
    """An inverted index of example phrasings, scored by cosine similarity of TF-IDF vectors."""

    def __init__(self, examples: list[tuple[str, list[str]]]) -> None:
        self.intents: list[str] = []
        document_frequency: dict[str, int] = defaultdict(int)
        bags: list[set[str]] = []
        for intent, words in examples:
            bag = set(words)
            if not bag:
                continue
            bags.append(bag)
            self.intents.append(intent)
            for word in bag:
                document_frequency[word] += 1
        total = max(len(bags), 1)
        self.idf = {w: math.log((1 + total) / (1 + df)) + 1.0 for w, df in document_frequency.items()}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.norms: list[float] = []
        for doc, bag in enumerate(bags):
            norm = math.sqrt(sum(self.idf[w] ** 2 for w in bag))
            self.norms.append(norm)
            for word in bag:
                self.postings[word].append((doc, self.idf[word] / norm))
        self.vocabulary = frozenset(self.idf)

    def rank(self, words: list[str], limit: int = 6) -> list[IntentScore]:
        """Best intents for the words, one score per intent (its nearest phrasing)."""
        bag = set(words)
        weights = {w: self.idf[w] for w in bag if w in self.idf}
        unknown = len(bag) - len(weights)
        norm = math.sqrt(sum(v * v for v in weights.values()) + unknown * 4.0)
        if not weights or not norm:
            return []
        dots: dict[int, float] = defaultdict(float)
        for word, weight in weights.items():
            for doc, value in self.postings[word]:
                dots[doc] += weight * value
        nearest: dict[str, list[float]] = defaultdict(list)
        for doc, dot in dots.items():
            nearest[self.intents[doc]].append(dot / norm)
        # An intent scores mostly by its nearest phrasing, a little by the next one: a lucky match counts less.
        best = {intent: _blend(scores) for intent, scores in nearest.items()}
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:limit]
        return [IntentScore(i, s) for i, s in ranked]


def _blend(scores: list[float]) -> float:
    top = sorted(scores)[-2:]
    return 0.7 * top[-1] + 0.3 * (top[0] if len(top) == 2 else 0.0)
