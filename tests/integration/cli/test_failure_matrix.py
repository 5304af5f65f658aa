"""Every CLI command against every way the collection or an input can be wrong: one line, no traceback.

Each command runs in-process against a collection that is damaged, not
SQLite, another program's database, too new, a folder, a FIFO, missing or
locked by another process, and against inputs that are FIFOs, devices,
folders or missing.  It must end with exit status 0, 1 or 2, at most one
line on stderr, never a traceback or "internal error", and (except for the
commands meant to replace it) leave the collection's bytes as they were.
"""

from __future__ import annotations

import io
import os
import sqlite3
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind
from studyapp.services.app import open_services
from studyapp.services.backups import backup_folder
from studyapp.storage.file_check import SCHEMA_VERSION
from studyapp.storage.lock import CollectionLock

REPLACING = {"restore-backup", "check-repair"}  # these may rightly put a new file in place
WRITING = REPLACING | {"restore-deleted", "import-csv", "review"}  # these create a missing collection


def _truncate(path: Path) -> None:
    with path.open("r+b") as stream:
        stream.truncate(path.stat().st_size // 2)


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset] = 0x6B
    path.write_bytes(bytes(data))


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"hello, this is a text file\n" * 200)


def _foreign(path: Path) -> None:
    path.unlink()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE songs (title TEXT)")
    db.execute("CREATE TABLE albums (title TEXT)")
    db.execute("PRAGMA application_id = 42")
    db.commit()
    db.close()


def _too_new(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[60:64] = struct.pack(">I", SCHEMA_VERSION + 5)
    path.write_bytes(bytes(data))


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _missing(path: Path) -> None:
    path.unlink()


STATES: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate,
    "flipped-pages": _flip,
    "not-sqlite": _not_sqlite,
    "foreign-sqlite": _foreign,
    "too-new": _too_new,
    "folder": _folder,
    "fifo": _fifo,
    "missing": _missing,
    "locked": lambda _path: None,  # see the fixture: another process's lock is held
}

COMMANDS: dict[str, list[str]] = {
    "decks": ["decks"],
    "decks-json": ["decks", "--json"],
    "check": ["check"],
    "check-repair": ["check", "--repair"],
    "stats": ["stats", "--json"],
    "backups": ["backups"],
    "backup": ["backup"],
    "restore-backup": ["restore", "{backup}"],
    "restore-deleted": ["restore", "--deleted"],
    "import-csv": ["import", "{csv}"],
    "export": ["export", "--deck", "Deck", "--out", "{out}"],
    "review": ["review", "--deck", "Deck"],
}


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    collection = tmp_path / "collection.studyapp"
    app = open_services(collection)
    for number in range(40):
        app.cards.add("Deck", CardKind.BASIC, f"Question {number}?", "answer " * 30)
    app.close()
    (backup,) = backup_folder(collection).iterdir()
    csv = tmp_path / "cards.csv"
    csv.write_text("New question?,New answer\n")
    return {"collection": collection, "backup": backup, "csv": csv, "out": tmp_path / "out.apkg"}


@pytest.fixture
def quiet_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


@pytest.fixture
def lock_held_elsewhere() -> Iterator[Callable[[Path], None]]:
    held: list[CollectionLock] = []

    def hold(path: Path) -> None:
        lock = CollectionLock(path)
        lock.acquire()
        held.append(lock)

    yield hold
    for lock in held:
        lock.release()


def snapshot(path: Path) -> object:
    if path.is_file():
        return path.read_bytes()
    return "folder" if path.is_dir() else ("fifo" if path.exists() else None)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("state", list(STATES))
def test_every_command_fails_cleanly_on_every_broken_collection(
    world: dict[str, Path],
    state: str,
    command: str,
    capsys: pytest.CaptureFixture[str],
    quiet_stdin: None,
    lock_held_elsewhere: Callable[[Path], None],
) -> None:
    collection = world["collection"]
    STATES[state](collection)
    if state == "locked":
        lock_held_elsewhere(collection)
    before = snapshot(collection)
    argv = [a.format(**{k: str(v) for k, v in world.items()}) for a in COMMANDS[command]]

    code, err = run(["--collection", str(collection), *argv], capsys)

    assert code in (0, 1, 2), err
    assert "Traceback" not in err and "internal error" not in err, err
    assert len(err.strip().splitlines()) <= 1, err
    if code == 2:
        assert err.startswith("studyapp: error: ")
    if command not in REPLACING and not (state == "missing" and command in WRITING):
        assert snapshot(collection) == before
    if state == "locked" and command in WRITING:
        assert code == 2 and "already open in another StudyApp process" in err


def _special_input(kind: str, path: Path) -> Path:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/null")
    elif kind == "folder":
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "missing"])
@pytest.mark.parametrize("name", ["in.csv", "in.tsv", "in.apkg", "in.colpkg", "in.zip", "in.txt", "in"])
def test_import_and_generate_refuse_every_unreadable_input_in_one_line(
    world: dict[str, Path], tmp_path: Path, kind: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _special_input(kind, tmp_path / name)
    before = snapshot(world["collection"])
    for command in (["import", str(path)], ["generate", str(path)]):
        code, err = run(["--collection", str(world["collection"]), *command], capsys)
        assert code == 2, err
        (line,) = err.strip().splitlines()
        assert line.startswith("studyapp: error: ")
        assert "Traceback" not in err
    assert snapshot(world["collection"]) == before
