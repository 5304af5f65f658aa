"""Studying: the review queue, answering, undo, and card actions (suspend, bury, forget)."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from studyapp.domain.cards import Card, CardKind, CardState
from studyapp.domain.cloze import cloze_answer, cloze_full, cloze_question
from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId, DeckId
from studyapp.domain.scheduling import CustomStudy, CustomStudyKind, DeckOptions, Rating, SchedulingState
from studyapp.domain.wording import plural, study_time
from studyapp.scheduling.fsrs_scheduler import FsrsScheduler, interval_text
from studyapp.scheduling.queue import LEARN_AHEAD, QueueCandidate, one_per_sibling_group, order_queue
from studyapp.scheduling.study_day import study_day, today_bounds
from studyapp.services.context import DEFAULT_ROLLOVER_HOUR, ROLLOVER_KEY, ServiceContext
from studyapp.services.custom_study import (
    MAX_EXTRA,
    check_amount,
    extra_new_key,
    extra_new_today,
    extra_new_value,
)
from studyapp.storage.repositories.reviews import StudyRepository


@dataclass(frozen=True, slots=True)
class QueueCounts:
    new: int
    learning: int
    review: int


class IntervalLabels(Mapping[Rating, str]):
    """The rating buttons' labels ("1m", "10m", "4d"), worked out on first use.

    They belong to the answer side, so a card that is only looked at (or
    answered without showing them, as in piped reviews) costs no preview.
    The preview is computed once, for the moment the card was fetched.
    """

    __slots__ = ("_compute", "_labels")

    def __init__(self, compute: Callable[[], dict[Rating, str]]) -> None:
        self._compute: Callable[[], dict[Rating, str]] | None = compute
        self._labels: dict[Rating, str] = {}

    def _resolved(self) -> dict[Rating, str]:
        compute = self._compute
        if compute is not None:
            self._labels = compute()
            self._compute = None
        return self._labels

    def __getitem__(self, rating: Rating) -> str:
        return self._resolved()[rating]

    def __iter__(self) -> Iterator[Rating]:
        return iter(self._resolved())

    def __len__(self) -> int:
        return len(self._resolved())

    def __repr__(self) -> str:
        return f"IntervalLabels({self._resolved()!r})"


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """A card ready to show: both sides as plain text and the label of each rating button."""

    card: Card
    question: str
    answer: str
    full_text: str
    intervals: Mapping[Rating, str]
    counts: QueueCounts


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    card_id: CardId
    rating: Rating
    next_due: datetime
    interval: str
    leech: bool


@dataclass(frozen=True, slots=True)
class SessionAnswer:
    """One answer of the session, as undo takes it back."""

    card_id: CardId
    rating: Rating
    seconds: float
    buried_siblings: tuple[CardId, ...]


@dataclass
class SessionSummary:
    answered: int = 0
    by_rating: Counter[Rating] = field(default_factory=Counter)
    seconds: float = 0.0
    buried_siblings: set[CardId] = field(default_factory=set)

    def count(self, answer: SessionAnswer) -> None:
        """An answer counts in the total, under its rating, in the study time, with the siblings it buried."""
        self.answered += 1
        self.by_rating[answer.rating] += 1
        self.seconds += answer.seconds
        self.buried_siblings.update(answer.buried_siblings)

    def take_back(self, answer: SessionAnswer) -> None:
        """An undone answer no longer counts anywhere (undo also unburies its siblings)."""
        self.answered = max(0, self.answered - 1)
        self.by_rating[answer.rating] = max(0, self.by_rating[answer.rating] - 1)
        self.seconds = max(0.0, self.seconds - answer.seconds)
        self.buried_siblings.difference_update(answer.buried_siblings)

    def describe_buried(self) -> str:
        """Siblings buried by this session's answers (the preset's bury toggles), so none vanishes silently."""
        if not self.buried_siblings:
            return ""
        return f"{plural(len(self.buried_siblings), 'related card')} buried until tomorrow."

    def describe(self) -> str:
        if not self.answered:
            return "No cards were studied."
        ratings = ", ".join(f"{r.name.title()} {self.by_rating[r]}" for r in Rating if self.by_rating[r])
        return f"Studied {plural(self.answered, 'card')} in {study_time(self.seconds)} ({ratings})."


def card_sides(card: Card) -> tuple[str, str, str]:
    """Question, answer and the full text (for the answer side) of a card."""
    if card.kind is CardKind.CLOZE:
        return cloze_question(card.front), cloze_answer(card.front), cloze_full(card.front)
    return card.front, card.back, card.back


CUSTOM_LIMIT = 9999  # cards in one custom study session, Anki's largest


class ReviewService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def start(self, deck_id: DeckId, custom: CustomStudy | None = None) -> ReviewSession:
        """Today's queue of the deck, or a custom study session (review ahead, forgotten cards)."""
        if custom is not None:
            check_amount(custom.days, "The number of days")
        return ReviewSession(self._ctx, deck_id, custom)

    def extend_new_today(self, deck_id: DeckId, amount: int) -> int:
        """Anki's "increase today's new card limit": N more new cards today in this deck; returns today's extra."""
        check_amount(amount, "The number of extra new cards")
        now = self._ctx.now()
        today = study_day(now, self._ctx.rollover_hour())
        with self._ctx.store.unit_of_work() as uow:
            uow.decks.get(deck_id)  # the deck must exist
            key = extra_new_key(deck_id)
            total = min(MAX_EXTRA, extra_new_today(uow.settings.get(key, ""), today) + amount)
            uow.settings.set(key, extra_new_value(today, total))
            uow.commit()
        return total

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


class _Queue:
    """Today's reviews and new cards in study order, with running new/review counts.

    The counts change as cards leave (answered, or found unavailable at the
    head) and come back (undo, put back), instead of being recounted on every
    step.  A card put back has an unknown state until ``resolve`` looks it up;
    a card whose state cannot be found (deleted) is not counted.
    """

    def __init__(self) -> None:
        self._order: deque[int] = deque()
        self._states: dict[int, CardState | None] = {}
        self._unknown: set[int] = set()
        self.new = 0
        self.review = 0

    def reset(self, order: list[int], states: dict[int, CardState]) -> None:
        self._order = deque(order)
        self._states = {card_id: states.get(card_id) for card_id in order}
        self._unknown = {card_id for card_id, state in self._states.items() if state is None}
        self.new = self.review = 0
        for state in self._states.values():
            self._count(state, 1)

    def _count(self, state: CardState | None, delta: int) -> None:
        if state is CardState.NEW:
            self.new += delta
        elif state is not None:
            self.review += delta

    def __bool__(self) -> bool:
        return bool(self._order)

    def __contains__(self, card_id: int) -> bool:
        return card_id in self._states

    def head(self) -> int:
        return self._order[0]

    def discard(self, card_id: int) -> None:
        if card_id not in self._states:
            return
        if self._order[0] == card_id:
            self._order.popleft()
        else:
            self._order.remove(card_id)
        self._count(self._states.pop(card_id), -1)
        self._unknown.discard(card_id)

    def forget_state(self, card_id: int) -> None:
        """The card's state changed (undo): look it up again before counting it."""
        if card_id in self._states:
            self._count(self._states[card_id], -1)
            self._states[card_id] = None
            self._unknown.add(card_id)

    def push_front(self, card_id: int) -> None:
        """Show this card next; its state is looked up by the next ``resolve``."""
        self.discard(card_id)
        self._order.appendleft(card_id)
        self._states[card_id] = None
        self._unknown.add(card_id)

    @property
    def unknown(self) -> list[int]:
        return list(self._unknown)

    def resolve(self, found: dict[int, CardState]) -> None:
        for card_id in self._unknown:
            state = found.get(card_id)
            self._states[card_id] = state
            self._count(state, 1)
        self._unknown.clear()


def _gather(
    fetch: Callable[[int], list[QueueCandidate]], limit: int, seen: set[Hashable], *, one_per_group: bool
) -> list[QueueCandidate]:
    """Up to ``limit`` candidates; with ``one_per_group`` (bury siblings) one per sibling group.

    Asks for more when siblings were left out; ``seen`` gains the sibling keys of the cards kept.
    """
    if not one_per_group:
        kept = fetch(limit)
        seen.update(key for candidate in kept for key in candidate.siblings)
        return kept
    asked = limit
    while True:
        fetched = fetch(asked)
        kept = one_per_sibling_group(fetched, set(seen))[:limit]
        if len(kept) == limit or len(fetched) < asked:
            seen.update(key for candidate in kept for key in candidate.siblings)
            return kept
        asked *= 2


class ReviewSession:
    """One sitting on one deck (with subdecks).

    The queue of reviews and new cards is built once per study day; learning
    cards are looked up on every step because they come back within minutes.
    Each answer is its own transaction: a crash loses at most that answer.
    What does not change within a study day (the day's bounds and rollover
    hour, the decks, the options and their scheduler) is worked out once.
    """

    def __init__(self, context: ServiceContext, deck_id: DeckId, custom: CustomStudy | None = None) -> None:
        self._ctx = context
        self.deck_id = deck_id
        self.custom = custom
        with context.store.unit_of_work() as uow:
            deck = uow.decks.get(deck_id)
            self.deck_name = deck.name
            self._deck_ids = uow.decks.subtree_ids(deck)
            self._options = uow.decks.options(deck.preset_id)
        self._deck_id_set = frozenset(self._deck_ids)
        self._scheduler = FsrsScheduler(self._options)
        bury = ((CardState.NEW, self._options.bury_new), (CardState.REVIEW, self._options.bury_reviews))
        self._bury_states = tuple(state for state, on in bury if on)
        self._queue = _Queue()
        self._day_end: datetime | None = None  # when the queue must be rebuilt
        self._bounds: tuple[datetime, datetime] | None = None  # the current study day, [start, end)
        self._rollover = DEFAULT_ROLLOVER_HOUR
        self._undo_stack: list[SessionAnswer] = []  # this session's answers, newest last
        self.summary = SessionSummary()

    @property
    def options(self) -> DeckOptions:
        return self._options

    def _day_bounds(self, study: StudyRepository, now: datetime) -> tuple[datetime, datetime]:
        """Today's bounds; the rollover hour is read (in this transaction) once per study day."""
        bounds = self._bounds
        if bounds is None or not bounds[0] <= now < bounds[1]:
            self._rollover = int(study.setting(ROLLOVER_KEY, str(DEFAULT_ROLLOVER_HOUR)))
            bounds = today_bounds(now, self._rollover)
            self._bounds = bounds
        return bounds

    def _rebuild(self, study: StudyRepository, now: datetime) -> None:
        day_start, day_end = self._day_bounds(study, now)
        if self.custom is not None:
            self._rebuild_custom(study, self.custom, now, day_start, day_end)
            return
        new_done, reviews_done = study.done_today(self._deck_ids, day_start)
        today = study_day(now, self._rollover)
        extra = extra_new_today(study.setting(extra_new_key(self.deck_id), ""), today)
        new_left = max(0, self._options.new_per_day + extra - new_done)
        reviews_left = max(0, self._options.reviews_per_day - reviews_done)
        seen: set[Hashable] = set()
        options = self._options
        fetch_reviews = lambda limit: study.reviews(self._deck_ids, now, day_end, limit)  # noqa: E731
        reviews = _gather(fetch_reviews, reviews_left, seen, one_per_group=options.bury_reviews)
        fetch_new = lambda limit: study.new(self._deck_ids, now, limit)  # noqa: E731
        new = _gather(fetch_new, new_left, seen, one_per_group=options.bury_new)
        order = order_queue([], reviews, new, new_limit=new_left, review_limit=reviews_left, now=now)
        self._queue.reset(order, {c.card_id: c.state for c in [*reviews, *new]})
        self._day_end = day_end

    def _rebuild_custom(
        self, study: StudyRepository, custom: CustomStudy, now: datetime, day_start: datetime, day_end: datetime
    ) -> None:
        """A custom session shows its own cards, outside today's limits, as Anki's custom study deck does."""
        if custom.kind is CustomStudyKind.REVIEW_AHEAD:
            fetch = lambda limit: study.ahead(  # noqa: E731
                self._deck_ids, day_end, day_end + timedelta(days=custom.days), limit
            )
        else:
            since = day_start - timedelta(days=custom.days - 1)
            fetch = lambda limit: study.forgotten(self._deck_ids, now, since, limit)  # noqa: E731
        cards = _gather(fetch, CUSTOM_LIMIT, set(), one_per_group=self._options.bury_reviews)
        self._queue.reset([c.card_id for c in cards], {c.card_id: c.state for c in cards})
        self._day_end = day_end

    def next_card(self) -> ReviewCard | None:
        """The card to show now, or None when the deck is done for today."""
        now = self._ctx.now()
        queue = self._queue
        with self._ctx.store.connection_work() as work:
            study = work.study
            if self._day_end is None or now >= self._day_end:
                self._rebuild(study, now)
            learning = study.due_learning(self._deck_ids, now, now + LEARN_AHEAD)
            head = None
            while queue:
                head = study.study_card(queue.head(), now)
                if head is not None and head.available:
                    break
                queue.discard(queue.head())
                head = None
            shown = head
            if learning.first is not None and (learning.first_due is None or learning.first_due <= now or not queue):
                shown = study.study_card(learning.first, now)
            if shown is None:
                return None
            counts = self._counts(study, learning.count)
        card, state = shown.card, shown.state
        question, answer, full = card_sides(card)
        return ReviewCard(
            card=card,
            question=question,
            answer=answer,
            full_text=full,
            intervals=IntervalLabels(lambda: self._labels(card.id, state, now)),
            counts=counts,
        )

    def learning_later(self) -> str:
        """When today's remaining (re)learning cards come back, for the end screen; empty if none do."""
        now = self._ctx.now()
        with self._ctx.store.connection_work() as work:
            _, day_end = self._day_bounds(work.study, now)
            learning = work.study.due_learning(self._deck_ids, now, day_end)
        if learning.first_due is None:
            return ""
        wait = interval_text(max(learning.first_due - now, timedelta(0)))
        verb = "comes" if learning.count == 1 else "come"
        return f"{plural(learning.count, 'learning card')} {verb} back later today, the first in {wait}."

    def _labels(self, card_id: CardId, state: SchedulingState, now: datetime) -> dict[Rating, str]:
        preview = self._scheduler.preview(card_id, state, now)
        return {rating: interval_text(delta) for rating, delta in preview.items()}

    def _counts(self, study: StudyRepository, learning: int) -> QueueCounts:
        """New and review counts of the queue; kept up to date as cards come and go, except for cards put back."""
        unknown = self._queue.unknown
        if unknown:
            self._queue.resolve(study.states(unknown))
        return QueueCounts(new=self._queue.new, learning=max(0, learning), review=self._queue.review)

    def counts(self) -> QueueCounts:
        """Cards left today: new, learning (due within the learn-ahead window), review."""
        now = self._ctx.now()
        with self._ctx.store.connection_work() as work:
            if self._day_end is None or now >= self._day_end:
                self._rebuild(work.study, now)
            learning = work.study.due_learning(self._deck_ids, now, now + LEARN_AHEAD)
            return self._counts(work.study, learning.count)

    def answer(self, card_id: CardId, rating: Rating, duration_ms: int = 0) -> ReviewOutcome:
        """One answer, one transaction: read the state, write the card and its log row, commit."""
        now = self._ctx.now()
        rating = Rating(rating)
        with self._ctx.store.connection_work() as work:
            deck_id, state = work.study.answer_state(card_id)
            if deck_id not in self._deck_id_set:
                raise UserInputError(f"Card {card_id} is not in deck '{self.deck_name}'.")
            result = self._scheduler.review(card_id, state, rating, now, duration_ms)
            _, day_end = self._day_bounds(work.study, now)
            recorded = work.study.record_answer(
                card_id,
                result,
                bury_until=day_end,
                bury_states=self._bury_states,
                leech_threshold=self._options.leech_threshold,
                leech_suspend=self._options.leech_suspend,
            )
            work.commit()
        self._queue.discard(card_id)
        answered = SessionAnswer(card_id, rating, duration_ms / 1000, recorded.buried_siblings)
        self._undo_stack.append(answered)
        self.summary.count(answered)
        assert result.after.due is not None
        return ReviewOutcome(card_id, rating, result.after.due, interval_text(result.interval), recorded.leech)

    def undo(self) -> CardId | None:
        """Take back the newest answer in the collection; the card is shown again next."""
        with self._ctx.store.unit_of_work() as uow:
            undone = uow.reviews.undo_last()
            uow.commit()
        if undone is None:
            return None
        if undone.card_id in self._queue:
            self._queue.forget_state(undone.card_id)  # its state is the restored one
        else:
            self._queue.push_front(undone.card_id)
        if self._undo_stack and self._undo_stack[-1].card_id == undone.card_id:
            self.summary.take_back(self._undo_stack.pop())
        return undone.card_id

    def put_back(self, card_id: CardId) -> None:
        """Show this card next (after an undo or when the user edits it mid-review)."""
        self._queue.push_front(card_id)
