"""Backups from the main window: Back up now, the Backups and Restore deleted cards dialogs, and the timer.

Backups run in the background. An automatic backup never interrupts studying:
if it fails, the bug is logged, not shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from studyapp.domain.progress import CancelToken, Progress
from studyapp.ui.errors import error_shower
from studyapp.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services pull in SQLAlchemy: loaded only once the window has painted (see ui.app)
    from studyapp.services.app import Services
    from studyapp.services.backups import BackupRow

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 5 * 60 * 1000
"""How often the window asks for an automatic backup; the policy's interval decides whether one is taken."""


class BackupActions(QObject):
    """Takes, lists and restores backups; ``timer`` (started with the collection) asks for automatic ones."""

    backed_up = Signal(object)  # BackupRow: a backup the user asked for
    restored = Signal(object)  # RestoreOutcome or UndeleteOutcome: the collection changed

    def __init__(self, parent: QWidget, runner: TaskRunner, *, services: Callable[[], Services]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._runner = runner
        self._services = services
        self._auto_backup_running = False
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_CHECK_MS)
        self.timer.timeout.connect(self._on_timer_timeout)

    def back_up_now(self) -> None:
        """A backup the user asked for, in the background; ``backed_up`` says where it went."""
        backups = self._services().backups

        def work(progress: Progress, _cancel: CancelToken) -> BackupRow:
            progress(0, 0, "Backing up the collection…")
            return backups.backup_now()

        self._runner.run(
            work,
            on_done=self.backed_up.emit,
            on_error=error_shower(self._parent),
            progress_parent=self._parent,
            title="Backing up",
        )

    def open_backups(self) -> QWidget:
        from studyapp.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self._services().backups, self._runner, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self.restored)
        dialog.open()
        return dialog

    def open_restore_deleted(self) -> QWidget:
        from studyapp.ui.backups_dialog import RestoreDeletedDialog

        dialog = RestoreDeletedDialog(self._services().backups, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self.restored)
        dialog.open()
        return dialog

    def check_backup(self) -> None:
        """The timer's job: a periodic backup in the background if the policy says one is due."""
        if self._auto_backup_running or self._services().context.store.readonly:
            return
        self._auto_backup_running = True
        backups = self._services().backups
        self._runner.run(
            lambda _progress, _cancel: backups.maybe_backup(),
            on_done=self._on_auto_backup_done,
            on_error=self._on_auto_backup_failed,
        )

    def _on_timer_timeout(self) -> None:
        self.check_backup()

    def _on_auto_backup_done(self, row: BackupRow | None) -> None:
        self._auto_backup_running = False
        if row is not None:
            log.info("automatic backup %s", row.path.name)

    def _on_auto_backup_failed(self, error: BaseException) -> None:
        self._auto_backup_running = False
        log.error("automatic backup failed", exc_info=(type(error), error, error.__traceback__))
