"""Writing an .apkg's collection: genanki fills it, then we set what genanki cannot.

genanki stamps every note with the export time and gives every card
``due=0`` and no schedule.  Anki decides whether an import updates a note by
its ``mod`` time and orders new cards by ``due``, so both are corrected here,
and with scheduling the cards' state and the review log are written too.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studyapp.domain.errors import UserInputError

CardKey = tuple[str, int]
"""A card in the package: its note's GUID and its template ordinal."""


@dataclass(frozen=True, slots=True)
class PackageCard:
    """One card's row values in Anki's ``cards`` table."""

    key: CardKey
    mod: int
    type: int
    queue: int
    due: int
    ivl: int = 0
    factor: int = 0
    reps: int = 0
    lapses: int = 0
    left: int = 0
    data: str = ""


@dataclass(frozen=True, slots=True)
class PackageReview:
    """One row of Anki's ``revlog``; ``id`` is the answer time in epoch milliseconds."""

    key: CardKey
    id: int
    ease: int
    ivl: int
    last_ivl: int
    factor: int
    time: int
    type: int


class PackageDatabase:
    """The SQLite file that becomes ``collection.anki2`` inside the package."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = sqlite3.connect(path)
        self._connection.execute("PRAGMA journal_mode = OFF")
        self._connection.execute("PRAGMA synchronous = OFF")

    def fill(self, write: Callable[[Any], None]) -> None:
        """Let genanki write its tables through a cursor (``Package.write_to_db``)."""
        write(self._connection.cursor())

    def created(self) -> int:
        """``col.crt``: Anki counts review due days from this epoch second."""
        return int(self._connection.execute("SELECT crt FROM col").fetchone()[0])

    def card_ids(self) -> dict[CardKey, int]:
        rows = self._connection.execute(
            "SELECT notes.guid, cards.ord, cards.id FROM cards JOIN notes ON notes.id = cards.nid"
        )
        return {(guid, ord_): card_id for guid, ord_, card_id in rows}

    def set_note_mods(self, mods: Iterable[tuple[str, int]]) -> None:
        ids = dict(self._connection.execute("SELECT guid, id FROM notes"))  # genanki's schema has no guid index
        self._connection.executemany("UPDATE notes SET mod = ? WHERE id = ?", ((mod, ids[guid]) for guid, mod in mods))

    def set_cards(self, cards: Iterable[PackageCard]) -> None:
        ids = self.card_ids()
        self._connection.executemany(
            "UPDATE cards SET mod=?, type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?, left=?, data=? "
            "WHERE id=?",
            (
                (c.mod, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.left, c.data, ids[c.key])
                for c in cards
            ),
        )

    def add_reviews(self, reviews: Iterable[PackageReview]) -> None:
        ids = self.card_ids()
        self._connection.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?,?,-1,?,?,?,?,?,?)",
            ((r.id, ids[r.key], r.ease, r.ivl, r.last_ivl, r.factor, r.time, r.type) for r in reviews),
        )

    def close(self) -> None:
        self._connection.commit()
        self._connection.close()


def zip_package(database: Path, out: Path) -> None:
    """The .apkg layout genanki writes: the collection and an empty media map."""
    try:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
    except OSError as error:
        raise UserInputError(f"Cannot write {out}: {error.strerror or error}.") from error
