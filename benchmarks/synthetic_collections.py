"""Big synthetic collections for benchmarks, built in seconds.

``synthetic_cards`` describes the cards (seeded, so the same plan can be
written into an Anki collection too); ``build_collection`` writes them into a
StudyApp collection through the storage layer with bulk inserts, in one
transaction.  Reviewed cards get FSRS memory states, a last review and one
history row; ``due_fraction`` of them are due now.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from studyapp.domain.cards import CardState
from studyapp.domain.scheduling import DeckOptions, SchedulingState
from studyapp.storage.convert import state_to_json
from studyapp.storage.records import CardRecord, ReviewRecord
from studyapp.storage.store import Store

CHUNK = 10_000
DECK = "Bench"


@dataclass(frozen=True, slots=True)
class SyntheticCard:
    """One card of the plan; ``state`` is NEW or REVIEW."""

    index: int
    deck: str
    front: str
    back: str
    state: CardState
    due: datetime | None = None
    last_review: datetime | None = None
    stability: float | None = None
    difficulty: float | None = None
    reps: int = 0
    lapses: int = 0


def synthetic_cards(
    cards: int = 100_000,
    *,
    reviewed_fraction: float = 0.6,
    due_fraction: float = 0.05,
    subdecks: int = 10,
    seed: int = 0,
    now: datetime | None = None,
) -> list[SyntheticCard]:
    """A deterministic plan: ``reviewed_fraction`` of the cards in review, ``due_fraction`` of those due now."""
    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    plan = []
    for index in range(cards):
        deck = f"{DECK}::Part {index % subdecks}"
        front, back = f"Synthetic question {index}: what is {index} squared?", f"{index * index}"
        if rng.random() >= reviewed_fraction:
            plan.append(SyntheticCard(index, deck, front, back, CardState.NEW))
            continue
        interval = max(1, round(rng.lognormvariate(2.5, 1.0)))
        if rng.random() < due_fraction:
            due = now - timedelta(days=rng.randint(0, 5), hours=rng.randint(1, 12))
        else:
            due = now + timedelta(days=rng.randint(1, max(1, interval)), hours=rng.randint(0, 12))
        plan.append(
            SyntheticCard(
                index,
                deck,
                front,
                back,
                CardState.REVIEW,
                due=due,
                last_review=due - timedelta(days=interval),
                stability=interval * rng.uniform(0.8, 1.2),
                difficulty=rng.uniform(2.0, 9.0),
                reps=rng.randint(2, 12),
                lapses=rng.choice((0, 0, 0, 1, 2)),
            )
        )
    return plan


def build_collection(path: Path, plan: Sequence[SyntheticCard], options: DeckOptions | None = None) -> None:
    """Write ``plan`` into a new collection at ``path`` (which must not exist)."""
    if path.exists():
        raise FileExistsError(path)
    store = Store.open(path)
    try:
        created = datetime(2024, 1, 1, tzinfo=UTC)
        with store.unit_of_work() as uow:
            deck_ids = {name: uow.decks.get_or_create(name, created).id for name in sorted({c.deck for c in plan})}
            root = uow.decks.get_or_create(DECK, created)
            uow.decks.save_options(root.preset_id, options or DeckOptions())
            uow.flush()
            for start in range(0, len(plan), CHUNK):
                chunk = plan[start : start + CHUNK]
                uow.session.execute(insert(CardRecord), [_card_row(c, deck_ids[c.deck], created) for c in chunk])
            reviews = [_review_row(c) for c in plan if c.state is CardState.REVIEW]
            for start in range(0, len(reviews), CHUNK):
                uow.session.execute(insert(ReviewRecord), reviews[start : start + CHUNK])
            uow.commit()
    finally:
        store.close()


def _card_row(card: SyntheticCard, deck_id: int, created: datetime) -> dict[str, object]:
    return {
        "id": card.index + 1,
        "guid": uuid.UUID(int=card.index).hex,
        "deck_id": deck_id,
        "kind": "basic",
        "front": card.front,
        "back": card.back,
        "source_sentence": "",
        "fact": "",
        "tags": "",
        "position": card.index,
        "created": created,
        "modified": created,
        "suspended": False,
        "state": int(card.state),
        "step": None,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due,
        "last_review": card.last_review,
        "reps": card.reps,
        "lapses": card.lapses,
    }


def _review_row(card: SyntheticCard) -> dict[str, object]:
    """The card's latest answer (Good), so history-based queries see realistic tables."""
    assert card.last_review is not None
    after = SchedulingState(
        state=CardState.REVIEW,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reps=card.reps,
        lapses=card.lapses,
    )
    before = {**json.loads(state_to_json(after)), "tags": "", "suspended": False, "buried_siblings": []}
    return {
        "card_id": card.index + 1,
        "reviewed_at": card.last_review,
        "rating": 3,
        "prior_state": int(CardState.REVIEW),
        "duration_ms": 8000,
        "state_before": json.dumps(before, sort_keys=True),
        "state_after": state_to_json(after),
    }
