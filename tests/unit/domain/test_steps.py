"""Learning steps as people write them, in seconds, and back."""

from __future__ import annotations

import pytest

from studyapp.domain.errors import UserInputError
from studyapp.domain.steps import format_steps, parse_steps


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1m 10m 1h 1d", (60, 600, 3600, 86400)),
        ("10", (600,)),  # a bare number is minutes, as in Anki
        ("30s", (30,)),
        ("1.5m", (90,)),
        ("2H, 3D", (7200, 259200)),  # commas and capitals are fine
        ("  ", ()),
    ],
)
def test_steps_are_read_in_seconds(text: str, seconds: tuple[int, ...]) -> None:
    assert parse_steps(text) == seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("soon", "'soon' is not a step; write steps like 1m 10m 1h 1d."),
        ("1m 10x", "'10x' is not a step; write steps like 1m 10m 1h 1d."),
        ("1m -5m", "'-5m' is not a step; write steps like 1m 10m 1h 1d."),
        ("0m", "Steps must be longer than zero."),
        ("0.4s", "Steps must be longer than zero."),  # rounds to no time at all
    ],
)
def test_bad_steps_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(UserInputError) as refused:
        parse_steps(text)
    assert refused.value.message == message


def test_steps_are_written_in_the_largest_whole_unit() -> None:
    assert format_steps((60, 600, 3600, 86400, 172800, 5400, 90, 45)) == "1m 10m 1h 1d 2d 90m 90s 45s"
    assert format_steps(()) == ""


def test_written_steps_read_back_to_the_same_seconds() -> None:
    steps = (1, 59, 60, 61, 3599, 3600, 7260, 86399, 86400, 90000)
    assert parse_steps(format_steps(steps)) == steps
