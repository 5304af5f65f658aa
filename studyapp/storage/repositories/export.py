"""Reading a deck subtree for export: cards with their source, options and review history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.domain.cards import Card, CardState
from studyapp.domain.ids import CardId
from studyapp.domain.scheduling import DeckOptions, SchedulingState
from studyapp.storage.convert import card_from_record, options_from_record, state_from_json
from studyapp.storage.records import CardRecord, DeckRecord, PresetRecord, ReviewRecord, SourceRecord
from studyapp.storage.repositories.decks import DeckRepository

CHUNK = 500


@dataclass(frozen=True, slots=True)
class ExportCard:
    """A card plus what the package needs beyond the card itself."""

    card: Card
    source_title: str
    step: int | None
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


class ExportRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def cards(self, deck_name: str) -> list[ExportCard]:
        """Cards of the deck and its subdecks, in new-card order."""
        decks = DeckRepository(self._session)
        deck_ids = decks.subtree_ids(decks.require(deck_name))
        presets = {r.id: options_from_record(r) for r in self._session.scalars(select(PresetRecord))}
        rows = self._session.execute(
            select(CardRecord, DeckRecord.name, DeckRecord.preset_id, SourceRecord.title)
            .join(DeckRecord, DeckRecord.id == CardRecord.deck_id)
            .outerjoin(SourceRecord, SourceRecord.id == CardRecord.source_id)
            .where(CardRecord.deck_id.in_(deck_ids))
            .order_by(CardRecord.position, CardRecord.id)
        )
        return [
            ExportCard(
                card=card_from_record(record, deck),
                source_title=title or "",
                step=record.step,
                options=presets.get(preset_id, DeckOptions()),
            )
            for record, deck, preset_id, title in rows
        ]

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
