"""Grouped queries behind the statistics: one pass over an index each, fast at 100k cards.

Times come back as 15-minute buckets (epoch milliseconds // ``BUCKET_MS``)
rather than days: a study day starts at a local rollover hour, and every time
zone's offset is a multiple of 15 minutes, so no bucket straddles two study
days.  The service maps buckets to days (DST included) without SQL knowing
about time zones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Float, and_, case, cast, func, literal, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session

from studyapp.domain.cards import CardState
from studyapp.domain.ids import DeckId
from studyapp.storage.records import CardRecord, ReviewRecord
from studyapp.storage.types import to_millis

BUCKET_MS = 15 * 60 * 1000
DAY_MS = 86_400_000


@dataclass(frozen=True, slots=True)
class ReviewBucket:
    """Reviews in one 15-minute bucket with one rating."""

    bucket: int
    rating: int
    count: int
    duration_ms: int


@dataclass(frozen=True, slots=True)
class RetentionCounts:
    """Answers to cards in Review state, split at the mature interval."""

    young_passed: int
    young_failed: int
    mature_passed: int
    mature_failed: int


@dataclass(frozen=True, slots=True)
class DueBucket:
    bucket: int
    reviews: int
    learning: int


@dataclass(frozen=True, slots=True)
class StateCounts:
    """Each card counted once: suspended and buried win over the scheduling state."""

    new: int
    learning: int
    review: int
    relearning: int
    suspended: int
    buried: int


class StatsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @staticmethod
    def _in_decks(deck_ids: Sequence[DeckId] | None) -> ColumnElement[bool]:
        return CardRecord.deck_id.in_(deck_ids) if deck_ids is not None else literal(True)

    def review_buckets(self, deck_ids: Sequence[DeckId] | None, start: datetime, end: datetime) -> list[ReviewBucket]:
        """Reviews in ``[start, end)`` by 15-minute bucket and rating."""
        bucket = (_millis(ReviewRecord.reviewed_at) // BUCKET_MS).label("bucket")
        query = select(bucket, ReviewRecord.rating, func.count(), func.sum(ReviewRecord.duration_ms)).where(
            ReviewRecord.reviewed_at >= start, ReviewRecord.reviewed_at < end
        )
        if deck_ids is not None:
            query = query.join(CardRecord, CardRecord.id == ReviewRecord.card_id).where(self._in_decks(deck_ids))
        rows = self._session.execute(query.group_by(bucket, ReviewRecord.rating))
        return [ReviewBucket(int(b), int(r), int(n), int(ms or 0)) for b, r, n, ms in rows]

    def retention(
        self, deck_ids: Sequence[DeckId] | None, start: datetime, end: datetime, mature_days: int
    ) -> RetentionCounts:
        """Anki's true retention: answers to review-state cards; mature if the prior interval ≥ ``mature_days``."""
        before = ReviewRecord.state_before
        interval = type_coerce(func.json_extract(before, "$.due"), BigInteger) - type_coerce(
            func.json_extract(before, "$.last_review"), BigInteger
        )
        mature = interval >= mature_days * DAY_MS
        passed = ReviewRecord.rating > 1

        def tally(*conditions: ColumnElement[bool]) -> ColumnElement[int]:
            return func.coalesce(func.sum(case((and_(*conditions), 1), else_=0)), 0)

        query = select(
            tally(~mature, passed), tally(~mature, ~passed), tally(mature, passed), tally(mature, ~passed)
        ).where(
            ReviewRecord.reviewed_at >= start,
            ReviewRecord.reviewed_at < end,
            ReviewRecord.prior_state == int(CardState.REVIEW),
        )
        if deck_ids is not None:
            query = query.join(CardRecord, CardRecord.id == ReviewRecord.card_id).where(self._in_decks(deck_ids))
        row = self._session.execute(query).one()
        return RetentionCounts(*(int(value) for value in row))

    def due_buckets(self, deck_ids: Sequence[DeckId] | None, start: datetime, end: datetime) -> list[DueBucket]:
        """Studied, unsuspended cards due before ``end`` by bucket; overdue ones count at ``start``."""
        due = type_coerce(func.max(_millis(CardRecord.due), to_millis(start)), BigInteger)
        bucket = (due // BUCKET_MS).label("bucket")
        is_review = CardRecord.state == int(CardState.REVIEW)
        rows = self._session.execute(
            select(bucket, func.sum(case((is_review, 1), else_=0)), func.sum(case((is_review, 0), else_=1)))
            .where(
                self._in_decks(deck_ids),
                CardRecord.state != int(CardState.NEW),
                CardRecord.suspended.is_(False),
                CardRecord.due < end,
            )
            .group_by(bucket)
        )
        return [DueBucket(int(b), int(r), int(n)) for b, r, n in rows]

    def state_counts(self, deck_ids: Sequence[DeckId] | None, now: datetime) -> StateCounts:
        buried = and_(CardRecord.buried_until.is_not(None), CardRecord.buried_until > now)
        hidden = CardRecord.suspended.is_(True) | buried

        def in_state(state: CardState) -> ColumnElement[int]:
            return func.coalesce(func.sum(case((and_(~hidden, CardRecord.state == int(state)), 1), else_=0)), 0)

        row = self._session.execute(
            select(
                in_state(CardState.NEW),
                in_state(CardState.LEARNING),
                in_state(CardState.REVIEW),
                in_state(CardState.RELEARNING),
                func.coalesce(func.sum(case((CardRecord.suspended.is_(True), 1), else_=0)), 0),
                func.coalesce(func.sum(case((and_(CardRecord.suspended.is_(False), buried), 1), else_=0)), 0),
            ).where(self._in_decks(deck_ids))
        ).one()
        return StateCounts(*(int(value) for value in row))

    def elapsed_ratio_histogram(
        self, deck_ids: Sequence[DeckId] | None, now: datetime, thresholds: Sequence[float]
    ) -> list[int]:
        """Review-state cards by whole days since their last review divided by stability.

        Retrievability falls as this ratio grows, so ascending ``thresholds``
        on the ratio are descending retrievability bounds.  Bin ``i`` holds
        ratios in ``(thresholds[i-1], thresholds[i]]``; the last bin is above
        every threshold.
        """
        days = func.max(0, (to_millis(now) - _millis(CardRecord.last_review)) // DAY_MS)
        ratio = cast(days, Float) / func.max(CardRecord.stability, 1e-6)
        bin_index = case(*((ratio <= limit, index) for index, limit in enumerate(thresholds)), else_=len(thresholds))
        rows = self._session.execute(
            select(bin_index.label("bin"), func.count())
            .where(
                self._in_decks(deck_ids),
                CardRecord.state == int(CardState.REVIEW),
                CardRecord.stability.is_not(None),
                CardRecord.last_review.is_not(None),
            )
            .group_by("bin")
        )
        counts = [0] * (len(thresholds) + 1)
        for index, count in rows:
            counts[int(index)] = int(count)
        return counts

    def card_count(self, deck_ids: Sequence[DeckId] | None) -> int:
        return int(
            self._session.scalar(select(func.count()).select_from(CardRecord).where(self._in_decks(deck_ids))) or 0
        )


def _millis(column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[int]:
    """A time column as its stored integer, for arithmetic in SQL."""
    return type_coerce(column, BigInteger)
