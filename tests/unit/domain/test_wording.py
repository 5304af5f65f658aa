"""Phrases shown in the window and the terminal alike."""

from __future__ import annotations

import pytest

from studyapp.domain.cards import Rewrite
from studyapp.domain.wording import plural, rewrite_note, study_time


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "under a minute"), (59, "under a minute"), (60, "1 minute"), (89, "1 minute"), (150, "2 minutes")],
)
def test_study_time_reads_like_a_person_would_say_it(seconds: float, text: str) -> None:
    assert study_time(seconds) == text


def test_plural_counts_one_and_many() -> None:
    assert [plural(n, "card") for n in (0, 1, 2)] == ["0 cards", "1 card", "2 cards"]


def test_a_rewrite_says_what_it_replaced_and_where_the_replacement_came_from() -> None:
    rewrite = Rewrite("It", "The James Webb Space Telescope", "The James Webb Space Telescope launched in 2021.")
    assert rewrite_note(rewrite) == (
        "“The James Webb Space Telescope” was “It” — from: The James Webb Space Telescope launched in 2021."
    )
    assert rewrite_note(Rewrite("it", "the dog")) == "“the dog” was “it”"
