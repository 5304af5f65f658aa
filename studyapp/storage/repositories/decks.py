"""Decks and presets: names and hierarchy (the deck list's counts are in ``deck_tallies``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from studyapp.domain.deck_names import SEPARATOR
from studyapp.domain.errors import UserInputError
from studyapp.domain.foreign import ForeignPreset
from studyapp.domain.ids import CardId, DeckId
from studyapp.domain.scheduling import DeckOptions
from studyapp.storage.convert import apply_options, options_from_record
from studyapp.storage.records import CardRecord, DeckRecord, PresetRecord


def normalise_name(name: str) -> str:
    """Trim each level of ``Parent::Child``; refuse empty levels."""
    parts = [part.strip() for part in name.split(SEPARATOR)]
    if not name.strip() or any(not part for part in parts):
        raise UserInputError(f"'{name}' is not a valid deck name (empty level).")
    if len(name) > 500:
        raise UserInputError("Deck names are limited to 500 characters.")
    return SEPARATOR.join(parts)


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

    def import_preset(self, preset: ForeignPreset, decks: list[DeckRecord], new_decks: set[int]) -> str:
        """Give ``decks`` the imported ``preset``; the name it has here.

        The preset an earlier import of the same config made (same foreign id, used by one of
        ``decks``) is updated; otherwise a new one is made, named ``NAME (FILE)`` if ``NAME`` is taken.
        Only decks made by this import (``new_decks``) or on an imported preset get it: a deck
        the user gave a preset of their own keeps it.
        """
        in_use = {deck.preset_id for deck in decks}
        record = self._session.scalar(
            select(PresetRecord)
            .where(PresetRecord.anki_config_id == preset.foreign_id, PresetRecord.id.in_(in_use))
            .order_by(PresetRecord.id)
            .limit(1)
        )
        if record is None:
            record = PresetRecord(name=self._free_name(preset), anki_config_id=preset.foreign_id)
            self._session.add(record)
        apply_options(record, preset.options)
        self._session.flush()
        imported = set(
            self._session.scalars(
                select(PresetRecord.id).where(PresetRecord.id.in_(in_use), PresetRecord.anki_config_id.is_not(None))
            )
        )
        for deck in decks:
            if deck.id in new_decks or deck.preset_id in imported:
                deck.preset_id = record.id
        return record.name

    def _free_name(self, preset: ForeignPreset) -> str:
        taken = set(self._session.scalars(select(PresetRecord.name)))
        candidates = [preset.name, f"{preset.name} ({preset.origin})"]
        candidates += (f"{preset.name} ({preset.origin}) {n}" for n in range(2, len(taken) + 3))
        return next(name for name in candidates if name not in taken)

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
