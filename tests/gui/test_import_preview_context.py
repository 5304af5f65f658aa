"""The preview shows each card's context line, marks rewritten words and explains its checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, Rewrite
from studyapp.services.app import Services
from studyapp.ui.import_preview.draft_table_model import DraftTableModel
from studyapp.ui.import_preview.import_dialog import ImportDialog
from studyapp.ui.tasks import TaskRunner

FROM = "The James Webb Space Telescope launched in December 2021."


@pytest.fixture
def dialog(
    qtbot: QtBot, fake_services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> Iterator[ImportDialog]:
    runner = TaskRunner()
    shown = ImportDialog(fake_services.imports, runner, webb_article, webb_drafts, deck_names=[], default_deck="Space")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    runner.shutdown()


def test_the_context_line_is_shown_above_the_selected_question(dialog: ImportDialog) -> None:
    detail = dialog.detail_widget
    assert detail.context_label.isVisible()
    assert detail.context_label.text() == "Astronomy › Space telescopes"
    layout = detail.layout()
    assert layout.indexOf(detail.context_label) < layout.indexOf(detail.question_label)


def test_a_card_without_context_shows_no_context_line(qtbot: QtBot, dialog: ImportDialog) -> None:
    dialog.table_view.select_row(2)
    assert not dialog.detail_widget.context_label.isVisible()
    assert dialog.detail_widget.context_label.text() == ""


def test_rewritten_words_are_marked_and_say_what_they_replaced(dialog: ImportDialog) -> None:
    label = dialog.detail_widget.question_label
    assert label.textFormat() == Qt.TextFormat.RichText
    assert '<a href="rewrite:0" style="' in label.text()
    assert ">the James Webb Space Telescope</a>" in label.text()
    assert label.toolTip() == f"“the James Webb Space Telescope” was “It” — from: {FROM}"
    assert dialog.detail_widget.changes_label.text() == (
        f"Changed: “the James Webb Space Telescope” was “It” — from: {FROM}"
    )


def tooltip_lines(tooltip: str) -> list[str]:
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText().splitlines()


def test_article_text_in_the_card_is_escaped(dialog: ImportDialog) -> None:
    dialog.table_view.select_row(2)
    text = dialog.detail_widget.question_label.text()
    assert "&lt;b&gt;James Webb&lt;/b&gt;" in text
    assert "<b>" not in text


def test_the_checks_column_shows_the_verifiers_doubts_with_explanations(dialog: ImportDialog) -> None:
    model = dialog.model
    assert model.index(0, DraftTableModel.WARNINGS).data() == "rewritten"
    assert model.index(1, DraftTableModel.WARNINGS).data() == "dangling pronoun, rewritten"
    assert model.index(2, DraftTableModel.WARNINGS).data() == "long answer, answer in question"
    tooltip = model.index(2, DraftTableModel.WARNINGS).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip_lines(tooltip) == [
        "long answer: The answer is long: hard to recall word for word.",
        "answer in question: The question contains words of its answer, so it may give the answer away.",
    ]
    rewritten = model.index(1, DraftTableModel.WARNINGS).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip_lines(rewritten)[1:] == [
        "rewritten: The card replaced words of its sentence:",
        f"• “The James Webb Space Telescope's” was “Its” — from: {FROM}",
    ]


def test_the_question_cell_tooltip_carries_the_context_and_the_rewrites(dialog: ImportDialog) -> None:
    tooltip = dialog.model.index(0, DraftTableModel.QUESTION).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip_lines(tooltip) == [
        "Context: Astronomy › Space telescopes",
        "How far from Earth does the James Webb Space Telescope orbit the Sun?",
        "Answer: 1.5 million kilometres",
        f"• “the James Webb Space Telescope” was “It” — from: {FROM}",
    ]


def test_a_cloze_tooltip_shows_the_blank_and_its_answer_not_the_markup(dialog: ImportDialog) -> None:
    cloze = next(
        r for r in range(dialog.model.rowCount()) if dialog.model.index(r, DraftTableModel.KIND).data() == "Cloze"
    )
    tooltip = dialog.model.index(cloze, DraftTableModel.QUESTION).data(Qt.ItemDataRole.ToolTipRole)
    assert "{{c1::" not in tooltip
    lines = tooltip_lines(tooltip)
    assert "The James Webb Space Telescope's primary mirror is [...] wide." in lines
    assert "Answer: 6.5 metres" in lines
    assert tooltip.startswith("<qt>")  # Qt wraps only rich-text tooltips: a long sentence stays on screen


def test_the_selected_cards_doubts_are_spelled_out(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.keyClick(dialog.table_view, Qt.Key.Key_J)
    checks = dialog.detail_widget.checks_label
    assert checks.isVisible()
    assert checks.text() == (
        "Unsure: dangling pronoun — The card has a pronoun (it, they, this …) whose meaning it may not make clear."
    )


def test_cards_added_from_the_preview_keep_context_and_rewrites(
    qtbot: QtBot, dialog: ImportDialog, fake_services: Services, webb_drafts: list[CardDraft]
) -> None:
    with qtbot.waitSignal(dialog.cards_added, timeout=10_000):
        dialog.add_cards()
    cards = [fake_services.cards.get(i) for i in fake_services.browse.search("deck:Space")]
    assert {c.context for c in cards} == {d.context for d in webb_drafts}
    assert {r for c in cards for r in c.rewrites} == {r for d in webb_drafts for r in d.rewrites}


def test_over_a_marked_phrase_the_tooltip_names_that_phrase_only(
    qtbot: QtBot, fake_services: Services, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    both = dataclasses.replace(
        webb_drafts[0],
        answer="1.5 million kilometres from Earth",
        rewrites=(*webb_drafts[0].rewrites, Rewrite("there", "from Earth", "Earth is the third planet.")),
    )
    runner = TaskRunner()
    shown = ImportDialog(fake_services.imports, runner, webb_article, [both], deck_names=[], default_deck="S")
    qtbot.addWidget(shown)
    try:
        answer = shown.detail_widget.answer_label
        assert '<a href="rewrite:1"' in answer.text()
        answer.linkHovered.emit("rewrite:1")
        assert answer.toolTip() == "“from Earth” was “there” — from: Earth is the third planet."
        answer.linkHovered.emit("")
        assert answer.toolTip().splitlines() == [
            f"“the James Webb Space Telescope” was “It” — from: {FROM}",
            "“from Earth” was “there” — from: Earth is the third planet.",
        ]
    finally:
        runner.shutdown()


def test_article_text_in_a_tooltip_is_shown_as_text_not_markup(dialog: ImportDialog) -> None:
    tooltip = dialog.model.index(2, DraftTableModel.QUESTION).data(Qt.ItemDataRole.ToolTipRole)
    assert "When did the <b>James Webb</b> Space Telescope launch?" in tooltip_lines(tooltip)
