"""Importing packages written by genanki and by the real Anki, CSV files, and hostile archives."""

from __future__ import annotations

import gc
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest
from sqlalchemy import select

from studyapp.anki.package_archive import Limits
from studyapp.domain.errors import UserInputError
from studyapp.services.app import Services
from studyapp.services.importing import read_package
from studyapp.storage.records import CardRecord
from tests.integration.anki.conftest import AnkiFactory, export_from_anki


def _cards(services: Services) -> list[tuple[str, str, str, str, str]]:
    with services.context.store.unit_of_work() as uow:
        rows = uow.session.scalars(select(CardRecord).order_by(CardRecord.position))
        return [(r.guid, r.deck.name, r.front, r.back, r.tags.strip()) for r in rows]


def _anki_package(anki_collection: AnkiFactory, tmp_path: Path, *, legacy: bool) -> Path:
    col = anki_collection()
    picture = tmp_path / "cell.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n fake image")
    name = col.media.add_file(str(picture))
    deck = col.decks.id("Biology::Cells")
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"] = f'What is <b>this</b> &amp; that?<br><img src="{name}">'
    note["Back"] = "A cell[sound:cell.mp3]<script>alert(1)</script>"
    note.tags = ["bio"]
    col.add_note(note, deck)
    cloze = col.new_note(col.models.by_name("Cloze"))
    cloze["Text"] = "{{c1::Mitochondria}} make {{c2::ATP}}."
    col.add_note(cloze, deck)
    return export_from_anki(col, tmp_path / f"anki-{'legacy' if legacy else 'modern'}.apkg", legacy=legacy)


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy-anki21", "modern-anki21b"])
def test_anki_package_gives_plain_cards_images_and_siblings(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path, legacy: bool
) -> None:
    package = _anki_package(anki_collection, tmp_path, legacy=legacy)
    summary = services.imports.import_file(package)

    cards = _cards(services)
    assert [c[2] for c in cards] == [
        "What is this & that?\n[image: cell.png]",
        "{{c1::Mitochondria}} make ATP.",
        "Mitochondria make {{c1::ATP}}.",
    ]
    assert cards[0][3] == "A cell"
    assert {c[1] for c in cards} == {"Biology::Cells"}
    assert cards[0][4] == "bio"
    assert (services.path.with_name(services.path.name + ".media") / "cell.png").read_bytes().startswith(b"\x89PNG")
    assert summary.added == 3
    assert "audio" in summary.describe()


def test_importing_the_same_package_again_updates_instead_of_adding(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    package = _anki_package(anki_collection, tmp_path, legacy=False)
    services.imports.import_file(package)
    again = services.imports.import_file(package)
    assert again.added == 0
    assert len(_cards(services)) == 3


def test_genanki_package_and_our_own_export_round_trip(services: Services, tmp_path: Path) -> None:
    model = genanki.Model(
        1_234_567,
        "Simple",
        fields=[{"name": "Q"}, {"name": "A"}],
        templates=[{"name": "c", "qfmt": "{{Q}}", "afmt": "{{A}}"}],
    )
    deck = genanki.Deck(2_345_678, "Made::By genanki")
    deck.add_note(genanki.Note(model=model, fields=["2 &lt; 3", "true"], guid="g-1", tags=["t1"]))
    package = tmp_path / "genanki.apkg"
    genanki.Package(deck).write_to_file(package)
    services.imports.import_file(package)
    assert _cards(services) == [("g-1", "Made::By genanki", "2 < 3", "true", "t1")]

    out = tmp_path / "ours.apkg"
    services.exports.export("Made", out)
    services.imports.import_file(out)
    assert _cards(services) == [("g-1", "Made::By genanki", "2 < 3", "true", "t1")]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1252", ",")],
)
def test_csv_in_any_common_encoding_and_delimiter(
    services: Services, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = tmp_path / "cards.csv"
    lines = [
        ["Front", "Back", "Tags"],
        ["Café?", "Crème brûlée, à la française", "food french"],
        ["Naïve", "Qu'est-ce que c'est ? Une idée très répandue", "word"],
    ]
    quoted = (delimiter.join(f'"{cell}"' if "," in cell else cell for cell in line) for line in lines)
    path.write_bytes("\n".join(quoted).encode(encoding))
    services.imports.import_file(path, "Vocab")
    assert [(c[1], c[2], c[3], c[4]) for c in _cards(services)] == [
        ("Vocab", "Café?", "Crème brûlée, à la française", "food french"),
        ("Vocab", "Naïve", "Qu'est-ce que c'est ? Une idée très répandue", "word"),
    ]


def test_our_tsv_export_is_read_back_with_decks_tags_and_identity(services: Services, tmp_path: Path) -> None:
    from studyapp.domain.cards import CardKind

    services.cards.add("Lang::German", CardKind.BASIC, "Hund", "dog\nHund (m)", tags=("noun",))
    services.cards.add("Lang", CardKind.CLOZE, "Der {{c1::Hund}} bellt.")
    out = tmp_path / "lang.tsv"
    services.exports.export("Lang", out)
    assert out.read_text(encoding="utf-8").startswith("#separator:tab\n#html:false\n")
    before = _cards(services)
    summary = services.imports.import_file(out)
    assert summary.added == 0
    assert _cards(services) == before


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _sqlite(path: Path, script: str) -> bytes:
    with sqlite3.connect(path) as connection:
        connection.executescript(script)
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"../evil.txt": b"x", "collection.anki2": b""}, "unsafe path"),
        ({"collection.anki2": b"this is not sqlite at all" * 100}, "damaged"),
        ({"media": b"{}"}, "no collection"),
    ],
    ids=["traversal", "corrupt-sqlite", "no-collection"],
)
def test_hostile_packages_are_refused_and_nothing_changes(
    services: Services, tmp_path: Path, members: dict[str, bytes], message: str
) -> None:
    package = _zip(tmp_path / "hostile.apkg", members)
    with pytest.raises(UserInputError, match=message):
        services.imports.import_file(package)
    assert _cards(services) == []


def test_a_sqlite_file_that_is_not_anki_is_refused(services: Services, tmp_path: Path) -> None:
    data = _sqlite(tmp_path / "other.db", "CREATE TABLE things (id INTEGER);")
    package = _zip(tmp_path / "other.apkg", {"collection.anki2": data})
    with pytest.raises(UserInputError, match="not an Anki collection"):
        services.imports.import_file(package)
    assert _cards(services) == []


def test_zip_bombs_are_refused(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.apkg", {"collection.anki2": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(UserInputError, match="zip bomb"):
        read_package(bomb)
    many = _zip(tmp_path / "many.apkg", {str(n): b"" for n in range(20)})
    with pytest.raises(UserInputError, match="more than 10 files"):
        read_package(many, Limits(entries=10))


def test_an_absurd_field_fails_the_whole_import(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(f"ok,fine\n{'x' * 100_001},back\n", encoding="utf-8")
    with pytest.raises(UserInputError, match="too long"):
        services.imports.import_file(path, "Big")
    assert _cards(services) == []


def test_plain_marked_up_and_reversed_notes_keep_file_order_and_identity(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    col = anki_collection()
    deck = col.decks.id("Mixed")
    for note_type, front, back in [
        ("Basic", "  plain front ", "plain back"),
        ("Basic (and reversed card)", "forward", "<i>reverse</i>"),
        ("Basic", "a &lt; b", " last "),
    ]:
        note = col.new_note(col.models.by_name(note_type))
        note["Front"], note["Back"] = front, back
        col.add_note(note, deck)
    package = export_from_anki(col, tmp_path / "mixed.apkg", legacy=False)

    services.imports.import_file(package)

    cards = _cards(services)
    assert [(c[2], c[3], c[1]) for c in cards] == [
        ("plain front", "plain back", "Mixed"),
        ("forward", "reverse", "Mixed"),
        ("reverse", "forward", "Mixed"),
        ("a < b", "last", "Mixed"),
    ]
    assert cards[2][0] == f"{cards[1][0]}#2"


def test_the_garbage_collector_runs_again_after_an_import_succeeds_or_fails(services: Services, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("front,back\n", encoding="utf-8")
    services.imports.import_file(good, "Good")
    assert gc.isenabled()
    bad = _zip(tmp_path / "bad.apkg", {"media": b"{}"})
    with pytest.raises(UserInputError):
        services.imports.import_file(bad)
    assert gc.isenabled()
