"""Anki's deck options presets ("deck configs") as our presets.

Anki's decks share options by a config id.  A schema-18 collection keeps each
config as a protobuf ``DeckConfig.Config`` in the ``deck_config`` table and a
deck's config id inside its ``decks.kind`` blob; a schema-11 one keeps them as
JSON in ``col.dconf`` and in each deck's ``conf``.  Both are read through one
table (``MAPPED``), so the two layouts cannot drift apart.

Options StudyApp has no equivalent for are named when set away from Anki's
default, so the import summary can say what was left behind; the SM-2
multipliers and graduating intervals are not among them, as FSRS (which
StudyApp always uses) ignores them.  Nothing in the file is trusted: a value
out of range is left out and named like an unsupported option.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from studyapp.anki.protowire import fields, packed_floats
from studyapp.domain.scheduling import DeckOptions
from studyapp.scheduling.fsrs_scheduler import FsrsScheduler

FSRS5_DECAY = 0.5
"""FSRS-5's fixed decay: FSRS-5's 19 parameters are FSRS-6's with w19 = 0 and w20 (decay) = 0.5."""
MAX_PER_DAY = 1_000_000
MAX_INTERVAL_DAYS = 36_500
MAX_STEPS = 100
MAX_STEP_MINUTES = 365 * 24 * 60
LEECH_ACTION_SUSPEND = 0
NORMAL_DECK_FIELD = 1
CONFIG_ID_FIELD = 1


@dataclass(frozen=True, slots=True)
class AnkiPreset:
    """One Anki deck config as our options; ``left_out`` names what StudyApp did not take from it."""

    config_id: int
    name: str
    options: DeckOptions
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Option:
    """One option of Anki's: its protobuf field number, its JSON path in ``dconf``, and Anki's default."""

    field: int
    path: tuple[str, ...]
    default: Any
    repeated: bool = False


MAPPED = {
    "learning steps": _Option(1, ("new", "delays"), (1.0, 10.0), repeated=True),
    "relearning steps": _Option(2, ("lapse", "delays"), (10.0,), repeated=True),
    "FSRS-4.5 parameters": _Option(3, ("fsrsWeights",), (), repeated=True),
    "FSRS-5 parameters": _Option(5, ("fsrsParams5",), (), repeated=True),
    "FSRS-6 parameters": _Option(6, ("fsrsParams6",), (), repeated=True),
    "new cards/day": _Option(9, ("new", "perDay"), 20),
    "maximum reviews/day": _Option(10, ("rev", "perDay"), 200),
    "maximum interval": _Option(16, ("rev", "maxIvl"), MAX_INTERVAL_DAYS),
    "leech action": _Option(21, ("lapse", "leechAction"), 1),
    "leech threshold": _Option(22, ("lapse", "leechFails"), 8),
    "bury new siblings": _Option(27, ("new", "bury"), False),
    "bury review siblings": _Option(28, ("rev", "bury"), False),
    "desired retention": _Option(37, ("desiredRetention",), 0.9),
}
"""The options StudyApp's presets have, by the name the summary uses."""
UNSUPPORTED = {
    "bury interday learning siblings": _Option(29, ("buryInterdayLearning",), False),
    "new card gather order": _Option(34, ("newGatherPriority",), 0),
    "new card sort order": _Option(32, ("newSortOrder",), 0),
    "new/review order": _Option(30, ("newMix",), 0),
    "interday learning/review order": _Option(31, ("interdayLearningMix",), 0),
    "review sort order": _Option(33, ("reviewOrder",), 0),
    "easy days": _Option(4, ("easyDaysPercentages",), (1.0,) * 7, repeated=True),
}
"""Options Anki schedules by and StudyApp does not have: named when not at Anki's default."""
_BY_FIELD = {option.field: option for option in (*MAPPED.values(), *UNSUPPORTED.values())}


def _float32(value: float) -> float:
    """Anki keeps floats in 32 bits: 0.85 comes back as 0.8500000238; its shortest 32-bit form is what was set."""
    return float(f"{value:.7g}")


def _proto_values(blob: bytes) -> dict[int, Any]:
    """The known fields of a ``DeckConfig.Config``; a field absent from the message is protobuf's zero."""
    values: dict[int, Any] = {number: (() if option.repeated else 0) for number, option in _BY_FIELD.items()}
    for number, value in fields(blob):
        option = _BY_FIELD.get(number)
        if option is None:
            continue
        if option.repeated and isinstance(value, bytes):
            values[number] = tuple(_float32(v) for v in packed_floats(value))
        elif isinstance(value, float):
            values[number] = _float32(value)
        elif isinstance(value, int):
            values[number] = value
    return values


def _json_values(config: dict[str, Any]) -> dict[int, Any]:
    """The same fields from a ``dconf`` entry; a key absent there is Anki's default, as Anki reads it."""
    values: dict[int, Any] = {}
    for number, option in _BY_FIELD.items():
        found: Any = config
        for key in option.path:
            found = found.get(key, option.default) if isinstance(found, dict) else option.default
        if option.repeated:
            found = tuple(found) if isinstance(found, list | tuple) else option.default  # checked when mapped
        values[number] = found
    return values


def preset_from_proto(config_id: int, name: str, blob: bytes) -> AnkiPreset:
    return _preset(config_id, name, _proto_values(blob))


def preset_from_json(config: dict[str, Any]) -> AnkiPreset:
    return _preset(int(config["id"]), str(config.get("name", "")), _json_values(config))


def deck_config_id(kind: bytes) -> int | None:
    """A schema-18 deck's config id from its ``kind`` blob; None for a filtered deck, which has no preset."""
    normal = next((v for n, v in fields(kind) if n == NORMAL_DECK_FIELD and isinstance(v, bytes)), None)
    if normal is None:
        return None
    return next((v for n, v in fields(normal) if n == CONFIG_ID_FIELD and isinstance(v, int)), 1)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _steps(value: tuple[float, ...]) -> tuple[int, ...] | None:
    """Anki's steps in minutes as our seconds; None if out of range."""
    minutes = [_number(v) for v in value]
    if len(value) > MAX_STEPS or not all(m is not None and 0 < m <= MAX_STEP_MINUTES for m in minutes):
        return None
    return tuple(max(1, round(m * 60)) for m in minutes if m is not None)


def _whole(low: int, high: int) -> Callable[[Any], int | None]:
    def check(value: Any) -> int | None:
        number = _number(value)
        return int(number) if number is not None and number == int(number) and low <= number <= high else None

    return check


def _retention(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and 0.7 <= number <= 0.99 else None


def _fsrs_parameters(values: dict[int, Any]) -> tuple[tuple[float, ...] | None, str | None]:
    """The FSRS-6 parameters Anki schedules by (FSRS-6's if set, else FSRS-5's widened), and what was left out."""
    fsrs6, fsrs5, fsrs4 = (values[MAPPED[f"FSRS-{v} parameters"].field] for v in ("6", "5", "4.5"))
    if fsrs6:
        parameters, label = fsrs6, "FSRS-6 parameters"
    elif fsrs5:
        parameters, label = (*fsrs5, 0.0, FSRS5_DECAY), "FSRS-5 parameters"
    elif fsrs4:
        return None, "FSRS-4.5 parameters"
    else:
        return (), None
    if not all(_number(v) is not None for v in parameters):
        return None, f"{label} (invalid)"
    parameters = tuple(float(v) for v in parameters)
    try:
        FsrsScheduler(DeckOptions(fsrs_parameters=parameters))  # checks their count and bounds
    except ValueError:
        return None, f"{label} (invalid)"
    return parameters, None


def _preset(config_id: int, name: str, values: dict[int, Any]) -> AnkiPreset:
    left_out: list[str] = []

    def mapped(label: str, check: Callable[[Any], Any]) -> Any:
        result = check(values[MAPPED[label].field])
        if result is None:
            left_out.append(f"{label} (invalid)")
        return result

    chosen: dict[str, Any] = {
        "learning_steps": mapped("learning steps", _steps),
        "relearning_steps": mapped("relearning steps", _steps),
        "new_per_day": mapped("new cards/day", _whole(0, MAX_PER_DAY)),
        "reviews_per_day": mapped("maximum reviews/day", _whole(0, MAX_PER_DAY)),
        "maximum_interval": mapped("maximum interval", _whole(1, MAX_INTERVAL_DAYS)),
        "leech_threshold": mapped("leech threshold", _whole(1, MAX_PER_DAY)),
        "desired_retention": mapped("desired retention", _retention),
        "leech_suspend": values[MAPPED["leech action"].field] == LEECH_ACTION_SUSPEND,
        "bury_new": bool(values[MAPPED["bury new siblings"].field]),
        "bury_reviews": bool(values[MAPPED["bury review siblings"].field]),
    }
    parameters, parameters_left_out = _fsrs_parameters(values)
    chosen["fsrs_parameters"] = parameters
    if parameters_left_out:
        left_out.append(parameters_left_out)
    left_out.extend(
        label
        for label, option in UNSUPPORTED.items()
        if values[option.field] != option.default and not (option.repeated and not values[option.field])
    )
    options = DeckOptions(**{key: value for key, value in chosen.items() if value is not None})
    return AnkiPreset(config_id, name or f"Anki preset {config_id}", options, tuple(left_out))
