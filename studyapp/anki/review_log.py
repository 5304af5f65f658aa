"""Our review history as Anki's ``revlog``.

Anki's review log uses positive intervals for days and negative ones for
seconds, and its ids are the answer times in epoch milliseconds.
"""

from __future__ import annotations

from datetime import datetime

from studyapp.anki.package_writing import PackageReview
from studyapp.anki.schedule import DEFAULT_FACTOR, days_between
from studyapp.domain.cards import CardState
from studyapp.storage.repositories.export import ExportReview

REVLOG_TYPE = {CardState.NEW: 0, CardState.LEARNING: 0, CardState.REVIEW: 1, CardState.RELEARNING: 2}
MAX_ANSWER_MS = 60_000


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
