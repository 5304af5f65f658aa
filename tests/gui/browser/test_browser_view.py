"""The browser as a user drives it: typing searches, clicking headers, editing cells, keys for bulk actions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from studyapp.domain.ids import CardId
from studyapp.services.app import Services
from studyapp.ui.browser.browser_view import BrowserView
from studyapp.ui.browser.card_table_model import Column
from studyapp.ui.multiline_delegate import CellTextEdit

# The offscreen platform says this whenever a dialog is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_search(qtbot: QtBot, view: BrowserView, text: str) -> None:
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search_edit.hasFocus()
    qtbot.keyClicks(view.search_edit, text)
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)


def questions(view: BrowserView) -> list[str]:
    model = view.model
    return [model.data(model.index(row, Column.QUESTION)) for row in range(model.rowCount())]


def select(qtbot: QtBot, view: BrowserView, row: int) -> None:
    rect = view.table.visualRect(view.model.index(row, Column.DECK))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view.table.setFocus()


def test_opens_on_every_card_with_the_first_one_in_the_side_panel(browser: BrowserView) -> None:
    assert browser.model.rowCount() == 4
    assert browser.count_label.text() == "4 cards shown"
    assert browser.detail.question_label.text() == "Which missile does Taiwan want?"
    assert browser.detail.source_title_label.text() == "Taiwan buys missiles"
    assert "Taiwan wants the AGM-158 JASSM missile." in browser.detail.source_view.toPlainText()


def test_typing_a_search_filters_the_table(qtbot: QtBot, browser: BrowserView) -> None:
    type_search(qtbot, browser, "deck:Lang -tag:markup")
    assert sorted(questions(browser)) == ["Hola?", "Taipei is the capital of [...]."]
    assert browser.count_label.text() == "2 cards shown"


def test_a_malformed_search_is_explained_under_the_box(qtbot: QtBot, browser: BrowserView) -> None:
    type_search(qtbot, browser, 'deck:"Lang')
    assert browser.search_error_label.isVisible()
    assert browser.search_error_label.text() == 'The search has a quote (") that is not closed.'
    assert browser.model.rowCount() == 4  # the last good search stays


def test_html_in_cards_is_shown_literally(browser: BrowserView) -> None:
    assert "<b>bold?</b>" in questions(browser)
    browser.select_card(browser.model.card_id(questions(browser).index("<b>bold?</b>")))
    assert browser.detail.question_label.text() == "<b>bold?</b>"
    assert browser.detail.question_label.textFormat() == Qt.TextFormat.PlainText


def test_clicking_a_header_sorts_by_that_column(qtbot: QtBot, browser: BrowserView) -> None:
    header = browser.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(Column.QUESTION) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert header.sortIndicatorSection() == Column.QUESTION
    ascending = ["<b>bold?</b>", "Hola?", "Taipei is the capital of [...].", "Which missile does Taiwan want?"]
    assert questions(browser) == ascending
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert questions(browser) == list(reversed(ascending))


def test_edit_in_place_then_ctrl_z_undoes_it(
    qtbot: QtBot, browser: BrowserView, services: Services, small_collection: dict[str, CardId]
) -> None:
    view = browser
    row = view.model.row_of(small_collection["hola"])
    assert row is not None
    view.table.setCurrentIndex(view.model.index(row, Column.ANSWER))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, CellTextEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Hi there")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.table.state() is not QAbstractItemView.State.EditingState)  # commits queued
    assert services.cards.get(small_collection["hola"]).back == "Hi there"
    assert view.model.data(view.model.index(row, Column.ANSWER)) == "Hi there"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.cards.get(small_collection["hola"]).back == "Hello"
    assert view.model.data(view.model.index(row, Column.ANSWER)) == "Hello"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert services.cards.get(small_collection["hola"]).back == "Hi there"


def test_ctrl_d_moves_selected_cards_to_a_new_deck_and_undo_moves_them_back(
    qtbot: QtBot, browser: BrowserView, services: Services, small_collection: dict[str, CardId]
) -> None:
    view = browser
    view.search("deck:Lang")
    view.table.selectAll()
    qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = view.move_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.deck_combo.setEditText("Archive::2026")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert sorted(services.browse.search('deck:"Archive::2026"')) == sorted(
        [small_collection["hola"], small_collection["cloze"], small_collection["html"]]
    )
    assert {view.model.data(view.model.index(r, Column.DECK)) for r in range(3)} == {"Archive::2026"}
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.cards.get(small_collection["hola"]).deck_name == "Lang::Spanish"
    assert services.cards.get(small_collection["cloze"]).deck_name == "Lang"


def test_ctrl_shift_t_adds_and_removes_tags_with_undo(
    qtbot: QtBot, browser: BrowserView, services: Services, small_collection: dict[str, CardId]
) -> None:
    view = browser
    view.select_card(small_collection["hola"])
    qtbot.keyClick(view.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = view.tags_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.add_edit, "spanish basics")
    qtbot.keyClicks(dialog.remove_edit, "greeting")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert services.cards.get(small_collection["hola"]).tags == ("basics", "spanish")
    assert view.detail.tags_label.text() == "basics spanish"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.cards.get(small_collection["hola"]).tags == ("greeting",)
    assert view.detail.tags_label.text() == "greeting"


def test_ctrl_j_suspends_then_unsuspends_and_undo_restores(
    qtbot: QtBot, browser: BrowserView, services: Services, small_collection: dict[str, CardId]
) -> None:
    view = browser
    hola = small_collection["hola"]
    view.select_card(hola)
    qtbot.keyClick(view.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert services.browse.search("is:suspended") == [hola]
    row = view.model.row_of(hola)
    assert row is not None
    assert view.model.data(view.model.index(row, Column.STATE)) == "New (suspended)"
    assert view.model.data(view.model.index(row, Column.DUE)) == "Suspended"
    assert "Due: New #2" in view.model.data(view.model.index(row, Column.DUE), Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(view.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert services.browse.search("is:suspended") == []
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.browse.search("is:suspended") == [hola]
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.browse.search("is:suspended") == []


def test_delete_asks_first_and_then_removes_the_rows(
    qtbot: QtBot, browser: BrowserView, services: Services, small_collection: dict[str, CardId]
) -> None:
    view = browser
    view.select_card(small_collection["html"])
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    box = view.confirm_box
    assert box is not None
    qtbot.waitExposed(box)
    assert "deletion log" in box.informativeText()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert len(services.browse.search("")) == 4

    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    box = view.confirm_box
    assert box is not None
    qtbot.waitExposed(box)
    with qtbot.waitSignal(view.cards_changed):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert small_collection["html"] not in services.browse.search("")
    assert "<b>bold?</b>" not in questions(view)
    assert view.count_label.text() == "3 cards shown"


def test_side_panel_opens_the_article_and_card_info(
    qtbot: QtBot, browser: BrowserView, small_collection: dict[str, CardId]
) -> None:
    view = browser
    view.select_card(small_collection["missile"])
    qtbot.mouseClick(view.detail.article_button, Qt.MouseButton.LeftButton)
    assert view.source_dialog is not None
    qtbot.waitExposed(view.source_dialog)
    assert view.source_dialog.highlighted_text() == "Taiwan wants the AGM-158 JASSM missile."
    view.source_dialog.reject()
    qtbot.mouseClick(view.detail.info_button, Qt.MouseButton.LeftButton)
    assert view.info_dialog is not None
    assert view.info_dialog.value_labels["Deck"].text() == "World History"
    view.info_dialog.reject()
    view.select_card(small_collection["hola"])
    assert not view.detail.article_button.isEnabled()
    assert view.detail.source_title_label.text() == "Written by hand"


def test_header_menu_shows_a_hidden_column(browser: BrowserView) -> None:
    assert browser.table.isColumnHidden(Column.LAPSES)
    header = browser.table.horizontalHeader()
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    toggle = browser.column_actions[Column.LAPSES]
    assert toggle in header.actions() and toggle.text() == "Lapses" and not toggle.isChecked()
    toggle.trigger()
    assert not browser.table.isColumnHidden(Column.LAPSES)


def test_the_clear_button_shows_every_card_again(qtbot: QtBot, browser: BrowserView) -> None:
    type_search(qtbot, browser, "Hola")
    assert browser.model.rowCount() == 1
    buttons = [b for b in browser.search_edit.findChildren(QToolButton) if b.isVisible()]
    assert len(buttons) == 1  # the ⓧ clear button appears once there is text
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert browser.search_edit.text() == ""
    assert browser.model.rowCount() == 4
    assert browser.count_label.text() == "4 cards shown"


def test_the_question_column_stays_readable_and_resizable_at_900_px(qtbot: QtBot, browser: BrowserView) -> None:
    browser.resize(900, 600)
    qtbot.waitUntil(lambda: browser.width() == 900)
    header = browser.table.horizontalHeader()
    assert header.sectionSize(Column.QUESTION) >= 250  # "Which missile does Taiwan want?" fits, not "Wha…"
    assert header.sectionResizeMode(Column.QUESTION) == header.ResizeMode.Interactive
    header.resizeSection(Column.QUESTION, 400)  # what dragging the header's edge does
    assert header.sectionSize(Column.QUESTION) == 400
    deck_text = "World History"
    assert header.sectionSize(Column.DECK) > browser.table.fontMetrics().horizontalAdvance(deck_text) + 12
