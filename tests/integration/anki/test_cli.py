"""``studyapp export`` and ``studyapp import`` of Anki files, in-process through ``main``."""

from __future__ import annotations

import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import genanki
import pytest
from anki.collection import Collection

from studyapp.cli.main import main
from tests.integration.anki.conftest import AnkiFactory, export_from_anki, import_into_anki

CSV = "#separator:comma\n#html:false\n#guid column:1\n#deck column:2\n#tags column:5\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(capsys: pytest.CaptureFixture[str], collection_path: Path, tmp_path: Path) -> str:
    """A collection with three cards in Lang and Lang::German, imported from a CSV file by the CLI."""
    source = tmp_path / "source.csv"
    rows = ["g1,Lang,Hund,dog,noun", "g2,Lang::German,Katze,cat,noun", 'g3,Lang,"{{c1::Bonjour}}, monde",,fr']
    source.write_text(CSV + "\n".join(rows) + "\n", encoding="utf-8")
    db = str(collection_path)
    code, out, err = run(capsys, "--collection", db, "import", str(source))
    assert code == 0, err
    assert out.startswith("Added 3 cards")
    return db


@pytest.mark.parametrize("suffix", [".apkg", ".csv", ".tsv"])
def test_export_writes_each_format_and_reports_it(
    capsys: pytest.CaptureFixture[str], filled: str, tmp_path: Path, suffix: str
) -> None:
    out_file = tmp_path / f"lang{suffix}"
    code, out, err = run(capsys, "--collection", filled, "export", "--deck", "Lang", "--out", str(out_file))
    assert code == 0, err
    assert out.strip() == f"Exported 3 cards from deck 'Lang' to {out_file}."
    if suffix == ".apkg":
        assert zipfile.ZipFile(out_file).namelist() == ["collection.anki2", "media"]
    else:
        text = out_file.read_text(encoding="utf-8")
        assert text.startswith(f"#separator:{'tab' if suffix == '.tsv' else 'comma'}\n")
        assert "Katze" in text


def test_export_with_scheduling_opens_in_anki(
    capsys: pytest.CaptureFixture[str], filled: str, tmp_path: Path, anki_collection: AnkiFactory
) -> None:
    out_file = tmp_path / "lang.apkg"
    code, _, err = run(
        capsys, "--collection", filled, "export", "--deck", "Lang", "--out", str(out_file), "--with-scheduling"
    )
    assert code == 0, err
    col: Collection = anki_collection()
    import_into_anki(col, out_file, with_scheduling=True)
    assert len(col.find_cards("is:new")) == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--deck", "Lang", "--out", "{tmp}/lang.txt"], "cannot tell the format from the extension"),
        (["--deck", "Nope", "--out", "{tmp}/x.apkg"], "There is no deck named 'Nope'"),
        (["--deck", "Lang", "--out", "{tmp}/x.csv", "--with-scheduling"], "only be exported in an .apkg"),
        (["--deck", "Lang", "--out", "{tmp}/missing/x.apkg"], "does not exist"),
    ],
    ids=["wrong-extension", "missing-deck", "scheduling-in-csv", "missing-folder"],
)
def test_export_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], filled: str, tmp_path: Path, argv: list[str], message: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, out, err = run(capsys, "--collection", filled, "export", *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert out == ""
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".txt", ".csv", ".apkg", ".part")] == ["source.csv"]


def test_import_apkg_adds_then_updates(
    capsys: pytest.CaptureFixture[str], collection_path: Path, tmp_path: Path
) -> None:
    model = genanki.Model(
        1_234_567,
        "Simple",
        fields=[{"name": "Q"}, {"name": "A"}],
        templates=[{"name": "c", "qfmt": "{{Q}}", "afmt": "{{A}}"}],
    )
    deck = genanki.Deck(2_345_678, "Made::By genanki")
    deck.add_note(genanki.Note(model=model, fields=["2 &lt; 3", "true"], guid="g-1"))
    package = tmp_path / "genanki.apkg"
    genanki.Package(deck).write_to_file(package)
    db = str(collection_path)
    code, out, err = run(capsys, "--collection", db, "import", str(package))
    assert code == 0, err
    assert out.startswith("Added 1 card to deck 'Made::By genanki'")
    code, out, err = run(capsys, "--collection", db, "import", str(package))
    assert code == 0, err
    assert out.startswith("Added 0 cards") and "Updated 1 card(s)" in out


def test_import_of_a_hostile_package_fails_with_one_line(
    capsys: pytest.CaptureFixture[str], collection_path: Path, tmp_path: Path
) -> None:
    package = tmp_path / "evil.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("../evil.txt", b"x")
    code, out, err = run(capsys, "--collection", str(collection_path), "import", str(package))
    assert code == 2
    assert "unsafe path" in err and out == ""


def test_import_deck_option_puts_a_packages_decks_under_it(
    capsys: pytest.CaptureFixture[str], collection_path: Path, tmp_path: Path, anki_collection: AnkiFactory
) -> None:
    col = anki_collection()
    for deck_name, front in (("Biology::Cells", "Mitochondria"), ("Chemistry", "NaCl")):
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = front, "answer"
        col.add_note(note, col.decks.id(deck_name))
    package = export_from_anki(col, tmp_path / "shared.apkg", legacy=False)
    db = str(collection_path)
    code, out, err = run(capsys, "--collection", db, "import", str(package), "--deck", "From Sam")
    assert code == 0, err
    assert out.startswith("Added 2 cards to deck 'From Sam::Biology::Cells, From Sam::Chemistry'")
    with closing(sqlite3.connect(db)) as connection:
        names = {name for (name,) in connection.execute("SELECT name FROM decks")}
    assert {"From Sam::Biology::Cells", "From Sam::Chemistry"} <= names
    assert not {"Biology::Cells", "Chemistry"} & names
