"""Initial schema: presets, decks, sources, cards with scheduling state, reviews.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None

APPLICATION_ID = 0x53545944  # "STYD": marks the file as a StudyApp collection


def upgrade() -> None:
    op.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    presets = op.create_table(
        "presets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True),
        sa.Column("desired_retention", sa.Float, nullable=False),
        sa.Column("learning_steps", sa.String, nullable=False),
        sa.Column("relearning_steps", sa.String, nullable=False),
        sa.Column("maximum_interval", sa.Integer, nullable=False),
        sa.Column("enable_fuzz", sa.Boolean, nullable=False),
        sa.Column("new_per_day", sa.Integer, nullable=False),
        sa.Column("reviews_per_day", sa.Integer, nullable=False),
        sa.Column("leech_threshold", sa.Integer, nullable=False),
        sa.Column("leech_suspend", sa.Boolean, nullable=False),
    )
    op.bulk_insert(
        presets,
        [
            {
                "id": 1,
                "name": "Default",
                "desired_retention": 0.9,
                "learning_steps": "60 600",
                "relearning_steps": "600",
                "maximum_interval": 36500,
                "enable_fuzz": True,
                "new_per_day": 20,
                "reviews_per_day": 200,
                "leech_threshold": 8,
                "leech_suspend": True,
            }
        ],
    )
    op.create_table(
        "decks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True),
        sa.Column("preset_id", sa.Integer, sa.ForeignKey("presets.id"), nullable=False),
        sa.Column("created", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("origin", sa.String, nullable=False),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("imported_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("guid", sa.String, nullable=False, unique=True),
        sa.Column("deck_id", sa.Integer, sa.ForeignKey("decks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL"), nullable=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("front", sa.Text, nullable=False),
        sa.Column("back", sa.Text, nullable=False),
        sa.Column("source_sentence", sa.Text, nullable=False),
        sa.Column("source_start", sa.Integer, nullable=True),
        sa.Column("source_end", sa.Integer, nullable=True),
        sa.Column("fact", sa.String, nullable=False),
        sa.Column("tags", sa.String, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("created", sa.BigInteger, nullable=False),
        sa.Column("modified", sa.BigInteger, nullable=False),
        sa.Column("suspended", sa.Boolean, nullable=False),
        sa.Column("buried_until", sa.BigInteger, nullable=True),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("step", sa.Integer, nullable=True),
        sa.Column("stability", sa.Float, nullable=True),
        sa.Column("difficulty", sa.Float, nullable=True),
        sa.Column("due", sa.BigInteger, nullable=True),
        sa.Column("last_review", sa.BigInteger, nullable=True),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.Column("lapses", sa.Integer, nullable=False),
    )
    op.create_index("ix_cards_deck_state_due", "cards", ["deck_id", "state", "due"])
    op.create_index("ix_cards_deck_position", "cards", ["deck_id", "position"])
    op.create_index("ix_cards_source", "cards", ["source_id"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reviewed_at", sa.BigInteger, nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("prior_state", sa.Integer, nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=False),
        sa.Column("state_before", sa.Text, nullable=False),
        sa.Column("state_after", sa.Text, nullable=False),
    )
    op.create_index("ix_reviews_card", "reviews", ["card_id"])
    op.create_index("ix_reviews_time", "reviews", ["reviewed_at"])
    op.execute("PRAGMA user_version = 1")


def downgrade() -> None:
    for table in ("reviews", "cards", "sources", "decks", "presets"):
        op.drop_table(table)
