"""Writing an .apkg's collection: genanki lays out the collection, we write notes and cards in bulk.

genanki creates the schema, the ``col`` row, the note types and the decks.
Its per-note path (one ``INSERT`` per note and card, export time as every
``mod``, ``due=0``, no schedule) would then have to be corrected row by row,
so notes, cards and the review log are written here with ``executemany``
and their final values: Anki decides whether an import updates a note by its
``mod`` time, orders new cards by ``due``, and reads the schedule and FSRS
memory state from the card rows.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studyapp.domain.errors import UserInputError

NoteRow = tuple[int, str, int, int, str, str, str]
"""One row of Anki's ``notes``: id, guid, note type id, mod, tags, fields (``\\x1f``-joined), sort field."""


@dataclass(frozen=True, slots=True)
class CardPlace:
    """Where a card sits in the package: its id, note, deck and template ordinal."""

    id: int
    note_id: int
    deck_id: int
    ord: int


@dataclass(frozen=True, slots=True)
class PackageCard:
    """One card's row values in Anki's ``cards`` table."""

    place: CardPlace
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

    card_id: int
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
        """Let genanki write the schema, note types and decks through a cursor (``Package.write_to_db``)."""
        write(self._connection.cursor())

    def created(self) -> int:
        """``col.crt``: Anki counts review due days from this epoch second."""
        return int(self._connection.execute("SELECT crt FROM col").fetchone()[0])

    def add_notes(self, notes: Iterable[NoteRow]) -> None:
        self._connection.executemany(
            "INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) "
            "VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')",
            notes,
        )

    def add_cards(self, cards: Iterable[PackageCard]) -> None:
        self._connection.executemany(
            "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, "
            "odue, odid, flags, data) VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)",
            (
                (
                    c.place.id,
                    c.place.note_id,
                    c.place.deck_id,
                    c.place.ord,
                    c.mod,
                    c.type,
                    c.queue,
                    c.due,
                    c.ivl,
                    c.factor,
                    c.reps,
                    c.lapses,
                    c.left,
                    c.data,
                )
                for c in cards
            ),
        )

    def add_reviews(self, reviews: Iterable[PackageReview]) -> None:
        self._connection.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?,?,-1,?,?,?,?,?,?)",
            ((r.id, r.card_id, r.ease, r.ivl, r.last_ivl, r.factor, r.time, r.type) for r in reviews),
        )

    def close(self) -> None:
        self._connection.commit()
        self._connection.close()


def zip_package(database: Path, out: Path) -> None:
    """The .apkg layout genanki writes: the collection and an empty media map."""
    try:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
    except OSError as error:
        raise UserInputError(f"Cannot write {out}: {error.strerror or error}.") from error
