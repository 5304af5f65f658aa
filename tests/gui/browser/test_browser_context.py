"""The browser shows a card's context as a sortable column and above the question in the side pane."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.services.app import Services
from studyapp.ui.browser.browser_view import BrowserView
from studyapp.ui.browser.card_table_model import Column

FROM = "The James Webb Space Telescope launched in December 2021."


def _browser(qtbot: QtBot, services: Services, article: Article, drafts: list[CardDraft]) -> BrowserView:
    services.imports.add_drafts(article, drafts, "Space")
    view = BrowserView(services)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def _contexts(view: BrowserView) -> list[str]:
    return [view.model.index(row, Column.CONTEXT).data() for row in range(view.model.rowCount())]


def test_the_context_column_is_shown_after_the_answer_and_sorts(
    qtbot: QtBot, services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    view = _browser(qtbot, services, webb_article, webb_drafts)
    header = view.table.horizontalHeader()
    assert not view.table.isColumnHidden(Column.CONTEXT)
    assert header.visualIndex(Column.CONTEXT) == header.visualIndex(Column.ANSWER) + 1
    assert view.model.headerData(Column.CONTEXT, Qt.Orientation.Horizontal) == "Context"
    view.table.sortByColumn(Column.CONTEXT, Qt.SortOrder.DescendingOrder)
    assert _contexts(view) == ["James Webb Space Telescope, as of 2023", "Astronomy › Space telescopes", ""]
    view.table.sortByColumn(Column.CONTEXT, Qt.SortOrder.AscendingOrder)
    assert _contexts(view) == ["", "Astronomy › Space telescopes", "James Webb Space Telescope, as of 2023"]


def test_the_side_pane_shows_the_context_above_the_question_and_what_was_rewritten(
    qtbot: QtBot, services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    view = _browser(qtbot, services, webb_article, webb_drafts)
    view.table.sortByColumn(Column.CONTEXT, Qt.SortOrder.AscendingOrder)
    view.table.selectRow(1)
    detail = view.detail
    assert detail.context_label.isVisible()
    assert detail.context_label.text() == "Astronomy › Space telescopes"
    assert detail.context_label.mapTo(detail, detail.context_label.rect().topLeft()).y() < (
        detail.question_label.mapTo(detail, detail.question_label.rect().topLeft()).y()
    )
    assert detail.changes_label.text() == f"Changed: “the James Webb Space Telescope” was “It” — from: {FROM}"
    view.table.selectRow(0)
    assert not detail.context_label.isVisible()
    assert not detail.changes_label.isVisible()


def test_searching_a_word_of_the_context_finds_the_card(
    qtbot: QtBot, services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    view = _browser(qtbot, services, webb_article, webb_drafts)
    view.search_edit.setText("astronomy")
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)
    assert _contexts(view) == ["Astronomy › Space telescopes"]
