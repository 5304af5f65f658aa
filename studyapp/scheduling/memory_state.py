"""An FSRS memory state for a card scheduled without FSRS, the way Anki makes one.

A card studied under SM-2 has an interval and an ease but no stability or
difficulty, and our scheduler needs both for a card in review.  Anki, when
FSRS is turned on, derives them with fsrs-rs's ``memory_state_from_sm2``
(the stability that gives the card's interval at SM-2's 90% retention, the
difficulty its ease implies); we use the same function.
"""

from __future__ import annotations

from functools import cache

import fsrs_rs_python as fsrs_rs

from studyapp.scheduling.fsrs_scheduler import DEFAULT_PARAMETERS

SM2_RETENTION = 0.9
"""Anki's assumed retention of SM-2 schedules (its "historical retention" default)."""


@cache
def _model() -> fsrs_rs.FSRS:
    return fsrs_rs.FSRS(list(DEFAULT_PARAMETERS))


def memory_from_sm2(ease: float, interval_days: float) -> tuple[float, float]:
    """(stability, difficulty) of a card with this SM-2 ease (2.5 = 250%) and interval."""
    state = _model().memory_state_from_sm2(max(1.3, ease), max(1.0, interval_days), SM2_RETENTION)
    return float(state.stability), float(state.difficulty)
