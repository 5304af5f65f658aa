"""Statistics for the window's plots and ``studyapp stats``: counts by study day, retention, forecast.

Days are study days (they start at the collection's rollover hour, local
time).  The repository groups rows by 15-minute buckets in SQL; this module
maps buckets to days with the same study-day rules the review queue uses.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from studyapp.domain.ids import DeckId
from studyapp.domain.scheduling import Rating, SchedulingState
from studyapp.domain.wording import plural, study_time
from studyapp.scheduling.fsrs_scheduler import FsrsScheduler
from studyapp.scheduling.study_day import day_start, study_day
from studyapp.services.context import ServiceContext
from studyapp.storage.repositories.stats import BUCKET_MS, RetentionCounts, StatsRepository
from studyapp.storage.types import to_millis
from studyapp.storage.unit_of_work import UnitOfWork

MATURE_DAYS = 21  # Anki's line between young and mature cards
RETENTION_PERIODS = (("today", 1), ("week", 7), ("month", 30), ("year", 365))
FORECAST_DAYS = 30
CALENDAR_DAYS = 365


@dataclass(frozen=True, slots=True)
class ReviewDayRow:
    """Answers given on one study day, by rating, and the time spent."""

    day: date
    again: int = 0
    hard: int = 0
    good: int = 0
    easy: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return self.again + self.hard + self.good + self.easy

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "day": self.day.isoformat(), "total": self.total, "seconds": round(self.seconds, 1)}


@dataclass(frozen=True, slots=True)
class RetentionSummary:
    """Share of passed (not Again) answers to cards in Review state over ``days`` study days."""

    period: str
    days: int
    young_passed: int
    young_failed: int
    mature_passed: int
    mature_failed: int

    @staticmethod
    def _rate(passed: int, failed: int) -> float | None:
        return passed / (passed + failed) if passed + failed else None

    @property
    def young(self) -> float | None:
        return self._rate(self.young_passed, self.young_failed)

    @property
    def mature(self) -> float | None:
        return self._rate(self.mature_passed, self.mature_failed)

    @property
    def total(self) -> float | None:
        return self._rate(self.young_passed + self.mature_passed, self.young_failed + self.mature_failed)

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "young": self.young, "mature": self.mature, "total": self.total}


@dataclass(frozen=True, slots=True)
class ForecastDayRow:
    """Cards falling due on one study day; today includes overdue cards and later learning steps."""

    day: date
    reviews: int = 0
    learning: int = 0

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "day": self.day.isoformat()}


@dataclass(frozen=True, slots=True)
class CardStatesSummary:
    new: int
    learning: int
    review: int
    relearning: int
    suspended: int
    buried: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review + self.relearning + self.suspended + self.buried

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "total": self.total}


@dataclass(frozen=True, slots=True)
class RetrievabilityRow:
    """Review-state cards whose predicted recall now is in ``[low, high)`` percent (the top bin includes 100)."""

    low: int
    high: int
    cards: int

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CalendarDayRow:
    day: date
    reviews: int

    def to_json(self) -> dict[str, object]:
        return {"day": self.day.isoformat(), "reviews": self.reviews}


@dataclass(frozen=True, slots=True)
class TotalsSummary:
    cards: int
    reviews_today: int
    seconds_today: float

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "seconds_today": round(self.seconds_today, 1)}


@dataclass(frozen=True, slots=True)
class TodayLine:
    """The main window's status line: what was studied today, and what is out of the queue."""

    reviews: int
    seconds: float
    buried: int
    suspended: int

    def describe(self) -> str:
        studied = (
            f"Studied {plural(self.reviews, 'card')} in {study_time(self.seconds)} today"
            if self.reviews
            else "Nothing studied yet today"
        )
        out_of_queue = ((self.buried, "buried"), (self.suspended, "suspended"))
        hidden = [f"{count:,} {what}" for count, what in out_of_queue if count]
        return " · ".join([studied, *hidden])


@dataclass(frozen=True, slots=True)
class StatsSummary:
    """Everything the statistics screen shows, read in one transaction."""

    deck: str | None
    today: date
    totals: TotalsSummary
    states: CardStatesSummary
    retention: list[RetentionSummary]
    reviews: list[ReviewDayRow]
    forecast: list[ForecastDayRow]
    retrievability: list[RetrievabilityRow]
    calendar: list[CalendarDayRow]

    def to_json(self) -> dict[str, object]:
        return {
            "deck": self.deck,
            "today": self.today.isoformat(),
            "totals": self.totals.to_json(),
            "states": self.states.to_json(),
            "retention": [r.to_json() for r in self.retention],
            "reviews": [r.to_json() for r in self.reviews],
            "forecast": [r.to_json() for r in self.forecast],
            "retrievability": [r.to_json() for r in self.retrievability],
            "calendar": [r.to_json() for r in self.calendar],
        }


class _Days:
    """Study days from ``first`` to ``last`` (inclusive) and their UTC start instants."""

    def __init__(self, first: date, last: date, rollover: int) -> None:
        self.days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        starts = [day_start(d, rollover) for d in [*self.days, last + timedelta(days=1)]]
        self.start = starts[0]
        self.end = starts[-1]
        self._start_ms = [to_millis(s) for s in starts]

    def index_of_bucket(self, bucket: int) -> int:
        """Which day a 15-minute bucket belongs to (bucket starts never straddle a rollover)."""
        return bisect_right(self._start_ms, bucket * BUCKET_MS) - 1


@lru_cache(maxsize=1)
def _ratio_thresholds() -> tuple[float, ...]:
    """Elapsed-days/stability ratios at which recall drops to 90 %, 80 %, ..., 10 %.

    Recall depends only on that ratio, so the ten bins are found in SQL by
    comparing the ratio with these limits, asked of the scheduler once by
    bisection (so the formula stays in ``scheduling``) instead of per card.
    """
    scheduler = FsrsScheduler()
    moment = datetime(2000, 1, 2).astimezone()
    one_day_ago = moment - timedelta(days=1)

    def recall(ratio: float) -> float:
        state = SchedulingState(stability=1 / ratio, difficulty=5.0, last_review=one_day_ago)
        value = scheduler.retrievability(state, moment)
        assert value is not None
        return value

    limits = []
    for percent in range(90, 0, -10):
        low, high = 1e-9, 1e12  # recall(low) ≈ 1, recall(high) < 10 %
        for _ in range(200):
            mid = math.sqrt(low * high)
            if recall(mid) >= percent / 100:
                low = mid
            else:
                high = mid
            if high / low < 1 + 1e-12:
                break
        limits.append(low)
    return tuple(limits)


class StatsService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def summary(self, deck: str | None = None, *, days: int = 30) -> StatsSummary:
        """All figures for ``deck`` (with subdecks; None = whole collection), reviews over ``days`` days."""
        now = self._ctx.now()
        rollover = self._ctx.rollover_hour()
        today = study_day(now, rollover)
        with self._ctx.store.unit_of_work() as uow:
            stats = StatsRepository(uow.session)
            deck_ids = self._deck_ids(uow, deck)
            reviews = self._review_days(stats, deck_ids, today - timedelta(days=days - 1), today, rollover)
            calendar = self._review_days(stats, deck_ids, today - timedelta(days=CALENDAR_DAYS - 1), today, rollover)
            return StatsSummary(
                deck=deck,
                today=today,
                totals=TotalsSummary(stats.card_count(deck_ids), calendar[-1].total, calendar[-1].seconds),
                states=CardStatesSummary(**asdict(stats.state_counts(deck_ids, now))),
                retention=[
                    self._retention(stats, deck_ids, name, period, today, rollover)
                    for name, period in RETENTION_PERIODS
                ],
                reviews=reviews,
                forecast=self._forecast(stats, deck_ids, today, rollover),
                retrievability=self._retrievability(stats, deck_ids, now),
                calendar=[CalendarDayRow(row.day, row.total) for row in calendar],
            )

    def today(self) -> TodayLine:
        """Today's reviews and the cards buried or suspended, in the whole collection (two aggregate queries)."""
        now = self._ctx.now()
        rollover = self._ctx.rollover_hour()
        today = study_day(now, rollover)
        with self._ctx.store.unit_of_work() as uow:
            stats = StatsRepository(uow.session)
            (day,) = self._review_days(stats, None, today, today, rollover)
            states = stats.state_counts(None, now)
        return TodayLine(day.total, day.seconds, states.buried, states.suspended)

    @staticmethod
    def _deck_ids(uow: UnitOfWork, deck: str | None) -> list[DeckId] | None:
        if deck is None:
            return None
        return [DeckId(i) for i in uow.decks.subtree_ids(uow.decks.require(deck))]

    @staticmethod
    def _review_days(
        stats: StatsRepository, deck_ids: list[DeckId] | None, first: date, last: date, rollover: int
    ) -> list[ReviewDayRow]:
        span = _Days(first, last, rollover)
        by_rating = [dict.fromkeys(Rating, 0) for _ in span.days]
        millis = [0] * len(span.days)
        for bucket in stats.review_buckets(deck_ids, span.start, span.end):
            index = span.index_of_bucket(bucket.bucket)
            by_rating[index][Rating(bucket.rating)] += bucket.count
            millis[index] += bucket.duration_ms
        return [
            ReviewDayRow(
                day,
                again=counts[Rating.AGAIN],
                hard=counts[Rating.HARD],
                good=counts[Rating.GOOD],
                easy=counts[Rating.EASY],
                seconds=ms / 1000,
            )
            for day, counts, ms in zip(span.days, by_rating, millis, strict=True)
        ]

    @staticmethod
    def _retention(
        stats: StatsRepository, deck_ids: list[DeckId] | None, name: str, days: int, today: date, rollover: int
    ) -> RetentionSummary:
        span = _Days(today - timedelta(days=days - 1), today, rollover)
        counts: RetentionCounts = stats.retention(deck_ids, span.start, span.end, MATURE_DAYS)
        return RetentionSummary(name, days, **asdict(counts))

    @staticmethod
    def _forecast(
        stats: StatsRepository, deck_ids: list[DeckId] | None, today: date, rollover: int
    ) -> list[ForecastDayRow]:
        span = _Days(today, today + timedelta(days=FORECAST_DAYS - 1), rollover)
        reviews = [0] * len(span.days)
        learning = [0] * len(span.days)
        for bucket in stats.due_buckets(deck_ids, span.start, span.end):
            index = span.index_of_bucket(bucket.bucket)
            reviews[index] += bucket.reviews
            learning[index] += bucket.learning
        return [ForecastDayRow(d, r, n) for d, r, n in zip(span.days, reviews, learning, strict=True)]

    @staticmethod
    def _retrievability(
        stats: StatsRepository, deck_ids: list[DeckId] | None, now: datetime
    ) -> list[RetrievabilityRow]:
        counts = stats.elapsed_ratio_histogram(deck_ids, now, _ratio_thresholds())
        # Bin 0 is the lowest ratio, i.e. recall 90-100 %; list them from low recall to high.
        return [RetrievabilityRow(low=10 * (9 - i), high=10 * (10 - i), cards=counts[i]) for i in range(9, -1, -1)]
