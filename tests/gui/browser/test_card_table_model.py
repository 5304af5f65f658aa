"""CardTableModel: a correct Qt model that fetches rows lazily, sorts in the database and edits in place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId
from studyapp.services.app import Services
from studyapp.ui.browser.browser_view import BrowserView
from studyapp.ui.browser.card_table_model import BLOCK_SIZE, CardTableModel, Column

# The offscreen platform says this whenever a window's size hints change; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def make_model(services: Services) -> CardTableModel:
    stack = QUndoStack()
    model = CardTableModel(services.browse, services.cards, stack)
    model._test_stack = stack  # type: ignore[attr-defined]  # keep the stack alive with the model
    return model


def test_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, services: Services, small_collection: dict[str, CardId]
) -> None:
    model = make_model(services)
    model.search("")
    qtmodeltester.check(model, force_py=True)
    model.sort(Column.QUESTION, Qt.SortOrder.DescendingOrder)
    model.search("deck:Lang")
    qtmodeltester.check(model, force_py=True)


def test_rows_show_plain_text_of_both_sides(services: Services, small_collection: dict[str, CardId]) -> None:
    model = make_model(services)
    model.search("deck:Lang")
    shown = {model.data(model.index(r, Column.QUESTION)): model.data(model.index(r, Column.ANSWER)) for r in range(3)}
    assert shown == {
        "Hola?": "Hello",
        "Taipei is the capital of [...].": "Taiwan",
        "<b>bold?</b>": "<i>x</i>",
    }
    row = model.row_of(small_collection["hola"])
    assert row is not None
    assert model.data(model.index(row, Column.DECK)) == "Lang::Spanish"
    assert model.data(model.index(row, Column.DUE)) == "New #2"
    assert model.data(model.index(row, Column.TAGS)) == "greeting"
    assert model.data(model.index(row, Column.STATE)) == "New"


def test_opening_a_5k_collection_fetches_only_the_first_page(
    qtbot: QtBot, services: Services, add_many: Callable[[int], None]
) -> None:
    add_many(5000)
    view = BrowserView(services)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    assert view.model.rowCount() == 5000
    assert view.model.pages_fetched <= 2
    assert view.model.cached_rows <= 2 * BLOCK_SIZE
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.data(view.model.index(4999, Column.QUESTION)) == "Question 04999?")
    assert view.model.pages_fetched <= 4


def test_sorting_happens_in_the_database(services: Services, small_collection: dict[str, CardId]) -> None:
    model = make_model(services)
    model.search("")
    model.sort(Column.QUESTION, Qt.SortOrder.AscendingOrder)
    questions = [model.data(model.index(r, Column.QUESTION)) for r in range(model.rowCount())]
    assert questions == ["<b>bold?</b>", "Hola?", "Taipei is the capital of [...].", "Which missile does Taiwan want?"]
    model.sort(Column.DECK, Qt.SortOrder.DescendingOrder)
    decks = [model.data(model.index(r, Column.DECK)) for r in range(model.rowCount())]
    assert decks == ["World History", "Lang::Spanish", "Lang", "Lang"]


def test_malformed_search_raises_and_keeps_the_rows(services: Services, small_collection: dict[str, CardId]) -> None:
    model = make_model(services)
    model.search("deck:Lang")
    with pytest.raises(UserInputError, match="not closed"):
        model.search('deck:"Lang')
    assert model.rowCount() == 3


def test_set_data_edits_the_card_and_can_be_undone(services: Services, small_collection: dict[str, CardId]) -> None:
    model = make_model(services)
    stack: QUndoStack = model._test_stack  # type: ignore[attr-defined]
    model.search("Hola")
    index = model.index(0, Column.ANSWER)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "Hi")
    assert model.data(index) == "Hi"
    assert services.cards.get(small_collection["hola"]).back == "Hi"
    stack.undo()
    assert services.cards.get(small_collection["hola"]).back == "Hello"
    assert model.data(index) == "Hello"
    stack.redo()
    assert services.cards.get(small_collection["hola"]).back == "Hi"


def test_cloze_answer_is_not_editable_but_its_text_is(services: Services, small_collection: dict[str, CardId]) -> None:
    model = make_model(services)
    model.search("capital")
    assert not model.flags(model.index(0, Column.ANSWER)) & Qt.ItemFlag.ItemIsEditable
    question = model.index(0, Column.QUESTION)
    assert model.data(question, Qt.ItemDataRole.EditRole) == "Taipei is the capital of {{c1::Taiwan}}."
    errors: list[str] = []
    model.edit_failed.connect(errors.append)
    assert not model.setData(question, "No deletion any more")
    assert errors == ["A cloze card needs a deletion such as {{c1::answer}}."]
    assert model.data(question) == "Taipei is the capital of [...]."


def test_index_of_a_missing_row_is_invalid(services: Services, small_collection: dict[str, CardId]) -> None:
    model = make_model(services)
    model.search("")
    assert not model.index(99, 0).isValid()
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
