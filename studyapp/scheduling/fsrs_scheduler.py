"""FSRS-6 scheduling of one card at a time, on plain domain values.

py-fsrs does the memory model; this module maps our ``SchedulingState`` to
and from its ``Card``, keeps reps and lapses (which py-fsrs does not track),
and applies a seeded fuzz (see ``fuzz``) so previews are exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import fsrs
from fsrs.scheduler import DEFAULT_PARAMETERS as _FSRS6_DEFAULTS

from studyapp.domain.cards import CardState
from studyapp.domain.scheduling import DeckOptions, Rating, SchedulingState
from studyapp.scheduling.fuzz import fuzzed_days

DEFAULT_PARAMETERS: tuple[float, ...] = tuple(_FSRS6_DEFAULTS)

_TO_FSRS_STATE = {
    CardState.NEW: fsrs.State.Learning,
    CardState.LEARNING: fsrs.State.Learning,
    CardState.REVIEW: fsrs.State.Review,
    CardState.RELEARNING: fsrs.State.Relearning,
}
_TO_FSRS_RATING = {rating: fsrs.Rating(int(rating)) for rating in Rating}
_FROM_FSRS_STATE = {
    fsrs.State.Learning: CardState.LEARNING,
    fsrs.State.Review: CardState.REVIEW,
    fsrs.State.Relearning: CardState.RELEARNING,
}


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """One answer: the card's state before and after, and what the review log needs.

    ``elapsed_days`` is whole days since the previous review (0 for a new
    card); ``scheduled_days`` is the new interval in whole days (0 while in
    (re)learning steps, whose length is ``interval``).
    """

    before: SchedulingState
    after: SchedulingState
    rating: Rating
    reviewed_at: datetime
    duration_ms: int | None
    elapsed_days: int
    scheduled_days: int

    @property
    def interval(self) -> timedelta:
        """Time until the card is due again; Anki's revlog stores sub-day ones as negative seconds."""
        assert self.after.due is not None
        return self.after.due - self.reviewed_at


@lru_cache(maxsize=32)
def _fsrs_scheduler(options: DeckOptions, parameters: tuple[float, ...]) -> fsrs.Scheduler:
    """One py-fsrs scheduler per preset; building it validates the parameters each time."""
    return fsrs.Scheduler(
        parameters=parameters,
        desired_retention=options.desired_retention,
        learning_steps=tuple(timedelta(seconds=s) for s in options.learning_steps),
        relearning_steps=tuple(timedelta(seconds=s) for s in options.relearning_steps),
        maximum_interval=options.maximum_interval,
        enable_fuzzing=False,  # we fuzz ourselves, deterministically
    )


def _utc(moment: datetime) -> datetime:
    """py-fsrs insists on ``tzinfo is timezone.utc``; accept any aware time."""
    if moment.tzinfo is None:
        raise ValueError("scheduling needs timezone-aware datetimes")
    return moment.astimezone(UTC)


class FsrsScheduler:
    """FSRS-6 with one preset's options; cheap to build, safe to share between threads."""

    def __init__(self, options: DeckOptions | None = None, parameters: Sequence[float] | None = None) -> None:
        self.options = options if options is not None else DeckOptions()
        if parameters is None:
            parameters = self.options.fsrs_parameters or DEFAULT_PARAMETERS
        self.parameters = tuple(parameters)
        self._fsrs = _fsrs_scheduler(self.options, self.parameters)

    def review(
        self,
        card_id: int,
        state: SchedulingState,
        rating: Rating,
        now: datetime,
        duration_ms: int | None = None,
    ) -> ReviewResult:
        """Answer a card; ``before`` is ``state`` unchanged, ``after`` is what to store."""
        now = _utc(now)
        fsrs_card = _to_fsrs_card(card_id, state, now)
        card, after_state, due, scheduled_days = self._answer(card_id, fsrs_card, state, rating, now)
        after = SchedulingState(
            state=after_state,
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=due,
            last_review=now,
            reps=state.reps + 1,
            lapses=state.lapses + int(state.state is CardState.REVIEW and rating is Rating.AGAIN),
        )
        last = state.last_review
        return ReviewResult(
            before=state,
            after=after,
            rating=rating,
            reviewed_at=now,
            duration_ms=duration_ms,
            elapsed_days=(now - _utc(last)).days if last is not None else 0,
            scheduled_days=scheduled_days,
        )

    def preview(self, card_id: int, state: SchedulingState, now: datetime) -> dict[Rating, timedelta]:
        """The interval each rating would give; exactly what ``review`` gives, fuzz included.

        Shown for every card, so it converts the card once and builds no results (py-fsrs
        copies the card it is given, so the four answers can share it).
        """
        now = _utc(now)
        fsrs_card = _to_fsrs_card(card_id, state, now)
        return {rating: self._answer(card_id, fsrs_card, state, rating, now)[2] - now for rating in Rating}

    def _answer(
        self, card_id: int, fsrs_card: fsrs.Card, state: SchedulingState, rating: Rating, now: datetime
    ) -> tuple[fsrs.Card, CardState, datetime, int]:
        """py-fsrs's answer plus our fuzz: (its card, our state, due, scheduled days)."""
        card, _ = self._fsrs.review_card(fsrs_card, _TO_FSRS_RATING[rating], review_datetime=now)
        after_state = _FROM_FSRS_STATE[card.state]
        due: datetime = card.due
        scheduled_days = 0
        if after_state is CardState.REVIEW:
            scheduled_days = (due - now).days
            if self.options.enable_fuzz:
                scheduled_days = fuzzed_days(
                    scheduled_days, card_id=card_id, reps=state.reps + 1, maximum_interval=self.options.maximum_interval
                )
                due = now + timedelta(days=scheduled_days)
        return card, after_state, due, scheduled_days

    def retrievability(self, state: SchedulingState, now: datetime) -> float | None:
        """Predicted chance of recall at ``now`` (py-fsrs counts whole elapsed days); None if never reviewed."""
        if state.stability is None or state.last_review is None:
            return None
        card = fsrs.Card(
            card_id=0,
            state=fsrs.State.Review,
            stability=state.stability,
            difficulty=state.difficulty,
            last_review=_utc(state.last_review),
        )
        return float(self._fsrs.get_card_retrievability(card, current_datetime=_utc(now)))


def _to_fsrs_card(card_id: int, state: SchedulingState, now: datetime) -> fsrs.Card:
    """A new card is py-fsrs Learning step 0 with no memory state yet."""
    fsrs_state = _TO_FSRS_STATE[state.state]
    if state.state is CardState.NEW:
        return fsrs.Card(card_id=card_id, state=fsrs_state, step=0, due=now)
    if state.state is CardState.REVIEW and (state.stability is None or state.difficulty is None):
        raise ValueError(f"card {card_id} is in review but has no FSRS memory state")
    step = None if state.state is CardState.REVIEW else (state.step or 0)
    return fsrs.Card(
        card_id=card_id,
        state=fsrs_state,
        step=step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=_utc(state.due) if state.due is not None else now,
        last_review=_utc(state.last_review) if state.last_review is not None else None,
    )


_MINUTE = 60.0
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
_MONTH = 30.417 * _DAY  # Anki's month: a twelfth of 365 days
_YEAR = 365 * _DAY


def interval_text(delta: timedelta) -> str:
    """Anki's answer-button label: whole minutes/hours/days, months and years to one decimal."""
    seconds = delta.total_seconds()
    if seconds < _MINUTE:
        return "<1m"
    if seconds < _HOUR:
        return f"{round(seconds / _MINUTE)}m"
    if seconds < _DAY:
        return f"{round(seconds / _HOUR)}h"
    if seconds < _MONTH:
        return f"{round(seconds / _DAY)}d"
    if seconds < _YEAR:
        return f"{_one_decimal(seconds / _MONTH)}mo"
    return f"{_one_decimal(seconds / _YEAR)}y"


def _one_decimal(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
