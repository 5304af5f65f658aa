"""The main window with the review, browser and statistics views plugged in, driven like a user,
with screenshots of each screen (folder from STUDYAPP_SCREENSHOTS, else tmp_path)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp.domain.clock import FixedClock
from studyapp.services.app import Services
from studyapp.ui.main_window import MainWindow
from studyapp.ui.review.wiring import StudyViews, install_study_views

pytest.importorskip("pyqtgraph")


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("STUDYAPP_SCREENSHOTS") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def wired(fake_services: Services, seed_article: Path, window_factory: Callable[..., MainWindow]) -> StudyViews:
    fake_services.imports.import_file(seed_article, "Taiwan missiles")
    return install_study_views(window_factory(seed=None, size=(1100, 720)))


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()  # let pending layout requests run, as the event loop would before painting
    assert widget.grab().save(str(path))


def test_study_browse_and_statistics_from_the_main_window(
    qtbot: QtBot, wired: StudyViews, shots: Path, fake_services: Services, clock: FixedClock
) -> None:
    window, review = wired.window, wired.review
    assert window.main_actions.review.isVisible() and window.main_actions.browse.isVisible()

    # Enter on the selected deck starts a review in the central stack.
    window.deck_view.setFocus()
    qtbot.keyClick(window.deck_view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is review
    assert review.card_widget.question_label.text()
    assert not window.main_actions.delete_deck.isEnabled()  # deck keys are off while studying
    save(window, shots / "review_question.png")
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert review.card_widget.answer_label.isVisible()
    save(window, shots / "review_answer.png")
    ratings = [Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_2]
    for key in ratings:
        if not review.revealed:
            qtbot.keyClick(review, Qt.Key.Key_Space)
        with qtbot.waitSignal(review.card_answered):
            qtbot.keyClick(review, key)
        clock.advance(timedelta(seconds=20))
    with qtbot.waitSignal(review.finished):
        qtbot.keyClick(review, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.deck_page

    # B opens the browser on the selected deck.
    window.main_actions.browse.trigger()
    browser = wired.browser
    assert browser is not None and window.pages.currentWidget() is browser
    assert browser.search_edit.text() == 'deck:"Taiwan missiles"'
    assert browser.model.rowCount() == len(fake_services.browse.search(""))
    save(window, shots / "browser.png")
    qtbot.mouseClick(browser.back_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.deck_page

    # Statistics after the scripted session.
    window.main_actions.statistics.trigger()
    stats = wired.stats
    assert stats is not None and window.pages.currentWidget() is stats
    assert stats.summary is not None and stats.summary.totals.reviews_today == len(ratings)
    save(window, shots / "statistics.png")
