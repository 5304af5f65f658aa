"""Cloze split and join: a note's text taken apart per card and put back exactly."""

from __future__ import annotations

from studyapp.domain.cloze import join_cloze, single_deletion, split_cloze

NOTE = "Paris is the capital of {{c1::France}} since {{c2::508::a year}}."


def test_single_deletion_makes_that_number_c1_and_fills_in_the_others() -> None:
    assert single_deletion(NOTE, 2) == "Paris is the capital of France since {{c1::508::a year}}."
    assert single_deletion(NOTE, 1) == "Paris is the capital of {{c1::France}} since 508."


def test_split_then_join_gives_the_note_back() -> None:
    first = split_cloze(single_deletion(NOTE, 1))
    second = split_cloze(single_deletion(NOTE, 2))
    assert first[0] == second[0] == "Paris is the capital of France since 508."
    deletions = [(span, 1) for span in first[1]] + [(span, 2) for span in second[1]]
    assert join_cloze(first[0], deletions) == NOTE


def test_text_without_deletions_splits_into_itself() -> None:
    assert split_cloze("No deletion here.") == ("No deletion here.", [])
