"""Anki's custom study: more new cards today, review ahead, study what you forgot.

"N more new cards today" raises one deck's new-card limit for the current
study day only; it is kept in the collection's settings as
``extra_new.<deck id> = <study day> <N>``, so it holds across sessions and
windows that day and lapses by itself the next.  Review ahead and forgotten
cards are sessions of their own (``ReviewService.start(deck, custom)``).
"""

from __future__ import annotations

from datetime import date

from studyapp.domain.errors import UserInputError
from studyapp.domain.wording import plural

EXTRA_NEW_PREFIX = "extra_new."
MAX_EXTRA = 9999


def extra_new_key(deck_id: int) -> str:
    return f"{EXTRA_NEW_PREFIX}{deck_id}"


def extra_new_today(value: str, today: date) -> int:
    """The extra new cards a stored setting grants on ``today`` (0 once its day has passed)."""
    day, _, amount = value.partition(" ")
    return int(amount) if day == today.isoformat() and amount.isdigit() else 0


def extra_new_value(today: date, amount: int) -> str:
    return f"{today.isoformat()} {amount}"


def check_amount(amount: int, what: str) -> int:
    if not 1 <= amount <= MAX_EXTRA:
        raise UserInputError(f"{what} must be between 1 and {MAX_EXTRA}.")
    return amount


def describe_more_new(deck_name: str, total: int) -> str:
    """What a raised new-card limit means today, worded once for the command line and the window."""
    return f"'{deck_name}' may show {plural(total, 'more new card')} today."
