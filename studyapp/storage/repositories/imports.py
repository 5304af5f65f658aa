"""Storing many imported cards at once: bulk inserts and updates keyed by GUID.

A 100k-card package must import about as fast as Anki imports it.  Neither
ORM objects nor Core's per-row parameter processing (a dict per row, a type
conversion per value) fit that budget, so the statements are rendered once
from the table definition and run through the driver's ``executemany`` with
plain tuples; times are converted once per import, not once per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from studyapp.domain.cards import CardKind, ForeignCard
from studyapp.storage.convert import join_tags
from studyapp.storage.records import CardRecord
from studyapp.storage.repositories.cards import MAX_FIELD_CHARS, check_field
from studyapp.storage.types import to_millis

LOOKUP_CHUNK = 5_000
"""GUIDs per ``IN (...)`` lookup; well under SQLite's 32,766 variables."""
CARDS = cast(Table, CardRecord.__table__)
INSERT_COLUMNS = (
    "guid", "deck_id", "kind", "front", "back", "source_sentence", "fact", "tags", "context", "position",
    "source_id", "created", "modified", "suspended", "state", "reps", "lapses",
)  # fmt: skip
INSERT_CONSTANTS = "NULL, {stamp}, {stamp}, 0, 0, 0, 0"
"""The values every imported card starts with, as literals: fewer parameters to bind per row."""
UPDATE_COLUMNS = ("deck_id", "kind", "front", "back", "fact", "tags", "modified")
INSERT_SQL = f"INSERT INTO {CARDS.name} ({', '.join(INSERT_COLUMNS)}) VALUES ({'?, ' * 10}{INSERT_CONSTANTS})"
UPDATE_SQL = (
    f"UPDATE {CARDS.name} SET {', '.join(f'{c} = ?' for c in UPDATE_COLUMNS)},"
    " context = coalesce(nullif(?, ''), context) WHERE id = ?"
)
"""A file without a context for a card (another program's, or an older export) keeps the card's context."""
KIND_VALUES = {kind: kind.value for kind in CardKind}
"""An enum member's ``.value`` is a descriptor call; a dict lookup is several times cheaper per row."""


class _Tags(dict[tuple[str, ...], str]):
    """``join_tags`` once per distinct tag set: imports repeat a few sets many times."""

    def __missing__(self, tags: tuple[str, ...]) -> str:
        self[tags] = joined = join_tags(tags)
        return joined


def _check(front: str, back: str, context: str) -> None:
    check_field("front", front)
    check_field("back", back)
    check_field("context", context)


class ImportRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def ids_by_guid(self, guids: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        connection = self._session.connection()
        for start in range(0, len(guids), LOOKUP_CHUNK):
            chunk = tuple(guids[start : start + LOOKUP_CHUNK])
            sql = f"SELECT guid, id FROM {CARDS.name} WHERE guid IN ({', '.join('?' * len(chunk))})"
            found.update((guid, card_id) for guid, card_id in connection.exec_driver_sql(sql, chunk))
        return found

    def add_many(
        self, cards: Iterable[ForeignCard], deck_ids: Mapping[str, int], now: datetime, first_position: int
    ) -> int:
        """New cards in the given order, positioned from ``first_position``; one ``executemany``.

        ``deck_ids`` maps each card's ``deck`` (the empty name included) to the id of its deck.
        """
        stamp = to_millis(now)
        tags = _Tags()
        kinds = KIND_VALUES
        rows: list[tuple[str, int, str, str, str, str, str, str, str, int]] = []
        append = rows.append
        for position, card in enumerate(cards, first_position):
            front, back, context = card.front, card.back, card.context
            if len(front) > MAX_FIELD_CHARS or len(back) > MAX_FIELD_CHARS or len(context) > MAX_FIELD_CHARS:
                _check(front, back, context)
            append(
                (
                    card.guid,
                    deck_ids[card.deck],
                    kinds[card.kind],
                    front,
                    back,
                    card.source_sentence,
                    card.fact,
                    tags[card.tags],
                    context,
                    position,
                )
            )
        if rows:
            self._session.connection().exec_driver_sql(INSERT_SQL.format(stamp=int(stamp)), rows)
        return len(rows)

    def update_many(
        self, changes: Iterable[tuple[int, ForeignCard]], deck_ids: Mapping[str, int], now: datetime
    ) -> int:
        """New content, deck and tags for existing cards (by id); their schedule (and source sentence) is kept."""
        stamp = to_millis(now)
        tags = _Tags()
        rows = []
        for card_id, card in changes:
            front, back, context = card.front, card.back, card.context
            if len(front) > MAX_FIELD_CHARS or len(back) > MAX_FIELD_CHARS or len(context) > MAX_FIELD_CHARS:
                _check(front, back, context)
            rows.append(
                (
                    deck_ids[card.deck],
                    KIND_VALUES[card.kind],
                    front,
                    back,
                    card.fact,
                    tags[card.tags],
                    stamp,
                    context,
                    card_id,
                )
            )
        if rows:
            self._session.connection().exec_driver_sql(UPDATE_SQL, rows)
        return len(rows)
