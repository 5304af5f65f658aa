"""End-to-end fixtures: the real window over a real collection with the real generator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from studyapp.services.app import Services
from studyapp.ui.app import build_main_window
from studyapp.ui.main_window import MainWindow
from studyapp.ui.review.wiring import StudyViews, install_study_views

OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def settings_store(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "studyapp.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def app_window(qtbot: QtBot, services: Services, settings_store: QSettings, seed_article: Path) -> Iterator[MainWindow]:
    window = build_main_window(services, settings_store, seed_article=seed_article)
    qtbot.addWidget(window)
    window.resize(1000, 640)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.runner.shutdown()
    window.theme_manager.restore()  # type: ignore[attr-defined]


@pytest.fixture
def study_app(qtbot: QtBot, app_window: MainWindow) -> StudyViews:
    """The window as ``run_app`` builds it: review, browser, statistics and export plugged in.

    Active, so that its shortcuts (B, Ctrl+E…) work as for a user.
    """
    views = install_study_views(app_window)
    app_window.activateWindow()
    qtbot.waitActive(app_window)
    return views
