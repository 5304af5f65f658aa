"""The deck list's counts in plain SQL, without SQLAlchemy: the deck list is what start-up shows first."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from studyapp.domain.cards import CardState
from studyapp.domain.ids import DeckId, PresetId
from studyapp.storage.millis import to_millis

SCHEDULED_STATES = (int(CardState.LEARNING), int(CardState.REVIEW), int(CardState.RELEARNING))


@dataclass(frozen=True, slots=True)
class DeckTally:
    """One deck's own cards (children not included) and today's work done."""

    id: DeckId
    name: str
    preset_id: PresetId
    total: int
    new: int
    learning: int
    due: int
    new_done_today: int
    reviews_done_today: int
    new_per_day: int
    reviews_per_day: int


_AVAILABLE = "suspended = 0 AND (buried_until IS NULL OR buried_until <= ?)"
_DECKS_SQL = (
    "SELECT d.id, d.name, d.preset_id, p.new_per_day, p.reviews_per_day"
    " FROM decks AS d JOIN presets AS p ON p.id = d.preset_id ORDER BY d.name"
)
_TOTALS_SQL = "SELECT deck_id, count(*) FROM cards GROUP BY deck_id"
_DONE_TODAY_SQL = (
    f"SELECT c.deck_id, sum(r.prior_state = {int(CardState.NEW)}), sum(r.prior_state = {int(CardState.REVIEW)})"
    " FROM reviews AS r CROSS JOIN cards AS c ON c.id = r.card_id WHERE r.reviewed_at >= ? GROUP BY c.deck_id"
)
_NEW_SQL = (
    f"SELECT count(*) FROM (SELECT 1 FROM cards WHERE deck_id = ? AND state = {int(CardState.NEW)}"
    f" AND {_AVAILABLE} LIMIT ?)"
)
_SCHEDULED_SQL = (
    f"SELECT state, count(*) FROM cards WHERE deck_id = ? AND state IN {SCHEDULED_STATES} AND due < ?"
    f" AND {_AVAILABLE} GROUP BY state"
)


class DeckTallyReader:
    """The deck list's counts in plain SQL on the study connection (``Store.connection_work``).

    The deck list is redrawn after every change, so it skips the ORM like the
    review hot path.  Totals come from one grouped scan of a small index.  New
    and due counts only matter up to the deck's daily limit, so each deck's
    are counted with range searches on the covering index
    ``ix_cards_deck_state_due`` and capped at that limit (a deck never shows
    more than its limit).
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def tallies(
        self, now: datetime, day_start: datetime, day_end: datetime, extra_new: dict[int, int] | None = None
    ) -> list[DeckTally]:
        """``extra_new`` raises some decks' new-card limits for today (custom study)."""
        extra_new = extra_new or {}
        cursor = self._connection.cursor()
        now_ms, end_ms = to_millis(now), to_millis(day_end)
        totals = dict(cursor.execute(_TOTALS_SQL).fetchall())
        done_today = {
            d: (int(n or 0), int(r or 0)) for d, n, r in cursor.execute(_DONE_TODAY_SQL, (to_millis(day_start),))
        }
        tallies = []
        for deck_id, name, preset_id, preset_new_cap, review_cap in cursor.execute(_DECKS_SQL).fetchall():
            new_cap = preset_new_cap + extra_new.get(deck_id, 0)
            (new,) = cursor.execute(_NEW_SQL, (deck_id, now_ms, new_cap)).fetchone()
            by_state = dict(cursor.execute(_SCHEDULED_SQL, (deck_id, end_ms, now_ms)).fetchall())
            new_done, reviews_done = done_today.get(deck_id, (0, 0))
            tallies.append(
                DeckTally(
                    id=DeckId(deck_id),
                    name=name,
                    preset_id=PresetId(preset_id),
                    total=int(totals.get(deck_id, 0)),
                    new=int(new),
                    learning=int(by_state.get(int(CardState.LEARNING), 0) + by_state.get(int(CardState.RELEARNING), 0)),
                    due=min(int(review_cap), int(by_state.get(int(CardState.REVIEW), 0))),
                    new_done_today=new_done,
                    reviews_done_today=reviews_done,
                    new_per_day=int(new_cap),
                    reviews_per_day=int(review_cap),
                )
            )
        return tallies
