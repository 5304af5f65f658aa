"""Two kinds of failure: the user's environment (say it) and our bugs (report them).

``StudyAppError`` carries one sentence that is shown as it is.  Anything else
is a bug: a dialog with the details and the log file.  The global hook that
catches bugs is installed by ``ui.app.run_app`` only, never by the builder
that tests call (pytest-qt installs its own).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from studyapp.domain.errors import StudyAppError

log = logging.getLogger(__name__)


def error_box(parent: QWidget | None, error: BaseException, *, log_file: Path | None = None) -> QMessageBox:
    """Build (do not show) the dialog for ``error``."""
    if isinstance(error, StudyAppError):
        box = QMessageBox(QMessageBox.Icon.Warning, "StudyApp", error.message, QMessageBox.StandardButton.Ok, parent)
    else:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "StudyApp: something went wrong",
            "StudyApp hit an unexpected problem. Your collection is safe: every change is saved when you make it.",
            QMessageBox.StandardButton.Ok,
            parent,
        )
        where = f"Details were written to {log_file}." if log_file else "Please report this with the details."
        box.setInformativeText(f"{type(error).__name__}: {error}\n\n{where}")
        box.setDetailedText("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box


def show_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """Show ``error`` without blocking; bugs are logged with their traceback first."""
    if not isinstance(error, StudyAppError):
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    box = error_box(parent, error)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def error_shower(parent: QWidget | None) -> Callable[[BaseException], None]:
    """``show_error`` over ``parent``, as the ``on_error`` of background work."""

    def show(error: BaseException) -> None:
        show_error(parent, error)

    return show


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install_exception_hook(log_file: Path | None) -> ExceptHook:
    """Route uncaught exceptions in slots to a dialog; returns the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        if isinstance(error, StudyAppError):
            error_box(None, error).exec()
            return
        log.critical("uncaught exception", exc_info=(kind, error, tb))
        error_box(None, error, log_file=log_file).exec()

    sys.excepthook = hook
    return previous
