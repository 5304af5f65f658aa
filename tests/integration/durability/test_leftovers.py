"""Nothing left behind: temporary files go on any exit (a kill included, at the next start), exports follow
the umask, and importing the same file again adds no empty deck."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind
from studyapp.services.app import open_services
from studyapp.services.temp_files import registry_folder

ROOT = Path(__file__).resolve().parents[3]
ARTICLE = (
    "The Danube is the second-longest river in Europe. It flows through ten countries. "
    "Vienna, Budapest and Belgrade lie on its banks. The river is 2,850 kilometres long.\n"
)

HOLD_TEMPORARIES = """
import sys
from pathlib import Path
from studyapp.services.temp_files import new_part_file, private_folder, tracked

part = new_part_file(Path(sys.argv[1]))
with tracked(part), private_folder("apkg") as folder:
    (folder / "collection.anki2").write_bytes(b"x" * 4096)
    print(part, folder, flush=True)
    sys.stdin.read()  # until killed
"""


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    path = tmp_path / "collection.studyapp"
    app = open_services(path)
    app.cards.add("Deck", CardKind.BASIC, "Question?", "Answer")
    app.close()
    return path


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_temporaries_of_a_killed_process_are_removed_at_the_next_start(collection: Path, tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_TEMPORARIES, str(tmp_path / "k.apkg")],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    part_name, folder_name = process.stdout.readline().split()
    part, folder = Path(part_name), Path(folder_name)
    assert part.name.startswith(".k-") and part.name.endswith(".studyapp.part") and part.exists()
    assert folder.name.startswith("studyapp-apkg-") and folder.parent == Path(tempfile.gettempdir())
    running = main(["--collection", str(collection), "decks"])  # its owner is alive: left alone
    assert running == 0 and part.exists() and folder.exists()

    process.send_signal(signal.SIGKILL)
    process.wait()
    assert part.exists() and folder.exists()  # a kill runs no clean-up
    old = time.time() - 3600
    for entry in registry_folder().iterdir():
        os.utime(entry, (old, old))

    assert main(["--collection", str(collection), "decks"]) == 0

    assert not part.exists()
    assert not folder.exists()


def test_an_export_leaves_only_the_exported_file(collection: Path, tmp_path: Path, umask: None) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = set(Path(tempfile.gettempdir()).glob("studyapp-*"))
    assert main(["--collection", str(collection), "export", "--deck", "Deck", "--out", str(out / "k.apkg")]) == 0
    assert [p.name for p in out.iterdir()] == ["k.apkg"]
    assert set(Path(tempfile.gettempdir()).glob("studyapp-*")) == before


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
@pytest.mark.parametrize("name", ["k.apkg", "k.csv", "k.tsv"])
def test_exported_files_follow_the_umask(
    collection: Path, tmp_path: Path, umask: None, mask: int, mode: int, name: str
) -> None:
    os.umask(mask)
    out = tmp_path / name
    assert main(["--collection", str(collection), "export", "--deck", "Deck", "--out", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == mode


def test_importing_the_same_article_again_adds_no_empty_deck(
    collection: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "danube.txt"
    article.write_text(ARTICLE)
    assert main(["--collection", str(collection), "import", str(article), "--deck", "Rivers"]) == 0
    assert main(["--collection", str(collection), "import", str(article)]) == 0
    out = capsys.readouterr().out
    assert "Added 0 cards" in out.splitlines()[-1]
    app = open_services(collection, readonly=True)
    try:
        assert sorted(row.name for row in app.decks.list()) == ["Deck", "Rivers"]
    finally:
        app.close()
