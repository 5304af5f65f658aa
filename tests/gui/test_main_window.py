"""The main window: empty state, deck list, deck actions, hooks, importing, preferences."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.domain.ids import DeckId
from studyapp.domain.scheduling import Rating
from studyapp.services.app import Services, open_services
from studyapp.ui.app import build_main_window
from studyapp.ui.card_editor import CardEditorDialog
from studyapp.ui.deck_tree_model import DeckTreeModel
from studyapp.ui.import_preview.import_dialog import ImportDialog
from studyapp.ui.main_actions import ViewHook
from studyapp.ui.main_window import MainWindow

DropFile = Callable[[QWidget, Path], None]


def _modal(qtbot: QtBot) -> object:
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    return QApplication.activeModalWidget()


def test_new_collection_shows_the_sample_offer(main_window: MainWindow) -> None:
    assert main_window.pages.currentWidget() is main_window.empty_state
    assert main_window.empty_state.sample_button.isVisible()
    assert main_window.empty_state.sample_button.text() == "Try the sample article"


def test_status_bar_shows_the_collection_path(main_window: MainWindow, fake_services: Services) -> None:
    assert main_window.path_label.text() == str(fake_services.path)


def test_status_bar_says_what_was_studied_today_and_what_is_out_of_the_queue(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services
) -> None:
    qtbot.waitUntil(lambda: main_window.today_label.text() == "Nothing studied yet today")
    ids = [fake_services.cards.add("Spanish", CardKind.BASIC, f"word {i}", f"palabra {i}") for i in range(4)]
    session = fake_services.reviews.start(fake_services.decks.id_of("Spanish"))
    for seconds in (50, 40):
        card = session.next_card()
        assert card is not None
        session.answer(card.card.id, Rating.GOOD, duration_ms=seconds * 1000)
    fake_services.reviews.bury(ids[2:3])
    fake_services.reviews.set_suspended(ids[3:], True)
    main_window.refresh_decks()
    qtbot.waitUntil(lambda: main_window.today_label.text().startswith("Studied"))
    assert main_window.today_label.text() == "Studied 2 cards in 2 minutes today · 1 buried · 1 suspended"


def test_a_notice_about_the_deck_list_goes_when_another_view_opens(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    main_window.refresh_decks()
    other = QWidget()
    main_window.pages.addWidget(other)
    main_window.show_notice("Imported 12 cards into 'Spanish'.")
    assert main_window.notice_frame.isVisible()
    main_window.pages.setCurrentWidget(other)  # as the review, browser and statistics views are shown
    assert not main_window.notice_frame.isVisible()


def test_unregistered_views_have_no_visible_actions(main_window: MainWindow) -> None:
    for action in (
        main_window.main_actions.review,
        main_window.main_actions.browse,
        main_window.main_actions.statistics,
        main_window.main_actions.export,
    ):
        assert not action.isVisible()
    assert main_window.main_actions.import_article.isVisible()
    assert main_window.main_actions.import_article.shortcut().toString() == "Ctrl+I"
    assert main_window.main_actions.quit.shortcut().toString() == "Ctrl+Q"


def test_registered_view_shows_its_action_and_opens_for_the_selected_deck(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], fake_services: Services
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    window = window_factory()
    opened: list[DeckId | None] = []
    window.register_view(ViewHook.BROWSE, opened.append)
    assert window.main_actions.browse.isVisible()
    assert [s.toString() for s in window.main_actions.browse.shortcuts()] == ["B"]
    window.main_actions.browse.trigger()
    assert opened == [fake_services.decks.id_of("Spanish")]


def test_enter_on_a_deck_requests_study(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], fake_services: Services
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    window = window_factory()
    assert window.pages.currentWidget() is window.deck_page
    with qtbot.waitSignal(window.study_requested) as blocker:
        qtbot.keyClick(window.deck_view, Qt.Key.Key_Return)
    assert blocker.args == [int(fake_services.decks.id_of("Spanish"))]


def test_registering_review_routes_study_requests_to_it(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], fake_services: Services
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    window = window_factory()
    studied: list[DeckId | None] = []
    window.register_view(ViewHook.REVIEW, studied.append)
    assert window.main_actions.review.isVisible() and window.main_actions.review.isEnabled()
    index = window.deck_model.index(0, 0)
    rect = window.deck_view.visualRect(index)
    qtbot.mouseClick(window.deck_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.deck_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert studied == [fake_services.decks.id_of("Spanish")]


def test_deck_tree_shows_counts_after_adding_cards(
    window_factory: Callable[[], MainWindow], fake_services: Services
) -> None:
    fake_services.cards.add("History::Asia", CardKind.BASIC, "Q1", "A1")
    fake_services.cards.add("History::Asia", CardKind.BASIC, "Q2", "A2")
    window = window_factory()
    history = window.deck_model.index(0, 0)
    assert history.data() == "History"
    assert history.siblingAtColumn(DeckTreeModel.NEW).data() == 2
    asia = window.deck_model.index(0, 0, history)
    assert asia.data() == "Asia"
    assert window.deck_view.isExpanded(history)


def test_new_deck_dialog_creates_the_deck(qtbot: QtBot, main_window: MainWindow, fake_services: Services) -> None:
    main_window.main_actions.new_deck.trigger()
    dialog = _modal(qtbot)
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("Biology::Cells")
    dialog.accept()
    qtbot.waitUntil(lambda: main_window.current_deck_name() == "Biology::Cells")
    assert "Biology::Cells" in [row.name for row in fake_services.decks.list()]
    assert main_window.pages.currentWidget() is main_window.deck_page


def test_rename_deck_keeps_it_selected(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], fake_services: Services
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    window = window_factory()
    window.main_actions.rename_deck.trigger()
    dialog = _modal(qtbot)
    assert isinstance(dialog, QInputDialog)
    assert dialog.textValue() == "Spanish"
    dialog.setTextValue("Languages::Spanish")
    dialog.accept()
    qtbot.waitUntil(lambda: window.current_deck_name() == "Languages::Spanish")


def test_delete_deck_asks_with_the_card_count_and_deletes_on_confirm(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], fake_services: Services
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    fake_services.cards.add("Spanish", CardKind.BASIC, "adiós", "goodbye")
    window = window_factory()
    window.main_actions.delete_deck.trigger()
    box = _modal(qtbot)
    assert isinstance(box, QMessageBox)
    assert "its 2 cards" in box.text()
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.notice_label.text().startswith("Deleted the deck “Spanish”."))
    assert "Spanish" not in [row.name for row in fake_services.decks.list()]
    backups = fake_services.backups.list()
    assert len(backups) == 1 and backups[0].cards == 2  # the state before the deletion is kept


def test_cancel_on_delete_keeps_the_deck(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], fake_services: Services
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    window = window_factory()
    window.main_actions.delete_deck.trigger()
    box = _modal(qtbot)
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert "Spanish" in [row.name for row in fake_services.decks.list()]


def test_sample_button_opens_the_import_preview(qtbot: QtBot, main_window: MainWindow) -> None:
    with qtbot.waitSignal(main_window.import_flow.preview_opened, timeout=10_000) as blocker:
        qtbot.mouseClick(main_window.empty_state.sample_button, Qt.MouseButton.LeftButton)
    dialog = blocker.args[0]
    assert isinstance(dialog, ImportDialog)
    assert dialog.model.rowCount() > 0
    dialog.reject()


def test_dropping_a_file_imports_it(
    qtbot: QtBot, main_window: MainWindow, seed_article: Path, drop_file: DropFile
) -> None:
    with qtbot.waitSignal(main_window.import_flow.preview_opened, timeout=10_000) as blocker:
        drop_file(main_window, seed_article)
    assert blocker.args[0].article.title
    blocker.args[0].reject()


def test_dropping_a_csv_imports_its_cards_without_a_preview(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, drop_file: DropFile
) -> None:
    table = tmp_path / "capitals.csv"
    table.write_text("front,back\nCapital of France?,Paris\nCapital of Peru?,Lima\n", encoding="utf-8")
    drop_file(main_window, table)
    qtbot.waitUntil(lambda: main_window.notice_label.text().startswith("Added 2 cards"), timeout=10_000)
    assert main_window.pages.currentWidget() is main_window.deck_page
    assert "capitals" in [row.name for row in main_window.services.decks.list()]


def test_unsupported_file_is_refused_with_a_sentence(qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3")
    main_window.import_flow.import_file(song)
    box = _modal(qtbot)
    assert isinstance(box, QMessageBox)
    assert box.text() == (
        "song.mp3: files of type '.mp3' cannot be imported; use .txt, .md, .html, .pdf, .apkg, .colpkg, .csv or .tsv."
    )
    box.close()


def test_an_article_over_the_size_cap_is_refused_naming_the_cap(
    qtbot: QtBot, tmp_path: Path, settings_store: QSettings
) -> None:
    """With the real generator, which refuses before loading its model."""
    from studyapp.generation.spacy_generator import MAX_ARTICLE_MB

    sentence = "The committee approved a plan for the harbour in 1921. "
    book = tmp_path / "book.txt"
    paragraphs = int(MAX_ARTICLE_MB * 1024 * 1024) // (6 * len(sentence)) + 200
    book.write_text("A long book\n\n" + "\n\n".join(sentence * 6 for _ in range(paragraphs)), encoding="utf-8")
    services = open_services(tmp_path / "real.studyapp")
    window = build_main_window(services, settings_store, seed_article=None)
    qtbot.addWidget(window)
    try:
        window.import_flow.import_file(book)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=120_000)
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert box.text().endswith(
            f"cards can be made from at most {MAX_ARTICLE_MB:g} MB at a time. "
            "Split it into parts (chapters, for example) and import each."
        )
        box.close()
    finally:
        window.runner.shutdown()
        services.close()


def test_add_card_action_opens_the_editor_and_refreshes_the_list(qtbot: QtBot, main_window: MainWindow) -> None:
    assert [s.toString() for s in main_window.main_actions.add_card.shortcuts()] == ["A", "Ctrl+N"]
    main_window.main_actions.add_card.trigger()
    editor = _modal(qtbot)
    assert isinstance(editor, CardEditorDialog)
    editor.deck_combo.setEditText("Spanish")
    qtbot.keyClicks(editor.front_edit, "hola")
    qtbot.keyClicks(editor.back_edit, "hello")
    with qtbot.waitSignal(editor.card_added):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    editor.close()
    assert main_window.deck_model.deck_names() == ["Spanish"]
    assert main_window.pages.currentWidget() is main_window.deck_page


def test_window_remembers_geometry_and_last_deck(
    window_factory: Callable[[], MainWindow], fake_services: Services
) -> None:
    fake_services.cards.add("Biology", CardKind.BASIC, "Q", "A")
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    first = window_factory()
    first.resize(777, 555)
    first.select_deck(fake_services.decks.id_of("Spanish"))
    first.close()
    second = window_factory()
    assert second.size().width() == 777
    assert second.current_deck_name() == "Spanish"


def test_plain_text_everywhere_deck_names_show_markup_literally(
    window_factory: Callable[[], MainWindow], fake_services: Services
) -> None:
    fake_services.cards.add("<b>x</b>", CardKind.BASIC, "Q", "A")
    window = window_factory()
    assert window.deck_model.index(0, 0).data() == "<b>x</b>"
    window.show_notice("Added 1 card to deck '<b>x</b>'.")
    assert window.notice_label.textFormat() == Qt.TextFormat.PlainText
    assert window.notice_label.text() == "Added 1 card to deck '<b>x</b>'."


def test_paste_text_button_enables_only_with_text(qtbot: QtBot, main_window: MainWindow) -> None:
    dialog = main_window.import_flow.paste_text()
    make = dialog.make_button
    assert isinstance(make, QPushButton)
    assert not make.isEnabled()
    qtbot.keyClicks(dialog.text_edit, "Taiwan operates F-16 fighter jets. China regards Taiwan as a province.")
    assert make.isEnabled()
    with qtbot.waitSignal(main_window.import_flow.preview_opened, timeout=10_000) as blocker:
        qtbot.mouseClick(make, Qt.MouseButton.LeftButton)
    blocker.args[0].reject()


@pytest.mark.qt_log_ignore("This plugin does not support raise", "propagateSizeHints")  # offscreen: no window stack
def test_a_second_start_brings_the_window_forward_and_imports_its_file(
    qtbot: QtBot, main_window: MainWindow, seed_article: Path
) -> None:
    from studyapp.ui.app import bring_forward

    with qtbot.waitSignal(main_window.import_flow.preview_opened, timeout=10_000) as blocker:
        bring_forward(main_window, seed_article)
    assert main_window.isVisible()
    blocker.args[0].reject()
