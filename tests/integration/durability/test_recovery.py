"""A damaged collection comes back with one command: restore, list backups, or salvage with check --repair.

The damage is what disks and users really do: a truncated file, a flipped
byte in a page header, a file overwritten with something else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind
from studyapp.services.app import open_services
from studyapp.services.backups import backup_folder

PAGE = 4096


def truncate(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as stream:
        stream.truncate(size // 2 + 100)


def flip_page_header(path: Path) -> None:
    """Every b-tree page after the first gets an invalid page type byte."""
    data = bytearray(path.read_bytes())
    for offset in range(PAGE, len(data), PAGE):
        data[offset] = 0x6B
    path.write_bytes(bytes(data))


def overwrite(path: Path) -> None:
    path.write_bytes(b"this is not a database\n" * 100)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": truncate,
    "flipped page header": flip_page_header,
    "overwritten": overwrite,
}


def fronts(path: Path) -> list[str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [front for (front,) in db.execute("SELECT front FROM cards ORDER BY front")]
    finally:
        db.close()


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, Path]:
    """A collection with 300 cards, a backup of it, and then 1 more card only the live file has."""
    path = tmp_path / "collection.studyapp"
    app = open_services(path)
    for number in range(300):
        app.cards.add("Deck", CardKind.BASIC, f"Question {number:03}?", "answer " * 20)
    app.close()  # writes the backup
    (backup,) = backup_folder(path).iterdir()
    app = open_services(path)
    app.cards.add("Deck", CardKind.BASIC, "Only live?", "answer")
    app.backups.on_close = lambda: None  # type: ignore[method-assign]  # no second backup
    app.close()
    return path, backup


def run(path: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--collection", str(path), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_collection_is_restored_with_one_command_and_kept_aside(
    backed_up: tuple[Path, Path], damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = backed_up
    DAMAGE[damage](path)
    damaged_bytes = path.read_bytes()

    code, out, err = run(path, "restore", str(backup), capsys=capsys)

    assert (code, err) == (0, "")
    assert out.startswith(f"Restored {backup.name} (300 cards). The damaged collection is kept as ")
    aside = Path(out.strip().rsplit(" as ", 1)[1].rstrip("."))
    assert aside.read_bytes() == damaged_bytes
    assert fronts(path)[:2] == ["Question 000?", "Question 001?"]
    assert len(fronts(path)) == 300
    code, out, err = run(path, "check", capsys=capsys)
    assert (code, out.strip()) == (0, "Collection is healthy: 300 cards in 1 deck.")


def test_restoring_over_a_healthy_collection_backs_it_up_first(
    backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = backed_up
    code, out, _err = run(path, "restore", str(backup), capsys=capsys)
    assert code == 0
    assert "The previous state is kept in " in out
    safety = Path(out.strip().rsplit(" kept in ", 1)[1].rstrip("."))
    assert "Only live?" in fronts(safety)
    assert "Only live?" not in fronts(path)
    assert not list(path.parent.glob("*.damaged-*"))


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_backups_are_listed_whatever_state_the_collection_is_in(
    backed_up: tuple[Path, Path], damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = backed_up
    DAMAGE[damage](path)
    code, out, err = run(path, "backups", capsys=capsys)
    assert (code, err) == (0, "")
    (line,) = out.strip().splitlines()
    assert line.endswith(f"300 cards  {backup}")


@pytest.mark.parametrize("damage", ["truncated", "flipped page header"])
def test_the_message_for_a_damaged_collection_names_the_commands_to_run(
    backed_up: tuple[Path, Path], damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = backed_up
    DAMAGE[damage](path)
    code, _out, err = run(path, "decks", capsys=capsys)
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith(f"studyapp: error: The collection {path} is damaged (")
    assert line.endswith(
        f"Restore the newest backup with: studyapp --collection {path} restore {backup} "
        f"(or salvage what is still readable with: studyapp --collection {path} check --repair)"
    )


def test_restore_into_a_missing_collection_creates_it(
    backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = backed_up
    path.unlink()
    code, out, _err = run(path, "restore", str(backup), capsys=capsys)
    assert (code, out.strip()) == (0, f"Restored {backup.name} (300 cards).")
    assert len(fronts(path)) == 300


def damage_one_card_page(path: Path) -> int:
    """Break one leaf page of the cards table in the middle; returns how many cards it held."""
    db = sqlite3.connect(path)
    try:
        pages = db.execute(
            "SELECT pageno, ncell FROM dbstat WHERE name = 'cards' AND pagetype = 'leaf' ORDER BY pageno"
        ).fetchall()
    finally:
        db.close()
    page, cells = pages[len(pages) // 2]
    with path.open("r+b") as stream:
        stream.seek((page - 1) * PAGE)
        stream.write(b"\x6b")
    return int(cells)


def test_check_repair_salvages_every_readable_card_and_keeps_the_damaged_file(
    backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _backup = backed_up
    lost = damage_one_card_page(path)
    damaged_bytes = path.read_bytes()
    code, out, _err = run(path, "check", capsys=capsys)
    assert code != 0

    code, out, err = run(path, "check", "--repair", capsys=capsys)

    assert (code, err) == (0, "")
    assert out.startswith(f"Salvaged {301 - lost} cards in 1 deck and 0 reviews into a new collection.")
    aside = Path(out.strip().rsplit(" kept as ", 1)[1].rstrip("."))
    assert aside.read_bytes() == damaged_bytes
    assert "Only live?" in fronts(path)
    code, out, err = run(path, "check", capsys=capsys)
    assert (code, out.strip()) == (0, f"Collection is healthy: {301 - lost} cards in 1 deck.")
    app = open_services(path)  # fully usable again
    app.cards.add("Deck", CardKind.BASIC, "After the repair?", "answer")
    app.close()


def test_check_repair_leaves_a_healthy_collection_alone(
    backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _backup = backed_up
    before = path.read_bytes()
    code, out, _err = run(path, "check", "--repair", capsys=capsys)
    assert (code, out.strip()) == (0, "SQLite finds nothing damaged in the collection; nothing was changed.")
    assert path.read_bytes() == before


def test_check_repair_of_a_collection_with_nothing_readable_changes_nothing(
    backed_up: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup = backed_up
    flip_page_header(path)
    before = path.read_bytes()
    code, _out, err = run(path, "check", "--repair", capsys=capsys)
    assert code == 2
    assert err.startswith(f"studyapp: error: Nothing could be salvaged from {path}; nothing was changed. ")
    assert f"restore {backup}" in err
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.damaged-*"))
    left = sorted(p.name for p in path.parent.iterdir())
    assert left == ["backups", "collection.studyapp", "collection.studyapp.lock"]
