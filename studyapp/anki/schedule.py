"""Our schedule in Anki's terms, so Anki continues where the user left off.

Anki keeps review due dates as days since the collection's creation
(``col.crt``), learning due times as epoch seconds, new cards' order as a
position in ``due``, and the FSRS memory state as JSON in ``cards.data``.
"""

from __future__ import annotations

import json
from datetime import datetime

from studyapp.anki.package_writing import CardPlace, PackageCard
from studyapp.domain.cards import CardState
from studyapp.storage.repositories.export import ExportCard

DAY = 86_400
DEFAULT_FACTOR = 2500
QUEUE_SUSPENDED = -1
QUEUE_NEW, QUEUE_LEARNING, QUEUE_REVIEW = 0, 1, 2


def _seconds(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment is not None else 0


def days_between(start: datetime | None, end: datetime | None) -> int:
    if start is None or end is None:
        return 1
    return max(1, round((end - start).total_seconds() / DAY))


def new_card(card: ExportCard, place: CardPlace) -> PackageCard:
    """Unstudied, keeping our new-card order."""
    queue = QUEUE_SUSPENDED if card.suspended else QUEUE_NEW
    return PackageCard(place, card.modified, 0, queue, card.position)


def scheduled_card(card: ExportCard, place: CardPlace, created: int) -> PackageCard:
    """With its state, due date, interval and FSRS memory state."""
    if card.state is CardState.NEW or card.due is None:
        return new_card(card, place)
    memory: dict[str, float | int] = {"dr": card.options.desired_retention}
    if card.stability is not None and card.difficulty is not None:
        memory |= {"s": round(card.stability, 4), "d": round(card.difficulty, 4)}
    if card.last_review is not None:
        memory["lrt"] = _seconds(card.last_review)
    if card.state is CardState.REVIEW:
        queue, due = QUEUE_REVIEW, (_seconds(card.due) - created) // DAY
        interval = days_between(card.last_review, card.due)
        left = 0
    else:
        steps = card.options.learning_steps if card.state is CardState.LEARNING else card.options.relearning_steps
        queue, due = QUEUE_LEARNING, _seconds(card.due)
        interval = 0 if card.state is CardState.LEARNING else max(1, round(card.stability or 1))
        left = max(1, len(steps) - (card.step or 0))
    return PackageCard(
        place,
        mod=card.modified,
        type=int(card.state),
        queue=QUEUE_SUSPENDED if card.suspended else queue,
        due=due,
        ivl=interval,
        factor=DEFAULT_FACTOR,
        reps=card.reps,
        lapses=card.lapses,
        left=left,
        data=json.dumps(memory, separators=(",", ":")),
    )
