"""Backups: when they are taken, what they hold, restoring them, and undeleting cards."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.errors import CollectionCorrupt, CollectionError, CollectionLocked, CollectionTooNew
from studyapp.domain.ids import CardId
from studyapp.services.app import Services, open_services
from studyapp.services.backups import BackupPolicy, before_destructive
from studyapp.storage.file_check import SCHEMA_VERSION

MIGRATIONS = Path(__file__).resolve().parents[2] / "data" / "migrations"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fronts(path: Path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as db:
        rows = [front for (front,) in db.execute("SELECT front FROM cards ORDER BY front")]
    db.close()
    return rows


def add_cards(app: Services, *fronts_: str) -> None:
    for front in fronts_:
        app.cards.add("Deck", CardKind.BASIC, front, "answer")


def test_closing_after_a_change_writes_a_backup_named_by_utc_time(collection_path: Path, clock: FixedClock) -> None:
    app = open_services(collection_path, clock=clock)
    add_cards(app, "Q1?")
    app.close()
    backups = sorted((collection_path.parent / "backups").iterdir())
    assert [p.name for p in backups] == ["collection-20260302-093000.studyapp"]
    assert fronts(backups[0]) == ["Q1?"]
    with sqlite3.connect(backups[0]) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
    db.close()


def test_closing_without_a_change_writes_no_new_backup(collection_path: Path, clock: FixedClock) -> None:
    app = open_services(collection_path, clock=clock)
    add_cards(app, "Q1?")
    app.close()
    clock.advance(timedelta(hours=2))
    app = open_services(collection_path, clock=clock)
    app.decks.list()
    app.close()
    assert len(list((collection_path.parent / "backups").iterdir())) == 1


def test_maybe_backup_waits_for_the_interval_and_for_a_change(services: Services, clock: FixedClock) -> None:
    add_cards(services, "Q1?")
    first = services.backups.maybe_backup()
    assert first is not None
    add_cards(services, "Q2?")
    clock.advance(timedelta(minutes=29))
    assert services.backups.maybe_backup() is None  # too soon
    clock.advance(timedelta(minutes=1))
    second = services.backups.maybe_backup()
    assert second is not None and fronts(second.path) == ["Q1?", "Q2?"]
    clock.advance(timedelta(hours=1))
    assert services.backups.maybe_backup() is None  # nothing changed since
    assert [row.path for row in services.backups.list()] == [second.path, first.path]


def test_closing_after_a_change_backs_up_even_just_after_a_periodic_backup(
    collection_path: Path, clock: FixedClock
) -> None:
    app = open_services(collection_path, clock=clock)
    add_cards(app, "Q1?")
    periodic = app.backups.maybe_backup()
    assert periodic is not None
    add_cards(app, "Q2?")
    clock.advance(timedelta(seconds=5))
    app.close()
    newest = open_services(collection_path, clock=clock, readonly=True)
    try:
        rows = newest.backups.list()
    finally:
        newest.close()
    assert [row.path for row in rows][1:] == [periodic.path]
    assert fronts(rows[0].path) == ["Q1?", "Q2?"]


def test_reopening_and_closing_without_a_change_reuses_the_backup_of_the_last_close(
    collection_path: Path, clock: FixedClock
) -> None:
    app = open_services(collection_path, clock=clock)
    add_cards(app, "Q1?")
    app.close()
    clock.advance(timedelta(minutes=5))
    app = open_services(collection_path, clock=clock)
    try:
        first = app.backups.list()[0]
        assert app.backups.before_destructive("bulk delete").path == first.path  # same content: no second copy
    finally:
        app.close()
    assert len(list((collection_path.parent / "backups").iterdir())) == 1


def test_before_destructive_writes_a_new_backup_when_the_newest_was_deleted_by_hand(
    services: Services, clock: FixedClock
) -> None:
    add_cards(services, "Q1?")
    older = services.backups.backup_now()
    add_cards(services, "Q2?")
    clock.advance(timedelta(minutes=1))
    newest = services.backups.backup_now()
    newest.path.unlink()
    clock.advance(timedelta(minutes=1))
    kept = services.backups.before_destructive("bulk delete")
    assert kept.path not in (older.path, newest.path)
    assert fronts(kept.path) == ["Q1?", "Q2?"]


def test_backup_while_the_collection_is_open_elsewhere_is_consistent(services: Services) -> None:
    add_cards(services, *(f"Q{i}?" for i in range(50)))
    code = main(["--collection", str(services.path), "backup"])  # a read-only open beside the writer
    assert code == 0
    (row,) = services.backups.list()
    assert row.cards == 50
    with sqlite3.connect(row.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    assert not any(p.name.endswith(("-wal", "-shm", ".partial")) for p in row.path.parent.iterdir())


def test_backups_are_thinned_to_the_policy(services: Services, clock: FixedClock) -> None:
    services.backups.set_policy(BackupPolicy(today=2, daily=3, weekly=0, monthly=0))
    taken = []
    for i in range(10):  # every 20 hours: 2026-03-02 09:30 ... 2026-03-09 21:30
        add_cards(services, f"Q{i}?")
        taken.append(services.backups.backup_now().taken_at)
        if i < 9:
            clock.advance(timedelta(hours=20))
    rows = services.backups.list()
    assert [row.taken_at for row in rows] == taken[:4:-1]  # two from today, then one a day for three days
    assert [row.cards for row in rows] == [10, 9, 8, 7, 6]


def test_stale_partial_files_of_killed_backups_are_removed(services: Services) -> None:
    folder = services.backups.folder
    add_cards(services, "Q?")
    services.backups.backup_now()
    stale = folder / ".collection-20260101-000000.studyapp.999.partial"
    stale.write_bytes(b"half a backup")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    services.backups.backup_now()
    assert not stale.exists()
    assert all(p.suffix == ".studyapp" for p in folder.iterdir())


def test_restore_replaces_the_collection_and_keeps_the_previous_state(services: Services, clock: FixedClock) -> None:
    add_cards(services, "Old?")
    old = services.backups.backup_now()
    clock.advance(timedelta(minutes=5))
    add_cards(services, "New?")
    outcome = services.backups.restore(old.path)
    assert outcome.cards == 1
    assert outcome.safety_backup is not None and fronts(outcome.safety_backup.path) == ["New?", "Old?"]
    assert [c.name for c in services.decks.list()] == ["Deck"]
    assert services.health.check().healthy
    with services.context.store.unit_of_work() as uow:
        assert uow.cards.count() == 1
    add_cards(services, "After?")  # the restored collection is fully usable


def test_restore_is_refused_while_another_process_has_the_collection(services: Services) -> None:
    add_cards(services, "Q?")
    row = services.backups.backup_now()
    assert main(["--collection", str(services.path), "restore", str(row.path)]) == 2
    with pytest.raises(CollectionLocked):
        open_services(services.path)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        ("garbage", CollectionCorrupt, "not a StudyApp collection"),
        ("other_sqlite", CollectionCorrupt, "not a StudyApp collection"),
        ("damaged", CollectionCorrupt, "damaged|malformed"),
        ("too_new", CollectionTooNew, "newer version"),
    ],
)
def test_unhealthy_or_unknown_backups_are_refused_and_nothing_changes(
    collection_path: Path, tmp_path: Path, make: str, error: type[Exception], message: str
) -> None:
    app = open_services(collection_path)
    add_cards(app, *(f"Q{i}?" for i in range(100)))
    good = app.backups.backup_now()
    app.close()
    bad = tmp_path / "bad.studyapp"
    if make == "garbage":
        bad.write_bytes(b"not a database at all\n" * 50)
    elif make == "other_sqlite":
        with sqlite3.connect(bad) as db:
            db.execute("CREATE TABLE t (x)")
            db.execute("INSERT INTO t VALUES (1)")
        db.close()
    else:
        data = bytearray(good.path.read_bytes())
        if make == "damaged":
            data[len(data) // 2 : len(data) // 2 + 8192] = b"\xa5" * 8192
        else:
            data[60:64] = (SCHEMA_VERSION + 1).to_bytes(4, "big")
        bad.write_bytes(bytes(data))
    before = digest(collection_path)
    backups_before = sorted(p.name for p in good.path.parent.iterdir())
    app = open_services(collection_path)
    try:
        with pytest.raises(error, match=message):
            app.backups.restore(bad)
    finally:
        app.close()
    assert digest(collection_path) == before
    assert sorted(p.name for p in good.path.parent.iterdir()) == backups_before


def test_before_destructive_reuses_an_up_to_date_backup_and_otherwise_writes_one(services: Services) -> None:
    add_cards(services, "Q?")
    first = before_destructive(services.context, "import of deck.apkg")
    assert before_destructive(services.context, "bulk delete") == first
    add_cards(services, "Q2?")
    second = before_destructive(services.context, "bulk delete")
    assert second.path != first.path and fronts(second.path) == ["Q2?", "Q?"]


def test_before_destructive_raises_when_no_backup_can_be_written(services: Services) -> None:
    add_cards(services, "Q?")
    services.backups.folder.write_text("a file where the folder should be")
    with pytest.raises(CollectionError, match="backup folder"):
        services.backups.before_destructive("bulk delete")


def test_deleted_cards_can_be_restored_by_date_or_by_log_entry(services: Services, clock: FixedClock) -> None:
    add_cards(services, "Early?", "Late?", "Kept?")
    ids = {services.cards.get(cid).front: cid for cid in _card_ids(services)}
    services.cards.delete([ids["Early?"]])
    clock.advance(timedelta(days=2))
    since = clock.now()
    services.cards.delete([ids["Late?"]])
    outcome = services.backups.restore_deleted(since=since)
    assert (outcome.restored, outcome.already_present) == (1, 0)
    assert sorted(services.cards.get(c).front for c in _card_ids(services)) == ["Kept?", "Late?"]
    again = services.backups.restore_deleted()
    assert (again.restored, again.already_present) == (1, 0)  # Late? left the log when it came back
    assert sorted(services.cards.get(c).front for c in _card_ids(services)) == ["Early?", "Kept?", "Late?"]
    assert services.backups.restore_deleted().restored == 0


def test_restore_command_brings_back_deleted_cards_since_a_date(collection_path: Path) -> None:
    app = open_services(collection_path)
    add_cards(app, "Gone?")
    app.cards.delete(_card_ids(app))
    app.close()
    assert main(["--collection", str(collection_path), "restore", "--deleted", "--since", "2000-01-01"]) == 0
    assert fronts(collection_path) == ["Gone?"]


def test_a_backup_from_the_first_schema_restores_and_is_upgraded(services: Services) -> None:
    add_cards(services, "Current?")
    outcome = services.backups.restore(MIGRATIONS / "0001.studyapp")
    assert outcome.cards > 0
    assert services.health.check().healthy
    with services.context.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION


def _card_ids(app: Services) -> list[CardId]:
    return app.browse.search("")
