"""Review-log rows imported from Anki keep their Anki revlog id.

Anki's revlog id (the answer time in epoch milliseconds) identifies an
answer across collections; with it stored, importing the same history again
adds nothing (the unique index) and the rows can be matched when reviews go
back to Anki.  NULL for answers given in StudyApp.

Revision ID: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("anki_id", sa.Integer, nullable=True))
    op.create_index(
        "ix_reviews_anki_id", "reviews", ["anki_id"], unique=True, sqlite_where=sa.text("anki_id IS NOT NULL")
    )
    op.execute("PRAGMA user_version = 6")


def downgrade() -> None:
    op.drop_index("ix_reviews_anki_id", table_name="reviews")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("anki_id")
    op.execute("PRAGMA user_version = 5")
