"""A collection from every earlier schema revision opens, upgrades and keeps every row.

The files in tests/data/migrations are made by make_fixtures.py there, with
the real migrations; the test works on copies, so the fixtures never change.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from studyapp.domain.cards import CardState, Rewrite
from studyapp.domain.ids import CardId
from studyapp.services.app import open_services
from studyapp.storage import migrate
from studyapp.storage.file_check import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "migrations"
REVISIONS = sorted(p.stem for p in FIXTURES.glob("*.studyapp"))


def table_rows(path: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = [
            t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'") if t != "alembic_version"
        ]
        found = {}
        for table in tables:
            columns = [info[1] for info in db.execute(f"PRAGMA table_info({table})")]
            found[table] = (columns, db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall())
    db.close()
    return found


def test_there_is_a_fixture_for_every_revision() -> None:
    expected = sorted(r.revision for r in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions())
    assert expected == REVISIONS, "run tests/data/migrations/make_fixtures.py after adding a migration"


@pytest.mark.parametrize("revision", REVISIONS)
def test_old_collection_upgrades_without_losing_a_row(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "old.studyapp"
    shutil.copyfile(FIXTURES / f"{revision}.studyapp", path)
    before = table_rows(path)
    assert before["cards"][1], "the fixture holds cards"

    app = open_services(path)
    try:
        assert app.health.check().healthy
        card = app.cards.get(CardId(1))
        assert (card.front, card.state, card.reps) == (
            "Through how many countries does the Danube flow?",
            CardState.REVIEW,
            3,
        )
        assert app.decks.id_of("Geography::Rivers")
    finally:
        app.close()

    after = table_rows(path)
    for table, (columns, rows) in before.items():
        new_columns, new_rows = after[table]
        keep = [new_columns.index(c) for c in columns]
        assert [tuple(row[i] for i in keep) for row in new_rows] == rows, table
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (migrate.head_revision(),)
    db.close()


def test_cards_of_a_0003_collection_have_no_context_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.studyapp"
    shutil.copyfile(FIXTURES / "0003.studyapp", path)
    app = open_services(path)
    try:
        cards = [app.cards.get(CardId(card_id)) for card_id in (1, 2, 3)]
    finally:
        app.close()
    assert [(c.context, c.rewrites) for c in cards] == [("", ())] * 3


def test_a_0004_collection_keeps_its_context_and_rewrites(tmp_path: Path) -> None:
    path = tmp_path / "old.studyapp"
    shutil.copyfile(FIXTURES / "0004.studyapp", path)
    app = open_services(path)
    try:
        card = app.cards.get(CardId(1))
    finally:
        app.close()
    assert card.context == "Rivers of Europe"
    assert card.rewrites == (Rewrite("It", "The Danube", "The Danube is long."),)
