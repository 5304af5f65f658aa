"""Cards and answers read from another program's file (Anki's), in the shapes the whole import shares.

The file readers (``studyapp.anki``) build them, the bulk insert
(``storage.repositories.imports``) stores them, always by field name.
Immutable, but named tuples rather than frozen dataclasses: a package holds
100k cards and a million review-log rows, and a frozen dataclass measured
five times slower to build (one ``object.__setattr__`` per field).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from studyapp.domain.cards import CardKind, CardState
from studyapp.domain.scheduling import DeckOptions, SchedulingState


@dataclass(frozen=True, slots=True)
class ForeignSchedule:
    """What a card brings of its progress: its FSRS state, and whether it is suspended or buried."""

    state: SchedulingState
    suspended: bool = False
    buried: bool = False


class ForeignCard(NamedTuple):
    """A card to add or update; ``guid`` is its identity across imports.

    ``deck`` is empty when the file does not say (the import's deck is used).
    ``schedule`` is None for a card that is new and neither suspended nor buried.
    """

    guid: str
    kind: CardKind
    front: str
    back: str
    deck: str = ""
    tags: tuple[str, ...] = ()
    fact: str = ""
    source_sentence: str = ""
    context: str = ""
    schedule: ForeignSchedule | None = None


class ForeignReview(NamedTuple):
    """One answer from the other program's review log, with its id there (Anki's revlog id).

    The id lets a later import of the same history recognise the answer instead of adding it twice.
    """

    card_guid: str
    foreign_id: int
    reviewed_at: datetime
    rating: int
    prior_state: CardState
    duration_ms: int
    before: SchedulingState
    after: SchedulingState


@dataclass(frozen=True, slots=True)
class ForeignPreset:
    """An options preset shared by the decks named in ``decks``; ``foreign_id`` is its id in the file (Anki's).

    ``origin`` names the file, for a clear name when the collection has a preset of this name already;
    ``left_out`` names the file's options the preset could not take.
    """

    name: str
    foreign_id: int
    options: DeckOptions
    decks: tuple[str, ...]
    origin: str
    left_out: tuple[str, ...] = ()
