"""Studying: the review queue, answering, undo, and card actions (suspend, bury, forget)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from studyapp.domain.cards import Card, CardKind, CardState
from studyapp.domain.cloze import cloze_answer, cloze_full, cloze_question
from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId, DeckId
from studyapp.domain.scheduling import DeckOptions, Rating
from studyapp.scheduling.fsrs_scheduler import FsrsScheduler, interval_text
from studyapp.scheduling.queue import LEARN_AHEAD, order_queue
from studyapp.scheduling.study_day import today_bounds
from studyapp.services.context import DEFAULT_ROLLOVER_HOUR, ROLLOVER_KEY, ServiceContext
from studyapp.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class QueueCounts:
    new: int
    learning: int
    review: int


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """A card ready to show: both sides as plain text and the label of each rating button."""

    card: Card
    question: str
    answer: str
    full_text: str
    intervals: dict[Rating, str]
    counts: QueueCounts


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    card_id: CardId
    rating: Rating
    next_due: datetime
    interval: str
    leech: bool


@dataclass
class SessionSummary:
    answered: int = 0
    by_rating: Counter[Rating] = field(default_factory=Counter)
    seconds: float = 0.0

    def describe(self) -> str:
        if not self.answered:
            return "No cards were studied."
        ratings = ", ".join(f"{r.name.title()} {self.by_rating[r]}" for r in Rating if self.by_rating[r])
        minutes = self.seconds / 60
        return f"Studied {self.answered} card{'s' if self.answered != 1 else ''} in {minutes:.1f} min ({ratings})."


def card_sides(card: Card) -> tuple[str, str, str]:
    """Question, answer and the full text (for the answer side) of a card."""
    if card.kind is CardKind.CLOZE:
        return cloze_question(card.front), cloze_answer(card.front), cloze_full(card.front)
    return card.front, card.back, card.back


class ReviewService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def start(self, deck_id: DeckId) -> ReviewSession:
        return ReviewSession(self._ctx, deck_id)

    def set_suspended(self, card_ids: list[CardId], suspended: bool) -> None:
        with self._ctx.store.unit_of_work() as uow:
            uow.reviews.set_suspended(card_ids, suspended)
            uow.commit()

    def bury(self, card_ids: list[CardId]) -> None:
        """Hide until the next study day."""
        _, day_end = self._ctx.study_day_bounds(self._ctx.now())
        with self._ctx.store.unit_of_work() as uow:
            uow.reviews.bury(card_ids, day_end)
            uow.commit()

    def forget(self, card_ids: list[CardId]) -> None:
        """Reset to new (at the end of the new queue); history stays for statistics."""
        with self._ctx.store.unit_of_work() as uow:
            uow.reviews.forget(card_ids, uow.cards.next_position())
            uow.commit()


class ReviewSession:
    """One sitting on one deck (with subdecks).

    The queue of reviews and new cards is built once per study day; learning
    cards are looked up on every step because they come back within minutes.
    Each answer is its own transaction: a crash loses at most that answer.
    """

    def __init__(self, context: ServiceContext, deck_id: DeckId) -> None:
        self._ctx = context
        self.deck_id = deck_id
        with context.store.unit_of_work() as uow:
            deck = uow.decks.get(deck_id)
            self.deck_name = deck.name
            self._deck_ids = uow.decks.subtree_ids(deck)
            self._options = uow.decks.options(deck.preset_id)
        self._scheduler = FsrsScheduler(self._options)
        self._queue: list[int] = []
        self._queue_states: dict[int, CardState] = {}
        self._day_end: datetime | None = None
        self._undo_stack: list[CardId] = []
        self.summary = SessionSummary()

    @property
    def options(self) -> DeckOptions:
        return self._options

    @staticmethod
    def _day_bounds(uow: UnitOfWork, now: datetime) -> tuple[datetime, datetime]:
        """Today's bounds, reading the rollover hour in this transaction rather than opening another."""
        return today_bounds(now, int(uow.settings.get(ROLLOVER_KEY, str(DEFAULT_ROLLOVER_HOUR))))

    def _rebuild(self, uow: UnitOfWork, now: datetime) -> None:
        day_start, day_end = self._day_bounds(uow, now)
        new_done, reviews_done = uow.reviews.done_today(self._deck_ids, day_start)
        new_left = max(0, self._options.new_per_day - new_done)
        reviews_left = max(0, self._options.reviews_per_day - reviews_done)
        reviews = uow.reviews.reviews(self._deck_ids, now, day_end, reviews_left)
        new = uow.reviews.new(self._deck_ids, now, new_left)
        self._queue = order_queue([], reviews, new, new_limit=new_left, review_limit=reviews_left, now=now)
        self._queue_states = {c.card_id: c.state for c in [*reviews, *new]}
        self._day_end = day_end

    def next_card(self) -> ReviewCard | None:
        """The card to show now, or None when the deck is done for today."""
        now = self._ctx.now()
        with self._ctx.store.unit_of_work() as uow:
            if self._day_end is None or now >= self._day_end:
                self._rebuild(uow, now)
            learning = sorted(
                uow.reviews.learning(self._deck_ids, now, now + LEARN_AHEAD),
                key=lambda c: (c.due or now, c.card_id),
            )
            while self._queue and not uow.reviews.is_available(self._queue[0], now):
                self._queue.pop(0)
            if learning and (learning[0].due is None or learning[0].due <= now or not self._queue):
                card_id = CardId(learning[0].card_id)
            elif self._queue:
                card_id = CardId(self._queue[0])
            else:
                return None
            card = uow.cards.get(card_id)
            state = uow.cards.scheduling_state(card_id)
            counts = self._counts(uow, len(learning))
        question, answer, full = card_sides(card)
        preview = self._scheduler.preview(card_id, state, now)
        return ReviewCard(
            card=card,
            question=question,
            answer=answer,
            full_text=full,
            intervals={rating: interval_text(delta) for rating, delta in preview.items()},
            counts=counts,
        )

    def _counts(self, uow: UnitOfWork, learning: int) -> QueueCounts:
        """New and review counts of the queue; states are known from the rebuild, except for cards put back."""
        unknown = [card_id for card_id in self._queue if card_id not in self._queue_states]
        if unknown:
            self._queue_states.update(uow.cards.states(unknown))
        states = [self._queue_states[card_id] for card_id in self._queue if card_id in self._queue_states]
        new = sum(1 for s in states if s is CardState.NEW)
        return QueueCounts(new=new, learning=max(0, learning), review=len(states) - new)

    def counts(self) -> QueueCounts:
        """Cards left today: new, learning (due within the learn-ahead window), review."""
        now = self._ctx.now()
        with self._ctx.store.unit_of_work() as uow:
            if self._day_end is None or now >= self._day_end:
                self._rebuild(uow, now)
            learning = len(uow.reviews.learning(self._deck_ids, now, now + LEARN_AHEAD))
            return self._counts(uow, learning)

    def answer(self, card_id: CardId, rating: Rating, duration_ms: int = 0) -> ReviewOutcome:
        """One answer, one transaction."""
        now = self._ctx.now()
        rating = Rating(rating)
        with self._ctx.store.unit_of_work() as uow:
            card = uow.cards.get(card_id)
            if card.deck_id not in self._deck_ids:
                raise UserInputError(f"Card {card_id} is not in deck '{self.deck_name}'.")
            result = self._scheduler.review(card_id, uow.cards.scheduling_state(card_id), rating, now, duration_ms)
            _, day_end = self._day_bounds(uow, now)
            _, leech = uow.reviews.record_answer(
                card_id,
                result,
                bury_until=day_end,
                leech_threshold=self._options.leech_threshold,
                leech_suspend=self._options.leech_suspend,
            )
            uow.commit()
        if card_id in self._queue:
            self._queue.remove(card_id)
        self._undo_stack.append(card_id)
        self.summary.answered += 1
        self.summary.by_rating[rating] += 1
        self.summary.seconds += duration_ms / 1000
        assert result.after.due is not None
        return ReviewOutcome(card_id, rating, result.after.due, interval_text(result.interval), leech)

    def undo(self) -> CardId | None:
        """Take back the newest answer in the collection; the card is shown again next."""
        with self._ctx.store.unit_of_work() as uow:
            undone = uow.reviews.undo_last()
            uow.commit()
        if undone is None:
            return None
        self._queue_states.pop(undone.card_id, None)  # its state is the restored one
        if undone.card_id not in self._queue:
            self._queue.insert(0, undone.card_id)
        if self._undo_stack and self._undo_stack[-1] == undone.card_id:
            self._undo_stack.pop()
            self.summary.answered = max(0, self.summary.answered - 1)
        return undone.card_id

    def put_back(self, card_id: CardId) -> None:
        """Show this card next (after an undo or when the user edits it mid-review)."""
        if card_id in self._queue:
            self._queue.remove(card_id)
        self._queue_states.pop(card_id, None)
        self._queue.insert(0, card_id)

    def interval_preview(self, card_id: CardId) -> dict[Rating, timedelta]:
        with self._ctx.store.unit_of_work() as uow:
            state = uow.cards.scheduling_state(card_id)
        return self._scheduler.preview(card_id, state, self._ctx.now())
