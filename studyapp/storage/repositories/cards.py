"""Cards: content, provenance, deletion log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from studyapp.domain.cards import Card, CardKind, CardState, Rewrite
from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId
from studyapp.domain.scheduling import SchedulingState
from studyapp.storage.convert import card_from_record, join_tags, rewrites_to_json, state_from_record
from studyapp.storage.records import CardRecord, DeckRecord, DeletedCardRecord

MAX_FIELD_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class NewCard:
    """What it takes to store a card; scheduling starts as new."""

    deck_id: int
    kind: CardKind
    front: str
    back: str
    guid: str
    source_id: int | None = None
    source_sentence: str = ""
    source_start: int | None = None
    source_end: int | None = None
    fact: str = ""
    tags: tuple[str, ...] = ()
    context: str = ""
    rewrites: tuple[Rewrite, ...] = ()


def check_field(name: str, value: str) -> None:
    if len(value) > MAX_FIELD_CHARS:
        raise UserInputError(f"The card's {name} is too long ({len(value):,} characters; the limit is 100,000).")


class CardRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, card_id: CardId) -> CardRecord:
        record = self._session.get(CardRecord, card_id)
        if record is None:
            raise UserInputError(f"There is no card with id {card_id}.")
        return record

    def get(self, card_id: CardId) -> Card:
        row = self._session.execute(
            select(CardRecord, DeckRecord.name)
            .join(DeckRecord, DeckRecord.id == CardRecord.deck_id)
            .where(CardRecord.id == card_id)
        ).first()
        if row is None:
            raise UserInputError(f"There is no card with id {card_id}.")
        return card_from_record(row[0], row[1])

    def scheduling_state(self, card_id: CardId) -> SchedulingState:
        return state_from_record(self.record(card_id))

    def states(self, card_ids: list[int]) -> dict[int, CardState]:
        found: dict[int, CardState] = {}
        for start in range(0, len(card_ids), 500):
            rows = self._session.execute(
                select(CardRecord.id, CardRecord.state).where(CardRecord.id.in_(card_ids[start : start + 500]))
            )
            found.update({card_id: CardState(state) for card_id, state in rows})
        return found

    def next_position(self) -> int:
        return int(self._session.scalar(select(func.coalesce(func.max(CardRecord.position), -1))) or 0) + 1

    def existing_guids(self, guids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(guids), 500):
            chunk = guids[start : start + 500]
            found.update(self._session.scalars(select(CardRecord.guid).where(CardRecord.guid.in_(chunk))))
        return found

    def add(self, card: NewCard, now: datetime, position: int) -> CardRecord:
        check_field("front", card.front)
        check_field("back", card.back)
        check_field("context", card.context)
        if not card.front.strip():
            raise UserInputError("A card needs a question (front) or cloze text.")
        record = CardRecord(
            guid=card.guid,
            deck_id=card.deck_id,
            source_id=card.source_id,
            kind=card.kind.value,
            front=card.front,
            back=card.back,
            source_sentence=card.source_sentence,
            source_start=card.source_start,
            source_end=card.source_end,
            fact=card.fact,
            context=card.context.strip(),
            rewrites=rewrites_to_json(card.rewrites),
            tags=join_tags(card.tags),
            position=position,
            created=now,
            modified=now,
            suspended=False,
            state=0,
            reps=0,
            lapses=0,
        )
        self._session.add(record)
        return record

    def edit(
        self,
        card_id: CardId,
        now: datetime,
        *,
        front: str | None = None,
        back: str | None = None,
        tags: tuple[str, ...] | None = None,
        context: str | None = None,
    ) -> CardRecord:
        record = self.record(card_id)
        if front is not None:
            check_field("front", front)
            if not front.strip():
                raise UserInputError("A card needs a question (front) or cloze text.")
            record.front = front
        if back is not None:
            check_field("back", back)
            record.back = back
        if tags is not None:
            record.tags = join_tags(tags)
        if context is not None:
            check_field("context", context)
            record.context = context.strip()
        record.modified = now
        return record

    def delete(self, card_ids: list[CardId], now: datetime) -> int:
        """Delete cards, appending each to the deletion log first."""
        deleted = 0
        for start in range(0, len(card_ids), 500):
            chunk = card_ids[start : start + 500]
            rows = self._session.execute(
                select(CardRecord, DeckRecord.name)
                .join(DeckRecord, DeckRecord.id == CardRecord.deck_id)
                .where(CardRecord.id.in_(chunk))
            ).all()
            for record, deck_name in rows:
                self._session.add(
                    DeletedCardRecord(
                        deleted_at=now,
                        guid=record.guid,
                        deck_name=deck_name,
                        kind=record.kind,
                        front=record.front,
                        back=record.back,
                        tags=record.tags,
                    )
                )
            self._session.execute(delete(CardRecord).where(CardRecord.id.in_(chunk)))
            deleted += len(rows)
        return deleted

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(CardRecord)) or 0)
