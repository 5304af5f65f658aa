"""Screenshots of every screen this part builds, for looking at (and for the README).

Set ``STUDYAPP_SCREENSHOTS=folder`` to keep them; otherwise they go to tmp_path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from studyapp.services.app import Services
from studyapp.ui.import_preview.import_dialog import ImportDialog
from studyapp.ui.main_window import MainWindow
from studyapp.ui.preferences import Theme


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("STUDYAPP_SCREENSHOTS", "") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 5_000
    return path


def _import_sample(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    with qtbot.waitSignal(window.import_dialog_opened, timeout=60_000) as opened:
        window.import_sample()
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
