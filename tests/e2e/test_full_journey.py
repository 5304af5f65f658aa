"""The whole journey, as a user does it, with the real generator and the real Anki library at the end.

Import the seed article → triage and edit in the preview → add → study with keys (3, 1, Ctrl+Z) →
find and edit a card in the browser → statistics → export to .apkg → Anki opens it with the edits.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.services.app import Services, open_services
from studyapp.ui.browser.card_table_model import Column
from studyapp.ui.export_dialog import ExportDialog
from studyapp.ui.import_preview.draft_table_model import DraftTableModel
from studyapp.ui.import_preview.import_dialog import ImportDialog
from studyapp.ui.multiline_delegate import CellTextEdit
from studyapp.ui.review.wiring import StudyViews

ROOT = Path(__file__).resolve().parents[2]
PREVIEW_EDIT = "edited in the preview"
BROWSER_EDIT = " (checked in the browser)"


def _import_and_add(qtbot: QtBot, views: StudyViews) -> int:
    window = views.window
    with qtbot.waitSignal(window.import_flow.preview_opened, timeout=60_000) as opened:
        qtbot.mouseClick(window.empty_state.sample_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, ImportDialog)
    proposed = dialog.model.rowCount()
    assert proposed >= 5
    table = dialog.table_view
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_X)  # reject the first two: X moves on to the next
    qtbot.keyClick(table, Qt.Key.Key_X)
    row = next(r for r in range(2, proposed) if dialog.model.draft(r).kind is CardKind.BASIC)
    table.setCurrentIndex(dialog.model.index(row, DraftTableModel.ANSWER))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().findChild(CellTextEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, PREVIEW_EDIT)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert dialog.model.draft(row).answer == PREVIEW_EDIT
    dialog.deck_combo.setEditText("Taiwan")
    with qtbot.waitSignal(dialog.cards_added, timeout=10_000):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    return proposed - 2


def test_import_study_browse_statistics_export_and_anki_reads_it(
    qtbot: QtBot, study_app: StudyViews, services: Services, tmp_path: Path
) -> None:
    window = study_app.window
    kept = _import_and_add(qtbot, study_app)
    qtbot.waitUntil(lambda: window.current_deck_name() == "Taiwan")
    window.activateWindow()  # the offscreen platform does not give it back when the preview closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # Study: Enter on the deck, Space shows the answer, 3 = Good, 1 = Again, Ctrl+Z takes the Again back.
    window.deck_view.setFocus()
    qtbot.keyClick(window.deck_view, Qt.Key.Key_Return)
    review = study_app.review
    assert window.pages.currentWidget() is review
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert review.card_widget.answer_label.isVisible()
    with qtbot.waitSignal(review.card_answered):
        qtbot.keyClick(review, Qt.Key.Key_3)
    qtbot.keyClick(review, Qt.Key.Key_Space)
    again = review.current_card
    assert again is not None
    with qtbot.waitSignal(review.card_answered):
        qtbot.keyClick(review, Qt.Key.Key_1)
    assert review.current_card is not None and review.current_card.card.id != again.card.id
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.status_label.text() == "Answer undone."
    assert review.current_card is not None and review.current_card.card.id == again.card.id
    assert not review.revealed
    qtbot.keyClick(review, Qt.Key.Key_A)  # a single key of the deck list does nothing here
    assert QApplication.activeModalWidget() is None
    qtbot.keyClick(review, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.deck_page

    # Browse (B on the deck list), search, and edit a question in place.
    qtbot.keyClick(window.deck_view, Qt.Key.Key_B)
    browser = study_app.browser
    assert browser is not None and window.pages.currentWidget() is browser
    assert browser.model.rowCount() == kept
    qtbot.keyClick(browser.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    browser.search_edit.selectAll()
    qtbot.keyClicks(browser.search_edit, f'deck:Taiwan "{PREVIEW_EDIT}"')
    qtbot.keyClick(browser.search_edit, Qt.Key.Key_Return)
    assert browser.model.rowCount() == 1
    browser.table.setFocus()
    browser.table.setCurrentIndex(browser.model.index(0, Column.QUESTION))
    question = browser.model.data(browser.model.index(0, Column.QUESTION))
    qtbot.keyClick(browser.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, CellTextEdit)
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, BROWSER_EDIT)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: browser.model.data(browser.model.index(0, Column.QUESTION)) == question + BROWSER_EDIT)
    qtbot.mouseClick(browser.back_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.deck_page

    # Statistics: one review today (the undone one is gone).
    window.main_actions.statistics.trigger()
    stats = study_app.stats
    assert stats is not None and window.pages.currentWidget() is stats
    assert stats.summary is not None and stats.summary.totals.reviews_today == 1
    qtbot.mouseClick(stats.back_button, Qt.MouseButton.LeftButton)

    # Export with scheduling through the dialog (the path is set as the file dialog would).
    window.deck_view.setFocus()
    qtbot.keyClick(window.deck_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = study_app.export_dialog
    assert isinstance(dialog, ExportDialog)
    qtbot.waitExposed(dialog)
    assert dialog.deck() == "Taiwan"
    assert Path(dialog.path_edit.text()).name == "Taiwan.apkg"
    package = tmp_path / "out" / "Taiwan.apkg"
    package.parent.mkdir()
    dialog.set_path(package)
    qtbot.mouseClick(dialog.scheduling_check, Qt.MouseButton.LeftButton)
    assert dialog.with_scheduling()
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert window.notice_label.text().startswith(f"Exported {kept} cards from deck 'Taiwan' to {package}")

    # The real Anki library opens the package: every kept card, both edits, the one review.
    col = Collection(str(tmp_path / "anki" / "collection.anki2")) if (tmp_path / "anki").mkdir() is None else None
    assert col is not None
    try:
        options = ImportAnkiPackageOptions(with_scheduling=True, merge_notetypes=True)
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))
        assert col.card_count() == kept
        fields = [field for nid in col.find_notes("") for field in col.get_note(nid).fields]
        assert any(PREVIEW_EDIT in field for field in fields)
        assert any(BROWSER_EDIT.strip() in field for field in fields)
        assert {col.decks.name(col.get_card(cid).did) for cid in col.find_cards("")} == {"Taiwan"}
        assert col.db.scalar("select count() from revlog") == 1
    finally:
        col.close()


def test_python_m_studyapp_opens_the_window_and_closes_cleanly_on_sigterm(tmp_path: Path) -> None:
    collection = tmp_path / "window.studyapp"
    open_services(collection).close()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "studyapp", "-v", "--collection", str(collection)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stderr is not None
        shown = _wait_for_line(process.stderr, "window shown", timeout=30)
        assert shown, "the window never came up"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    settings = (tmp_path / "config" / "StudyApp" / "StudyApp.conf").read_text(encoding="utf-8", errors="replace")
    assert "geometry=" in settings  # the window closed like a user closed it (closeEvent ran)
    reopened = open_services(collection)
    reopened.close()


def _wait_for_line(stream: IO[bytes], text: str, *, timeout: float) -> bool:
    """Read the child's stderr as it arrives until ``text`` shows up (no fixed sleeps).

    Raw ``os.read`` on the descriptor: a buffered ``readline`` could swallow the
    line into Python's buffer, where ``select`` no longer sees it.
    """
    selector = selectors.DefaultSelector()
    selector.register(stream.fileno(), selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    seen = b""
    try:
        while text.encode() not in seen:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(timeout=left):
                return False
            chunk = os.read(stream.fileno(), 4096)
            if not chunk:
                return False
            seen += chunk
        return True
    finally:
        selector.close()
