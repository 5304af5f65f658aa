"""Cards keep their context line and the evidence for the words the generator rewrote.

Both columns are text with an empty default, so every existing card reads as
"no context, nothing rewritten"; SQLite adds such columns without rewriting
the table.

Revision ID: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cards", sa.Column("context", sa.Text, nullable=False, server_default=""))
    op.add_column("cards", sa.Column("rewrites", sa.Text, nullable=False, server_default=""))
    op.execute("PRAGMA user_version = 4")


def downgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("rewrites")
        batch.drop_column("context")
    op.execute("PRAGMA user_version = 3")
