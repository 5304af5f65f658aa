"""The composition root: opening errors end the process with a clear dialog; themes apply."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.errors import CollectionCorrupt, CollectionLocked, StudyAppError
from studyapp.generation.base import CardGenerator
from studyapp.services.app import Services, open_services
from studyapp.settings import COLLECTION_FILE, data_dir
from studyapp.ui.app import (
    EXIT_OPEN_FAILED,
    build_main_window,
    choose_collection_path,
    open_failure_box,
    run_app,
    start_window,
)
from studyapp.ui.preferences import Preferences, Theme
from studyapp.ui.single_instance import InstanceServer


@pytest.fixture
def user_settings_in_tmp(tmp_path: Path) -> None:
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_second_instance_explains_and_exits_non_zero(
    qtbot: QtBot, user_settings_in_tmp: None, services: Services, collection_path: Path
) -> None:
    shown: list[str] = []

    def close_box() -> None:  # the box comes after the window's first paint, when opening fails
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.windowTitle())
            box.done(0)

    hook = sys.excepthook
    poll = QTimer()
    poll.timeout.connect(close_box)
    poll.start(10)
    try:
        assert run_app(collection_path, None) == EXIT_OPEN_FAILED
    finally:
        poll.stop()
    assert shown == ["StudyApp is already open"]
    assert sys.excepthook is hook


def test_second_instance_can_bring_the_open_window_forward_with_its_file(
    qtbot: QtBot, user_settings_in_tmp: None, services: Services, collection_path: Path, seed_article: Path
) -> None:
    server = InstanceServer(collection_path)  # what the window holding the collection listens on
    heard: list[object] = []
    server.activation_requested.connect(heard.append)

    def press_bring_forward() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.property("bring_forward").click()

    poll = QTimer()
    poll.timeout.connect(press_bring_forward)
    poll.start(10)
    try:
        assert run_app(collection_path, seed_article) == 0
    finally:
        poll.stop()
    qtbot.waitUntil(lambda: heard == [seed_article.resolve()])
    server.close()
    server.deleteLater()


def test_window_paints_before_the_collection_opens_then_fills_the_deck_list(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, seed_article: Path, fake_generator: type[CardGenerator]
) -> None:
    path = tmp_path / "start.studyapp"
    seeded = open_services(path, clock=clock)
    seeded.cards.add("Spanish", CardKind.BASIC, "¿Qué hora es?", "What time is it?")
    seeded.close()
    opened: list[Services] = []
    failures: list[StudyAppError] = []
    painted_before_open: list[bool] = []

    def opener(at: Path) -> Services:
        painted_before_open.append(startup.window.opening_page.isVisible())
        services = open_services(at, clock=clock, generator_factory=fake_generator)
        opened.append(services)
        return services

    settings = QSettings(str(tmp_path / "start.ini"), QSettings.Format.IniFormat)
    startup = start_window(path, settings, seed_article, on_failed=failures.append, opener=opener)
    window = startup.window
    qtbot.addWidget(window)
    try:
        assert window.pages.currentWidget() is window.opening_page
        assert window.opening_page.text() == "Opening collection…"
        assert not window.main_actions.import_article.isEnabled() and not window.main_actions.browse.isEnabled()
        with qtbot.waitSignal(window.import_flow.preview_opened, timeout=10_000):  # `studyapp FILE`: straight to import
            pass
        assert painted_before_open == [True] and not failures
        assert window.pages.currentWidget() is window.deck_page
        assert [row.name for row in window.deck_model.all_rows()] == ["Spanish"]
        assert window.main_actions.import_article.isEnabled() and window.main_actions.browse.isEnabled()
        assert window.path_label.text().endswith("start.studyapp")
        assert window.import_flow.import_dialog is not None
        window.import_flow.import_dialog.reject()
    finally:
        window.runner.shutdown()
        window.theme_manager.restore()  # type: ignore[attr-defined]
        for services in opened:
            services.close()


def test_start_window_reports_a_corrupt_collection_after_painting(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "broken.studyapp"
    path.write_bytes(b"this is not a database" * 100)
    failures: list[StudyAppError] = []
    settings = QSettings(str(tmp_path / "broken.ini"), QSettings.Format.IniFormat)
    startup = start_window(path, settings, None, on_failed=failures.append, seed_article=None)
    qtbot.addWidget(startup.window)
    try:
        qtbot.waitUntil(lambda: bool(failures), timeout=5_000)
        assert isinstance(failures[0], CollectionCorrupt) and startup.failure is failures[0]
        assert startup.services is None
        assert startup.window.pages.currentWidget() is startup.window.opening_page
    finally:
        startup.window.runner.shutdown()
        startup.window.theme_manager.restore()  # type: ignore[attr-defined]


def test_open_failure_box_shows_the_error_sentence() -> None:
    box = open_failure_box(CollectionCorrupt("x.studyapp is not a StudyApp collection."))
    assert box.text() == "x.studyapp is not a StudyApp collection."
    assert box.windowTitle() == "Cannot open the collection"
    locked = open_failure_box(CollectionLocked("Already open (pid 7)."))
    assert locked.windowTitle() == "StudyApp is already open"
    assert sorted(button.text() for button in locked.buttons()) == ["Bring it forward", "Quit"]
    assert locked.defaultButton() is locked.property("bring_forward")


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
