"""The list of backups, newest first, and restoring one (after backing up the current state).

Listing opens every backup to count its cards, so it runs on the window's
``TaskRunner``; so does the restore, behind a progress dialog.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.errors import StudyAppError
from studyapp.domain.progress import CancelToken, Progress
from studyapp.services.backups import (
    BackupRow,
    BackupService,
    DeletedCardRow,
    RestoreOutcome,
    UndeleteOutcome,
    list_backups,
    restore_collection,
)
from studyapp.ui.errors import show_error
from studyapp.ui.main_window import display_path
from studyapp.ui.row_list_model import Index, RowListModel
from studyapp.ui.tasks import TaskRunner


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


class BackupTableModel(RowListModel[BackupRow]):
    """Backups as rows: when, size, cards."""

    WHEN, SIZE, CARDS = range(3)
    HEADERS = ("Taken", "Size", "Cards")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_for(index)
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


class RestoreBackupDialog(QDialog):
    """Pick a backup to restore over a collection that cannot be opened (damaged, or not ours).

    The collection is never opened: the list comes from the backup folder,
    and the restore replaces the file (keeping the damaged one aside).
    ``outcome`` is set once a restore succeeded; the dialog is then accepted.
    """

    def __init__(self, collection: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._collection = collection
        self.outcome: RestoreOutcome | None = None
        self.setWindowTitle("Restore a backup")
        self.resize(620, 380)
        intro = QLabel(
            f"{display_path(collection)} cannot be opened. Choose a backup to put in its place; "
            "the damaged file is kept beside it, so nothing is lost."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        rows = list_backups(collection)
        self.model = BackupTableModel(self)
        self.model.set_rows(rows)
        self.table = QTableView()
        self.table.setObjectName("backupTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(BackupTableModel.WHEN, QHeaderView.ResizeMode.Stretch)
        self.status_label = QLabel(
            f"{len(rows)} backup{'s' if len(rows) != 1 else ''}, newest first." if rows else "There are no backups."
        )
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("primaryButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        readable = next((i for i, row in enumerate(rows) if row.cards is not None), None)
        if readable is not None:
            self.table.selectRow(readable)
        self._on_table_selection_changed()

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def restore_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            self.outcome = restore_collection(self._collection, row.path)
        except StudyAppError as error:
            self.status_label.setText(error.message)
            return
        self.accept()

    def _on_table_selection_changed(self, *_args: object) -> None:
        row = self.selected()
        self.restore_button.setEnabled(row is not None and row.cards is not None)

    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self.restore_selected()

    def _on_buttons_accepted(self) -> None:
        self.restore_selected()


DELETED_LIST_LIMIT = 2000
"""The newest deletions listed; older ones stay in the log (the CLI's ``restore --deleted`` reaches all)."""


class DeletedCardTableModel(RowListModel[DeletedCardRow]):
    """The deletion log as checkable rows: when, deck, question. Nothing is checked at first."""

    WHEN, DECK, QUESTION = range(3)
    HEADERS = ("Deleted", "Deck", "Question")
    checked_count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checked: set[int] = set()

    def set_rows(self, rows: list[DeletedCardRow]) -> None:
        self._checked.clear()
        super().set_rows(rows)
        self.checked_count_changed.emit(0)

    def checked_ids(self) -> list[int]:
        """Log entry ids of the checked rows, in list order (newest first)."""
        return [row.id for row in self._rows if row.id in self._checked]

    def set_checked(self, rows: list[int], checked: bool) -> None:
        """Check or uncheck the given source rows (one signal, not one per row)."""
        changed = False
        for number in rows:
            row = self.row_at(number)
            if row is None or (row.id in self._checked) == checked:
                continue
            (self._checked.add if checked else self._checked.discard)(row.id)
            changed = True
        if changed:
            self.dataChanged.emit(
                self.index(0, self.WHEN), self.index(len(self._rows) - 1, self.WHEN), [Qt.ItemDataRole.CheckStateRole]
            )
            self.checked_count_changed.emit(len(self._checked))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == self.WHEN else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_for(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return f"{row.deleted_at.astimezone():%Y-%m-%d  %H:%M}"
            if column == self.DECK:
                return row.deck
            if column == self.QUESTION:
                return " ".join(row.question.split())  # one line in the table; the tooltip has it all
        elif role == Qt.ItemDataRole.CheckStateRole and column == self.WHEN:
            return Qt.CheckState.Checked if row.id in self._checked else Qt.CheckState.Unchecked
        elif role == Qt.ItemDataRole.ToolTipRole and column == self.QUESTION:
            return row.question
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.WHEN or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.set_checked([index.row()], checked)
        return True


class RestoreDeletedDialog(QDialog):
    """Pick cards from the deletion log and add them again (as new cards: the log keeps no review history)."""

    restored = Signal(object)  # UndeleteOutcome

    def __init__(self, backups: BackupService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = backups
        self.setWindowTitle("Restore deleted cards")
        self.resize(760, 480)
        title = QLabel("Restore deleted cards")
        title.setObjectName("dialogTitle")
        text = QLabel(
            "Tick the cards to bring back. They return to their deck as new cards; their review history "
            "was not kept. Space ticks the selected rows."
        )
        text.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by question or deck")
        self.filter_edit.setClearButtonEnabled(True)
        self.model = DeletedCardTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(DeletedCardTableModel.WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DeletedCardTableModel.DECK, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DeletedCardTableModel.QUESTION, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(DeletedCardTableModel.DECK, 160)
        self.count_label = QLabel()
        self.count_label.setObjectName("hintLabel")
        self.check_shown_button = QPushButton("Tick all shown")
        self.uncheck_button = QPushButton("Untick all")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("Restore selected", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.setEnabled(False)

        bottom = QHBoxLayout()
        bottom.addWidget(self.check_shown_button)
        bottom.addWidget(self.uncheck_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(bottom)

        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.model.checked_count_changed.connect(self._on_model_checked_count_changed)
        self.check_shown_button.clicked.connect(self._on_check_shown_button_clicked)
        self.uncheck_button.clicked.connect(self._on_uncheck_button_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.table.installEventFilter(self)
        self._total = 0
        self.reload()

    def reload(self) -> None:
        try:
            listing = self._backups.deleted_cards_listing(DELETED_LIST_LIMIT)
        except StudyAppError as error:
            show_error(self, error)
            return
        self._total = listing.total
        self.model.set_rows(listing.rows)
        self.table.setEnabled(bool(listing.rows))
        self.filter_edit.setEnabled(bool(listing.rows))
        self._update_count()

    def checked_ids(self) -> list[int]:
        return self.model.checked_ids()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space ticks (or unticks) every selected row, not only the current one."""
        is_space = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space and not event.modifiers()
        if watched is self.table and event.type() == QEvent.Type.KeyPress and is_space:
            rows = self._selected_source_rows()
            if rows:
                checked_ids = set(self.model.checked_ids())
                row_ids = [r.id for r in map(self.model.row_at, rows) if r is not None]
                self.model.set_checked(rows, not all(i in checked_ids for i in row_ids))
                return True
        return super().eventFilter(watched, event)

    def _selected_source_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(rows)

    def _shown_source_rows(self) -> list[int]:
        return [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount())]

    def _update_count(self) -> None:
        listed, shown = self.model.rowCount(), self.proxy.rowCount()
        ticked = len(self.model.checked_ids())
        if not self._total:
            text = "No deleted cards: the deletion log is empty."
        else:
            text = f"{self._total:,} deleted card{'s' if self._total != 1 else ''}, newest first"
            if listed < self._total:
                text += f" (the newest {listed:,} are listed)"
            if shown != listed:
                text += f"; {shown:,} match the filter"
            text += f". {ticked:,} ticked." if ticked else "."
        self.count_label.setText(text)
        label = f"Restore {ticked:,} card{'s' if ticked != 1 else ''}" if ticked else "Restore selected"
        self.restore_button.setText(label)
        self.restore_button.setEnabled(ticked > 0)

    def _on_filter_edit_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _on_model_checked_count_changed(self, _count: int) -> None:
        self._update_count()

    def _on_check_shown_button_clicked(self) -> None:
        self.model.set_checked(self._shown_source_rows(), True)

    def _on_uncheck_button_clicked(self) -> None:
        self.model.set_checked(list(range(self.model.rowCount())), False)

    def _on_buttons_accepted(self) -> None:
        ids = self.model.checked_ids()
        if not ids:
            return
        try:
            outcome: UndeleteOutcome = self._backups.restore_deleted(ids=ids)
        except StudyAppError as error:
            show_error(self, error)
            return
        self.restored.emit(outcome)
        self.accept()
