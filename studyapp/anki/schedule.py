"""Card schedules in Anki's terms and back, so each side continues where the user left off.

Anki keeps review due dates as days since the collection's creation
(``col.crt``), learning due times as epoch seconds (or days, for steps of a
day or more), new cards' order as a position in ``due``, learning progress as
the number of steps left in ``left``, and the FSRS memory state as JSON in
``cards.data`` (``s`` stability, ``d`` difficulty, ``dr`` desired retention,
``lrt`` last review time).  ``scheduled_card`` writes a card's row for export,
``imported_schedule`` reads one back: the two directions of one mapping.

A due day counts study days from the one ``col.crt`` falls in, as Anki's
own "today" does: day N is the study day N days after that one, which is
what Anki shows as "due in N - today days".
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from studyapp.anki.collection_reader import AnkiCard, CollectionContent
from studyapp.anki.package_writing import CardPlace, PackageCard
from studyapp.domain.cards import CardState
from studyapp.domain.foreign import ForeignSchedule
from studyapp.domain.scheduling import DeckOptions, SchedulingState
from studyapp.scheduling.memory_state import memory_from_sm2
from studyapp.scheduling.study_day import day_start, study_day
from studyapp.storage.repositories.export import ExportCard

DAY = 86_400
DEFAULT_FACTOR = 2500
QUEUE_SUSPENDED = -1
QUEUE_BURIED = frozenset({-2, -3})  # buried as a sibling, buried by hand
QUEUE_NEW, QUEUE_LEARNING, QUEUE_REVIEW = 0, 1, 2
EPOCH_SECONDS_FROM = 1_000_000_000
"""A learning card's ``due`` above this is epoch seconds, below it a day number (Anki's own test)."""
STATES = {int(state): state for state in CardState}
MAX_DAYS = 100_000
"""Due days and intervals are kept within ±274 years: beyond that a value is damage, and dates would overflow."""
MAX_STABILITY = 10 * MAX_DAYS
MAX_EPOCH_SECONDS = 2**32
DEFAULT_STEPS = DeckOptions()
"""Whose step counts turn Anki's "steps left" into a step index: still the defaults, not the card's imported preset."""


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


class ScheduleReader:
    """The schedules of one collection's cards, converted when a card asks for its own."""

    def __init__(self, content: CollectionContent, rollover_hour: int) -> None:
        self.cards = content.schedules
        """The cards that have a schedule, by Anki card id: the others need not ask."""
        self._first_day = study_day(datetime.fromtimestamp(content.created, UTC), rollover_hour)
        self._rollover_hour = rollover_hour
        self._last_review: dict[int, int] = {review.card_id: review.id for review in content.reviews}
        self.with_history = bool(content.reviews)

    def of(self, card_id: int) -> ForeignSchedule | None:
        """None for a card that is simply new."""
        card = self.cards.get(card_id)
        return None if card is None else imported_schedule(card, self)

    def due_day(self, day: int) -> datetime:
        """When Anki's due day ``day`` starts."""
        return day_start(self._first_day + timedelta(days=_days(day)), self._rollover_hour)

    def last_review(self, card: AnkiCard) -> datetime | None:
        """The time of the card's last answer in the review log, if it has one there."""
        millis = self._last_review.get(card.id)
        if millis is not None:
            return datetime.fromtimestamp(millis / 1000, UTC)
        return None


def _days(value: int) -> int:
    return min(max(value, -MAX_DAYS), MAX_DAYS)


def _memory(card: AnkiCard) -> tuple[float | None, float | None, float | None]:
    """(stability, difficulty, last review time) from ``cards.data``; what is missing or out of range is None."""
    try:
        data = json.loads(card.data) if card.data.startswith("{") else {}
    except (ValueError, RecursionError):
        return None, None, None
    if not isinstance(data, dict):
        return None, None, None

    def number(key: str, low: float, high: float) -> float | None:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            return None  # NaN fails every comparison too
        return float(value)

    stability, difficulty = number("s", 0.001, MAX_STABILITY), number("d", 1.0, 10.0)
    if stability is None or difficulty is None:
        stability = difficulty = None
    return stability, difficulty, number("lrt", 1.0, MAX_EPOCH_SECONDS)


def _step(left: int, steps: tuple[int, ...]) -> int:
    """Anki counts the steps still to go (``left % 1000``); we keep the index of the current one."""
    if not steps:
        return 0
    return min(len(steps) - 1, max(0, len(steps) - left % 1000))


def imported_schedule(card: AnkiCard, reader: ScheduleReader) -> ForeignSchedule:
    """The inverse of ``scheduled_card``: an Anki card row as our card state."""
    state = STATES.get(card.type, CardState.NEW)
    suspended, buried = card.queue == QUEUE_SUSPENDED, card.queue in QUEUE_BURIED
    if state is CardState.NEW:
        return ForeignSchedule(SchedulingState(), suspended, buried)
    stability, difficulty, last_time = _memory(card)
    if state is CardState.REVIEW:
        due = reader.due_day(card.due)
        step = None
    else:
        in_seconds = EPOCH_SECONDS_FROM < card.due < MAX_EPOCH_SECONDS
        due = datetime.fromtimestamp(card.due, UTC) if in_seconds else reader.due_day(card.due)
        steps = DEFAULT_STEPS.learning_steps if state is CardState.LEARNING else DEFAULT_STEPS.relearning_steps
        step = _step(card.left, steps)
    interval = min(max(1, card.ivl), MAX_DAYS)
    # Anki's own order: the memory state's time, else (our addition) the log's last answer, else due - interval
    last_review = datetime.fromtimestamp(last_time, UTC) if last_time is not None else reader.last_review(card)
    if last_review is None and state is CardState.REVIEW:
        last_review = due - timedelta(days=interval)
    if stability is None and state is not CardState.LEARNING:  # scheduled by SM-2: derive it as Anki does
        factor = min(max(card.factor, 0), 100 * DEFAULT_FACTOR) or DEFAULT_FACTOR
        stability, difficulty = memory_from_sm2(factor / 1000, interval)
    return ForeignSchedule(
        SchedulingState(
            state=state,
            step=step,
            stability=stability,
            difficulty=difficulty,
            due=due,
            last_review=last_review,
            reps=card.reps,
            lapses=card.lapses,
        ),
        suspended,
        buried,
    )
