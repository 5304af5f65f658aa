"""In-place editing of a card's text in a table: a few lines tall, not a one-line strip of markup.

Keys follow the add-card dialog, where Ctrl+Enter saves: in the cell Ctrl+Enter
(or Enter) saves the edit, Shift+Enter starts a new line, Escape leaves the text
as it was.  The editor claims Ctrl+Enter before the dialog's own shortcut, so
saving a cell never also adds the cards.  A text the model refuses (a cloze
without a deletion) stays in the editor, with the model's reason shown.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MIN_LINES, MAX_LINES = 3, 10
"""The editor is as tall as its text needs at the cell's width, within these (then it scrolls)."""


class CellTextEdit(QPlainTextEdit):
    """The cell's editor; ``save_requested`` on Enter or Ctrl+Enter."""

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cellTextEdit")
        self.setTabChangesFocus(True)
        self.setToolTip("Enter or Ctrl+Enter saves · Shift+Enter starts a new line · Esc cancels")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and event.key() in _ENTER:
            event.accept()  # Enter is ours while editing, not the dialog's Ctrl+Enter shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER:
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.save_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class MultiLineDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = CellTextEdit(parent)
        editor.save_requested.connect(partial(self._save, editor, QPersistentModelIndex(index)))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, CellTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()  # as a one-line cell editor does: typing replaces, an arrow key keeps
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, CellTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: _Index) -> None:
        """The cell's width, a few lines tall, kept inside the table's viewport."""
        rect = option.rect
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")  # the editor may not hold it yet
        lines = _lines_needed(text, editor.fontMetrics(), rect.width())
        height = max(rect.height(), editor.fontMetrics().lineSpacing() * lines + 12)
        area = editor.parentWidget()
        top = rect.top()
        if area is not None and top + height > area.height():
            top = max(0, area.height() - height)
        editor.setGeometry(rect.left(), top, rect.width(), height)

    def _save(self, editor: CellTextEdit, index: QPersistentModelIndex) -> None:
        """Save and close; a text the model refuses stays in the editor to be fixed (the model says why)."""
        model, text = index.model(), editor.toPlainText()
        changed = index.isValid() and text != index.data(Qt.ItemDataRole.EditRole)
        if model is not None and changed and not model.setData(index, text, Qt.ItemDataRole.EditRole):
            return
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def _lines_needed(text: str, metrics: QFontMetrics, width: int) -> int:
    usable = max(width - 24, 40)  # the frame, margins and a scroll bar
    # words wrap, not letters: a line holds a little less than its width of text
    lines = sum(max(1, -(-metrics.horizontalAdvance(line) * 6 // (usable * 5))) for line in text.split("\n"))
    return min(max(lines + 1, MIN_LINES), MAX_LINES)  # one spare line to type on
