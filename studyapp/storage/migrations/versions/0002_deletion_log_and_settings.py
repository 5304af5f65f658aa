"""Deletion log (deleted cards can be imported again) and collection settings.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deleted_cards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("deleted_at", sa.BigInteger, nullable=False),
        sa.Column("guid", sa.String, nullable=False),
        sa.Column("deck_name", sa.String, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("front", sa.Text, nullable=False),
        sa.Column("back", sa.Text, nullable=False),
        sa.Column("tags", sa.String, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.execute("PRAGMA user_version = 2")


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("deleted_cards")
    op.execute("PRAGMA user_version = 1")
