"""Review history in Anki's ``revlog`` and back.

Anki's review log uses positive intervals for days and negative ones for
seconds, and its ids are the answer times in epoch milliseconds.  ``revlog``
writes ours for export; ``imported_reviews`` reads Anki's, keeping each row's
id so that the same answer is recognised when it comes again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from studyapp.anki.collection_reader import AnkiReview
from studyapp.anki.package_writing import PackageReview
from studyapp.anki.schedule import DAY, DEFAULT_FACTOR, MAX_DAYS, days_between
from studyapp.domain.cards import CardState
from studyapp.domain.foreign import ForeignReview
from studyapp.domain.scheduling import SchedulingState
from studyapp.storage.repositories.export import ExportReview

REVLOG_TYPE = {CardState.NEW: 0, CardState.LEARNING: 0, CardState.REVIEW: 1, CardState.RELEARNING: 2}
REVLOG_LEARN, REVLOG_REVIEW, REVLOG_RELEARN = 0, 1, 2
MAX_ANSWER_MS = 60_000
MAX_IMPORTED_ANSWER_MS = 3_600_000  # what an answer given here may record
RATINGS = range(1, 5)
"""Answers; Anki logs rescheduling by hand and "Forget" as rows with ease 0, which are not answers."""


def _interval(state: CardState, due: datetime | None, since: datetime | None) -> int:
    """Revlog interval: days for review cards, negative seconds while learning."""
    if state is CardState.NEW or due is None or since is None:
        return 0
    if state is CardState.REVIEW:
        return days_between(since, due)
    return -max(1, int((due - since).total_seconds()))


def revlog(reviews: list[ExportReview], card_ids: dict[int, int]) -> list[PackageReview]:
    """Anki's review log; ids are answer times made unique by bumping a millisecond."""
    rows: list[PackageReview] = []
    used: set[int] = set()
    for review in reviews:
        entry_id = int(review.reviewed_at.timestamp() * 1000)
        while entry_id in used:
            entry_id += 1
        used.add(entry_id)
        before, after = review.before, review.after
        rows.append(
            PackageReview(
                card_id=card_ids[review.card_id],
                id=entry_id,
                ease=review.rating,
                ivl=_interval(after.state, after.due, review.reviewed_at),
                last_ivl=_interval(before.state, before.due, before.last_review),
                factor=DEFAULT_FACTOR if after.state is CardState.REVIEW else 0,
                time=min(review.duration_ms, MAX_ANSWER_MS),
                type=REVLOG_TYPE[review.prior_state],
            )
        )
    return rows


@dataclass
class ImportedHistory:
    """The answers to bring in, and how many rows of the log were left out and why."""

    reviews: list[ForeignReview] = field(default_factory=list)
    not_answers: int = 0
    without_card: int = 0

    def notes(self) -> list[str]:
        found: list[str] = []
        if self.not_answers:
            found.append(
                f"Left out {self.not_answers} review-log row(s) that record no answer (rescheduled or reset by hand)."
            )
        if self.without_card:
            found.append(f"Left out {self.without_card} review-log row(s) of cards that were not imported.")
        return found


def _after(before: SchedulingState, row: AnkiReview, at: datetime) -> SchedulingState:
    """The card's state the row left behind: in review when it got an interval in days, else in (re)learning steps."""
    if row.ivl > 0:
        state, due = CardState.REVIEW, at + timedelta(days=min(row.ivl, MAX_DAYS))
    else:
        lapsed = row.type == REVLOG_RELEARN or before.state in (CardState.REVIEW, CardState.RELEARNING)
        seconds = min(-row.ivl, MAX_DAYS * DAY)
        state, due = (CardState.RELEARNING if lapsed else CardState.LEARNING), at + timedelta(seconds=seconds)
    return SchedulingState(
        state=state,
        due=due,
        last_review=at,
        reps=before.reps + 1,
        lapses=before.lapses + int(before.state is CardState.REVIEW and row.ease == 1),
    )


def imported_reviews(rows: list[AnkiReview], card_guids: dict[int, str]) -> ImportedHistory:
    """Anki's answers (oldest first) to the cards we import, as our review log with the states they passed through.

    Anki's log keeps no memory state per answer, so the states have none; the card keeps its current one.
    A card's history that starts in review (its first answers were deleted) starts from a review state.
    """
    history = ImportedHistory()
    last: dict[int, SchedulingState] = {}
    for row in rows:
        guid = card_guids.get(row.card_id)
        if guid is None:
            history.without_card += 1
            continue
        if row.ease not in RATINGS:
            history.not_answers += 1
            continue
        before = last.get(row.card_id)
        if before is None:
            first = {REVLOG_REVIEW: CardState.REVIEW, REVLOG_RELEARN: CardState.RELEARNING}.get(row.type, CardState.NEW)
            before = SchedulingState(state=first)
        at = datetime.fromtimestamp(row.id / 1000, UTC)
        after = last[row.card_id] = _after(before, row, at)
        history.reviews.append(
            ForeignReview(
                card_guid=guid,
                foreign_id=row.id,
                reviewed_at=at,
                rating=row.ease,
                prior_state=before.state,
                duration_ms=max(0, min(row.time, MAX_IMPORTED_ANSWER_MS)),
                before=before,
                after=after,
            )
        )
    return history
