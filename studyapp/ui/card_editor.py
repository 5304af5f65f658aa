"""Add a card by hand, or edit one: deck, type, context line, front/back, tags.

Validation lives in the service (``UserInputError``); its sentence is shown
inline under the fields, never as a pop-up.  Ctrl+Shift+C wraps the selected
words of the front in the next cloze deletion.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.cards import CardKind
from studyapp.domain.cloze import cloze_ordinals
from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import CardId
from studyapp.services.cards import CardService

CLOZE_SHORTCUT = "Ctrl+Shift+C"


class CardEditorDialog(QDialog):
    """Adds cards one after another (the dialog stays open), or edits ``card_id``."""

    card_added = Signal(int)  # CardId
    card_edited = Signal(int)  # CardId

    def __init__(
        self,
        cards: CardService,
        *,
        deck_names: list[str],
        default_deck: str,
        card_id: CardId | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cards = cards
        self._card_id = card_id
        self.setWindowTitle("Edit card" if card_id is not None else "Add card")
        self.resize(560, 480)

        self.deck_combo = QComboBox()
        self.deck_combo.setEditable(True)
        self.deck_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.deck_combo.addItems(deck_names)
        self.deck_combo.setEditText(default_deck)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("Basic", CardKind.BASIC.value)
        self.kind_combo.addItem("Cloze", CardKind.CLOZE.value)
        self.context_edit = QLineEdit()
        self.context_edit.setPlaceholderText("Optional: what the card is about, shown above the question")
        self.context_edit.setToolTip("Shown above the question when studying, e.g. “Taiwan, 2021”")
        self.front_edit = QPlainTextEdit()
        self.front_edit.setTabChangesFocus(True)
        self.back_edit = QPlainTextEdit()
        self.back_edit.setTabChangesFocus(True)
        self.back_label = QLabel("&Back")
        self.back_label.setBuddy(self.back_edit)
        self.front_label = QLabel("&Front")
        self.front_label.setBuddy(self.front_edit)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("space-separated, e.g. history taiwan")
        self.cloze_button = QPushButton(f"Make cloze [...]  ({CLOZE_SHORTCUT})")
        self.cloze_button.setAutoDefault(False)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("inlineError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        label = "Save" if card_id is not None else "Add"
        self.save_button = self.buttons.addButton(label, QDialogButtonBox.ButtonRole.ApplyRole)
        self.save_button.setDefault(True)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip("Ctrl+Return")

        form = QFormLayout()
        form.addRow("&Deck", self.deck_combo)
        form.addRow("&Type", self.kind_combo)
        form.addRow("Co&ntext", self.context_edit)
        form.addRow(self.front_label, self.front_edit)
        form.addRow("", self.cloze_button)
        form.addRow(self.back_label, self.back_edit)
        form.addRow("Ta&gs", self.tags_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        self.cloze_button.clicked.connect(self.wrap_selection_in_cloze)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        cloze_shortcut = QShortcut(QKeySequence(CLOZE_SHORTCUT), self)
        cloze_shortcut.activated.connect(self.wrap_selection_in_cloze)
        save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        save_shortcut.activated.connect(self.save)

        if card_id is not None:
            self._load(card_id)
        self._on_kind_combo_current_index_changed(self.kind_combo.currentIndex())
        self.front_edit.setFocus()

    def kind(self) -> CardKind:
        return CardKind(str(self.kind_combo.currentData()))

    def set_kind(self, kind: CardKind) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))

    def wrap_selection_in_cloze(self) -> None:
        """Wrap the selected words of the front in ``{{cN::...}}`` (N = next free number)."""
        cursor = self.front_edit.textCursor()
        selected = cursor.selectedText().replace("\u2029", "\n")
        if not selected:
            self.error_label.setText("Select the words to hide in the front first.")
            return
        if self.kind() is not CardKind.CLOZE:
            self.set_kind(CardKind.CLOZE)
        ordinals = cloze_ordinals(self.front_edit.toPlainText())
        number = (max(ordinals) + 1) if ordinals else 1
        cursor.insertText(f"{{{{c{number}::{selected}}}}}")
        self.front_edit.setTextCursor(cursor)
        self.error_label.clear()

    def save(self) -> None:
        front, back = self.front_edit.toPlainText(), self.back_edit.toPlainText()
        tags = tuple(self.tags_edit.text().split())
        context = self.context_edit.text()
        deck = self.deck_combo.currentText().strip()
        try:
            if self._card_id is not None:
                self._cards.edit(self._card_id, front=front, back=back, tags=tags, context=context)
                self.card_edited.emit(int(self._card_id))
                self.accept()
                return
            if not deck:
                self.error_label.setText("Choose a deck for the card.")
                return
            card_id = self._cards.add(deck, self.kind(), front, back, tags, context)
        except StudyAppError as error:
            self.error_label.setText(error.message)
            return
        self.error_label.clear()
        self.status_label.setText(f"Added to “{deck}”. Write the next card, or Close.")
        self.front_edit.clear()
        self.back_edit.clear()
        self.front_edit.setFocus()
        self.card_added.emit(int(card_id))

    def _load(self, card_id: CardId) -> None:
        card = self._cards.get(card_id)
        self.deck_combo.setEditText(card.deck_name)
        self.deck_combo.setEnabled(False)
        self.set_kind(card.kind)
        self.kind_combo.setEnabled(False)
        self.context_edit.setText(card.context)
        self.front_edit.setPlainText(card.front)
        self.back_edit.setPlainText(card.back)
        self.tags_edit.setText(" ".join(card.tags))

    def _on_kind_combo_current_index_changed(self, _index: int) -> None:
        cloze = self.kind() is CardKind.CLOZE
        self.front_label.setText("&Text" if cloze else "&Front")
        self.back_label.setText("E&xtra" if cloze else "&Back")
        self.front_edit.setPlaceholderText(
            "Taiwan wants the {{c1::AGM-158 JASSM}} missile." if cloze else "Which missile does Taiwan want?"
        )
        self.back_edit.setPlaceholderText("Optional: shown with the answer" if cloze else "AGM-158 JASSM")
        self.hint_label.setText(
            f"Select words in the text and press {CLOZE_SHORTCUT} to hide them."
            if cloze
            else f"Tip: select words in the front and press {CLOZE_SHORTCUT} to make a cloze card instead."
        )
