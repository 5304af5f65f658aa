"""Export a deck (with its subdecks) to an Anki package or a CSV/TSV file.

The export itself runs on the window's ``TaskRunner`` with a progress
dialog; the dialog stays open on an error so the user can fix the path.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.errors import UserInputError
from studyapp.domain.progress import CancelToken, Progress
from studyapp.services.exporting import ExportFormat, ExportService
from studyapp.services.rows import ExportSummary
from studyapp.ui.errors import show_error
from studyapp.ui.tasks import TaskRunner

FORMATS = (
    (ExportFormat.APKG, "Anki package (.apkg)"),
    (ExportFormat.CSV, "Comma-separated text (.csv)"),
    (ExportFormat.TSV, "Tab-separated text (.tsv)"),
)
FILTERS = {
    ExportFormat.APKG: "Anki packages (*.apkg)",
    ExportFormat.CSV: "CSV files (*.csv)",
    ExportFormat.TSV: "TSV files (*.tsv)",
}
SCHEDULING_TIP = (
    "Anki continues where you are: due dates, intervals and every review. Without it, the cards arrive in Anki as new."
)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def default_folder() -> Path:
    """The user's Documents folder if there is one, else home."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()


def file_name_for(deck: str, fmt: ExportFormat) -> str:
    """``World news::Taiwan`` → ``World news - Taiwan.apkg``: readable, and valid on every system."""
    stem = _UNSAFE.sub(" ", deck.replace("::", " - ")).strip(" .") or "deck"
    return f"{stem}.{fmt.value}"


class ExportDialog(QDialog):
    """Choose deck, format and file; ``exported`` fires with the summary when the file is written."""

    exported = Signal(object)  # ExportSummary

    def __init__(
        self,
        exports: ExportService,
        runner: TaskRunner,
        *,
        deck_names: list[str],
        current_deck: str,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._exports = exports
        self._runner = runner
        self._folder = folder or default_folder()
        self._path_edited = False
        self.setWindowTitle("Export")
        self.setMinimumWidth(680)  # room for a whole path in "Save to"

        title = QLabel("Export a deck")
        title.setObjectName("dialogTitle")
        self.deck_combo = QComboBox()
        self.deck_combo.addItems(deck_names)
        if current_deck in deck_names:
            self.deck_combo.setCurrentText(current_deck)
        self.deck_combo.setToolTip("Its subdecks are exported with it.")
        deck_note = QLabel("Subdecks are included; Anki shows them under this deck.")
        deck_note.setObjectName("hintLabel")
        self.format_combo = QComboBox()
        for fmt, label in FORMATS:
            self.format_combo.addItem(label, fmt.value)
        self.scheduling_check = QCheckBox("Include scheduling and review history")
        self.scheduling_check.setToolTip(SCHEDULING_TIP)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.browse_button = QPushButton("Choose…")
        self.browse_button.setToolTip("Choose where to save the file")
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Deck:", self.deck_combo)
        form.addRow("", deck_note)
        form.addRow("Format:", self.format_combo)
        form.addRow("", self.scheduling_check)
        form.addRow("Save to:", path_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("primaryButton")
        self.export_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.deck_combo.currentTextChanged.connect(self._on_deck_combo_current_text_changed)
        self.format_combo.currentIndexChanged.connect(self._on_format_combo_current_index_changed)
        self.path_edit.textEdited.connect(self._on_path_edit_text_edited)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._update_path()
        self._update_scheduling()

    # public
    def deck(self) -> str:
        return self.deck_combo.currentText()

    def format(self) -> ExportFormat:
        return ExportFormat(str(self.format_combo.currentData()))

    def set_format(self, fmt: ExportFormat) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt.value))

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def set_path(self, path: Path) -> None:
        """Set the target as if chosen in the file dialog (tests use this instead of the native dialog)."""
        self._path_edited = True
        self.path_edit.setText(str(path))
        fmt = _format_of(path)
        if fmt is not None and fmt is not self.format():
            self.set_format(fmt)

    def with_scheduling(self) -> bool:
        return self.scheduling_check.isEnabled() and self.scheduling_check.isChecked()

    def start_export(self) -> None:
        """Check the inputs, then write the file in the background."""
        if not self.deck():  # an empty collection has no deck to choose
            show_error(self, UserInputError("There are no cards to export yet: add or import some first."))
            return
        text = self.path_edit.text().strip()
        if not text:
            show_error(self, UserInputError("Choose a file to export to."))
            return
        path = self.path()
        fmt = self.format()
        if path.suffix.lower() != f".{fmt.value}":
            path = path.with_name(f"{path.name}.{fmt.value}")
            self.path_edit.setText(str(path))
        deck, scheduling, exports = self.deck(), self.with_scheduling(), self._exports

        def work(progress: Progress, _cancel: CancelToken) -> ExportSummary:
            progress(0, 0, f"Writing {path.name}…")
            return exports.export(deck, path, fmt=fmt, with_scheduling=scheduling)

        self._set_busy(True)
        self._runner.run(
            work,
            on_done=self._on_export_done,
            on_error=self._on_export_failed,
            # No on_cancelled: an export is not interruptible, so a late Cancel still reports the written file.
            progress_parent=self,
            label=f"Exporting “{deck}”…",
            title="Exporting",
        )

    # internals
    def _update_path(self) -> None:
        fmt = self.format()
        if self._path_edited and self.path_edit.text().strip():
            current = self.path()
            if _format_of(current) is not None:
                self.path_edit.setText(str(current.with_suffix(f".{fmt.value}")))
            return
        self.path_edit.setText(str(self._folder / file_name_for(self.deck() or "deck", fmt)))

    def _update_scheduling(self) -> None:
        apkg = self.format() is ExportFormat.APKG
        self.scheduling_check.setEnabled(apkg)
        self.scheduling_check.setToolTip(
            SCHEDULING_TIP if apkg else "Only an Anki package can carry scheduling and review history."
        )

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.export_button, self.deck_combo, self.format_combo, self.path_edit, self.browse_button):
            widget.setEnabled(not busy)
        if not busy:
            self._update_scheduling()
        else:
            self.scheduling_check.setEnabled(False)

    # slots
    def _on_deck_combo_current_text_changed(self, _text: str) -> None:
        self._update_path()

    def _on_format_combo_current_index_changed(self, _index: int) -> None:
        self._update_path()
        self._update_scheduling()

    def _on_path_edit_text_edited(self, _text: str) -> None:
        self._path_edited = True

    def _on_browse_button_clicked(self) -> None:
        fmt = self.format()
        name, _filter = QFileDialog.getSaveFileName(self, "Export to", str(self.path()), FILTERS[fmt])
        if name:
            self.set_path(Path(name))

    def _on_buttons_accepted(self) -> None:
        self.start_export()

    def _on_export_done(self, summary: ExportSummary) -> None:
        self._set_busy(False)
        self.exported.emit(summary)
        self.accept()

    def _on_export_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_error(self, error)


def _format_of(path: Path) -> ExportFormat | None:
    try:
        return ExportFormat(path.suffix.lower().lstrip("."))
    except ValueError:
        return None
