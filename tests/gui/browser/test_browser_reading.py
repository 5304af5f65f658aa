"""The browser reads like the cards: cloze tooltips and pane as in the review, labelled states, the deck in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.domain.ids import CardId
from studyapp.services.app import Services
from studyapp.ui.browser.browser_view import BrowserView
from studyapp.ui.browser.card_table_model import Column
from tests.gui.conftest import shown_text


def _row(view: BrowserView, card_id: CardId) -> int:
    row = view.model.row_of(card_id)
    assert row is not None
    return row


def test_a_cloze_tooltip_shows_the_card_as_a_reader_sees_it(
    browser: BrowserView, small_collection: dict[str, CardId]
) -> None:
    row = _row(browser, small_collection["cloze"])
    for column in (Column.QUESTION, Column.ANSWER):
        tooltip = browser.model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
        assert shown_text(tooltip).splitlines() == ["Taipei is the capital of [...].", "Answer: Taiwan"]


def test_a_long_tooltip_wraps_and_markup_in_a_card_stays_literal(
    browser: BrowserView, small_collection: dict[str, CardId]
) -> None:
    tooltip = browser.model.index(_row(browser, small_collection["html"]), Column.QUESTION).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert shown_text(tooltip).splitlines() == ["<b>bold?</b>", "Answer: <i>x</i>"]
    page = QTextDocument()
    page.setHtml(tooltip)
    assert not page.begin().begin().fragment().charFormat().font().bold()


def test_the_side_pane_shows_a_cloze_like_the_review_and_wraps_long_text(
    qtbot: QtBot, services: Services, browser: BrowserView
) -> None:
    long_word = "pneumonoultramicroscopicsilicovolcanoconiosis-related-illnesses"
    text = f"The longest word in English dictionaries is {{{{c1::{long_word}}}}}, a lung disease caused by silica dust."
    card_id = services.cards.add("Lang", CardKind.CLOZE, text, "Coined in 1935.")
    browser.resize(900, 600)
    browser.refresh()
    browser.select_card(card_id)
    detail = browser.detail
    assert detail.heading_label.text() == "Cloze card"
    assert detail.question_label.text() == (
        "The longest word in English dictionaries is [...], a lung disease caused by silica dust."
    )
    assert detail.answer_label.text() == long_word
    assert detail.extra_label.isVisible() and detail.extra_label.text() == "Coined in 1935."
    qtbot.waitUntil(lambda: detail.answer_label.height() >= 2 * detail.answer_label.fontMetrics().height())
    pane = detail.parentWidget()
    assert pane is not None
    for label in (detail.question_label, detail.answer_label):
        assert label.mapTo(pane, label.rect().topRight()).x() <= pane.width()  # wrapped, not cut off
    browser.select_card(browser.model.card_id(0))
    assert not detail.extra_label.isVisible()


def test_suspended_and_buried_cards_are_labelled_in_the_list(
    qtbot: QtBot, services: Services, browser: BrowserView, small_collection: dict[str, CardId]
) -> None:
    services.reviews.bury([small_collection["missile"]])
    browser.refresh()
    browser.select_card(small_collection["hola"])
    qtbot.keyClick(browser.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # suspend
    model = browser.model
    due = {name: model.index(_row(browser, card), Column.DUE).data() for name, card in small_collection.items()}
    assert due == {"missile": "Buried", "hola": "Suspended", "cloze": "New #3", "html": "New #4"}
    tip = model.index(_row(browser, small_collection["missile"]), Column.DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Buried: hidden until tomorrow. Due: New #1"


def test_an_empty_context_column_does_not_push_the_deck_out_of_view(
    qtbot: QtBot, services: Services, browser: BrowserView
) -> None:
    browser.resize(900, 600)
    qtbot.waitUntil(lambda: browser.width() == 900)
    table, header = browser.table, browser.table.horizontalHeader()
    assert table.isColumnHidden(Column.CONTEXT)  # no card here has a context line
    deck_right = header.sectionViewportPosition(Column.DECK) + header.sectionSize(Column.DECK)
    assert deck_right <= table.viewport().width()

    services.cards.add("Lang", CardKind.BASIC, "Who?", "Lee", context="Korea, 2024")
    browser.refresh()
    assert not table.isColumnHidden(Column.CONTEXT)
    assert header.visualIndex(Column.CONTEXT) == header.visualIndex(Column.ANSWER) + 1
    browser.column_actions[Column.CONTEXT].setChecked(False)  # the user's choice wins
    assert table.isColumnHidden(Column.CONTEXT)
    browser.refresh()
    assert table.isColumnHidden(Column.CONTEXT)


def test_a_wide_window_gives_its_room_to_the_question(qtbot: QtBot, browser: BrowserView) -> None:
    header = browser.table.horizontalHeader()
    browser.resize(900, 600)
    qtbot.waitUntil(lambda: browser.width() == 900)
    narrow = header.sectionSize(Column.QUESTION)
    browser.resize(1900, 1000)
    qtbot.waitUntil(lambda: header.sectionSize(Column.QUESTION) > narrow + 500)
    last = max(range(len(Column)), key=lambda c: -1 if header.isSectionHidden(c) else header.visualIndex(c))
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= browser.table.viewport().width()
