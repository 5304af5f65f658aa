"""The browser's table: only card ids are held; rows are fetched a block at a time as they are shown.

A search returns ids (sorted by the database); ``data()`` asks the browse
service for the block of ``BLOCK_SIZE`` rows around the requested one and
keeps the most recent ``MAX_BLOCKS`` blocks.  Scrolling through 100k cards
therefore costs one small indexed query per block, and memory stays flat.
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack

from studyapp.domain.cards import CardKind, CardState
from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import CardId
from studyapp.domain.search import SortColumn
from studyapp.services.browse import BrowseService, CardRow
from studyapp.services.cards import CardService
from studyapp.ui.browser.commands import EditFieldCommand
from studyapp.ui.tooltips import wrapped_tooltip

BLOCK_SIZE = 200
MAX_BLOCKS = 64
CARD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY_CHARS = 300
TOOLTIP_CHARS = 2000
"""A tooltip is a glance at the card, not all of it (the side pane shows everything)."""

_Index = QModelIndex | QPersistentModelIndex
SUSPENDED_BRUSH = QBrush(QColor(255, 214, 0, 70))
BURIED_BRUSH = QBrush(QColor(128, 128, 128, 50))
STATE_NAMES = {
    CardState.NEW: "New",
    CardState.LEARNING: "Learning",
    CardState.REVIEW: "Review",
    CardState.RELEARNING: "Relearning",
}


class Column(enum.IntEnum):
    QUESTION = 0
    ANSWER = 1
    DECK = 2
    DUE = 3
    INTERVAL = 4
    STATE = 5
    REPS = 6
    LAPSES = 7
    TAGS = 8
    CREATED = 9
    MODIFIED = 10
    CONTEXT = 11


HEADERS = {
    Column.QUESTION: "Question",
    Column.ANSWER: "Answer",
    Column.DECK: "Deck",
    Column.DUE: "Due",
    Column.INTERVAL: "Interval",
    Column.STATE: "State",
    Column.REPS: "Reviews",
    Column.LAPSES: "Lapses",
    Column.TAGS: "Tags",
    Column.CREATED: "Created",
    Column.MODIFIED: "Modified",
    Column.CONTEXT: "Context",
}
SORT_KEYS = {
    Column.QUESTION: SortColumn.QUESTION,
    Column.ANSWER: SortColumn.ANSWER,
    Column.DECK: SortColumn.DECK,
    Column.DUE: SortColumn.DUE,
    Column.INTERVAL: SortColumn.INTERVAL,
    Column.STATE: SortColumn.STATE,
    Column.REPS: SortColumn.REPS,
    Column.LAPSES: SortColumn.LAPSES,
    Column.TAGS: SortColumn.TAGS,
    Column.CREATED: SortColumn.CREATED,
    Column.MODIFIED: SortColumn.MODIFIED,
    Column.CONTEXT: SortColumn.CONTEXT,
}
_NUMERIC = (Column.REPS, Column.LAPSES, Column.INTERVAL)


def one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= DISPLAY_CHARS else flat[: DISPLAY_CHARS - 1] + "…"


def local_day(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d") if moment is not None else ""


def due_text(row: CardRow) -> str:
    """When the card is due; a suspended or buried card says so instead (its due date is in the tooltip)."""
    if row.suspended:
        return "Suspended"
    if row.buried:
        return "Buried"
    return scheduled_text(row)


def scheduled_text(row: CardRow) -> str:
    if row.state is CardState.NEW:
        text = f"New #{row.position + 1}"
    elif row.due is None:
        text = ""
    elif row.state is CardState.REVIEW:
        text = local_day(row.due)
    else:
        text = row.due.astimezone().strftime("%m-%d %H:%M")
    return text


def due_tooltip(row: CardRow) -> str | None:
    scheduled = scheduled_text(row)
    if row.suspended:
        return f"Suspended: not shown in reviews until unsuspended (Ctrl+J). Due: {scheduled}"
    if row.buried:
        return f"Buried: hidden until tomorrow. Due: {scheduled}"
    return None


class CardTableModel(QAbstractTableModel):
    """Cards matching the current search, in the database's sort order; edits go through ``undo_stack``."""

    searched = Signal(int)  # number of cards found
    edit_failed = Signal(str)  # a message for the user
    context_seen_changed = Signal(bool)  # whether any card shown so far has a context line

    def __init__(
        self, browse: BrowseService, cards: CardService, undo_stack: QUndoStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._browse = browse
        self._cards = cards
        self._undo_stack = undo_stack
        self._ids: list[CardId] = []
        self._rows_of: dict[CardId, int] | None = None
        self._blocks: OrderedDict[int, dict[CardId, CardRow]] = OrderedDict()
        self._text = ""
        self._sort = Column.CREATED
        self._order = Qt.SortOrder.AscendingOrder
        self._context_seen = False
        self.pages_fetched = 0

    # ----------------------------------------------------------- searching

    @property
    def search_text(self) -> str:
        return self._text

    def search(self, text: str) -> int:
        """Show the cards matching ``text``; raises ``UserInputError`` (model unchanged) if it is malformed."""
        ids = self._browse.search(text, SORT_KEYS[self._sort], descending=self._order is Qt.SortOrder.DescendingOrder)
        self._text = text
        self._replace_ids(ids)
        return len(ids)

    def refresh(self) -> None:
        """Run the current search again (after changes made elsewhere, e.g. a review)."""
        self.search(self._text)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0 or column >= len(Column):
            return
        self._sort = Column(column)
        self._order = order
        self.layoutAboutToBeChanged.emit()
        try:
            descending = order is Qt.SortOrder.DescendingOrder
            ids = self._browse.search(self._text, SORT_KEYS[self._sort], descending=descending)
        except StudyAppError as error:
            self.layoutChanged.emit()
            self.edit_failed.emit(error.message)
            return
        moved = {card_id: row for row, card_id in enumerate(ids)}
        old_ids = self._ids
        self._ids = ids
        self._rows_of = moved
        self._blocks.clear()
        persistent = self.persistentIndexList()
        new_indexes = []
        for index in persistent:
            row = moved.get(old_ids[index.row()]) if 0 <= index.row() < len(old_ids) else None
            new_indexes.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(persistent, new_indexes)
        self.layoutChanged.emit()

    def _replace_ids(self, ids: list[CardId]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._rows_of = None
        self._blocks.clear()
        self._context_seen = False
        self.endResetModel()
        self.card_row(0)  # the first block is shown at once anyway: it tells whether any context is shown
        self.context_seen_changed.emit(self._context_seen)
        self.searched.emit(len(ids))

    @property
    def context_seen(self) -> bool:
        """Any card fetched for this search has a context line (the view hides an empty Context column)."""
        return self._context_seen

    # -------------------------------------------------------------- access

    def card_id(self, row: int) -> CardId:
        return self._ids[row]

    def card_ids(self) -> list[CardId]:
        return list(self._ids)

    def row_of(self, card_id: CardId) -> int | None:
        if self._rows_of is None:
            self._rows_of = {cid: row for row, cid in enumerate(self._ids)}
        return self._rows_of.get(card_id)

    def card_row(self, row: int) -> CardRow | None:
        """The row's data, fetching its block if needed; None if the card was deleted meanwhile."""
        if not 0 <= row < len(self._ids):
            return None
        block = row // BLOCK_SIZE
        rows = self._blocks.get(block)
        if rows is None:
            start = block * BLOCK_SIZE
            rows = self._browse.rows(self._ids[start : start + BLOCK_SIZE])
            self.pages_fetched += 1
            self._blocks[block] = rows
            if not self._context_seen and any(r.context.strip() for r in rows.values()):
                self._context_seen = True
                self.context_seen_changed.emit(True)
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        return rows.get(self._ids[row])

    @property
    def cached_rows(self) -> int:
        return sum(len(rows) for rows in self._blocks.values())

    def report_error(self, message: str) -> None:
        self.edit_failed.emit(message)

    def refresh_cards(self, card_ids: list[CardId]) -> None:
        """Fetch these cards again (after an edit, move, tag or suspend) and repaint their rows."""
        rows = sorted(r for r in (self.row_of(cid) for cid in card_ids) if r is not None)
        for block in {r // BLOCK_SIZE for r in rows}:
            self._blocks.pop(block, None)
        last = len(Column) - 1
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def remove_cards(self, card_ids: list[CardId]) -> None:
        """Take deleted cards out of the table (rows below move up)."""
        rows = sorted((r for r in (self.row_of(cid) for cid in card_ids) if r is not None), reverse=True)
        for row in rows:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self._rows_of = None
            self._blocks.clear()
            self.endRemoveRows()

    # ------------------------------------------------------------- Qt model

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation is Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return HEADERS[Column(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(Column):
            return None
        if role == CARD_ID_ROLE:
            return int(self._ids[index.row()])
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        row = self.card_row(index.row())
        if row is None:
            return "(deleted)" if role == Qt.ItemDataRole.DisplayRole and column is Column.QUESTION else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.suspended:
                return SUSPENDED_BRUSH
            return BURIED_BRUSH if row.buried else None
        if role == Qt.ItemDataRole.EditRole:
            if column is Column.QUESTION:
                return row.front
            if column is Column.ANSWER:
                return row.back
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (Column.QUESTION, Column.ANSWER):
                context = f"Context: {row.context}" if row.context.strip() else ""
                return wrapped_tooltip(context, row.question[:TOOLTIP_CHARS], f"Answer: {row.answer[:TOOLTIP_CHARS]}")
            if column is Column.CONTEXT:
                return wrapped_tooltip(row.context) or None
            if column is Column.DUE:
                return due_tooltip(row)
            return None
        return self._display(row, column)

    @staticmethod
    def _display(row: CardRow, column: Column) -> str:
        if column is Column.QUESTION:
            return one_line(row.question)
        if column is Column.ANSWER:
            return one_line(row.answer)
        if column is Column.DECK:
            return row.deck
        if column is Column.DUE:
            return due_text(row)
        if column is Column.INTERVAL:
            return row.interval
        if column is Column.STATE:
            state = STATE_NAMES[row.state]
            return f"{state} (suspended)" if row.suspended else f"{state} (buried)" if row.buried else state
        if column is Column.REPS:
            return str(row.reps)
        if column is Column.LAPSES:
            return str(row.lapses)
        if column is Column.TAGS:
            return " ".join(row.tags)
        if column is Column.CREATED:
            return local_day(row.created)
        if column is Column.CONTEXT:
            return one_line(row.context)
        return local_day(row.modified)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column == Column.QUESTION:
            return flags | Qt.ItemFlag.ItemIsEditable
        if column == Column.ANSWER:
            row = self.card_row(index.row())
            if row is not None and row.kind is CardKind.BASIC:
                return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Edit a question or answer in place; the change goes on the undo stack."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not isinstance(value, str):
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = self.card_row(index.row())
        if row is None:
            return False
        field = "front" if index.column() == Column.QUESTION else "back"
        old = row.front if field == "front" else row.back
        if value == old:
            return False
        command = EditFieldCommand(self._cards, self, row.id, field, old, value)
        if not command.apply_first():
            return False
        self._undo_stack.push(command)
        return True
