"""Storing many imported cards (with their schedules) and review-log rows at once: bulk inserts keyed by GUID.

A 100k-card package must import about as fast as Anki imports it.  Neither
ORM objects nor Core's per-row parameter processing (a dict per row, a type
conversion per value) fit that budget, so the statements are rendered once
from the table definition and run through the driver's ``executemany`` with
plain tuples; times are converted once per import, not once per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from studyapp.domain.cards import CardKind
from studyapp.domain.foreign import ForeignCard, ForeignReview
from studyapp.storage.convert import join_tags, state_columns, state_to_json
from studyapp.storage.records import CardRecord, ReviewRecord
from studyapp.storage.repositories.cards import MAX_FIELD_CHARS, check_field
from studyapp.storage.types import to_millis

LOOKUP_CHUNK = 5_000
"""GUIDs per ``IN (...)`` lookup; well under SQLite's 32,766 variables."""
CARDS = cast(Table, CardRecord.__table__)
REVIEWS = cast(Table, ReviewRecord.__table__)
INSERT_COLUMNS = (
    "guid", "deck_id", "kind", "front", "back", "source_sentence", "fact", "tags", "context", "position",
    "source_id", "created", "modified", "suspended", "state", "reps", "lapses",
)  # fmt: skip
INSERT_CONSTANTS = "NULL, {stamp}, {stamp}, 0, 0, 0, 0"
"""The values every imported card starts with, as literals: fewer parameters to bind per row."""
UPDATE_COLUMNS = ("deck_id", "kind", "front", "back", "fact", "tags", "modified")
INSERT_SQL = f"INSERT INTO {CARDS.name} ({', '.join(INSERT_COLUMNS)}) VALUES ({'?, ' * 10}{INSERT_CONSTANTS})"
SCHEDULED_COLUMNS = (
    *INSERT_COLUMNS[:13], "suspended", "buried_until", "state", "step", "stability", "difficulty", "due",
    "last_review", "reps", "lapses",
)  # fmt: skip
SCHEDULED_SQL = (
    f"INSERT INTO {CARDS.name} ({', '.join(SCHEDULED_COLUMNS)})"
    f" VALUES ({'?, ' * 10}NULL, {{stamp}}, {{stamp}}{', ?' * 10})"
)
"""Cards that bring progress from the file: their state, memory, due date, suspension and burial."""
REVIEW_COLUMNS = (
    "card_id", "reviewed_at", "rating", "prior_state", "duration_ms", "state_before", "state_after", "anki_id",
)  # fmt: skip
REVIEW_SQL = f"INSERT INTO {REVIEWS.name} ({', '.join(REVIEW_COLUMNS)}) VALUES ({', '.join('?' * len(REVIEW_COLUMNS))})"
UPDATE_SQL = (
    f"UPDATE {CARDS.name} SET {', '.join(f'{c} = ?' for c in UPDATE_COLUMNS)},"
    " context = coalesce(nullif(?, ''), context) WHERE id = ?"
)
"""A file without a context for a card (another program's, or an older export) keeps the card's context."""
KIND_VALUES = {kind: kind.value for kind in CardKind}
"""An enum member's ``.value`` is a descriptor call; a dict lookup is several times cheaper per row."""


class _Tags(dict[tuple[str, ...], str]):
    """``join_tags`` once per distinct tag set: imports repeat a few sets many times."""

    def __missing__(self, tags: tuple[str, ...]) -> str:
        self[tags] = joined = join_tags(tags)
        return joined


def _check(front: str, back: str, context: str) -> None:
    check_field("front", front)
    check_field("back", back)
    check_field("context", context)


class ImportRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def ids_by_guid(self, guids: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        connection = self._session.connection()
        for start in range(0, len(guids), LOOKUP_CHUNK):
            chunk = tuple(guids[start : start + LOOKUP_CHUNK])
            sql = f"SELECT guid, id FROM {CARDS.name} WHERE guid IN ({', '.join('?' * len(chunk))})"
            found.update((guid, card_id) for guid, card_id in connection.exec_driver_sql(sql, chunk))
        return found

    def add_many(
        self,
        cards: Iterable[ForeignCard],
        deck_ids: Mapping[str, int],
        now: datetime,
        first_position: int,
        bury_until: datetime | None = None,
    ) -> int:
        """New cards in the given order, positioned from ``first_position``; one ``executemany`` per kind.

        ``deck_ids`` maps each card's ``deck`` (the empty name included) to the id of its deck.
        Cards with a schedule keep it; buried ones wait until ``bury_until`` (else they are not buried).
        """
        stamp = to_millis(now)
        buried = None if bury_until is None else to_millis(bury_until)
        tags = _Tags()
        kinds = KIND_VALUES
        rows: list[tuple[str, int, str, str, str, str, str, str, str, int]] = []
        scheduled: list[tuple[object, ...]] = []
        append = rows.append
        for position, card in enumerate(cards, first_position):
            front, back, context = card.front, card.back, card.context
            if len(front) > MAX_FIELD_CHARS or len(back) > MAX_FIELD_CHARS or len(context) > MAX_FIELD_CHARS:
                _check(front, back, context)
            row = (
                card.guid,
                deck_ids[card.deck],
                kinds[card.kind],
                front,
                back,
                card.source_sentence,
                card.fact,
                tags[card.tags],
                context,
                position,
            )
            schedule = card.schedule
            if schedule is None:
                append(row)
                continue
            hidden = (int(schedule.suspended), buried if schedule.buried else None)
            scheduled.append((*row, *hidden, *state_columns(schedule.state)))
        connection = self._session.connection()
        if rows:
            connection.exec_driver_sql(INSERT_SQL.format(stamp=int(stamp)), rows)
        if scheduled:
            connection.exec_driver_sql(SCHEDULED_SQL.format(stamp=int(stamp)), scheduled)
        return len(rows) + len(scheduled)

    def add_reviews(self, reviews: Sequence[ForeignReview], card_ids: Mapping[str, int]) -> int:
        """The answers not stored before (by their foreign id), to the cards ``card_ids`` finds by GUID; how many."""
        connection = self._session.connection()
        known: set[int] = set()
        ids = [review.foreign_id for review in reviews]
        for start in range(0, len(ids), LOOKUP_CHUNK):
            chunk = tuple(ids[start : start + LOOKUP_CHUNK])
            sql = f"SELECT anki_id FROM {REVIEWS.name} WHERE anki_id IN ({', '.join('?' * len(chunk))})"
            known.update(anki_id for (anki_id,) in connection.exec_driver_sql(sql, chunk))
        texts: dict[int, str] = {}  # a row's "before" is the previous row's "after": one JSON text for both
        rows = []
        for review in reviews:
            card_id = card_ids.get(review.card_guid)
            if card_id is None or review.foreign_id in known:
                continue
            known.add(review.foreign_id)
            before = texts.get(id(review.before)) or state_to_json(review.before)
            texts[id(review.after)] = after = state_to_json(review.after)
            rows.append(
                (
                    card_id,
                    to_millis(review.reviewed_at),
                    review.rating,
                    int(review.prior_state),
                    review.duration_ms,
                    before,
                    after,
                    review.foreign_id,
                )
            )
        if rows:
            connection.exec_driver_sql(REVIEW_SQL, rows)
        return len(rows)

    def update_many(
        self, changes: Iterable[tuple[int, ForeignCard]], deck_ids: Mapping[str, int], now: datetime
    ) -> int:
        """New content, deck and tags for existing cards (by id); their schedule (and source sentence) is kept."""
        stamp = to_millis(now)
        tags = _Tags()
        rows = []
        for card_id, card in changes:
            front, back, context = card.front, card.back, card.context
            if len(front) > MAX_FIELD_CHARS or len(back) > MAX_FIELD_CHARS or len(context) > MAX_FIELD_CHARS:
                _check(front, back, context)
            rows.append(
                (
                    deck_ids[card.deck],
                    KIND_VALUES[card.kind],
                    front,
                    back,
                    card.fact,
                    tags[card.tags],
                    stamp,
                    context,
                    card_id,
                )
            )
        if rows:
            self._session.connection().exec_driver_sql(UPDATE_SQL, rows)
        return len(rows)
