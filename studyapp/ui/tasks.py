"""Run service calls off the GUI thread; results come back on it.

The one rule (from Picard): a worker never touches a widget.  The worker calls
one service method, which opens its own unit of work and returns frozen DTOs;
the callbacks run on the GUI thread, where widgets may be updated.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from studyapp.domain.errors import Cancelled
from studyapp.domain.progress import CancelToken, Progress

log = logging.getLogger(__name__)

T = TypeVar("T")

Work = Callable[[Progress, CancelToken], T]
"""A service call: it reports progress and checks the token between steps."""


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted by the worker are queued to it."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


def _runner_for(work: Work[Any], relay: _Relay, token: CancelToken) -> Callable[[], None]:
    """The function the pool runs; every outcome, even a bug, goes back as a signal."""

    def progress(done: int, total: int, label: str) -> None:
        relay.progressed.emit(done, total, label)

    def run() -> None:
        try:
            result = work(progress, token)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, which reports it
            relay.failed.emit(error)
        else:
            relay.succeeded.emit(result)

    return run


class Task(QObject, Generic[T]):
    """One background call; ``finished`` fires on the GUI thread after the callbacks."""

    finished = Signal()

    def __init__(
        self,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        on_cancelled: Callable[[], None] | None,
        progress_dialog: QProgressDialog | None,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self.relay = _Relay(self)
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancelled = on_cancelled
        self._dialog = progress_dialog
        self.relay.progressed.connect(self._on_relay_progressed)
        self.relay.succeeded.connect(self._on_relay_succeeded)
        self.relay.failed.connect(self._on_relay_failed)
        if progress_dialog is not None:
            progress_dialog.canceled.connect(self._on_dialog_canceled)
        self.running = True

    def cancel(self) -> None:
        self.token.cancel()

    def _on_dialog_canceled(self) -> None:
        if self._dialog is not None:
            self._dialog.setLabelText("Cancelling…")
        self.token.cancel()

    def _on_relay_progressed(self, done: int, total: int, label: str) -> None:
        dialog = self._dialog
        if dialog is None or self.token.cancelled:
            return
        if label:
            dialog.setLabelText(label)
        dialog.setMaximum(max(total, 0))
        # setValue on a modal dialog processes events: the task may finish inside it.
        dialog.setValue(min(done, total) if total > 0 else 0)

    def _on_relay_succeeded(self, result: object) -> None:
        self._close_dialog()
        try:
            if self.token.cancelled and self._on_cancelled is not None:
                self._on_cancelled()
            else:
                self._on_done(result)  # type: ignore[arg-type]
        finally:
            self._finish()

    def _on_relay_failed(self, error: object) -> None:
        self._close_dialog()
        try:
            if isinstance(error, Cancelled) and self._on_cancelled is not None:
                self._on_cancelled()
            elif isinstance(error, BaseException):
                self._on_error(error)
        finally:
            self._finish()

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self._on_dialog_canceled)
            self._dialog.reset()
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    def _finish(self) -> None:
        self.running = False
        self.finished.emit()


class TaskRunner(QObject):
    """Owns a thread pool for one window; ``shutdown`` cancels and waits on close."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task[Any]] = set()

    def run(
        self,
        work: Work[T],
        *,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        on_cancelled: Callable[[], None] | None = None,
        progress_parent: QWidget | None = None,
        label: str = "Working…",
        title: str = "StudyApp",
    ) -> Task[T]:
        """Start ``work`` on the pool; with ``progress_parent`` show a progress dialog with Cancel."""
        dialog = _progress_dialog(progress_parent, label, title) if progress_parent is not None else None
        task: Task[T] = Task(on_done, on_error, on_cancelled, dialog, self)
        self._tasks.add(task)
        task.finished.connect(self._on_task_finished)
        self._pool.start(_runner_for(work, task.relay, task.token))
        return task

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything still running and wait for the workers; True if all stopped."""
        for task in self._tasks:
            task.cancel()
        return self._pool.waitForDone(timeout_ms)

    def _on_task_finished(self) -> None:
        task = self.sender()
        self._tasks.discard(task)
        task.deleteLater()


def _progress_dialog(parent: QWidget, label: str, title: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(250)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(360)
    dialog.setValue(0)
    return dialog
