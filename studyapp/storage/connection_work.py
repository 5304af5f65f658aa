"""The study screen's and the deck list's transaction on a plain ``sqlite3`` connection (no SQLAlchemy)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from studyapp.storage.repositories.deck_tallies import DeckTallyReader
from studyapp.storage.repositories.settings_reader import SettingsReader

if TYPE_CHECKING:
    from studyapp.storage.repositories.reviews import StudyRepository


class ConnectionWork:
    """The study screen's transaction: the store's study connection, an explicit BEGIN, no ORM session.

    Fetching the next card and answering it happen every few seconds; a Session
    (identity map, pool events, the begin hook, rollback and close) costs about
    as much as the queries themselves.  Nothing is written until ``commit()``.
    """

    def __init__(self, connection: sqlite3.Connection, on_commit: Callable[[], None] | None = None) -> None:
        self._connection = connection
        self._on_commit = on_commit
        self.settings = SettingsReader(connection)
        self.deck_tallies = DeckTallyReader(connection)

    @cached_property
    def study(self) -> StudyRepository:
        """Built on first use: the review path loads fsrs and the ORM's conversions, the deck list neither."""
        from studyapp.storage.repositories.reviews import StudyRepository

        return StudyRepository(self._connection)

    def commit(self) -> None:
        self._connection.execute("COMMIT")
        if self._on_commit is not None:
            self._on_commit()
