"""Proposed cards as a table: keep?, type, question, answer, checks.

Question and answer are editable in place; an edit replaces the frozen draft
(``dataclasses.replace``) and is reported through ``edit_rejected`` when the
text would make a broken card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.errors import UserInputError
from studyapp.domain.wording import rewrite_note
from studyapp.ui.import_preview.check_words import BY_HAND, EDITED, REWRITTEN, checks_tooltip
from studyapp.ui.import_preview.draft_edits import MANUAL_PATTERN, edit_answer, edit_question, question_for_editing
from studyapp.ui.tooltips import wrapped_tooltip

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

WARNINGS_ROLE = Qt.ItemDataRole.UserRole + 1
"""The badges of a row, as a list of strings (the delegate paints them)."""


@dataclass(slots=True)
class _Item:
    draft: CardDraft
    accepted: bool = True
    edited: bool = False


class DraftTableModel(QAbstractTableModel):
    KEEP, KIND, QUESTION, ANSWER, WARNINGS = range(5)
    HEADERS = ("", "Type", "Question", "Answer", "Checks")

    accepted_count_changed = Signal(int)
    edit_rejected = Signal(str)

    def __init__(self, drafts: Sequence[CardDraft] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items = [_Item(draft) for draft in drafts]

    # public
    def draft(self, row: int) -> CardDraft:
        return self._items[row].draft

    def is_accepted(self, row: int) -> bool:
        return self._items[row].accepted

    def set_accepted(self, row: int, accepted: bool) -> None:
        self.setData(self.index(row, self.KEEP), _check_state(accepted), Qt.ItemDataRole.CheckStateRole)

    def toggle(self, row: int) -> None:
        self.set_accepted(row, not self._items[row].accepted)

    def accepted_drafts(self) -> list[CardDraft]:
        return [item.draft for item in self._items if item.accepted]

    def accepted_count(self) -> int:
        return sum(item.accepted for item in self._items)

    def set_all_accepted(self, accepted: bool) -> None:
        for row in range(len(self._items)):
            self._items[row].accepted = accepted
        if self._items:
            self.dataChanged.emit(self.index(0, self.KEEP), self.index(len(self._items) - 1, self.KEEP))
        self.accepted_count_changed.emit(self.accepted_count())

    def append(self, draft: CardDraft) -> int:
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append(_Item(draft, accepted=True, edited=True))
        self.endInsertRows()
        self.accepted_count_changed.emit(self.accepted_count())
        return row

    # Qt overrides
    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == self.KEEP:
                return "Keep this card (Space or Y; X rejects)"
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and section >= 0:
            return section + 1
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.KEEP:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (self.QUESTION, self.ANSWER):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        draft, column = item.draft, index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.KEEP:
            return _check_state(item.accepted)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == self.QUESTION:
                return question_for_editing(draft)
            if column == self.ANSWER:
                return draft.answer
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.QUESTION:
                return _question_tooltip(draft)
            if column == self.ANSWER:
                return wrapped_tooltip(draft.answer) or None
            if column == self.WARNINGS:
                return checks_tooltip(self._badges(item), draft) or None
        if role == Qt.ItemDataRole.ForegroundRole and not item.accepted and column != self.KEEP:
            return QBrush(QColor(128, 128, 128))
        if role == WARNINGS_ROLE:
            return self._badges(item)
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return False
        item, column = self._items[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.KEEP:
            accepted = _is_checked(value)
            if accepted == item.accepted:
                return True
            item.accepted = accepted
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.WARNINGS - 1))
            self.accepted_count_changed.emit(self.accepted_count())
            return True
        if role != Qt.ItemDataRole.EditRole or column not in (self.QUESTION, self.ANSWER):
            return False
        text = str(value)
        current = question_for_editing(item.draft) if column == self.QUESTION else item.draft.answer
        if text == current:
            return True
        try:
            draft = edit_question(item.draft, text) if column == self.QUESTION else edit_answer(item.draft, text)
        except UserInputError as error:
            self.edit_rejected.emit(error.message)
            return False
        item.draft, item.edited = draft, True
        self.dataChanged.emit(self.index(index.row(), self.QUESTION), self.index(index.row(), self.WARNINGS))
        return True

    # internals
    def _display(self, item: _Item, column: int) -> str | None:
        draft = item.draft
        if column == self.KIND:
            return "Cloze" if draft.kind is CardKind.CLOZE else "Q/A"
        if column == self.QUESTION:
            return draft.question
        if column == self.ANSWER:
            return draft.answer
        if column == self.WARNINGS:
            return ", ".join(self._badges(item))
        return None

    def _badges(self, item: _Item) -> list[str]:
        badges = [warning.value for warning in item.draft.warnings]
        if item.draft.rewrites:
            badges.append(REWRITTEN)
        if item.draft.pattern == MANUAL_PATTERN:
            badges.append(BY_HAND)
        elif item.edited:
            badges.append(EDITED)
        return badges


def _question_tooltip(draft: CardDraft) -> str:
    """The card as the learner will read it (a cloze with its blank, not its markup) under its context
    line, then its answer and what the card rewrote."""
    context = f"Context: {draft.context}" if draft.context else ""
    rewrites = [f"• {rewrite_note(r)}" for r in draft.rewrites]
    return wrapped_tooltip(context, draft.question, f"Answer: {draft.answer}", *rewrites)


def _check_state(accepted: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked


def _is_checked(value: object) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return value == Qt.CheckState.Checked.value or value is True
