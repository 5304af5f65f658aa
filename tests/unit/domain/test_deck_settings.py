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


def test_the_default_preset_reads_like_ankis() -> None:
    assert describe(DeckOptions()) == {
        "new-per-day": "20",
        "reviews-per-day": "200",
        "desired-retention": "0.90",
        "learning-steps": "1m 10m",
        "relearning-steps": "10m",
        "maximum-interval": "36500",
        "leech-threshold": "8",
        "leech-action": "suspend",
        "bury-new": "on",
        "bury-reviews": "on",
        "fuzz": "on",
    }


@pytest.mark.parametrize(
    ("assignment", "field", "value"),
    [
        ("new-per-day=0", "new_per_day", 0),
        ("new-per-day=9999", "new_per_day", 9999),
        ("reviews-per-day=0", "reviews_per_day", 0),
        ("reviews-per-day=99999", "reviews_per_day", 99999),
        ("maximum-interval=1", "maximum_interval", 1),
        ("maximum-interval=36500", "maximum_interval", 36500),
        ("leech-threshold=1", "leech_threshold", 1),
        ("leech-threshold=99", "leech_threshold", 99),
        ("desired-retention=0.70", "desired_retention", 0.70),
        ("desired-retention=99%", "desired_retention", 0.99),
        ("desired-retention=0.876", "desired_retention", 0.88),
        ("learning-steps=30s 5m", "learning_steps", (30, 300)),
        ("relearning-steps=1h", "relearning_steps", (3600,)),
        ("leech-action=SUSPEND", "leech_suspend", True),
        ("leech-action=tag", "leech_suspend", False),
        ("bury-new=on", "bury_new", True),
        ("bury-new=YES", "bury_new", True),
        ("bury-new=true", "bury_new", True),
        ("bury-new=1", "bury_new", True),
        ("bury-reviews=false", "bury_reviews", False),
        ("bury-reviews=0", "bury_reviews", False),
        ("fuzz=Off", "enable_fuzz", False),
        ("fuzz=on", "enable_fuzz", True),
    ],
)
def test_values_at_the_edges_of_each_range_are_accepted(assignment: str, field: str, value: object) -> None:
    start = DeckOptions(bury_new=False, leech_suspend=False, enable_fuzz=False)
    assert getattr(with_setting(start, assignment), field) == value


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("new-per-day=10000", "new-per-day must be between 0 and 9999."),
        ("new-per-day=-1", "new-per-day must be between 0 and 9999."),
        ("new-per-day=many", "new-per-day must be a whole number, not 'many'."),
        ("reviews-per-day=100000", "reviews-per-day must be between 0 and 99999."),
        ("maximum-interval=0", "maximum-interval must be between 1 and 36500."),
        ("maximum-interval=36501", "maximum-interval must be between 1 and 36500."),
        ("leech-threshold=0", "leech-threshold must be between 1 and 99."),
        ("leech-threshold=100", "leech-threshold must be between 1 and 99."),
        ("desired-retention=0.69", "desired-retention must be between 0.70 and 0.99."),
        ("desired-retention=1", "desired-retention must be between 0.70 and 0.99."),
        ("desired-retention=100%", "desired-retention must be between 0.70 and 0.99."),
        ("desired-retention=high", "desired-retention must be a number like 0.9 or 90%, not 'high'."),
        ("desired-retention=9X%", "desired-retention must be a number like 0.9 or 90%, not '9X%'."),
        ("bury-new=maybe", "bury-new must be on or off, not 'maybe'."),
        ("bury-reviews=2", "bury-reviews must be on or off, not '2'."),
        ("fuzz=lots", "fuzz must be on or off, not 'lots'."),
        ("leech-action=delete", "leech-action must be suspend or tag, not 'delete'."),
        ("new-per-day", "'new-per-day' is not KEY=VALUE."),
        ("=5", "'=5' is not KEY=VALUE."),
        (
            "colour=red",
            "There is no option 'colour'; the options are: new-per-day, reviews-per-day, desired-retention, "
            "learning-steps, relearning-steps, maximum-interval, leech-threshold, leech-action, bury-new, "
            "bury-reviews, fuzz.",
        ),
    ],
)
def test_bad_settings_are_refused_with_exactly_this_message(assignment: str, message: str) -> None:
    with pytest.raises(UserInputError) as refused:
        with_setting(DeckOptions(), assignment)
    assert refused.value.message == message


def test_each_key_says_what_it_sets_in_the_help() -> None:
    assert {key: setting.help for key, setting in SETTINGS.items()} == {
        "new-per-day": "new cards a day",
        "reviews-per-day": "maximum reviews a day",
        "desired-retention": "chance of recall when a card is due (0.70-0.99)",
        "learning-steps": "steps for new cards, e.g. '1m 10m'",
        "relearning-steps": "steps after Again, e.g. '10m'",
        "maximum-interval": "longest interval in days",
        "leech-threshold": "lapses that make a card a leech",
        "leech-action": "suspend or tag a leech",
        "bury-new": "bury new siblings until tomorrow",
        "bury-reviews": "bury review siblings until tomorrow",
        "fuzz": "spread review intervals a little",
    }
