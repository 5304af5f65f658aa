"""Sibling burying by index; each preset's fitted FSRS parameters and bury-siblings toggles.

Answering a card buries its siblings: the cards of the same source sentence
(``source_id``, ``source_start``) or of the same fact.  ``ix_cards_sibling``
and the partial ``ix_cards_fact`` (cards with a fact only) let that be two
index look-ups instead of a scan of the deck on every answer.
``presets.fsrs_parameters`` holds the parameters the optimizer fitted to the
preset's history, space-separated ('' means FSRS-6's defaults);
``bury_new``/``bury_reviews`` are Anki's "bury siblings" toggles (on, as
StudyApp has always buried siblings).

Revision ID: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_cards_source", table_name="cards")
    op.create_index("ix_cards_sibling", "cards", ["source_id", "source_start"])
    op.create_index("ix_cards_fact", "cards", ["fact"], sqlite_where=sa.text("fact != ''"))
    with op.batch_alter_table("presets") as batch:
        batch.add_column(sa.Column("fsrs_parameters", sa.String, nullable=False, server_default=""))
        batch.add_column(sa.Column("bury_new", sa.Boolean, nullable=False, server_default="1"))
        batch.add_column(sa.Column("bury_reviews", sa.Boolean, nullable=False, server_default="1"))
    op.execute("PRAGMA user_version = 5")


def downgrade() -> None:
    with op.batch_alter_table("presets") as batch:
        batch.drop_column("bury_reviews")
        batch.drop_column("bury_new")
        batch.drop_column("fsrs_parameters")
    op.drop_index("ix_cards_fact", table_name="cards")
    op.drop_index("ix_cards_sibling", table_name="cards")
    op.create_index("ix_cards_source", "cards", ["source_id"])
    op.execute("PRAGMA user_version = 4")
