"""The list of backups, newest first, and restoring one (after backing up the current state).

Listing opens every backup to count its cards, so it runs on the window's
``TaskRunner``; so does the restore, behind a progress dialog.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.errors import StudyAppError
from studyapp.domain.progress import CancelToken, Progress
from studyapp.services.backups import BackupRow, BackupService, RestoreOutcome, UndeleteOutcome
from studyapp.ui.errors import show_error
from studyapp.ui.main_window import display_path
from studyapp.ui.tasks import TaskRunner

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def size_text(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def when_text(taken_at: datetime) -> str:
    """Local time, as the user remembers it."""
    return f"{taken_at.astimezone():%Y-%m-%d  %H:%M:%S}"


class BackupTableModel(QAbstractTableModel):
    """Backups as rows: when, size, cards."""

    WHEN, SIZE, CARDS = range(3)
    HEADERS = ("Taken", "Size", "Cards")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BackupRow] = []

    def set_rows(self, rows: list[BackupRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> BackupRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return when_text(row.taken_at)
            if column == self.SIZE:
                return size_text(row.size_bytes)
            if column == self.CARDS:
                return "unreadable" if row.cards is None else f"{row.cards:,}"
        elif role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SIZE, self.CARDS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.ToolTipRole:
            return str(row.path)
        return None


class BackupsDialog(QDialog):
    """``restored`` fires (with the outcome) after a backup replaced the collection."""

    restored = Signal(object)  # RestoreOutcome
    loaded = Signal()

    def __init__(self, backups: BackupService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = backups
        self._runner = runner
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle("Backups")
        self.resize(620, 420)

        title = QLabel("Backups")
        title.setObjectName("dialogTitle")
        policy = backups.policy()
        intro = QLabel(
            f"StudyApp backs up the collection when you close it, every {policy.interval_minutes} minutes "
            "while you study, and before deleting decks, many cards or restoring. "
            f"They are kept in {display_path(backups.folder)}."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("backupTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BackupTableModel.WHEN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BackupTableModel.SIZE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(BackupTableModel.CARDS, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(BackupTableModel.SIZE, 110)
        self.table.setColumnWidth(BackupTableModel.CARDS, 110)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.status_label = QLabel("Loading backups…")
        self.status_label.setObjectName("hintLabel")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.backup_button = QPushButton("Back up now")
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.setEnabled(False)
        self.close_button = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.reload()

    # public
    def reload(self) -> None:
        backups = self._backups

        def work(_progress: Progress, _cancel: CancelToken) -> list[BackupRow]:
            return backups.list()

        self._runner.run(work, on_done=self._on_list_done, on_error=self._on_task_failed)

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def back_up_now(self) -> None:
        backups = self._backups

        def work(progress: Progress, _cancel: CancelToken) -> BackupRow:
            progress(0, 0, "Backing up the collection…")
            return backups.backup_now()

        self._set_busy(True)
        self._runner.run(
            work, on_done=self._on_backup_done, on_error=self._on_task_failed, progress_parent=self, title="Backing up"
        )

    def ask_restore(self) -> QMessageBox | None:
        """Confirm first: the collection is replaced, after a backup of the current state."""
        row = self.selected()
        if row is None:
            return None
        cards = "" if row.cards is None else f" ({row.cards:,} card{'s' if row.cards != 1 else ''})"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restore backup",
            f"Replace the collection with the backup from {when_text(row.taken_at)}{cards}?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            "A backup of the current state is taken first, so you can come back to it from this list."
        )
        restore_button = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def on_finished(_result: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is restore_button:
                self.restore(row)

        box.finished.connect(on_finished)
        self.confirm_box = box
        box.open()
        return box

    def restore(self, row: BackupRow) -> None:
        backups = self._backups

        def work(progress: Progress, _cancel: CancelToken) -> RestoreOutcome:
            progress(0, 0, "Backing up the current state, then restoring…")
            return backups.restore(row.path)

        self._set_busy(True)
        self._runner.run(
            work, on_done=self._on_restore_done, on_error=self._on_task_failed, progress_parent=self, title="Restoring"
        )

    # internals
    def _set_busy(self, busy: bool) -> None:
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected() is not None)

    # slots
    def _on_list_done(self, rows: list[BackupRow]) -> None:
        self.model.set_rows(rows)
        count = len(rows)
        self.status_label.setText(
            f"{count} backup{'s' if count != 1 else ''}, newest first." if rows else "No backups yet."
        )
        if rows:
            self.table.selectRow(0)
        self._set_busy(False)
        self.loaded.emit()

    def _on_backup_done(self, row: BackupRow) -> None:
        self.status_label.setText(f"Backed up to {row.path.name}.")
        self.reload()

    def _on_restore_done(self, outcome: RestoreOutcome) -> None:
        self.restored.emit(outcome)
        self.reload()

    def _on_task_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_error(self, error)

    def _on_table_selection_changed(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self.ask_restore()

    def _on_backup_button_clicked(self) -> None:
        self.back_up_now()

    def _on_restore_button_clicked(self) -> None:
        self.ask_restore()


UNDELETE_PERIODS = (
    ("in the last hour", timedelta(hours=1)),
    ("in the last 24 hours", timedelta(days=1)),
    ("in the last 7 days", timedelta(days=7)),
    ("at any time", None),
)


class RestoreDeletedDialog(QDialog):
    """Add cards from the deletion log again (as new cards: the log keeps no review history)."""

    restored = Signal(object)  # UndeleteOutcome

    def __init__(self, backups: BackupService, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = backups
        self._now = now
        self.setWindowTitle("Restore deleted cards")
        title = QLabel("Restore deleted cards")
        title.setObjectName("dialogTitle")
        text = QLabel(
            "Deleted cards are kept in the collection's deletion log. Restored cards come back to their deck "
            "as new cards; their review history was not kept. Cards already back in the collection are skipped."
        )
        text.setWordWrap(True)
        self.period_combo = QComboBox()
        for label, period in UNDELETE_PERIODS:
            self.period_combo.addItem(f"Cards deleted {label}", period)
        self.period_combo.setCurrentIndex(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("primaryButton")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(self.period_combo)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def since(self) -> datetime | None:
        period = self.period_combo.currentData()
        return self._now - period if isinstance(period, timedelta) else None

    def _on_buttons_accepted(self) -> None:
        try:
            outcome: UndeleteOutcome = self._backups.restore_deleted(since=self.since())
        except StudyAppError as error:
            show_error(self, error)
            return
        self.restored.emit(outcome)
        self.accept()
