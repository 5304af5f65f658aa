"""Decks and presets: names, hierarchy and the deck list's counts."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from studyapp.domain.cards import CardState
from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId, DeckId, PresetId
from studyapp.domain.scheduling import DeckOptions
from studyapp.storage.convert import apply_options, options_from_record
from studyapp.storage.records import CardRecord, DeckRecord, PresetRecord
from studyapp.storage.types import to_millis

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
    new_per_day: int
    reviews_per_day: int


_AVAILABLE = "suspended = 0 AND (buried_until IS NULL OR buried_until <= ?)"
_DECKS_SQL = (
    "SELECT d.id, d.name, d.preset_id, p.new_per_day, p.reviews_per_day"
    " FROM decks AS d JOIN presets AS p ON p.id = d.preset_id ORDER BY d.name"
)
_TOTALS_SQL = "SELECT deck_id, count(*) FROM cards GROUP BY deck_id"
_DONE_TODAY_SQL = (
    f"SELECT c.deck_id, sum(r.prior_state = {int(CardState.NEW)}), sum(r.prior_state = {int(CardState.REVIEW)})"
    " FROM reviews AS r CROSS JOIN cards AS c ON c.id = r.card_id WHERE r.reviewed_at >= ? GROUP BY c.deck_id"
)
_NEW_SQL = (
    f"SELECT count(*) FROM (SELECT 1 FROM cards WHERE deck_id = ? AND state = {int(CardState.NEW)}"
    f" AND {_AVAILABLE} LIMIT ?)"
)
_SCHEDULED_SQL = (
    f"SELECT state, count(*) FROM cards WHERE deck_id = ? AND state IN {SCHEDULED_STATES} AND due < ?"
    f" AND {_AVAILABLE} GROUP BY state"
)


class DeckTallyReader:
    """The deck list's counts in plain SQL on the study connection (``Store.connection_work``).

    The deck list is redrawn after every change, so it skips the ORM like the
    review hot path.  Totals come from one grouped scan of a small index.  New
    and due counts only matter up to the deck's daily limit, so each deck's
    are counted with range searches on the covering index
    ``ix_cards_deck_state_due`` and capped at that limit (a deck never shows
    more than its limit).
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def tallies(
        self, now: datetime, day_start: datetime, day_end: datetime, extra_new: dict[int, int] | None = None
    ) -> list[DeckTally]:
        """``extra_new`` raises some decks' new-card limits for today (custom study)."""
        extra_new = extra_new or {}
        cursor = self._connection.cursor()
        now_ms, end_ms = to_millis(now), to_millis(day_end)
        totals = dict(cursor.execute(_TOTALS_SQL).fetchall())
        done_today = {
            d: (int(n or 0), int(r or 0)) for d, n, r in cursor.execute(_DONE_TODAY_SQL, (to_millis(day_start),))
        }
        tallies = []
        for deck_id, name, preset_id, preset_new_cap, review_cap in cursor.execute(_DECKS_SQL).fetchall():
            new_cap = preset_new_cap + extra_new.get(deck_id, 0)
            (new,) = cursor.execute(_NEW_SQL, (deck_id, now_ms, new_cap)).fetchone()
            by_state = dict(cursor.execute(_SCHEDULED_SQL, (deck_id, end_ms, now_ms)).fetchall())
            new_done, reviews_done = done_today.get(deck_id, (0, 0))
            tallies.append(
                DeckTally(
                    id=DeckId(deck_id),
                    name=name,
                    preset_id=PresetId(preset_id),
                    total=int(totals.get(deck_id, 0)),
                    new=int(new),
                    learning=int(by_state.get(int(CardState.LEARNING), 0) + by_state.get(int(CardState.RELEARNING), 0)),
                    due=min(int(review_cap), int(by_state.get(int(CardState.REVIEW), 0))),
                    new_done_today=new_done,
                    reviews_done_today=reviews_done,
                    new_per_day=int(new_cap),
                    reviews_per_day=int(review_cap),
                )
            )
        return tallies


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

    def preset_name(self, preset_id: int) -> str:
        record = self._session.get(PresetRecord, preset_id)
        if record is None:
            raise UserInputError(f"There is no options preset {preset_id}.")
        return record.name

    def use_preset(self, record: DeckRecord, name: str) -> bool:
        """Give the deck the preset ``name``; a new preset starts as a copy of the deck's. True if created."""
        name = name.strip()
        if not name or len(name) > 200:
            raise UserInputError("A preset name must have 1 to 200 characters.")
        preset = self._session.scalar(select(PresetRecord).where(PresetRecord.name == name))
        created = preset is None
        if preset is None:
            preset = PresetRecord(name=name)
            apply_options(preset, self.options(record.preset_id))
            self._session.add(preset)
            self._session.flush()
        record.preset_id = preset.id
        return created

    def presets(self) -> list[tuple[str, int]]:
        """Every preset's name and how many decks use it, by name (a preset no deck uses is listed too)."""
        query = (
            select(PresetRecord.name, func.count(DeckRecord.id))
            .join(DeckRecord, DeckRecord.preset_id == PresetRecord.id, isouter=True)
            .group_by(PresetRecord.id)
            .order_by(func.lower(PresetRecord.name))
        )
        return [(name, int(count)) for name, count in self._session.execute(query)]

    def options_named(self, name: str) -> DeckOptions:
        """The options of preset ``name``."""
        record = self._session.scalar(select(PresetRecord).where(PresetRecord.name == name))
        if record is None:
            raise UserInputError(f"There is no options preset named {name!r}.")
        return options_from_record(record)

    def decks_using(self, preset_id: int) -> int:
        return int(self._session.scalar(select(func.count()).where(DeckRecord.preset_id == preset_id)) or 0)

    def presets_in_use(self) -> list[int]:
        """The presets that some deck uses, in id order."""
        return list(self._session.scalars(select(DeckRecord.preset_id).distinct().order_by(DeckRecord.preset_id)))

    def save_options(self, preset_id: int, options: DeckOptions) -> None:
        record = self._session.get(PresetRecord, preset_id)
        if record is None:
            raise UserInputError(f"There is no options preset {preset_id}.")
        apply_options(record, options)

    def move_cards(self, card_ids: list[int], deck: DeckRecord, now: datetime) -> None:
        self._session.execute(
            update(CardRecord).where(CardRecord.id.in_(card_ids)).values(deck_id=deck.id, modified=now)
        )
