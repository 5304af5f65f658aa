"""Paste an article's text instead of opening a file.

The dialog can open with text already in it: what the user pasted last time,
brought back when making cards from it failed or was cancelled, with the reason
shown under the text.  Typed text is never lost to a later step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class PasteTextDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, *, text: str = "", message: str = "", error: bool = False
    ) -> None:
        """``message`` says why the dialog is back (red when ``error``); ``text`` is what was pasted before."""
        super().__init__(parent)
        self.setWindowTitle("Paste text")
        self.resize(640, 460)
        self.hint_label = QLabel("Paste the text of an article; StudyApp proposes cards from it.")
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText("Paste or type the article here…")
        self.message_label = QLabel(message)
        self.message_label.setObjectName("inlineError" if error else "hintLabel")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(bool(message))
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
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        if text:
            self.text_edit.setPlainText(text)
            # Back after a failure: carry on editing at the end; opened again later: a new paste replaces it.
            self.text_edit.moveCursor(QTextCursor.MoveOperation.End)
            if not message:
                self.text_edit.selectAll()
        self.text_edit.setFocus()

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def _on_text_edit_text_changed(self) -> None:
        self.make_button.setEnabled(bool(self.text().strip()))
