"""Small phrases shown to the user in several places, worded once."""

from __future__ import annotations

from studyapp.domain.cards import Rewrite


def study_time(seconds: float) -> str:
    """Time spent studying: "under a minute" rather than "0.0 min"."""
    minutes = seconds / 60
    if minutes < 1:
        return "under a minute"
    return f"{minutes:.0f} minute{'s' if round(minutes) != 1 else ''}"


def plural(count: int, noun: str) -> str:
    """``1 card``, ``2 cards`` (regular nouns only)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def rewrite_note(rewrite: Rewrite) -> str:
    """``“the company” was “It” — from: <sentence>``: what a card changed, and on what evidence."""
    note = f"“{rewrite.replacement}” was “{rewrite.original}”"
    return f"{note} — from: {rewrite.evidence}" if rewrite.evidence else note
