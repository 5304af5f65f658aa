"""The package reader's SQLite queries on hostile collections: content or a clear ``UserInputError``, and always an end.

Hypothesis builds the collection inside a package the way an attacker
would: each table Anki has may be missing, have other columns, hold values
of any type, or be a view (recursive or not); triggers may sit on them.
The reader must return notes or refuse in one sentence, and never hang:
a hang would stop this test, so every example is also held to a deadline.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.anki.collection_reader import CollectionContent, read_collection
from studyapp.domain.errors import UserInputError

COLUMNS = {
    "col": ("id", "crt", "models", "decks"),
    "notes": ("id", "guid", "mid", "tags", "flds"),
    "cards": (
        "id",
        "nid",
        "ord",
        "did",
        "type",
        "queue",
        "due",
        "ivl",
        "factor",
        "reps",
        "lapses",
        "left",
        "odue",
        "odid",
        "data",
    ),
    "revlog": ("id", "cid", "ease", "ivl", "lastIvl", "factor", "time", "type"),
    "notetypes": ("id", "name", "config"),
    "fields": ("ntid", "ord", "name"),
    "templates": ("ntid", "ord"),
    "decks": ("id", "name"),
}
MODEL = {"1": {"name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0}], "tmpls": [{}]}}

values = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.binary(max_size=40),
    st.sampled_from(["\x1f", "a\x1fb", json.dumps(MODEL), '{"1": {"name": "D"}}', "{", "[]", "null"]),
)


@st.composite
def table_sql(draw: st.DrawFn, name: str) -> list[tuple[str, tuple[object, ...]]]:
    """Statements (with parameters) that give ``name`` some shape, or none at all."""
    shape = draw(st.sampled_from(["table", "table", "table", "other columns", "view", "recursive view", "missing"]))
    columns = COLUMNS[name]
    if shape == "missing":
        return []
    if shape == "view":
        return [(f"CREATE VIEW {name} AS SELECT {', '.join(f'1 AS {c}' for c in columns)}", ())]
    if shape == "recursive view":
        first = f"WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x FROM r) SELECT x AS {columns[0]}"
        rest = "".join(f", x AS {c}" for c in columns[1:])
        return [(f"CREATE VIEW {name} AS {first}{rest} FROM r", ())]
    if shape == "other columns":
        columns = tuple(draw(st.lists(st.sampled_from(["id", "x", "name", "ord", "flds"]), min_size=1, unique=True)))
    statements: list[tuple[str, tuple[object, ...]]] = [(f"CREATE TABLE {name} ({', '.join(columns)})", ())]
    for row in draw(st.lists(st.tuples(*[values for _ in columns]), max_size=4)):
        statements.append((f"INSERT INTO {name} VALUES ({', '.join('?' * len(columns))})", row))
    if draw(st.booleans()) and draw(st.booleans()):
        statements.append((f"CREATE TRIGGER t_{name} AFTER INSERT ON {name} BEGIN SELECT 1; END", ()))
    return statements


@st.composite
def collections(draw: st.DrawFn) -> list[tuple[str, tuple[object, ...]]]:
    statements: list[tuple[str, tuple[object, ...]]] = []
    for name in COLUMNS:
        statements += draw(table_sql(name))
    return statements


@settings(max_examples=150, deadline=timedelta(seconds=5))
@given(statements=collections())
def test_hostile_collections_are_read_or_refused_and_every_query_ends(
    statements: list[tuple[str, tuple[object, ...]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki21"
        db = sqlite3.connect(path)
        for sql, parameters in statements:
            db.execute(sql, parameters)
        db.commit()
        db.close()
        try:
            content = read_collection(path, "fuzzed.apkg")
        except UserInputError as error:
            assert error.message.startswith("fuzzed.apkg ")
            assert "\n" not in error.message
        else:
            assert isinstance(content, CollectionContent)
