"""One writer per collection, enforced with an OS file lock.

The lock is an advisory ``flock``/``msvcrt`` lock on ``<collection>.lock``:
the OS drops it when the process dies, so a crash never leaves a stale lock.
The file holds the owner's pid so the refusal can name it.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import IO

from studyapp.domain.errors import CollectionLocked, CollectionReadOnly


def lock_path_for(collection: Path) -> Path:
    return collection.with_name(collection.name + ".lock")


class CollectionLock:
    def __init__(self, collection: Path) -> None:
        self.path = lock_path_for(collection)
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        try:
            fh = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise CollectionReadOnly(
                    f"The lock file {self.path} cannot be created ({exc.strerror or exc}); "
                    "the collection cannot be opened for writing."
                ) from exc
            raise CollectionReadOnly(
                f"{self.path.parent} is read-only; the collection cannot be opened for writing."
            ) from exc
        if not _try_lock(fh):
            fh.seek(0)
            owner = fh.read().strip() or "unknown"
            fh.close()
            raise CollectionLocked(
                f"The collection is already open in another StudyApp process (pid {owner}); close it there first."
            )
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            _unlock(self._fh)
            self._fh.close()
            self._fh = None


class HeldFile:
    """An exclusive advisory lock on a small file, held while the owner works (the OS drops it at its death).

    Lets a later process tell a temporary file in use from one a killed process left.
    """

    def __init__(self, fh: IO[str]) -> None:
        self._fh = fh

    @classmethod
    def take(cls, path: Path, *, create: bool = False) -> HeldFile | None:
        """The lock on ``path``, or None when someone holds it (or the file is gone and ``create`` is off)."""
        try:
            fh = path.open("a+" if create else "r+", encoding="utf-8")
        except OSError:
            return None
        if not _try_lock(fh):
            fh.close()
            return None
        return cls(fh)

    def read(self) -> str:
        self._fh.seek(0)
        return self._fh.read()

    def write(self, text: str) -> None:
        self._fh.seek(0)
        self._fh.truncate()
        self._fh.write(text)
        self._fh.flush()

    def release(self) -> None:
        _unlock(self._fh)
        self._fh.close()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
