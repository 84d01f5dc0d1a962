"""Every fact the knowledge holds, reachable by the question's own words (answers, after the intent's answer).

An intent's answer is shaped for the questions its phrasings teach. A question about something else the
knowledge holds ("where was the 2022 award night?", "who was Direktur LAIP in 2022?") would otherwise get
a neighbouring card. `Passages` indexes every programme fact, person, event, cohort note and pillar in
both languages; `instead(u, reply, ctx)` answers with the passage that covers the question's rare words
clearly better than the intent's reply does, and leaves the reply alone otherwise.

Words are compared by their first `STEM` letters ("assessment" ~ "assessed"), weighted by how rare they
are among the passages; the everyday words of words.yaml (question words, function words, kind words,
question cues) do not count.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge.records import LAST_YEAR, Cohort, Event, Fact, Person, Pillar
from ..knowledge.store import Knowledge
from ..reply import Limits, Reply
from ..understanding.normalise import normalise
from ..understanding.understand import Understanding
from .base import NOT_IN_SOURCES, Context, cautions, hedge, join_paragraphs, source_label, source_line
from .people import person_line

STEM = 6
_WORD = re.compile(r"[a-z0-9]+")
COVERS = 0.5  # the passage holds at least this share of the question's weight (when nothing else answered)
DATA_COVERS = 0.65  # or this share, in place of an answer computed from the lists
MARGIN = 0.25  # and this much more than the intent's reply
GAIN = 3.0  # and the words it adds weigh at least this much (one rare word, or two less rare)
RARE = 2  # a word at most this many passages use says which one is meant, beside a name
# Replies that are not a neighbouring card: conversation, and aggregates computed from the lists.
NEVER = frozenset({"greeting", "thanks", "help", "clarify", "language.switch", "find", "none", "stale_action", "coverage",
                   NOT_IN_SOURCES})

Record = Fact | Person | Event | Cohort | Pillar


@dataclass(frozen=True)
class Passage:
    key: str
    record: Record
    terms: frozenset[str]

    @property
    def confidence(self) -> str:
        return getattr(self.record, "confidence", "high")

    def text(self, ctx: Context, caution: str | None = None) -> str:
        """The passage as said, with its own caution unless the answer gives one (`base.cautions`)."""
        r, lang = self.record, ctx.lang
        caution = hedge(ctx, self.confidence) if caution is None else caution
        if isinstance(r, Fact):
            return " ".join(filter(None, (r.text.get(lang), caution)))
        if isinstance(r, Person):
            return person_line(ctx, r, caution).removeprefix("• ")
        if isinstance(r, Event):
            return " ".join(filter(None, (f"{ctx.tr.date(r.date)}: {r.text.get(lang)}", caution)))
        if isinstance(r, Cohort):
            return f"{r.year}: {r.note.get(lang) if r.note else ''}"
        return f"{r.label} ({r.name.get(lang)}): {r.description.get(lang)}"

    @property
    def sources(self) -> tuple[str, ...]:
        r = self.record
        return r.mou_sources + r.sources if isinstance(r, Cohort) else r.sources


PREFIXES = ("meng", "meny", "mem", "men", "peng", "peny", "pem", "pen", "ber", "ter", "me", "pe", "di", "ke")
# A nasal prefix before a vowel stands for the root's first letter: memilih, pemilihan -> pilih;
# menyusun -> susun; menilai, penilaian -> nilai is not told from menulis -> tulis, so "men" stays a plain cut.
NASAL = {"mem": "p", "pem": "p", "meny": "s", "peny": "s"}
VOWELS = frozenset("aeiou")
# "ber-" and "ter-" come off a root of four letters too (bertema -> tema, berbeda -> beda, terbaik -> baik); the
# other prefixes need five, or "kepala" would lose "ke".
SHORT_ROOT = {"ber": 4, "ter": 4}


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """'assessments', 'assessed' -> 'assess'; 'skornya' -> 'skor'; 'penandatanganan', 'menandatangani' ->
    'andata' (an Indonesian prefix off a long word: kin words then share their first letters);
    'pemilihan', 'dipilih' -> 'pilih'; 'bertema' -> 'tema'."""
    if len(word) >= 7 and word.isalpha():
        prefix = next((p for p in PREFIXES if word.startswith(p) and len(word) - len(p) >= SHORT_ROOT.get(p, 5)), "")
        word = word[len(prefix):]
        if prefix in NASAL and word[0] in VOWELS:
            word = NASAL[prefix] + word
    for suffix in ("nya", "ing", "kan", "an", "in", "ed", "es", "s", "e"):  # "scored", "scores", "score" -> "scor"; "umumin"
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:STEM]


class Passages:
    """Built once per knowledge version."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        words = knowledge.words
        self.everyday = words.everyday
        self.passages = [Passage(key, record, self._terms(texts)) for key, record, texts in _records(knowledge)]
        self.postings: dict[str, list[int]] = defaultdict(list)  # term -> the passages holding it, in order
        for index, passage in enumerate(self.passages):
            for term in passage.terms:
                self.postings[term].append(index)
        df = Counter(t for p in self.passages for t in p.terms)
        n = len(self.passages)
        self.df = df
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.unseen = 0.5 * math.log((n + 1) / 0.5)  # a word no passage has: as rare as can be, but maybe a paraphrase
        aliases: dict[str, list[str]] = {}
        for alias in knowledge.aliases:
            aliases.setdefault(alias.target, []).append(alias.alias)
        self.alias_terms = {code: self._terms(names) for code, names in aliases.items()}  # a place's other names

    def _terms(self, texts: list[str]) -> frozenset[str]:
        return frozenset(stem(w) for text in texts for w in normalise(text, self.knowledge.words) if len(w) > 1)

    def question_terms(self, words: list[str]) -> dict[str, float]:
        """The question's words that say what it is about, each with its weight."""
        terms: dict[str, float] = {}
        for word in words:
            t = stem(word)
            if len(word) < 2 or t in terms:
                continue
            if word in self.everyday:
                continue
            terms[t] = self.idf.get(t, self.unseen)
        return terms

    def best(self, terms: dict[str, float], n: int = 3) -> list[tuple[float, Passage]]:
        """The `n` passages holding the most of the terms' weight (ties in the files' order)."""
        scores: dict[int, float] = defaultdict(float)
        for term, weight in terms.items():
            for index in self.postings.get(term, ()):
                scores[index] += weight
        ranked = sorted((i for i, s in scores.items() if s > 0), key=lambda i: (-scores[i], i))[:n]
        return [(scores[i], self.passages[i]) for i in ranked]

    def _named(self, regions: Sequence[str], provinces: Sequence[str], year: int | None) -> frozenset[str]:
        """The terms of the names and years the question holds (a passage must hold them all)."""
        k = self.knowledge
        names = [k.regions[c].base for c in regions if c in k.regions][:1]
        names += [k.provinces[c].name for c in provinces if c in k.provinces]
        names += [str(year)] if year else []
        return self._terms(names)

    def _naming(self, named: frozenset[str], codes: Sequence[str]) -> frozenset[str]:
        """The terms of every name the question's places go by ("west java" for Jawa Barat): they say which
        place, not what is asked, so they never count as words a passage shares with the question."""
        return named.union(*(self.alias_terms.get(code, frozenset()) for code in codes))

    def instead(self, u: Understanding, result: Reply, ctx: Context) -> Reply | None:
        """A passage answer when one covers the question clearly better than `result`; else None.

        Only where the intent's reply is weak: nothing understood or answered; a topic or pillar answer to a
        question naming a year or a place it ignores; a data answer (cohort, region, people) that lacks
        the question's rare words while the passage holds them and every name and year asked; or a question
        naming nothing, read alone, whose conversation was about a place or year a passage holds with the
        question's words (`Understanding.carried`)."""
        if u.intent in NEVER or result.intent in NEVER:
            return None  # (a question about what the knowledge does not hold gets a passage only if it speaks of it)
        terms = self.question_terms(u.words)
        if not terms or sum(terms.values()) <= 0:
            return None
        said = "\n\n".join(p for p in result.plain().split("\n\n") if not p.startswith(source_label(ctx)))  # not who said it
        shown = frozenset(stem(w) for w in _WORD.findall(said.lower()) if len(w) > 1)  # the bot's own words: no slang
        carried = u.carried  # set only when the message names no place or year of its own
        if carried.names:  # the conversation's place, with what this message asks of it
            named = self._named(carried.regions, carried.provinces, carried.year)
            naming = self._naming(named, carried.regions + carried.provinces)
            found = None
            if _points_back(u.words, ctx) and not named <= shown:
                # "bimtek tahap 1 nya kapan?" after PPU: the place's own event, against a reply that does not speak of it
                found = self._covering(u, ctx, terms, frozenset(), named, naming, COVERS, kinds=(Event,))
            found = found or self._covering(u, ctx, terms, shown, named, naming, COVERS)
            if found is not None:
                found.leaned = True
                return found
        if carried.topic and u.intent.startswith("programme.") and u.intent != carried.topic:
            found = self._of_topic(carried.topic, terms, ctx)  # the topic the conversation is on, asked further
            if found is not None:
                found.leaned = True
                return found
        weak = u.intent in ("unknown", "out_of_scope") or not result.answered
        ignoring = u.intent.startswith(("programme.", "pillar")) and bool(u.year or u.regions or u.provinces)
        data = u.intent.startswith(("cohort.", "region.", "province.", "people.", "event."))
        missed = not data and not any(t in shown for t in terms)  # a written answer holding none of what was asked
        if not (weak or ignoring or data or missed):
            return None  # a topic's own facts, chosen by its phrasings, holding the question's words: the better answer
        if data and not (weak or ignoring or missed) and u.own_words is not None:
            # a follow-up retold ("who replaced him?"): a passage takes the place of its data answer only if it holds
            # something this message asks ("kalau IKN?"), not only the last question's words, which that answer served
            best = self._ranked(terms, self._named(u.regions, u.provinces, u.year))
            if not best or not any(t in best[0][1].terms for t in self.question_terms(u.own_words)):
                return None
        named = self._named(u.regions, u.provinces, u.year)
        if missed:
            ranked = self._ranked(terms, named)
            if ranked and isinstance(ranked[0][1].record, Fact) and u.intent == ranked[0][1].record.topic:
                return None  # the topic's own fact: its answer, with the topic's other facts, stays
        bar = COVERS if weak or missed else DATA_COVERS
        naming = self._naming(named, [*u.regions, *u.provinces])
        found = self._covering(u, ctx, terms, shown, named, naming, bar)
        if found is None and data and (u.regions or u.provinces) and not u.frame.not_known:
            # The place is an example inside a question about the programme ("Rating Kota Cerdas yang dimenangkan
            # Surabaya itu program Kominfo bukan?"): a passage without the place's name, holding as much of the
            # question's whole weight (the name's included) as a data answer needs.
            found = self._covering(u, ctx, terms, shown, self._named([], [], u.year), naming, DATA_COVERS, least_own=3)
        return found

    def _of_topic(self, topic: str, terms: dict[str, float], ctx: Context) -> Reply | None:
        """The fact of `topic` holding at least two of the question's words and `COVERS` of its weight."""
        facts = [p for p in self.passages if isinstance(p.record, Fact) and p.record.topic == topic]
        top = max(facts, key=lambda p: _score(terms, p), default=None)
        share = _score(terms, top) / sum(terms.values()) if top is not None else 0.0
        if top is None or share < COVERS or len([t for t in terms if t in top.terms]) < 2:
            return None
        return self._said(ctx, [top], share)

    def _said(self, ctx: Context, chosen: list[Passage], confidence: float) -> Reply | None:
        """The passages as a reply, when it fits every front's message (else None)."""
        each, once = cautions(ctx, [p.confidence for p in chosen])
        text = join_paragraphs(*(p.text(ctx, c) for p, c in zip(chosen, each, strict=True)), once,
                               source_line(ctx, [s for p in chosen for s in p.sources]))
        if len(text) > Limits.MIN_MESSAGE_CHARS:
            return None
        return Reply(text, ctx.lang, "passage", sources=sorted({s for p in chosen for s in p.sources}), confidence=confidence)

    def _ranked(self, terms: dict[str, float], named: frozenset[str], kinds: tuple[type, ...] = ()) -> list[tuple[float, Passage]]:
        """The best passages for the terms among those holding every name and year asked (and of `kinds`, if given)."""
        return [(s, p) for s, p in self.best(terms, 10) if named <= p.terms and (not kinds or isinstance(p.record, kinds))]

    def _covering(
        self, u: Understanding, ctx: Context, terms: dict[str, float], shown: frozenset[str], named: frozenset[str],
        naming: frozenset[str], bar: float, least_own: int = 2, kinds: tuple[type, ...] = (),
    ) -> Reply | None:
        """The best passage holding `named` (of `kinds`, if given), when it holds at least `bar` of the question's weight, clearly more
        than the reply `shown` does, through at least `least_own` of the question's own words (or, when two are
        enough, one that only one or two passages use, beside a name: "what does that level mean?" about
        Singkawang)."""
        ranked = self._ranked(terms, named, kinds)
        if not ranked:
            return None
        score, top = ranked[0]
        if u.intent.startswith("people.") and isinstance(top.record, Person):
            return None  # the people answer chose its officials by role and time: another one is no better
        total = sum(terms.values())
        own = [t for t in terms if t in top.terms and t not in naming]
        rare = len(own) == 1 and bool(named) and least_own <= 2 and self.df.get(own[0], 0) <= RARE
        if score / total < bar or not (len(own) >= least_own or rare):  # one shared common word is a coincidence
            return None
        covered = sum(w for t, w in terms.items() if t in shown)
        gain = sum(w for t, w in terms.items() if t in top.terms and t not in shown and t not in naming)
        if (score - covered) / total < MARGIN or gain < GAIN:
            return None
        tied = [p for s, p in ranked[1:2] if s >= score and p.terms & set(terms) == top.terms & set(terms)]
        # fits every front, so no front gets another answer; else the intent's own (paged) answer stays
        return self._said(ctx, [top, *tied], score / total) or (self._said(ctx, [top], score / total) if tied else None)


def _points_back(words: list[str], ctx: Context) -> bool:
    """A word pointing back at what was just talked about, after a word of what is asked of it ("bimtek tahap 1
    nya kapan?"), not one that introduces what is asked ("apa itu bimtek?")."""
    lists = ctx.knowledge.words
    asked = False
    for word in words:
        if lists.cue("refer", [word]) and asked:
            return True
        asked = asked or (word not in lists.everyday and word.isalpha())
    return False


def _score(terms: dict[str, float], passage: Passage) -> float:
    """The weight of the question's terms the passage holds."""
    return sum(w for t, w in terms.items() if t in passage.terms)


def _records(knowledge: Knowledge) -> list[tuple[str, Record, list[str]]]:
    """(key, record, its words in both languages) for everything a passage can tell."""
    roles = {r.id: r.name for r in knowledge.records.roles}
    out: list[tuple[str, Record, list[str]]] = []
    for fact in knowledge.records.facts:
        out.append((f"fact:{fact.id}", fact, [*fact.text]))
    for person in knowledge.records.people:
        years = _years(person.start, person.end)
        role = roles.get(person.role)
        out.append((f"person:{person.id}", person, [person.name, *(role or ()), *(person.note or ()), *map(str, years)]))
    for event in knowledge.records.events:
        names = [knowledge.regions[c].name for c in event.regions if c in knowledge.regions]
        out.append((f"event:{event.id}", event, [event.date.replace("-", " "), *event.text, *names]))
    for cohort in knowledge.records.cohorts:
        if cohort.note:
            out.append((f"cohort:{cohort.year}", cohort, [str(cohort.year), *cohort.note]))
    for pillar in knowledge.records.pillars:
        out.append((f"pillar:{pillar.id}", pillar, [pillar.label, *pillar.name, *pillar.description, *pillar.keywords]))
    return out


def _years(start: str | None, end: str | None) -> range:
    first = int((start or "0")[:4]) or LAST_YEAR
    return range(first, int(end[:4]) + 1 if end else LAST_YEAR + 1)
