"""Custom study from the main window, as in Anki: C on a deck, pick a kind and an amount, OK."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.scheduling import Rating
from studyapp.services.app import Services
from studyapp.ui.main_window import MainWindow
from studyapp.ui.review.custom_study_dialog import CustomStudyDialog
from studyapp.ui.review.wiring import StudyViews, install_study_views


@pytest.fixture
def wired(fake_services: Services, window_factory: Callable[..., MainWindow]) -> StudyViews:
    for i in range(30):
        fake_services.cards.add("Spanish", CardKind.BASIC, f"word {i}", f"palabra {i}")
    views = install_study_views(window_factory(seed=None, size=(1000, 700)))
    views.window.refresh_decks()
    views.window.select_deck(fake_services.decks.id_of("Spanish"))
    return views


def _open(qtbot: QtBot, views: StudyViews) -> CustomStudyDialog:
    views.window.deck_view.setFocus()
    qtbot.keyClick(views.window.deck_view, Qt.Key.Key_C)
    dialog = views.custom_study_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _new_count(services: Services) -> int:
    return next(row.new for row in services.decks.list() if row.name == "Spanish")


def test_more_new_cards_today_raises_the_decks_count_and_says_so(
    qtbot: QtBot, wired: StudyViews, fake_services: Services
) -> None:
    assert _new_count(fake_services) == 20  # the default daily limit
    dialog = _open(qtbot, wired)
    assert "Spanish" in dialog.windowTitle()
    assert dialog.radios["more new"].isChecked() and dialog.amount_spin.value() == 10
    dialog.amount_spin.setValue(5)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _new_count(fake_services) == 25
    assert wired.window.notice_label.text() == "'Spanish' may show 5 more new cards today."
    assert wired.window.pages.currentWidget() is wired.window.deck_page


def test_review_ahead_studies_tomorrows_cards_now(
    qtbot: QtBot, wired: StudyViews, fake_services: Services, clock: FixedClock
) -> None:
    session = fake_services.reviews.start(fake_services.decks.id_of("Spanish"))
    for _ in range(3):  # three cards learnt today, due again in a few days
        card = session.next_card()
        assert card is not None
        session.answer(card.card.id, Rating.EASY)
    clock.advance(timedelta(hours=1))
    dialog = _open(qtbot, wired)
    ahead = dialog.radios["ahead"]
    qtbot.mouseClick(ahead, Qt.MouseButton.LeftButton, pos=QPoint(10, ahead.height() // 2))  # on its circle
    assert dialog.amount_label.text() == "Days a&head"
    dialog.amount_spin.setValue(60)
    assert "next 60 days" in dialog.explanation.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    review = wired.review
    assert wired.window.pages.currentWidget() is review
    assert review.session is not None and review.session.custom is not None
    assert review.session.counts().review == 3
    assert review.card_widget.question_label.text().startswith("word")


def test_cancel_changes_nothing(qtbot: QtBot, wired: StudyViews, fake_services: Services) -> None:
    dialog = _open(qtbot, wired)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert _new_count(fake_services) == 20
    assert wired.window.pages.currentWidget() is wired.window.deck_page


def test_custom_study_is_in_the_decks_menu_beside_study(wired: StudyViews) -> None:
    actions = wired.window.main_actions
    assert actions.custom_study.isVisible() and actions.custom_study.isEnabled()
    menus = [a.menu() for a in wired.window.menuBar().actions() if a.menu() is not None]
    decks = next(m for m in menus if actions.custom_study in m.actions())
    assert decks.title() == "&Decks"
    assert decks.actions().index(actions.custom_study) == decks.actions().index(actions.review) + 1
