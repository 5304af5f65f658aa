"""Values other programs read: card types as Anki numbers them, ratings as FSRS and Anki's log do."""

from __future__ import annotations

import anki.consts
import fsrs

from studyapp.domain.cards import CardState
from studyapp.domain.scheduling import CustomStudy, CustomStudyKind, Rating, SchedulingState


def test_card_states_are_ankis_card_types() -> None:
    assert [int(state) for state in CardState] == [
        anki.consts.CARD_TYPE_NEW,
        anki.consts.CARD_TYPE_LRN,
        anki.consts.CARD_TYPE_REV,
        anki.consts.CARD_TYPE_RELEARNING,
    ]


def test_ratings_are_fsrss_and_ankis_answer_buttons() -> None:
    assert [int(rating) for rating in Rating] == [
        fsrs.Rating.Again,
        fsrs.Rating.Hard,
        fsrs.Rating.Good,
        fsrs.Rating.Easy,
    ]  # and Anki's revlog ease: 1 Again .. 4 Easy


def test_a_card_never_studied_has_an_empty_schedule() -> None:
    state = SchedulingState()
    assert (state.state, state.step, state.stability, state.difficulty) == (CardState.NEW, None, None, None)
    assert (state.due, state.last_review, state.reps, state.lapses) == (None, None, 0, 0)


def test_a_custom_study_session_names_its_kind_and_days() -> None:
    session = CustomStudy(CustomStudyKind.FORGOTTEN, 3)
    assert (session.kind, session.days) == (CustomStudyKind.FORGOTTEN, 3)
    assert {kind.name for kind in CustomStudyKind} == {"REVIEW_AHEAD", "FORGOTTEN"}
