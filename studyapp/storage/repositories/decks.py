"""Decks and presets: names, hierarchy and the deck list's counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from studyapp.domain.cards import CardState
from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId, DeckId, PresetId
from studyapp.domain.scheduling import DeckOptions
from studyapp.storage.convert import apply_options, options_from_record
from studyapp.storage.records import CardRecord, DeckRecord, PresetRecord, ReviewRecord

SEPARATOR = "::"
SCHEDULED_STATES = (int(CardState.LEARNING), int(CardState.REVIEW), int(CardState.RELEARNING))


def normalise_name(name: str) -> str:
    """Trim each level of ``Parent::Child``; refuse empty levels."""
    parts = [part.strip() for part in name.split(SEPARATOR)]
    if not name.strip() or any(not part for part in parts):
        raise UserInputError(f"'{name}' is not a valid deck name (empty level).")
    if len(name) > 500:
        raise UserInputError("Deck names are limited to 500 characters.")
    return SEPARATOR.join(parts)


@dataclass(frozen=True, slots=True)
class DeckTally:
    """One deck's own cards (children not included) and today's work done."""

    id: DeckId
    name: str
    preset_id: PresetId
    total: int
    new: int
    learning: int
    due: int
    new_done_today: int
    reviews_done_today: int


class DeckRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, name: str) -> DeckRecord | None:
        return self._session.scalar(select(DeckRecord).where(DeckRecord.name == normalise_name(name)))

    def get(self, deck_id: DeckId) -> DeckRecord:
        record = self._session.get(DeckRecord, deck_id)
        if record is None:
            raise UserInputError(f"There is no deck with id {deck_id}.")
        return record

    def require(self, name: str) -> DeckRecord:
        record = self.find(name)
        if record is None:
            raise UserInputError(f"There is no deck named '{name}'.")
        return record

    def get_or_create(self, name: str, now: datetime) -> DeckRecord:
        """Create the deck and any missing parents, as Anki does."""
        name = normalise_name(name)
        parts = name.split(SEPARATOR)
        record: DeckRecord | None = None
        for depth in range(1, len(parts) + 1):
            path = SEPARATOR.join(parts[:depth])
            record = self.find(path)
            if record is None:
                record = DeckRecord(name=path, preset_id=1, created=now)
                self._session.add(record)
                self._session.flush()
        assert record is not None
        return record

    def names(self) -> dict[DeckId, str]:
        rows = self._session.execute(select(DeckRecord.id, DeckRecord.name))
        return {DeckId(deck_id): name for deck_id, name in rows}

    def subtree_ids(self, record: DeckRecord) -> list[int]:
        rows = self._session.scalars(
            select(DeckRecord.id).where(
                or_(
                    DeckRecord.id == record.id,
                    DeckRecord.name.startswith(record.name + SEPARATOR, autoescape=True),
                )
            )
        )
        return list(rows)

    def card_ids_in_subtree(self, record: DeckRecord) -> list[CardId]:
        rows = self._session.scalars(select(CardRecord.id).where(CardRecord.deck_id.in_(self.subtree_ids(record))))
        return [CardId(card_id) for card_id in rows]

    def rename(self, record: DeckRecord, new_name: str) -> None:
        """Rename a deck and move its children with it."""
        new_name = normalise_name(new_name)
        if new_name == record.name:
            return
        if new_name.startswith(record.name + SEPARATOR):
            raise UserInputError("A deck cannot be moved inside itself.")
        if self.find(new_name) is not None:
            raise UserInputError(f"A deck named '{new_name}' already exists.")
        old = record.name
        children = self._session.scalars(
            select(DeckRecord).where(DeckRecord.name.startswith(old + SEPARATOR, autoescape=True))
        ).all()
        record.name = new_name
        for child in children:
            child.name = new_name + child.name[len(old) :]
        self._session.flush()
        parent = new_name.rpartition(SEPARATOR)[0]
        if parent:
            self.get_or_create(parent, record.created)

    def delete(self, record: DeckRecord) -> None:
        for deck_id in sorted(self.subtree_ids(record), reverse=True):
            deck = self._session.get(DeckRecord, deck_id)
            if deck is not None:
                self._session.delete(deck)
        self._session.flush()

    def options(self, preset_id: int) -> DeckOptions:
        record = self._session.get(PresetRecord, preset_id)
        return options_from_record(record) if record is not None else DeckOptions()

    def save_options(self, preset_id: int, options: DeckOptions) -> None:
        record = self._session.get(PresetRecord, preset_id)
        if record is None:
            raise UserInputError(f"There is no options preset {preset_id}.")
        apply_options(record, options)

    def tallies(self, now: datetime, day_start: datetime, day_end: datetime) -> list[DeckTally]:
        """Per-deck counts for the deck list, fast at 100k cards.

        Totals come from one grouped scan of a small index.  New and due counts
        only matter up to the deck's daily limit, so each deck's are counted
        with range searches on the covering index ``ix_cards_deck_state_due``
        and capped at that limit (a deck never shows more than its limit).
        """
        totals = {
            deck_id: count
            for deck_id, count in self._session.execute(
                select(CardRecord.deck_id, func.count()).group_by(CardRecord.deck_id)
            )
        }
        done = select(
            CardRecord.deck_id,
            func.sum(case((ReviewRecord.prior_state == int(CardState.NEW), 1), else_=0)),
            func.sum(case((ReviewRecord.prior_state == int(CardState.REVIEW), 1), else_=0)),
        ).join(CardRecord, CardRecord.id == ReviewRecord.card_id)
        done = done.where(ReviewRecord.reviewed_at >= day_start).group_by(CardRecord.deck_id)
        done_today = {row[0]: (int(row[1] or 0), int(row[2] or 0)) for row in self._session.execute(done)}
        available = and_(
            CardRecord.suspended.is_(False),
            or_(CardRecord.buried_until.is_(None), CardRecord.buried_until <= now),
        )
        decks = self._session.execute(
            select(
                DeckRecord.id,
                DeckRecord.name,
                DeckRecord.preset_id,
                PresetRecord.new_per_day,
                PresetRecord.reviews_per_day,
            )
            .join(PresetRecord, PresetRecord.id == DeckRecord.preset_id)
            .order_by(DeckRecord.name)
        )
        tallies = []
        for deck_id, name, preset_id, new_cap, review_cap in decks:
            in_deck = and_(CardRecord.deck_id == deck_id, available)
            new = self._session.scalar(
                select(func.count()).select_from(
                    select(CardRecord.id)
                    .where(in_deck, CardRecord.state == int(CardState.NEW))
                    .limit(new_cap)
                    .subquery()
                )
            )
            by_state = {
                state: count
                for state, count in self._session.execute(
                    select(CardRecord.state, func.count())
                    .where(in_deck, CardRecord.state.in_(SCHEDULED_STATES), CardRecord.due < day_end)
                    .group_by(CardRecord.state)
                )
            }
            new_done, reviews_done = done_today.get(deck_id, (0, 0))
            tallies.append(
                DeckTally(
                    id=DeckId(deck_id),
                    name=name,
                    preset_id=PresetId(preset_id),
                    total=int(totals.get(deck_id, 0)),
                    new=int(new or 0),
                    learning=int(by_state.get(int(CardState.LEARNING), 0) + by_state.get(int(CardState.RELEARNING), 0)),
                    due=min(int(review_cap), int(by_state.get(int(CardState.REVIEW), 0))),
                    new_done_today=new_done,
                    reviews_done_today=reviews_done,
                )
            )
        return tallies

    def move_cards(self, card_ids: list[int], deck: DeckRecord, now: datetime) -> None:
        self._session.execute(
            update(CardRecord).where(CardRecord.id.in_(card_ids)).values(deck_id=deck.id, modified=now)
        )
