"""When the collection cannot be opened, the window offers a way out: restore a backup, or another collection."""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.domain.errors import CollectionCorrupt
from studyapp.services.app import open_services
from studyapp.services.backups import backup_folder
from studyapp.ui.app import EXIT_OPEN_FAILED, open_failure_box, run_app
from studyapp.ui.backups_dialog import BackupTableModel, RestoreBackupDialog, when_text
from studyapp.ui.main_window import MainWindow


@pytest.fixture
def user_settings_in_tmp(tmp_path: Path) -> None:
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, Path]:
    """A collection of 12 cards with one backup, then truncated to half."""
    path = tmp_path / "damaged.studyapp"
    app = open_services(path)
    for number in range(12):
        app.cards.add("Deck", CardKind.BASIC, f"Question {number}?", "answer " * 400)
    app.close()
    (backup,) = backup_folder(path).iterdir()
    with path.open("r+b") as stream:
        stream.truncate(path.stat().st_size // 2)
    return path, backup


def card_count(path: Path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT count(*) FROM cards").fetchone()[0])
    finally:
        db.close()


def test_the_box_offers_restore_another_collection_and_quit(qtbot: QtBot) -> None:
    box = open_failure_box(CollectionCorrupt("x.studyapp is damaged."))
    assert sorted(button.text() for button in box.buttons()) == [
        "Open another collection…",
        "Quit",
        "Restore a backup…",
    ]
    assert box.defaultButton() is box.property("restore_backup")


def test_restore_dialog_lists_backups_with_date_and_cards_and_restores_one(
    qtbot: QtBot, damaged: tuple[Path, Path]
) -> None:
    path, backup = damaged
    dialog = RestoreBackupDialog(path)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 1
    (row,) = [model.row_at(0)]
    assert row is not None and row.path == backup
    assert model.data(model.index(0, BackupTableModel.WHEN)) == when_text(row.taken_at)
    assert model.data(model.index(0, BackupTableModel.CARDS)) == "12"
    assert dialog.status_label.text() == "1 backup, newest first."
    assert dialog.restore_button.isEnabled()

    dialog.restore_button.click()

    assert dialog.result() == RestoreBackupDialog.DialogCode.Accepted
    assert dialog.outcome is not None and dialog.outcome.kept_aside is not None
    assert card_count(path) == 12


def test_restore_dialog_without_backups_says_so_and_cannot_restore(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "nothing.studyapp"
    path.write_bytes(b"garbage" * 100)
    dialog = RestoreBackupDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.status_label.text() == "There are no backups."
    assert not dialog.restore_button.isEnabled()


def _answering(steps: list[Callable[[QWidget], bool]]) -> QTimer:
    """Poll the active modal widget and hand it to the next step until that step says it is done."""

    def tick() -> None:
        if not steps:
            return
        widget = QApplication.activeModalWidget()
        if widget is None:
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            widget = windows[0] if windows else None
        if widget is not None and steps[0](widget):
            steps.pop(0)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    return timer


def _click(text: str) -> Callable[[QWidget], bool]:
    def step(widget: QWidget) -> bool:
        if isinstance(widget, QMessageBox):
            (button,) = [b for b in widget.buttons() if b.text() == text]
            button.click()
            return True
        if isinstance(widget, RestoreBackupDialog) and text == "Restore":
            widget.restore_button.click()
            return True
        return False

    return step


def _close_main_window(widget: QWidget) -> bool:
    if isinstance(widget, MainWindow) and widget.pages.currentWidget() is not widget.opening_page:
        widget.close()
        return True
    return False


def test_restoring_a_backup_from_the_box_opens_the_window_on_it(
    qtbot: QtBot, user_settings_in_tmp: None, damaged: tuple[Path, Path]
) -> None:
    path, _backup = damaged
    timer = _answering([_click("Restore a backup…"), _click("Restore"), _close_main_window])
    try:
        assert run_app(path, None) == 0
    finally:
        timer.stop()
    assert card_count(path) == 12
    assert len(list(path.parent.glob("damaged.studyapp.damaged-*"))) == 1


def test_open_another_collection_from_the_box(
    qtbot: QtBot, user_settings_in_tmp: None, damaged: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _backup = damaged
    other = path.with_name("other.studyapp")
    open_services(other).close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kwargs: (str(other), ""))
    timer = _answering([_click("Open another collection…"), _close_main_window])
    try:
        assert run_app(path, None) == 0
    finally:
        timer.stop()


def test_sigterm_while_the_box_is_up_ends_the_app(
    qtbot: QtBot, user_settings_in_tmp: None, damaged: tuple[Path, Path]
) -> None:
    path, _backup = damaged
    before = path.read_bytes()

    def terminate(widget: QWidget) -> bool:
        if isinstance(widget, QMessageBox):
            os.kill(os.getpid(), signal.SIGTERM)
            return True
        return False

    timer = _answering([terminate])
    try:
        assert run_app(path, None) == EXIT_OPEN_FAILED
    finally:
        timer.stop()
    assert path.read_bytes() == before
