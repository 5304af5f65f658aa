"""Errors the user reads: their text is the message, exactly."""

from __future__ import annotations

from pathlib import Path

from studyapp.domain.errors import Cancelled, CollectionDamaged, CollectionNotTidied, UserInputError


def test_a_known_error_reads_as_its_message() -> None:
    error = UserInputError("There is no deck named 'X'.")
    assert str(error) == error.message == "There is no deck named 'X'."
    assert error.args == ("There is no deck named 'X'.",)


def test_cancelling_says_nothing_changed() -> None:
    assert str(Cancelled()) == "Cancelled; nothing was changed."
    assert Cancelled().message == "Cancelled; nothing was changed."


def test_damage_keeps_its_parts_and_reads_with_the_advice() -> None:
    error = CollectionDamaged(Path("/c.studyapp"), "The collection is damaged.", "Restore a backup.")
    assert str(error) == "The collection is damaged. Restore a backup."
    assert (error.path, error.damage) == (Path("/c.studyapp"), "The collection is damaged.")


def test_an_untidy_close_says_the_changes_are_saved() -> None:
    error = CollectionNotTidied("the WAL checkpoint failed.")
    assert str(error) == "Your changes are saved; the WAL checkpoint failed."
    assert error.detail == "the WAL checkpoint failed."
