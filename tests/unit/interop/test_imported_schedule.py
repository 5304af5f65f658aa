"""Anki card rows as our card state: cards Anki scheduled without FSRS, damaged values, due days in time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from studyapp.anki.collection_reader import AnkiCard, CollectionContent
from studyapp.anki.schedule import ScheduleReader, imported_schedule
from studyapp.domain.cards import CardState
from studyapp.scheduling.study_day import study_day

CREATED = int(datetime(2026, 1, 1, 4, tzinfo=UTC).timestamp())  # col.crt: 4 a.m. on Anki's day 0


def _reader() -> ScheduleReader:
    return ScheduleReader(CollectionContent(created=CREATED), rollover_hour=4)


def _review(**changes: object) -> AnkiCard:
    values: dict[str, object] = {
        "id": 1, "type": 2, "queue": 2, "due": 40, "ivl": 20, "factor": 2500, "reps": 6, "lapses": 1, "left": 0,
        "data": "",
    }  # fmt: skip
    values.update(changes)
    return AnkiCard(**values)  # type: ignore[arg-type]


def test_a_review_card_without_fsrs_gets_the_memory_state_anki_would_derive() -> None:
    schedule = imported_schedule(_review(), _reader())
    state = schedule.state
    assert state.state is CardState.REVIEW and (state.reps, state.lapses) == (6, 1)
    assert state.stability == pytest.approx(20, rel=0.05)  # an SM-2 interval at 90% retention is its stability
    assert state.difficulty is not None and 1 <= state.difficulty <= 10
    assert state.due is not None and study_day(state.due) == study_day(datetime(2026, 2, 10, 12, tzinfo=UTC))
    assert state.last_review is not None and (state.due - state.last_review).days == 20


@pytest.mark.parametrize("data", ['{"s": "x", "d": 5}', '{"s": NaN, "d": 5}', '{"s": 1e999, "d": 5}', "[1]", "{"])
def test_a_damaged_memory_state_is_derived_again_instead(data: str) -> None:
    assert imported_schedule(_review(data=data), _reader()).state.stability == pytest.approx(20, rel=0.05)


def test_absurd_due_days_stay_within_dates() -> None:
    state = imported_schedule(_review(due=2**40, ivl=2**40), _reader()).state
    assert state.due is not None and state.due.year < 2400


def test_suspended_and_buried_new_cards_keep_only_that() -> None:
    suspended = imported_schedule(_review(type=0, queue=-1), _reader())
    buried = imported_schedule(_review(type=0, queue=-2), _reader())
    assert (suspended.suspended, suspended.buried, suspended.state.state) == (True, False, CardState.NEW)
    assert (buried.suspended, buried.buried, buried.state.due) == (False, True, None)
