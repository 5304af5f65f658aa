"""Every non-article input is bounded: hostile packages, FIFOs, devices, oversized files, and signals mid-import.

Each case must end within seconds with one clear line, exit status 2, and
the collection exactly as it was (its rows compared).  Cases that would
hang if broken run ``python -m studyapp`` in a subprocess with a timeout,
so a regression fails instead of stalling the suite.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from studyapp.anki import collection_reader
from studyapp.cli.main import main
from studyapp.domain.errors import Cancelled, UserInputError
from studyapp.domain.progress import CancelToken
from studyapp.services.app import open_services
from studyapp.services.importing import read_package

ROOT = Path(__file__).resolve().parents[3]
ANKI_TABLES = """
    PRAGMA page_size = 512;
    CREATE TABLE col (id INTEGER PRIMARY KEY, crt INTEGER, models TEXT, decks TEXT);
    CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, mid INTEGER, tags TEXT, flds TEXT);
    CREATE TABLE cards (
        id INTEGER PRIMARY KEY, nid INTEGER, did INTEGER, ord INTEGER, type INTEGER, queue INTEGER, due INTEGER,
        ivl INTEGER, factor INTEGER, reps INTEGER, lapses INTEGER, left INTEGER, odue INTEGER, odid INTEGER, data TEXT
    );
    CREATE TABLE notetypes (id INTEGER PRIMARY KEY, name TEXT, config BLOB);
    CREATE TABLE fields (ntid INTEGER, ord INTEGER, name TEXT);
    CREATE TABLE decks (id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO col VALUES (1, 1700000000, '{}', '{}');
    INSERT INTO notetypes VALUES (1, 'Basic', x'');
    INSERT INTO fields VALUES (1, 0, 'Front'), (1, 1, 'Back');
    INSERT INTO decks VALUES (1, 'Default');
    INSERT INTO notes VALUES (1, 'g1', 1, '', 'Q' || char(31) || 'A');
    INSERT INTO cards VALUES (1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, '');
"""
RECURSIVE_VIEW = """
    CREATE VIEW templates AS WITH RECURSIVE forever(ntid) AS (SELECT 1 UNION ALL SELECT ntid FROM forever)
    SELECT ntid, 0 AS ord FROM forever;
"""
PLAIN_TEMPLATES = "CREATE TABLE templates (ntid INTEGER, ord INTEGER); INSERT INTO templates VALUES (1, 0);"


def make_package(tmp_path: Path, name: str, schema: str) -> Path:
    database = tmp_path / f"{name}.anki21"
    database.unlink(missing_ok=True)
    db = sqlite3.connect(database)
    db.executescript(ANKI_TABLES + schema)
    db.commit()
    db.close()
    package = tmp_path / name
    with zipfile.ZipFile(package, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(database, "collection.anki21")
        archive.writestr("media", "{}")
    return package


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(path)  # a writable connection: SQLite removes the -wal and -shm it made on closing
    try:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        db.close()


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    path = tmp_path / "home" / "collection.studyapp"
    path.parent.mkdir()
    csv = tmp_path / "seed.csv"
    csv.write_text("Seed question?,Seed answer\n")
    app = open_services(path)
    app.imports.import_file(csv, "Seed")
    app.close()
    return path


def studyapp(collection: Path, *argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "STUDYAPP_COLLECTION"}
    return subprocess.run(
        [sys.executable, "-m", "studyapp", "--collection", str(collection), *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


def assert_refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == f"studyapp: error: {message}\n"


@pytest.mark.parametrize("suffix", [".colpkg", ".apkg"])
def test_a_package_whose_templates_table_is_a_recursive_view_is_refused_at_once(
    collection: Path, tmp_path: Path, suffix: str
) -> None:
    hostile = make_package(tmp_path, f"hostile{suffix}", RECURSIVE_VIEW)
    assert hostile.stat().st_size < 2048
    before = rows(collection)
    result = studyapp(collection, "import", str(hostile))
    assert_refused(
        result,
        f"hostile{suffix} was refused: its database contains a view ('templates'), which Anki packages never have.",
    )
    assert rows(collection) == before


def test_a_package_with_a_trigger_is_refused(collection: Path, tmp_path: Path) -> None:
    hostile = make_package(
        tmp_path,
        "trigger.apkg",
        PLAIN_TEMPLATES + "CREATE TRIGGER t AFTER INSERT ON notes BEGIN DELETE FROM cards; END;",
    )
    before = rows(collection)
    assert main(["--collection", str(collection), "import", str(hostile)]) == 2
    assert rows(collection) == before


def test_a_runaway_query_is_stopped_by_its_step_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = make_package(tmp_path, "fine.apkg", PLAIN_TEMPLATES)
    assert len(read_package(package).cards) == 1
    monkeypatch.setattr(collection_reader, "STEPS_PER_CHECK", 1)
    monkeypatch.setattr(collection_reader, "MIN_STEPS", 0)
    monkeypatch.setattr(collection_reader, "STEPS_PER_BYTE", 0)
    with pytest.raises(UserInputError, match=r"^fine.apkg was refused: reading its database does not end"):
        read_package(package)


def test_a_cancelled_package_import_stops_and_changes_nothing(collection: Path, tmp_path: Path) -> None:
    package = make_package(tmp_path, "fine.apkg", PLAIN_TEMPLATES)
    token = CancelToken()
    token.cancel()
    before = rows(collection)
    app = open_services(collection)
    try:
        with pytest.raises(Cancelled):
            app.imports.import_file(package, cancel=token)
    finally:
        app.close()
    assert rows(collection) == before


def special_file(tmp_path: Path, kind: str, name: str) -> Path:
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    return path


WHAT = {"fifo": "a named pipe (FIFO)", "device": "a device", "socket": "a socket"}


@pytest.mark.parametrize("kind", list(WHAT))
@pytest.mark.parametrize("name", ["cards.csv", "cards.tsv", "deck.apkg", "deck.colpkg", "download"])
def test_fifos_devices_and_sockets_are_refused_at_once_by_file_type(
    collection: Path, tmp_path: Path, kind: str, name: str
) -> None:
    path = special_file(tmp_path, kind, name)
    before = rows(collection)
    result = studyapp(collection, "import", str(path), timeout=30)
    assert_refused(result, f"{path} is {WHAT[kind]}, not a file; StudyApp reads only regular files.")
    assert rows(collection) == before


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_the_services_refuse_special_files_too(collection: Path, tmp_path: Path, kind: str) -> None:
    """The window calls the service directly, without the CLI's check."""
    app = open_services(collection)
    try:
        for name in ("cards.csv", "deck.apkg", "plain.zip"):
            path = special_file(tmp_path, kind, f"{kind}-{name}")
            with pytest.raises(
                UserInputError, match=rf"is {WHAT[kind].replace('(', '.').replace(')', '.')}, not a file"
            ):
                app.imports.import_file(path)
    finally:
        app.close()


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("huge.csv", 150 * 1024**2, "huge.csv is 150 MB; CSV/TSV files of up to 100 MB can be imported."),
        ("huge.tsv", 100 * 1024**2 + 1, "huge.tsv is 100 MB; CSV/TSV files of up to 100 MB can be imported."),
        ("huge.apkg", 3 * 1024**3, "huge.apkg is 3.0 GB; Anki package files of up to 2.0 GB can be imported."),
    ],
)
def test_oversized_files_are_refused_before_reading_with_the_cap_named(
    collection: Path, tmp_path: Path, name: str, size: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    with path.open("wb") as stream:  # sparse: no disk space used, nothing to read
        stream.truncate(size)
    before = rows(collection)
    assert main(["--collection", str(collection), "import", str(path)]) == 2
    assert capsys.readouterr().err == f"studyapp: error: {message}\n"
    assert rows(collection) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_refused_in_one_line(
    collection: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secret.csv"
    path.write_text("q,a\n")
    path.chmod(0)
    assert main(["--collection", str(collection), "import", str(path)]) == 2
    assert capsys.readouterr().err == f"studyapp: error: {path} cannot be read: permission denied.\n"


def big_input(tmp_path: Path, kind: str) -> Path:
    """A few seconds of reading: 400,000 CSV rows, or a package of 300,000 notes."""
    if kind == "csv":
        big = tmp_path / "big.csv"
        with big.open("w") as stream:
            for row in range(400_000):
                stream.write(f"Question number {row} about something?,Answer {row}\n")
        return big
    package = make_package(tmp_path, "big.apkg", PLAIN_TEMPLATES)
    with zipfile.ZipFile(package) as archive:
        database = tmp_path / "big.anki21"
        database.write_bytes(archive.read("collection.anki21"))
    db = sqlite3.connect(database)
    db.executemany(
        "INSERT INTO notes VALUES (?, ?, 1, '', ?)",
        ((n, f"guid{n}", f"Question {n}?\x1fAnswer {n}") for n in range(2, 300_002)),
    )
    db.executemany("INSERT INTO cards (id, nid, ord, did) VALUES (?, ?, 0, 1)", ((n, n) for n in range(2, 300_002)))
    db.commit()
    db.close()
    with zipfile.ZipFile(package, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(database, "collection.anki21")
        archive.writestr("media", "{}")
    return package


@pytest.mark.parametrize("kind", ["csv", "apkg"])
@pytest.mark.parametrize(
    ("number", "code", "said"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "stopped (SIGTERM)")]
)
def test_a_signal_stops_a_big_import_at_once_and_changes_nothing(
    collection: Path, tmp_path: Path, number: int, code: int, said: str, kind: str
) -> None:
    big = big_input(tmp_path, kind)
    before = rows(collection)
    env = {k: v for k, v in os.environ.items() if k != "STUDYAPP_COLLECTION"}
    process = subprocess.Popen(
        [sys.executable, "-m", "studyapp", "-v", "--collection", str(collection), "import", str(big)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if f"reading {big.name} as" in line:
                break
        process.send_signal(number)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == code, err
    assert err.strip().splitlines()[-1] == f"studyapp: {said}"
    assert "Traceback" not in err
    left = sorted(p.name for p in collection.parent.iterdir())
    assert left == ["backups", "collection.studyapp", "collection.studyapp.lock"]  # no journal, no temporary file
    assert rows(collection) == before
