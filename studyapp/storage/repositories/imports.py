"""Storing many imported cards at once: bulk inserts and updates keyed by GUID.

The ORM's one-object-per-card path is far too slow for a 100k-card package;
these statements go through SQLAlchemy Core's executemany instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from studyapp.storage.convert import join_tags
from studyapp.storage.records import CardRecord
from studyapp.storage.repositories.cards import NewCard, check_field

CHUNK = 500
CARDS = cast(Table, CardRecord.__table__)


class ImportRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def ids_by_guid(self, guids: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(guids), CHUNK):
            chunk = guids[start : start + CHUNK]
            rows = self._session.execute(select(CardRecord.guid, CardRecord.id).where(CardRecord.guid.in_(chunk)))
            found.update({guid: card_id for guid, card_id in rows})
        return found

    def add_many(self, cards: Iterable[NewCard], now: datetime, first_position: int) -> int:
        """New cards in the given order, positioned from ``first_position``."""
        rows = []
        for offset, card in enumerate(cards):
            check_field("front", card.front)
            check_field("back", card.back)
            rows.append(
                {
                    "guid": card.guid,
                    "deck_id": card.deck_id,
                    "source_id": card.source_id,
                    "kind": card.kind.value,
                    "front": card.front,
                    "back": card.back,
                    "source_sentence": card.source_sentence,
                    "fact": card.fact,
                    "tags": join_tags(card.tags),
                    "position": first_position + offset,
                    "created": now,
                    "modified": now,
                    "suspended": False,
                    "state": 0,
                    "reps": 0,
                    "lapses": 0,
                }
            )
        if rows:
            self._session.connection().execute(insert(CARDS), rows)  # Core: no ORM bookkeeping
        return len(rows)

    def update_many(self, changes: Iterable[tuple[int, NewCard]], now: datetime) -> int:
        """New content, deck and tags for existing cards; their schedule is kept."""
        rows = []
        for card_id, card in changes:
            check_field("front", card.front)
            check_field("back", card.back)
            rows.append(
                {
                    "card_id": card_id,
                    "deck_id": card.deck_id,
                    "kind": card.kind.value,
                    "front": card.front,
                    "back": card.back,
                    "fact": card.fact,
                    "tags": join_tags(card.tags),
                    "modified": now,
                }
            )
        if rows:
            statement = (
                update(CARDS)
                .where(CARDS.c.id == bindparam("card_id"))
                .values(
                    deck_id=bindparam("deck_id"),
                    kind=bindparam("kind"),
                    front=bindparam("front"),
                    back=bindparam("back"),
                    fact=bindparam("fact"),
                    tags=bindparam("tags"),
                    modified=bindparam("modified"),
                )
            )
            self._session.connection().execute(statement, rows)
        return len(rows)
