"""The select stage: the best card per fact, one fact per answer, spread over the article.

Selection is a lazy greedy MMR: each card already taken from a sentence lowers
the value of the sentence's other cards, so the deck covers many sentences
before it takes a second fact from one.  It stays deterministic and
O(n log n) for a book.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from studyapp.domain.cards import CardKind
from studyapp.generation.hygiene import similarity
from studyapp.generation.lexicon import ANSWER_NOISE
from studyapp.generation.pattern_registry import Direction
from studyapp.generation.ranking import Ranked

WORDS_PER_CARD = 22
MIN_BUDGET = 3
SAME_SENTENCE_PENALTY = 0.12
DUPLICATE_SIMILARITY = 0.6


def budget(word_count: int, max_cards: int | None) -> int:
    if max_cards is not None:
        return max(0, max_cards)
    return max(MIN_BUDGET, round(word_count / WORDS_PER_CARD))


def select(scored: Iterable[Ranked], limit: int, accept: Callable[[Ranked], bool] = lambda _: True) -> list[Ranked]:
    """Best card per fact, one fact per answer, spreading cards over sentences (lazy greedy MMR).

    A card's gain is its score minus ``SAME_SENTENCE_PENALTY`` for each card already taken from its
    sentence; gains only fall, so a popped card whose sentence count is unchanged is the true best.
    When a fact's best card is refused because its answer is already taken ("Who is the head of ...?"
    after a cloze on the same name), the fact's other direction ("What position does ... hold?") steps in;
    so does the fact's next card when ``accept`` (the verify stage) refuses one.
    """
    by_fact: dict[str, list[Ranked]] = {}
    for item in sorted(scored, key=_order):
        by_fact.setdefault(item.fact, []).append(item)
    heap: list[tuple[float, int, int, Ranked]] = [
        (-items[0].score, rank, 0, items[0])
        for rank, items in enumerate(sorted(by_fact.values(), key=lambda items: _order(items[0])))
    ]
    heapq.heapify(heap)
    pushed = len(heap)
    chosen: list[Ranked] = []
    per_sentence: Counter[int] = Counter()
    nearby: dict[str, list[Ranked]] = {}
    answers: set[str] = set()
    names: list[frozenset[str]] = []
    while heap and len(chosen) < limit:
        _, order, seen, item = heapq.heappop(heap)
        sentence = item.candidate.sentence.index
        if per_sentence[sentence] != seen:
            gain = item.score - SAME_SENTENCE_PENALTY * per_sentence[sentence]
            heapq.heappush(heap, (-gain, order, per_sentence[sentence], item))
            continue
        answer = _answer_key(item.candidate.answer)
        name = frozenset(answer.split()) if item.candidate.answer[:1].isupper() else frozenset()
        taken = answer in answers or bool(name and any(name <= other or other <= name for other in names))
        if taken or not accept(item):
            # "Gutenberg" after "Johannes Gutenberg" is the same answer; the fact may still be asked another way
            rest = by_fact[item.fact]
            rest = rest[rest.index(item) + 1 :] if item in rest else rest
            other = next((o for o in rest if not taken or _answer_key(o.candidate.answer) != answer), None)
            if other is not None:
                by_fact[item.fact] = rest[rest.index(other) :]
                gain = other.score - SAME_SENTENCE_PENALTY * per_sentence[other.candidate.sentence.index]
                heapq.heappush(heap, (-gain, pushed, per_sentence[other.candidate.sentence.index], other))
                pushed += 1
            continue
        keys = (f"a:{answer}", f"s:{sentence}")
        if _near_duplicate(item, [other for key in keys for other in nearby.get(key, [])]):
            continue
        chosen.append(item)
        for key in keys:
            nearby.setdefault(key, []).append(item)
        answers.add(answer)
        if name:
            names.append(name)
        per_sentence[sentence] += 1
    return chosen


def _answer_key(answer: str) -> str:
    """ "the US" and "US", "about 40,000" and "40,000" are one answer."""
    words = re.sub(r"[^\w\s]", " ", answer.lower()).split()
    return " ".join(w for w in words if w not in ANSWER_NOISE)


def _order(item: Ranked) -> tuple[float, int, str, str]:
    return (-item.score, item.candidate.sentence.index, item.candidate.question, item.candidate.answer)


def _near_duplicate(item: Ranked, chosen: Sequence[Ranked]) -> bool:
    """Compared only with cards sharing the answer or the sentence, which keeps selection linear.

    Two deletions from one sentence test different facts and are both kept, as are a card and its
    inverse ("What does X stand for?" / "What is the abbreviation for Y?"); two questions that say
    nearly the same thing are not.
    """
    card = item.candidate
    for other in (o.candidate for o in chosen):
        if other.question.lower() == card.question.lower():
            return True
        inverse = Direction.REVERSE in (card.pattern.direction, other.pattern.direction)
        if inverse or other.kind is not card.kind or card.kind is CardKind.CLOZE:
            continue
        if similarity(f"{card.question} {card.answer}", f"{other.question} {other.answer}") >= DUPLICATE_SIMILARITY:
            return True
    return False
