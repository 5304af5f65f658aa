"""The rank stage: each candidate's importance in [0, 1].

Importance mixes how reliable the pattern is, how central the sentence is
(lemma overlap with the rest of the article), its position (the lead and each
paragraph's topic sentence), how
many names and numbers it carries and how worth learning the answer is: a
number, date or name that is not the article's topic itself.  Each ranked
candidate also gets its fact key, which selection keeps one card of.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from studyapp.generation.candidate import Candidate
from studyapp.generation.lexicon import MILESTONES, NAME_STOP_WORDS, PLANNING_VERBS, SPEECH_VERBS
from studyapp.generation.parsing import Sentence
from studyapp.generation.pattern_registry import AnswerKind

TOPIC_SHARE = 0.3
SPEAKER_PENALTY = 0.15
SPELLED_COUNT_VALUE = 0.5
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_NUMERIC_ANSWER = re.compile(r"^(?:\S+ ){0,2}\d")


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    centrality: float
    position: float
    density: float


class SentenceStats:
    """Lemma document frequencies, gathered sentence by sentence while parsing (of one section of a book)."""

    def __init__(self) -> None:
        self._indices: list[int] = []
        self._opens: list[bool] = []
        self._lemmas: list[frozenset[str]] = []
        self._density: list[float] = []
        self._df: Counter[str] = Counter()
        self._words: Counter[str] = Counter()

    def add(self, sentence: Sentence) -> None:
        self._indices.append(sentence.index)
        self._opens.append(sentence.opens_paragraph)
        lemmas = frozenset(t.lemma_.lower() for t in sentence.span if t.pos_ in _CONTENT_POS and not t.is_stop)
        named = sum(1 for t in sentence.span if t.ent_type_ or t.like_num)
        self._lemmas.append(lemmas)
        self._density.append(named / max(len(sentence.span), 1))
        self._df.update(lemmas)
        self._words.update({t.lower_ for t in sentence.span if t.pos_ == "PROPN"})

    def topicality(self, answer: str) -> float:
        """Share of sentences naming every word of the answer: "Taiwan" is the topic, "Fortress Taiwan" is not."""
        return self.mentions(answer) / len(self._lemmas) if self._lemmas else 0.0

    def mentions(self, answer: str) -> int:
        """In how many sentences the answer's rarest proper-noun word appears (0 for a common noun)."""
        words = [w for w in re.findall(r"[\w-]+", answer.lower()) if w not in NAME_STOP_WORDS]
        return min((self._words[w] for w in words), default=0)

    def features(self) -> dict[int, SentenceFeatures]:
        """Each sentence's features by its index.  Centrality is its share of lemmas shared with other
        sentences, scaled to [0, 1]; position favours the lead and each paragraph's first (topic) sentence."""
        count = len(self._lemmas)
        raw = [
            sum(math.log1p(self._df[lemma] - 1) for lemma in lemmas) / math.sqrt(len(lemmas) + 4)
            for lemmas in self._lemmas
        ]
        top = max(raw, default=1.0) or 1.0
        top_density = max(self._density, default=1.0) or 1.0
        return {
            self._indices[index]: SentenceFeatures(
                centrality=value / top,
                position=1.0 if self._opens[index] else 1.0 / (1.0 + index / max(count / 4, 3)),
                density=self._density[index] / top_density,
            )
            for index, value in enumerate(raw)
        }


def date_value(candidate: Candidate) -> float:
    """A date is worth learning when it dates a milestone ("first held in 1979", "born on ..."); a date that
    only sets the scene ("In 2022, inflation peaked at 10.6 percent") or names something ("the 2008 crisis")
    is a side detail next to the sentence's other facts."""
    found = candidate.answer_tokens
    if found is not None and found.root.dep_ in ("compound", "nummod", "amod") and found.root.head.pos_ == "NOUN":
        return 0.3
    span = candidate.sentence.span
    if any(t.lower_ == "will" or (t.lower_ == "by" and t.head.lemma_ in PLANNING_VERBS) for t in span):
        return 0.4
    governor = found.root.head if found is not None else None
    while governor is not None and governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
        governor = governor.head
    lemmas = {t.lemma_.lower() for t in span if t.lower_ == "first"}
    if governor is not None:
        lemmas |= {governor.lemma_.lower(), governor.lower_}
        lemmas |= {c.lemma_.lower() for c in governor.children if c.dep_ in ("dobj", "attr", "advmod", "acomp")}
    return 0.95 if lemmas & MILESTONES else 0.5


def is_speaker_only(candidate: Candidate, mentions: int) -> bool:
    """ "Race director Paul Hendry said ...": a person named once, only to quote them, is not the story."""
    if mentions > 1 or not candidate.answer[:1].isupper():
        return False
    found = candidate.answer_tokens
    if found is None or found.root.ent_type_ != "PERSON":
        return False
    root = found.root
    while root.dep_ in ("compound", "appos", "flat") and root.head.i != root.i:
        root = root.head
    return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


def score(candidate: Candidate, features: SentenceFeatures, topicality: float = 0.0, mentions: int = 2) -> float:
    """Importance in [0, 1]: pattern confidence first, then the sentence's weight and the answer's value.

    ``topicality`` is the share of sentences naming the answer: a card whose answer is the article's
    subject ("Who is seeking missiles? Taiwan") teaches nothing the title does not.
    """
    topic_penalty = 0.2 * min(1.0, max(0.0, topicality - TOPIC_SHARE) / TOPIC_SHARE)
    if is_speaker_only(candidate, mentions):
        topic_penalty += SPEAKER_PENALTY
    length_penalty = max(0, len(candidate.question.split()) - 18) * 0.01
    value = (
        0.3 * candidate.confidence
        + 0.2 * features.centrality
        + 0.15 * features.position
        + 0.05 * features.density
        + 0.3 * answer_value(candidate)
        + 0.1 * answer_role(candidate)
        - topic_penalty
        - length_penalty
    )
    return min(1.0, max(0.0, value))


def answer_value(candidate: Candidate) -> float:
    """How worth learning the answer is: the pattern's own value, else judged from the answer's form."""
    pattern = candidate.pattern
    if pattern.answer is AnswerKind.DATE:
        return date_value(candidate)
    if pattern.answer_value is not None:
        if pattern.answer is AnswerKind.COUNT and not any(c.isdigit() for c in candidate.answer):
            return SPELLED_COUNT_VALUE  # "three goals", "ten men": a detail next to a measured amount
        return pattern.answer_value
    if _NUMERIC_ANSWER.match(candidate.answer):
        return 1.0
    if pattern.answer is AnswerKind.NAME:
        return 0.9
    if candidate.answer[:1].isupper():
        return 0.8  # a name the tagger did not label, or a wh-question about one
    return 0.7


_ASIDE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "parataxis"})


def answer_role(candidate: Candidate) -> float:
    """How central the answer is to its sentence: the main clause's subject is the fact, a number in
    a relative clause ("which also built viaducts in the 1990s") is often a side detail.

    1.0 for the main verb's subject, 0.7 for its other arguments, 0.4 deeper, 0.2 inside an aside.
    """
    found = candidate.answer_tokens
    if found is None:
        return 0.5
    token = found.root
    depth = 0
    while token.head.i != token.i:
        if token.dep_ in _ASIDE_DEPS:
            return 0.2
        token = token.head
        depth += 1
    root = found.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT":
        return 1.0
    return 0.7 if depth <= 3 else 0.4


def fact_key(candidate: Candidate) -> str:
    """Cards with the same answer from the same sentence test the same fact."""
    answer = re.sub(r"\W+", " ", candidate.answer.lower()).strip()
    key = candidate.fact or f"{candidate.sentence.index}:{answer}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class Ranked:
    """A candidate with its importance and the fact it tests."""

    candidate: Candidate
    score: float
    fact: str


def rank(candidates: Iterable[Candidate], stats: SentenceStats) -> list[Ranked]:
    """Every candidate with its score and fact key, in the order given."""
    features = stats.features()
    return [
        Ranked(
            c, score(c, features[c.sentence.index], stats.topicality(c.answer), stats.mentions(c.answer)), fact_key(c)
        )
        for c in candidates
    ]
