"""words.yaml: the word lists understanding reads (slang, fillers, language cues, the words around region names).

`parse_words` checks the file into `Word` records, each problem as `words.yaml:line: message`;
`Words.from_records` turns the records of one loaded knowledge version into the lookups that
normalising, language detection and entity finding use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fields import FileChecker
from .files import LDict, LList
from .gazetteer import fold
from .records import Word

KINDS = ("kabupaten", "kota")
INFORMAL = "informal"
FILLERS = "fillers"
LANGUAGE_LISTS = ("indonesian", "english", "shared", "strong_indonesian", "strong_english")
REGION_LISTS = ("kinds", "english_kinds", "plural_kinds", "everyday_names", "membership_cues")
QUESTION_LISTS = (
    "count", "share", "most", "least", "latest", "not_yet", "repeat", "compare", "outside", "now", "range", "since", "before",
    "after", "not_known",
    "island", "cohort", "follow", "refer", "to_english", "to_indonesian", "language_request", "programme",
    "official", "signing", "launch", "successor", "many", "province", "negation", "more", "year", "venue", "once",
)
# Question lists whose words say what is asked about (a budget, a minister, a signing): never "everyday",
# even where a language list holds them too.
CONTENT_LISTS = frozenset({"not_known", "official", "signing", "launch"})
# Question lists that shape how a question is read (a venue, a negation, "which province") and leave passage
# search alone: their words are neither everyday nor content words unless another list says so.
SHAPE_LISTS = frozenset({"many", "province", "negation", "more", "year", "venue", "once"})
AREAS = "areas"
# Lists a filler may not share a word with: a filler is dropped from every message before anything else.
NOT_FILLERS = (
    "language.indonesian", "language.strong_indonesian", "language.strong_english",
    "regions.kinds", "regions.english_kinds", "regions.membership_cues", INFORMAL,
)

_WORD = re.compile(r"^[a-z0-9]+$")
_STRETCH = re.compile(r"(\w)\1{2,}")


@dataclass(frozen=True)
class Words:
    """The word lists of one knowledge version, as lookups."""

    informal: dict[str, tuple[str, ...]]  # slang -> the standard word(s)
    fillers: frozenset[str]
    indonesian: frozenset[str]
    english: frozenset[str]
    shared: frozenset[str]
    strong_indonesian: frozenset[str]
    strong_english: frozenset[str]
    kinds: dict[str, str]  # "kota" -> "kota", before a name
    english_kinds: dict[str, str]  # "regency" -> "kabupaten", after a name or before "of"
    # A kind word said without a name ("berapa kota", "how many regencies"): kinds, English kinds and plurals.
    plain_kinds: dict[str, str]
    everyday_names: frozenset[str]  # folded region names that are also everyday words
    membership_cues: frozenset[str]
    cues: dict[str, frozenset[str]]  # question form ("count", "share", ...) -> its words
    areas: dict[str, tuple[str, str]]  # word -> (first digit of the province codes, the area's name)
    # Words that say nothing of what a question is about: the language lists, fillers, kind words, membership
    # cues and the question-form words (not the CONTENT_LISTS, which name what is asked).
    everyday: frozenset[str] = frozenset()

    @classmethod
    def from_records(cls, records: list[Word]) -> Words:
        lists: dict[str, list[Word]] = {}
        for record in records:
            lists.setdefault(record.section, []).append(record)

        def words(section: str) -> frozenset[str]:
            return frozenset(r.word for r in lists.get(section, []))

        def mapping(section: str) -> dict[str, str]:
            return {r.word: r.meaning for r in lists.get(section, [])}

        return cls(
            informal={r.word: tuple(r.meaning.split()) for r in lists.get(INFORMAL, [])},
            fillers=words(FILLERS),
            indonesian=words("language.indonesian"),
            english=words("language.english"),
            shared=words("language.shared"),
            strong_indonesian=words("language.strong_indonesian"),
            strong_english=words("language.strong_english"),
            kinds=mapping("regions.kinds"),
            english_kinds=mapping("regions.english_kinds"),
            plain_kinds=mapping("regions.kinds") | mapping("regions.english_kinds") | mapping("regions.plural_kinds"),
            everyday_names=words("regions.everyday_names"),
            membership_cues=words("regions.membership_cues"),
            cues={key: words(f"questions.{key}") for key in QUESTION_LISTS},
            areas={r.word: (r.meaning.split(" ", 1)[0], r.meaning.split(" ", 1)[1]) for r in lists.get(AREAS, [])},
            everyday=frozenset().union(
                *(words(s) for s in (FILLERS, "language.indonesian", "language.english", "language.shared",
                                     "regions.membership_cues")),
                mapping("regions.kinds"), mapping("regions.english_kinds"),
                *(words(f"questions.{key}") for key in QUESTION_LISTS if key not in CONTENT_LISTS | SHAPE_LISTS),
            ) - frozenset().union(*(words(f"questions.{key}") for key in CONTENT_LISTS)),
        )

    def cue(self, form: str, words: list[str]) -> bool:
        """Whether any of `words` marks the question form `form`."""
        marks = self.cues.get(form, frozenset())
        return any(w in marks for w in words)

    def vocabulary(self) -> frozenset[str]:
        """Every word these lists know (so none of them is taken for a misspelt name); the shape lists mark how a
        question reads and add no words."""
        known = set(self.indonesian | self.english | self.shared | self.fillers)
        known.update(w for form, marks in self.cues.items() if form not in SHAPE_LISTS for w in marks)
        for standard in self.informal.values():
            known.update(standard)
        return frozenset(known)


class _Reader:
    """Reads the sections of words.yaml, remembering the line of every word for the checks across sections."""

    def __init__(self, c: FileChecker) -> None:
        self.c = c
        self.lines: dict[str, dict[str, int]] = {}  # section -> word -> line
        self.records: list[Word] = []

    def word(self, value: object, line: int, section: str, what: str = "word") -> str | None:
        """One entry as a word in the form the bot sees, or None (with a problem)."""
        if isinstance(value, bool):
            self.c.problem(line, f"a {what} in {section} was read as {str(value).lower()}: YAML takes unquoted yes, no, "
                                 "on, off, true and false for true/false; put the word in quotes, like \"on\"")
            return None
        if value is None or (isinstance(value, str) and not value.strip()):
            self.c.problem(line, f"empty {what} in {section}")
            return None
        if not isinstance(value, (str, int)):
            self.c.problem(line, f"each entry in {section} must be a word, not {value!r}")
            return None
        text = str(value).strip()
        if " " in text:
            self.c.problem(line, f"'{text}' in {section} must be one word (no spaces): give each word its own entry")
            return None
        if _STRETCH.search(text):
            shrunk = _STRETCH.sub(r"\1", text)
            self.c.problem(line, f"'{text}' in {section} has a letter three times in a row, which the bot shrinks to one: "
                                 f"write '{shrunk}'")
            return None
        if not _WORD.match(text):
            self.c.problem(line, f"'{text}' in {section} is never seen as written: the bot reads lower-case letters and "
                                 "digits only (no capitals, accents or punctuation)")
            return None
        return text

    def remember(self, section: str, word: str, line: int, meaning: str = "") -> None:
        seen = self.lines.setdefault(section, {})
        if word in seen:
            self.c.problem(line, f"'{word}' is already in {section} on line {seen[word]}")
            return
        seen[word] = line
        self.records.append(Word(section, word, meaning))

    def listed(self, parent: LDict, key: str, section: str, example: str) -> LList | None:
        """The list under `key`, or None after saying what is wrong (missing, or not a list like `example`)."""
        value = parent.get(key)
        if isinstance(value, LList):
            return value
        self.c.problem(parent.line_of(key), f"'{key}' must be a list of {example}" if key in parent
                       else f"missing section '{section}:'")
        return None

    def words(self, parent: LDict, key: str, section: str) -> None:
        value = self.listed(parent, key, section, "words like [a, b]")
        if value is None:
            return
        for index, item in enumerate(value):
            word = self.word(item, value.line_of(index), section)
            if word:
                self.remember(section, word, value.line_of(index))

    def names(self, parent: LDict, key: str, section: str, region_keys: set[str] | None) -> None:
        """Region names, folded the way names are matched ('Kota Baru' -> 'kotabaru')."""
        value = self.listed(parent, key, section, "names like [batu, puncak]")
        if value is None:
            return
        for index, item in enumerate(value):
            line = value.line_of(index)
            if not isinstance(item, str) or not fold(item):
                self.c.problem(line, f"each name in {section} must be a region name, not {item!r}")
                continue
            name = fold(item)
            if region_keys is not None and name not in region_keys:
                self.c.problem(line, f"'{item}' in {section} is not the name of a region or an alias, so it needs no guard")
                continue
            self.remember(section, name, line)

    def areas(self, data: LDict) -> None:
        """Island groups: a name, the first digit of their provinces' codes and the words users write for them."""
        if AREAS not in data:  # optional: without it, no island groups
            return
        value = self.listed(data, AREAS, AREAS, "entries with name, code and words")
        if value is None:
            return
        for line, item in self.c.entries(value, "area"):
            name, code = self.c.string(item, "name"), item.get("code")
            if not isinstance(code, int) or isinstance(code, bool) or not 1 <= code <= 9:
                self.c.problem(item.line_of("code") if "code" in item else line,
                               "an area's code must be one digit, the first of its provinces' Kemendagri codes (e.g. 3 for Jawa)")
                continue
            words = item.get("words")
            if not isinstance(words, LList) or not words:
                self.c.problem(item.line_of("words") if "words" in item else line, "an area needs words: a list like [jawa, java]")
                continue
            for index, raw in enumerate(words):
                word = self.word(raw, words.line_of(index), AREAS)
                if word and name:
                    self.remember(AREAS, word, words.line_of(index), f"{code} {name}")

    def mapping(self, parent: LDict, key: str, section: str, what: str, meanings: tuple[str, ...] | None = None) -> None:
        value = parent.get(key)
        if not isinstance(value, LDict):
            self.c.problem(parent.line_of(key), f"'{key}' must be a mapping of {what} lines" if key in parent
                           else f"missing section '{section}:'")
            return
        for raw, meaning in value.items():
            line = value.line_of(raw)
            word = self.word(raw, line, section, "slang word" if meanings is None else "word")
            if word is None:
                continue
            if meaning is None or (isinstance(meaning, str) and not meaning.strip()):
                fill = f"{' or '.join(meanings)} after the colon" if meanings else "the standard word after the colon, like 'yg: yang'"
                self.c.problem(line, f"'{word}' in {section} maps to nothing: write {fill}")
                continue
            if not isinstance(meaning, (str, int)) or isinstance(meaning, bool):
                self.c.problem(line, f"'{word}' in {section} must map to text, not {meaning!r}")
                continue
            text = " ".join(str(meaning).split())
            if meanings is not None and text not in meanings:
                self.c.problem(line, f"'{word}' in {section} must mean {' or '.join(meanings)}, not {text!r}")
                continue
            if meanings is None and not all(self.word(w, line, f"the meaning of '{word}'") for w in text.split()):
                continue
            self.remember(section, word, line, text)


def parse_words(data: LDict, c: FileChecker, region_keys: set[str] | None = None) -> list[Word]:
    """Check words.yaml; `region_keys` (folded region names and aliases) checks the everyday names when given."""
    r = _Reader(c)
    _known_keys(data, (INFORMAL, FILLERS, "language", "regions", "questions", AREAS), "", c)
    r.mapping(data, INFORMAL, INFORMAL, "slang: standard word")
    r.words(data, FILLERS, FILLERS)
    language = c.section(data, "language", kind=LDict)
    if language is not None:
        _known_keys(language, LANGUAGE_LISTS, "language.", c)
        for key in LANGUAGE_LISTS:
            r.words(language, key, f"language.{key}")
    regions = c.section(data, "regions", kind=LDict)
    if regions is not None:
        _known_keys(regions, REGION_LISTS, "regions.", c)
        r.mapping(regions, "kinds", "regions.kinds", "word: kind", KINDS)
        r.mapping(regions, "english_kinds", "regions.english_kinds", "word: kind", KINDS)
        if "plural_kinds" in regions:  # optional: without it, "berapa cities" is not read as a kind
            r.mapping(regions, "plural_kinds", "regions.plural_kinds", "word: kind", KINDS)
        r.names(regions, "everyday_names", "regions.everyday_names", region_keys)
        r.words(regions, "membership_cues", "regions.membership_cues")
    questions = c.section(data, "questions", kind=LDict, required=False)  # optional: without it, no question forms
    if questions is not None:
        _known_keys(questions, QUESTION_LISTS, "questions.", c)
        for key in (k for k in QUESTION_LISTS if k in questions):  # each optional: a form without words is never asked
            r.words(questions, key, f"questions.{key}")
    r.areas(data)
    _check_across(r)
    return r.records


def _known_keys(data: LDict, keys: tuple[str, ...], prefix: str, c: FileChecker) -> None:
    """A misspelt section name would otherwise be ignored in silence."""
    for key in data:
        if key not in keys:
            c.problem(data.line_of(key), f"unknown section '{prefix}{key}'; the sections here are {', '.join(prefix + k for k in keys)}")


def _check_across(r: _Reader) -> None:
    """Words that contradict each other between sections."""
    lines = r.lines

    def of(section: str) -> dict[str, int]:
        return lines.get(section, {})

    for word, line in of("language.english").items():
        if word in of("language.indonesian"):
            r.c.problem(line, f"'{word}' is both Indonesian (line {of('language.indonesian')[word]}) and English: "
                              "a word both languages use belongs under language.shared")
    for word, shared_line in of("language.shared").items():
        for lang in ("indonesian", "english"):
            if word in of(f"language.{lang}"):
                r.c.problem(of(f"language.{lang}")[word], f"'{word}' is under language.shared (line {shared_line}), "
                                                          f"which counts for neither language: remove it from language.{lang}")
    for lang in ("indonesian", "english"):
        for word, line in of(f"language.strong_{lang}").items():
            if word not in of(f"language.{lang}"):
                r.c.problem(line, f"'{word}' in language.strong_{lang} must also be under language.{lang}")
    for word, line in of(FILLERS).items():
        clashes = [f"{section} (line {of(section)[word]})" for section in NOT_FILLERS if word in of(section)]
        if clashes:
            r.c.problem(line, f"filler '{word}' is also in {' and '.join(clashes)}: fillers are dropped from every "
                              "message first, so the bot would no longer see it")
    informal = {w: m for w, m in ((rec.word, rec.meaning) for rec in r.records if rec.section == INFORMAL)}
    for slang, standard in informal.items():
        for word in standard.split():
            if word != slang and word in informal and informal[word] != word:
                r.c.problem(of(INFORMAL)[slang], f"'{slang}' becomes '{word}', which is itself slang for "
                                                 f"'{informal[word]}' (line {of(INFORMAL)[word]}): write '{informal[word]}' instead")
