"""An open collection: the checked file, its engine, its lock and units of work."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, PoolProxiedConnection, text
from sqlalchemy.orm import Session

from studyapp.domain.errors import CollectionError, CollectionReadOnly
from studyapp.storage.engine import (
    make_engine,
    remove_reader_sidecars,
    sidecars_present,
    translated_after_commit,
    translated_errors,
)
from studyapp.storage.file_check import HEAD_REVISION, SCHEMA_VERSION, check_header
from studyapp.storage.lock import CollectionLock
from studyapp.storage.unit_of_work import ConnectionWork, UnitOfWork


class Store:
    """Owns the engine; hands out one unit of work per user action.

    Opening for writing takes the collection lock, refuses files that are not
    ours or too new (reading only the header), then migrates to the newest
    schema.  ``readonly`` opens skip the lock and never write.
    """

    def __init__(self, path: Path, engine: Engine, lock: CollectionLock | None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.changed = False  # set by the first commit; lets close-time work skip untouched collections
        self._study_lock = threading.Lock()
        self._study_connection: PoolProxiedConnection | None = None  # see ``connection_work``
        self._sidecars_before: tuple[bool, bool] = (True, True)  # read-only opens: what to tidy at close

    @property
    def readonly(self) -> bool:
        return self._lock is None

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> Store:
        path = path.expanduser()
        header = check_header(path)
        if readonly:
            if header.empty:
                raise CollectionError(f"There is no collection at {path} yet.")
            sidecars = sidecars_present(path)
            engine = make_engine(path, readonly=True)
            try:
                with translated_errors(path), engine.connect() as connection:
                    version = connection.exec_driver_sql("PRAGMA user_version").scalar_one()  # sees the WAL too
                if version < SCHEMA_VERSION:
                    raise CollectionError(
                        f"The collection {path} is in an older format; open it once in StudyApp to upgrade it."
                    )
            except BaseException:
                engine.dispose()
                remove_reader_sidecars(path, sidecars)
                raise
            store = cls(path, engine, None)
            store._sidecars_before = sidecars
            return store
        _check_writable(path)
        lock = CollectionLock(path)
        lock.acquire()
        engine = make_engine(path)
        try:
            if header.user_version != SCHEMA_VERSION or _revision(engine, path) != HEAD_REVISION:
                _migrate(engine, path)
        except BaseException:
            engine.dispose()
            lock.release()
            raise
        return cls(path, engine, lock)

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """One transaction: committed only by ``uow.commit()``, rolled back on any error."""
        with translated_errors(self.path), Session(self.engine, expire_on_commit=False) as session:
            try:
                yield UnitOfWork(session, self._mark_changed)
            finally:
                if session.in_transaction():
                    session.rollback()

    @contextmanager
    def connection_work(self) -> Iterator[ConnectionWork]:
        """The review hot path's transaction, without an ORM session: committed only by ``work.commit()``.

        It runs on the study connection, a pooled connection kept checked out
        for the store's lifetime so that fetching and answering skip even the
        pool's checkout and reset (~20 us each).  A lock lets one transaction
        at a time use it; a second one meanwhile (another thread, or nested)
        takes a connection from the pool instead of waiting.  ``BEGIN`` is
        deferred: the write lock is taken by the first write, as in a unit of
        work, and nothing stays open between transactions.
        """
        with translated_errors(self.path):
            if self._study_lock.acquire(blocking=False):
                try:
                    if self._study_connection is None:
                        self._study_connection = self.engine.raw_connection()
                    with _transaction(self._study_connection, self._mark_changed) as work:
                        yield work
                finally:
                    self._study_lock.release()
            else:
                pooled = self.engine.raw_connection()
                try:
                    with _transaction(pooled, self._mark_changed) as work:
                        yield work
                finally:
                    pooled.close()  # back to the pool (which would also roll back anything left open)

    def _release_study_connection(self) -> None:
        with self._study_lock:
            if self._study_connection is not None:
                self._study_connection.close()
                self._study_connection = None

    def _mark_changed(self) -> None:
        self.changed = True

    def integrity_problems(self) -> list[str]:
        """SQLite's own integrity and foreign-key checks; empty when healthy."""
        problems: list[str] = []
        with translated_errors(self.path), self.engine.connect() as connection:
            for (row,) in connection.execute(text("PRAGMA integrity_check")):
                if row != "ok":
                    problems.append(f"SQLite integrity check: {row}")
            for row in connection.execute(text("PRAGMA foreign_key_check")):
                problems.append(f"Broken reference in table {row[0]} (row {row[1]} -> {row[2]})")
        return problems

    def close(self) -> None:
        """Fold the WAL back in, then let go; a failing checkpoint still releases the engine and the lock."""
        self._release_study_connection()
        try:
            if not self.readonly:
                with translated_after_commit(self.path), self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.engine.dispose()
            if self._lock is not None:
                self._lock.release()
                self._lock = None
            else:
                remove_reader_sidecars(self.path, self._sidecars_before)


@contextmanager
def _transaction(pooled: PoolProxiedConnection, on_commit: Callable[[], None]) -> Iterator[ConnectionWork]:
    """BEGIN on the DBAPI connection; rolled back unless ``work.commit()`` ran."""
    connection = pooled.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    connection.execute("BEGIN")
    try:
        yield ConnectionWork(connection, on_commit)
    finally:
        if connection.in_transaction:
            connection.rollback()


def _revision(engine: Engine, path: Path) -> str | None:
    """The Alembic revision recorded in the file, read with plain SQL (no Alembic import)."""
    with translated_errors(path), engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(engine: Engine, path: Path) -> None:
    """Bring the file to the newest schema; Alembic is imported only when that is needed."""
    from studyapp.storage import migrate

    with translated_errors(path):
        migrate.upgrade(engine, path)


def _check_writable(path: Path) -> None:
    folder = path.parent
    if path.exists():
        if not os.access(path, os.W_OK):
            raise CollectionReadOnly(f"The collection {path} is read-only; open it read-only or copy it.")
        if not os.access(folder, os.W_OK):
            raise CollectionReadOnly(
                f"The folder {folder} is read-only; SQLite needs to write its journal beside the collection."
            )
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CollectionReadOnly(f"Cannot create the folder {folder}: {exc.strerror}.") from exc
    if not os.access(folder, os.W_OK):
        raise CollectionReadOnly(f"The folder {folder} is read-only; cannot create a collection there.")
