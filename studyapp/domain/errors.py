"""Errors the user can understand; anything else is a bug.

Known errors carry one clear sentence that the CLI prints verbatim and the
window shows in a dialog.
"""

from __future__ import annotations

from pathlib import Path


class StudyAppError(Exception):
    """Base of all errors that are shown to the user as they are."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UserInputError(StudyAppError):
    """The user asked for something impossible: a missing file, bad option, unknown deck."""


class CollectionError(StudyAppError):
    """Something is wrong with the collection file itself."""


class CollectionLocked(CollectionError):
    """Another process has the collection open for writing."""


class CollectionReadOnly(CollectionError):
    """The collection (or its folder) cannot be written."""


class CollectionTooNew(CollectionError):
    """The collection was written by a newer StudyApp."""


class CollectionCorrupt(CollectionError):
    """The file is not a StudyApp collection, or SQLite reports damage."""


class CollectionDamaged(CollectionCorrupt):
    """SQLite found the collection at ``path`` damaged; ``damage`` says so without advice (callers add theirs)."""

    def __init__(self, path: Path, damage: str, advice: str) -> None:
        super().__init__(f"{damage} {advice}")
        self.path = path
        self.damage = damage


class CollectionNotTidied(CollectionError):
    """Everything was committed, but tidying up afterwards (the WAL checkpoint at close) failed.

    ``detail`` says what failed without claiming anything was lost or unchanged.
    """

    def __init__(self, detail: str) -> None:
        super().__init__(f"Your changes are saved; {detail}")
        self.detail = detail


class Cancelled(StudyAppError):
    """Long work was cancelled by the user; nothing was changed."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)
