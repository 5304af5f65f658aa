"""Reading notes, cards with their schedule, note types, decks and the review log out of an Anki collection file.

Nothing in the file is trusted.

The file is a temporary copy extracted from a package and is opened
read-only.  Both layouts are understood: schema 11 (note types and decks as
JSON in ``col``; ``collection.anki2``/``.anki21``) and schema 18 (tables of
their own with protobuf configs; ``collection.anki21b``).

A package is written by a stranger, and SQL in its schema runs when it is
read: a ``templates`` "table" that is a recursive view never ends.  Views and
triggers (Anki writes none) are refused before any query, the schema is not
trusted, and a progress handler stops any query after a budget of virtual
machine steps proportional to the file (a real package needs well under one
step per byte) or as soon as the import is cancelled or interrupted.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from studyapp.anki.deck_config import AnkiPreset, deck_config_id, preset_from_json, preset_from_proto
from studyapp.anki.protowire import first_int
from studyapp.domain.errors import Cancelled, UserInputError
from studyapp.domain.progress import CancelToken

REQUIRED_TABLES = frozenset({"col", "notes", "cards"})
NOTETYPE_KIND_CLOZE = 1
MODERN_DECK_SEPARATOR = "\x1f"
STEPS_PER_CHECK = 1000  # SQLite virtual machine instructions between two calls of the progress handler
STEPS_PER_BYTE = 50
MIN_STEPS = 50_000_000  # about a second of SQLite work, for the smallest files
MAX_SECONDS = 2**32  # epoch seconds up to the year 2106: Anki's times; anything past it is damage
MAX_MILLIS = MAX_SECONDS * 1000
REVLOG_SQL = "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog WHERE id BETWEEN 0 AND ? ORDER BY id"
"""Answers placed in time (an id is the answer's epoch milliseconds), oldest first."""


@dataclass(frozen=True, slots=True)
class NoteType:
    name: str
    cloze: bool
    fields: tuple[str, ...]
    templates: int


PackageNote = tuple[str, int, list[str], tuple[str, ...], list[tuple[int, int, int]]]
"""A note as (guid, note type id, fields, tags, cards): a plain tuple, since a 100k-note
package makes one per note; ``cards`` holds (template ordinal, home deck id, card id) of each of its cards."""


class AnkiCard(NamedTuple):
    """A row of Anki's ``cards`` as Anki keeps it, back in its home deck if it sat in a filtered one.

    Anki moves a card into a filtered deck by setting ``did`` to that deck and keeping the
    home deck in ``odid`` and, for review cards, the home due day in ``odue``; emptying the
    filtered deck puts both back.  The reader does the same.
    """

    id: int
    type: int
    queue: int
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    left: int
    data: str


class AnkiReview(NamedTuple):
    """A row of Anki's ``revlog``: ``id`` is the answer time in epoch ms, ``ivl`` days (or negative seconds)."""

    id: int
    card_id: int
    ease: int
    ivl: int
    last_ivl: int
    factor: int
    time: int
    type: int


@dataclass
class CollectionContent:
    """``created`` is ``col.crt`` (epoch seconds), the day Anki counts review due days from.

    ``schedules`` holds the cards that are not simply new (studied, suspended or buried), by card id.
    ``presets`` are the deck configs by config id, ``deck_presets`` each normal deck's config id.
    """

    notetypes: dict[int, NoteType] = field(default_factory=dict)
    decks: dict[int, str] = field(default_factory=dict)
    notes: list[PackageNote] = field(default_factory=list)
    created: int = 0
    schedules: dict[int, AnkiCard] = field(default_factory=dict)
    reviews: list[AnkiReview] = field(default_factory=list)
    presets: dict[int, AnkiPreset] = field(default_factory=dict)
    deck_presets: dict[int, int] = field(default_factory=dict)


class _QueryGuard:
    """SQLite's progress handler: non-zero stops the running query (it then fails as "interrupted")."""

    def __init__(self, budget_steps: int, cancel: CancelToken | None) -> None:
        self._checks_left = budget_steps // STEPS_PER_CHECK
        self._cancel = cancel
        self.exhausted = False
        self.signal: BaseException | None = None  # KeyboardInterrupt raised by a signal while SQLite ran

    def __call__(self) -> int:
        try:
            self._checks_left -= 1
            if self._checks_left < 0:
                self.exhausted = True
                return 1
            return 1 if self._cancel is not None and self._cancel.cancelled else 0
        except BaseException as raised:  # noqa: BLE001 - SQLite would swallow it: kept and raised after the query
            self.signal = raised
            return 1

    def stopped(self, label: str, error: sqlite3.Error) -> BaseException | None:
        """What to raise instead of ``error`` when this guard stopped the query."""
        if "interrupted" not in str(error):
            return None
        if self.exhausted:
            return UserInputError(f"{label} was refused: reading its database does not end (a hostile package?).")
        if self._cancel is not None and self._cancel.cancelled:
            return Cancelled()
        return self.signal or KeyboardInterrupt()


def read_collection(path: Path, label: str, cancel: CancelToken | None = None) -> CollectionContent:
    """Everything we import from the collection at ``path``; ``label`` names the package in errors."""
    guard = _QueryGuard(max(MIN_STEPS, STEPS_PER_BYTE * path.stat().st_size), cancel)
    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as error:
        raise UserInputError(f"{label} is damaged: its collection cannot be opened ({error}).") from error
    try:
        connection.set_progress_handler(guard, STEPS_PER_CHECK)
        connection.execute("PRAGMA trusted_schema = OFF")
        _refuse_code(connection, label)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables >= REQUIRED_TABLES:
            raise UserInputError(f"{label} is not an Anki package: its database is not an Anki collection.")
        content = CollectionContent()
        if "notetypes" in tables:
            _read_modern_types(connection, content)
        else:
            _read_legacy_types(connection, content)
        _read_notes(connection, content)  # first: a field over the cap is refused as that, whatever else is wrong
        _read_presets(connection, content, tables)
        content.created = min(max(0, int(connection.execute("SELECT crt FROM col").fetchone()[0] or 0)), MAX_SECONDS)
        if "revlog" in tables:
            content.reviews = [
                AnkiReview(*(_small(value) for value in row)) for row in connection.execute(REVLOG_SQL, (MAX_MILLIS,))
            ]
        return content
    except sqlite3.Error as error:
        stopped = guard.stopped(label, error)
        if stopped is not None:
            raise stopped from None
        raise UserInputError(f"{label} is damaged or not an Anki package ({type(error).__name__}: {error}).") from error
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError) as error:
        raise UserInputError(f"{label} is damaged or not an Anki package ({type(error).__name__}: {error}).") from error
    finally:
        connection.close()


def _refuse_code(connection: sqlite3.Connection, label: str) -> None:
    """Views and triggers run SQL of the package's choosing; Anki's collections have none."""
    found = connection.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY type, name LIMIT 1"
    ).fetchone()
    if found is not None:
        kind, name = found
        raise UserInputError(
            f"{label} was refused: its database contains a {kind} ({str(name)[:60]!r}), which Anki packages never have."
        )


def _read_legacy_types(connection: sqlite3.Connection, content: CollectionContent) -> None:
    models, decks = connection.execute("SELECT models, decks FROM col").fetchone()
    for key, model in json.loads(models or "{}").items():
        names = tuple(str(f["name"]) for f in sorted(model["flds"], key=lambda f: int(f["ord"])))
        content.notetypes[int(key)] = NoteType(
            str(model["name"]), int(model.get("type", 0)) == 1, names, len(model["tmpls"])
        )
    for key, deck in json.loads(decks or "{}").items():
        content.decks[int(key)] = str(deck["name"])
        if not deck.get("dyn"):
            content.deck_presets[int(key)] = int(deck.get("conf", 1))


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


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]) for row in connection.execute(f"PRAGMA table_info({table})")}


def _read_presets(connection: sqlite3.Connection, content: CollectionContent, tables: set[str]) -> None:
    """Deck configs and which deck uses which; a collection without them (not Anki's own) keeps our defaults."""
    if "deck_config" in tables and "kind" in _columns(connection, "decks"):
        for deck_id, kind in connection.execute("SELECT id, kind FROM decks"):
            config_id = deck_config_id(bytes(kind or b""))
            if config_id is not None:
                content.deck_presets[int(deck_id)] = config_id
        for config_id, name, config in connection.execute("SELECT id, name, config FROM deck_config"):
            content.presets[int(config_id)] = preset_from_proto(int(config_id), str(name), bytes(config or b""))
    elif "dconf" in _columns(connection, "col"):
        (configs,) = connection.execute("SELECT dconf FROM col").fetchone()
        for config in json.loads(configs or "{}").values():
            preset = preset_from_json(config)
            content.presets[preset.config_id] = preset


CARDS_SQL = "SELECT id, nid, ord, CASE WHEN odid THEN odid ELSE did END FROM cards ORDER BY nid, ord"
"""Each card in its home deck (see ``AnkiCard``)."""
SCHEDULES_SQL = (
    "SELECT id, type, queue, CASE WHEN odid AND odue THEN odue ELSE due END, ivl, factor, reps, lapses, left, data"
    " FROM cards WHERE type != 0 OR queue != 0"
)
"""The cards that are not simply new (studied, suspended or buried), with their home due: a query of its own,
so that a package of new cards costs a scan in SQLite and nothing in Python."""


def _small(value: int | float | str | bytes | None) -> int:
    """An integer column as Anki writes it (64-bit at most); NULL as 0, anything else is damage."""
    number = int(value or 0)  # text, NaN or infinity raise: a damaged file
    if not -(2**63) <= number < 2**63:
        raise ValueError(f"{number} does not fit an integer column")
    return number


def _read_notes(connection: sqlite3.Connection, content: CollectionContent) -> None:
    cards: dict[int, list[tuple[int, int, int]]] = {}
    for card_id, nid, ord_, did in connection.execute(CARDS_SQL):
        place = (int(ord_), int(did), int(card_id))
        if (found := cards.get(key := int(nid))) is None:
            cards[key] = [place]
        else:
            found.append(place)
    content.schedules = {
        int(card_id): AnkiCard(
            int(card_id),
            _small(type_),
            _small(queue),
            _small(due),
            _small(ivl),
            _small(factor),
            _small(reps),
            _small(lapses),
            _small(left),
            str(data or ""),
        )
        for card_id, type_, queue, due, ivl, factor, reps, lapses, left, data in connection.execute(SCHEDULES_SQL)
    }
    tag_sets: dict[object, tuple[str, ...]] = {}  # a package repeats a few tag strings many times
    no_cards: list[tuple[int, int, int]] = []
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
