"""Values other programs read: card types as Anki numbers them, ratings as FSRS and Anki's log do."""

from __future__ import annotations

import anki.consts
import fsrs

from studyapp.domain.cards import CardState
from studyapp.domain.scheduling import Rating


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
