"""Deck options as KEY=VALUE text: every key, its checks, and what it shows."""

from __future__ import annotations

import pytest

from studyapp.domain.deck_settings import SETTINGS, describe, with_setting
from studyapp.domain.errors import UserInputError
from studyapp.domain.scheduling import DeckOptions


def test_each_key_changes_its_option() -> None:
    options = DeckOptions()
    for assignment in (
        "new-per-day=35",
        "reviews-per-day=500",
        "desired-retention=85%",
        "learning-steps=2m 15m 1h",
        "relearning-steps=5m",
        "maximum-interval=365",
        "leech-threshold=5",
        "leech-action=tag",
        "bury-new=off",
        "Bury-Reviews = no",
        "fuzz=off",
    ):
        options = with_setting(options, assignment)
    assert describe(options) == {
        "new-per-day": "35",
        "reviews-per-day": "500",
        "desired-retention": "0.85",
        "learning-steps": "2m 15m 1h",
        "relearning-steps": "5m",
        "maximum-interval": "365",
        "leech-threshold": "5",
        "leech-action": "tag",
        "bury-new": "off",
        "bury-reviews": "off",
        "fuzz": "off",
    }
    assert list(describe(DeckOptions())) == list(SETTINGS)


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("new-per-day=-1", "between 0 and 9999"),
        ("new-per-day=many", "whole number"),
        ("desired-retention=0.5", "between 0.70 and 0.99"),
        ("learning-steps=soon", "not a step"),
        ("leech-action=delete", "suspend or tag"),
        ("bury-new=maybe", "on or off"),
        ("colour=red", "There is no option 'colour'"),
        ("new-per-day", "is not KEY=VALUE"),
    ],
)
def test_bad_settings_are_refused_with_the_reason(assignment: str, message: str) -> None:
    with pytest.raises(UserInputError, match=message):
        with_setting(DeckOptions(), assignment)
