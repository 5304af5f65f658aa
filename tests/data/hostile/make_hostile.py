"""Regenerate the small hostile files here: ``python tests/data/hostile/make_hostile.py``.

Big ones (a 1 GB sparse text, a zip bomb, 100k nested divs, a huge field in
a package) are made by tests/fuzz/test_hostile_files.py in a temporary
folder instead of being committed.
"""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def anki_collection(path: Path, front: str = "Q", back: str = "A") -> None:
    """The smallest legacy Anki collection with one new Basic card: the columns the importer reads, no more."""
    models = (
        '{"1": {"id": 1, "name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],'
        ' "tmpls": [{"name": "Card 1", "ord": 0}]}}'
    )
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE col (id integer primary key, crt integer, models text, decks text);"
            "CREATE TABLE notes (id integer primary key, guid text, mid integer, tags text, flds text);"
            "CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, type integer,"
            " queue integer, due integer, ivl integer, factor integer, reps integer, lapses integer,"
            " left integer, odue integer, odid integer, data text);"
        )
        db.execute("INSERT INTO col VALUES (1, 0, ?, ?)", (models, '{"1": {"id": 1, "name": "Default"}}'))
        db.execute("INSERT INTO notes VALUES (1, 'g', 1, '', ?)", (f"{front}\x1f{back}",))
        db.execute("INSERT INTO cards VALUES (1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, '')")  # a new card
    db.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        collection = Path(folder) / "collection.anki2"
        anki_collection(collection)
        with zipfile.ZipFile(HERE / "path_traversal.apkg", "w") as archive:
            archive.write(collection, "collection.anki2")
            archive.writestr("media", '{"0": "../../../../tmp/studyapp-escaped.png"}')
            archive.writestr("0", b"\x89PNG\r\n\x1a\n")
            archive.writestr("../../../../tmp/studyapp-escaped.txt", "written outside the package")
    with zipfile.ZipFile(HERE / "corrupt_sqlite.apkg", "w") as archive:
        archive.writestr("collection.anki2", b"SQLite format 3\x00" + bytes(range(256)) * 16)
        archive.writestr("media", "{}")
    with zipfile.ZipFile(HERE / "no_collection.apkg", "w") as archive:
        archive.writestr("media", "{}")
        archive.writestr("readme.txt", "no collection in here")
    (HERE / "not_a_zip.apkg").write_text("This is a text file with an .apkg name.\n")
    (HERE / "nul_bytes.txt").write_bytes(b"The Danube flows\x00 through ten\x00 countries.\x00" * 20)
    bad_utf8 = b"The Danube \xff\xfe\xc3\x28 flows \xa0\xa1 through \xf0\x28\x8c\x28 ten.\n"
    (HERE / "invalid_utf8.txt").write_bytes(bad_utf8 * 20)
    (HERE / "png_named.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (HERE / "empty.md").write_bytes(b"")
    (HERE / "controls.html").write_bytes(b"<p>" + bytes(range(1, 32)) * 40 + b"</p>")
    (HERE / "nul_in_csv.csv").write_bytes(b"front,back\nq\x00one,a\x00one\n\x00\x00\x00,\x00\n")
    print(f"wrote the hostile files in {HERE}")


if __name__ == "__main__":
    main()
