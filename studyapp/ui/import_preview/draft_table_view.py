"""The preview table with single-key triage, so a long list goes fast.

Space toggles, Y keeps and moves on, X or Delete rejects and moves on, E or F2
edits, J/K (or Down/Up) move.  While a cell is being edited, keys go to the
editor as usual; its text is edited in a few lines (see ``MultiLineDelegate``).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from studyapp.ui.import_preview.badge_delegate import BadgeDelegate
from studyapp.ui.import_preview.draft_table_model import DraftTableModel
from studyapp.ui.multiline_delegate import MultiLineDelegate

_NEXT = (Qt.Key.Key_J, Qt.Key.Key_Down)
_PREVIOUS = (Qt.Key.Key_K, Qt.Key.Key_Up)
_REJECT = (Qt.Key.Key_X, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_EDIT = (Qt.Key.Key_E, Qt.Key.Key_F2)


class DraftTableView(QTableView):
    current_row_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(30)
        self._badges = BadgeDelegate(self)
        self._text_editor = MultiLineDelegate(self)

    def set_draft_model(self, model: DraftTableModel) -> None:
        self.setModel(model)
        self.setItemDelegateForColumn(DraftTableModel.WARNINGS, self._badges)
        for column in (DraftTableModel.QUESTION, DraftTableModel.ANSWER):
            self.setItemDelegateForColumn(column, self._text_editor)
        header = self.horizontalHeader()
        header.setSectionResizeMode(DraftTableModel.KEEP, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(DraftTableModel.KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DraftTableModel.QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DraftTableModel.ANSWER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DraftTableModel.WARNINGS, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(DraftTableModel.KEEP, 34)
        self.setColumnWidth(DraftTableModel.ANSWER, 160)
        self.setColumnWidth(DraftTableModel.WARNINGS, 175)
        selection = self.selectionModel()
        selection.currentRowChanged.connect(self._on_selection_current_row_changed)
        if model.rowCount() > 0:
            self.select_row(0)

    def draft_model(self) -> DraftTableModel:
        model = self.model()
        assert isinstance(model, DraftTableModel)
        return model

    def current_row(self) -> int:
        return self.currentIndex().row()

    def select_row(self, row: int) -> None:
        model = self.draft_model()
        if not 0 <= row < model.rowCount():
            return
        column = self.currentIndex().column() if self.currentIndex().isValid() else DraftTableModel.QUESTION
        self.setCurrentIndex(model.index(row, column))
        self.scrollTo(model.index(row, 0))

    def edit_current(self, column: int | None = None) -> None:
        row = self.current_row()
        if row < 0:
            return
        if column is None:
            current = self.currentIndex().column()
            editable = (DraftTableModel.QUESTION, DraftTableModel.ANSWER)
            column = current if current in editable else DraftTableModel.QUESTION
        index = self.draft_model().index(row, column)
        self.setCurrentIndex(index)
        self.edit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if editing or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        key, row, model = event.key(), self.current_row(), self.draft_model()
        if key in _NEXT:
            self.select_row(row + 1)
        elif key in _PREVIOUS:
            self.select_row(max(row - 1, 0))
        elif key == Qt.Key.Key_Space and row >= 0:
            model.toggle(row)
        elif key == Qt.Key.Key_Y and row >= 0:
            model.set_accepted(row, True)
            self.select_row(row + 1)
        elif key in _REJECT and row >= 0:
            model.set_accepted(row, False)
            self.select_row(row + 1)
        elif key in _EDIT:
            self.edit_current()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _on_selection_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_row_changed.emit(current.row())
