"""ORM records: the tables of a collection.

Records never leave the storage layer; repositories turn them into domain
objects.  Migrations, not ``create_all``, build these tables; a test checks
that the migrated schema matches this module.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from studyapp.storage.types import UtcMillis


class Base(DeclarativeBase):
    pass


class PresetRecord(Base):
    """Scheduling options shared by decks (Anki's "presets")."""

    __tablename__ = "presets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    desired_retention: Mapped[float] = mapped_column(Float, default=0.9)
    learning_steps: Mapped[str] = mapped_column(String, default="60 600")
    relearning_steps: Mapped[str] = mapped_column(String, default="600")
    maximum_interval: Mapped[int] = mapped_column(Integer, default=36500)
    enable_fuzz: Mapped[bool] = mapped_column(Boolean, default=True)
    new_per_day: Mapped[int] = mapped_column(Integer, default=20)
    reviews_per_day: Mapped[int] = mapped_column(Integer, default=200)
    leech_threshold: Mapped[int] = mapped_column(Integer, default=8)
    leech_suspend: Mapped[bool] = mapped_column(Boolean, default=True)
    fsrs_parameters: Mapped[str] = mapped_column(String, default="", server_default="")
    bury_new: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    bury_reviews: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    anki_config_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The Anki deck config this preset was imported from (see migration 0007); None if made here."""


class DeckRecord(Base):
    """A deck; ``name`` is the full ``Parent::Child`` path, unique like Anki's."""

    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    preset_id: Mapped[int] = mapped_column(ForeignKey("presets.id"), default=1)
    created: Mapped[datetime] = mapped_column(UtcMillis)

    cards: Mapped[list[CardRecord]] = relationship(
        back_populates="deck", cascade="all, delete-orphan", passive_deletes=True
    )


class SourceRecord(Base):
    """An imported article, kept whole so cards can point back into it."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    origin: Mapped[str] = mapped_column(String, default="")
    published: Mapped[str | None] = mapped_column(String(10), nullable=True)
    imported_at: Mapped[datetime] = mapped_column(UtcMillis)


class CardRecord(Base):
    """One reviewable card with its content, provenance and scheduling state."""

    __tablename__ = "cards"
    __table_args__ = (
        Index("ix_cards_deck_state_due", "deck_id", "state", "due", "suspended", "buried_until"),
        Index("ix_cards_deck_position", "deck_id", "position"),
        Index("ix_cards_sibling", "source_id", "source_start"),
        Index("ix_cards_fact", "fact", sqlite_where=text("fact != ''")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String, unique=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", ondelete="CASCADE"))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), nullable=True)
    kind: Mapped[str] = mapped_column(String(8))
    front: Mapped[str] = mapped_column(Text)
    back: Mapped[str] = mapped_column(Text, default="")
    source_sentence: Mapped[str] = mapped_column(Text, default="")
    source_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fact: Mapped[str] = mapped_column(String, default="")
    context: Mapped[str] = mapped_column(Text, default="", server_default="")
    rewrites: Mapped[str] = mapped_column(Text, default="", server_default="")
    """The draft's rewrites as JSON (``convert.rewrites_to_json``); empty when the card changed nothing."""
    tags: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[datetime] = mapped_column(UtcMillis)
    modified: Mapped[datetime] = mapped_column(UtcMillis)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[datetime | None] = mapped_column(UtcMillis, nullable=True)
    state: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due: Mapped[datetime | None] = mapped_column(UtcMillis, nullable=True)
    last_review: Mapped[datetime | None] = mapped_column(UtcMillis, nullable=True)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)

    deck: Mapped[DeckRecord] = relationship(back_populates="cards")


class ReviewRecord(Base):
    """One answer: enough to undo it exactly and to export Anki's revlog."""

    __tablename__ = "reviews"
    __table_args__ = (
        Index("ix_reviews_card", "card_id"),
        Index("ix_reviews_time", "reviewed_at", "prior_state", "card_id"),
        Index("ix_reviews_anki_id", "anki_id", unique=True, sqlite_where=text("anki_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    reviewed_at: Mapped[datetime] = mapped_column(UtcMillis)
    rating: Mapped[int] = mapped_column(Integer)
    prior_state: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    state_before: Mapped[str] = mapped_column(Text)
    state_after: Mapped[str] = mapped_column(Text)
    anki_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """Anki's revlog id of an answer imported from Anki (its time in epoch ms); None for answers given here."""


class DeletedCardRecord(Base):
    """Deletion log: deleted cards are kept here so they can be imported again."""

    __tablename__ = "deleted_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(UtcMillis)
    guid: Mapped[str] = mapped_column(String)
    deck_name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String(8))
    front: Mapped[str] = mapped_column(Text)
    back: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(String, default="")


class SettingRecord(Base):
    """Collection-wide settings as key/value text (rollover hour, ...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
