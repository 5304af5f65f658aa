"""Deterministic interval fuzz, so a preview and the real answer agree.

py-fsrs fuzzes with the unseeded global ``random()``, which would make the
intervals shown on the answer buttons differ from the ones actually given.
We therefore run py-fsrs with fuzz off and apply the same fuzz ranges
(py-fsrs's ``FUZZ_RANGES``, which are Anki's) here, drawing from a
generator seeded by card id and review count, as Anki does.
"""

from __future__ import annotations

import random

# (start, end, factor): each day of the interval inside [start, end) widens
# the fuzz window by ``factor`` days.
_FUZZ_RANGES: tuple[tuple[float, float, float], ...] = (
    (2.5, 7.0, 0.15),
    (7.0, 20.0, 0.10),
    (20.0, float("inf"), 0.05),
)


def fuzz_range(interval_days: int, maximum_interval: int) -> tuple[int, int]:
    """The inclusive range of days a fuzzed ``interval_days`` may land on."""
    if interval_days < 2.5:
        return interval_days, interval_days
    delta = 1.0
    for start, end, factor in _FUZZ_RANGES:
        delta += factor * max(min(float(interval_days), end) - start, 0.0)
    low = max(2, round(interval_days - delta))
    high = min(round(interval_days + delta), maximum_interval)
    return min(low, high), high


def fuzzed_days(interval_days: int, *, card_id: int, reps: int, maximum_interval: int) -> int:
    """``interval_days`` moved within its fuzz range, the same way every time for one card and rep."""
    low, high = fuzz_range(interval_days, maximum_interval)
    if low == high:
        return low
    return random.Random(f"{card_id}:{reps}").randint(low, high)
