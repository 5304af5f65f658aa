"""Records ↔ domain objects; the only place that knows both shapes."""

from __future__ import annotations

import json
from datetime import datetime

from studyapp.domain.cards import Card, CardKind, CardState, Rewrite
from studyapp.domain.ids import CardId, DeckId, SourceId
from studyapp.domain.scheduling import DeckOptions, SchedulingState
from studyapp.storage.records import CardRecord, PresetRecord
from studyapp.storage.types import from_millis, to_millis


def split_tags(tags: str) -> tuple[str, ...]:
    return tuple(tags.split())


def join_tags(tags: tuple[str, ...] | list[str]) -> str:
    """Anki's convention: space-separated, with surrounding spaces for exact LIKE matching."""
    unique = sorted({t.strip() for t in tags if t.strip()}, key=str.lower)
    return f" {' '.join(unique)} " if unique else ""


def rewrites_to_json(rewrites: tuple[Rewrite, ...]) -> str:
    """Empty for a card that changed nothing (most cards): no JSON to store or parse."""
    if not rewrites:
        return ""
    return json.dumps(
        [{"original": r.original, "replacement": r.replacement, "evidence": r.evidence} for r in rewrites],
        ensure_ascii=False,
    )


def rewrites_from_json(text: str) -> tuple[Rewrite, ...]:
    if not text:
        return ()
    return tuple(Rewrite(item["original"], item["replacement"], item.get("evidence", "")) for item in json.loads(text))


def card_from_record(record: CardRecord, deck_name: str = "") -> Card:
    return Card(
        id=CardId(record.id),
        deck_id=DeckId(record.deck_id),
        kind=CardKind(record.kind),
        front=record.front,
        back=record.back,
        source_sentence=record.source_sentence,
        source_start=record.source_start,
        source_end=record.source_end,
        source_id=SourceId(record.source_id) if record.source_id is not None else None,
        tags=split_tags(record.tags),
        guid=record.guid,
        created=record.created,
        modified=record.modified,
        fact=record.fact,
        suspended=record.suspended,
        state=CardState(record.state),
        due=record.due,
        position=record.position,
        lapses=record.lapses,
        reps=record.reps,
        stability=record.stability,
        difficulty=record.difficulty,
        last_review=record.last_review,
        deck_name=deck_name,
        context=record.context,
        rewrites=rewrites_from_json(record.rewrites),
    )


def state_from_record(record: CardRecord) -> SchedulingState:
    return SchedulingState(
        state=CardState(record.state),
        step=record.step,
        stability=record.stability,
        difficulty=record.difficulty,
        due=record.due,
        last_review=record.last_review,
        reps=record.reps,
        lapses=record.lapses,
    )


def apply_state(record: CardRecord, state: SchedulingState) -> None:
    record.state = int(state.state)
    record.step = state.step
    record.stability = state.stability
    record.difficulty = state.difficulty
    record.due = state.due
    record.last_review = state.last_review
    record.reps = state.reps
    record.lapses = state.lapses


def _millis(moment: datetime | None) -> int | None:
    return None if moment is None else to_millis(moment)


StateColumns = tuple[int, int | None, float | None, float | None, int | None, int | None, int, int]


def state_columns(state: SchedulingState) -> StateColumns:
    """The card's scheduling columns (state, step, stability, difficulty, due, last_review, reps, lapses) in
    that order, as the plain-SQL writers (answering, importing with a schedule) bind them."""
    return (
        int(state.state),
        state.step,
        state.stability,
        state.difficulty,
        _millis(state.due),
        _millis(state.last_review),
        state.reps,
        state.lapses,
    )


def state_to_json(state: SchedulingState) -> str:
    """Exact, lossless text form kept in the review log, so undo restores byte-for-byte."""
    return json.dumps(
        {
            "state": int(state.state),
            "step": state.step,
            "stability": state.stability,
            "difficulty": state.difficulty,
            "due": _millis(state.due),
            "last_review": _millis(state.last_review),
            "reps": state.reps,
            "lapses": state.lapses,
        },
        sort_keys=True,
    )


def state_from_json(text: str) -> SchedulingState:
    data = json.loads(text)
    return SchedulingState(
        state=CardState(data["state"]),
        step=data["step"],
        stability=data["stability"],
        difficulty=data["difficulty"],
        due=from_millis(data["due"]) if data["due"] is not None else None,
        last_review=from_millis(data["last_review"]) if data["last_review"] is not None else None,
        reps=data["reps"],
        lapses=data["lapses"],
    )


def _steps(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split())


def options_from_record(record: PresetRecord) -> DeckOptions:
    return DeckOptions(
        desired_retention=record.desired_retention,
        learning_steps=_steps(record.learning_steps),
        relearning_steps=_steps(record.relearning_steps),
        maximum_interval=record.maximum_interval,
        enable_fuzz=record.enable_fuzz,
        new_per_day=record.new_per_day,
        reviews_per_day=record.reviews_per_day,
        leech_threshold=record.leech_threshold,
        leech_suspend=record.leech_suspend,
        fsrs_parameters=tuple(float(part) for part in record.fsrs_parameters.split()),
        bury_new=record.bury_new,
        bury_reviews=record.bury_reviews,
    )


def apply_options(record: PresetRecord, options: DeckOptions) -> None:
    record.desired_retention = options.desired_retention
    record.learning_steps = " ".join(str(s) for s in options.learning_steps)
    record.relearning_steps = " ".join(str(s) for s in options.relearning_steps)
    record.maximum_interval = options.maximum_interval
    record.enable_fuzz = options.enable_fuzz
    record.new_per_day = options.new_per_day
    record.reviews_per_day = options.reviews_per_day
    record.leech_threshold = options.leech_threshold
    record.leech_suspend = options.leech_suspend
    record.fsrs_parameters = " ".join(repr(w) for w in options.fsrs_parameters)
    record.bury_new = options.bury_new
    record.bury_reviews = options.bury_reviews
