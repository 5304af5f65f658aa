"""How well predicted recall matches what happened: log loss, RMSE(bins), AUC.

The definitions follow the open-spaced-repetition srs-benchmark
(``utils.py``/``evaluate.py``), so our figures can be set beside its
published ones.  Pure Python: a user's history is small.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

_EPS = 1e-15


@dataclass(frozen=True, slots=True)
class Prediction:
    """One scored review: predicted recall ``p``, outcome ``y`` (1 unless Again) and bin keys.

    ``review_number`` counts the card's reviews on distinct days, this one
    included (the first review is 1); ``lapses`` counts earlier Again answers
    on distinct days, not counting the first review.
    """

    p: float
    y: int
    elapsed_days: int
    review_number: int
    lapses: int


def log_loss(predictions: Sequence[Prediction]) -> float:
    """Mean binary cross-entropy, with ``p`` clipped away from 0 and 1."""
    total = 0.0
    for pred in predictions:
        p = min(max(pred.p, _EPS), 1 - _EPS)
        total -= math.log(p) if pred.y else math.log(1 - p)
    return total / len(predictions)


def rmse_bins(predictions: Sequence[Prediction]) -> float:
    """srs-benchmark's RMSE(bins): reviews grouped by (elapsed days, review number, lapses),
    each on a log scale; the RMSE between mean outcome and mean prediction per group,
    weighted by group size.
    """
    groups: dict[tuple[float, float, float], list[Prediction]] = defaultdict(list)
    for pred in predictions:
        key = (
            _log_bin(pred.elapsed_days, 2.48, 3.62, 2),
            _log_bin(pred.review_number, 1.99, 1.89, 0),
            _log_bin(pred.lapses, 1.65, 1.73, 0),
        )
        groups[key].append(pred)
    squared = 0.0
    for group in groups.values():
        mean_y = sum(p.y for p in group) / len(group)
        mean_p = sum(p.p for p in group) / len(group)
        squared += len(group) * (mean_y - mean_p) ** 2
    return math.sqrt(squared / len(predictions))


def auc(predictions: Sequence[Prediction]) -> float:
    """Area under the ROC curve (Mann-Whitney U with tied predictions sharing their mean rank)."""
    ordered = sorted(predictions, key=lambda pred: pred.p)
    positives = sum(pred.y for pred in ordered)
    negatives = len(ordered) - positives
    if positives == 0 or negatives == 0:
        return math.nan
    rank_sum = 0.0
    start = 0
    while start < len(ordered):
        end = start
        while end < len(ordered) and ordered[end].p == ordered[start].p:
            end += 1
        mean_rank = (start + 1 + end) / 2  # ranks start..end-1, 1-based
        rank_sum += mean_rank * sum(pred.y for pred in ordered[start:end])
        start = end
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def _log_bin(value: int, scale: float, base: float, digits: int) -> float:
    """``round(scale * base ** floor(log_base(value)), digits)``; 0 stays 0 (numpy's -inf path)."""
    if value <= 0:
        return 0.0
    return round(scale * base ** math.floor(math.log(value) / math.log(base)), digits)
