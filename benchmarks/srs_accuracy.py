"""How well our FSRS-6 scheduler predicts recall on a real review history: fitted, default, SM-2.

Time-ordered split: the optimizer (``studyapp.scheduling.optimizer``, Anki's
fsrs-rs with Anki's rules) is fitted on the answers given in the first 80%
of ``review_logs_josh_*.csv`` (py-fsrs's test fixture, MIT; see the data
folder's README), and every model is scored on the last 20%, which the fit
never saw.  Each card's whole history is replayed in order: before each
review the model's predicted recall is recorded, afterwards the review
updates the model (with the parameters under test).

Scored reviews follow the srs-benchmark: a card's first review and every
same-day review (0 whole days since the previous one) are not scored, but
same-day reviews still update FSRS's state as py-fsrs does (short-term
stability).  Metrics are in ``studyapp.scheduling.recall_metrics``.

SM-2 baseline: Anki's SM-2 without fuzz at day level (same-day reviews
ignored, as in the srs-benchmark's Anki model): first answer gives 1 day
(4 for Easy) and ease 2.5; then Again -> 1 day, ease -0.20; Hard ->
ivl*1.2, ease -0.15; Good -> (ivl + late/2)*ease; Easy -> (ivl + late)*ease*1.3,
ease +0.15 (Anki's early-review formulas when answered before due); ease
>= 1.3; whole days, Hard < Good < Easy.  Its prediction is
``R = 0.9 ** (elapsed_days / ivl)``: the card was scheduled for 90 % recall.

Run: ``.venv/bin/python benchmarks/srs_accuracy.py`` (``STUDYAPP_REVIEW_LOGS``
may name the CSV file or its folder; otherwise ``shared/data`` beside the
checkout, else the copy in ``tests/data/review_logs``).
"""

from __future__ import annotations

import csv
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studyapp.domain.scheduling import DeckOptions, Rating, SchedulingState
from studyapp.scheduling.fsrs_scheduler import FsrsScheduler
from studyapp.scheduling.optimizer import PastAnswer, evaluate, optimize, training_items
from studyapp.scheduling.recall_metrics import Prediction, auc, log_loss, rmse_bins

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
TEST_COPY = ROOT / "tests" / "data" / "review_logs"
PATTERN = "review_logs_josh_*.csv"
TRAIN_SHARE = 0.8
GOAL_FITTED_LOG_LOSS = 0.439  # fitted FSRS-6 as published by the srs-benchmark, quoted in issue 12
# Log loss published by the srs-benchmark README, as quoted in the task brief (not re-derived here).
PUBLISHED_LOG_LOSS = {"FSRS-6 (fitted)": 0.439, "FSRS-6 (default parameters)": 0.4417, "Anki SM-2": 0.5082}


@dataclass(frozen=True, slots=True)
class Review:
    card_id: int
    rating: Rating
    time: datetime


@dataclass(frozen=True, slots=True)
class Scored:
    time: datetime
    prediction: Prediction


def data_locations() -> list[Path]:
    override = os.environ.get("STUDYAPP_REVIEW_LOGS")
    return [Path(override)] if override else [DEFAULT_DATA, TEST_COPY]


def find_log(bases: list[Path]) -> Path | None:
    for base in bases:
        if base.is_file():
            return base
        matches = sorted(base.glob(PATTERN)) if base.is_dir() else []
        if matches:
            return matches[0]
    return None


def read_reviews(path: Path) -> dict[int, list[Review]]:
    by_card: dict[int, list[Review]] = defaultdict(list)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            review = Review(
                int(row["card_id"]), Rating(int(row["review_rating"])), datetime.fromisoformat(row["review_time"])
            )
            by_card[review.card_id].append(review)
    for reviews in by_card.values():
        reviews.sort(key=lambda r: r.time)
    return by_card


class Sm2:
    """Anki SM-2 intervals at day level, as described in the module docstring."""

    def __init__(self, first: Rating) -> None:
        self.ivl = 4.0 if first is Rating.EASY else 1.0
        self.ease = 2.5

    def recall(self, elapsed_days: int) -> float:
        return float(0.9 ** (elapsed_days / self.ivl))

    def answer(self, rating: Rating, elapsed_days: int) -> None:
        if rating is Rating.AGAIN:
            self.ivl, self.ease = 1.0, max(1.3, self.ease - 0.2)
            return
        late = elapsed_days - self.ivl
        if late >= 0:
            hard = self.ivl * 1.2
            good = (self.ivl + late / 2) * self.ease
            easy = (self.ivl + late) * self.ease * 1.3
        else:
            hard = max(elapsed_days * 1.2, self.ivl * 1.2 / 2)
            good = max(elapsed_days * self.ease, self.ivl)
            easy = good * (1.3 - (1.3 - 1) / 2)
        hard_days = max(1, round(hard))
        good_days = max(hard_days + 1, round(good))
        easy_days = max(good_days + 1, round(easy))
        self.ivl = float({Rating.HARD: hard_days, Rating.GOOD: good_days, Rating.EASY: easy_days}[rating])
        self.ease = max(1.3, self.ease + {Rating.HARD: -0.15, Rating.GOOD: 0.0, Rating.EASY: 0.15}[rating])


def replay(
    by_card: dict[int, list[Review]], parameters: tuple[float, ...] | None = None
) -> tuple[list[Scored], list[Scored], int]:
    """FSRS (with ``parameters``) and SM-2 predictions for the same scored reviews, and the same-day reviews skipped."""
    scheduler = FsrsScheduler(DeckOptions(enable_fuzz=False), parameters)
    fsrs_scores: list[Scored] = []
    sm2_scores: list[Scored] = []
    same_day = 0
    for card_id, reviews in by_card.items():
        state = SchedulingState()
        sm2 = Sm2(reviews[0].rating)
        review_number, lapses = 1, 0
        for index, review in enumerate(reviews):
            if index > 0:
                assert state.last_review is not None
                elapsed = (review.time - state.last_review).days
                if elapsed == 0:
                    same_day += 1
                else:
                    review_number += 1
                    y = int(review.rating is not Rating.AGAIN)
                    p = scheduler.retrievability(state, review.time)
                    assert p is not None
                    fsrs_scores.append(Scored(review.time, Prediction(p, y, elapsed, review_number, lapses)))
                    sm2_p = sm2.recall(elapsed)
                    sm2_scores.append(Scored(review.time, Prediction(sm2_p, y, elapsed, review_number, lapses)))
                    sm2.answer(review.rating, elapsed)
                    lapses += 1 - y
            state = scheduler.review(card_id, state, review.rating, review.time).after
    return fsrs_scores, sm2_scores, same_day


def cut_time(by_card: dict[int, list[Review]]) -> datetime:
    """When the last 20% of the log's answers begin."""
    times = sorted(r.time for reviews in by_card.values() for r in reviews)
    return times[int(len(times) * TRAIN_SHARE)]


def past_answers(by_card: dict[int, list[Review]], before: datetime | None = None) -> list[PastAnswer]:
    """The log as the optimizer reads it; a card's first answer in the log is its first from new."""
    return [
        PastAnswer(card_id, r.time, r.rating, index == 0)
        for card_id, reviews in by_card.items()
        for index, r in enumerate(reviews)
        if before is None or r.time < before
    ]


def test_part(scores: list[Scored], cut: datetime) -> list[Prediction]:
    return [s.prediction for s in scores if s.time >= cut]


def main() -> int:
    bases = data_locations()
    path = find_log(bases)
    if path is None:
        looked = ", ".join(str(b) for b in bases)
        print(
            f"No review log found: looked for {PATTERN} at {looked}. "
            "Set STUDYAPP_REVIEW_LOGS to the CSV file or its folder.",
            file=sys.stderr,
        )
        return 2
    by_card = read_reviews(path)
    total = sum(len(r) for r in by_card.values())
    cut = cut_time(by_card)
    train_items = training_items(past_answers(by_card, before=cut))
    fitted = optimize(train_items)
    default_scores, sm2_scores, same_day = replay(by_card)
    fitted_scores, _, _ = replay(by_card, fitted.parameters)
    print(f"{path} : {total} reviews of {len(by_card)} cards")
    print(
        f"scored {len(default_scores)} reviews; not scored: {len(by_card)} first reviews, "
        f"{same_day} same-day reviews (they still update FSRS)"
    )
    print(f"split at {cut.isoformat()}: fitted on the {int(total * TRAIN_SHARE)} answers before it")
    print(f"  optimizer on the first 80%: {fitted.describe()}\n")
    header = f"{'model':<28} {'split':<10} {'n':>6} {'log loss':>9} {'RMSE(bins)':>11} {'AUC':>7} {'published LL':>13}"
    print(header)
    print("-" * len(header))
    rows = (
        ("FSRS-6 (fitted)", fitted_scores),
        ("FSRS-6 (default parameters)", default_scores),
        ("Anki SM-2", sm2_scores),
    )
    scored = {}
    for model, scores in rows:
        predictions = test_part(scores, cut)
        scored[model] = log_loss(predictions)
        print(
            f"{model:<28} {'last 20%':<10} {len(predictions):>6} {scored[model]:>9.4f} "
            f"{rmse_bins(predictions):>11.4f} {auc(predictions):>7.4f} {PUBLISHED_LOG_LOSS[model]:>13.4f}"
        )
    test_items = training_items(past_answers(by_card))[len(train_items) :]
    print("\nfsrs-rs's own evaluation of the same last-20% items (its short-term model):")
    for model, parameters in (("FSRS-6 (fitted)", fitted.parameters), ("FSRS-6 (default parameters)", None)):
        result = evaluate(test_items, parameters)
        print(f"  {model:<28} {result.items:>6} items  log loss {result.log_loss:.4f}  RMSE(bins) {result.rmse:.4f}")
    verdict = "meets" if scored["FSRS-6 (fitted)"] <= GOAL_FITTED_LOG_LOSS else "misses"
    print(f"\nfitted FSRS-6 log loss on the last 20%: {scored['FSRS-6 (fitted)']:.4f} ({verdict} the goal ≤ 0.439)")
    print(
        "RMSE(bins): srs-benchmark definition (bins by elapsed days, review number, lapses). "
        "Published figures are srs-benchmark averages over ~10k users, not this one learner."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
