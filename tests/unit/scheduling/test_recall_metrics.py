"""The benchmark's metrics on small hand-checked inputs."""

from __future__ import annotations

import math
import random

import pytest

from studyapp.scheduling.recall_metrics import Prediction, auc, log_loss, rmse_bins


def pred(p: float, y: int, elapsed: int = 1, number: int = 2, lapses: int = 0) -> Prediction:
    return Prediction(p, y, elapsed, number, lapses)


def test_log_loss_of_known_values() -> None:
    assert log_loss([pred(0.9, 1), pred(0.9, 0)]) == pytest.approx((-math.log(0.9) - math.log(0.1)) / 2)
    assert math.isfinite(log_loss([pred(1.0, 0)]))  # clipped, not infinite


def test_auc_equals_pairwise_count_with_ties_as_half() -> None:
    rng = random.Random(7)
    preds = [pred(round(rng.random(), 1), rng.randint(0, 1)) for _ in range(300)]
    pos = [p.p for p in preds if p.y]
    neg = [p.p for p in preds if not p.y]
    pairwise = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in pos for b in neg) / (len(pos) * len(neg))
    assert auc(preds) == pytest.approx(pairwise)


def test_rmse_bins_compares_group_means_weighted_by_size() -> None:
    # Two bins by elapsed days (1 -> 0.69, 10 -> 9.03): means (0.5 vs 0.8) x2 and (1 vs 0.6) x1.
    preds = [pred(0.8, 1, elapsed=1), pred(0.8, 0, elapsed=2), pred(0.6, 1, elapsed=10)]
    expected = math.sqrt((2 * 0.3**2 + 1 * 0.4**2) / 3)
    assert rmse_bins(preds) == pytest.approx(expected)


def test_rmse_bins_separates_lapse_and_review_number_groups() -> None:
    calibrated_apart = [pred(1.0, 1, lapses=0), pred(0.0, 0, lapses=3)]
    assert rmse_bins(calibrated_apart) == 0.0
    same_bin = [pred(0.9, 1, number=2), pred(0.9, 0, number=3)]  # 2 and 3 share a bin
    assert rmse_bins(same_bin) == pytest.approx(0.4)
    own_bins = [pred(0.9, 1, number=2), pred(0.9, 0, number=4)]
    assert rmse_bins(own_bins) == pytest.approx(math.sqrt((0.1**2 + 0.9**2) / 2))


def test_auc_needs_both_outcomes() -> None:
    assert math.isnan(auc([pred(0.9, 1), pred(0.8, 1)]))
    assert math.isnan(auc([pred(0.9, 0), pred(0.8, 0)]))
    assert auc([pred(0.9, 1), pred(0.2, 0)]) == 1.0  # one of each is enough
    assert auc([pred(0.9, 1), pred(0.3, 1), pred(0.5, 0)]) == 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"elapsed": 0}, {"elapsed": 1}),  # no elapsed days is a bin of its own
        ({"elapsed": 3}, {"elapsed": 4}),  # 3.62 ** 1 lies between them
        ({"lapses": 1}, {"lapses": 2}),  # 1.73 ** 1 lies between them
        ({"number": 1}, {"number": 2}),  # 1.89 ** 1 lies between them
    ],
)
def test_rmse_bins_boundaries_are_the_benchmarks(a: dict[str, int], b: dict[str, int]) -> None:
    # Each alone is off by 0.5; sharing a bin they would average out to 0.
    assert rmse_bins([pred(0.5, 1, **a), pred(0.5, 0, **b)]) == pytest.approx(0.5)
