"""The card browser's use cases: search, rows by id, bulk changes with their undo data, card info, source.

Searches return ids only; the window asks for the rows it shows, a page at a
time.  Each bulk change returns what it replaced, so the window's undo stack
can put it back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from studyapp.domain.cards import Card, CardKind, CardState
from studyapp.domain.ids import CardId, DeckId
from studyapp.domain.scheduling import Rating
from studyapp.domain.search import SortColumn
from studyapp.scheduling.fsrs_scheduler import FsrsScheduler, interval_text
from studyapp.services import search_query as sq
from studyapp.services.context import ServiceContext
from studyapp.services.reviews import card_sides
from studyapp.storage.repositories.browse import BrowseLine


@dataclass(frozen=True, slots=True)
class CardRow:
    """One line of the browser, ready to show (question/answer as plain text)."""

    id: CardId
    kind: CardKind
    question: str
    answer: str
    front: str
    back: str
    deck: str
    tags: tuple[str, ...]
    due: datetime | None
    interval: str
    state: CardState
    reps: int
    lapses: int
    created: datetime
    modified: datetime
    position: int
    suspended: bool
    buried: bool
    context: str = ""


@dataclass(frozen=True, slots=True)
class SourceContext:
    """The article a card came from, and where its sentence is in it (``start``/``end`` offsets)."""

    title: str
    text: str
    start: int
    end: int

    @property
    def sentence(self) -> str:
        return self.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class ReviewHistoryRow:
    reviewed_at: datetime
    rating: Rating
    state_before: CardState
    interval: str
    duration_ms: int
    stability: float | None
    difficulty: float | None


@dataclass(frozen=True, slots=True)
class CardInfo:
    """What Anki's card info shows: dates, counts, the FSRS memory state and every review."""

    card: Card
    question: str
    answer: str
    interval: str
    retrievability: float | None
    history: tuple[ReviewHistoryRow, ...]

    @property
    def total_ms(self) -> int:
        return sum(h.duration_ms for h in self.history)


def _interval(line: BrowseLine) -> str:
    if line.state is CardState.NEW:
        return "(new)"
    if line.state is not CardState.REVIEW:
        return "(learning)"
    if line.due is None or line.last_review is None:
        return ""
    return interval_text(line.due - line.last_review)


class BrowseService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def search(self, text: str, sort: SortColumn = SortColumn.CREATED, *, descending: bool = False) -> list[CardId]:
        """Ids of the cards matching ``text`` (raises ``UserInputError`` if it is malformed)."""
        query = sq.parse(text)
        now = self._ctx.now()
        _, day_end = self._ctx.study_day_bounds(now)
        with self._ctx.store.unit_of_work() as uow:
            return uow.browse.search(query, sort, descending, now=now, day_end=day_end)

    def rows(self, card_ids: list[CardId]) -> dict[CardId, CardRow]:
        """Rows for these ids; ids of cards deleted meanwhile are missing from the result."""
        now = self._ctx.now()
        with self._ctx.store.unit_of_work() as uow:
            lines = uow.browse.lines(card_ids)
        rows: dict[CardId, CardRow] = {}
        for card_id, line in lines.items():
            kind = CardKind(line.kind)
            if kind is CardKind.CLOZE:
                question, answer, _ = card_sides(Card(card_id, DeckId(0), kind, line.front, line.back))
            else:
                question, answer = line.front, line.back
            rows[card_id] = CardRow(
                id=card_id,
                kind=kind,
                question=question,
                answer=answer,
                front=line.front,
                back=line.back,
                deck=line.deck,
                tags=line.tags,
                due=line.due,
                interval=_interval(line),
                state=line.state,
                reps=line.reps,
                lapses=line.lapses,
                created=line.created,
                modified=line.modified,
                position=line.position,
                suspended=line.suspended,
                buried=line.buried_until is not None and line.buried_until > now,
                context=line.context,
            )
        return rows

    def source_context(self, card_id: CardId) -> SourceContext | None:
        """The article text with the card's sentence located in it; None for cards made by hand."""
        with self._ctx.store.unit_of_work() as uow:
            line = uow.browse.source(card_id)
        if line is None:
            return None
        start, end = line.start, line.end
        valid = start is not None and end is not None and 0 <= start <= end <= len(line.text)
        if not valid or (line.sentence and line.text[start:end] != line.sentence):
            found = line.text.find(line.sentence) if line.sentence else -1
            start, end = (found, found + len(line.sentence)) if found >= 0 else (0, 0)
        assert start is not None and end is not None
        return SourceContext(line.title, line.text, start, end)

    def card_info(self, card_id: CardId) -> CardInfo:
        now = self._ctx.now()
        with self._ctx.store.unit_of_work() as uow:
            card = uow.cards.get(card_id)
            state = uow.cards.scheduling_state(card_id)
            options = uow.decks.options(uow.decks.get(card.deck_id).preset_id)
            entries = uow.reviews.history(card_id)
        scheduler = FsrsScheduler(options)
        history = tuple(
            ReviewHistoryRow(
                reviewed_at=e.reviewed_at,
                rating=Rating(e.rating),
                state_before=e.before.state,
                interval=interval_text(e.after.due - e.reviewed_at) if e.after.due is not None else "",
                duration_ms=e.duration_ms,
                stability=e.after.stability,
                difficulty=e.after.difficulty,
            )
            for e in entries
        )
        question, answer, _ = card_sides(card)
        interval = ""
        if card.state is CardState.REVIEW and card.due is not None and card.last_review is not None:
            interval = interval_text(card.due - card.last_review)
        return CardInfo(
            card=card,
            question=question,
            answer=answer,
            interval=interval,
            retrievability=scheduler.retrievability(state, now),
            history=history,
        )

    def deck_names(self) -> list[str]:
        with self._ctx.store.unit_of_work() as uow:
            return sorted(uow.decks.names().values(), key=str.lower)

    def move_cards(self, card_ids: list[CardId], deck: str) -> dict[CardId, DeckId]:
        """Move cards to ``deck`` (created if missing); returns each card's previous deck for undo."""
        now = self._ctx.now()
        with self._ctx.store.unit_of_work() as uow:
            target = uow.decks.get_or_create(deck, now)
            previous = uow.browse.decks_of(card_ids)
            uow.browse.move(list(previous), DeckId(target.id), now)
            uow.commit()
        return previous

    def restore_decks(self, previous: dict[CardId, DeckId]) -> None:
        """Undo of ``move_cards``: each card back to the deck it was in (if that deck still exists)."""
        now = self._ctx.now()
        by_deck: dict[DeckId, list[CardId]] = {}
        for card_id, deck_id in previous.items():
            by_deck.setdefault(deck_id, []).append(card_id)
        with self._ctx.store.unit_of_work() as uow:
            for deck_id, ids in by_deck.items():
                uow.decks.get(deck_id)  # a clear error if it was deleted meanwhile
                uow.browse.move(ids, deck_id, now)
            uow.commit()

    def change_tags(
        self, card_ids: list[CardId], *, add: tuple[str, ...] = (), remove: tuple[str, ...] = ()
    ) -> dict[CardId, tuple[str, ...]]:
        """Add and remove tags (case-insensitively); returns each card's previous tags for undo."""
        gone = {t.lower() for t in remove}
        with self._ctx.store.unit_of_work() as uow:
            previous = uow.browse.tags_of(card_ids)
            changed: dict[CardId, tuple[str, ...]] = {}
            for card_id, tags in previous.items():
                kept = [t for t in tags if t.lower() not in gone]
                present = {t.lower() for t in kept}
                new = (*kept, *(t for t in add if t.lower() not in present and t.lower() not in gone))
                if sorted(new) != sorted(tags):
                    changed[card_id] = new
            uow.browse.set_tags(changed, self._ctx.now())
            uow.commit()
        return {card_id: previous[card_id] for card_id in changed}

    def restore_tags(self, previous: dict[CardId, tuple[str, ...]]) -> None:
        with self._ctx.store.unit_of_work() as uow:
            uow.browse.set_tags(previous, self._ctx.now())
            uow.commit()

    def suspended_of(self, card_ids: list[CardId]) -> dict[CardId, bool]:
        with self._ctx.store.unit_of_work() as uow:
            return uow.browse.suspended_of(card_ids)

    def unbury(self, card_ids: list[CardId]) -> None:
        """Undo of a bury: the cards can be studied again today."""
        with self._ctx.store.unit_of_work() as uow:
            uow.browse.unbury(card_ids)
            uow.commit()
