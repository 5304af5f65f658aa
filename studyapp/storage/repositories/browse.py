"""The card browser's queries: search to ids, rows by id, bulk deck/tag changes.

Filters arrive as the search tree of ``studyapp.domain.search`` (parsed by the
browse service); this module is the only place that turns it into SQL.  Searches
return ids only, ordered by the database, so the window can hold 100k of
them and fetch visible rows a page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, and_, case, false, not_, or_, select, true, type_coerce, update
from sqlalchemy.orm import Session

from studyapp.domain.cards import CardState
from studyapp.domain.deck_names import SEPARATOR
from studyapp.domain.ids import CardId, DeckId
from studyapp.domain.search import And, CardIs, DeckTerm, IsTerm, Not, Query, SortColumn, TagTerm, TextTerm
from studyapp.storage.convert import join_tags, split_tags
from studyapp.storage.records import CardRecord, DeckRecord, SourceRecord

CHUNK = 500
_TEXT_COLUMNS = (CardRecord.front, CardRecord.back, CardRecord.context)
"""What a plain search word is looked for in: the card's text and its context line."""


@dataclass(frozen=True, slots=True)
class BrowseLine:
    """One card's columns as stored (the service formats them)."""

    id: CardId
    kind: str
    front: str
    back: str
    deck: str
    tags: tuple[str, ...]
    state: CardState
    due: datetime | None
    last_review: datetime | None
    position: int
    reps: int
    lapses: int
    suspended: bool
    buried_until: datetime | None
    created: datetime
    modified: datetime
    context: str


@dataclass(frozen=True, slots=True)
class SourceLine:
    title: str
    text: str
    start: int | None
    end: int | None
    sentence: str


def _like(pattern: str) -> str:
    """A user glob (``*`` wildcard) as a LIKE pattern with ``\\`` escaping."""
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%")


class BrowseRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def search(
        self,
        card_filter: Query | None,
        sort: SortColumn,
        descending: bool,
        *,
        now: datetime,
        day_end: datetime,
    ) -> list[CardId]:
        """Ids of matching cards in display order (ties broken by id)."""
        query = select(CardRecord.id)
        if sort is SortColumn.DECK:
            query = query.join(DeckRecord, DeckRecord.id == CardRecord.deck_id)
        if card_filter is not None:
            query = query.where(self._condition(card_filter, now, day_end))
        keys = self._sort_columns(sort)
        query = query.order_by(*(k.desc() if descending else k.asc() for k in keys))
        query = query.order_by(CardRecord.id.desc() if descending else CardRecord.id.asc())
        return [CardId(card_id) for card_id in self._session.scalars(query)]

    @staticmethod
    def _sort_columns(sort: SortColumn) -> list[Any]:
        columns: dict[SortColumn, list[Any]] = {
            SortColumn.QUESTION: [CardRecord.front],
            SortColumn.ANSWER: [CardRecord.back],
            SortColumn.CONTEXT: [CardRecord.context],
            SortColumn.DECK: [DeckRecord.name],
            SortColumn.TAGS: [CardRecord.tags],
            # New cards (no due date) after scheduled ones, in their new-card order.
            SortColumn.DUE: [
                case((CardRecord.state == int(CardState.NEW), 1), else_=0),
                CardRecord.due,
                CardRecord.position,
            ],
            SortColumn.INTERVAL: [
                case(
                    (
                        CardRecord.state == int(CardState.REVIEW),
                        type_coerce(CardRecord.due, BigInteger) - type_coerce(CardRecord.last_review, BigInteger),
                    ),
                    else_=-1,
                )
            ],
            SortColumn.STATE: [CardRecord.state],
            SortColumn.REPS: [CardRecord.reps],
            SortColumn.LAPSES: [CardRecord.lapses],
            SortColumn.CREATED: [CardRecord.created],
            SortColumn.MODIFIED: [CardRecord.modified],
        }
        return columns[sort]

    def _condition(self, node: Query, now: datetime, day_end: datetime) -> ColumnElement[bool]:
        if isinstance(node, TextTerm):
            pattern = f"%{_like(node.text)}%"
            return or_(*(column.like(pattern, escape="\\") for column in _TEXT_COLUMNS))
        if isinstance(node, DeckTerm):
            pattern = _like(node.name.strip())
            decks = select(DeckRecord.id).where(
                or_(
                    DeckRecord.name.like(pattern, escape="\\"),
                    DeckRecord.name.like(pattern + SEPARATOR + "%", escape="\\"),
                )
            )
            return CardRecord.deck_id.in_(decks)
        if isinstance(node, TagTerm):
            if node.tag.lower() in ("", "none"):
                return CardRecord.tags == ""
            return CardRecord.tags.like(f"% {_like(node.tag)} %", escape="\\")
        if isinstance(node, IsTerm):
            return self._flag(node.what, now, day_end)
        if isinstance(node, Not):
            return not_(self._condition(node.inner, now, day_end))
        if isinstance(node, And):
            return and_(true(), *(self._condition(p, now, day_end) for p in node.parts))
        return or_(false(), *(self._condition(p, now, day_end) for p in node.parts))

    @staticmethod
    def _flag(flag: CardIs, now: datetime, day_end: datetime) -> ColumnElement[bool]:
        buried = and_(CardRecord.buried_until.is_not(None), CardRecord.buried_until > now)
        if flag is CardIs.NEW:
            return CardRecord.state == int(CardState.NEW)
        if flag is CardIs.LEARN:
            return CardRecord.state.in_((int(CardState.LEARNING), int(CardState.RELEARNING)))
        if flag is CardIs.REVIEW:
            return CardRecord.state.in_((int(CardState.REVIEW), int(CardState.RELEARNING)))
        if flag is CardIs.SUSPENDED:
            return CardRecord.suspended.is_(True)
        if flag is CardIs.BURIED:
            return buried
        return and_(
            CardRecord.state != int(CardState.NEW),
            CardRecord.due < day_end,
            CardRecord.suspended.is_(False),
            not_(buried),
        )

    def lines(self, card_ids: list[CardId]) -> dict[CardId, BrowseLine]:
        """The rows for these ids (missing ids, e.g. deleted meanwhile, are left out)."""
        found: dict[CardId, BrowseLine] = {}
        columns: list[Any] = [
            CardRecord.id,
            CardRecord.kind,
            CardRecord.front,
            CardRecord.back,
            DeckRecord.name,
            CardRecord.tags,
            CardRecord.state,
            CardRecord.due,
            CardRecord.last_review,
            CardRecord.position,
            CardRecord.reps,
            CardRecord.lapses,
            CardRecord.suspended,
            CardRecord.buried_until,
            CardRecord.created,
            CardRecord.modified,
            CardRecord.context,
        ]
        for start in range(0, len(card_ids), CHUNK):
            chunk = card_ids[start : start + CHUNK]
            rows = self._session.execute(
                select(*columns).join(DeckRecord, DeckRecord.id == CardRecord.deck_id).where(CardRecord.id.in_(chunk))
            )
            for row in rows:
                line = BrowseLine(
                    id=CardId(row[0]),
                    kind=row[1],
                    front=row[2],
                    back=row[3],
                    deck=row[4],
                    tags=split_tags(row[5]),
                    state=CardState(row[6]),
                    due=row[7],
                    last_review=row[8],
                    position=row[9],
                    reps=row[10],
                    lapses=row[11],
                    suspended=bool(row[12]),
                    buried_until=row[13],
                    created=row[14],
                    modified=row[15],
                    context=row[16],
                )
                found[line.id] = line
        return found

    def source(self, card_id: CardId) -> SourceLine | None:
        row = self._session.execute(
            select(SourceRecord.title, SourceRecord.text, CardRecord.source_start, CardRecord.source_end)
            .join(SourceRecord, SourceRecord.id == CardRecord.source_id)
            .where(CardRecord.id == card_id)
        ).first()
        sentence = self._session.scalar(select(CardRecord.source_sentence).where(CardRecord.id == card_id)) or ""
        if row is None:
            return None
        return SourceLine(title=row[0], text=row[1], start=row[2], end=row[3], sentence=sentence)

    def decks_of(self, card_ids: list[CardId]) -> dict[CardId, DeckId]:
        found: dict[CardId, DeckId] = {}
        for start in range(0, len(card_ids), CHUNK):
            rows = self._session.execute(
                select(CardRecord.id, CardRecord.deck_id).where(CardRecord.id.in_(card_ids[start : start + CHUNK]))
            )
            found.update({CardId(i): DeckId(d) for i, d in rows})
        return found

    def move(self, card_ids: list[CardId], deck_id: DeckId, now: datetime) -> None:
        for start in range(0, len(card_ids), CHUNK):
            self._session.execute(
                update(CardRecord)
                .where(CardRecord.id.in_(card_ids[start : start + CHUNK]))
                .values(deck_id=deck_id, modified=now)
            )

    def tags_of(self, card_ids: list[CardId]) -> dict[CardId, tuple[str, ...]]:
        found: dict[CardId, tuple[str, ...]] = {}
        for start in range(0, len(card_ids), CHUNK):
            rows = self._session.execute(
                select(CardRecord.id, CardRecord.tags).where(CardRecord.id.in_(card_ids[start : start + CHUNK]))
            )
            found.update({CardId(i): split_tags(t) for i, t in rows})
        return found

    def set_tags(self, tags: dict[CardId, tuple[str, ...]], now: datetime) -> None:
        for card_id, card_tags in tags.items():
            self._session.execute(
                update(CardRecord).where(CardRecord.id == card_id).values(tags=join_tags(card_tags), modified=now)
            )

    def suspended_of(self, card_ids: list[CardId]) -> dict[CardId, bool]:
        found: dict[CardId, bool] = {}
        for start in range(0, len(card_ids), CHUNK):
            rows = self._session.execute(
                select(CardRecord.id, CardRecord.suspended).where(CardRecord.id.in_(card_ids[start : start + CHUNK]))
            )
            found.update({CardId(i): bool(s) for i, s in rows})
        return found

    def unbury(self, card_ids: list[CardId]) -> None:
        for start in range(0, len(card_ids), CHUNK):
            self._session.execute(
                update(CardRecord).where(CardRecord.id.in_(card_ids[start : start + CHUNK])).values(buried_until=None)
            )
