"""Reading a deck subtree for export: cards with their source, options and review history.

Export reads every card of a deck, so the query selects plain columns
(SQLAlchemy Core) and builds one flat, slotted row per card; ORM records and
domain ``Card`` objects cost more than the rest of the export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import BigInteger, Table, select, type_coerce
from sqlalchemy.orm import Session

from studyapp.domain.cards import CardKind, CardState
from studyapp.domain.ids import CardId
from studyapp.domain.scheduling import DeckOptions, SchedulingState
from studyapp.storage.convert import options_from_record, state_from_json
from studyapp.storage.records import CardRecord, DeckRecord, PresetRecord, ReviewRecord, SourceRecord
from studyapp.storage.repositories.decks import DeckRepository
from studyapp.storage.types import from_millis

CHUNK = 500
CARDS = cast(Table, CardRecord.__table__)
KINDS = {kind.value: kind for kind in CardKind}
STATES = {int(state): state for state in CardState}


@dataclass(frozen=True, slots=True)
class ExportCard:
    """What the package needs of one card: content, identity, order and schedule.

    ``modified`` is epoch seconds (Anki's ``mod``); ``due``/``last_review``
    are only read for scheduled exports.
    """

    id: CardId
    guid: str
    kind: CardKind
    front: str
    back: str
    deck_name: str
    tags: tuple[str, ...]
    fact: str
    source_sentence: str
    source_title: str
    context: str
    position: int
    modified: int
    suspended: bool
    state: CardState
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime | None
    last_review: datetime | None
    reps: int
    lapses: int
    options: DeckOptions


@dataclass(frozen=True, slots=True)
class ExportReview:
    """One answer as Anki's revlog needs it: the schedule before and after."""

    card_id: CardId
    reviewed_at: datetime
    rating: int
    prior_state: CardState
    duration_ms: int
    before: SchedulingState
    after: SchedulingState


def _datetime(millis: int | None) -> datetime | None:
    return None if millis is None else from_millis(millis)


class ExportRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def cards(self, deck_name: str) -> list[ExportCard]:
        """Cards of the deck and its subdecks, in new-card order."""
        decks = DeckRepository(self._session)
        deck_ids = decks.subtree_ids(decks.require(deck_name))
        presets = {r.id: options_from_record(r) for r in self._session.scalars(select(PresetRecord))}
        deck_rows = self._session.execute(
            select(DeckRecord.id, DeckRecord.name, DeckRecord.preset_id).where(DeckRecord.id.in_(deck_ids))
        )
        deck_info = {deck_id: (name, presets.get(preset_id, DeckOptions())) for deck_id, name, preset_id in deck_rows}
        titles: dict[int, str] = {
            row.id: row.title for row in self._session.execute(select(SourceRecord.id, SourceRecord.title))
        }
        columns = CARDS.c
        statement = (
            select(
                columns.id,
                columns.guid,
                columns.kind,
                columns.front,
                columns.back,
                columns.deck_id,
                columns.tags,
                columns.fact,
                columns.source_sentence,
                columns.source_id,
                columns.context,
                columns.position,
                type_coerce(columns.modified, BigInteger),
                columns.suspended,
                columns.state,
                columns.step,
                columns.stability,
                columns.difficulty,
                type_coerce(columns.due, BigInteger),
                type_coerce(columns.last_review, BigInteger),
                columns.reps,
                columns.lapses,
            )
            .where(columns.deck_id.in_(deck_ids))
            .order_by(columns.position, columns.id)
        )
        # Times come as raw milliseconds (type_coerce): converting every timestamp
        # through the column type costs more than writing the package.
        raw = self._session.connection().execute(statement)
        found: list[ExportCard] = []
        for (
            card_id,
            guid,
            kind,
            front,
            back,
            deck_id,
            tags,
            fact,
            sentence,
            source_id,
            context,
            position,
            modified,
            suspended,
            state,
            step,
            stability,
            difficulty,
            due,
            last_review,
            reps,
            lapses,
        ) in raw:
            deck, options = deck_info[deck_id]
            found.append(
                ExportCard(
                    CardId(card_id),
                    guid,
                    KINDS[kind],
                    front,
                    back,
                    deck,
                    tuple(tags.split()),
                    fact,
                    sentence,
                    (titles.get(source_id) or "") if source_id is not None else "",
                    context,
                    position,
                    (modified or 0) // 1000,
                    bool(suspended),
                    STATES[state],
                    step,
                    stability,
                    difficulty,
                    _datetime(due),
                    _datetime(last_review),
                    reps,
                    lapses,
                    options,
                )
            )
        return found

    def reviews(self, card_ids: list[CardId]) -> list[ExportReview]:
        """Review history of these cards, oldest first."""
        found: list[ExportReview] = []
        for start in range(0, len(card_ids), CHUNK):
            chunk = card_ids[start : start + CHUNK]
            for record in self._session.scalars(select(ReviewRecord).where(ReviewRecord.card_id.in_(chunk))):
                found.append(
                    ExportReview(
                        card_id=CardId(record.card_id),
                        reviewed_at=record.reviewed_at,
                        rating=record.rating,
                        prior_state=CardState(record.prior_state),
                        duration_ms=record.duration_ms,
                        before=state_from_json(record.state_before),
                        after=state_from_json(record.state_after),
                    )
                )
        found.sort(key=lambda r: (r.reviewed_at, r.card_id))
        return found
