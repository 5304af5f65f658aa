"""One user action's transaction, with the repositories that work inside it."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from studyapp.storage.repositories.browse import BrowseRepository
from studyapp.storage.repositories.cards import CardRepository
from studyapp.storage.repositories.consistency import ConsistencyRepository
from studyapp.storage.repositories.decks import DeckRepository
from studyapp.storage.repositories.deletion_log import DeletionLog
from studyapp.storage.repositories.export import ExportRepository
from studyapp.storage.repositories.imports import ImportRepository
from studyapp.storage.repositories.reviews import ReviewRepository
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
        self.deletion_log = DeletionLog(session)

    def commit(self) -> None:
        self.session.commit()
        if self._on_commit is not None:
            self._on_commit()

    def flush(self) -> None:
        self.session.flush()
