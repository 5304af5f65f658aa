"""The review queue's queries and the one-transaction answer/undo writes.

Studying is the hot path (a person answers a card every few seconds and each
answer is a durable commit), so the queue, the card shown and the answer live
in ``StudyRepository``: plain SQL on a pooled DBAPI connection inside an
explicit transaction (``Store.connection_work``), rows as tuples, no ORM
session at all.  SQLite keeps the statements prepared (the connection's
statement cache), and no identity map or flush is involved.  Everything else
here (undo, history, suspend, bury, forget) is rare and stays on the ORM in
``ReviewRepository``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Hashable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from studyapp.domain.cards import Card, CardKind, CardState
from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId, DeckId, ReviewId, SourceId
from studyapp.domain.scheduling import Rating, SchedulingState
from studyapp.scheduling.fsrs_scheduler import ReviewResult
from studyapp.scheduling.optimizer import PastAnswer
from studyapp.scheduling.queue import QueueCandidate
from studyapp.storage.convert import (
    apply_state,
    join_tags,
    rewrites_from_json,
    split_tags,
    state_columns,
    state_from_json,
    state_to_json,
)
from studyapp.storage.records import CardRecord, DeckRecord, ReviewRecord
from studyapp.storage.repositories.settings_reader import SettingsReader
from studyapp.storage.types import from_millis, to_millis

LEARNING = (int(CardState.LEARNING), int(CardState.RELEARNING))
LEECH_TAG = "leech"


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo restored: the card to show again."""

    card_id: CardId
    review_id: ReviewId


@dataclass(frozen=True, slots=True)
class RecordedAnswer:
    """What storing an answer did: its log row, whether the card became a leech, the siblings it buried."""

    review_id: ReviewId
    leech: bool
    buried_siblings: tuple[CardId, ...]


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    reviewed_at: datetime
    rating: int
    duration_ms: int
    before: SchedulingState
    after: SchedulingState


@dataclass(frozen=True, slots=True)
class DueLearning:
    """(Re)learning cards due within the learn-ahead window: how many, and the one due first."""

    count: int
    first: CardId | None
    first_due: datetime | None


@dataclass(frozen=True, slots=True)
class StudyCard:
    """A card to show, its scheduling state, and whether it may be shown now (not suspended or buried)."""

    card: Card
    state: SchedulingState
    available: bool


# The hot path's statements.  Column lists are spelled out so the tuple indexes below stay valid.
_STUDY_CARD_SQL = (
    "SELECT c.id, c.deck_id, c.kind, c.front, c.back, c.source_sentence, c.source_start, c.source_end,"
    " c.source_id, c.tags, c.guid, c.created, c.modified, c.fact, c.suspended, c.state, c.due, c.position,"
    " c.lapses, c.reps, c.stability, c.difficulty, c.last_review, c.step, c.buried_until, d.name, c.context, c.rewrites"
    " FROM cards AS c JOIN decks AS d ON d.id = c.deck_id WHERE c.id = ?"
)
_ANSWER_STATE_SQL = (
    "SELECT deck_id, state, step, stability, difficulty, due, last_review, reps, lapses,"
    " tags, suspended, source_id, source_start, fact FROM cards WHERE id = ?"
)
_UPDATE_CARD_SQL = (
    "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?,"
    " reps = ?, lapses = ?, tags = ?, suspended = ? WHERE id = ?"
)
_INSERT_REVIEW_SQL = (
    "INSERT INTO reviews (card_id, reviewed_at, rating, prior_state, duration_ms, state_before, state_after)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
# Siblings are found by ix_cards_sibling and ix_cards_fact (a MULTI-INDEX OR); the unary ``+``
# keeps SQLite from preferring ix_cards_deck_state_due, which would scan the deck's cards.
_SIBLINGS_WHERE = " AND +deck_id = ? AND suspended = 0 AND buried_until IS NULL AND +state IN "


# The queue's daily rebuild.  Written out because SQLite's planner, left alone, picks
# slow plans on large collections: it sorts every new card of the deck to take the
# first 20 (walking ix_cards_deck_position in order stops at the 20th: 31 ms -> 0.2 ms
# on 100k cards; 32 -> 41 ms in the worst case, every studied card ahead of the first
# new one), and it counts today's reviews by visiting every card of the deck (``CROSS
# JOIN`` makes it start from today's reviews on ix_reviews_time: 64 -> 15 ms).
_AVAILABLE = "suspended = 0 AND (buried_until IS NULL OR buried_until <= ?)"


@lru_cache(maxsize=16)
def siblings_sql(has_source: bool, no_source_start: bool, states: tuple[CardState, ...]) -> str:
    """The other cards of a card's source sentence or fact in ``states``, which answering it buries.

    Two index look-ups, whatever the size of the deck.
    """
    same_fact = "(fact = ? AND fact != '')"
    where = same_fact
    if has_source:
        start = "source_start IS NULL" if no_source_start else "source_start = ?"
        where = f"((source_id = ? AND {start}) OR {same_fact})"
    in_states = ", ".join(str(int(state)) for state in states)
    return f"SELECT id FROM cards WHERE id != ? AND {where}{_SIBLINGS_WHERE}({in_states})"


@lru_cache(maxsize=16)
def _reviews_sql(deck_count: int) -> str:
    return (
        "SELECT id, due, position, (? - last_review) * 1.0 / max(stability, 0.001) AS weakness,"
        " source_id, source_start, fact FROM cards"
        f" WHERE deck_id IN ({', '.join('?' * deck_count)}) AND {_AVAILABLE}"
        f" AND state = {int(CardState.REVIEW)} AND due < ?"
        " ORDER BY weakness DESC, due, id LIMIT ?"
    )


@lru_cache(maxsize=16)
def _ahead_sql(deck_count: int) -> str:
    return (
        "SELECT id, due, position, source_id, source_start, fact FROM cards"
        f" WHERE deck_id IN ({', '.join('?' * deck_count)}) AND {_AVAILABLE}"
        f" AND state = {int(CardState.REVIEW)} AND due >= ? AND due < ? ORDER BY due, id LIMIT ?"
    )


@lru_cache(maxsize=16)
def _forgotten_sql(deck_count: int) -> str:
    return (
        "SELECT c.id, c.state, c.due, c.position, c.source_id, c.source_start, c.fact FROM cards AS c"
        f" WHERE c.deck_id IN ({', '.join('?' * deck_count)}) AND {_AVAILABLE} AND c.state != {int(CardState.NEW)}"
        " AND EXISTS (SELECT 1 FROM reviews AS r WHERE r.card_id = c.id AND r.rating = 1 AND r.reviewed_at >= ?)"
        " ORDER BY c.due, c.id LIMIT ?"
    )


@lru_cache(maxsize=16)
def _new_sql(deck_count: int) -> str:
    return (
        "SELECT id, position, source_id, source_start, fact FROM cards INDEXED BY ix_cards_deck_position"
        f" WHERE deck_id IN ({', '.join('?' * deck_count)}) AND {_AVAILABLE}"
        f" AND state = {int(CardState.NEW)} ORDER BY position, id LIMIT ?"
    )


@lru_cache(maxsize=16)
def _done_today_sql(deck_count: int) -> str:
    return (
        f"SELECT sum(CASE WHEN r.prior_state = {int(CardState.NEW)} THEN 1 ELSE 0 END),"
        f" sum(CASE WHEN r.prior_state = {int(CardState.REVIEW)} THEN 1 ELSE 0 END)"
        " FROM reviews AS r CROSS JOIN cards AS c ON c.id = r.card_id"
        f" WHERE c.deck_id IN ({', '.join('?' * deck_count)}) AND r.reviewed_at >= ?"
    )


@lru_cache(maxsize=16)
def _due_learning_sql(deck_count: int, first: bool) -> str:
    """How many (re)learning cards are due and when the first is, or (``first``) which card that is.

    Counting and taking the minimum in SQL is one pass over the covering index
    (about a third of the time of fetching every row into Python); the first
    card is then one equality search, the lowest id among those due then.
    """
    where = (
        f"WHERE deck_id IN ({', '.join('?' * deck_count)}) AND {_AVAILABLE} AND state IN ({LEARNING[0]}, {LEARNING[1]})"
    )
    if first:
        return f"SELECT min(id) FROM cards {where} AND due = ?"
    return f"SELECT count(*), min(due) FROM cards {where} AND due <= ?"


def sibling_keys(source_id: int | None, source_start: int | None, fact: str) -> tuple[Hashable, ...]:
    """A card's sibling keys: its source sentence and its fact (the rule ``_bury_siblings`` buries by)."""
    keys: list[Hashable] = []
    if source_id is not None:
        keys.append(("sentence", source_id, source_start))
    if fact:
        keys.append(("fact", fact))
    return tuple(keys)


def _state_from_row(*row: Any) -> SchedulingState:
    """state, step, stability, difficulty, due, last_review, reps, lapses (times in epoch milliseconds)."""
    state, step, stability, difficulty, due, last, reps, lapses = row
    return SchedulingState(
        state=CardState(state),
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=None if due is None else from_millis(due),
        last_review=None if last is None else from_millis(last),
        reps=reps,
        lapses=lapses,
    )


def _study_card(row: tuple[Any, ...], now_ms: int) -> StudyCard:
    """Mirrors ``convert.card_from_record`` + ``state_from_record`` on a ``_STUDY_CARD_SQL`` row."""
    state = _state_from_row(row[15], row[23], row[20], row[21], row[16], row[22], row[19], row[18])
    card = Card(
        id=CardId(row[0]),
        deck_id=DeckId(row[1]),
        kind=CardKind(row[2]),
        front=row[3],
        back=row[4],
        source_sentence=row[5],
        source_start=row[6],
        source_end=row[7],
        source_id=None if row[8] is None else SourceId(row[8]),
        tags=split_tags(row[9]),
        guid=row[10],
        created=from_millis(row[11]),
        modified=from_millis(row[12]),
        fact=row[13],
        suspended=bool(row[14]),
        state=state.state,
        due=state.due,
        position=row[17],
        lapses=row[18],
        reps=row[19],
        stability=row[20],
        difficulty=row[21],
        last_review=state.last_review,
        deck_name=row[25],
        context=row[26],
        rewrites=rewrites_from_json(row[27]),
    )
    buried_until = row[24]
    return StudyCard(card, state, not row[14] and (buried_until is None or buried_until <= now_ms))


class StudyRepository(SettingsReader):
    """The study screen's reads and the answer's writes, on one connection inside its open transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        super().__init__(connection)
        self._answering: tuple[int, tuple[Any, ...]] | None = None  # (card id, _ANSWER_STATE_SQL row)

    def states(self, card_ids: list[int]) -> dict[int, CardState]:
        """The queue states of these cards; deleted cards are left out."""
        found: dict[int, CardState] = {}
        cursor = self._cursor()
        for start in range(0, len(card_ids), 500):
            chunk = card_ids[start : start + 500]
            rows = cursor.execute(f"SELECT id, state FROM cards WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
            found.update({card_id: CardState(state) for card_id, state in rows})
        return found

    def due_learning(self, deck_ids: Collection[int], now: datetime, until: datetime) -> DueLearning:
        """(Re)learning cards due by ``until``: how many, and the one due first (lowest id on a tie)."""
        now_ms = to_millis(now)
        cursor = self._cursor()
        count, first_due = cursor.execute(
            _due_learning_sql(len(deck_ids), False), (*deck_ids, now_ms, to_millis(until))
        ).fetchone()
        if not count:
            return DueLearning(0, None, None)
        (first,) = cursor.execute(_due_learning_sql(len(deck_ids), True), (*deck_ids, now_ms, first_due)).fetchone()
        return DueLearning(int(count), CardId(first), from_millis(first_due))

    def study_card(self, card_id: int, now: datetime) -> StudyCard | None:
        """The card with its deck name and scheduling state, in one row; None if it was deleted."""
        row = self._cursor().execute(_STUDY_CARD_SQL, (card_id,)).fetchone()
        return None if row is None else _study_card(row, to_millis(now))

    def answer_state(self, card_id: CardId) -> tuple[DeckId, SchedulingState]:
        """The card's deck and scheduling state, read once for the answer (``record_answer`` reuses the row)."""
        row = self._cursor().execute(_ANSWER_STATE_SQL, (card_id,)).fetchone()
        if row is None:
            raise UserInputError(f"There is no card with id {card_id}.")
        self._answering = (card_id, row)
        return DeckId(row[0]), _state_from_row(*row[1:9])

    def reviews(self, deck_ids: list[int], now: datetime, day_end: datetime, limit: int) -> list[QueueCandidate]:
        """Due reviews, weakest first: longest elapsed time relative to stability (lowest recall)."""
        if limit <= 0:
            return []
        now_ms = to_millis(now)
        rows = self._cursor().execute(
            _reviews_sql(len(deck_ids)), (now_ms, *deck_ids, now_ms, to_millis(day_end), limit)
        )
        return [
            QueueCandidate(i, CardState.REVIEW, from_millis(d), p, -float(w or 0.0), sibling_keys(s, start, f))
            for i, d, p, w, s, start, f in rows
        ]

    def new(self, deck_ids: list[int], now: datetime, limit: int) -> list[QueueCandidate]:
        if limit <= 0:
            return []
        rows = self._cursor().execute(_new_sql(len(deck_ids)), (*deck_ids, to_millis(now), limit))
        return [
            QueueCandidate(i, CardState.NEW, None, p, None, sibling_keys(s, start, f)) for i, p, s, start, f in rows
        ]

    def ahead(self, deck_ids: list[int], start: datetime, until: datetime, limit: int) -> list[QueueCandidate]:
        """Review cards due from ``start`` until ``until`` (review ahead), soonest first."""
        rows = self._cursor().execute(
            _ahead_sql(len(deck_ids)), (*deck_ids, to_millis(start), to_millis(start), to_millis(until), limit)
        )
        return [
            QueueCandidate(i, CardState.REVIEW, from_millis(d), p, None, sibling_keys(s, st, f))
            for i, d, p, s, st, f in rows
        ]

    def forgotten(self, deck_ids: list[int], now: datetime, since: datetime, limit: int) -> list[QueueCandidate]:
        """Studied cards answered Again since ``since``, whatever their due date."""
        rows = self._cursor().execute(
            _forgotten_sql(len(deck_ids)), (*deck_ids, to_millis(now), to_millis(since), limit)
        )
        return [
            QueueCandidate(i, CardState(state), None if d is None else from_millis(d), p, None, sibling_keys(s, st, f))
            for i, state, d, p, s, st, f in rows
        ]

    def done_today(self, deck_ids: list[int], day_start: datetime) -> tuple[int, int]:
        """New cards introduced and reviews done today in these decks."""
        row = self._cursor().execute(_done_today_sql(len(deck_ids)), (*deck_ids, to_millis(day_start))).fetchone()
        return int(row[0] or 0), int(row[1] or 0)

    def record_answer(
        self,
        card_id: CardId,
        result: ReviewResult,
        *,
        bury_until: datetime,
        bury_states: tuple[CardState, ...],
        leech_threshold: int,
        leech_suspend: bool,
    ) -> RecordedAnswer:
        """Store the new state and its log row; bury siblings; tag leeches.

        Siblings in ``bury_states`` (new, review: the preset's bury toggles) wait until ``bury_until``.

        One UPDATE of the card and one INSERT of the log row (plus the siblings'
        UPDATE when there are any).  ``state_before`` is the exact snapshot undo
        restores: the scheduling state, tags, suspended flag and buried siblings.
        """
        if self._answering is not None and self._answering[0] == card_id:
            row = self._answering[1]
        else:
            self.answer_state(card_id)
            assert self._answering is not None
            row = self._answering[1]
        self._answering = None
        deck_id, state, step, stability, difficulty, due, last, reps, lapses, tags, suspended = row[:11]
        source_id, source_start, fact = row[11:14]
        suspended = bool(suspended)
        before: dict[str, object] = {
            "state": state,
            "step": step,
            "stability": stability,
            "difficulty": difficulty,
            "due": due,
            "last_review": last,
            "reps": reps,
            "lapses": lapses,
            "tags": tags,
            "suspended": suspended,
        }
        cursor = self._cursor()
        siblings = self._bury_siblings(
            cursor, card_id, deck_id, (source_id, source_start, fact), bury_states, bury_until
        )
        after = result.after
        leech = (
            after.lapses > result.before.lapses
            and leech_threshold > 0
            and after.lapses >= leech_threshold
            and (after.lapses - leech_threshold) % max(1, leech_threshold // 2) == 0
        )
        if leech:
            tags = join_tags([*split_tags(tags), LEECH_TAG])
            if leech_suspend:
                suspended = True
        cursor.execute(
            _UPDATE_CARD_SQL,
            (*state_columns(after), tags, int(suspended), card_id),
        )
        cursor.execute(
            _INSERT_REVIEW_SQL,
            (
                card_id,
                to_millis(result.reviewed_at),
                int(result.rating),
                int(result.before.state),
                max(0, min(result.duration_ms or 0, 3_600_000)),
                json.dumps({**before, "buried_siblings": siblings}, sort_keys=True),
                state_to_json(after),
            ),
        )
        assert cursor.lastrowid is not None  # set by the INSERT just above
        return RecordedAnswer(ReviewId(cursor.lastrowid), leech, tuple(CardId(i) for i in siblings))

    @staticmethod
    def _bury_siblings(
        cursor: sqlite3.Cursor,
        card_id: int,
        deck_id: int,
        origin: tuple[int | None, int | None, str],
        states: tuple[CardState, ...],
        until: datetime,
    ) -> list[int]:
        """Other cards from the same source sentence or fact wait until tomorrow (as in Anki).

        Cards with neither a source nor a fact have no siblings, and cost no query.
        """
        source_id, source_start, fact = origin
        if (source_id is None and not fact) or not states:
            return []
        params: list[object] = [card_id]
        if source_id is not None:
            params += [source_id] if source_start is None else [source_id, source_start]
        params += [fact, deck_id]
        sql = siblings_sql(source_id is not None, source_start is None, states)
        ids = [i for (i,) in cursor.execute(sql, params)]
        if ids:
            marks = ", ".join("?" * len(ids))
            cursor.execute(f"UPDATE cards SET buried_until = ? WHERE id IN ({marks})", (to_millis(until), *ids))
        return ids


class ReviewRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def undo_last(self) -> Undone | None:
        """Remove the newest review given here and restore its card (and buried siblings) exactly.

        Answers imported from Anki are history, not something to undo here: their state
        snapshots hold no tags or suspension, and the card's state is the imported one.
        """
        review = self._session.scalar(
            select(ReviewRecord).where(ReviewRecord.anki_id.is_(None)).order_by(ReviewRecord.id.desc()).limit(1)
        )
        if review is None:
            return None
        record = self._session.get(CardRecord, review.card_id)
        if record is None:
            return None
        snapshot = json.loads(review.state_before)
        apply_state(record, state_from_json(review.state_before))
        record.tags = snapshot["tags"]
        record.suspended = snapshot["suspended"]
        siblings = snapshot.get("buried_siblings", [])
        if siblings:
            self._session.execute(update(CardRecord).where(CardRecord.id.in_(siblings)).values(buried_until=None))
        undone = Undone(CardId(record.id), ReviewId(review.id))
        self._session.delete(review)
        return undone

    def history(self, card_id: CardId) -> list[ReviewEntry]:
        rows = self._session.scalars(
            select(ReviewRecord).where(ReviewRecord.card_id == card_id).order_by(ReviewRecord.id)
        )
        return [
            ReviewEntry(
                r.reviewed_at, r.rating, r.duration_ms, state_from_json(r.state_before), state_from_json(r.state_after)
            )
            for r in rows
        ]

    def answers_for_preset(self, preset_id: int) -> list[PastAnswer]:
        """Every answer to the cards now in the preset's decks (what Anki's optimizer trains on)."""
        rows = self._session.execute(
            select(ReviewRecord.card_id, ReviewRecord.reviewed_at, ReviewRecord.rating, ReviewRecord.prior_state)
            .join(CardRecord, CardRecord.id == ReviewRecord.card_id)
            .join(DeckRecord, DeckRecord.id == CardRecord.deck_id)
            .where(DeckRecord.preset_id == preset_id)
            .order_by(ReviewRecord.card_id, ReviewRecord.reviewed_at, ReviewRecord.id)
        )
        return [
            PastAnswer(card_id, at, Rating(rating), prior == int(CardState.NEW)) for card_id, at, rating, prior in rows
        ]

    def set_suspended(self, card_ids: list[CardId], suspended: bool) -> None:
        self._session.execute(update(CardRecord).where(CardRecord.id.in_(card_ids)).values(suspended=suspended))

    def bury(self, card_ids: list[CardId], until: datetime | None) -> None:
        self._session.execute(update(CardRecord).where(CardRecord.id.in_(card_ids)).values(buried_until=until))

    def forget(self, card_ids: list[CardId], first_position: int) -> None:
        """Back to new, at the end of the new queue; the review history is kept."""
        for offset, card_id in enumerate(card_ids):
            record = self._session.get(CardRecord, card_id)
            if record is not None:
                apply_state(record, SchedulingState())
                record.position = first_position + offset
