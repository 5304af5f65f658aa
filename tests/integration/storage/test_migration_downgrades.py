"""Each migration's downgrade gives back the schema of the revision before it and keeps the cards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from studyapp.domain.cards import CardKind
from studyapp.services.app import open_services
from studyapp.storage import migrations
from studyapp.storage.migrate import alembic_config, upgrade

REVISIONS = sorted(path.name[:4] for path in (Path(migrations.__file__).parent / "versions").glob("[0-9]*.py"))
"""Every migration in the package, oldest first: a new one is checked without editing this test."""


Schema = dict[str, object]


def schema(path: Path) -> Schema:
    """Each table's columns (name, type, not null, default, key) and indexes (columns, unique), and user_version.

    Structure rather than SQL text: a batch migration rewrites a table's CREATE statement with other quoting.
    """
    with sqlite3.connect(path) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        found: Schema = {"user_version": conn.execute("PRAGMA user_version").fetchone()[0]}
        for table in tables:
            if table.startswith("sqlite_"):
                continue
            columns = [tuple(row[1:]) for row in conn.execute(f"PRAGMA table_info('{table}')")]
            indexes = sorted(
                (name, unique, tuple(col[2] for col in conn.execute(f"PRAGMA index_info('{name}')")))
                for _, name, unique, *_ in conn.execute(f"PRAGMA index_list('{table}')")
                if not name.startswith("sqlite_autoindex")
            )
            found[table] = (columns, indexes)
    return found


def migrated_to(path: Path, revision: str) -> Path:
    engine = create_engine(f"sqlite:///{path}")
    try:
        upgrade(engine, path, revision)
    finally:
        engine.dispose()
    return path


def downgrade(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
            connection.commit()
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def fresh_schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Schema]:
    folder = tmp_path_factory.mktemp("fresh")
    return {rev: schema(migrated_to(folder / f"{rev}.studyapp", rev)) for rev in REVISIONS}


def test_downgrading_step_by_step_gives_each_earlier_schema_and_keeps_the_cards(
    tmp_path: Path, fresh_schemas: dict[str, Schema]
) -> None:
    path = tmp_path / "collection.studyapp"
    app = open_services(path)
    app.cards.add("Deck", CardKind.BASIC, "Q1?", "A1")
    app.cards.add("Deck", CardKind.BASIC, "Q2?", "A2")
    app.context.store.close()
    assert schema(path) == fresh_schemas[REVISIONS[-1]]
    for revision in reversed(REVISIONS[:-1]):
        downgrade(path, revision)
        assert schema(path) == fresh_schemas[revision], revision
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT front, back FROM cards ORDER BY id").fetchall() == [
                ("Q1?", "A1"),
                ("Q2?", "A2"),
            ]
    migrated_to(path, "head")
    assert schema(path) == fresh_schemas[REVISIONS[-1]]
