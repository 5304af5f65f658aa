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


def test_learning_due_exactly_now_or_undated_is_shown_now_and_the_learn_ahead_edge_is_included() -> None:
    undated = QueueCandidate(5, CardState.RELEARNING, None, 0)
    order = order_queue(
        [learning(1, 0), learning(2, 20), learning(3, 20.01), undated],
        [],
        [],
        new_limit=20,
        review_limit=200,
        now=NOW,
    )
    assert order == [5, 1, 2]  # undated first (it has waited longest), 3 is past the 20 minutes


def test_learning_ahead_comes_in_due_order_after_everything_else() -> None:
    order = order_queue(
        [learning(1, 15), learning(2, 5), learning(3, 10)],
        [review(10, 1)],
        [new(30, 0)],
        new_limit=5,
        review_limit=5,
        now=NOW,
    )
    assert order == [10, 30, 2, 3, 1]


def test_a_negative_new_limit_gives_no_new_cards_and_ties_keep_the_added_order() -> None:
    assert order_queue([], [], [new(30, 0), new(31, 0), new(32, 0)], new_limit=-2, review_limit=5, now=NOW) == []
    assert order_queue([], [], [new(32, 0), new(30, 0), new(31, 1)], new_limit=5, review_limit=5, now=NOW) == [
        30,
        32,
        31,
    ]


def test_reviews_without_a_recall_estimate_come_after_those_with_one_and_ties_go_by_id() -> None:
    order = order_queue(
        [], [review(12, 3), review(11, 3, 0.9), review(10, 3)], [], new_limit=0, review_limit=9, now=NOW
    )
    assert order == [11, 10, 12]


def test_more_new_cards_than_reviews_are_spread_as_anki_does() -> None:
    # New card k follows floor((k+1)*3/5) reviews: 0, 1, 1, 2.
    assert spread([1, 2], [100, 200, 300, 400]) == [100, 1, 200, 300, 2, 400]
    assert spread([1, 2, 3], [100, 200, 300]) == [1, 100, 2, 200, 3, 300]
