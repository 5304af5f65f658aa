"""Run Alembic in-process: every open brings the collection to the newest schema."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from studyapp.domain.errors import CollectionTooNew

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, path: Path, revision: str = "head") -> None:
    """Upgrade to ``revision``; a revision we do not know means a newer StudyApp wrote it."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    with engine.connect() as connection:
        current = current_revision(connection)
        if current is not None and current not in known_revisions():
            raise CollectionTooNew(
                f"{path} was written by a newer version of StudyApp (schema {current}); please update StudyApp."
            )
        connection.rollback()
        if revision == "head" and current == script.get_current_head():
            return
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
