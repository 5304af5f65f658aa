"""Salvage what SQLite can still read from a damaged collection into a fresh one.

Like the ``sqlite3`` shell's ``.recover``, but in Python and for our schema:
each table of a new, fully migrated collection is filled from the damaged
file in rowid order, a few hundred rows at a time.  When a read fails (a
page it needs is damaged) the reader probes forward for the next row it can
reach, so one bad page costs the rows on it, not the rest of the table.
Rows whose references were lost are mended: cards whose deck is gone go to
a "Recovered" deck, optional references are cleared, the rest dropped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.domain.errors import CollectionCorrupt
from studyapp.storage.backup import no_new_sidecars
from studyapp.storage.engine import make_engine, translated_errors

BATCH = 500
RECOVERED_DECK = "Recovered"
SKIPPED_TABLES = frozenset({"alembic_version"})  # the new file's revision is the right one


@dataclass
class SalvageReport:
    """Rows copied per table, and rows dropped because what they pointed at was lost."""

    copied: dict[str, int] = field(default_factory=dict)
    unreadable_tables: list[str] = field(default_factory=list)
    dropped: int = 0

    @property
    def total(self) -> int:
        return sum(self.copied.values())


def salvage(damaged: Path, target: Path, now_ms: int) -> SalvageReport:
    """Write a new collection at ``target`` holding every row of ``damaged`` SQLite can read."""
    _create_empty(target)
    report = SalvageReport()
    with no_new_sidecars(damaged), closing(_open_damaged(damaged)) as source, closing(sqlite3.connect(target)) as out:
        out.isolation_level = None
        try:
            source_tables = {
                name: _columns(source, name)
                for (name,) in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            }
        except sqlite3.DatabaseError as error:
            raise CollectionCorrupt(f"Nothing in {damaged} can be read any more ({error}).") from error
        out.execute("PRAGMA foreign_keys = OFF")
        out.execute("BEGIN")
        for table in _tables(out):
            if table in SKIPPED_TABLES or table not in source_tables:
                continue
            wanted = [c for c in _columns(out, table) if c in source_tables[table]]
            seeded = out.execute(f"SELECT * FROM {_quote(table)}").fetchall()
            out.execute(f"DELETE FROM {_quote(table)}")
            insert = (
                f"INSERT OR IGNORE INTO {_quote(table)} ({', '.join(map(_quote, wanted))}) "
                f"VALUES ({', '.join('?' * len(wanted))})"
            )
            copied = 0
            try:
                for rows in readable_rows(source, table, wanted):
                    copied += out.executemany(insert, rows).rowcount
            except sqlite3.DatabaseError:
                report.unreadable_tables.append(table)
            report.copied[table] = copied
            if seeded:  # rows the migrations create (the default preset) come back if the file lost them
                values = ", ".join("?" * len(seeded[0]))
                out.executemany(f"INSERT OR IGNORE INTO {_quote(table)} VALUES ({values})", seeded)
        report.dropped = _mend_references(out, now_ms)
        out.execute("COMMIT")
    return report


def readable_rows(source: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[list[tuple[object, ...]]]:
    """Batches of ``columns`` in rowid order, stepping over rows on pages that cannot be read."""
    select = ", ".join(map(_quote, columns))
    query = f"SELECT rowid, {select} FROM {_quote(table)} WHERE rowid >= ? ORDER BY rowid LIMIT ?"
    start: int | None = _first_rowid(source, table)
    size = BATCH
    while start is not None:
        try:
            batch = source.execute(query, (start, size)).fetchall()
        except sqlite3.DatabaseError:
            if size > 1:  # a damaged page somewhere in this batch: go on row by row up to it
                size = 1
            else:
                start, size = _next_readable(source, query, start), BATCH
            continue
        if not batch:
            return
        start = batch[-1][0] + 1
        yield [row[1:] for row in batch]


def _first_rowid(source: sqlite3.Connection, table: str) -> int:
    """The smallest rowid (they may be negative), or 1 when even that cannot be read."""
    try:
        smallest = source.execute(f"SELECT min(rowid) FROM {_quote(table)}").fetchone()[0]
    except sqlite3.DatabaseError:
        smallest = None
    return int(smallest) if smallest is not None else 1


def _next_readable(source: sqlite3.Connection, query: str, start: int) -> int | None:
    """The smallest rowid past ``start`` from which rows can be read again: doubling, then halving."""
    step = 1
    while not _readable(source, query, start + step):
        step *= 2
        if start + step >= 2**63 - 1:
            return None
    low, high = start + step // 2, start + step  # unreadable from ``low`` (or ``start``), readable from ``high``
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if _readable(source, query, middle) else (middle, high)
    return high


def _readable(source: sqlite3.Connection, query: str, after: int) -> bool:
    try:
        source.execute(query, (after, 1)).fetchall()
    except sqlite3.DatabaseError:
        return False
    return True


def _mend_references(out: sqlite3.Connection, now_ms: int) -> int:
    """Make every foreign key hold again; returns how many rows had to be dropped."""
    dropped = 0
    recovered_deck: int | None = None
    for _ in range(10):  # dropping a card can orphan its reviews: repeat until nothing is left
        violations = out.execute("PRAGMA foreign_key_check").fetchall()
        if not violations:
            break
        keys = {(table, fk): info for table in {v[0] for v in violations} for fk, info in _foreign_keys(out, table)}
        for table, rowid, parent, fk in violations:
            column, nullable = keys[(table, fk)]
            if parent == "decks" and table == "cards":
                if recovered_deck is None:
                    recovered_deck = _recovered_deck(out, now_ms)
                out.execute("UPDATE cards SET deck_id = ? WHERE rowid = ?", (recovered_deck, rowid))
            elif nullable:
                out.execute(f"UPDATE {_quote(table)} SET {_quote(column)} = NULL WHERE rowid = ?", (rowid,))
            elif parent == "presets":
                out.execute(f"UPDATE {_quote(table)} SET {_quote(column)} = 1 WHERE rowid = ?", (rowid,))
            else:
                out.execute(f"DELETE FROM {_quote(table)} WHERE rowid = ?", (rowid,))
                dropped += 1
    return dropped


def _recovered_deck(out: sqlite3.Connection, now_ms: int) -> int:
    found = out.execute("SELECT id FROM decks WHERE name = ?", (RECOVERED_DECK,)).fetchone()
    if found is not None:
        return int(found[0])
    cursor = out.execute("INSERT INTO decks (name, preset_id, created) VALUES (?, 1, ?)", (RECOVERED_DECK, now_ms))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _foreign_keys(out: sqlite3.Connection, table: str) -> Iterator[tuple[int, tuple[str, bool]]]:
    notnull = {row[1]: bool(row[3]) for row in out.execute(f"PRAGMA table_info({_quote(table)})")}
    for row in out.execute(f"PRAGMA foreign_key_list({_quote(table)})"):
        yield int(row[0]), (str(row[3]), not notnull.get(row[3], False))


def _create_empty(target: Path) -> None:
    from studyapp.storage import migrate  # Alembic loads only when repairing

    engine = make_engine(target)
    try:
        with translated_errors(target):
            migrate.upgrade(engine, target)
    finally:
        engine.dispose()


def _open_damaged(path: Path) -> sqlite3.Connection:
    """Read-only, with its WAL when SQLite can use it, else the main file alone."""
    try:
        db = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.DatabaseError:
        return sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro&immutable=1", uri=True)


def _tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [name for (name,) in rows]


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in db.execute(f"PRAGMA table_info({_quote(table)})")]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
