"""The order a study session shows cards in, decided on light records (no database).

Anki's order: (re)learning cards that are due, then reviews and new cards
mixed so new cards are spread through the session, then learning cards due
within the learn-ahead window, so a session does not end while a card is a
few minutes from due.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from studyapp.domain.cards import CardState

LEARN_AHEAD = timedelta(minutes=20)  # Anki's default "learn ahead limit"


@dataclass(frozen=True, slots=True)
class QueueCandidate:
    """What ordering needs to know about one card.

    ``position`` is the new-card order (order added); ``retrievability_hint``
    is the predicted recall now, when known.  ``siblings`` are the card's
    sibling keys (its source sentence, its fact): cards sharing a key are
    siblings, as the cards of one note are in Anki.
    """

    card_id: int
    state: CardState
    due: datetime | None
    position: int
    retrievability_hint: float | None = None
    siblings: tuple[Hashable, ...] = ()


def one_per_sibling_group(candidates: Iterable[QueueCandidate], seen: set[Hashable]) -> list[QueueCandidate]:
    """The candidates in order, leaving out the siblings of any card before them (or with a key in ``seen``).

    Anki buries siblings when it gathers the day's queue, not only when a card
    is answered, so a note's cards are never counted or shown twice in a day.
    ``seen`` gains the keys of the cards kept, so reviews then new cards can
    be passed through in gathering order.
    """
    kept = []
    for candidate in candidates:
        if seen.isdisjoint(candidate.siblings):
            seen.update(candidate.siblings)
            kept.append(candidate)
    return kept


def order_queue(
    learning_due: Iterable[QueueCandidate],
    reviews: Iterable[QueueCandidate],
    new: Iterable[QueueCandidate],
    *,
    new_limit: int,
    review_limit: int,
    now: datetime,
    learn_ahead: timedelta = LEARN_AHEAD,
) -> list[int]:
    """Card ids in study order.

    ``reviews`` are the cards due by today's cut-off; ``new_limit`` and
    ``review_limit`` are what is left of today's limits.  Learning cards are
    not limited (as in Anki) and are shown only once due, or within
    ``learn_ahead`` of due at the end.  Reviews come weakest first: lowest
    retrievability, then most overdue.
    """
    learning = sorted(learning_due, key=_by_due)
    ahead_cutoff = now + learn_ahead
    learning_now = [c.card_id for c in learning if c.due is None or c.due <= now]
    learning_ahead = [c.card_id for c in learning if c.due is not None and now < c.due <= ahead_cutoff]

    review_ids = [c.card_id for c in sorted(reviews, key=_weakest_first)][: max(0, review_limit)]
    new_ids = [c.card_id for c in sorted(new, key=lambda c: (c.position, c.card_id))][: max(0, new_limit)]
    return learning_now + spread(review_ids, new_ids) + learning_ahead


def spread(reviews: list[int], new: list[int]) -> list[int]:
    """Reviews with the new cards spaced evenly among them, exactly as Anki's ``Intersperser`` does.

    New card k (from 0) follows ``floor((k+1)·(R+1)/(N+1))`` reviews, so a
    session shows the same mix of new and review cards as Anki's.
    """
    merged: list[int] = []
    taken = 0
    for k, card_id in enumerate(new):
        until = min(len(reviews), (k + 1) * (len(reviews) + 1) // (len(new) + 1))
        merged.extend(reviews[taken:until])
        taken = max(taken, until)
        merged.append(card_id)
    merged.extend(reviews[taken:])
    return merged


def _by_due(candidate: QueueCandidate) -> tuple[float, int]:
    due = candidate.due.timestamp() if candidate.due is not None else -math.inf
    return due, candidate.card_id


def _weakest_first(candidate: QueueCandidate) -> tuple[float, float, int]:
    hint = candidate.retrievability_hint
    return (hint if hint is not None else math.inf, *_by_due(candidate))
