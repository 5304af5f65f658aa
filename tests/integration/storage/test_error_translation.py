"""SQLite's failures, produced for real where SQLite can be made to, become one sentence the user can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from studyapp.domain.errors import CollectionDamaged, CollectionError, CollectionLocked, CollectionReadOnly
from studyapp.storage.engine import translate, translated_errors


def sqlite_error(action: object) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as raised:
        action()  # type: ignore[operator]
    return raised.value


def test_a_collection_busy_in_another_program_says_try_again(tmp_path: Path) -> None:
    path = tmp_path / "c.studyapp"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    try:
        error = translate(sqlite_error(lambda: other.execute("INSERT INTO t VALUES (1)")), path)
    finally:
        other.close()
        holder.close()
    assert type(error) is CollectionLocked
    assert error.message == f"The collection {path} is busy in another program; try again."


def test_a_read_only_collection_says_nothing_was_changed(tmp_path: Path) -> None:
    path = tmp_path / "c.studyapp"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        error = translate(sqlite_error(lambda: read_only.execute("INSERT INTO t VALUES (1)")), path)
    finally:
        read_only.close()
    assert type(error) is CollectionReadOnly
    assert error.message == f"The collection {path} is read-only; nothing was changed."


def test_a_file_that_is_not_a_collection_is_damaged_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "c.studyapp"
    path.write_bytes(b"this is not SQLite" * 100)
    conn = sqlite3.connect(path)
    try:
        error = translate(sqlite_error(lambda: conn.execute("SELECT * FROM sqlite_master")), path)
    finally:
        conn.close()
    assert type(error) is CollectionDamaged
    assert error.damage == f"The collection {path} is damaged (file is not a database)."
    assert error.message == (
        f"The collection {path} is damaged (file is not a database). Restore a backup (Backups lists them) "
        "or salvage what is readable with 'studyapp check --repair'."
    )
    assert error.path == path


def test_a_collection_that_cannot_be_opened_says_why(tmp_path: Path) -> None:
    path = tmp_path / "missing folder" / "c.studyapp"
    error = translate(sqlite_error(lambda: sqlite3.connect(path).execute("SELECT 1")), path)
    assert type(error) is CollectionReadOnly
    assert error.message == f"The collection {path} cannot be opened (unable to open database file)."


@pytest.mark.parametrize(
    ("sqlite_says", "message"),
    [  # SQLite's own texts for failures a test cannot cause on demand
        ("database or disk is full", "The disk holding {path} is full; nothing was changed."),
        ("disk I/O error", "A disk error occurred while writing {path}; nothing was changed."),
        ("database disk image is malformed", "The collection {path} is damaged (database disk image is malformed)."),
        ("no such table: cards", "The collection {path} could not be used: no such table: cards."),
    ],
)
def test_other_failures_are_named_without_sqlite_jargon_where_possible(
    tmp_path: Path, sqlite_says: str, message: str
) -> None:
    path = tmp_path / "c.studyapp"
    with pytest.raises(CollectionError) as raised, translated_errors(path):
        raise sqlite3.OperationalError(sqlite_says)
    shown = raised.value.damage if isinstance(raised.value, CollectionDamaged) else raised.value.message
    assert shown == message.format(path=path)
    assert isinstance(raised.value.__cause__, sqlite3.OperationalError)
