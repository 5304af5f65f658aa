"""Ranking candidates by importance and keeping the best one or two per fact.

Importance mixes how central the sentence is (lemma overlap with the rest
of the article), its position, how many names and numbers it carries, and
how reliable the pattern is.  Selection is greedy over one sorted list, so
it is deterministic and O(n log n) even for a book.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studyapp.generation.candidates import Candidate
from studyapp.generation.hygiene import similarity
from studyapp.generation.parsing import Sentence

WORDS_PER_CARD = 22
MIN_BUDGET = 3
SIBLING_PENALTY = 0.2
DUPLICATE_SIMILARITY = 0.6
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_ANSWER_VALUE = {
    "cloze-quantity": 1.0,
    "cloze-money": 1.0,
    "cloze-percent": 1.0,
    "cloze-date": 1.0,
    "cloze-cardinal": 0.9,
    "cloze-person": 0.9,
}


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    centrality: float
    position: float
    density: float


class SentenceStats:
    """Lemma document frequencies, gathered sentence by sentence while parsing."""

    def __init__(self) -> None:
        self._lemmas: list[frozenset[str]] = []
        self._density: list[float] = []
        self._df: Counter[str] = Counter()

    def add(self, sentence: Sentence) -> None:
        lemmas = frozenset(t.lemma_.lower() for t in sentence.span if t.pos_ in _CONTENT_POS and not t.is_stop)
        named = sum(1 for t in sentence.span if t.ent_type_ or t.like_num)
        self._lemmas.append(lemmas)
        self._density.append(named / max(len(sentence.span), 1))
        self._df.update(lemmas)

    def features(self) -> list[SentenceFeatures]:
        """Centrality is each sentence's share of lemmas shared with other sentences, scaled to [0, 1]."""
        count = len(self._lemmas)
        raw = [
            sum(math.log1p(self._df[lemma] - 1) for lemma in lemmas) / math.sqrt(len(lemmas) + 4)
            for lemmas in self._lemmas
        ]
        top = max(raw, default=1.0) or 1.0
        top_density = max(self._density, default=1.0) or 1.0
        return [
            SentenceFeatures(
                centrality=value / top,
                position=1.0 / (1.0 + index / max(count / 4, 3)),
                density=self._density[index] / top_density,
            )
            for index, value in enumerate(raw)
        ]


def score(candidate: Candidate, features: SentenceFeatures) -> float:
    """Importance in [0, 1]: pattern confidence first, then the sentence's weight in the article."""
    answer_value = _ANSWER_VALUE.get(candidate.pattern, 0.7)
    if re.search(r"\d", candidate.answer):
        answer_value = 1.0
    length_penalty = max(0, len(candidate.question.split()) - 18) * 0.01
    value = (
        0.4 * candidate.confidence
        + 0.25 * features.centrality
        + 0.15 * features.position
        + 0.1 * features.density
        + 0.1 * answer_value
        - length_penalty
    )
    return min(1.0, max(0.0, value))


def budget(word_count: int, max_cards: int | None) -> int:
    if max_cards is not None:
        return max(0, max_cards)
    return max(MIN_BUDGET, round(word_count / WORDS_PER_CARD))


def fact_key(candidate: Candidate) -> str:
    """Cards with the same answer from the same sentence test the same fact."""
    answer = re.sub(r"\W+", " ", candidate.answer.lower()).strip()
    key = candidate.fact or f"{candidate.sentence.index}:{answer}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class Ranked:
    candidate: Candidate
    score: float
    fact: str


def select(scored: Iterable[Ranked], limit: int) -> list[Ranked]:
    """Best card per fact first; a second card of the other kind only when it still ranks high."""
    by_fact: dict[str, list[Ranked]] = {}
    for item in sorted(scored, key=_order):
        by_fact.setdefault(item.fact, []).append(item)
    queue: list[tuple[float, Ranked, bool]] = []
    for items in by_fact.values():
        best = items[0]
        queue.append((best.score, best, False))
        sibling = next((i for i in items[1:] if i.candidate.kind is not best.candidate.kind), None)
        if sibling is not None:
            queue.append((sibling.score - SIBLING_PENALTY, sibling, True))
    queue.sort(key=lambda entry: (-entry[0], *_order(entry[1])[1:]))
    chosen: list[Ranked] = []
    nearby: dict[str, list[Ranked]] = {}
    answers: Counter[str] = Counter()
    taken_facts: set[str] = set()
    for _, item, is_sibling in queue:
        if len(chosen) >= limit:
            break
        answer = item.candidate.answer.lower()
        if (is_sibling and item.fact not in taken_facts) or (not is_sibling and answers[answer] >= 1):
            continue
        keys = (f"a:{answer}", f"s:{item.candidate.sentence.index}")
        if _near_duplicate(item, [other for key in keys for other in nearby.get(key, [])]):
            continue
        chosen.append(item)
        for key in keys:
            nearby.setdefault(key, []).append(item)
        answers[answer] += 1
        taken_facts.add(item.fact)
    return chosen


def _order(item: Ranked) -> tuple[float, int, str, str]:
    return (-item.score, item.candidate.sentence.index, item.candidate.question, item.candidate.answer)


def _near_duplicate(item: Ranked, chosen: Sequence[Ranked]) -> bool:
    """Compared only with cards sharing the answer or the sentence, which keeps selection linear.

    A card and its inverse ("What does X stand for?" / "What is the abbreviation for Y?") are kept.
    """
    card = item.candidate
    text = f"{card.question} {card.answer}"
    for other in (o.candidate for o in chosen):
        if other.question.lower() == card.question.lower():
            return True
        inverse = card.pattern.endswith("-reverse") or other.pattern.endswith("-reverse")
        if (
            other.kind is card.kind
            and not inverse
            and similarity(text, f"{other.question} {other.answer}") >= (DUPLICATE_SIMILARITY)
        ):
            return True
    return False
