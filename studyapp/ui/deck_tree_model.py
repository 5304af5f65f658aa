"""The deck list as a tree (``A::B`` is B under A) with New / Learn / Due, like Anki."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from studyapp.domain.ids import DeckId
from studyapp.services.rows import DeckRow
from studyapp.ui.queue_colors import LEARN_COLOR, NEW_COLOR, REVIEW_COLOR

SEPARATOR = "::"
DEFAULT_DECK = "Default"
"""The deck every collection starts with; the deck list hides it while it is empty and other decks exist."""
DECK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DECK_NAME_ROLE = Qt.ItemDataRole.UserRole + 2
CARD_TOTAL_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(eq=False)
class _Node:
    row: DeckRow | None
    parent: _Node | None
    children: list[_Node] = field(default_factory=list)

    def position(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0


class DeckTreeModel(QAbstractItemModel):
    COLUMNS = ("Deck", "New", "Learn", "Due")
    NAME, NEW, LEARN, DUE = range(4)
    _COUNT_COLORS: ClassVar[dict[int, QColor]] = {
        NEW: QColor(NEW_COLOR),
        LEARN: QColor(LEARN_COLOR),
        DUE: QColor(REVIEW_COLOR),
    }

    def __init__(self, rows: Sequence[DeckRow] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node(None, None)
        self._by_id: dict[DeckId, _Node] = {}
        self._build(rows)

    # public
    def set_rows(self, rows: Sequence[DeckRow]) -> None:
        self.beginResetModel()
        self._build(rows)
        self.endResetModel()

    def index_of(self, deck_id: DeckId) -> QModelIndex:
        node = self._by_id.get(deck_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.position(), 0, node)

    def row_at(self, index: _Index) -> DeckRow | None:
        node = self._node(index)
        return node.row if node is not self._root else None

    def deck_count(self) -> int:
        return len(self._by_id)

    def deck_names(self) -> list[str]:
        return sorted(node.row.name for node in self._by_id.values() if node.row is not None)

    def all_rows(self) -> list[DeckRow]:
        """Every deck in the tree, each level before the levels under it."""
        rows: list[DeckRow] = []
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for r in range(self.rowCount(parent)):
                index = self.index(r, 0, parent)
                row = self.row_at(index)
                if row is not None:
                    rows.append(row)
                stack.append(index)
        return rows

    # Qt overrides
    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._node(index).parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.position(), 0, node)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return len(self.COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != self.NAME:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                None,
                "New cards you can still study today",
                "Cards in (re)learning due today",
                "Reviews due today",
            )[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._node(index).row
        if row is None:
            return None
        column = index.column()
        counts = {self.NEW: row.new, self.LEARN: row.learning, self.DUE: row.due}
        if role == Qt.ItemDataRole.DisplayRole:
            return row.short_name if column == self.NAME else counts[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return f"{row.name}\n{row.total} card{'s' if row.total != 1 else ''}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and column != self.NAME:
            return QBrush(self._COUNT_COLORS[column]) if counts[column] else QBrush(QColor(128, 128, 128, 140))
        if role == Qt.ItemDataRole.FontRole and column != self.NAME and counts[column]:
            font = QFont()
            font.setBold(True)
            return font
        if role == DECK_ID_ROLE:
            return int(row.id)
        if role == DECK_NAME_ROLE:
            return row.name
        if role == CARD_TOTAL_ROLE:
            return row.total
        return None

    # internals
    def _node(self, index: _Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def _build(self, rows: Sequence[DeckRow]) -> None:
        self._root = _Node(None, None)
        by_name: dict[str, _Node] = {}
        self._by_id = {}
        for row in sorted(rows, key=lambda r: r.name.casefold().split(SEPARATOR)):
            parent_name = row.name.rpartition(SEPARATOR)[0]
            parent = by_name.get(parent_name, self._root) if parent_name else self._root
            node = _Node(row, parent)
            parent.children.append(node)
            by_name[row.name] = node
            self._by_id[row.id] = node
