"""Anki deck configs read without trusting them: FSRS-5 parameters widened, damaged values left out by name."""

from __future__ import annotations

from studyapp.anki.deck_config import FSRS5_DECAY, preset_from_json
from studyapp.domain.scheduling import DeckOptions
from studyapp.scheduling.fsrs_scheduler import DEFAULT_PARAMETERS


def test_fsrs5_parameters_become_fsrs6_with_fsrs5s_decay() -> None:
    preset = preset_from_json({"id": 3, "name": "Old", "fsrsParams5": list(DEFAULT_PARAMETERS[:19])})
    assert preset.options.fsrs_parameters == (*DEFAULT_PARAMETERS[:19], 0.0, FSRS5_DECAY)
    assert preset.left_out == ()


def test_damaged_values_keep_our_defaults_and_are_named() -> None:
    preset = preset_from_json(
        {
            "id": 4,
            "name": "Broken",
            "desiredRetention": 3.0,
            "new": {"perDay": -5, "delays": [1, "x"]},
            "fsrsParams6": [100.0] * 21,
            "newSortOrder": 2,
        }
    )
    defaults = DeckOptions()
    assert preset.options.desired_retention == defaults.desired_retention
    assert preset.options.new_per_day == defaults.new_per_day
    assert preset.options.fsrs_parameters == ()
    assert set(preset.left_out) >= {
        "desired retention (invalid)",
        "new cards/day (invalid)",
        "FSRS-6 parameters (invalid)",
        "new card sort order",
    }
