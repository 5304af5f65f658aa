"""The composition root: opening errors end the process with a clear dialog; themes apply."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from studyapp.domain.errors import CollectionCorrupt, CollectionLocked
from studyapp.services.app import Services, open_services
from studyapp.settings import COLLECTION_FILE, data_dir
from studyapp.ui.app import EXIT_OPEN_FAILED, build_main_window, choose_collection_path, open_failure_box, run_app
from studyapp.ui.preferences import Preferences, Theme


@pytest.fixture
def user_settings_in_tmp(tmp_path: Path) -> None:
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_second_instance_explains_and_exits_non_zero(
    qtbot: QtBot, user_settings_in_tmp: None, services: Services, collection_path: Path
) -> None:
    shown: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.windowTitle())
        box.done(0)

    hook = sys.excepthook
    QTimer.singleShot(0, close_box)
    assert run_app(collection_path, None) == EXIT_OPEN_FAILED
    assert shown == ["StudyApp is already open"]
    assert sys.excepthook is hook


def test_open_failure_box_shows_the_error_sentence() -> None:
    box = open_failure_box(CollectionCorrupt("x.studyapp is not a StudyApp collection."))
    assert box.text() == "x.studyapp is not a StudyApp collection."
    assert box.windowTitle() == "Cannot open the collection"
    locked = open_failure_box(CollectionLocked("Already open (pid 7)."))
    assert locked.windowTitle() == "StudyApp is already open"


def test_collection_chosen_in_settings_is_used_unless_overridden(tmp_path: Path, preferences: Preferences) -> None:
    default = data_dir() / COLLECTION_FILE
    assert choose_collection_path(default, preferences) == default
    preferences.collection_path = tmp_path / "chosen.studyapp"
    assert choose_collection_path(default, preferences) == tmp_path / "chosen.studyapp"
    assert choose_collection_path(tmp_path / "cli.studyapp", preferences) == tmp_path / "cli.studyapp"


def test_dark_theme_is_applied_from_preferences(qtbot: QtBot, tmp_path: Path, clock: object) -> None:
    settings = QSettings(str(tmp_path / "dark.ini"), QSettings.Format.IniFormat)
    Preferences(settings).theme = Theme.DARK
    opened = open_services(tmp_path / "dark.studyapp")
    try:
        window = build_main_window(opened, settings, seed_article=None)
        qtbot.addWidget(window)
        try:
            assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
            assert not window.empty_state.sample_button.isVisible()
        finally:
            window.theme_manager.restore()  # type: ignore[attr-defined]
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() >= 128
    finally:
        opened.close()
