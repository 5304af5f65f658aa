"""Help → Keyboard shortcuts lists the keys the window really has, read from its actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp.ui.main_window import MainWindow
from studyapp.ui.review.wiring import install_study_views
from studyapp.ui.shortcut_sheet import ShortcutSheetDialog, key_text


def _open_sheet(qtbot: QtBot, window: MainWindow) -> ShortcutSheetDialog:
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ShortcutSheetDialog))
    sheet = QApplication.activeModalWidget()
    assert isinstance(sheet, ShortcutSheetDialog)
    return sheet


def test_the_help_menu_opens_the_sheet_with_every_registered_key(
    qtbot: QtBot, window_factory: Callable[..., MainWindow]
) -> None:
    window = window_factory()
    views = install_study_views(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert "&Keyboard shortcuts" in [a.text() for a in help_menu.actions()]
    sheet = _open_sheet(qtbot, window)
    shown = sheet.rows()
    assert list(shown) == ["Main window", "Review", "Browser"]

    main = dict((what, keys) for keys, what in shown["Main window"])
    assert main["Import article"] == "Ctrl+I"
    assert main["Add card"] == "A (deck list) / Ctrl+N"  # the single key works only in the deck list
    assert main["Keyboard shortcuts"] == "Ctrl+/"
    assert len(shown["Main window"]) == len(set(shown["Main window"]))  # Settings is in two menus, listed once
    with_keys = [a for a in window.main_actions.all() if a.shortcuts() or window.main_actions.keys_of(a)]
    assert len(shown["Main window"]) == len(with_keys)

    # The views' sections are exactly their actions' keys: nothing written twice by hand.
    for title, view in (("Review", views.review), ("Browser", views.built_browser())):
        registered = {
            (" / ".join(key_text(k) for k in a.shortcuts()), a.text().replace("&", "").rstrip("…"))
            for a in view.actions()
            if a.shortcuts()
        }
        assert set(shown[title]) == registered
    review = dict((what, keys) for keys, what in shown["Review"])
    assert review["Show the answer, then Good"] == "Space / Return / Enter"
    assert review["Good"] == "3"
    assert dict((what, keys) for keys, what in shown["Browser"])["Move to deck"] == "Ctrl+D"


def test_a_key_added_to_a_view_appears_in_the_sheet(qtbot: QtBot, window_factory: Callable[..., MainWindow]) -> None:
    window = window_factory()
    views = install_study_views(window)
    extra = QAction("Flag the card", views.review)
    extra.setShortcut(QKeySequence("Ctrl+1"))
    views.review.addAction(extra)
    sheet = _open_sheet(qtbot, window)
    assert ("Ctrl+1", "Flag the card") in sheet.rows()["Review"]
    sheet.close()


def test_settings_is_in_one_menu_only(window_factory: Callable[..., MainWindow]) -> None:
    window = window_factory()
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    holding = [name for name, menu in menus.items() if window.main_actions.settings in menu.actions()]
    assert holding == ["&Tools"]
