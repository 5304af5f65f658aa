"""The SQLite engine and its settings, chosen deliberately.

* WAL: readers never block the writer, and a crash leaves committed data intact.
* ``synchronous=FULL``: each commit is fsynced, so a committed answer survives
  power loss, not just a process crash (NORMAL in WAL mode could lose the last
  transactions on power loss).
* ``foreign_keys=ON``: SQLite leaves it off by default.
* Transactions begin explicitly (the pysqlite recipe from SQLAlchemy's docs),
  so each unit of work is one real SQLite transaction.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc

from studyapp.domain.errors import (
    CollectionDamaged,
    CollectionError,
    CollectionLocked,
    CollectionNotTidied,
    CollectionReadOnly,
)

BUSY_TIMEOUT_MS = 5000


def make_engine(path: Path, *, readonly: bool = False) -> Engine:
    if readonly:
        url = f"sqlite:///file:{path.resolve().as_posix()}?mode=ro{_immutable_flag(path)}&uri=true"
    else:
        url = f"sqlite:///{path.resolve().as_posix()}"
    # SQLAlchemy pools file databases (QueuePool, check_same_thread off): a unit of work
    # reuses an open connection instead of paying the PRAGMAs and schema read each time.
    # Sessions and ORM objects still never cross threads; only idle connections are shared.
    engine = create_engine(url, pool_size=2, max_overflow=4)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


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


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """Nothing above storage sees a SQLAlchemy or sqlite3 exception."""
    try:
        yield
    except (exc.OperationalError, exc.DatabaseError, sqlite3.DatabaseError) as error:
        raise translate(error, path) from error


@contextmanager
def translated_after_commit(path: Path) -> Iterator[None]:
    """For work after the last commit (the checkpoint at close): a failure here loses nothing, and says so."""
    try:
        yield
    except (exc.OperationalError, exc.DatabaseError, sqlite3.DatabaseError) as error:
        text = str(getattr(error, "orig", error)).lower()
        journal = f"{path.name}-wal"
        if "full" in text:
            why = f"the disk holding {path.parent} is full, so SQLite could not move them from its journal ({journal})"
        else:
            why = f"SQLite could not move them from its journal ({journal}: {text})"
        raise CollectionNotTidied(
            f"{why} into the collection file. It does so the next time the collection is opened with room on the disk."
        ) from error
