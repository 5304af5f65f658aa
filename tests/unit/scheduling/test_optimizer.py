"""The FSRS optimizer's rules: Anki's training items, too little history, never worse than before."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs_rs_python import FSRSItem

from studyapp.domain.scheduling import Rating
from studyapp.scheduling.fsrs_scheduler import DEFAULT_PARAMETERS
from studyapp.scheduling.optimizer import MIN_ITEMS, PastAnswer, evaluate, optimize, training_items

LOG = (
    Path(__file__).resolve().parents[2] / "data" / "review_logs" / "review_logs_josh_1711744352250_to_1728234780857.csv"
)
DAY0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def answer(card: int, days: float, rating: Rating = Rating.GOOD, *, new: bool = False) -> PastAnswer:
    return PastAnswer(card, DAY0 + timedelta(days=days), rating, new)


def shipped_log() -> list[PastAnswer]:
    with LOG.open(newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: row["review_time"])
    seen: set[int] = set()
    answers = []
    for row in rows:
        card = int(row["card_id"])
        at = datetime.fromisoformat(row["review_time"])
        answers.append(PastAnswer(card, at, Rating(int(row["review_rating"])), card not in seen))
        seen.add(card)
    return answers


def test_each_answer_on_a_later_day_is_an_item_with_the_history_before_it() -> None:
    answers = [
        answer(1, 0, Rating.AGAIN, new=True),
        answer(1, 0.01),  # same day: part of the history, but nothing to score
        answer(1, 1),
        answer(1, 3, Rating.HARD),
    ]
    items = training_items(answers, rollover_hour=4, tz=UTC)
    assert [len(item.reviews) for item in items] == [3, 4]
    assert "rating: 2, delta_t: 2" in repr(items[1].reviews[-1])
    assert "delta_t: 0" in repr(items[1].reviews[1])


def test_history_starts_at_the_last_answer_from_new_and_cards_without_one_are_left_out() -> None:
    forgotten = [answer(1, 0, new=True), answer(1, 5), answer(1, 10, new=True), answer(1, 12)]
    unseen_start = [answer(2, 0), answer(2, 4)]  # imported mid-history: no answer from new
    items = training_items([*forgotten, *unseen_start], rollover_hour=4, tz=UTC)
    assert len(items) == 1
    assert len(items[0].reviews) == 2 and "delta_t: 2" in repr(items[0].reviews[1])


def test_too_little_history_keeps_the_current_parameters() -> None:
    items = training_items([answer(1, 0, new=True), answer(1, 2), answer(1, 6)], rollover_hour=4, tz=UTC)
    current = tuple(w * 1.01 for w in DEFAULT_PARAMETERS)
    outcome = optimize(items, current)
    assert outcome.parameters == current and not outcome.fitted
    assert outcome.describe() == f"Kept the current parameters: 2 reviews to learn from, {MIN_ITEMS} needed."


@pytest.fixture(scope="module")
def log_items() -> list[FSRSItem]:
    return list(training_items(shipped_log()))


def test_fitting_the_shipped_log_predicts_it_better_than_the_defaults(log_items: list[FSRSItem]) -> None:
    outcome = optimize(log_items)
    assert outcome.fitted and len(outcome.parameters) == len(DEFAULT_PARAMETERS)
    assert outcome.current is not None and outcome.result is not None
    assert outcome.result.log_loss < outcome.current.log_loss
    assert outcome.result.rmse < outcome.current.rmse
    assert outcome.describe().startswith(f"Fitted to {len(log_items)} reviews: log loss 0.45")


def test_optimizing_again_is_never_worse_than_the_parameters_in_use(log_items: list[FSRSItem]) -> None:
    fitted = optimize(log_items).parameters
    again = optimize(log_items, fitted)
    assert evaluate(log_items, again.parameters).log_loss <= evaluate(log_items, fitted).log_loss
