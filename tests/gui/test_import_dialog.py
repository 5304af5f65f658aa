"""The import preview: keyboard triage, inline edits, the article beside it, adding once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.services.app import Services
from studyapp.services.rows import ImportSummary
from studyapp.ui.import_preview.draft_edits import draft_from_selection
from studyapp.ui.import_preview.draft_table_model import DraftTableModel
from studyapp.ui.import_preview.import_dialog import ImportDialog
from studyapp.ui.multiline_delegate import CellTextEdit
from studyapp.ui.resources import stylesheet
from studyapp.ui.tasks import TaskRunner
from tests.gui.conftest import shown_text


@pytest.fixture
def import_dialog(qtbot: QtBot, fake_services: Services, seed_article: Path) -> Iterator[ImportDialog]:
    article = fake_services.imports.read(seed_article)
    drafts = fake_services.imports.propose(article)
    runner = TaskRunner()
    dialog = ImportDialog(
        fake_services.imports, runner, article, drafts, deck_names=["Default"], default_deck=article.title
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    runner.shutdown()


def test_every_draft_is_listed_and_kept_by_default(import_dialog: ImportDialog) -> None:
    model = import_dialog.model
    assert model.rowCount() == 12
    assert model.accepted_count() == 12
    assert import_dialog.add_button.text() == f"Add 12 cards to deck “{import_dialog.article.title}”"
    kinds = {model.index(r, DraftTableModel.KIND).data() for r in range(model.rowCount())}
    assert kinds == {"Q/A", "Cloze"}


def test_warning_badges_come_from_the_draft(import_dialog: ImportDialog) -> None:
    model = import_dialog.model
    assert model.index(1, DraftTableModel.WARNINGS).data() == "long answer"


def test_keyboard_triage_updates_the_count_live(qtbot: QtBot, import_dialog: ImportDialog) -> None:
    table = import_dialog.table_view
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_X)  # reject row 0, move to 1
    assert not import_dialog.model.is_accepted(0)
    assert table.current_row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # reject row 1, move to 2
    qtbot.keyClick(table, Qt.Key.Key_J)  # move to 3
    qtbot.keyClick(table, Qt.Key.Key_Space)  # toggle row 3 off
    assert table.current_row() == 3
    qtbot.keyClick(table, Qt.Key.Key_K)
    qtbot.keyClick(table, Qt.Key.Key_K)  # back to row 1
    qtbot.keyClick(table, Qt.Key.Key_Y)  # keep row 1 again, move to 2
    assert import_dialog.model.accepted_count() == 10
    assert table.current_row() == 2
    assert import_dialog.add_button.text().startswith("Add 10 cards")


def test_selected_card_highlights_its_sentence(qtbot: QtBot, import_dialog: ImportDialog) -> None:
    qtbot.keyClick(import_dialog.table_view, Qt.Key.Key_Down)
    draft = import_dialog.model.draft(1)
    assert import_dialog.article_view.highlighted_text() == draft.source
    assert import_dialog.article_view.extraSelections()[0].cursor.selectedText() == draft.source


def test_e_edits_the_answer_inline(qtbot: QtBot, import_dialog: ImportDialog) -> None:
    table = import_dialog.table_view
    table.setCurrentIndex(import_dialog.model.index(1, DraftTableModel.ANSWER))
    qtbot.keyClick(table, Qt.Key.Key_E)
    editor = table.viewport().findChild(CellTextEdit)
    assert editor is not None
    assert editor.toPlainText() == "weaponry"
    editor.selectAll()
    qtbot.keyClicks(editor, "Lockheed Martin")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert import_dialog.model.draft(1).answer == "Lockheed Martin"
    assert import_dialog.model.index(1, DraftTableModel.WARNINGS).data() == "edited"


def _edit_cloze_text(qtbot: QtBot, dialog: ImportDialog) -> CellTextEdit:
    table = dialog.table_view
    assert dialog.model.draft(0).kind is CardKind.CLOZE
    table.setCurrentIndex(dialog.model.index(0, DraftTableModel.QUESTION))
    qtbot.keyClick(table, Qt.Key.Key_E)
    editor = table.viewport().findChild(CellTextEdit)
    assert editor is not None and editor.isVisible()
    return editor


def test_a_cloze_is_edited_in_a_multi_line_field_shift_enter_breaks_the_line(
    qtbot: QtBot, import_dialog: ImportDialog
) -> None:
    cloze = import_dialog.model.draft(0).cloze
    editor = _edit_cloze_text(qtbot, import_dialog)
    assert editor.toPlainText() == cloze
    assert editor.height() >= 3 * editor.fontMetrics().lineSpacing()  # lines to read, not a one-line strip
    row = import_dialog.table_view.visualRect(import_dialog.model.index(0, DraftTableModel.QUESTION))
    assert editor.geometry().right() <= row.right()  # stays over its own column, not the Answer
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "Second line.")
    assert editor.isVisible()  # Shift+Enter only broke the line
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: import_dialog.table_view.state() != QAbstractItemView.State.EditingState)
    assert import_dialog.model.draft(0).cloze == cloze + "\nSecond line."


def test_ctrl_enter_saves_the_cell_without_adding_the_cards(
    qtbot: QtBot, import_dialog: ImportDialog, fake_services: Services
) -> None:
    editor = _edit_cloze_text(qtbot, import_dialog)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Really.")
    with qtbot.assertNotEmitted(import_dialog.cards_added, wait=200):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert import_dialog.model.draft(0).cloze.endswith(" Really.")
    assert import_dialog.isVisible() and fake_services.browse.search("") == []


def test_a_refused_cell_edit_stays_in_the_editor_to_be_fixed(qtbot: QtBot, import_dialog: ImportDialog) -> None:
    editor = _edit_cloze_text(qtbot, import_dialog)
    qtbot.keyClicks(editor, "no deletion left")  # replaces the selected text
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.isVisible() and editor.toPlainText() == "no deletion left"
    assert import_dialog.message_label.text() == "A cloze card needs a deletion such as {{c1::answer}}."
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: import_dialog.table_view.state() != QAbstractItemView.State.EditingState)
    assert "{{c1::" in import_dialog.model.draft(0).cloze


def test_editing_a_cloze_answer_keeps_the_cloze_consistent(import_dialog: ImportDialog) -> None:
    model = import_dialog.model
    assert model.draft(0).kind is CardKind.CLOZE
    assert model.setData(model.index(0, DraftTableModel.ANSWER), "the island")
    draft = model.draft(0)
    assert "{{c1::the island}}" in draft.cloze
    assert draft.answer == "the island"
    assert "[...]" in draft.question


def test_a_cloze_tooltip_reads_like_the_card_not_its_markup(import_dialog: ImportDialog) -> None:
    model = import_dialog.model
    draft = model.draft(0)
    assert draft.kind is CardKind.CLOZE
    tooltip = model.index(0, DraftTableModel.QUESTION).data(Qt.ItemDataRole.ToolTipRole)
    assert QtGui.Qt.mightBeRichText(tooltip)  # Qt word-wraps rich-text tooltips: a long card stays on screen
    assert shown_text(tooltip).splitlines() == [draft.question, f"Answer: {draft.answer}"]
    assert "{{c1::" not in shown_text(tooltip) and "[...]" in draft.question


def test_broken_cloze_edit_is_refused_with_a_sentence(import_dialog: ImportDialog) -> None:
    model = import_dialog.model
    before = model.draft(0)
    assert not model.setData(model.index(0, DraftTableModel.QUESTION), "no deletion left")
    assert model.draft(0) == before
    assert import_dialog.message_label.text() == "A cloze card needs a deletion such as {{c1::answer}}."


def test_card_from_selection_adds_an_editable_cloze(qtbot: QtBot, import_dialog: ImportDialog) -> None:
    text = import_dialog.article.text
    start = text.index("AGM-158 JASSM")
    import_dialog.article_view.select_span(start, start + len("AGM-158 JASSM"))
    assert import_dialog.from_selection_button.isEnabled()
    qtbot.mouseClick(import_dialog.from_selection_button, Qt.MouseButton.LeftButton)
    model = import_dialog.model
    draft = model.draft(model.rowCount() - 1)
    assert draft.answer == "AGM-158 JASSM"
    assert "{{c1::AGM-158 JASSM}}" in draft.cloze
    assert draft.source.startswith("The AGM-158 JASSM")
    assert model.index(model.rowCount() - 1, DraftTableModel.WARNINGS).data() == "by hand"
    assert import_dialog.add_button.text().startswith("Add 13 cards")


@pytest.mark.parametrize(
    ("selected", "opening"),
    [
        ("Tsai Ing-wen", "Taiwan's President {{c1::Tsai Ing-wen}} has stressed"),
        ("Taiwan's President", "{{c1::Taiwan's President}} Tsai Ing-wen has stressed"),
    ],
)
def test_card_from_selection_drops_the_sentences_opening_but(
    qtbot: QtBot, import_dialog: ImportDialog, selected: str, opening: str
) -> None:
    text = import_dialog.article.text
    start = text.index(selected, text.index("But Taiwan's President Tsai Ing-wen"))
    import_dialog.article_view.select_span(start, start + len(selected))
    qtbot.mouseClick(import_dialog.from_selection_button, Qt.MouseButton.LeftButton)
    draft = import_dialog.model.draft(import_dialog.model.rowCount() - 1)
    assert draft.cloze.startswith(opening)
    assert draft.answer == selected
    assert draft.source.startswith("But Taiwan's President")  # the article's sentence, as it was
    assert import_dialog.article_view.highlighted_text() == draft.source


@pytest.mark.parametrize(
    ("article", "selected", "cloze"),
    [
        ("Talks failed. However, the deal was approved in 2020.", "2020", "The deal was approved in {{c1::2020}}."),
        ("Talks failed. And so it began in 2020.", "2020", "So it began in {{c1::2020}}."),
        ("Talks failed. Andrew signed it in 2020.", "2020", "Andrew signed it in {{c1::2020}}."),  # a name, kept
    ],
)
def test_a_card_from_selection_starts_without_the_connective(article: str, selected: str, cloze: str) -> None:
    start = article.rindex(selected)
    assert draft_from_selection(article, start, start + len(selected)).cloze == cloze


def test_card_from_selection_keeps_a_connective_the_user_selected(qtbot: QtBot, import_dialog: ImportDialog) -> None:
    text = import_dialog.article.text
    start = text.index("But Taiwan's President")
    import_dialog.article_view.select_span(start, start + len("But Taiwan's"))
    qtbot.mouseClick(import_dialog.from_selection_button, Qt.MouseButton.LeftButton)
    draft = import_dialog.model.draft(import_dialog.model.rowCount() - 1)
    assert draft.cloze.startswith("{{c1::But Taiwan's}} President")


def _has_red_text(label: QLabel) -> bool:
    image = label.grab().toImage()
    return any(
        (c := image.pixelColor(x, y)).red() > 150 and c.green() < 110 and c.blue() < 110
        for x in range(image.width())
        for y in range(image.height())
    )


def test_a_success_message_is_not_red_but_an_error_is(qtbot: QtBot, import_dialog: ImportDialog) -> None:
    import_dialog.setStyleSheet(stylesheet("base"))  # the app's own colours
    model = import_dialog.model
    assert not model.setData(model.index(0, DraftTableModel.QUESTION), "no deletion left")
    assert _has_red_text(import_dialog.message_label)
    start = import_dialog.article.text.index("AGM-158 JASSM")
    import_dialog.article_view.select_span(start, start + len("AGM-158 JASSM"))
    qtbot.mouseClick(import_dialog.from_selection_button, Qt.MouseButton.LeftButton)
    assert import_dialog.message_label.text() == "Card added to the list; edit it with E or F2."
    assert not _has_red_text(import_dialog.message_label)


def test_adding_stores_only_kept_cards_and_reimport_skips_them(
    qtbot: QtBot, import_dialog: ImportDialog, fake_services: Services
) -> None:
    import_dialog.model.set_accepted(0, False)
    import_dialog.deck_combo.setEditText("Taiwan")
    assert import_dialog.add_button.text() == "Add 11 cards to deck “Taiwan”"
    with qtbot.waitSignal(import_dialog.cards_added) as blocker:
        qtbot.mouseClick(import_dialog.add_button, Qt.MouseButton.LeftButton)
    summary = blocker.args[0]
    assert isinstance(summary, ImportSummary)
    assert summary.added == 11
    again = fake_services.imports.add_drafts(import_dialog.article, import_dialog.model.accepted_drafts(), "Taiwan")
    assert again.added == 0
    assert again.skipped_duplicates == 11
    taiwan = next(row for row in fake_services.decks.list() if row.name == "Taiwan")
    assert taiwan.total == 11


def test_add_button_is_disabled_without_a_deck_or_cards(import_dialog: ImportDialog) -> None:
    import_dialog.deck_combo.setEditText("  ")
    assert not import_dialog.add_button.isEnabled()
    import_dialog.deck_combo.setEditText("R&D")
    assert import_dialog.add_button.text() == "Add 12 cards to deck “R&&D”"
    qtbot_none = import_dialog.keep_none_button
    qtbot_none.click()
    assert not import_dialog.add_button.isEnabled()


def test_article_text_is_shown_as_plain_text(qtbot: QtBot, fake_services: Services) -> None:
    article = fake_services.imports.read_text("The tag <b>x</b> is shown literally here. It is never bold text.")
    dialog = ImportDialog(
        fake_services.imports,
        TaskRunner(),
        article,
        fake_services.imports.propose(article),
        deck_names=[],
        default_deck="Markup",
    )
    qtbot.addWidget(dialog)
    assert "<b>x</b>" in dialog.article_view.toPlainText()
    assert dialog.model.index(0, DraftTableModel.QUESTION).data().count("<b>x</b>") == 1


def test_draft_model_contract(qtmodeltester: ModelTester, import_dialog: ImportDialog) -> None:
    qtmodeltester.check(import_dialog.model)
