"""The review shows a card's context line above the question, on both sides; none when it has none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.services.app import Services
from studyapp.ui.review.review_view import ReviewView
from tests.gui.review.conftest import show_active


def _study(qtbot: QtBot, services: Services, article: Article, drafts: list[CardDraft]) -> ReviewView:
    services.imports.add_drafts(article, drafts, "Space")
    view = show_active(qtbot, ReviewView(services), (900, 600))
    view.start(services.decks.id_of("Space"))
    return view


def test_context_line_shows_above_the_question_on_both_sides(
    qtbot: QtBot, services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    view = _study(qtbot, services, webb_article, webb_drafts[:1])
    card = view.card_widget
    assert card.context_label.isVisible()
    assert card.context_label.text() == "Astronomy › Space telescopes"
    assert card.context_label.y() < card.question_label.y()
    assert card.context_label.font().pointSizeF() < card.question_label.font().pointSizeF()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.revealed
    assert card.context_label.isVisible()
    assert card.context_label.text() == "Astronomy › Space telescopes"


def test_a_card_without_context_shows_no_line(
    qtbot: QtBot, services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    view = _study(qtbot, services, webb_article, webb_drafts[2:])
    assert not view.card_widget.context_label.isVisible()
    assert view.card_widget.question_label.text() == "When did the <b>James Webb</b> Space Telescope launch?"


def test_card_info_lists_the_context_and_what_the_card_rewrote(
    qtbot: QtBot, services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    view = _study(qtbot, services, webb_article, webb_drafts[:1])
    qtbot.keyClick(view, Qt.Key.Key_I)
    dialog = view.info_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert list(dialog.values)[:3] == ["Context", "Question", "Changed"]
    assert dialog.value_labels["Context"].text() == "Astronomy › Space telescopes"
    assert dialog.value_labels["Changed"].text() == (
        "“the James Webb Space Telescope” was “It” — from: The James Webb Space Telescope launched in December 2021."
    )
    dialog.reject()
