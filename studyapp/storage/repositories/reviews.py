"""The review queue's queries and the one-transaction answer/undo writes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, ColumnElement, and_, case, func, or_, select, type_coerce, update
from sqlalchemy.orm import Session

from studyapp.domain.cards import CardState
from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId, ReviewId
from studyapp.domain.scheduling import SchedulingState
from studyapp.scheduling.fsrs_scheduler import ReviewResult
from studyapp.scheduling.queue import QueueCandidate
from studyapp.storage.convert import (
    apply_state,
    join_tags,
    split_tags,
    state_from_json,
    state_from_record,
    state_to_json,
)
from studyapp.storage.records import CardRecord, ReviewRecord
from studyapp.storage.types import to_millis

LEARNING = (int(CardState.LEARNING), int(CardState.RELEARNING))
LEECH_TAG = "leech"


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo restored: the card to show again."""

    card_id: CardId
    review_id: ReviewId


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    reviewed_at: datetime
    rating: int
    duration_ms: int
    before: SchedulingState
    after: SchedulingState


class ReviewRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @staticmethod
    def _available(deck_ids: list[int], now: datetime) -> ColumnElement[bool]:
        return and_(
            CardRecord.deck_id.in_(deck_ids),
            CardRecord.suspended.is_(False),
            or_(CardRecord.buried_until.is_(None), CardRecord.buried_until <= now),
        )

    def learning(self, deck_ids: list[int], now: datetime, until: datetime) -> list[QueueCandidate]:
        rows = self._session.execute(
            select(CardRecord.id, CardRecord.state, CardRecord.due, CardRecord.position).where(
                self._available(deck_ids, now), CardRecord.state.in_(LEARNING), CardRecord.due <= until
            )
        )
        return [QueueCandidate(i, CardState(s), d, p) for i, s, d, p in rows]

    def reviews(self, deck_ids: list[int], now: datetime, day_end: datetime, limit: int) -> list[QueueCandidate]:
        """Due reviews, weakest first: longest elapsed time relative to stability (lowest recall)."""
        if limit <= 0:
            return []
        weakness = (
            (to_millis(now) - type_coerce(CardRecord.last_review, BigInteger))
            * 1.0
            / func.max(CardRecord.stability, 0.001)
        )
        rows = self._session.execute(
            select(CardRecord.id, CardRecord.due, CardRecord.position, weakness)
            .where(self._available(deck_ids, now), CardRecord.state == int(CardState.REVIEW), CardRecord.due < day_end)
            .order_by(weakness.desc(), CardRecord.due, CardRecord.id)
            .limit(limit)
        )
        return [QueueCandidate(i, CardState.REVIEW, d, p, -float(w or 0.0)) for i, d, p, w in rows]

    def new(self, deck_ids: list[int], now: datetime, limit: int) -> list[QueueCandidate]:
        if limit <= 0:
            return []
        rows = self._session.execute(
            select(CardRecord.id, CardRecord.position)
            .where(self._available(deck_ids, now), CardRecord.state == int(CardState.NEW))
            .order_by(CardRecord.position, CardRecord.id)
            .limit(limit)
        )
        return [QueueCandidate(i, CardState.NEW, None, p) for i, p in rows]

    def done_today(self, deck_ids: list[int], day_start: datetime) -> tuple[int, int]:
        """New cards introduced and reviews done today in these decks."""
        row = self._session.execute(
            select(
                func.sum(case((ReviewRecord.prior_state == int(CardState.NEW), 1), else_=0)),
                func.sum(case((ReviewRecord.prior_state == int(CardState.REVIEW), 1), else_=0)),
            )
            .join(CardRecord, CardRecord.id == ReviewRecord.card_id)
            .where(CardRecord.deck_id.in_(deck_ids), ReviewRecord.reviewed_at >= day_start)
        ).one()
        return int(row[0] or 0), int(row[1] or 0)

    def is_available(self, card_id: int, now: datetime) -> bool:
        record = self._session.get(CardRecord, card_id)
        return (
            record is not None and not record.suspended and (record.buried_until is None or record.buried_until <= now)
        )

    def record_answer(
        self,
        card_id: CardId,
        result: ReviewResult,
        *,
        bury_until: datetime,
        leech_threshold: int,
        leech_suspend: bool,
    ) -> tuple[ReviewId, bool]:
        """Store the new state and its log row; bury siblings; tag leeches. Returns (review id, is leech)."""
        record = self._session.get(CardRecord, card_id)
        if record is None:
            raise UserInputError(f"There is no card with id {card_id}.")
        before = _snapshot(record)
        apply_state(record, result.after)
        siblings = self._bury_siblings(record, bury_until)
        leech = (
            result.after.lapses > result.before.lapses
            and leech_threshold > 0
            and result.after.lapses >= leech_threshold
            and (result.after.lapses - leech_threshold) % max(1, leech_threshold // 2) == 0
        )
        if leech:
            record.tags = join_tags([*split_tags(record.tags), LEECH_TAG])
            if leech_suspend:
                record.suspended = True
        review = ReviewRecord(
            card_id=record.id,
            reviewed_at=result.reviewed_at,
            rating=int(result.rating),
            prior_state=int(result.before.state),
            duration_ms=max(0, min(result.duration_ms or 0, 3_600_000)),
            state_before=json.dumps({**before, "buried_siblings": siblings}, sort_keys=True),
            state_after=state_to_json(result.after),
        )
        self._session.add(review)
        self._session.flush()
        return ReviewId(review.id), leech

    def _bury_siblings(self, record: CardRecord, until: datetime) -> list[int]:
        """Other cards from the same source sentence wait until tomorrow (as in Anki)."""
        if record.source_id is None and not record.fact:
            return []
        same_sentence = and_(CardRecord.source_id == record.source_id, CardRecord.source_start == record.source_start)
        same_fact = and_(CardRecord.fact == record.fact, CardRecord.fact != "")
        ids = list(
            self._session.scalars(
                select(CardRecord.id).where(
                    CardRecord.id != record.id,
                    or_(same_sentence, same_fact) if record.source_id is not None else same_fact,
                    CardRecord.deck_id == record.deck_id,
                    CardRecord.suspended.is_(False),
                    CardRecord.buried_until.is_(None),
                    CardRecord.state.in_((int(CardState.NEW), int(CardState.REVIEW))),
                )
            )
        )
        if ids:
            self._session.execute(update(CardRecord).where(CardRecord.id.in_(ids)).values(buried_until=until))
        return ids

    def undo_last(self) -> Undone | None:
        """Remove the newest review and restore its card (and buried siblings) exactly."""
        review = self._session.scalar(select(ReviewRecord).order_by(ReviewRecord.id.desc()).limit(1))
        if review is None:
            return None
        record = self._session.get(CardRecord, review.card_id)
        if record is None:
            return None
        snapshot = json.loads(review.state_before)
        apply_state(record, state_from_json(review.state_before))
        record.tags = snapshot["tags"]
        record.suspended = snapshot["suspended"]
        siblings = snapshot.get("buried_siblings", [])
        if siblings:
            self._session.execute(update(CardRecord).where(CardRecord.id.in_(siblings)).values(buried_until=None))
        undone = Undone(CardId(record.id), ReviewId(review.id))
        self._session.delete(review)
        return undone

    def history(self, card_id: CardId) -> list[ReviewEntry]:
        rows = self._session.scalars(
            select(ReviewRecord).where(ReviewRecord.card_id == card_id).order_by(ReviewRecord.id)
        )
        return [
            ReviewEntry(
                r.reviewed_at, r.rating, r.duration_ms, state_from_json(r.state_before), state_from_json(r.state_after)
            )
            for r in rows
        ]

    def set_suspended(self, card_ids: list[CardId], suspended: bool) -> None:
        self._session.execute(update(CardRecord).where(CardRecord.id.in_(card_ids)).values(suspended=suspended))

    def bury(self, card_ids: list[CardId], until: datetime | None) -> None:
        self._session.execute(update(CardRecord).where(CardRecord.id.in_(card_ids)).values(buried_until=until))

    def forget(self, card_ids: list[CardId], first_position: int) -> None:
        """Back to new, at the end of the new queue; the review history is kept."""
        for offset, card_id in enumerate(card_ids):
            record = self._session.get(CardRecord, card_id)
            if record is not None:
                apply_state(record, SchedulingState())
                record.position = first_position + offset


def _snapshot(record: CardRecord) -> dict[str, object]:
    state = json.loads(state_to_json(state_from_record(record)))
    return {**state, "tags": record.tags, "suspended": record.suspended}
