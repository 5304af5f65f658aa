"""Opening collections: new, migrated, too new, not ours, locked, read-only."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from studyapp.domain.errors import (
    CollectionCorrupt,
    CollectionLocked,
    CollectionTooNew,
    UserInputError,
)
from studyapp.storage import migrate
from studyapp.storage.engine import make_engine
from studyapp.storage.file_check import APPLICATION_ID, SCHEMA_VERSION
from studyapp.storage.records import Base
from studyapp.storage.store import Store

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_collection_uses_wal_foreign_keys_and_full_sync(collection_path: Path) -> None:
    store = Store.open(collection_path)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
            assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
    finally:
        store.close()


def test_migrated_schema_matches_the_models(collection_path: Path) -> None:
    Store.open(collection_path).close()
    engine = make_engine(collection_path)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diffs == []


def test_database_made_at_first_revision_upgrades_with_its_data(collection_path: Path) -> None:
    engine = make_engine(collection_path)
    migrate.upgrade(engine, collection_path, revision="0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO decks (id, name, preset_id, created) VALUES (1, 'Old', 1, 0)")
        conn.exec_driver_sql(
            "INSERT INTO cards (guid, deck_id, kind, front, back, source_sentence, fact, tags, position,"
            " created, modified, suspended, state, reps, lapses)"
            " VALUES ('g1', 1, 'basic', 'Q?', 'A', '', '', '', 0, 0, 0, 0, 0, 0, 0)"
        )
    engine.dispose()

    store = Store.open(collection_path)
    try:
        with store.unit_of_work() as uow:
            assert uow.decks.names() == {1: "Old"}
            assert uow.cards.count() == 1
            uow.settings.set("rollover_hour", "5")  # table added by revision 0002
            uow.commit()
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        store.close()


def test_collection_from_newer_version_is_refused_untouched(collection_path: Path) -> None:
    Store.open(collection_path).close()
    with sqlite3.connect(collection_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(collection_path)
    with pytest.raises(CollectionTooNew, match="newer version of StudyApp"):
        Store.open(collection_path)
    assert digest(collection_path) == before


def test_unknown_alembic_revision_is_refused_as_too_new(collection_path: Path) -> None:
    Store.open(collection_path).close()
    with sqlite3.connect(collection_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(CollectionTooNew):
        Store.open(collection_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, I am a text file\n" * 10, "not an SQLite database"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not an SQLite database"),
    ],
)
def test_file_that_is_not_a_collection_is_refused_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(CollectionCorrupt, match=message):
        Store.open(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_other_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
        conn.execute("INSERT INTO things VALUES (1)")
    conn.close()
    before = digest(path)
    with pytest.raises(CollectionCorrupt, match="not a StudyApp collection"):
        Store.open(path)
    assert digest(path) == before


def test_folder_as_collection_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="is a folder"):
        Store.open(tmp_path)


def test_second_writer_is_refused_with_the_owner_pid(collection_path: Path) -> None:
    first = Store.open(collection_path)
    try:
        with pytest.raises(CollectionLocked, match=r"another StudyApp process \(pid \d+\)"):
            Store.open(collection_path)
        reader = Store.open(collection_path, readonly=True)
        reader.close()
    finally:
        first.close()
    Store.open(collection_path).close()  # released on close


def test_read_only_open_of_a_missing_collection_is_a_clear_error(collection_path: Path) -> None:
    with pytest.raises(Exception, match="no collection"):
        Store.open(collection_path, readonly=True)
    assert not collection_path.exists()


def test_schema_constants_match_the_newest_migration() -> None:
    from studyapp.storage.file_check import HEAD_REVISION

    assert migrate.head_revision() == HEAD_REVISION
    assert int(HEAD_REVISION) == SCHEMA_VERSION
