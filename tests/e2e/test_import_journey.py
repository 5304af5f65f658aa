"""A whole import, as a user does it: sample → triage → edit → add → the deck list counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from studyapp.services.app import Services
from studyapp.ui.deck_tree_model import DeckTreeModel
from studyapp.ui.import_preview.draft_table_model import DraftTableModel
from studyapp.ui.import_preview.import_dialog import ImportDialog
from studyapp.ui.main_window import MainWindow
from studyapp.ui.multiline_delegate import CellTextEdit


def test_import_sample_deselect_two_edit_one_add(qtbot: QtBot, app_window: MainWindow, services: Services) -> None:
    with qtbot.waitSignal(app_window.import_flow.preview_opened, timeout=60_000) as opened:
        qtbot.mouseClick(app_window.empty_state.sample_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, ImportDialog)
    proposed = dialog.model.rowCount()
    assert proposed >= 5

    table = dialog.table_view
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_X)  # reject the first
    qtbot.keyClick(table, Qt.Key.Key_X)  # and the second
    table.setCurrentIndex(dialog.model.index(2, DraftTableModel.ANSWER))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().findChild(CellTextEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "an edited answer")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert dialog.model.draft(2).answer == "an edited answer"

    kept = proposed - 2
    dialog.deck_combo.setEditText("Taiwan")
    assert dialog.add_button.text() == f"Add {kept} cards to deck “Taiwan”"
    with qtbot.waitSignal(dialog.cards_added, timeout=10_000):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: app_window.pages.currentWidget() is app_window.deck_page)
    taiwan = app_window.deck_model.index_of(services.decks.id_of("Taiwan"))
    assert taiwan.data() == "Taiwan"
    new_today = min(kept, services.decks.options(services.decks.id_of("Taiwan")).new_per_day)
    assert taiwan.siblingAtColumn(DeckTreeModel.NEW).data() == new_today
    assert app_window.notice_label.text().startswith(f"Added {kept} cards to deck 'Taiwan'")
    stored = next(row for row in services.decks.list() if row.name == "Taiwan")
    assert stored.total == kept
