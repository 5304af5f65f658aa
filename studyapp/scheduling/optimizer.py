"""FSRS parameters fitted to a preset's own review history, with the Rust optimizer Anki uses.

``fsrs-rs-python`` binds fsrs-rs, the optimizer inside Anki (no torch).  The
rules are Anki's (``rslib/src/scheduler/fsrs/params.rs``):

- a card's history starts at its last first-from-new answer (earlier answers
  were before a "Forget"); cards whose history we cannot see start (no answer
  from new) are left out, as Anki leaves out cards without a learning step;
- each answer after the first is one training item: the card's answers up to
  it, with whole study days between them; an item is scored on its last
  answer, so only answers on a later day than the one before make items
  (as the srs-benchmark scores them; fsrs-rs rejects the others);
- with fewer than ``MIN_ITEMS`` items the current parameters are kept (Anki
  will not optimize below 400);
- the fitted parameters replace the current ones only when their log loss on
  the same history is lower ("never worse than what you have").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from itertools import groupby, pairwise

import fsrs_rs_python as fsrs_rs

from studyapp.domain.scheduling import Rating
from studyapp.scheduling.fsrs_scheduler import DEFAULT_PARAMETERS
from studyapp.scheduling.study_day import DEFAULT_ROLLOVER_HOUR, study_day

MIN_ITEMS = 400


@dataclass(frozen=True, slots=True)
class PastAnswer:
    """One answer from the review log; ``from_new`` when the card was new before it."""

    card_id: int
    reviewed_at: datetime
    rating: Rating
    from_new: bool


@dataclass(frozen=True, slots=True)
class Evaluation:
    """How well parameters predict a history: log loss and RMSE(bins), lower is better."""

    log_loss: float
    rmse: float
    items: int


@dataclass(frozen=True, slots=True)
class Optimization:
    """The parameters to use and why: fitted, or the current ones kept."""

    parameters: tuple[float, ...]
    items: int
    fitted: bool
    current: Evaluation | None
    result: Evaluation | None

    def describe(self) -> str:
        if self.current is None:
            return f"Kept the current parameters: {self.items} reviews to learn from, {MIN_ITEMS} needed."
        assert self.result is not None
        change = f"log loss {self.current.log_loss:.4f} -> {self.result.log_loss:.4f}"
        change += f", RMSE {self.current.rmse:.4f} -> {self.result.rmse:.4f}"
        if self.fitted:
            return f"Fitted to {self.items} reviews: {change}."
        return f"Kept the current parameters: fitting to {self.items} reviews was no better ({change})."


def training_items(
    answers: Iterable[PastAnswer], rollover_hour: int = DEFAULT_ROLLOVER_HOUR, tz: tzinfo | None = None
) -> list[fsrs_rs.FSRSItem]:
    """Anki's training items, in the order of their last answer (fsrs-rs splits by time)."""
    dated: list[tuple[datetime, fsrs_rs.FSRSItem]] = []
    ordered = sorted(answers, key=lambda a: (a.card_id, a.reviewed_at))
    for _, group in groupby(ordered, key=lambda a: a.card_id):
        history = list(group)
        starts = [i for i, answer in enumerate(history) if answer.from_new]
        if not starts:
            continue
        history = history[starts[-1] :]
        days = [study_day(answer.reviewed_at, rollover_hour, tz) for answer in history]
        deltas = [(later - earlier).days for earlier, later in pairwise(days)]
        reviews = [fsrs_rs.FSRSReview(int(a.rating), d) for a, d in zip(history, [0, *deltas], strict=True)]
        for end in range(2, len(reviews) + 1):
            if deltas[end - 2] > 0:
                dated.append((history[end - 1].reviewed_at, fsrs_rs.FSRSItem(reviews[:end])))
    dated.sort(key=lambda pair: pair[0])
    return [item for _, item in dated]


def evaluate(items: Sequence[fsrs_rs.FSRSItem], parameters: Sequence[float] | None = None) -> Evaluation:
    """Log loss and RMSE(bins) of ``parameters`` (default: FSRS-6's) on ``items``."""
    result = fsrs_rs.FSRS(list(parameters or DEFAULT_PARAMETERS)).evaluate(list(items))
    return Evaluation(result.log_loss, result.rmse_bins, len(items))


def fit(items: Sequence[fsrs_rs.FSRSItem]) -> tuple[float, ...]:
    """fsrs-rs's fitted parameters for ``items``, as Anki calls it (short-term memory on)."""
    return tuple(fsrs_rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(list(items), enable_short_term=True))


def optimize(items: Sequence[fsrs_rs.FSRSItem], current: Sequence[float] | None = None) -> Optimization:
    """Fit, then keep whichever of the current and the fitted parameters predicts the history better."""
    current_parameters = tuple(current or DEFAULT_PARAMETERS)
    if len(items) < MIN_ITEMS:
        return Optimization(current_parameters, len(items), False, None, None)
    fitted = fit(items)
    before, after = evaluate(items, current_parameters), evaluate(items, fitted)
    if after.log_loss < before.log_loss:
        return Optimization(fitted, len(items), True, before, after)
    return Optimization(current_parameters, len(items), False, before, after)
