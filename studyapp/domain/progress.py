"""Plain-Python progress reporting and cancellation for long work.

Services and generators accept these; the window adapts them to a progress
dialog with Cancel, the CLI to nothing (or a line on stderr).
"""

from __future__ import annotations

import threading
from typing import Protocol

from studyapp.domain.errors import Cancelled


class Progress(Protocol):
    """Receives ``done`` out of ``total`` steps with a short label."""

    def __call__(self, done: int, total: int, label: str) -> None: ...


def no_progress(done: int, total: int, label: str) -> None:
    """A progress sink that ignores every report."""


class CancelToken:
    """Set from any thread; checked by the worker between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
