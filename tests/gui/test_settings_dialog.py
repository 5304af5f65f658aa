"""Settings: deck options through the service, appearance and collection in QSettings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog
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


def _choose(qtbot: QtBot, dialog: SettingsDialog, combo_name: str, text: str) -> None:
    combo = getattr(dialog, combo_name)
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # as a click on the item does


def test_a_deck_moves_to_another_preset_and_takes_its_options(
    qtbot: QtBot, fake_services: Services, preferences: Preferences
) -> None:
    decks = fake_services.decks
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    fake_services.cards.add("French", CardKind.BASIC, "bonjour", "hello")
    fake_services.cards.add("Biology", CardKind.BASIC, "ATP?", "energy")
    decks.use_preset(decks.id_of("Biology"), "Science")
    science = decks.options(decks.id_of("Biology"))
    decks.set_options(decks.id_of("Biology"), replace(science, new_per_day=5))
    dialog = _dialog(qtbot, fake_services, preferences, [])
    assert [dialog.preset_combo.itemText(i) for i in range(dialog.preset_combo.count())] == [
        "Default (2 decks)",  # Spanish and French
        "Science (1 deck)",
    ]
    assert dialog.preset_combo.currentText() == "Default (2 decks)"
    assert "shared with 1 other deck" in dialog.preset_note.text()

    _choose(qtbot, dialog, "preset_combo", "Science")
    assert dialog.new_spin.value() == 5  # the form shows the chosen preset's options
    assert dialog.preset_combo.currentText() == "Science (2 decks)"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert decks.preset(decks.id_of("Spanish")) == ("Science", 2)
    assert decks.options(decks.id_of("Spanish")).new_per_day == 5


def test_a_new_preset_starts_from_the_options_shown_and_leaves_the_old_one_alone(
    qtbot: QtBot, fake_services: Services, preferences: Preferences, monkeypatch: pytest.MonkeyPatch
) -> None:
    decks = fake_services.decks
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    dialog = _dialog(qtbot, fake_services, preferences, [])
    dialog.new_spin.setValue(42)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kwargs: ("Languages", True))
    qtbot.mouseClick(dialog.new_preset_button, Qt.MouseButton.LeftButton)
    assert dialog.preset_combo.currentText() == "Languages (1 deck)"
    assert dialog.new_spin.value() == 42
    assert dialog.preset_note.text() == "Only this deck uses this preset."
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert decks.preset(decks.id_of("Spanish")) == ("Languages", 1)
    assert decks.options(decks.id_of("Spanish")).new_per_day == 42
    assert decks.preset_options("Default").new_per_day == 20  # the preset the deck left is unchanged


def test_an_edit_under_one_deck_shows_under_the_decks_that_share_its_preset(
    qtbot: QtBot, fake_services: Services, preferences: Preferences
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    fake_services.cards.add("French", CardKind.BASIC, "bonjour", "hello")
    dialog = _dialog(qtbot, fake_services, preferences, [])
    dialog.new_spin.setValue(33)
    _choose(qtbot, dialog, "deck_combo", "French")
    assert dialog.new_spin.value() == 33


def test_a_new_preset_may_not_take_an_existing_name(
    qtbot: QtBot, fake_services: Services, preferences: Preferences, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_services.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
    dialog = _dialog(qtbot, fake_services, preferences, [])
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kwargs: ("Default", True))
    qtbot.mouseClick(dialog.new_preset_button, Qt.MouseButton.LeftButton)
    assert "already a preset named 'Default'" in dialog.error_label.text()
    assert dialog.preset_combo.count() == 1
