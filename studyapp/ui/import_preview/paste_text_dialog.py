"""Paste an article's text instead of opening a file."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class PasteTextDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste text")
        self.resize(640, 460)
        self.hint_label = QLabel("Paste the text of an article; StudyApp proposes cards from it.")
        self.hint_label.setObjectName("hintLabel")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText("Paste or type the article here…")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make_button = self.buttons.addButton("Make cards", QDialogButtonBox.ButtonRole.AcceptRole)
        self.make_button.setDefault(True)
        self.make_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text_edit.textChanged.connect(self._on_text_edit_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.buttons)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def _on_text_edit_text_changed(self) -> None:
        self.make_button.setEnabled(bool(self.text().strip()))
