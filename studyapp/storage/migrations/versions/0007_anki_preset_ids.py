"""Presets imported from Anki keep the id of the Anki deck config they came from.

Anki's decks share an options preset by its config id; importing the same
collection again must update that preset rather than add another.  The id
alone is not unique across collections (every collection has a "Default"
with id 1), so an import reuses a preset only if it has this id and one of
the imported decks already uses it.  NULL for presets made in StudyApp.

Revision ID: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("presets") as batch:
        batch.add_column(sa.Column("anki_config_id", sa.Integer, nullable=True))
    op.execute("PRAGMA user_version = 7")


def downgrade() -> None:
    with op.batch_alter_table("presets") as batch:
        batch.drop_column("anki_config_id")
    op.execute("PRAGMA user_version = 6")
