"""The deletion log: deleted cards kept so they can be added again (the ``deleted_cards`` table)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from studyapp.domain.cards import CardKind
from studyapp.storage.convert import split_tags
from studyapp.storage.records import DeletedCardRecord
from studyapp.storage.repositories.cards import NewCard


@dataclass(frozen=True, slots=True)
class DeletedEntry:
    """One card from the deletion log, with what it takes to add it again."""

    id: int
    deleted_at: datetime
    guid: str
    deck: str
    kind: CardKind
    front: str
    back: str
    tags: tuple[str, ...]

    def as_new_card(self, deck_id: int) -> NewCard:
        """The card to add again: its content and GUID, new scheduling (the log keeps no history)."""
        return NewCard(deck_id, self.kind, self.front, self.back, self.guid, tags=self.tags)


class DeletionLog:
    """The ``deleted_cards`` table, read and trimmed inside a unit of work."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def entries(self, ids: Sequence[int] | None = None, since: datetime | None = None) -> list[DeletedEntry]:
        query = select(DeletedCardRecord).order_by(DeletedCardRecord.deleted_at, DeletedCardRecord.id)
        if ids is not None:
            query = query.where(DeletedCardRecord.id.in_(list(ids)))
        if since is not None:
            query = query.where(DeletedCardRecord.deleted_at >= since)
        return [_entry(r) for r in self._session.scalars(query)]

    def newest(self, limit: int) -> list[DeletedEntry]:
        """The ``limit`` most recent deletions, newest first (for a list the user picks from)."""
        query = (
            select(DeletedCardRecord)
            .order_by(DeletedCardRecord.deleted_at.desc(), DeletedCardRecord.id.desc())
            .limit(max(0, limit))
        )
        return [_entry(r) for r in self._session.scalars(query)]

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(DeletedCardRecord)) or 0)

    def forget(self, ids: Sequence[int]) -> None:
        """Drop entries whose cards are back in the collection (deleting them again logs them again)."""
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            self._session.execute(delete(DeletedCardRecord).where(DeletedCardRecord.id.in_(chunk)))


def _entry(r: DeletedCardRecord) -> DeletedEntry:
    return DeletedEntry(
        id=r.id,
        deleted_at=r.deleted_at,
        guid=r.guid,
        deck=r.deck_name,
        kind=CardKind(r.kind),
        front=r.front,
        back=r.back,
        tags=split_tags(r.tags),
    )
