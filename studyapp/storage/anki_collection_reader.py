"""Reading notes, note types and decks out of an Anki collection file, never trusting it.

The file is a temporary copy extracted from a package and is opened
read-only.  Both layouts are understood: schema 11 (note types and decks as
JSON in ``col``; ``collection.anki2``/``.anki21``) and schema 18 (tables of
their own with protobuf configs; ``collection.anki21b``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.domain.errors import UserInputError
from studyapp.storage.protowire import first_int

REQUIRED_TABLES = frozenset({"col", "notes", "cards"})
NOTETYPE_KIND_CLOZE = 1
MODERN_DECK_SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class NoteType:
    name: str
    cloze: bool
    fields: tuple[str, ...]
    templates: int


PackageNote = tuple[str, int, list[str], tuple[str, ...], list[tuple[int, int]]]
"""A note as (guid, note type id, fields, tags, cards): a plain tuple, since a 100k-note
package makes one per note; ``cards`` holds (template ordinal, deck id) of each of its cards."""


@dataclass
class CollectionContent:
    notetypes: dict[int, NoteType] = field(default_factory=dict)
    decks: dict[int, str] = field(default_factory=dict)
    notes: list[PackageNote] = field(default_factory=list)


def read_collection(path: Path, label: str) -> CollectionContent:
    """Everything we import from the collection at ``path``; ``label`` names the package in errors."""
    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as error:
        raise UserInputError(f"{label} is damaged: its collection cannot be opened ({error}).") from error
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables >= REQUIRED_TABLES:
            raise UserInputError(f"{label} is not an Anki package: its database is not an Anki collection.")
        content = CollectionContent()
        if "notetypes" in tables:
            _read_modern_types(connection, content)
        else:
            _read_legacy_types(connection, content)
        _read_notes(connection, content)
        return content
    except (sqlite3.Error, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UserInputError(f"{label} is damaged or not an Anki package ({type(error).__name__}: {error}).") from error
    finally:
        connection.close()


def _read_legacy_types(connection: sqlite3.Connection, content: CollectionContent) -> None:
    models, decks = connection.execute("SELECT models, decks FROM col").fetchone()
    for key, model in json.loads(models or "{}").items():
        names = tuple(str(f["name"]) for f in sorted(model["flds"], key=lambda f: int(f["ord"])))
        content.notetypes[int(key)] = NoteType(
            str(model["name"]), int(model.get("type", 0)) == 1, names, len(model["tmpls"])
        )
    for key, deck in json.loads(decks or "{}").items():
        content.decks[int(key)] = str(deck["name"])


def _read_modern_types(connection: sqlite3.Connection, content: CollectionContent) -> None:
    names: dict[int, list[str]] = {}
    for ntid, name in connection.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        names.setdefault(int(ntid), []).append(str(name))
    templates = dict(connection.execute("SELECT ntid, count(*) FROM templates GROUP BY ntid").fetchall())
    for ntid, name, config in connection.execute("SELECT id, name, config FROM notetypes"):
        cloze = first_int(bytes(config or b""), 1) == NOTETYPE_KIND_CLOZE
        content.notetypes[int(ntid)] = NoteType(
            str(name), cloze, tuple(names.get(ntid, [])), int(templates.get(ntid, 0))
        )
    for deck_id, name in connection.execute("SELECT id, name FROM decks"):
        content.decks[int(deck_id)] = str(name).replace(MODERN_DECK_SEPARATOR, "::")


def _read_notes(connection: sqlite3.Connection, content: CollectionContent) -> None:
    cards: dict[int, list[tuple[int, int]]] = {}
    for nid, ord_, did in connection.execute("SELECT nid, ord, did FROM cards ORDER BY nid, ord"):
        if (found := cards.get(key := int(nid))) is None:
            cards[key] = [(int(ord_), int(did))]
        else:
            found.append((int(ord_), int(did)))
    tag_sets: dict[object, tuple[str, ...]] = {}  # a package repeats a few tag strings many times
    no_cards: list[tuple[int, int]] = []
    content.notes = [
        (
            str(guid),
            int(mid),
            str(flds).split("\x1f"),
            tag_sets.get(tags) or tag_sets.setdefault(tags, tuple(str(tags).split())),
            cards.get(nid, no_cards),
        )
        for nid, guid, mid, tags, flds in connection.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")
    ]
