"""An open collection: the checked file, its engine, its lock and units of work."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.domain.errors import CollectionError, CollectionReadOnly
from studyapp.storage.connection_work import ConnectionWork
from studyapp.storage.engine import (
    connect,
    make_engine,
    remove_reader_sidecars,
    sidecars_present,
    translated_after_commit,
    translated_errors,
)
from studyapp.storage.file_check import HEAD_REVISION, SCHEMA_VERSION, check_header
from studyapp.storage.lock import CollectionLock

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from studyapp.storage.unit_of_work import UnitOfWork


class Store:
    """Owns the connections; hands out one unit of work per user action.

    Opening for writing takes the collection lock, refuses files that are not
    ours or too new (reading only the header), then migrates to the newest
    schema, which is checked by comparing the stored revision with the head
    (plain SQL: Alembic loads only to migrate).  ``readonly`` opens skip the
    lock and never write.

    Opening, the deck list and reviews use a plain ``sqlite3`` connection;
    the SQLAlchemy engine (and the ORM) is made on the first unit of work,
    so start-up and the reading commands never import it.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection, lock: CollectionLock | None) -> None:
        self.path = path
        self._lock = lock
        self.commits = 0  # commits through this store: close-time work skips untouched collections
        self.backup_mark: tuple[int, Path] | None = None  # (commits, backup) when that backup held this state
        self._study_lock = threading.Lock()
        self._study_connection: sqlite3.Connection | None = connection  # see ``connection_work``
        self._sidecars_before: tuple[bool, bool] = (True, True)  # read-only opens: what to tidy at close
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The ORM's engine, made (and SQLAlchemy imported) on first use."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = make_engine(self.path, readonly=self.readonly)
            return self._engine

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
            try:
                with translated_errors(path):
                    connection = connect(path, readonly=True)
                try:
                    with translated_errors(path):
                        (version,) = connection.execute("PRAGMA user_version").fetchone()  # sees the WAL too
                    if version < SCHEMA_VERSION:
                        raise CollectionError(
                            f"The collection {path} is in an older format; open it once in StudyApp to upgrade it."
                        )
                except BaseException:
                    connection.close()
                    raise
            except BaseException:
                remove_reader_sidecars(path, sidecars)
                raise
            store = cls(path, connection, None)
            store._sidecars_before = sidecars
            return store
        _check_writable(path)
        lock = CollectionLock(path)
        lock.acquire()
        try:
            with translated_errors(path):
                connection = connect(path)
        except BaseException:
            lock.release()
            raise
        store = cls(path, connection, lock)
        try:
            if header.user_version != SCHEMA_VERSION or _revision(connection, path) != HEAD_REVISION:
                _migrate(store.engine, path)
        except BaseException:
            store._let_go(connection)
            raise
        return store

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """One transaction: committed only by ``uow.commit()``, rolled back on any error."""
        from sqlalchemy.orm import Session  # the ORM loads with the first unit of work

        from studyapp.storage.unit_of_work import UnitOfWork

        with translated_errors(self.path), Session(self.engine, expire_on_commit=False) as session:
            try:
                yield UnitOfWork(session, self._mark_changed)
            finally:
                if session.in_transaction():
                    session.rollback()

    @contextmanager
    def connection_work(self) -> Iterator[ConnectionWork]:
        """The deck list's and the review hot path's transaction, without an ORM session.

        It runs on the study connection, a plain ``sqlite3`` connection opened
        with the store and kept for its lifetime, so fetching and answering
        skip even the pool's checkout and reset (~20 us each) and the deck list
        needs no SQLAlchemy.  A lock lets one transaction at a time use it; a
        second one meanwhile (another thread, or nested) takes a connection
        from the engine's pool instead of waiting.  ``BEGIN`` is deferred: the
        write lock is taken by the first write, as in a unit of work, and
        nothing stays open between transactions.
        """
        with translated_errors(self.path):
            if self._study_lock.acquire(blocking=False):
                try:
                    if self._study_connection is None:
                        raise CollectionError(f"The collection {self.path} is closed.")
                    with _transaction(self._study_connection, self._mark_changed) as work:
                        yield work
                finally:
                    self._study_lock.release()
            else:
                pooled = self.engine.raw_connection()
                try:
                    connection = pooled.driver_connection
                    assert isinstance(connection, sqlite3.Connection)
                    with _transaction(connection, self._mark_changed) as work:
                        yield work
                finally:
                    pooled.close()  # back to the pool (which would also roll back anything left open)

    @property
    def changed(self) -> bool:
        return self.commits > 0

    def _mark_changed(self) -> None:
        self.commits += 1

    def integrity_problems(self) -> list[str]:
        """SQLite's own integrity and foreign-key checks; empty when healthy."""
        problems: list[str] = []
        with translated_errors(self.path), self.engine.connect() as connection:
            for (row,) in connection.exec_driver_sql("PRAGMA integrity_check"):
                if row != "ok":
                    problems.append(f"SQLite integrity check: {row}")
            for row in connection.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"Broken reference in table {row[0]} (row {row[1]} -> {row[2]})")
        return problems

    def close(self) -> None:
        """Fold the WAL back in, then let go; a failing checkpoint still releases the connections and the lock."""
        with self._study_lock:  # waits for a transaction still running on it
            connection, self._study_connection = self._study_connection, None
        try:
            with self._engine_lock:  # first: a pooled connection would hold the TRUNCATE checkpoint for busy_timeout
                if self._engine is not None:
                    self._engine.dispose()
            if connection is not None and not self.readonly:
                with translated_after_commit(self.path):
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._let_go(connection)

    def _let_go(self, connection: sqlite3.Connection | None) -> None:
        """Close the study connection and the engine's, then release the lock (or tidy a reader's sidecars)."""
        try:
            if connection is not None:
                connection.close()
            with self._engine_lock:
                if self._engine is not None:
                    self._engine.dispose()  # the last connection to close folds in and removes the WAL
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None
            else:
                remove_reader_sidecars(self.path, self._sidecars_before)


@contextmanager
def _transaction(connection: sqlite3.Connection, on_commit: Callable[[], None]) -> Iterator[ConnectionWork]:
    """BEGIN on the DBAPI connection; rolled back unless ``work.commit()`` ran."""
    connection.execute("BEGIN")
    try:
        yield ConnectionWork(connection, on_commit)
    finally:
        if connection.in_transaction:
            connection.rollback()


def _revision(connection: sqlite3.Connection, path: Path) -> str | None:
    """The Alembic revision recorded in the file, read with plain SQL (no Alembic import)."""
    with translated_errors(path):
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


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
