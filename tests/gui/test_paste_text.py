"""Paste text: what the user typed survives every later step that does not add its cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyapp.services.app import Services
from studyapp.ui.import_preview.import_dialog import ImportDialog
from studyapp.ui.import_preview.paste_text_dialog import PasteTextDialog
from studyapp.ui.main_window import MainWindow

ARTICLE = "Taiwan operates many F-16 fighter jets. China regards Taiwan as a breakaway province."


def _paste(qtbot: QtBot, window: MainWindow, text: str) -> PasteTextDialog:
    window.main_actions.paste.trigger()
    dialog = window.import_flow.paste_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.text_edit, line)
    return dialog


def _reopened(qtbot: QtBot, window: MainWindow, closed: PasteTextDialog) -> PasteTextDialog:
    qtbot.waitUntil(lambda: window.import_flow.paste_dialog not in (None, closed))
    dialog = window.import_flow.paste_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Taiwan\nmissiles\nradar", "The pasted text has no sentences to make cards from"),  # refused on reading
        ("Taiwan operates many fighter jets made in America", "No cards could be made from this text"),  # no card made
    ],
    ids=["error", "no-cards"],
)
def test_the_text_comes_back_with_the_reason_when_no_cards_can_be_made(
    qtbot: QtBot, main_window: MainWindow, text: str, message: str
) -> None:
    dialog = _paste(qtbot, main_window, text)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    again = _reopened(qtbot, main_window, dialog)
    assert again.text() == text
    assert again.message_label.isVisible() and again.message_label.text().startswith(message)
    assert again.message_label.objectName() == "inlineError"
    qtbot.keyClicks(again.text_edit, " Taiwan operates many F-16 fighter jets.")  # carries on at the end
    assert again.text() == text + " Taiwan operates many F-16 fighter jets."


def test_cancelling_the_preview_keeps_the_text_for_the_next_paste(qtbot: QtBot, main_window: MainWindow) -> None:
    dialog = _paste(qtbot, main_window, ARTICLE)
    with qtbot.waitSignal(main_window.import_flow.preview_opened, timeout=10_000) as opened:
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    preview = opened.args[0]
    assert isinstance(preview, ImportDialog)
    qtbot.mouseClick(preview.cancel_button, Qt.MouseButton.LeftButton)

    main_window.main_actions.paste.trigger()
    again = main_window.import_flow.paste_dialog
    assert again is not None and again.text() == ARTICLE
    assert again.message_label.isHidden()
    assert again.text_edit.textCursor().selectedText() == ARTICLE  # a new paste replaces it in one go


def test_cancelling_the_paste_dialog_keeps_what_was_typed(qtbot: QtBot, main_window: MainWindow) -> None:
    dialog = _paste(qtbot, main_window, "Half an article about Taiwan")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    main_window.main_actions.paste.trigger()
    again = main_window.import_flow.paste_dialog
    assert again is not None and again.text() == "Half an article about Taiwan"


def test_adding_the_cards_empties_the_next_paste(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services
) -> None:
    dialog = _paste(qtbot, main_window, ARTICLE)
    with qtbot.waitSignal(main_window.import_flow.preview_opened, timeout=10_000) as opened:
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    preview = opened.args[0]
    assert isinstance(preview, ImportDialog)
    preview.deck_combo.setEditText("Taiwan")
    with qtbot.waitSignal(preview.cards_added, timeout=10_000):
        qtbot.mouseClick(preview.add_button, Qt.MouseButton.LeftButton)
    assert fake_services.browse.search("deck:Taiwan")
    main_window.main_actions.paste.trigger()
    again = main_window.import_flow.paste_dialog
    assert again is not None and again.text() == ""
