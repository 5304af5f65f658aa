"""Scheduling values shared by the scheduler, storage and the screens."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from studyapp.domain.cards import CardState


class Rating(enum.IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


@dataclass(frozen=True, slots=True)
class SchedulingState:
    """Everything the scheduler needs about one card, and nothing else.

    ``step`` is the learning/relearning step index (None in review).
    """

    state: CardState = CardState.NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0


class CustomStudyKind(enum.Enum):
    """Anki's custom study sessions that show cards outside today's queue."""

    REVIEW_AHEAD = "ahead"  # review cards due in the next N days, before they are due
    FORGOTTEN = "forgotten"  # cards answered Again in the last N days


@dataclass(frozen=True, slots=True)
class CustomStudy:
    kind: CustomStudyKind
    days: int


@dataclass(frozen=True, slots=True)
class DeckOptions:
    """A preset of scheduling options, shared by decks like Anki's presets.

    ``fsrs_parameters`` are the preset's fitted FSRS parameters; empty means FSRS-6's defaults.
    ``bury_new`` and ``bury_reviews`` are Anki's "bury new/review siblings": a
    card's siblings of that kind wait until tomorrow once it is studied.
    """

    desired_retention: float = 0.90
    learning_steps: tuple[int, ...] = (60, 600)
    relearning_steps: tuple[int, ...] = (600,)
    maximum_interval: int = 36500
    enable_fuzz: bool = True
    new_per_day: int = 20
    reviews_per_day: int = 200
    leech_threshold: int = 8
    leech_suspend: bool = True
    fsrs_parameters: tuple[float, ...] = ()
    bury_new: bool = True
    bury_reviews: bool = True
