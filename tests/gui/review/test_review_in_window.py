"""The review inside the main window: what the window's own actions do while a card is shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp.services.app import Services
from studyapp.ui.card_editor import CardEditorDialog
from studyapp.ui.main_window import MainWindow
from studyapp.ui.review.wiring import StudyViews, install_study_views


@pytest.fixture
def studying(fake_services: Services, seed_article: Path, window_factory: Callable[..., MainWindow]) -> StudyViews:
    """A window showing the answer side of the first card of "Taiwan missiles"."""
    fake_services.imports.import_file(seed_article, "Taiwan missiles")
    views = install_study_views(window_factory(seed=None, size=(1100, 720)))
    views.window.deck_view.setFocus()
    QtBot.keyClick(views.window.deck_view, Qt.Key.Key_Return)
    QtBot.keyClick(views.review, Qt.Key.Key_Space)
    return views


def test_adding_a_card_during_review_returns_to_the_same_card(
    qtbot: QtBot, studying: StudyViews, fake_services: Services
) -> None:
    window, review = studying.window, studying.review
    card = review.current_card
    assert card is not None and review.revealed
    qtbot.keyClick(review, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CardEditorDialog))
    editor = QApplication.activeModalWidget()
    assert isinstance(editor, CardEditorDialog)
    assert editor.deck_combo.currentText() == "Taiwan missiles"
    qtbot.keyClicks(editor.front_edit, "Which island operates F-16s?")
    qtbot.keyClicks(editor.back_edit, "Taiwan")
    with qtbot.waitSignal(editor.card_added):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Close), Qt.MouseButton.LeftButton)

    assert window.pages.currentWidget() is review
    assert review.current_card is not None and review.current_card.card.id == card.card.id
    assert review.revealed and review.card_widget.answer_label.isVisible()
    assert fake_services.browse.search('"Which island operates F-16s?"')
    with qtbot.waitSignal(review.card_answered):
        qtbot.keyClick(review, Qt.Key.Key_3)  # the review goes on where it was


def test_settings_ok_during_review_keeps_the_review(qtbot: QtBot, studying: StudyViews) -> None:
    window, review = studying.window, studying.review
    dialog = window.open_settings()
    dialog.accept()
    assert window.pages.currentWidget() is review


def test_back_to_decks_still_leaves_the_review(qtbot: QtBot, studying: StudyViews) -> None:
    with qtbot.waitSignal(studying.review.finished):
        qtbot.keyClick(studying.review, Qt.Key.Key_Escape)
    assert studying.window.pages.currentWidget() is studying.window.deck_page
