"""Screenshots of every screen this part builds, for looking at (and for the README).

Set ``STUDYAPP_SCREENSHOTS=folder`` to keep them; otherwise they go to tmp_path.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.clock import FixedClock
from studyapp.services.app import Services, open_services
from studyapp.ui.app import build_main_window
from studyapp.ui.backups_dialog import BackupsDialog, RestoreDeletedDialog
from studyapp.ui.import_preview.import_dialog import ImportDialog
from studyapp.ui.main_actions import ViewHook
from studyapp.ui.main_window import MainWindow
from studyapp.ui.preferences import Theme
from studyapp.ui.review.wiring import install_study_views
from studyapp.ui.tasks import TaskRunner


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("STUDYAPP_SCREENSHOTS", "") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save(widget: QWidget, folder: Path, name: str) -> Path:
    QApplication.processEvents()  # pending layout requests run, as the event loop would before painting
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 5_000
    return path


def _import_sample(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    with qtbot.waitSignal(window.import_flow.preview_opened, timeout=60_000) as opened:
        window.import_flow.import_sample()
    dialog = opened.args[0]
    assert isinstance(dialog, ImportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_screenshots_of_every_screen(
    qtbot: QtBot, app_window: MainWindow, services: Services, settings_store: QSettings, shots: Path
) -> None:
    _save(app_window, shots, "main_empty")

    dialog = _import_sample(qtbot, app_window)
    dialog.resize(1200, 720)
    table = dialog.table_view
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_J)
    qtbot.keyClick(table, Qt.Key.Key_X)
    qtbot.keyClick(table, Qt.Key.Key_J)
    _save(dialog, shots, "import_preview")
    dialog.deck_combo.setEditText("World news::Taiwan")
    with qtbot.waitSignal(dialog.cards_added, timeout=10_000):
        dialog.add_cards()
    services.decks.create("Languages::Spanish")
    services.decks.create("Biology")
    app_window.refresh_decks()
    _save(app_window, shots, "main_decks")

    editor = app_window.add_card()
    editor.front_edit.setPlainText("Taiwan wants to buy the {{c1::AGM-158 JASSM}} cruise missile.")
    editor.set_kind(editor.kind().CLOZE)
    editor.tags_edit.setText("taiwan defence")
    qtbot.waitExposed(editor)
    _save(editor, shots, "card_editor")
    editor.close()

    settings = app_window.open_settings()
    qtbot.waitExposed(settings)
    _save(settings, shots, "settings")
    settings.theme_combo.setCurrentIndex(settings.theme_combo.findData(Theme.DARK.value))
    assert settings.apply()
    settings.close()
    try:
        _save(app_window, shots, "main_dark")
        dark_dialog = _import_sample(qtbot, app_window)
        dark_dialog.resize(1200, 720)
        _save(dark_dialog, shots, "import_preview_dark")
        dark_dialog.reject()
    finally:
        app_window.theme_manager.restore()  # type: ignore[attr-defined]


def test_readme_screenshots_of_a_realistic_collection(
    qtbot: QtBot, tmp_path: Path, shots: Path, clock: FixedClock, seed_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seed article imported, a few reviews done; the status bar shows ~/StudyApp/…, not a temp path."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    services = open_services(home / "StudyApp" / "collection.studyapp", clock=clock)
    settings = QSettings(str(tmp_path / "shots.ini"), QSettings.Format.IniFormat)
    window = build_main_window(services, settings, seed_article=seed_article)
    qtbot.addWidget(window)
    try:
        views = install_study_views(window)
        window.resize(1100, 700)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        assert window.path_label.text() == "~/StudyApp/collection.studyapp"

        dialog = _import_sample(qtbot, window)
        dialog.resize(1200, 720)
        dialog.table_view.setFocus()
        for key in (Qt.Key.Key_J, Qt.Key.Key_X, Qt.Key.Key_J):
            qtbot.keyClick(dialog.table_view, key)
        _save(dialog, shots, "import_preview")
        dialog.deck_combo.setEditText("World news::Taiwan")
        with qtbot.waitSignal(dialog.cards_added, timeout=10_000):
            dialog.add_cards()
        services.cards.add("Languages::Spanish", CardKind.BASIC, "¿Dónde está la biblioteca?", "Where is the library?")
        services.cards.add("Biology", CardKind.BASIC, "What do mitochondria make?", "ATP")
        window.refresh_decks()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.select_deck(services.decks.id_of("World news::Taiwan"))
        window.show_notice("")
        _save(window, shots, "main")

        window.open_view(ViewHook.REVIEW)
        review = views.review
        for key in (Qt.Key.Key_3, Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_4):
            qtbot.keyClick(review, Qt.Key.Key_Space)
            with qtbot.waitSignal(review.card_answered):
                qtbot.keyClick(review, key)
            clock.advance(timedelta(seconds=25))
        _save(window, shots, "review_question")
        qtbot.keyClick(review, Qt.Key.Key_Space)
        _save(window, shots, "review")
        qtbot.keyClick(review, Qt.Key.Key_Escape)

        window.open_view(ViewHook.BROWSE)
        assert views.browser is not None
        _save(window, shots, "browser")
        qtbot.mouseClick(views.browser.back_button, Qt.MouseButton.LeftButton)
        window.open_view(ViewHook.STATISTICS)
        assert views.stats is not None and views.stats.summary is not None
        _save(window, shots, "statistics")
        qtbot.mouseClick(views.stats.back_button, Qt.MouseButton.LeftButton)

        window.open_view(ViewHook.EXPORT)
        assert views.export_dialog is not None
        qtbot.waitExposed(views.export_dialog)
        _save(views.export_dialog, shots, "export_dialog")
        views.export_dialog.reject()

        services.backups.backup_now()
        clock.advance(timedelta(hours=2))
        services.backups.backup_now()
        backups = window.backup_actions.open_backups()
        assert isinstance(backups, BackupsDialog)
        qtbot.waitUntil(lambda: backups.model.rowCount() == 2)
        _save(backups, shots, "backups_dialog")
        backups.close()

        services.cards.delete(services.browse.search('deck:"World news::Taiwan"')[:4])
        undelete = window.backup_actions.open_restore_deleted()
        assert isinstance(undelete, RestoreDeletedDialog)
        qtbot.waitExposed(undelete)
        undelete.model.set_checked([0, 1], True)
        _save(undelete, shots, "restore_deleted_dialog")
        undelete.reject()

        window.theme_manager.apply(Theme.DARK, 0)  # type: ignore[attr-defined]
        _save(window, shots, "main_dark_decks")
        window.open_view(ViewHook.STATISTICS)
        _save(window, shots, "statistics_dark")
        qtbot.mouseClick(views.stats.back_button, Qt.MouseButton.LeftButton)
        window.open_view(ViewHook.REVIEW)
        qtbot.keyClick(review, Qt.Key.Key_Space)
        _save(window, shots, "dark")  # README: the review, answer shown, in the dark theme
        qtbot.keyClick(review, Qt.Key.Key_Escape)
    finally:
        window.runner.shutdown()
        window.theme_manager.restore()  # type: ignore[attr-defined]
        window.close()
        services.close()


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
@pytest.mark.parametrize("size", [(900, 600), (1920, 1080)])
def test_screenshots_of_cards_with_context_and_rewrites(
    qtbot: QtBot,
    app_window: MainWindow,
    services: Services,
    shots: Path,
    webb_article: Article,
    webb_drafts: list[CardDraft],
    size: tuple[int, int],
    theme: Theme,
) -> None:
    """The preview, the review and the browser showing a context line and a rewritten phrase."""
    views = install_study_views(app_window)
    app_window.theme_manager.apply(theme, 0)  # type: ignore[attr-defined]
    suffix = f"{theme.value}_{size[0]}x{size[1]}"
    runner = TaskRunner()
    dialog = ImportDialog(services.imports, runner, webb_article, webb_drafts, deck_names=[], default_deck="Space")
    qtbot.addWidget(dialog)
    try:
        dialog.resize(*size)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.model.set_accepted(2, False)  # rejected in triage: the review starts with a card that has context
        assert dialog.detail_widget.context_label.text() == "Astronomy › Space telescopes"
        _save(dialog, shots, f"context_preview_{suffix}")
        with qtbot.waitSignal(dialog.cards_added, timeout=10_000):
            dialog.add_cards()
    finally:
        runner.shutdown()
    app_window.resize(*size)
    app_window.refresh_decks()
    app_window.select_deck(services.decks.id_of("Space"))
    app_window.open_view(ViewHook.REVIEW)
    review = views.review
    assert review.card_widget.context_label.isVisible()
    _save(app_window, shots, f"context_review_question_{suffix}")
    qtbot.keyClick(review, Qt.Key.Key_Space)
    _save(app_window, shots, f"context_review_answer_{suffix}")
    qtbot.keyClick(review, Qt.Key.Key_Escape)
    app_window.open_view(ViewHook.BROWSE)
    assert views.browser is not None
    views.browser.table.selectRow(0)
    assert views.browser.detail.context_label.isVisible()
    _save(app_window, shots, f"context_browser_{suffix}")
