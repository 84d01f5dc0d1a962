"""The understanding step: one message -> an `Understanding` the answers can act on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..knowledge.store import Knowledge
from ..topic import Topic
from .dialogue import CARRIED, CUED, REPLACED, language_asked, retold, yes_no_membership
from .entities import Entities, FuzzyResult, Lexicon, RegionHit, find_entities, fuzzy_region
from .frame import Frame, read_frame
from .intents import IntentIndex, IntentScore
from .language import Detection, detect
from .normalise import clean, normalise

REGION_INTENTS = frozenset({"region.status", "event.mou_signing"})
YEAR_INTENTS = frozenset({
    "cohort.members", "cohort.size", "cohort.mou", "people.minister", "people.dirjen", "province.members", "region.status",
})
PILLAR_INTENTS = frozenset({"pillar.detail", "pillars.list", "pillars.alternative"})
SMALLTALK = frozenset({"greeting", "thanks", "help"})
NEEDS_ENTITY = REGION_INTENTS | {"province.members", "pillar.detail"}
MIN_SCORE = 0.3  # below this similarity to every example phrasing, the intent is a guess
SHORT_WORDS = 8  # "kota atlantis ikut tahun berapa": a message this short with an unknown name asks about it
# A year question holding a word only a topic's phrasings use ("award night") is about that topic, unless a
# data intent (or a refusal) fits it by more than this.
OWN_WORD_MARGIN = 0.1
PEOPLE_INTENTS = frozenset({"people.minister", "people.dirjen"})
WEAK_TOPIC = 0.5  # a topic ranked below this by its phrasings was chosen on a word or two
FURTHER_WORDS = 4  # "which hotel?": a message this short that means nothing alone may ask the last question further
FOLLOW_SCORE = 0.5  # a short message read alone this well is a question of its own, not a follow-up


@dataclass(frozen=True)
class Carried:
    """The places, year and topic of the conversation's last question, kept beside a message read alone that
    names none: "what was the cooperative office's marketplace called?" after OKI is still about OKI, and
    "yang untuk kawasan wisata berapa?" after the Renstra target still about the targets, so facts holding
    them and the question's words can answer it (`answers.passages`)."""

    regions: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    year: int | None = None
    topic: str | None = None  # the last question's programme topic ("programme.targets"), if it was one

    @property
    def names(self) -> bool:
        """A place or a year is carried (not only a topic)."""
        return bool(self.regions or self.provinces or self.year is not None)


@dataclass
class Understanding:
    text: str
    words: list[str]
    lang: str
    intent: str
    confidence: float
    regions: list[str] = field(default_factory=list)
    region_hits: list[RegionHit] = field(default_factory=list)
    province: str | None = None
    year: int | None = None
    pillar: str | None = None
    alt_label: str | None = None
    fuzzy: FuzzyResult | None = None
    ranking: list[IntentScore] = field(default_factory=list)
    page: int = 1
    detection: Detection | None = None  # what the message's own words say about its language
    frame: Frame = field(default_factory=Frame)
    provinces: list[str] = field(default_factory=list)  # every province named, in order (`province` is the first)
    role: str | None = None  # an official's role id, from a button (answers find a role named in words themselves)
    carried: Carried = field(default_factory=Carried)  # the last question's names, when this one names none
    own_words: list[str] | None = None  # a follow-up's own words, when `words` is it retold with the last question's
    after: tuple[str, ...] = ()  # the officials the conversation's last answer named, for "and after him?", "then?"

    def names_nothing(self) -> bool:
        """No place and no year of its own."""
        return not (self.regions or self.provinces or self.province or self.year is not None)


def _mask(words: list[str], found: Entities, prefer_province: bool, kinds: dict[str, str]) -> list[str]:
    spans: list[tuple[int, int, str]] = []
    provinces = [(s, e, "<province>") for s, e, _ in found.provinces]
    regions = [(h.start, h.end, "<region>") for h in found.regions]
    first, second = (provinces, regions) if prefer_province else (regions, provinces)
    spans.extend(first)
    for start, end, tag in second + [(s, e, "<pillar>") for s, e, _, _ in found.pillars] + [(s, e, "<alt>") for s, e, _ in found.alt_names]:
        if all(end <= a or start >= b for a, b, _ in spans):
            spans.append((start, end, tag))
    spans.extend((i, i + 1, "<year>") for i in found.year_spans)
    masked = list(words)
    for start, end, tag in sorted(spans, reverse=True):
        if start > 0 and masked[start - 1] in kinds and tag == "<region>":
            start -= 1
        masked[start:end] = [tag]
    return masked


def _outside_entities(words: list[str], found: Entities) -> list[str]:
    """Words that are not part of a name: 'DI Yogyakarta' says nothing about the language."""
    inside = {i for h in found.regions for i in range(h.start, h.end)}
    inside |= {i for s, e, _ in found.provinces for i in range(s, e)}
    return [w for i, w in enumerate(words) if i not in inside]


def _strip_suffix(words: list[str], vocabulary: frozenset[str]) -> list[str]:
    """'pesertanya' -> 'peserta' when the shorter word is known."""
    return [w[:-3] if w.endswith("nya") and len(w) > 5 and w[:-3] in vocabulary else w for w in words]


class Understander:
    """Built once per knowledge version; `understand()` is cheap and never raises on text."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.words = knowledge.words
        self.lexicon = Lexicon(knowledge)
        examples = []
        for phrasing in knowledge.records.phrasings:
            words = normalise(phrasing.text, self.words)
            found = find_entities(words, self.lexicon)
            prefer_province = bool(found.provinces) and "province" in phrasing.intent
            examples.append((phrasing.intent, _mask(words, found, prefer_province, self.words.kinds)))
        self.index = IntentIndex(examples)
        self.vocabulary = frozenset(self.index.vocabulary | self.words.vocabulary())
        self.said = self.vocabulary | _text_words(knowledge)  # every word the knowledge itself uses, too
        # and of those, the ones that are no part of a place's name: never taken for a misspelt name
        self.not_names = self.vocabulary | (self.said - _name_words(knowledge))
        self.topic_words = _topic_words(knowledge)
        self.person_words = frozenset(w for p in knowledge.records.people for w in name_words(p.name))
        self.venues = {c.year: frozenset(normalise(" ".join(c.mou_place), self.words))  # where each cohort signed
                       for c in knowledge.records.cohorts if c.mou_place}
        self._spelling = sorted(w for w in self.index.vocabulary if w.isalpha() and len(w) >= 3)

    def understand(self, text: str, fallback_lang: str = "id", topic: Topic | None = None) -> Understanding:
        """`lang` is the detected language, ties going to `fallback_lang`; `detection` is the evidence
        (for `language.choose_language`). With the conversation's last `topic`, a short follow-up is read as
        the last question retold (`dialogue.retold`)."""
        words = _strip_suffix(normalise(text, self.words), self.vocabulary)
        asked = language_asked(words, self.words)
        if asked is not None:  # "in english please": the engine answers the last question again in that language
            return Understanding(text, words, asked, "language.switch", 1.0)
        u, found = self._read(text, words, fallback_lang)
        if topic is None:
            return u
        # "then?" after an answer naming officials goes on down the line, even where that question named a year
        followed = self._went_on(u, topic) or self._followed(u, found, topic) or self._asked_further(u, topic)
        if followed is not None:
            if topic.people and followed.intent == topic.intent and followed.frame.has("successor"):
                followed.after = topic.people  # who came after the official just named, and so on down the line
            return followed
        if u.names_nothing() and u.intent not in SMALLTALK:
            u.carried = self._names_of(topic)  # the last question's places, year and topic
        return u

    def _asked_further(self, u: Understanding, topic: Topic) -> Understanding | None:
        """A few words that mean nothing alone but are the knowledge's own ("which hotel?" after the 2017 MoU's
        date): the last question asked further, when reading them with it keeps its intent."""
        content = [w for w in u.words if w not in self.words.everyday and w.isalpha()]
        if (u.intent not in ("unknown", "out_of_scope") or len(u.words) > FURTHER_WORDS or not content
                or u.frame.not_known or any(w not in self.said for w in content)):
            return None
        v, _ = self._read(u.text, [*u.words, *topic.words], u.lang)
        if v.intent != topic.intent:
            return None
        v.detection, v.lang = u.detection, u.lang
        return v

    def _went_on(self, u: Understanding, topic: Topic) -> Understanding | None:
        """"then?", "lalu?", "terus siapa lagi?" after an answer naming officials: the next in that post."""
        follow = self.words.cues.get("follow", frozenset())
        if not (topic.people and topic.intent in PEOPLE_INTENTS and 0 < len(u.words) <= FURTHER_WORDS
                and all(w in follow or self.words.cue("many", [w]) or not w.isalnum() for w in u.words)
                and not (u.frame.forms - {"successor"})):
            return None  # only "then", "and", "who": a message that says more is read as it stands
        v = self.retell(topic)
        v.text, v.detection, v.lang = u.text, u.detection, u.lang
        v.frame.forms.add("successor")
        return v

    def _names_of(self, topic: Topic) -> Carried:
        """The places and year the topic's question named (or its answer was about, for the year)."""
        found = find_entities(list(topic.words), self.lexicon)
        year = found.years[0] if found.years else (topic.years[0] if len(topic.years) == 1 else None)
        provinces = tuple(dict.fromkeys(code for _, _, code in found.provinces))
        topic_asked = topic.intent if topic.intent.startswith("programme.") else None
        return Carried(tuple(found.region_codes()[:1]), provinces[:1], year, topic_asked)

    def retell(self, topic: Topic) -> Understanding:
        """The topic's question understood again (to answer it in another language)."""
        return self._read(" ".join(topic.words), list(topic.words), topic.lang)[0]

    def _followed(self, u: Understanding, found: Entities, topic: Topic) -> Understanding | None:
        """The follow-up read against the last question, when that reading uses what it carries."""
        last = list(topic.words)
        last_found = find_entities(last, self.lexicon)
        if self.words.cue("province", u.words) and last_found.regions and not (last_found.provinces or found.provinces):
            last, last_found = self._province_of(last, last_found)  # "which other regions in that province?"
        retelling = retold(u.words, found, last, last_found, self.words, topic.years)
        if retelling is None:
            return None
        told, how = retelling
        if how == CARRIED and any(w not in self.said for w in self._spell(told[:len(u.words)])):
            return None  # words the bot has never seen are not a follow-up to guess at
        v, _ = self._read(u.text, told, u.lang)
        v.detection, v.lang = u.detection, u.lang
        if how != REPLACED:  # it asks something more of the last question's subject, not that question of another
            v.own_words = u.words
        if v.intent == "unknown":
            return None
        if how == REPLACED:  # names, years or a kind put into the last question: surely meant
            return v
        if how == CUED:  # the same question in another form ("yg sekarang?")
            return v if v.intent == topic.intent else None
        places = bool(last_found.regions or last_found.provinces) or any(w in self.words.areas for w in last)
        uses = ((places and (v.regions and v.intent in REGION_INTENTS | {"out_of_scope"}
                             or v.intent in ("province.members", "coverage")))
                or (bool(last_found.years) and v.year is not None and v.intent in YEAR_INTENTS | {"coverage"}))
        top = v.ranking[0].intent if v.ranking else "unknown"
        sure_alone = u.intent not in ("unknown", "clarify") and u.confidence >= FOLLOW_SCORE  # "siapa menteri sekarang"
        asks_of_places = v.intent == "coverage" and bool(u.frame.forms - {"now"} or u.frame.kinds)  # "berapa persen?"
        topic_alone = u.intent.startswith(("programme.", "pillar")) and sure_alone  # "apa itu bimtek?" is its own question
        points_back = self.words.cue("refer", u.words) and not topic_alone  # "that province", "mou nya", "when did it join?"
        # "2021 ikut lagi ga?" after Mataram: whether the region just named took part that year, not who did
        yes_no_of_region = (bool(last_found.regions) and u.year is not None and yes_no_membership(u.words, self.words)
                            and v.intent == "region.status")
        # "berapa daerah yang ikut?" after the 2024 signing: how many or which took part in the year just spoken of
        asks_of_members = (bool(last_found.years) and v.intent in ("cohort.size", "cohort.members", "coverage")
                           and any(w in self.words.membership_cues for w in u.words)
                           and (u.frame.has("count") or self.words.cue("many", u.words)))
        if uses and (not sure_alone or top == v.intent or asks_of_places or points_back or yes_no_of_region or asks_of_members):
            return v
        return None

    def _province_of(self, words: list[str], found: Entities) -> tuple[list[str], Entities]:
        """The words with their first region named by its province instead ("kab oki" -> "sumatera selatan")."""
        hit = found.regions[0]
        region = self.knowledge.regions[hit.codes[0]]
        start = hit.start - 1 if hit.start > 0 and words[hit.start - 1] in self.words.kinds else hit.start
        told = words[:start] + normalise(self.knowledge.provinces[region.province].name, self.words) + words[hit.end:]
        return told, find_entities(told, self.lexicon)

    def _read(self, text: str, words: list[str], fallback_lang: str) -> tuple[Understanding, Entities]:
        """One message's words read alone."""
        found = self._without_venue(words, find_entities(words, self.lexicon))
        detection = detect(_outside_entities(words, found), self.words)
        kinds = self.words.kinds
        overlap = bool(found.provinces and found.regions)
        ranking = self.index.rank(self._spell(_mask(words, found, False, kinds)))
        prefer_province = False
        if overlap:
            province_ranking = self.index.rank(self._spell(_mask(words, found, True, kinds)))
            if province_ranking and (not ranking or province_ranking[0].score >= ranking[0].score):
                ranking, prefer_province = province_ranking, True
        u = Understanding(text, words, detection.lang or fallback_lang, "unknown", 0.0, ranking=ranking, detection=detection)
        u.year = found.years[0] if found.years else None
        u.frame = read_frame(words, found, self.words)
        u.provinces = list(dict.fromkeys(code for _, _, code in found.provinces))
        if not self._planned(u, found):
            self._choose(u, found, prefer_province)
        return u, found

    def _without_venue(self, words: list[str], found: Entities) -> Entities:
        """A place said as where a year's cohort signed ("signed in Makassar in 2017", "which Jakarta hotel hosted
        the 2018 signing") is the venue, not a place asked about: it is left out of the names found."""
        venue = self.venues.get(found.years[0], frozenset()) if found.years else frozenset()
        if not venue or not self.words.cue("signing", words):
            return found

        def at_venue(start: int, end: int) -> bool:
            said_at = self.words.cue("venue", words[start - 1:start] if start > 0 else []) or self.words.cue("venue", words[end:end + 1])
            return said_at and set(words[start:end]) <= venue

        regions = [h for h in found.regions if not at_venue(h.start, h.end)]
        provinces = [p for p in found.provinces if not at_venue(p[0], p[1])]
        if len(regions) == len(found.regions) and len(provinces) == len(found.provinces):
            return found
        return replace(found, regions=regions, provinces=provinces)

    def _planned(self, u: Understanding, found: Entities) -> bool:
        """Frames the example phrasings cannot express: aggregates over places and years, and what is not known."""
        top = u.ranking[0] if u.ranking else IntentScore("unknown", 0.0)
        frame = u.frame
        regions = found.region_codes()
        named = bool(regions or u.provinces)
        about_programme = top.intent == "event.mou_signing" or (top.intent.startswith("programme.") and top.score >= WEAK_TOPIC)
        if named and not frame.not_known and not about_programme:
            frame.not_known = self._strange(u.words, found)  # "titik wifi gratis di kota bandung": nothing we hold
        elif not (named or frame.not_known or u.year) and top.intent.startswith(("programme.", "pillar")) and (
                top.score < WEAK_TOPIC or not self._holds_own_word(top.intent, u.words)):
            # "what are the opening hours of their Diskominfo office?": a topic chosen by a word or two (or by everyday
            # words alone: "what's the 5G coverage like there?"), for a question most of whose words the bot has never
            # seen; the engine then keeps the topic's answer only if it speaks of them
            frame.not_known = self._strange(u.words, found, some_known=True)
        # "the current regent of OKI" asks who holds the office now, not about the programme's signing
        if frame.not_known and named and (not about_programme or frame.has("now")):  # without a place, the engine checks the reply
            u.regions, u.region_hits, u.province = regions, found.regions, next(iter(u.provinces), None)
            u.intent, u.confidence = "out_of_scope", max(top.score, 0.7)  # said plainly, with what is known about the place
            return True
        aggregate = bool(frame.forms & {"count", "share", "not_yet", "most", "least", "latest", "compare", "repeat"})
        if regions and not (u.provinces and aggregate):
            return False
        places = len(u.provinces) + len(frame.areas)
        if places and (places >= 2 or aggregate or frame.areas or frame.kinds or frame.split_kinds or frame.years):
            chosen = True
        elif places:
            return False
        else:
            by_kind = u.year is not None and (frame.kinds and frame.has("count") or frame.split_kinds)
            if frame.forms & {"most", "least", "not_yet"} and frame.of_years and not (frame.of_provinces or frame.of_areas):
                u.intent, u.confidence = "cohort.totals", max(top.score, 0.7)  # "which year had the fewest?", "...none?"
                return True
            ranked = bool(frame.forms & {"most", "least"}) and (
                frame.of_provinces or frame.of_areas or any(w in self.words.membership_cues for w in u.words))
            repeated = frame.has("repeat") and any(w in self.words.membership_cues for w in u.words)  # "joined more than once"
            joined = any(w in self.words.membership_cues for w in u.words)
            about_topic = self._own_topic(u) is not None and not joined  # "target renstra 2020-2024": the plan, not the members
            span = frame.years is not None and not about_topic
            # "berapa yang belum ikut?", "daerah mana yang belum ikut?", "which regions have never joined?"
            not_yet = frame.has("not_yet") and (frame.of_provinces or (frame.has("count") or self.words.cue("many", u.words)) and joined)
            # "which region joined most recently?" (not "the latest minister in 2019")
            latest = frame.has("latest") and joined and not self.words.cue("official", u.words)
            chosen = ranked or by_kind or repeated or span or not_yet or latest
        if chosen:
            u.province = next(iter(u.provinces), None)
            u.intent, u.confidence = "coverage", max(top.score, 0.7)
        return chosen

    def _choose(self, u: Understanding, found: Entities, prefer_province: bool) -> None:
        top = u.ranking[0] if u.ranking else IntentScore("unknown", 0.0)
        if u.year is None and u.frame.has("latest") and self.words.cue("cohort", u.words) and not found.region_codes():
            u.year = max((c.year for c in self.knowledge.cohorts.values() if c.size), default=None)  # "kohort terakhir"
            if u.year is not None:
                u.intent = "cohort.size" if u.frame.has("count") else "cohort.members"
                u.confidence = max(top.score, 0.6)
                return
        intent, score = top.intent, top.score
        regions = found.region_codes()
        besides = [w for w in u.words if w not in self.person_words and w not in self.words.everyday and w.isalpha()]
        if (self.person_words & set(u.words) and not (regions or found.provinces) and intent not in PEOPLE_INTENTS
                and len(besides) <= 1):
            # "who is Mira Tayyiba?", "kapan rudiantara menjabat?": a person the knowledge names, and little else
            # ("According to minister Plate, what makes a city smart?" asks of the topic); the people answers pick the post
            u.intent = _best_of(u.ranking, PEOPLE_INTENTS, "people.dirjen")
            u.confidence = max(_score_of(u.ranking, u.intent), 0.6)
            return
        labelled_pillars = [p for p in found.pillars if p[3]]
        own = self._own_topic(u) if intent == "out_of_scope" and score < WEAK_TOPIC and u.year is not None else None
        if own is not None and score - own.score <= OWN_WORD_MARGIN:  # as for the year questions below: a topic's
            # own word, with a year, outweighs a weak refusal ("which regions made up the Borobudur group in 2021")
            u.intent, u.confidence = own.intent, own.score
            return
        if intent in ("out_of_scope", *SMALLTALK) and score >= MIN_SCORE and not ((regions or u.year) and intent in SMALLTALK):
            u.intent, u.confidence = intent, score
            return
        dated = (u.year is not None or u.frame.has("now")  # "who is the current minister in charge of this?"
                 or self.words.cue("launch", u.words) or self.words.cue("signing", u.words))
        if self.words.cue("official", u.words) and dated and not regions and not found.provinces:
            people = _best_of(u.ranking, PEOPLE_INTENTS, "")  # "siapa menteri waktu MoU angkatan 2018?": who held office then
            if people:
                u.intent, u.confidence = people, max(_score_of(u.ranking, people), 0.6)
                return
        if found.provinces and (prefer_province or not regions):
            u.province = found.provinces[0][2]
            u.intent, u.confidence = "province.members", max(score, 0.6)
            return
        if regions:
            u.regions, u.region_hits = regions, found.regions
            u.intent = _best_of(u.ranking, REGION_INTENTS, "region.status")
            u.confidence = max(score, 0.6)
            return
        region_like = self._near_top(u.ranking, REGION_INTENTS) or any(
            w in self.words.membership_cues or w in self.words.kinds for w in u.words)  # "kab tanah": a name is meant
        if not found.regions and region_like and self._fuzzy(u, found):
            return
        named = any(w in self.words.kinds for w in u.words)
        if not found.regions and named and u.fuzzy and u.fuzzy.choices and not found.provinces:
            u.intent, u.confidence = "clarify", u.fuzzy.choices[0][1] / 100  # "kab tanah": which one?
            return
        if found.alt_names and _score_of(u.ranking, "pillars.alternative") >= _score_of(u.ranking, "pillar.detail"):
            u.alt_label = found.alt_names[0][2]
            u.intent, u.confidence = "pillars.alternative", max(score, 0.6)
            return
        topic = self._own_topic(u)
        if found.pillars and u.year is not None and topic is not None:  # "the smart living award in 2022": a topic word, a year
            u.pillar, u.intent, u.confidence = found.pillars[0][2], topic.intent, topic.score
            return
        if labelled_pillars or (found.pillars and intent in PILLAR_INTENTS):
            u.pillar = (labelled_pillars or found.pillars)[0][2]
            u.intent = intent if intent in ("pillar.detail", "pillars.alternative") else "pillar.detail"
            u.confidence = max(score, 0.6)
            return
        if u.year is not None:
            if u.year not in self.knowledge.cohorts and self.words.cue("cohort", u.words):
                u.intent, u.confidence = "cohort.members", max(score, 0.6)  # "ada angkatan 2025?": no such cohort, said so
                return
            u.intent = _best_of(u.ranking, YEAR_INTENTS - {"region.status", "province.members"}, "cohort.members")
            if topic and topic.score >= 0.35 and topic.score > _score_of(u.ranking, u.intent) - OWN_WORD_MARGIN:
                u.intent, u.confidence = topic.intent, topic.score  # "the 2017 award ceremony": the topic, in that year
                return
            if u.intent.startswith("people.") and self.words.cue("cohort", u.words):
                u.intent = "cohort.size" if u.frame.has("count") else "cohort.members"  # "who was in the 2021 cohort?"
            follow = self.words.cues.get("follow", frozenset()) | self.words.cues.get("refer", frozenset())
            said = [w for w in u.words if w not in self.words.everyday and w not in follow and w.isalpha()]  # "istimewa"
            if u.intent == "cohort.size" and not u.frame.has("count") and not said:
                u.intent = "cohort.members"  # "kohort 2018": the list (it starts with the count), not the count alone
            u.confidence = max(score, 0.6)
            return
        if intent in REGION_INTENTS or intent == "province.members" or score < MIN_SCORE:
            if self._fuzzy(u, found):
                return
            if u.fuzzy and u.fuzzy.choices:
                u.intent, u.confidence = "clarify", u.fuzzy.choices[0][1] / 100
                return
            if u.fuzzy and intent in REGION_INTENTS and score >= MIN_SCORE and len(u.words) <= SHORT_WORDS:
                u.intent, u.confidence = "clarify", score  # a name that is no region (a long question is no name)
                return
        plain = [r for r in u.ranking if r.intent not in NEEDS_ENTITY]
        if plain and plain[0].score >= MIN_SCORE and plain[0].score >= score - 0.15:
            u.intent, u.confidence = plain[0].intent, plain[0].score
            return
        u.intent, u.confidence = "unknown", score

    def _strange(self, words: list[str], found: Entities, some_known: bool = False) -> list[str]:
        """The words besides the names and everyday words, when none is known to the bot (or, `some_known`, when
        some are) and at least two, and half, are not a typo of a known word either: what they ask about is not in
        the knowledge."""
        inside = {i for h in found.regions for i in range(h.start, h.end)} | {i for s, e, _ in found.provinces for i in range(s, e)}
        inside |= set(found.year_spans)
        lists = self.words
        if any(w in lists.membership_cues for w in words):
            return []  # "is kota malang in the smart city movement?" asks about taking part
        rest = [w for i, w in enumerate(words) if i not in inside and w not in lists.everyday and w.isalnum() and len(w) > 1
                and not w.isdigit()]
        if len(rest) < 2 or (not some_known and any(w in self.vocabulary for w in rest)):
            return []  # one unknown word is more often a word we lack than a question we cannot answer
        strange = [w for w, fixed in zip(rest, self._spell(rest), strict=True) if fixed not in self.vocabulary]
        return strange if len(strange) >= 2 and 2 * len(strange) >= len(rest) else []  # typos of known words aside

    def _spell(self, words: list[str]) -> list[str]:
        """Misspelt question words ('mentri', 'hwo') -> the known word one typo away, for choosing the intent only."""
        fixed = []
        for word in words:
            if len(word) >= 3 and word.isalpha() and word not in self.vocabulary:
                limit = 1 if len(word) < 8 else 2
                match = process.extractOne(word, self._spelling, scorer=OSA.distance, score_cutoff=limit)
                word = match[0] if match else word
            fixed.append(word)
        return fixed

    def _own_topic(self, u: Understanding) -> IntentScore | None:
        """The best-ranked programme topic the question holds one of its own words for ("award"), if any."""
        return next((r for r in u.ranking if r.intent.startswith("programme.")
                     and any(w in self.topic_words.get(r.intent, ()) for w in u.words)), None)

    def _holds_own_word(self, intent: str, words: list[str]) -> bool:
        """The words hold one of a programme topic's own phrasing words (always true of other intents)."""
        own = self.topic_words.get(intent)
        return own is None or any(w in own for w in words)

    def _near_top(self, ranking: list[IntentScore], intents: frozenset[str], margin: float = 0.1) -> bool:
        top = ranking[0].score if ranking else 0.0
        return any(r.intent in intents and r.score >= top - margin for r in ranking)

    def _fuzzy(self, u: Understanding, found: Entities) -> bool:
        """Look for a misspelt region among the unknown words; True when one was confidently found."""
        taken = {i for h in found.regions for i in range(h.start, h.end)}
        u.fuzzy = fuzzy_region(u.words, taken, self.not_names, self.lexicon)
        if not (u.fuzzy and u.fuzzy.confident):
            return False
        u.regions = [u.fuzzy.choices[0][0]]
        if len(u.fuzzy.choices) > 1 and u.fuzzy.choices[1][1] == u.fuzzy.choices[0][1]:
            u.regions.append(u.fuzzy.choices[1][0])
        u.intent = _best_of(u.ranking, REGION_INTENTS, "region.status")
        u.confidence = u.fuzzy.choices[0][1] / 100
        return True


def _topic_words(knowledge: Knowledge) -> dict[str, frozenset[str]]:
    """For each programme topic, the words of its phrasings that no cohort, region or people phrasing uses
    ("award", "penghargaan"): a year question holding one asks about the topic in that year."""
    words: dict[str, set[str]] = {}
    for phrasing in knowledge.records.phrasings:
        words.setdefault(phrasing.intent, set()).update(normalise(phrasing.text, knowledge.words))
    data = set().union(*(ws for intent, ws in words.items() if intent.startswith(("cohort.", "region.", "people.", "province."))))
    return {intent: frozenset(ws - data - knowledge.words.everyday) for intent, ws in words.items() if intent.startswith("programme.")}


def _text_words(knowledge: Knowledge) -> frozenset[str]:
    """The words of the knowledge's own texts (facts, events, notes), in both languages."""
    r = knowledge.records
    texts = [*(f.text for f in r.facts), *(e.text for e in r.events), *(p.note for p in r.people if p.note),
             *(c.note for c in r.cohorts if c.note)]
    return frozenset(w for text in texts for side in text for w in normalise(side, knowledge.words))


def _name_words(knowledge: Knowledge) -> frozenset[str]:
    """Every word of a region's or province's name or alias ("ogan", "komering", "tangerang")."""
    names = [*(r.name for r in knowledge.regions.values()), *(p.name for p in knowledge.provinces.values()),
             *(a.alias for a in knowledge.aliases)]
    return frozenset(w for name in names for w in normalise(name, knowledge.words))


def _score_of(ranking: list[IntentScore], intent: str) -> float:
    return next((r.score for r in ranking if r.intent == intent), 0.0)


def name_words(name: str) -> frozenset[str]:
    """The words of a person's name that say who is meant: those of four letters or more ("semuel", "pangerapan";
    not "g" or "md")."""
    return frozenset(w for w in clean(name).split() if len(w) >= 4)


def _best_of(ranking: list[IntentScore], intents: frozenset[str], default: str) -> str:
    """The best-ranked intent among `intents`, else `default`."""
    return next((r.intent for r in ranking if r.intent in intents), default)
