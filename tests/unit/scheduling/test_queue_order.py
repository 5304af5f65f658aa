"""Session order: due learning, then reviews with new cards spread in, within today's limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from studyapp.domain.cards import CardState
from studyapp.scheduling.queue import QueueCandidate, one_per_sibling_group, order_queue, spread

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def learning(card_id: int, minutes: float) -> QueueCandidate:
    return QueueCandidate(card_id, CardState.LEARNING, NOW + timedelta(minutes=minutes), 0)


def review(card_id: int, days_overdue: int, r: float | None = None) -> QueueCandidate:
    return QueueCandidate(card_id, CardState.REVIEW, NOW - timedelta(days=days_overdue), 0, r)


def new(card_id: int, position: int) -> QueueCandidate:
    return QueueCandidate(card_id, CardState.NEW, None, position)


def test_due_learning_first_by_due_then_reviews_then_learning_ahead() -> None:
    order = order_queue(
        [learning(1, -1), learning(2, -5), learning(3, 10), learning(4, 60)],
        [review(10, 1)],
        [],
        new_limit=20,
        review_limit=200,
        now=NOW,
    )
    assert order == [2, 1, 10, 3]  # 4 is beyond the 20-minute learn-ahead


def test_reviews_weakest_first_then_most_overdue() -> None:
    order = order_queue(
        [],
        [review(10, 1, 0.95), review(11, 3, 0.70), review(12, 9), review(13, 2), review(14, 5, 0.70)],
        [],
        new_limit=0,
        review_limit=200,
        now=NOW,
    )
    assert order == [14, 11, 10, 12, 13]


def test_new_cards_in_added_order_and_limits_respected() -> None:
    order = order_queue(
        [],
        [review(10 + i, i) for i in range(5)],
        [new(30, 3), new(31, 1), new(32, 2)],
        new_limit=2,
        review_limit=3,
        now=NOW,
    )
    assert [c for c in order if c >= 30] == [31, 32]
    assert sorted(c for c in order if c < 30) == [12, 13, 14]  # the three most overdue


def test_exhausted_or_negative_limits_give_nothing() -> None:
    order = order_queue([learning(1, -1)], [review(10, 1)], [new(30, 0)], new_limit=0, review_limit=-3, now=NOW)
    assert order == [1]


def test_new_cards_are_spread_evenly_among_reviews() -> None:
    reviews = list(range(1, 10))
    assert spread(reviews, [100, 200]) == [1, 2, 3, 100, 4, 5, 6, 200, 7, 8, 9]
    assert spread(reviews, [100]) == [1, 2, 3, 4, 5, 100, 6, 7, 8, 9]  # as Anki: after (R+1)/(N+1) reviews
    assert spread([], [100, 200]) == [100, 200]
    assert spread([1, 2], []) == [1, 2]


def test_one_card_per_sibling_group_keeps_the_first_and_remembers_its_keys() -> None:
    sentence, fact = ("sentence", 1, 0), ("fact", "Danube: ten countries")
    first = QueueCandidate(1, CardState.REVIEW, NOW, 0, None, (sentence,))
    same_sentence = QueueCandidate(2, CardState.REVIEW, NOW, 1, None, (sentence, fact))
    plain = QueueCandidate(3, CardState.NEW, None, 2)
    same_fact = QueueCandidate(4, CardState.NEW, None, 3, None, (fact,))
    seen: set[object] = set()
    assert one_per_sibling_group([first, same_sentence, plain], seen) == [first, plain]
    assert one_per_sibling_group([same_fact], seen) == [same_fact]  # the left-out card's fact was not taken
    assert one_per_sibling_group([same_sentence], seen) == []
