"""A read-only folder or a full disk: one clear sentence, and the collection exactly as it was.

Root ignores file permissions, so as root the folder is made read-only the
way a write-protected stick or a read-only share is: a read-only bind mount
in a private mount namespace (``unshare``).  A full disk is a small tmpfs
in such a namespace, and also ``PRAGMA max_page_count`` (SQLITE_FULL
without any privileges).
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from studyapp.domain.cards import CardKind
from studyapp.domain.errors import CollectionError
from studyapp.services.app import Services, open_services
from studyapp.storage.backup import fingerprint

ROOT = Path(__file__).resolve().parents[3]
STUDYAPP = [sys.executable, "-m", "studyapp"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_csv(path: Path, rows: int, width: int = 20) -> Path:
    path.write_text("".join(f"Question {i} {'x' * width}?,Answer {i}\n" for i in range(rows)))
    return path


def _namespace_prefix() -> list[str] | None:
    """``unshare`` arguments that give a private mount namespace here, or None."""
    if shutil.which("unshare") is None:
        return None
    for prefix in (["unshare", "-rm"], ["unshare", "-m"]):
        probe = subprocess.run([*prefix, "mount", "-t", "tmpfs", "tmpfs", "/mnt"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return prefix
    return None


NAMESPACE = _namespace_prefix()


def run_in_namespace(script: str) -> subprocess.CompletedProcess[str]:
    assert NAMESPACE is not None
    return subprocess.run(
        [*NAMESPACE, "sh", "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120, env=_env()
    )


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "STUDYAPP_COLLECTION"}


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "collection.studyapp"
    app = open_services(path)
    app.imports.import_file(write_csv(tmp_path / "seed.csv", 5), "Deck")
    app.close()
    yield path
    folder.chmod(0o755)
    path.chmod(0o644)


def run_on_read_only_folder(folder: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``studyapp argv`` while ``folder`` cannot be written, even by root."""
    command = [*STUDYAPP, *argv]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        for path in folder.iterdir():
            path.chmod(0o444)
        try:
            return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120, env=_env())
        finally:
            folder.chmod(0o755)
    if NAMESPACE is None:
        pytest.skip("running as root, and no read-only mount can be made here (unshare is not permitted)")
    quoted = shlex.quote(str(folder))
    return run_in_namespace(
        f"mount --bind {quoted} {quoted} && mount -o remount,bind,ro {quoted} && exec {shlex.join(command)} </dev/null"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "{csv}", "--deck", "Deck"],
        ["review", "--deck", "Deck"],
        ["restore", "--deleted"],
        ["restore", "{backup}"],
        ["backup"],
    ],
    ids=["import", "review", "undelete", "restore", "backup"],
)
def test_read_only_folder_is_refused_clearly_and_nothing_changes(
    collection: Path, tmp_path: Path, argv: list[str]
) -> None:
    backup = tmp_path / "a-backup.studyapp"
    shutil.copyfile(collection, backup)
    csv = write_csv(tmp_path / "more.csv", 3)
    folder = collection.parent
    before = {p.name: digest(p) for p in folder.rglob("*") if p.is_file()}
    args = ["--collection", str(collection), *(a.format(csv=csv, backup=backup) for a in argv)]

    result = run_on_read_only_folder(folder, args)

    assert result.returncode == 2, result.stdout + result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("studyapp: error: ")
    assert "read-only" in line or "cannot be opened" in line
    assert "Traceback" not in result.stderr
    assert {p.name: digest(p) for p in folder.rglob("*") if p.is_file()} == before


def test_sqlite_full_during_an_import_says_the_disk_is_full_and_changes_nothing(
    collection: Path, tmp_path: Path
) -> None:
    app = open_services(collection)
    try:
        engine = app.context.store.engine
        with engine.connect() as conn:
            pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())

        @event.listens_for(engine, "connect")
        def _small_disk(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 3}")

        engine.dispose()  # pooled connections are replaced by ones with the limit

        before = fingerprint(engine)
        cards_before = app.health.check().cards
        with pytest.raises(CollectionError, match=r"disk holding .* is full; nothing was changed"):
            app.imports.import_file(write_csv(tmp_path / "big.csv", 2000, width=200), "Deck")
        assert fingerprint(engine) == before
        assert app.health.check().cards == cards_before
        event.remove(engine, "connect", _small_disk)
        engine.dispose()
        app.imports.import_file(write_csv(tmp_path / "small.csv", 3), "Deck")  # usable once there is room
        assert app.health.check().healthy
    finally:
        app.close()


@pytest.mark.skipif(NAMESPACE is None, reason="needs a private mount namespace for a small tmpfs")
def test_a_really_full_disk_refuses_the_import_and_keeps_the_collection(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    collection = disk / "collection.studyapp"
    app = [*STUDYAPP, "--collection", str(collection)]
    small, big = write_csv(tmp_path / "small.csv", 5), write_csv(tmp_path / "big.csv", 20000, width=200)
    script = f"""
        mount -t tmpfs -o size=1m tmpfs {shlex.quote(str(disk))} || exit 99
        {shlex.join([*app, "import", str(small), "--deck", "Deck"])} || exit 98
        sha256sum {shlex.quote(str(collection))}
        {shlex.join([*app, "import", str(big), "--deck", "Deck"])}
        echo "import-exit=$?"
        sha256sum {shlex.quote(str(collection))}
        {shlex.join([*app, "check"])}
    """
    result = run_in_namespace(script)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == lines[3], "the collection file changed"
    assert "import-exit=2" in lines[2]
    assert "is full; nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert lines[4] == "Collection is healthy: 5 cards in 1 deck."


def test_a_failing_automatic_backup_never_keeps_the_collection_locked(services: Services) -> None:
    first = services.cards.add("Deck", CardKind.BASIC, "Q?", "A")
    services.backups.folder.write_text("a file where the backup folder should be")
    services.close()
    reopened = open_services(services.path)  # the lock was released although the backup failed
    try:
        assert reopened.cards.get(first).front == "Q?"
        second = reopened.cards.add("Deck", CardKind.BASIC, "Second?", "B")  # and writing works again
        assert reopened.browse.search("deck:Deck") == [first, second]
    finally:
        reopened.context.store.close()
    assert services.backups.folder.read_text() == "a file where the backup folder should be"


@pytest.mark.parametrize("argv", [["decks", "--json"], ["check"], ["stats", "--json"], ["backups"]])
def test_reading_commands_work_on_read_only_media(collection: Path, argv: list[str]) -> None:
    folder = collection.parent
    before = {p.name: digest(p) for p in folder.rglob("*") if p.is_file()}
    result = run_on_read_only_folder(folder, ["--collection", str(collection), *argv])
    assert result.returncode == 0, result.stdout + result.stderr
    assert {p.name: digest(p) for p in folder.rglob("*") if p.is_file()} == before


def _journal_and_growth(tmp_path: Path, small: Path, big: Path) -> tuple[int, int]:
    """On a roomy disk: the WAL the big import leaves before close, and how much the file grows when it is folded in."""
    collection = tmp_path / "probe" / "collection.studyapp"
    collection.parent.mkdir()
    app = open_services(collection)
    app.imports.import_file(small, "Deck")
    app.close()
    before = collection.stat().st_size
    app = open_services(collection)
    app.imports.import_file(big, "Deck")
    journal = collection.with_name(collection.name + "-wal").stat().st_size
    app.close()
    return journal, collection.stat().st_size - before


@pytest.mark.skipif(NAMESPACE is None, reason="needs a private mount namespace for a small tmpfs")
def test_a_disk_that_fills_after_the_commit_reports_the_import_as_in(tmp_path: Path) -> None:
    """The commit fits in the journal; folding it into the file at close does not: the import is in, and says so."""
    small, big = write_csv(tmp_path / "small.csv", 5), write_csv(tmp_path / "big.csv", 1500, width=200)
    journal, growth = _journal_and_growth(tmp_path, small, big)
    disk = tmp_path / "disk"
    disk.mkdir()
    collection = disk / "collection.studyapp"
    app = [*STUDYAPP, "--collection", str(collection)]
    free_for_import = journal + 32 * 1024 + growth // 2  # the journal and its index fit; the file's growth does not
    fill = (
        "import os, sys; s = os.statvfs(sys.argv[1]); "
        "open(os.path.join(sys.argv[1], 'filler'), 'wb').write(b'x' * (s.f_bavail * s.f_frsize - int(sys.argv[2])))"
    )
    script = f"""
        mount -t tmpfs -o size=4m tmpfs {shlex.quote(str(disk))} || exit 99
        {shlex.join([*app, "import", str(small), "--deck", "Deck"])} || exit 98
        {shlex.join([sys.executable, "-c", fill, str(disk), str(free_for_import)])} || exit 97
        {shlex.join([*app, "import", str(big), "--deck", "Deck"])}
        echo "import-exit=$?"
        rm {shlex.quote(str(disk / "filler"))}
        {shlex.join([*app, "check"])}
    """
    result = run_in_namespace(script)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "Added 5 cards to deck 'Deck'.",
        "Added 1500 cards to deck 'Deck'.",
        "import-exit=0",
        "Collection is healthy: 1505 cards in 1 deck.",
    ]
    assert (
        f"studyapp: warning: the import is in; the disk holding {disk} is full, so SQLite could not move them "
        f"from its journal (collection.studyapp-wal) into the collection file. It does so the next time the "
        "collection is opened with room on the disk.\n"
    ) in result.stderr
    assert "nothing was changed" not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "argv",
    [["decks"], ["decks", "--json"], ["check"], ["stats", "--json"], ["backups"], ["backup"]],
    ids=["decks", "decks-json", "check", "stats", "backups", "backup"],
)
def test_reading_commands_leave_no_journal_files_behind(collection: Path, argv: list[str]) -> None:
    folder = collection.parent
    before = sorted(p.name for p in folder.iterdir())
    result = subprocess.run(
        [*STUDYAPP, "--collection", str(collection), *argv], capture_output=True, text=True, cwd=ROOT, env=_env()
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == before
