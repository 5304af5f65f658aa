"""Settings: a deck's scheduling options, the look of the window, the collection file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import DeckId
from studyapp.domain.scheduling import DeckOptions
from studyapp.domain.steps import format_steps, parse_steps
from studyapp.domain.wording import plural
from studyapp.services.decks import DeckService
from studyapp.services.rows import DeckRow
from studyapp.ui.errors import show_error
from studyapp.ui.preferences import MAX_FONT_SIZE, MIN_FONT_SIZE, Preferences, Theme

if TYPE_CHECKING:
    from studyapp.scheduling.optimizer import Evaluation
    from studyapp.services.optimizing import OptimizerService, PresetOptimization
    from studyapp.ui.tasks import TaskRunner

AppearanceChanged = Callable[[Theme, int], None]


class SettingsDialog(QDialog):
    def __init__(
        self,
        decks: DeckService,
        preferences: Preferences,
        *,
        deck_rows: list[DeckRow],
        current_deck: DeckId | None,
        collection_path: Path,
        on_appearance_changed: AppearanceChanged,
        optimizer: OptimizerService | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._decks = decks
        self._optimizer = optimizer
        self._runner = runner
        self._closed = False  # a fit still running when the dialog closes saves, but shows nothing
        self._prefs = preferences
        self._on_appearance_changed = on_appearance_changed
        self._collection_path = collection_path
        self._options: dict[DeckId, DeckOptions] = {}
        self._loaded: dict[DeckId, DeckOptions] = {}
        self._presets: dict[DeckId, str] = {}  # the preset each deck shown uses in the form
        self._saved_presets: dict[DeckId, str] = {}  # ... and in the collection
        self._new_presets: set[str] = set()  # named in this dialog, made on Apply
        self._shown_deck: DeckId | None = None
        self._chosen_collection: Path | None = preferences.collection_path
        self.setWindowTitle("Settings")
        self.resize(560, 500)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._deck_tab(deck_rows), "&Deck options")
        self.tabs.addTab(self._appearance_tab(), "&Appearance")
        self.tabs.addTab(self._collection_tab(), "&Collection")
        self.error_label = QLabel()
        self.error_label.setObjectName("inlineError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        if deck_rows:
            index = self.deck_combo.findData(int(current_deck)) if current_deck is not None else 0
            self.deck_combo.setCurrentIndex(max(index, 0))
            self._show_options(DeckId(int(self.deck_combo.currentData())))

    # tabs
    def _deck_tab(self, rows: list[DeckRow]) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.deck_combo = QComboBox()
        for row in rows:
            self.deck_combo.addItem(row.name, int(row.id))
        self.preset_combo = QComboBox()
        self.preset_combo.setToolTip("Decks that use the same preset share all the options below, as in Anki")
        self.new_preset_button = QPushButton("&New preset…")
        self.new_preset_button.setToolTip("A new preset, starting from the options shown")
        preset_row = QHBoxLayout()
        preset_row.addWidget(self.preset_combo, 1)
        preset_row.addWidget(self.new_preset_button)
        self.retention_spin = QDoubleSpinBox()
        self.retention_spin.setRange(0.70, 0.99)
        self.retention_spin.setSingleStep(0.01)
        self.retention_spin.setDecimals(2)
        self.retention_spin.setToolTip("How likely you want to be to remember a card when it is due")
        self.new_spin = QSpinBox()
        self.new_spin.setRange(0, 9999)
        self.reviews_spin = QSpinBox()
        self.reviews_spin.setRange(0, 99999)
        self.learning_edit = QLineEdit()
        self.learning_edit.setPlaceholderText("e.g. 1m 10m")
        self.relearning_edit = QLineEdit()
        self.relearning_edit.setPlaceholderText("e.g. 10m")
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 36500)
        self.interval_spin.setSuffix(" days")
        self.leech_spin = QSpinBox()
        self.leech_spin.setRange(1, 99)
        self.leech_spin.setSuffix(" lapses")
        self.leech_suspend_check = QCheckBox("Suspend a leech (otherwise only tag it)")
        self.bury_new_check = QCheckBox("Bury new siblings until tomorrow")
        self.bury_reviews_check = QCheckBox("Bury review siblings until tomorrow")
        for check in (self.bury_new_check, self.bury_reviews_check):
            check.setToolTip("Cards from the same sentence or fact as one you studied wait for the next day")
        form.addRow("Deck", self.deck_combo)
        form.addRow("Preset", preset_row)
        form.addRow("Desired retention", self.retention_spin)
        form.addRow("New cards/day", self.new_spin)
        form.addRow("Maximum reviews/day", self.reviews_spin)
        form.addRow("Learning steps", self.learning_edit)
        form.addRow("Relearning steps", self.relearning_edit)
        form.addRow("Maximum interval", self.interval_spin)
        form.addRow("Leech threshold", self.leech_spin)
        form.addRow("", self.leech_suspend_check)
        form.addRow("Siblings", self.bury_new_check)
        form.addRow("", self.bury_reviews_check)
        if self._optimizer is not None and self._runner is not None:
            form.addRow("FSRS parameters", self._fsrs_row())
        self.preset_note = QLabel()
        self.preset_note.setObjectName("hintLabel")
        self.preset_note.setWordWrap(True)
        form.addRow(self.preset_note)
        if not rows:
            for widget in tab.findChildren(QWidget):
                widget.setEnabled(False)
            form.addRow(QLabel("Create or import a deck to set its options."))
        self.deck_combo.currentIndexChanged.connect(self._on_deck_combo_current_index_changed)
        self.preset_combo.activated.connect(self._on_preset_combo_activated)
        self.new_preset_button.clicked.connect(self._on_new_preset_button_clicked)
        return tab

    def _fsrs_row(self) -> QWidget:
        """Anki's Optimize and Evaluate: fit the preset's parameters to its history, or score them."""
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fsrs_label = QLabel()
        self.optimize_button = QPushButton("&Optimize")
        self.optimize_button.setToolTip("Fit the parameters to the answers given to this preset's cards")
        self.evaluate_button = QPushButton("E&valuate")
        self.evaluate_button.setToolTip("How well the parameters predict your answers (lower is better)")
        self.fsrs_result_label = QLabel()
        self.fsrs_result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fsrs_result_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fsrs_label, 1)
        buttons.addWidget(self.optimize_button)
        buttons.addWidget(self.evaluate_button)
        layout.addLayout(buttons)
        layout.addWidget(self.fsrs_result_label)
        self.optimize_button.clicked.connect(self._on_optimize_button_clicked)
        self.evaluate_button.clicked.connect(self._on_evaluate_button_clicked)
        return row

    def _appearance_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.theme_combo = QComboBox()
        for theme in Theme:
            self.theme_combo.addItem(theme.label, theme.value)
        self.theme_combo.setCurrentIndex(self.theme_combo.findData(self._prefs.theme.value))
        self.font_spin = QSpinBox()
        self.font_spin.setRange(MIN_FONT_SIZE - 1, MAX_FONT_SIZE)
        self.font_spin.setSpecialValueText("System size")
        self.font_spin.setSuffix(" pt")
        size = self._prefs.font_size
        self.font_spin.setValue(size if size else MIN_FONT_SIZE - 1)
        form.addRow("&Theme", self.theme_combo)
        form.addRow("&Font size", self.font_spin)
        return tab

    def _collection_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        current = QLabel(f"This window uses:\n{self._collection_path}")
        current.setTextFormat(Qt.TextFormat.PlainText)
        current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        current.setWordWrap(True)
        self.collection_label = QLabel()
        self.collection_label.setTextFormat(Qt.TextFormat.PlainText)
        self.collection_label.setWordWrap(True)
        self.choose_collection_button = QPushButton("Use another collection file…")
        self.default_collection_button = QPushButton("Use the default location")
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_collection_button)
        buttons.addWidget(self.default_collection_button)
        buttons.addStretch(1)
        note = QLabel(
            "A new location takes effect the next time StudyApp starts. The current file is not moved or changed."
        )
        note.setObjectName("hintLabel")
        note.setWordWrap(True)
        layout.addWidget(current)
        layout.addLayout(buttons)
        layout.addWidget(self.collection_label)
        layout.addWidget(note)
        layout.addStretch(1)
        self.choose_collection_button.clicked.connect(self._on_choose_collection_button_clicked)
        self.default_collection_button.clicked.connect(self._on_default_collection_button_clicked)
        self._show_chosen_collection()
        return tab

    # public
    def choose_collection(self, path: Path | None) -> None:
        self._chosen_collection = path
        self._show_chosen_collection()

    def apply(self) -> bool:
        """Save everything; False (with the reason shown) if a field is invalid."""
        try:
            self._remember_form()
            for deck_id, name in self._presets.items():
                if name != self._saved_presets[deck_id]:
                    self._decks.use_preset(deck_id, name)
                    self._saved_presets[deck_id] = name
                    self._loaded.pop(deck_id, None)  # its new preset's stored options may differ from the form's
            self._new_presets.clear()
            for deck_id, options in self._options.items():
                if options != self._loaded.get(deck_id):
                    self._decks.set_options(deck_id, options)
                    self._loaded[deck_id] = options
        except StudyAppError as error:
            self.tabs.setCurrentIndex(0)
            self.error_label.setText(error.message)
            return False
        theme = Theme(str(self.theme_combo.currentData()))
        size = self.font_spin.value()
        size = 0 if size < MIN_FONT_SIZE else size
        self._prefs.theme = theme
        self._prefs.font_size = size
        self._prefs.collection_path = self._chosen_collection
        self._prefs.sync()
        self._on_appearance_changed(theme, size)
        self.error_label.clear()
        return True

    # Qt overrides
    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    # slots
    def _on_buttons_accepted(self) -> None:
        if self.apply():
            self.accept()

    def _on_deck_combo_current_index_changed(self, _index: int) -> None:
        try:
            self._remember_form()
        except StudyAppError as error:
            self.error_label.setText(error.message)
        data = self.deck_combo.currentData()
        if data is not None:
            self._show_options(DeckId(int(data)))

    def _on_preset_combo_activated(self, _index: int) -> None:
        """Another preset for the deck shown: its options fill the form (saved with Apply or OK)."""
        name = str(self.preset_combo.currentData())
        if self._shown_deck is None or name == self._presets.get(self._shown_deck):
            return
        try:
            self._remember_form()
            options = self._options[self._shown_deck] if name in self._new_presets else self._decks.preset_options(name)
        except StudyAppError as error:
            self.error_label.setText(error.message)
            self._show_presets(self._shown_deck)
            return
        self._presets[self._shown_deck] = name
        self._options[self._shown_deck] = options
        self._show_options(self._shown_deck)

    def _on_new_preset_button_clicked(self) -> None:
        name, ok = QInputDialog.getText(self, "New preset", "Name of the new preset:")
        name = name.strip()
        if not ok or not name or self._shown_deck is None:
            return
        if self.preset_combo.findData(name) >= 0:
            self.error_label.setText(f"There is already a preset named {name!r}: choose it in the list.")
            return
        self._new_presets.add(name)
        self.error_label.clear()
        self._remember_form()
        self._presets[self._shown_deck] = name
        self._show_options(self._shown_deck)

    def _on_optimize_button_clicked(self) -> None:
        assert self._optimizer is not None and self._runner is not None and self._shown_deck is not None
        optimizer, deck_id = self._optimizer, self._shown_deck
        self._set_fsrs_busy("Fitting the parameters to your reviews…")
        self._runner.run(
            lambda _progress, _token: optimizer.optimize(deck_id),
            on_done=self._on_optimized,
            on_error=self._on_fsrs_failed,
        )

    def _on_evaluate_button_clicked(self) -> None:
        assert self._optimizer is not None and self._runner is not None and self._shown_deck is not None
        optimizer, deck_id = self._optimizer, self._shown_deck
        self._set_fsrs_busy("Evaluating…")
        self._runner.run(
            lambda _progress, _token: optimizer.evaluate(deck_id),
            on_done=self._on_evaluated,
            on_error=self._on_fsrs_failed,
        )

    def _on_optimized(self, done: list[PresetOptimization]) -> None:
        if self._closed:
            return
        # The fitted parameters are saved already: keep them when the rest of the form is applied.
        for deck_id in list(self._options):
            fitted = self._decks.options(deck_id).fsrs_parameters
            self._options[deck_id] = replace(self._options[deck_id], fsrs_parameters=fitted)
            self._loaded[deck_id] = replace(self._loaded[deck_id], fsrs_parameters=fitted)
        self._set_fsrs_done(" ".join(result.outcome.describe() for result in done))

    def _on_evaluated(self, result: Evaluation) -> None:
        if self._closed:
            return
        self._set_fsrs_done(f"Log loss {result.log_loss:.4f}, RMSE {result.rmse:.4f} ({result.items} reviews).")

    def _on_fsrs_failed(self, error: BaseException) -> None:
        """A known problem is shown in place; a bug gets the usual error dialog."""
        if self._closed:
            show_error(self.parentWidget(), error)
        elif isinstance(error, StudyAppError):
            self._set_fsrs_done(error.message)
        else:
            self._set_fsrs_done("")
            show_error(self, error)

    def _on_choose_collection_button_clicked(self) -> None:
        start = str(self._chosen_collection or self._collection_path)
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "Collection file",
            start,
            "StudyApp collections (*.studyapp);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.choose_collection(Path(name))

    def _on_default_collection_button_clicked(self) -> None:
        self.choose_collection(None)

    # internals
    def _set_fsrs_busy(self, text: str) -> None:
        self.optimize_button.setEnabled(False)
        self.evaluate_button.setEnabled(False)
        self.fsrs_result_label.setText(text)

    def _set_fsrs_done(self, text: str) -> None:
        self.optimize_button.setEnabled(True)
        self.evaluate_button.setEnabled(True)
        self.fsrs_result_label.setText(text)
        if self._shown_deck is not None:
            self._show_fsrs(self._options[self._shown_deck])

    def _show_fsrs(self, options: DeckOptions) -> None:
        if self._optimizer is not None and self._runner is not None:
            self.fsrs_label.setText("Fitted to your reviews" if options.fsrs_parameters else "FSRS-6 defaults")

    def _show_chosen_collection(self) -> None:
        if self._chosen_collection is None:
            self.collection_label.setText("From the next start: the default location.")
        else:
            self.collection_label.setText(f"From the next start: {self._chosen_collection}")

    def _show_presets(self, deck_id: DeckId) -> None:
        """The preset list with the deck's preset chosen; counts say how many decks a change reaches."""
        uses = {row.name: row.decks for row in self._decks.presets()}
        for name in self._new_presets:
            uses.setdefault(name, 0)
        for shown, name in self._presets.items():  # choices not saved yet count where they will be
            if name != self._saved_presets.get(shown):
                uses[self._saved_presets[shown]] = uses.get(self._saved_presets[shown], 1) - 1
                uses[name] = uses.get(name, 0) + 1
        self.preset_combo.clear()
        for name in sorted(uses, key=str.lower):
            self.preset_combo.addItem(f"{name} ({plural(uses[name], 'deck')})", name)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(self._presets[deck_id]))
        others = uses[self._presets[deck_id]] - 1
        self.preset_note.setText(
            f"These options are shared with {plural(others, 'other deck')} using this preset."
            if others > 0
            else "Only this deck uses this preset."
        )

    def _show_options(self, deck_id: DeckId) -> None:
        if deck_id not in self._presets:
            name, _decks = self._decks.preset(deck_id)
            self._presets[deck_id] = self._saved_presets[deck_id] = name
        if deck_id not in self._options:
            loaded = self._decks.options(deck_id)
            self._loaded[deck_id] = loaded
            sharing = [d for d in self._options if self._presets[d] == self._presets[deck_id]]
            self._options[deck_id] = self._options[sharing[0]] if sharing else loaded  # edits made under another deck
        self._show_presets(deck_id)
        options = self._options[deck_id]
        self._shown_deck = deck_id
        self.retention_spin.setValue(options.desired_retention)
        self.new_spin.setValue(options.new_per_day)
        self.reviews_spin.setValue(options.reviews_per_day)
        self.learning_edit.setText(format_steps(options.learning_steps))
        self.relearning_edit.setText(format_steps(options.relearning_steps))
        self.interval_spin.setValue(options.maximum_interval)
        self.leech_spin.setValue(options.leech_threshold)
        self.leech_suspend_check.setChecked(options.leech_suspend)
        self.bury_new_check.setChecked(options.bury_new)
        self.bury_reviews_check.setChecked(options.bury_reviews)
        self._show_fsrs(options)

    def _remember_form(self) -> None:
        if self._shown_deck is None:
            return
        self._options[self._shown_deck] = replace(
            self._options[self._shown_deck],
            desired_retention=round(self.retention_spin.value(), 2),
            new_per_day=self.new_spin.value(),
            reviews_per_day=self.reviews_spin.value(),
            learning_steps=parse_steps(self.learning_edit.text()),
            relearning_steps=parse_steps(self.relearning_edit.text()),
            maximum_interval=self.interval_spin.value(),
            leech_threshold=self.leech_spin.value(),
            leech_suspend=self.leech_suspend_check.isChecked(),
            bury_new=self.bury_new_check.isChecked(),
            bury_reviews=self.bury_reviews_check.isChecked(),
        )
        preset = self._presets.get(self._shown_deck)
        for deck_id in self._options:  # decks sharing the preset share the edit, as they will once saved
            if self._presets.get(deck_id) == preset:
                self._options[deck_id] = self._options[self._shown_deck]
