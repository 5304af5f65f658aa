"""Anki's cloze syntax rendered as the question, the answer and the full sentence; split and joined per card."""

from __future__ import annotations

from studyapp.domain.cloze import (
    cloze_answer,
    cloze_full,
    cloze_ordinals,
    cloze_question,
    join_cloze,
    make_cloze,
    single_deletion,
    split_cloze,
)

TEXT = "{{c1::Canberra}} is the capital of {{c2::Australia::a country}}, not {{c1::Sydney}}."


def test_the_question_hides_the_active_deletions_and_shows_the_others() -> None:
    assert cloze_question(TEXT) == "[...] is the capital of Australia, not [...]."
    assert cloze_question(TEXT, 2) == "Canberra is the capital of [a country], not Sydney."


def test_the_answer_is_the_active_deletions_joined() -> None:
    assert cloze_answer(TEXT) == "Canberra, Sydney"
    assert cloze_answer(TEXT, 2) == "Australia"
    assert cloze_answer(TEXT, 3) == ""


def test_the_full_sentence_fills_every_deletion_without_hints() -> None:
    assert cloze_full(TEXT) == "Canberra is the capital of Australia, not Sydney."


def test_ordinals_are_listed_once_in_order() -> None:
    assert cloze_ordinals("{{c3::a}} {{c1::b}} {{c3::c}} {{c10::d}}") == [1, 3, 10]
    assert cloze_ordinals("no deletions") == []


def test_a_deletion_may_span_lines() -> None:
    assert cloze_question("{{c1::two\nlines}} here") == "[...] here"


def test_make_cloze_wraps_the_span_and_keeps_braces_literal() -> None:
    assert make_cloze("Water boils at 100 degrees.", 15, 18) == "Water boils at {{c1::100}} degrees."
    assert make_cloze("Sets {a} and {b}", 5, 8, ordinal=2) == "Sets {{c2::{a}}} and {b}"


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
