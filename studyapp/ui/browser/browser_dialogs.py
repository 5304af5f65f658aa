"""Small dialogs of the browser: move to deck, add/remove tags (opened non-blocking with ``open()``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget


class MoveDeckDialog(QDialog):
    """Choose a deck, or type a new ``Parent::Child`` name (created on move)."""

    def __init__(self, deck_names: list[str], count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Move to deck")
        self.deck_combo = QComboBox()
        self.deck_combo.setEditable(True)
        self.deck_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.deck_combo.addItems(deck_names)
        self.deck_combo.setMinimumWidth(320)
        intro = QLabel(f"Move {count} card{'s' if count != 1 else ''} to:")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.deck_combo)
        layout.addWidget(self.buttons)

    def deck(self) -> str:
        return self.deck_combo.currentText().strip()


class TagsDialog(QDialog):
    """Tags to add and tags to remove, space-separated."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change tags")
        self.add_edit = QLineEdit()
        self.add_edit.setPlaceholderText("e.g. history taiwan")
        self.remove_edit = QLineEdit()
        self.remove_edit.setPlaceholderText("e.g. leech")
        intro = QLabel(f"For {count} card{'s' if count != 1 else ''} (space-separated):")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("&Add tags", self.add_edit)
        form.addRow("&Remove tags", self.remove_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def to_add(self) -> tuple[str, ...]:
        return tuple(self.add_edit.text().split())

    def to_remove(self) -> tuple[str, ...]:
        return tuple(self.remove_edit.text().split())
