"""Malicious and broken files: refused (or handled) with one clear sentence, quickly, in bounded memory.

Each file is imported by a fresh ``python`` process through the real
``ImportService`` so that its memory high-water mark (``ru_maxrss``) can be
measured; the spaCy model is loaded before measuring, so the figure is what
the file itself cost.  Small files live in tests/data/hostile/ (made by
make_hostile.py there); big ones are made here.  The time bound is only a
hang guard.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from studyapp.domain.cards import CardKind
from studyapp.services.app import open_services

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"
MEMORY_LIMIT_MB = 150
TIME_LIMIT_S = 60

DRIVER = """
import json, resource, sys, time
from pathlib import Path
from studyapp.domain.errors import StudyAppError
from studyapp.generation import preload
from studyapp.domain.cards import CardKind
from studyapp.services.app import open_services

if Path(sys.argv[2]).suffix in (".txt", ".md", ".html"):
    preload()  # the model's memory is not the file's
app = open_services(Path(sys.argv[1]))
start, rss = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    summary = app.imports.import_file(Path(sys.argv[2]), "Hostile")
    outcome = {"refused": False, "message": summary.describe()}
except StudyAppError as error:
    outcome = {"refused": True, "message": error.message, "kind": type(error).__name__}
outcome["seconds"] = time.monotonic() - start
outcome["rss_growth_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024
app.close()
print(json.dumps(outcome))
"""


def sparse_gigabyte_line(folder: Path) -> Path:
    path = folder / "one_gigabyte_line.txt"
    with path.open("wb") as stream:
        stream.write(b"The Danube flows through ten countries " * 10)
        stream.truncate(1024**3)  # sparse: costs no disk, but reading it would cost a gigabyte
    return path


def zip_bomb(folder: Path) -> Path:
    path = folder / "zip_bomb.apkg"
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("collection.anki2", "w", force_zip64=True) as member,
    ):
        for _ in range(512):  # 512 MB of zeros in about half a megabyte
            member.write(chunk)
    return path


def deeply_nested_html(folder: Path) -> Path:
    path = folder / "nested.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + "The Danube flows east." + "</div>" * 100_000)
    return path


def huge_field_package(folder: Path) -> Path:
    sys.path.insert(0, str(HOSTILE))
    from make_hostile import anki_collection

    collection = folder / "collection.anki2"
    words = random.Random(7).choices(["river", "Danube", "flows", "east", "ten", "countries", "1921"], k=400_000)
    anki_collection(collection, front="What is long?", back=" ".join(words))  # 2.5 million characters
    path = folder / "huge_field.apkg"
    with zipfile.ZipFile(path, "w") as archive:  # stored: the size limit, not the bomb guard, must refuse it
        archive.write(collection, "collection.anki2")
    return path


def huge_sqlite_package(folder: Path) -> Path:
    """A package whose collection claims billions of pages: SQLite must not believe it."""
    collection = folder / "collection.anki2"
    with sqlite3.connect(collection) as db:
        db.execute("CREATE TABLE col (id integer primary key)")
    db.close()
    data = bytearray(collection.read_bytes())
    data[28:32] = (0x7FFFFFFF).to_bytes(4, "big")  # header: database size in pages
    path = folder / "huge_sqlite.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki2", bytes(data))
    return path


GENERATED: dict[str, Callable[[Path], Path]] = {
    "one_gigabyte_line.txt": sparse_gigabyte_line,
    "zip_bomb.apkg": zip_bomb,
    "nested.html": deeply_nested_html,
    "huge_field.apkg": huge_field_package,
    "huge_sqlite.apkg": huge_sqlite_package,
}
COMMITTED = sorted(p.name for p in HOSTILE.iterdir() if p.suffix != ".py" and p.name != "__pycache__")
MUST_REFUSE = {
    "one_gigabyte_line.txt": "MB",
    "zip_bomb.apkg": "refused",
    "path_traversal.apkg": "refused",
    "corrupt_sqlite.apkg": "",
    "no_collection.apkg": "no collection",
    "not_a_zip.apkg": "",
    "huge_field.apkg": "characters",
    "huge_sqlite.apkg": "",
    "png_named.txt": "binary",
    "nul_bytes.txt": "binary",
    "empty.md": "empty",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", COMMITTED + sorted(GENERATED))
def test_hostile_file_is_refused_or_handled_quickly_in_bounded_memory(tmp_path: Path, name: str) -> None:
    file = GENERATED[name](tmp_path) if name in GENERATED else HOSTILE / name
    collection = tmp_path / "collection.studyapp"
    app = open_services(collection)
    app.cards.add("Existing", CardKind.BASIC, "Q?", "A")
    app.close()
    before = digest(collection)
    escaped = [Path("/tmp/studyapp-escaped.txt"), Path("/tmp/studyapp-escaped.png")]

    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(collection), str(file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=TIME_LIMIT_S * 2,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")},
    )

    assert result.returncode == 0, f"not a clear refusal but a crash:\n{result.stderr[-3000:]}"
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{name}: {outcome}")
    assert outcome["seconds"] < TIME_LIMIT_S
    assert outcome["rss_growth_mb"] < MEMORY_LIMIT_MB, outcome
    assert "Traceback" not in result.stderr
    assert not any(p.exists() for p in escaped)
    if name in MUST_REFUSE:
        assert outcome["refused"], outcome
        assert MUST_REFUSE[name] in outcome["message"]
    if outcome["refused"]:
        assert outcome["message"].endswith((".", ")")) and "\n" not in outcome["message"]
        assert digest(collection) == before, "a refused file changed the collection"
