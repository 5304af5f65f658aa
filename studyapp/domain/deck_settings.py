"""A preset's options as ``key=value`` text, for ``studyapp deck-options``: the keys, their checks, their display.

The window's spin boxes allow the same ranges, so both ways of setting an
option accept exactly the same values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from studyapp.domain.errors import UserInputError
from studyapp.domain.scheduling import DeckOptions
from studyapp.domain.steps import format_steps, parse_steps

_ON = {"on": True, "yes": True, "true": True, "1": True, "off": False, "no": False, "false": False, "0": False}
_LEECH_ACTIONS = {"suspend": True, "tag": False}


@dataclass(frozen=True, slots=True)
class Setting:
    """One settable option: how it reads, and how a text value changes the options."""

    help: str
    show: Callable[[DeckOptions], str]
    parse: Callable[[str], dict[str, object]]


def _whole(name: str, field: str, low: int, high: int) -> Callable[[str], dict[str, object]]:
    def parse(text: str) -> dict[str, object]:
        try:
            value = int(text)
        except ValueError:
            raise UserInputError(f"{name} must be a whole number, not '{text}'.") from None
        if not low <= value <= high:
            raise UserInputError(f"{name} must be between {low} and {high}.")
        return {field: value}

    return parse


def _retention(text: str) -> dict[str, object]:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise UserInputError(f"desired-retention must be a number like 0.9 or 90%, not '{text}'.") from None
    if not 0.70 <= value <= 0.99:
        raise UserInputError("desired-retention must be between 0.70 and 0.99.")
    return {"desired_retention": round(value, 2)}


def _switch(name: str, field: str) -> Callable[[str], dict[str, object]]:
    def parse(text: str) -> dict[str, object]:
        if text.lower() not in _ON:
            raise UserInputError(f"{name} must be on or off, not '{text}'.")
        return {field: _ON[text.lower()]}

    return parse


def _steps(field: str) -> Callable[[str], dict[str, object]]:
    def parse(text: str) -> dict[str, object]:
        return {field: parse_steps(text)}

    return parse


def _leech_action(text: str) -> dict[str, object]:
    if text.lower() not in _LEECH_ACTIONS:
        raise UserInputError(f"leech-action must be suspend or tag, not '{text}'.")
    return {"leech_suspend": _LEECH_ACTIONS[text.lower()]}


def _on(value: bool) -> str:
    return "on" if value else "off"


SETTINGS: dict[str, Setting] = {
    "new-per-day": Setting(
        "new cards a day", lambda o: str(o.new_per_day), _whole("new-per-day", "new_per_day", 0, 9999)
    ),
    "reviews-per-day": Setting(
        "maximum reviews a day",
        lambda o: str(o.reviews_per_day),
        _whole("reviews-per-day", "reviews_per_day", 0, 99999),
    ),
    "desired-retention": Setting(
        "chance of recall when a card is due (0.70-0.99)", lambda o: f"{o.desired_retention:.2f}", _retention
    ),
    "learning-steps": Setting(
        "steps for new cards, e.g. '1m 10m'", lambda o: format_steps(o.learning_steps), _steps("learning_steps")
    ),
    "relearning-steps": Setting(
        "steps after Again, e.g. '10m'", lambda o: format_steps(o.relearning_steps), _steps("relearning_steps")
    ),
    "maximum-interval": Setting(
        "longest interval in days",
        lambda o: str(o.maximum_interval),
        _whole("maximum-interval", "maximum_interval", 1, 36500),
    ),
    "leech-threshold": Setting(
        "lapses that make a card a leech",
        lambda o: str(o.leech_threshold),
        _whole("leech-threshold", "leech_threshold", 1, 99),
    ),
    "leech-action": Setting("suspend or tag a leech", lambda o: "suspend" if o.leech_suspend else "tag", _leech_action),
    "bury-new": Setting("bury new siblings until tomorrow", lambda o: _on(o.bury_new), _switch("bury-new", "bury_new")),
    "bury-reviews": Setting(
        "bury review siblings until tomorrow", lambda o: _on(o.bury_reviews), _switch("bury-reviews", "bury_reviews")
    ),
    "fuzz": Setting("spread review intervals a little", lambda o: _on(o.enable_fuzz), _switch("fuzz", "enable_fuzz")),
}


def with_setting(options: DeckOptions, assignment: str) -> DeckOptions:
    """``options`` with one ``key=value`` applied; a clear error for an unknown key or a bad value."""
    key, sep, value = assignment.partition("=")
    key, value = key.strip().lower(), value.strip()
    if not sep or not key:
        raise UserInputError(f"'{assignment}' is not KEY=VALUE.")
    setting = SETTINGS.get(key)
    if setting is None:
        raise UserInputError(f"There is no option '{key}'; the options are: {', '.join(SETTINGS)}.")
    return replace(options, **setting.parse(value))  # type: ignore[arg-type]


def describe(options: DeckOptions) -> dict[str, str]:
    return {key: setting.show(options) for key, setting in SETTINGS.items()}
