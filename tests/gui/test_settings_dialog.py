"""Settings: deck options through the service, appearance and collection in QSettings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from studyapp.domain.cards import CardKind
from studyapp.domain.errors import UserInputError
from studyapp.domain.steps import format_steps, parse_steps
from studyapp.services.app import Services
from studyapp.ui.preferences import Preferences, Theme
from studyapp.ui.settings_dialog import SettingsDialog
from studyapp.ui.tasks import TaskRunner


def _dialog(
    qtbot: QtBot, services: Services, preferences: Preferences, changed: list[tuple[Theme, int]]
) -> SettingsDialog:
    dialog = SettingsDialog(
        services.decks,
        preferences,
        deck_rows=services.decks.list(),
        current_deck=services.decks.id_of("Spanish"),
        collection_path=services.path,
        on_appearance_changed=lambda theme, size: changed.append((theme, size)),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_steps_round_trip() -> None:
    assert parse_steps("1m 10m") == (60, 600)
    assert parse_steps("30s, 2h 1d 5") == (30, 7200, 86400, 300)
    assert format_steps((60, 600, 86400, 30)) == "1m 10m 1d 30s"
    with pytest.raises(UserInputError):
        parse_steps("soon")


def test_deck_options_are_saved_for_the_chosen_deck(
    qtbot: QtBot, fake_services: Services, preferences: Preferences
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    dialog = _dialog(qtbot, fake_services, preferences, [])
    assert dialog.deck_combo.currentText() == "Spanish"
    assert dialog.learning_edit.text() == "1m 10m"
    dialog.new_spin.setValue(35)
    dialog.retention_spin.setValue(0.85)
    dialog.learning_edit.setText("2m 15m 1h")
    dialog.leech_suspend_check.setChecked(False)
    qtbot.mouseClick(dialog.bury_new_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    options = fake_services.decks.options(fake_services.decks.id_of("Spanish"))
    assert (options.new_per_day, options.desired_retention) == (35, 0.85)
    assert options.learning_steps == (120, 900, 3600)
    assert options.leech_suspend is False
    assert (options.bury_new, options.bury_reviews) == (False, True)


def test_bad_steps_are_shown_inline_and_nothing_is_saved(
    qtbot: QtBot, fake_services: Services, preferences: Preferences
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    dialog = _dialog(qtbot, fake_services, preferences, [])
    dialog.learning_edit.setText("1m soon")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "'soon' is not a step; write steps like 1m 10m 1h 1d."
    assert dialog.isVisible()


def test_theme_font_and_collection_are_remembered(
    qtbot: QtBot, fake_services: Services, preferences: Preferences, tmp_path: Path
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    changed: list[tuple[Theme, int]] = []
    dialog = _dialog(qtbot, fake_services, preferences, changed)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.font_spin.setValue(13)
    dialog.choose_collection(tmp_path / "other.studyapp")
    assert "takes effect" not in dialog.collection_label.text()
    assert dialog.collection_label.text() == f"From the next start: {tmp_path / 'other.studyapp'}"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert changed == [(Theme.DARK, 13)]
    assert (preferences.theme, preferences.font_size) == (Theme.DARK, 13)
    assert preferences.collection_path == tmp_path / "other.studyapp"


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    """A runner outliving the dialog, as the main window's does; emptied before the test ends."""
    owned = TaskRunner()
    yield owned
    qtbot.waitUntil(lambda: not owned.busy)
    owned.shutdown()


def _fsrs_dialog(
    qtbot: QtBot, services: Services, preferences: Preferences, deck: str, runner: TaskRunner
) -> SettingsDialog:
    dialog = SettingsDialog(
        services.decks,
        preferences,
        deck_rows=services.decks.list(),
        current_deck=services.decks.id_of(deck),
        collection_path=services.path,
        on_appearance_changed=lambda theme, size: None,
        optimizer=services.optimizer,
        runner=runner,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_optimize_and_evaluate_buttons_fit_and_score_the_presets_parameters(
    qtbot: QtBot, services: Services, review_log_collection: str, preferences: Preferences, runner: TaskRunner
) -> None:
    dialog = _fsrs_dialog(qtbot, services, preferences, review_log_collection, runner)
    assert dialog.fsrs_label.text() == "FSRS-6 defaults"

    qtbot.mouseClick(dialog.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fsrs_result_label.text().startswith("Log loss"))
    default_text = dialog.fsrs_result_label.text()

    qtbot.mouseClick(dialog.optimize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fsrs_result_label.text().startswith("Fitted to "))
    assert dialog.fsrs_label.text() == "Fitted to your reviews"
    assert dialog.optimize_button.isEnabled() and dialog.evaluate_button.isEnabled()

    dialog.new_spin.setValue(42)  # applying other options keeps the fitted parameters
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    options = services.decks.options(services.decks.id_of(review_log_collection))
    assert options.new_per_day == 42 and options.fsrs_parameters
    assert default_text != ""


def test_evaluate_with_no_history_says_so_in_the_dialog(
    qtbot: QtBot, services: Services, preferences: Preferences, runner: TaskRunner
) -> None:
    services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    dialog = _fsrs_dialog(qtbot, services, preferences, "Spanish", runner)
    qtbot.mouseClick(dialog.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no reviews" in dialog.fsrs_result_label.text())
    assert dialog.evaluate_button.isEnabled()


def test_closing_the_dialog_while_optimizing_still_saves_the_fit(
    qtbot: QtBot, services: Services, review_log_collection: str, preferences: Preferences, runner: TaskRunner
) -> None:
    dialog = _fsrs_dialog(qtbot, services, preferences, review_log_collection, runner)
    qtbot.mouseClick(dialog.optimize_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    qtbot.waitUntil(lambda: not runner.busy)
    assert services.decks.options(services.decks.id_of(review_log_collection)).fsrs_parameters
    assert dialog.fsrs_result_label.text() == "Fitting the parameters to your reviews…"
