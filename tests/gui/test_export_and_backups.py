"""Export, backups and their window wiring, driven like a user."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.ids import CardId
from studyapp.services.app import Services
from studyapp.services.exporting import ExportFormat
from studyapp.ui.backups_dialog import BackupsDialog, BackupTableModel, RestoreDeletedDialog
from studyapp.ui.browser.browser_view import BACKUP_BEFORE_DELETING, BrowserView
from studyapp.ui.export_dialog import ExportDialog, file_name_for
from studyapp.ui.main_window import MainWindow
from studyapp.ui.review.wiring import install_study_views


def _add_cards(services: Services, deck: str, count: int) -> list[CardId]:
    return [services.cards.add(deck, CardKind.BASIC, f"Question {i}?", f"Answer {i}") for i in range(count)]


def _export_dialog(qtbot: QtBot, services: Services, window: MainWindow, folder: Path) -> ExportDialog:
    dialog = ExportDialog(
        services.exports, window.runner, deck_names=["Spanish", "Spanish::Verbs"], current_deck="Spanish", folder=folder
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_file_names_are_readable_and_valid_everywhere() -> None:
    assert file_name_for("World news::Taiwan", ExportFormat.APKG) == "World news - Taiwan.apkg"
    assert file_name_for('a/b:"c"?', ExportFormat.CSV) == "a b c.csv"


def test_export_dialog_defaults_follow_deck_and_format(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services, tmp_path: Path
) -> None:
    dialog = _export_dialog(qtbot, fake_services, main_window, tmp_path)
    assert dialog.path() == tmp_path / "Spanish.apkg"
    assert dialog.scheduling_check.isEnabled()
    dialog.deck_combo.setCurrentText("Spanish::Verbs")
    assert dialog.path() == tmp_path / "Spanish - Verbs.apkg"
    dialog.set_format(ExportFormat.TSV)
    assert dialog.path() == tmp_path / "Spanish - Verbs.tsv"
    assert not dialog.scheduling_check.isEnabled() and not dialog.with_scheduling()


def test_export_writes_the_file_in_the_background_and_reports_it(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services, tmp_path: Path
) -> None:
    _add_cards(fake_services, "Spanish", 3)
    dialog = _export_dialog(qtbot, fake_services, main_window, tmp_path)
    dialog.set_path(tmp_path / "spanish.csv")
    assert dialog.format() is ExportFormat.CSV
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert exported.args[0].cards == 3
    assert (tmp_path / "spanish.csv").read_text(encoding="utf-8").count("Question") == 3
    assert dialog.result() == dialog.DialogCode.Accepted


def test_export_error_is_shown_and_the_dialog_stays_open(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services, tmp_path: Path
) -> None:
    _add_cards(fake_services, "Spanish", 1)
    dialog = _export_dialog(qtbot, fake_services, main_window, tmp_path)
    dialog.set_path(tmp_path / "missing" / "spanish.apkg")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert "does not exist" in box.text()
    box.close()
    assert dialog.isVisible() and dialog.export_button.isEnabled()


def test_export_action_opens_the_dialog_and_the_notice_says_what_was_written(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services, tmp_path: Path
) -> None:
    _add_cards(fake_services, "Spanish", 2)
    main_window.refresh_decks()
    views = install_study_views(main_window)
    assert main_window.export_action.isVisible()
    main_window.export_action.trigger()
    dialog = views.export_dialog
    assert dialog is not None and dialog.deck() == "Spanish"
    dialog.set_path(tmp_path / "s.apkg")
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert main_window.notice_label.text() == f"Exported 2 cards from deck 'Spanish' to {tmp_path / 's.apkg'}."


def test_backup_table_model_passes_the_model_tester(qtmodeltester: object, fake_services: Services) -> None:
    _add_cards(fake_services, "Spanish", 2)
    fake_services.backups.backup_now()
    model = BackupTableModel()
    model.set_rows(fake_services.backups.list())
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.data(model.index(0, BackupTableModel.CARDS)) == "2"


def test_back_up_now_then_restore_it_after_a_confirmation(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services, clock: FixedClock
) -> None:
    _add_cards(fake_services, "Spanish", 2)
    main_window.refresh_decks()
    main_window.back_up_now()
    qtbot.waitUntil(lambda: main_window.notice_label.text().startswith("Backed up the collection to"))
    _add_cards(fake_services, "Spanish", 3)  # five cards now; the backup has two
    clock.advance(timedelta(minutes=1))  # backups are named by the second

    dialog = main_window.open_backups()
    assert isinstance(dialog, BackupsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.status_label.text() == "1 backup, newest first."
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert box is not None
    assert "(2 cards)" in box.text()
    assert "A backup of the current state is taken first" in box.informativeText()
    restore = next(b for b in box.buttons() if b.text() == "Restore")
    with qtbot.waitSignal(dialog.restored, timeout=10_000):
        qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert sum(row.total for row in fake_services.decks.list()) == 2
    assert main_window.notice_label.text().startswith("Restored ")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)  # the safety backup is listed too
    assert dialog.model.data(dialog.model.index(0, BackupTableModel.CARDS)) == "5"
    dialog.close()


def test_restore_deleted_cards_brings_back_what_the_browser_deleted(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services
) -> None:
    ids = _add_cards(fake_services, "Spanish", 2)
    fake_services.cards.delete(ids)
    dialog = main_window.open_restore_deleted()
    assert isinstance(dialog, RestoreDeletedDialog)
    with qtbot.waitSignal(dialog.restored):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert main_window.notice_label.text() == "Restored 2 deleted cards."
    assert sum(row.total for row in fake_services.decks.list()) == 2


def test_timer_takes_a_periodic_backup_in_the_background(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services
) -> None:
    _add_cards(fake_services, "Spanish", 1)
    assert main_window.backup_timer.isActive()
    main_window.backup_timer.timeout.emit()  # as after BACKUP_CHECK_MS
    qtbot.waitUntil(lambda: len(fake_services.backups.list(with_cards=False)) == 1)
    qtbot.waitUntil(lambda: not main_window.runner.busy)


def test_deleting_many_cards_in_the_browser_backs_up_first(qtbot: QtBot, fake_services: Services) -> None:
    _add_cards(fake_services, "Spanish", BACKUP_BEFORE_DELETING + 1)
    view = BrowserView(fake_services)
    qtbot.addWidget(view)
    view.show()
    view.search("")
    view.table.selectAll()
    view.delete_action.trigger()
    box = view.confirm_box
    assert box is not None and "A backup is taken first." in box.informativeText()
    with qtbot.waitSignal(view.cards_changed):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    backups = fake_services.backups.list()
    assert len(backups) == 1 and backups[0].cards == BACKUP_BEFORE_DELETING + 1
    assert view.model.rowCount() == 0


def test_single_key_shortcuts_belong_to_the_deck_list(qtbot: QtBot, main_window: MainWindow) -> None:
    views = install_study_views(main_window)
    assert "A" in [k.toString() for k in main_window.add_action.shortcuts()]
    views.open_browser(None)
    assert [k.toString() for k in main_window.add_action.shortcuts()] == ["Ctrl+N"]
    assert main_window.browse_action.shortcuts() == []
    views.back_to_decks()
    assert [k.toString() for k in main_window.browse_action.shortcuts()] == ["B"]
