"""Learning steps as people write them ("1m 10m 1h"), and back: one home for the CLI and the window."""

from __future__ import annotations

import re

from studyapp.domain.errors import UserInputError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_STEP_RE = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")


def parse_steps(text: str) -> tuple[int, ...]:
    """``"1m 10m"`` → seconds; a bare number means minutes, like Anki."""
    steps: list[int] = []
    for token in text.replace(",", " ").split():
        match = _STEP_RE.match(token.strip().lower())
        if match is None:
            raise UserInputError(f"'{token}' is not a step; write steps like 1m 10m 1h 1d.")
        seconds = round(float(match.group(1)) * _UNITS[match.group(2) or "m"])
        if seconds <= 0:
            raise UserInputError("Steps must be longer than zero.")
        steps.append(seconds)
    return tuple(steps)


def format_steps(steps: tuple[int, ...]) -> str:
    parts = []
    for seconds in steps:
        for unit in ("d", "h", "m"):
            if seconds % _UNITS[unit] == 0:
                parts.append(f"{seconds // _UNITS[unit]}{unit}")
                break
        else:
            parts.append(f"{seconds}s")
    return " ".join(parts)
