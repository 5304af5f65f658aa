"""One user action's transaction, with the repositories that work inside it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlalchemy.orm import Session

from studyapp.storage.repositories.browse import BrowseRepository
from studyapp.storage.repositories.cards import CardRepository
from studyapp.storage.repositories.consistency import ConsistencyRepository
from studyapp.storage.repositories.decks import DeckRepository, DeckTallyReader
from studyapp.storage.repositories.export import ExportRepository
from studyapp.storage.repositories.imports import ImportRepository
from studyapp.storage.repositories.reviews import ReviewRepository, StudyRepository
from studyapp.storage.repositories.settings import SettingsRepository
from studyapp.storage.repositories.sources import SourceRepository


class UnitOfWork:
    """Repositories sharing one session; nothing is written until ``commit()``."""

    def __init__(self, session: Session, on_commit: Callable[[], None] | None = None) -> None:
        self.session = session
        self._on_commit = on_commit
        self.decks = DeckRepository(session)
        self.cards = CardRepository(session)
        self.sources = SourceRepository(session)
        self.settings = SettingsRepository(session)
        self.consistency = ConsistencyRepository(session)
        self.reviews = ReviewRepository(session)
        self.export = ExportRepository(session)
        self.imports = ImportRepository(session)
        self.browse = BrowseRepository(session)

    def commit(self) -> None:
        self.session.commit()
        if self._on_commit is not None:
            self._on_commit()

    def flush(self) -> None:
        self.session.flush()


class ConnectionWork:
    """The study screen's transaction: one pooled connection, an explicit BEGIN, no ORM session.

    Fetching the next card and answering it happen every few seconds; a Session
    (identity map, pool events, the begin hook, rollback and close) costs about
    as much as the queries themselves.  Nothing is written until ``commit()``.
    """

    def __init__(self, connection: sqlite3.Connection, on_commit: Callable[[], None] | None = None) -> None:
        self._connection = connection
        self._on_commit = on_commit
        self.study = StudyRepository(connection)
        self.deck_tallies = DeckTallyReader(connection)

    def commit(self) -> None:
        self._connection.execute("COMMIT")
        if self._on_commit is not None:
            self._on_commit()
