"""Big synthetic collections for benchmarks, built in seconds, the same cards for StudyApp and Anki.

``synthetic_cards`` describes the cards (seeded, so the same plan can be
written into an Anki collection too); ``build_collection`` writes them into a
StudyApp collection through the storage layer with bulk inserts, in one
transaction.

Two styles of card:

- ``plain``: imported cards, one per note, no source and no siblings;
- ``generated``: cards made from articles, each with its source article and
  sentence; the cards of one sentence (one to four) are siblings, as the
  cards of one note are in Anki (``build_anki`` writes each sentence as a
  Cloze note with one deletion per card).

With ``history`` some cards are in review with FSRS memory states, a last
review and one history row, ``due_fraction`` of them due today.  Due dates
are whole study days from today's start (``due_day``), so the queue is the
same whatever the time of day, and every last review is before today, so no
daily limit is used up before the benchmark starts.
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from sqlalchemy import insert

from studyapp.domain.cards import CardState
from studyapp.domain.scheduling import DeckOptions, SchedulingState
from studyapp.storage.convert import state_to_json
from studyapp.storage.records import CardRecord, ReviewRecord, SourceRecord
from studyapp.storage.store import Store

CHUNK = 10_000
DECK = "Bench"
CARDS_PER_SOURCE = 200
DUE_HOUR = timedelta(hours=1)  # a due card is due one hour into its study day
Style = Literal["plain", "generated"]


@dataclass(frozen=True, slots=True)
class SyntheticCard:
    """One card of the plan; ``state`` is NEW or REVIEW.

    ``note`` groups siblings (one Anki note); ``source`` is the article a
    generated card comes from (None for plain cards).  ``due_day`` counts
    study days from today (0 or less: due today); ``interval`` is the days
    from the last review to ``due_day``.
    """

    index: int
    deck: str
    front: str
    back: str
    state: CardState
    note: int
    source: int | None = None
    sentence: int | None = None
    due_day: int | None = None
    interval: int = 0
    stability: float | None = None
    difficulty: float | None = None
    reps: int = 0
    lapses: int = 0

    @property
    def fact(self) -> str:
        return "" if self.source is None else f"fact {self.source}.{self.sentence}"


def synthetic_cards(
    cards: int = 100_000,
    *,
    style: Style = "plain",
    history: bool = True,
    reviewed_fraction: float = 0.6,
    due_fraction: float = 0.05,
    subdecks: int = 10,
    seed: int = 0,
) -> list[SyntheticCard]:
    """A deterministic plan of ``cards`` cards spread over ``subdecks`` subdecks of ``DECK``.

    Siblings (the cards of one note) share a deck and a scheduling state, so
    that both apps see the same sibling groups in the same queues.
    """
    rng = random.Random(seed)
    plan: list[SyntheticCard] = []
    note = 0
    while len(plan) < cards:
        size = 1 if style == "plain" else min(rng.choice((1, 1, 2, 2, 3, 4)), cards - len(plan))
        deck = f"{DECK}::Part {note % subdecks}"
        source = None if style == "plain" else len(plan) // CARDS_PER_SOURCE
        reviewed = history and rng.random() < reviewed_fraction
        state, due_day, interval, stability, difficulty, reps, lapses = CardState.NEW, None, 0, None, None, 0, 0
        if reviewed:
            state, interval = CardState.REVIEW, max(2, round(rng.lognormvariate(2.5, 1.0)))
            due_day = -rng.randint(0, 5) if rng.random() < due_fraction else rng.randint(1, interval - 1)
            stability, difficulty = interval * rng.uniform(0.8, 1.2), rng.uniform(2.0, 9.0)
            reps, lapses = rng.randint(2, 12), rng.choice((0, 0, 0, 1, 2))
        for _ in range(size):
            index = len(plan)
            front, back = f"Synthetic question {index}: what is {index} squared?", f"{index * index}"
            sentence = None if source is None else note
            card = SyntheticCard(index, deck, front, back, state, note, source, sentence, due_day, interval)
            plan.append(replace(card, stability=stability, difficulty=difficulty, reps=reps, lapses=lapses))
        note += 1
    return plan


def queue_mix(plan: Sequence[SyntheticCard]) -> tuple[int, int]:
    """(new, review due today) that a queue with lifted limits shows: one card per sibling group and queue."""
    new = len({c.note for c in plan if c.state is CardState.NEW})
    due = len({c.note for c in plan if c.due_day is not None and c.due_day <= 0})
    return new, due


def build_collection(
    path: Path,
    plan: Sequence[SyntheticCard],
    options: DeckOptions | None = None,
    *,
    day_start: datetime | None = None,
) -> None:
    """Write ``plan`` into a new collection at ``path`` (which must not exist).

    ``day_start`` is when today's study day began (UTC); due days count from it.
    """
    if path.exists():
        raise FileExistsError(path)
    day_start = day_start or datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    store = Store.open(path)
    try:
        created = datetime(2024, 1, 1, tzinfo=UTC)
        with store.unit_of_work() as uow:
            deck_ids = {name: uow.decks.get_or_create(name, created).id for name in sorted({c.deck for c in plan})}
            root = uow.decks.get_or_create(DECK, created)
            uow.decks.save_options(root.preset_id, options or DeckOptions())
            uow.flush()
            sources = sorted({c.source for c in plan if c.source is not None})
            if sources:
                uow.session.execute(insert(SourceRecord), [_source_row(s, created) for s in sources])
            for start in range(0, len(plan), CHUNK):
                chunk = plan[start : start + CHUNK]
                uow.session.execute(
                    insert(CardRecord), [_card_row(c, deck_ids[c.deck], created, day_start) for c in chunk]
                )
            reviews = [_review_row(c, day_start) for c in plan if c.state is CardState.REVIEW]
            for start in range(0, len(reviews), CHUNK):
                uow.session.execute(insert(ReviewRecord), reviews[start : start + CHUNK])
            uow.commit()
    finally:
        store.close()


def _source_row(source: int, created: datetime) -> dict[str, object]:
    text = f"Synthetic article {source}. " * 50
    return {
        "id": source + 1,
        "title": f"Article {source}",
        "text": text,
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
        "origin": "",
        "published": None,
        "imported_at": created,
    }


def _due(card: SyntheticCard, day_start: datetime) -> tuple[datetime, datetime] | tuple[None, None]:
    """(due, last review) as instants: one hour into the due study day, ``interval`` days after the last review."""
    if card.due_day is None:
        return None, None
    due = day_start + timedelta(days=card.due_day) + DUE_HOUR
    return due, due - timedelta(days=card.interval)


def _card_row(card: SyntheticCard, deck_id: int, created: datetime, day_start: datetime) -> dict[str, object]:
    due, last_review = _due(card, day_start)
    sentence_start = None if card.sentence is None else card.sentence * 40
    return {
        "id": card.index + 1,
        "guid": uuid.UUID(int=card.index).hex,
        "deck_id": deck_id,
        "source_id": None if card.source is None else card.source + 1,
        "kind": "basic",
        "front": card.front,
        "back": card.back,
        "source_sentence": "" if card.source is None else f"Sentence {card.sentence} of article {card.source}.",
        "source_start": sentence_start,
        "source_end": None if sentence_start is None else sentence_start + 30,
        "fact": card.fact,
        "tags": "",
        "position": card.index,
        "created": created,
        "modified": created,
        "suspended": False,
        "state": int(card.state),
        "step": None,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": due,
        "last_review": last_review,
        "reps": card.reps,
        "lapses": card.lapses,
    }


def _review_row(card: SyntheticCard, day_start: datetime) -> dict[str, object]:
    """The card's latest answer (Good, before today), so history-based queries see realistic tables."""
    due, last_review = _due(card, day_start)
    assert last_review is not None and last_review < day_start
    after = SchedulingState(
        state=CardState.REVIEW,
        stability=card.stability,
        difficulty=card.difficulty,
        due=due,
        last_review=last_review,
        reps=card.reps,
        lapses=card.lapses,
    )
    before = {**json.loads(state_to_json(after)), "tags": "", "suspended": False, "buried_siblings": []}
    return {
        "card_id": card.index + 1,
        "reviewed_at": last_review,
        "rating": 3,
        "prior_state": int(CardState.REVIEW),
        "duration_ms": 8000,
        "state_before": json.dumps(before, sort_keys=True),
        "state_after": state_to_json(after),
    }
