"""The SQLite engine and its settings, chosen deliberately.

* WAL: readers never block the writer, and a crash leaves committed data intact.
* ``synchronous=FULL``: each commit is fsynced, so a committed answer survives
  power loss, not just a process crash (NORMAL in WAL mode could lose the last
  transactions on power loss).
* ``foreign_keys=ON``: SQLite leaves it off by default.
* Transactions begin explicitly (the pysqlite recipe from SQLAlchemy's docs),
  so each unit of work is one real SQLite transaction.

The same settings serve both kinds of connection: the SQLAlchemy engine's
(units of work, through the ORM) and the plain ``sqlite3`` one that reads the
deck list and runs reviews.  SQLAlchemy is imported only when an engine is
made, so a command that only reads the deck list never loads it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyapp.domain.errors import (
    CollectionDamaged,
    CollectionError,
    CollectionLocked,
    CollectionNotTidied,
    CollectionReadOnly,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 5000


def make_engine(path: Path, *, readonly: bool = False) -> Engine:
    from sqlalchemy import create_engine, event  # loaded with the first engine, not at start-up

    database = _database(path, readonly=readonly)
    url = f"sqlite:///{database}&uri=true" if readonly else f"sqlite:///{database}"
    # SQLAlchemy pools file databases (QueuePool, check_same_thread off): a unit of work
    # reuses an open connection instead of paying the PRAGMAs and schema read each time.
    # Sessions and ORM objects still never cross threads; only idle connections are shared.
    engine = create_engine(url, pool_size=2, max_overflow=4)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        _configure(dbapi_connection, readonly=readonly)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A plain ``sqlite3`` connection with the engine's settings (BEGIN is the caller's, as in the engine).

    Like the engine's pooled connections it may be handed between threads;
    whoever holds it uses it alone.
    """
    connection = sqlite3.connect(_database(path, readonly=readonly), uri=readonly, check_same_thread=False)
    try:
        _configure(connection, readonly=readonly)
    except BaseException:
        connection.close()
        raise
    return connection


def _database(path: Path, *, readonly: bool) -> str:
    if readonly:
        return f"file:{path.resolve().as_posix()}?mode=ro{_immutable_flag(path)}"
    return path.resolve().as_posix()


def _configure(connection: sqlite3.Connection, *, readonly: bool) -> None:
    connection.isolation_level = None
    cursor = connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _immutable_flag(path: Path) -> str:
    """On read-only media SQLite cannot create the WAL index (-shm) it needs even to read.

    When nothing can be writing (the folder is read-only) and no WAL holds
    newer pages, the file may be opened as immutable instead.
    """
    wal = path.with_name(path.name + "-wal")
    if os.access(path.parent, os.W_OK) or (wal.exists() and wal.stat().st_size > 0):
        return ""
    return "&immutable=1"


def sidecars_present(path: Path) -> tuple[bool, bool]:
    """Whether the ``-wal`` and ``-shm`` files exist beside ``path``."""
    return path.with_name(path.name + "-wal").exists(), path.with_name(path.name + "-shm").exists()


def remove_reader_sidecars(path: Path, present_before: tuple[bool, bool]) -> None:
    """Tidy the ``-wal``/``-shm`` a read-only engine made (it cannot remove them itself).

    One writable connection is opened and closed: SQLite then removes them
    if, and only if, no other connection has the file open, so a window
    using the collection meanwhile is never disturbed.
    """
    if all(present_before) or sidecars_present(path) == present_before:
        return
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return
    with suppress(sqlite3.Error), closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA schema_version").fetchone()


def translate(error: BaseException, path: Path) -> CollectionError:
    """Turn an SQLite failure into one sentence the user can act on."""
    text = str(getattr(error, "orig", error)).lower()
    if "locked" in text or "busy" in text:
        return CollectionLocked(f"The collection {path} is busy in another program; try again.")
    if "readonly" in text or "read-only" in text:
        return CollectionReadOnly(f"The collection {path} is read-only; nothing was changed.")
    if "full" in text:
        return CollectionError(f"The disk holding {path} is full; nothing was changed.")
    if "disk i/o" in text:
        return CollectionError(f"A disk error occurred while writing {path}; nothing was changed.")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return CollectionDamaged(
            path,
            f"The collection {path} is damaged ({text}).",
            "Restore a backup (Backups lists them) or salvage what is readable with 'studyapp check --repair'.",
        )
    if "unable to open" in text:
        return CollectionReadOnly(f"The collection {path} cannot be opened ({text}).")
    return CollectionError(f"The collection {path} could not be used: {text}.")


def _is_database_error(error: BaseException) -> bool:
    """An sqlite3 error, raised as is or wrapped by SQLAlchemy (which keeps it as ``orig``)."""
    return isinstance(error, sqlite3.DatabaseError) or isinstance(getattr(error, "orig", None), sqlite3.DatabaseError)


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """Nothing above storage sees a SQLAlchemy or sqlite3 exception."""
    try:
        yield
    except Exception as error:
        if not _is_database_error(error):
            raise
        raise translate(error, path) from error


@contextmanager
def translated_after_commit(path: Path) -> Iterator[None]:
    """For work after the last commit (the checkpoint at close): a failure here loses nothing, and says so."""
    try:
        yield
    except Exception as error:
        if not _is_database_error(error):
            raise
        text = str(getattr(error, "orig", error)).lower()
        journal = f"{path.name}-wal"
        if "full" in text:
            why = f"the disk holding {path.parent} is full, so SQLite could not move them from its journal ({journal})"
        else:
            why = f"SQLite could not move them from its journal ({journal}: {text})"
        raise CollectionNotTidied(
            f"{why} into the collection file. It does so the next time the collection is opened with room on the disk."
        ) from error
