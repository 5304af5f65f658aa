"""Backups at the SQLite level: copy, fingerprint, inspect and restore (the deletion log is a repository).

Copies use SQLite's online backup API, so a backup is a consistent snapshot
even while the collection is being written, and restoring copies pages into
the live collection inside one write transaction: a crash during a restore
leaves the old collection, never a mixture.  Backup files are single files
(rollback journal, not WAL) written under a temporary name, fsynced and then
renamed, so a killed backup never leaves a half-written file that looks
finished.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.domain.errors import (
    CollectionCorrupt,
    CollectionError,
    CollectionReadOnly,
    CollectionTooNew,
    UserInputError,
)
from studyapp.storage.engine import make_engine, translated_errors
from studyapp.storage.file_check import PARTIAL_SUFFIX, check_header

if TYPE_CHECKING:  # engines are passed in; SQLAlchemy itself is not needed to list or copy backups
    from sqlalchemy import Connection, Engine

SMALL_TABLE_ROWS = 2000  # tables up to this size are hashed row by row


@dataclass(frozen=True, slots=True)
class BackupFacts:
    """What a backup file holds, learnt without modifying it."""

    revision: str
    cards: int
    fingerprint: str


def write_backup(engine: Engine, target: Path) -> None:
    """Snapshot the collection behind ``engine`` into ``target`` (which must not exist yet)."""
    with translated_errors(target), engine.connect() as connection:
        _write_snapshot(_sqlite(connection), target)


def write_file_backup(collection: Path, target: Path) -> None:
    """Snapshot a collection no engine has open (the caller holds its lock), its WAL included."""
    with translated_errors(collection), closing(sqlite3.connect(collection)) as live:
        _write_snapshot(live, target)


def _write_snapshot(live: sqlite3.Connection, target: Path) -> None:
    partial = _partial_for(target)
    try:
        partial.unlink(missing_ok=True)
        with closing(sqlite3.connect(partial)) as copy:
            live.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        _fsync(partial)
        partial.replace(target)
        _fsync_folder(target.parent)
    except OSError as error:
        raise _os_error(error, target) from error
    except sqlite3.OperationalError as error:  # the copy is what failed: the collection itself is fine
        if "full" not in str(error).lower():
            raise
        raise CollectionError(f"The disk holding {target.parent} is full; no backup was written.") from error
    finally:
        with suppress(OSError):  # on a read-only or full disk there may be nothing to remove, or no way to
            partial.unlink(missing_ok=True)


def _partial_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")


@contextmanager
def no_new_sidecars(collection: Path) -> Iterator[None]:
    """Remove the empty ``-wal``/``-shm`` SQLite leaves beside a file it only read (or could not tidy up).

    Only for files whose lock the caller holds, so no writer can be using them.
    """
    existed = {suffix: _sidecar(collection, suffix).exists() for suffix in ("-wal", "-shm")}
    try:
        yield
    finally:
        wal = _sidecar(collection, "-wal")
        with suppress(OSError):
            if not existed["-wal"] and (not wal.exists() or wal.stat().st_size == 0):
                wal.unlink(missing_ok=True)
                if not existed["-shm"]:
                    _sidecar(collection, "-shm").unlink(missing_ok=True)


def readable_fingerprint(collection: Path) -> str | None:
    """The fingerprint of a collection no engine has open, or None when SQLite finds it damaged.

    ``quick_check`` reads every page once, so a file that only looks fine
    (a flipped byte deep inside) is not taken for a healthy one.
    """
    try:
        check_header(collection)
        with no_new_sidecars(collection), closing(sqlite3.connect(collection)) as db:
            if [row for (row,) in db.execute("PRAGMA quick_check")] != ["ok"]:
                return None
            return _fingerprint(db)
    except (sqlite3.Error, CollectionError):
        return None


def keep_aside(collection: Path, target: Path) -> Path:
    """Copy a (damaged) collection and its WAL to ``target`` byte for byte, before it is replaced."""
    try:
        shutil.copyfile(collection, target)
        wal = _sidecar(collection, "-wal")
        if wal.exists():
            shutil.copyfile(wal, _sidecar(target, "-wal"))
        _fsync(target)
    except OSError as error:
        raise _os_error(error, target, what="the damaged collection was not replaced") from error
    return target


def replace_collection(collection: Path, backup: Path, partial: Path) -> None:
    """Put a migrated copy of ``backup`` where ``collection`` is, without reading ``collection``.

    The copy is made under ``partial`` (see ``partial_beside``).  The caller
    holds the collection lock and has kept the old state.
    """
    try:
        source = _open_immutable(backup)
        with translated_errors(backup), closing(source), closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
        _upgrade(partial, collection)
        install_replacement(partial, collection)
    except OSError as error:
        raise _os_error(error, collection, what="the collection was not replaced") from error
    finally:
        discard(partial)


def partial_beside(collection: Path) -> Path:
    """A fresh temporary name beside ``collection`` for the file that will replace it."""
    partial = _partial_for(collection)
    discard(partial)
    return partial


def install_replacement(partial: Path, collection: Path) -> None:
    """Rename the finished ``partial`` over ``collection``: a crash leaves either file whole.

    The old WAL and index go first, or SQLite would replay the old file's
    pages onto the new one.
    """
    try:
        _fsync(partial)
        for suffix in ("-wal", "-shm"):
            _sidecar(collection, suffix).unlink(missing_ok=True)
        partial.replace(collection)
        _fsync_folder(collection.parent)
    except OSError as error:
        raise _os_error(error, collection, what="the collection was not replaced") from error


def discard(partial: Path) -> None:
    """Remove a temporary collection and whatever SQLite left beside it."""
    with suppress(OSError):
        for name in (partial, _sidecar(partial, "-wal"), _sidecar(partial, "-shm"), _sidecar(partial, "-journal")):
            name.unlink(missing_ok=True)


def _upgrade(path: Path, named: Path) -> None:
    from studyapp.storage import migrate  # Alembic loads only when restoring

    engine = make_engine(path)
    try:
        with translated_errors(named):
            migrate.upgrade(engine, named)
    finally:
        engine.dispose()  # the last connection folds its WAL back in and removes it


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def remove_stale_partials(folder: Path, max_age: timedelta) -> None:
    """Delete temporary files left by killed backups; file age is file-system time, not the app clock."""
    cutoff = time.time() - max_age.total_seconds()
    for path in folder.glob(f".*{PARTIAL_SUFFIX}"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            continue


def fingerprint(engine: Engine) -> str:
    """A digest of the collection's content, to tell whether it changed since a backup."""
    named = Path((engine.url.database or "collection").removeprefix("file:"))  # read-only engines use a URI
    with translated_errors(named), engine.connect() as connection:
        return _fingerprint(_sqlite(connection))


def inspect_backup(path: Path) -> BackupFacts:
    """Check that ``path`` is a healthy StudyApp collection of a schema we know.

    The file is opened ``immutable``: nothing is written beside it, so
    backups on read-only media can be inspected, and a damaged file is
    refused before anything is restored from it.
    """
    if not path.is_file():
        raise UserInputError(f"{path}: no such backup file.")
    header = check_header(path)
    if header.empty:
        raise CollectionCorrupt(f"{path} is empty, not a StudyApp backup.")
    with translated_errors(path), closing(_open_immutable(path)) as db:
        problems = [row for (row,) in db.execute("PRAGMA integrity_check") if row != "ok"]
        problems += [f"broken reference in {row[0]}" for row in db.execute("PRAGMA foreign_key_check")]
        if problems:
            raise CollectionCorrupt(f"{path} is damaged ({problems[0]}); choose another backup.")
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "cards"} <= tables:
            raise CollectionCorrupt(f"{path} is not a StudyApp collection (its tables are missing).")
        revision = str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])
        if revision not in _known_revisions():
            raise CollectionTooNew(f"{path} was written by a newer version of StudyApp (schema {revision}).")
        cards = int(db.execute("SELECT count(*) FROM cards").fetchone()[0])
        return BackupFacts(revision=revision, cards=cards, fingerprint=_fingerprint(db))


def file_fingerprint(path: Path) -> str | None:
    """The fingerprint of a backup file, or None when it cannot be read (then it counts as different)."""
    try:
        with closing(_open_immutable(path)) as db:
            return _fingerprint(db)
    except sqlite3.Error:
        return None


def count_cards(path: Path) -> int | None:
    """Cards in a backup file, or None when it cannot be read (for listings only)."""
    try:
        with closing(_open_immutable(path)) as db:
            return int(db.execute("SELECT count(*) FROM cards").fetchone()[0])
    except sqlite3.Error:
        return None


def restore_backup(engine: Engine, collection: Path, backup: Path) -> None:
    """Replace the live collection's content with ``backup`` in one transaction, then migrate it."""
    with translated_errors(collection), closing(_open_immutable(backup)) as source:
        with engine.connect() as connection:
            live = _sqlite(connection)
            source_page = source.execute("PRAGMA page_size").fetchone()[0]
            live_page = live.execute("PRAGMA page_size").fetchone()[0]
            if source_page != live_page:
                raise CollectionError(
                    f"{backup} uses {source_page}-byte pages and the collection {live_page}; "
                    "open the backup as its own collection instead (--collection)."
                )
            source.backup(live)
        from studyapp.storage import migrate  # Alembic loads only when restoring

        migrate.upgrade(engine, collection)


def _sqlite(connection: Connection) -> sqlite3.Connection:
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _known_revisions() -> set[str]:
    from studyapp.storage import migrate  # Alembic loads only when a backup is checked

    return migrate.known_revisions()


def _open_immutable(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro&immutable=1", uri=True)


def _fingerprint(db: sqlite3.Connection) -> str:
    """Small tables hashed row by row; big ones (cards, reviews) by per-column aggregates.

    The aggregates weight each value by its row, so answers, undos, edits
    (which also move ``modified``), additions and deletions all change it;
    it decides when to take a backup, so a rare miss only delays one.
    """
    digest = hashlib.sha256()
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    for table in tables:
        quoted = _quote(table)
        (rows,) = db.execute(f"SELECT count(*) FROM {quoted}").fetchone()
        digest.update(f"{table}:{rows};".encode())
        if rows <= SMALL_TABLE_ROWS:
            for row in db.execute(f"SELECT * FROM {quoted} ORDER BY rowid"):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
            continue
        columns = [_quote(info[1]) for info in db.execute(f"PRAGMA table_info({quoted})")]
        weighted = ", ".join(
            f"total(((rowid % 1009) + 1) * CASE typeof({c}) WHEN 'text' THEN length({c}) * 131 + unicode({c})"
            f" + unicode(substr({c}, -1)) WHEN 'blob' THEN length({c}) WHEN 'null' THEN 0 ELSE {c} END)"
            for c in columns
        )
        digest.update(repr(db.execute(f"SELECT max(rowid), {weighted} FROM {quoted}").fetchone()).encode())
    return digest.hexdigest()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _fsync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _os_error(error: OSError, target: Path, what: str = "no backup was written") -> CollectionError:
    if error.errno == errno.ENOSPC:
        return CollectionError(f"The disk holding {target.parent} is full; {what}.")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return CollectionReadOnly(f"The folder {target.parent} is read-only; {what}.")
    return CollectionError(f"Could not write {target}: {error.strerror or error}; {what}.")
