"""The deck list: Enter or double-click studies the deck under the cursor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from studyapp.domain.ids import DeckId
from studyapp.ui.deck_tree_model import CARD_TOTAL_ROLE, DECK_ID_ROLE, DECK_NAME_ROLE, DeckTreeModel


class DeckTreeView(QTreeView):
    deck_activated = Signal(int)  # DeckId

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deckTree")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setExpandsOnDoubleClick(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setAnimated(False)
        self.doubleClicked.connect(self._on_self_double_clicked)

    def set_deck_model(self, model: DeckTreeModel) -> None:
        self.setModel(model)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DeckTreeModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (DeckTreeModel.NEW, DeckTreeModel.LEARN, DeckTreeModel.DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, 72)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # numbers: model

    def current_deck_id(self) -> DeckId | None:
        value = self._current_data(DECK_ID_ROLE)
        return DeckId(int(value)) if value is not None else None

    def current_deck_name(self) -> str:
        value = self._current_data(DECK_NAME_ROLE)
        return str(value) if value is not None else ""

    def current_card_total(self) -> int:
        """Cards in the selected deck and its subdecks."""
        return int(self._current_data(CARD_TOTAL_ROLE) or 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._emit_for(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_self_double_clicked(self, index: QModelIndex) -> None:
        self._emit_for(index)

    def _current_data(self, role: int) -> Any:
        index = self.currentIndex()
        return index.siblingAtColumn(0).data(role) if index.isValid() else None

    def _emit_for(self, index: QModelIndex) -> None:
        deck_id = index.siblingAtColumn(0).data(DECK_ID_ROLE)
        if deck_id is not None:
            self.deck_activated.emit(int(deck_id))
