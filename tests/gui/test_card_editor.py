"""Adding and editing cards by hand; the service's validation is shown inline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.ids import CardId
from studyapp.services.app import Services
from studyapp.ui.card_editor import CardEditorDialog


@pytest.fixture
def editor(qtbot: QtBot, fake_services: Services) -> Iterator[CardEditorDialog]:
    dialog = CardEditorDialog(fake_services.cards, deck_names=["Default"], default_deck="Spanish")
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog


def test_basic_card_is_added_and_fields_clear_for_the_next(
    qtbot: QtBot, editor: CardEditorDialog, fake_services: Services
) -> None:
    qtbot.keyClicks(editor.front_edit, "hola")
    qtbot.keyClicks(editor.back_edit, "hello")
    editor.tags_edit.setText("greetings spanish")
    with qtbot.waitSignal(editor.card_added) as blocker:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    card = fake_services.cards.get(CardId(blocker.args[0]))
    assert (card.front, card.back, card.tags, card.deck_name) == ("hola", "hello", ("greetings", "spanish"), "Spanish")
    assert editor.front_edit.toPlainText() == ""
    assert editor.status_label.text() == "Added to “Spanish”. Write the next card, or Close."


def test_missing_answer_is_shown_inline(qtbot: QtBot, editor: CardEditorDialog) -> None:
    qtbot.keyClicks(editor.front_edit, "hola")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.error_label.text() == "A basic card needs an answer (back)."
    assert editor.isVisible()


def test_ctrl_shift_c_wraps_the_selection_in_a_cloze(qtbot: QtBot, editor: CardEditorDialog) -> None:
    qtbot.keyClicks(editor.front_edit, "Taiwan wants the JASSM missile.")
    cursor = editor.front_edit.textCursor()
    start = editor.front_edit.toPlainText().index("JASSM")
    cursor.setPosition(start)
    cursor.setPosition(start + 5, QTextCursor.MoveMode.KeepAnchor)
    editor.front_edit.setTextCursor(cursor)
    editor.wrap_selection_in_cloze()
    assert editor.front_edit.toPlainText() == "Taiwan wants the {{c1::JASSM}} missile."
    assert editor.kind() is CardKind.CLOZE
    cursor = editor.front_edit.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(6, QTextCursor.MoveMode.KeepAnchor)
    editor.front_edit.setTextCursor(cursor)
    qtbot.keyClick(
        editor.front_edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert editor.front_edit.toPlainText().startswith("{{c2::Taiwan}}")


def test_cloze_without_deletion_is_refused_inline(qtbot: QtBot, editor: CardEditorDialog) -> None:
    editor.set_kind(CardKind.CLOZE)
    qtbot.keyClicks(editor.front_edit, "No deletion here")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.error_label.text() == "A cloze card needs a deletion such as {{c1::answer}}."


def test_editing_an_existing_card_saves_it(qtbot: QtBot, fake_services: Services) -> None:
    card_id = fake_services.cards.add("Spanish", CardKind.BASIC, "<b>x</b>", "literal")
    dialog = CardEditorDialog(fake_services.cards, deck_names=[], default_deck="", card_id=card_id)
    qtbot.addWidget(dialog)
    assert dialog.front_edit.toPlainText() == "<b>x</b>"
    dialog.back_edit.setPlainText("changed")
    with qtbot.waitSignal(dialog.card_edited):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert fake_services.cards.get(card_id).back == "changed"


def test_the_context_line_of_an_imported_card_is_edited_and_kept(
    qtbot: QtBot, fake_services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    fake_services.imports.add_drafts(webb_article, webb_drafts[:1], "Space")
    card_id = fake_services.browse.search("deck:Space")[0]
    dialog = CardEditorDialog(fake_services.cards, deck_names=[], default_deck="", card_id=card_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.context_edit.text() == "Astronomy › Space telescopes"
    dialog.context_edit.selectAll()
    qtbot.keyClicks(dialog.context_edit, "JWST, 2024")
    with qtbot.waitSignal(dialog.card_edited):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    card = fake_services.cards.get(card_id)
    assert card.context == "JWST, 2024"
    assert card.rewrites == webb_drafts[0].rewrites


def test_a_card_written_by_hand_gets_the_context_typed_and_the_next_one_keeps_it(
    qtbot: QtBot, editor: CardEditorDialog, fake_services: Services
) -> None:
    qtbot.keyClicks(editor.context_edit, "Spanish greetings")
    qtbot.keyClicks(editor.front_edit, "hola")
    qtbot.keyClicks(editor.back_edit, "hello")
    with qtbot.waitSignal(editor.card_added) as blocker:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert fake_services.cards.get(CardId(blocker.args[0])).context == "Spanish greetings"
    assert editor.context_edit.text() == "Spanish greetings"
