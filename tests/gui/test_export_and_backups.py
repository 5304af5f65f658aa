"""Export, backups and their window wiring, driven like a user."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QStyle, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.ids import CardId
from studyapp.services.app import Services
from studyapp.services.exporting import ExportFormat
from studyapp.ui.backups_dialog import BackupsDialog, BackupTableModel, DeletedCardTableModel, RestoreDeletedDialog
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
    assert main_window.main_actions.export.isVisible()
    main_window.main_actions.export.trigger()
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
    main_window.backup_actions.back_up_now()
    qtbot.waitUntil(lambda: main_window.notice_label.text().startswith("Backed up the collection to"))
    _add_cards(fake_services, "Spanish", 3)  # five cards now; the backup has two
    clock.advance(timedelta(minutes=1))  # backups are named by the second

    dialog = main_window.backup_actions.open_backups()
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


def _deleted_dialog(qtbot: QtBot, window: MainWindow) -> RestoreDeletedDialog:
    dialog = window.backup_actions.open_restore_deleted()
    assert isinstance(dialog, RestoreDeletedDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _click_check(qtbot: QtBot, dialog: RestoreDeletedDialog, row: int) -> None:
    """Click the tick box of the shown ``row``, where the style draws it."""
    table = dialog.table
    index = dialog.proxy.index(row, DeletedCardTableModel.WHEN)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.rect = table.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    style = table.style()
    box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def _shown_questions(dialog: RestoreDeletedDialog) -> list[str]:
    proxy = dialog.proxy
    return [proxy.index(r, DeletedCardTableModel.QUESTION).data() for r in range(proxy.rowCount())]


def test_restore_deleted_lists_the_log_newest_first_and_restores_only_what_is_ticked(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services, clock: FixedClock
) -> None:
    first = _add_cards(fake_services, "Spanish", 2)
    fake_services.cards.delete(first)
    clock.advance(timedelta(minutes=5))
    cloze = fake_services.cards.add("Biology", CardKind.CLOZE, "Mitochondria make {{c1::ATP}}.", "")
    fake_services.cards.delete([cloze])
    dialog = _deleted_dialog(qtbot, main_window)
    assert _shown_questions(dialog)[0] == "Mitochondria make [...]."  # newest first, the cloze as its question
    assert sorted(_shown_questions(dialog)[1:]) == ["Question 0?", "Question 1?"]
    assert dialog.count_label.text() == "3 deleted cards, newest first."
    assert not dialog.restore_button.isEnabled()

    _click_check(qtbot, dialog, 0)
    assert dialog.restore_button.isEnabled() and dialog.restore_button.text() == "Restore 1 card"
    with qtbot.waitSignal(dialog.restored):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert main_window.notice_label.text() == "Restored 1 deleted card."
    assert [(r.name, r.total) for r in fake_services.decks.list() if r.total] == [("Biology", 1)]
    assert [r.question for r in fake_services.backups.deleted_cards()] == ["Question 1?", "Question 0?"]


def test_restore_deleted_filter_and_tick_all_shown(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services
) -> None:
    fake_services.cards.delete(_add_cards(fake_services, "Spanish", 3))
    fake_services.cards.delete([fake_services.cards.add("French", CardKind.BASIC, "Bonjour?", "Hello")])
    dialog = _deleted_dialog(qtbot, main_window)
    qtbot.keyClicks(dialog.filter_edit, "spanish")
    assert dialog.proxy.rowCount() == 3
    assert dialog.count_label.text() == "4 deleted cards, newest first; 3 match the filter."
    qtbot.mouseClick(dialog.check_shown_button, Qt.MouseButton.LeftButton)
    assert dialog.restore_button.text() == "Restore 3 cards"
    dialog.filter_edit.clear()
    assert dialog.proxy.rowCount() == 4 and len(dialog.checked_ids()) == 3  # ticks survive the filter
    with qtbot.waitSignal(dialog.restored):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert main_window.notice_label.text() == "Restored 3 deleted cards."
    assert [r.deck for r in fake_services.backups.deleted_cards()] == ["French"]


def test_restore_deleted_space_ticks_the_selected_rows(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services
) -> None:
    fake_services.cards.delete(_add_cards(fake_services, "Spanish", 3))
    dialog = _deleted_dialog(qtbot, main_window)
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert len(dialog.checked_ids()) == 2
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.checked_ids() == []
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert len(fake_services.backups.deleted_cards()) == 3


def test_restore_deleted_with_an_empty_log_says_so(qtbot: QtBot, main_window: MainWindow) -> None:
    dialog = _deleted_dialog(qtbot, main_window)
    assert dialog.count_label.text() == "No deleted cards: the deletion log is empty."
    assert not dialog.restore_button.isEnabled() and not dialog.filter_edit.isEnabled()


def test_deleted_card_model_contract(qtmodeltester: ModelTester, fake_services: Services) -> None:
    fake_services.cards.delete(_add_cards(fake_services, "Spanish", 3))
    model = DeletedCardTableModel()
    model.set_rows(fake_services.backups.deleted_cards())
    model.set_checked([0, 2], True)
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and len(model.checked_ids()) == 2


def test_timer_takes_a_periodic_backup_in_the_background(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services
) -> None:
    _add_cards(fake_services, "Spanish", 1)
    assert main_window.backup_actions.timer.isActive()
    main_window.backup_actions.timer.timeout.emit()  # as after BACKUP_CHECK_MS
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
    assert "A" in [k.toString() for k in main_window.main_actions.add_card.shortcuts()]
    views.open_browser(None)
    assert [k.toString() for k in main_window.main_actions.add_card.shortcuts()] == ["Ctrl+N"]
    assert main_window.main_actions.browse.shortcuts() == []
    views.back_to_decks()
    assert [k.toString() for k in main_window.main_actions.browse.shortcuts()] == ["B"]


def test_export_on_an_empty_collection_says_there_is_nothing_to_export(
    qtbot: QtBot, main_window: MainWindow, fake_services: Services, tmp_path: Path
) -> None:
    dialog = ExportDialog(fake_services.exports, main_window.runner, deck_names=[], current_deck="", folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert box.text() == "There are no cards to export yet: add or import some first."
    box.close()
    assert dialog.isVisible()
    assert not list(tmp_path.glob("*.apkg"))
