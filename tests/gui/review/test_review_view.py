"""Studying in the window: keys, ratings, undo, bury, suspend, edit, leeches, source, card info, summary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.ids import CardId, DeckId
from studyapp.domain.scheduling import DeckOptions, Rating
from studyapp.services.app import Services
from studyapp.ui.review.review_view import ReviewView
from studyapp.ui.theme import dark_palette, light_palette
from tests.gui.review.conftest import ARTICLE, show_active

# The offscreen platform says this whenever a dialog is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FIRST = "Which missile does Taiwan want?"
SECOND = "When was the deal approved?"
HTML_LOOKING = "<b>x</b> & <i>y</i>"


def test_space_shows_the_answer_and_the_interval_on_each_button(qtbot: QtBot, review_view: ReviewView) -> None:
    view = review_view
    assert view.card_widget.question_label.text() == FIRST
    assert view.card_widget.answer_label.isHidden()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.card_widget.answer_label.isVisible()
    assert view.card_widget.answer_label.text() == "The AGM-158 JASSM"
    assert [view.answer_bar.interval_labels[r].text() for r in Rating] == ["1m", "6m", "10m", "9d"]
    assert view.answer_bar.rating_buttons[Rating.GOOD].isVisible()


def test_good_shows_next_card(qtbot: QtBot, review_view: ReviewView) -> None:
    view = review_view
    qtbot.keyClick(view, Qt.Key.Key_Space)
    with qtbot.waitSignal(view.card_answered) as answered:
        qtbot.keyClick(view, Qt.Key.Key_3)
    assert answered.args is not None and answered.args[1] == int(Rating.GOOD)
    assert view.card_widget.question_label.text() == SECOND
    assert not view.revealed


def test_rating_keys_do_nothing_before_the_answer_is_shown(
    qtbot: QtBot, review_view: ReviewView, services: Services
) -> None:
    qtbot.keyClick(review_view, Qt.Key.Key_4)
    assert review_view.card_widget.question_label.text() == FIRST
    assert services.browse.search("-is:new") == []


def test_clicking_a_rating_button_answers(qtbot: QtBot, review_view: ReviewView) -> None:
    qtbot.mouseClick(review_view.answer_bar.show_answer_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(review_view.card_answered):
        qtbot.mouseClick(review_view.answer_bar.rating_buttons[Rating.EASY], Qt.MouseButton.LeftButton)
    assert review_view.card_widget.question_label.text() == SECOND


def test_card_text_is_shown_literally_never_as_html(qtbot: QtBot, review_view: ReviewView) -> None:
    view = review_view
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)
    assert view.card_widget.question_label.text() == HTML_LOOKING
    assert view.card_widget.question_label.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.card_widget.answer_label.text() == "<script>alert(1)</script>"
    assert view.card_widget.answer_label.textFormat() == Qt.TextFormat.PlainText


def test_duration_is_measured_from_question_to_rating(
    qtbot: QtBot, review_view: ReviewView, services: Services, study_deck: tuple[DeckId, list[CardId]]
) -> None:
    qtbot.keyClick(review_view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: review_view._timer.elapsed() >= 30)
    qtbot.keyClick(review_view, Qt.Key.Key_3)
    (entry,) = services.browse.card_info(study_deck[1][0]).history
    assert 30 <= entry.duration_ms < 60_000


def test_ctrl_z_undoes_the_answer_and_shows_the_card_again(
    qtbot: QtBot, review_view: ReviewView, services: Services, study_deck: tuple[DeckId, list[CardId]]
) -> None:
    view = review_view
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert view.card_widget.question_label.text() == SECOND
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.card_widget.question_label.text() == FIRST
    assert services.browse.card_info(study_deck[1][0]).history == ()
    assert view.session is not None and view.session.summary.answered == 0


def test_undo_with_nothing_done_in_this_session_changes_nothing(qtbot: QtBot, review_view: ReviewView) -> None:
    qtbot.keyClick(review_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review_view.status_label.text() == "Nothing to undo."
    assert review_view.card_widget.question_label.text() == FIRST


@pytest.mark.parametrize(
    ("key", "hidden"),
    [(Qt.Key.Key_Minus, "is:buried"), (Qt.Key.Key_At, "is:suspended")],
    ids=["minus buries until tomorrow", "at suspends"],
)
def test_bury_or_suspend_hides_the_card_and_undo_brings_it_back(
    qtbot: QtBot,
    review_view: ReviewView,
    services: Services,
    study_deck: tuple[DeckId, list[CardId]],
    key: Qt.Key,
    hidden: str,
) -> None:
    first = study_deck[1][0]
    qtbot.keyClick(review_view, key)
    assert review_view.card_widget.question_label.text() == SECOND
    assert services.browse.search(hidden) == [first]
    qtbot.keyClick(review_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.browse.search(hidden) == []
    assert review_view.card_widget.question_label.text() == FIRST


def test_e_edits_the_card_beside_its_source_sentence(
    qtbot: QtBot, review_view: ReviewView, services: Services, study_deck: tuple[DeckId, list[CardId]]
) -> None:
    view = review_view
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_E)
    dialog = view.edit_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert "Taiwan wants the AGM-158 JASSM missile" in dialog.source_view.toPlainText()
    dialog.front_edit.setPlainText("Which US missile does Taiwan want to buy?")
    with qtbot.waitSignal(view.card_edited):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert view.card_widget.question_label.text() == "Which US missile does Taiwan want to buy?"
    assert view.revealed  # still on the answer side
    assert services.cards.get(study_deck[1][0]).front == "Which US missile does Taiwan want to buy?"


def test_show_in_article_waits_for_the_answer_side(qtbot: QtBot, review_view: ReviewView) -> None:
    view = review_view
    assert not view.source_button.isEnabled()  # the sentence names the JASSM, the answer
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert view.source_dialog is None
    assert view.status_label.text() == "Show the answer first: the article gives it away."
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.source_button.isEnabled()


def test_s_shows_the_sentence_highlighted_in_its_article(qtbot: QtBot, review_view: ReviewView) -> None:
    qtbot.keyClick(review_view, Qt.Key.Key_Space)
    qtbot.keyClick(review_view, Qt.Key.Key_S)
    dialog = review_view.source_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.title_label.text() == "Taiwan buys missiles"
    assert dialog.highlighted_text() == "Taiwan wants the AGM-158 JASSM missile from Lockheed Martin."
    dialog.reject()


def test_i_shows_card_info_with_memory_state_and_history(
    qtbot: QtBot, review_view: ReviewView, services: Services, study_deck: tuple[DeckId, list[CardId]]
) -> None:
    deck_id, ids = study_deck
    services.reviews.set_suspended(ids[1:], True)
    view = review_view
    view.start(deck_id)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_3)  # Good: learning, back within the learn-ahead window
    assert view.card_widget.question_label.text() == FIRST
    qtbot.keyClick(view, Qt.Key.Key_I)
    dialog = view.info_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.value_labels["Reviews"].text() == "1"
    assert dialog.value_labels["State"].text() == "Learning"
    assert dialog.value_labels["Stability"].text().endswith("days")
    assert dialog.value_labels["Retrievability"].text() == "100%"
    assert dialog.history_table.rowCount() == 1
    item = dialog.history_table.item(0, 2)
    assert item is not None and item.text() == "Good"


def test_a_leech_offers_to_rewrite_the_card_beside_its_source(
    qtbot: QtBot,
    review_view: ReviewView,
    services: Services,
    clock: FixedClock,
    study_deck: tuple[DeckId, list[CardId]],
) -> None:
    deck_id, ids = study_deck
    services.decks.set_options(deck_id, DeckOptions(leech_threshold=1))
    services.reviews.set_suspended(ids[1:], True)
    view = review_view
    view.start(deck_id)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_4)  # Easy: the card graduates to review
    clock.advance(timedelta(days=30))
    view.start(deck_id)
    assert view.card_widget.question_label.text() == FIRST
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_1)  # forgotten: a lapse, and with threshold 1 a leech
    assert view.leech_banner.isVisible()
    assert FIRST in view.leech_banner.label.text()
    assert "suspended" in view.leech_banner.label.text()
    assert services.browse.search("is:suspended tag:leech") == [ids[0]]
    assert view.pages.currentIndex() == 1  # nothing blocks: the session went on (here: to its end)

    qtbot.mouseClick(view.leech_banner.rewrite_button, Qt.MouseButton.LeftButton)
    dialog = view.edit_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Rewrite leech"
    assert "Taiwan wants the AGM-158 JASSM missile" in dialog.source_view.toPlainText()
    assert dialog.unsuspend_check.isChecked()
    dialog.front_edit.setPlainText("Taiwan wants which Lockheed Martin missile?")
    with qtbot.waitSignal(view.card_edited):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not view.leech_banner.isVisible()
    card = services.cards.get(ids[0])
    assert card.front == "Taiwan wants which Lockheed Martin missile?"
    assert not card.suspended
    assert (
        view.card_widget.question_label.text() == "Taiwan wants which Lockheed Martin missile?"
    )  # relearning, studied again


def test_finishing_the_deck_shows_the_summary_and_back_to_decks(qtbot: QtBot, review_view: ReviewView) -> None:
    view = review_view
    with qtbot.waitSignal(view.completed):
        for _ in range(3):
            qtbot.keyClick(view, Qt.Key.Key_Space)
            qtbot.keyClick(view, Qt.Key.Key_4)
    assert view.pages.currentIndex() == 1
    assert view.summary_label.text().startswith("Studied 3 cards in")
    assert "Easy 3" in view.summary_label.text()
    with qtbot.waitSignal(view.finished):
        qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)


def test_an_undone_answer_is_not_counted_in_the_summary(qtbot: QtBot, review_view: ReviewView) -> None:
    view = review_view
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_2)  # Hard, then taken back and answered Easy
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(view.completed):
        for _ in range(3):
            qtbot.keyClick(view, Qt.Key.Key_Space)
            qtbot.keyClick(view, Qt.Key.Key_4)
    text = view.summary_label.text()
    assert text.startswith("Studied 3 cards in")
    assert text.endswith("(Easy 3).")  # three answers stand; the undone Hard is gone


def test_the_end_screen_says_when_learning_cards_come_back(
    qtbot: QtBot, review_view: ReviewView, services: Services, study_deck: tuple[DeckId, list[CardId]]
) -> None:
    deck_id, ids = study_deck
    services.decks.set_options(deck_id, DeckOptions(learning_steps=(3600,)))  # one step of an hour
    services.reviews.set_suspended(ids[1:], True)
    view = review_view
    view.start(deck_id)
    with qtbot.waitSignal(view.completed):
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_1)  # Again: back in an hour, beyond the 20-minute learn-ahead
    assert view.summary_label.text().splitlines()[-1] == "1 learning card comes back later today, the first in 1h."


def test_the_end_screen_names_the_siblings_buried_until_tomorrow(qtbot: QtBot, services: Services) -> None:
    sentence = "Taiwan wants the AGM-158 JASSM missile from Lockheed Martin."
    start = ARTICLE.text.index(sentence)
    asked = ("Who wants the JASSM?", "Which missile?", "From which maker?", "Which model number?")
    drafts = [CardDraft(CardKind.BASIC, q, "x", sentence, start, start + len(sentence)) for q in asked]
    services.imports.add_drafts(ARTICLE, drafts, "Siblings")
    view = show_active(qtbot, ReviewView(services))
    view.start(services.decks.id_of("Siblings"))
    with qtbot.waitSignal(view.completed):
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)  # one of four cards on one sentence; the other three wait
    assert view.summary_label.text().splitlines()[-1] == "3 related cards buried until tomorrow."


def test_counts_are_coloured_like_anki(review_view: ReviewView) -> None:
    html = review_view.counts_label.text()
    assert "#2f6fde" in html and "#c62828" in html and "#2e8b57" in html
    assert ">3</span>" in html  # three new cards, the current one included


def test_escape_asks_to_go_back(qtbot: QtBot, review_view: ReviewView) -> None:
    with qtbot.waitSignal(review_view.finished):
        qtbot.keyClick(review_view, Qt.Key.Key_Escape)
    assert QApplication.instance() is not None


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_revealed_cloze_highlights_only_the_filled_in_answer(qtbot: QtBot, services: Services, dark: bool) -> None:
    services.cards.add("Peaks", CardKind.CLOZE, "Mount <Everest> is {{c1::8,849 m}} high & cold.", "")
    view = ReviewView(services)
    view.setPalette(dark_palette() if dark else light_palette())
    show_active(qtbot, view)
    view.start(services.decks.id_of("Peaks"))
    label = view.card_widget.question_label
    assert label.text() == "Mount <Everest> is [...] high & cold."
    qtbot.keyClick(view, Qt.Key.Key_Space)

    page = QTextDocument()
    page.setHtml(label.text())
    assert page.toPlainText() == "Mount <Everest> is 8,849 m high & cold."
    answer_at = page.toPlainText().index("8,849 m")
    cursor = QTextCursor(page)
    shown = []
    for position in range(1, len(page.toPlainText()) + 1):
        cursor.setPosition(position)
        shown.append(cursor.charFormat().fontWeight() >= QFont.Weight.Bold)
    assert [i for i, bold in enumerate(shown) if bold] == list(range(answer_at, answer_at + len("8,849 m")))
    cursor.setPosition(answer_at + 1)
    colour = cursor.charFormat().foreground().color()
    background = view.palette().color(QPalette.ColorRole.Window)
    assert abs(colour.lightness() - background.lightness()) > 90  # readable on this palette's background
