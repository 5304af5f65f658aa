"""Edit a card beside the sentence it came from: the way back from a leech (or ``e``) to a better card."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.cards import CardKind
from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import CardId
from studyapp.services.app import Services
from studyapp.ui.review.source_dialog import SourceDialog, excerpt, show_highlighted


class CardRewriteDialog(QDialog):
    """The card's fields under its source sentence (highlighted in its paragraph); Save writes them.

    For a suspended leech, "Study it again" (on by default) unsuspends the card
    when it is saved, closing the loop from review back to a better card.
    """

    card_edited = Signal(int)  # CardId

    def __init__(
        self, services: Services, card_id: CardId, *, leech: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._card_id = card_id
        card = services.cards.get(card_id)
        self._source = services.browse.source_context(card_id)
        self.setWindowTitle("Rewrite leech" if leech else "Edit card")
        self.resize(640, 560)

        self.intro_label = QLabel(
            f"You have forgotten this card {card.lapses} times. Cards like this usually need a clearer question, "
            "a shorter answer, or splitting in two. Its source sentence is below."
            if leech
            else "Edit the card; its source sentence is below for reference."
        )
        self.intro_label.setWordWrap(True)
        self.source_view = QTextBrowser()
        self.source_view.setOpenLinks(False)
        self.source_view.setMaximumHeight(150)
        self.article_button = QPushButton("Show whole article…")
        self.article_button.setAutoDefault(False)
        if self._source is not None:
            text, start, end = excerpt(self._source)
            show_highlighted(self.source_view, text, start, end)
            self.source_title = QLabel(f"From “{self._source.title}”")
        else:
            self.source_view.setPlainText("This card was written by hand; it has no source article.")
            self.source_title = QLabel("No source")
            self.article_button.setEnabled(False)
        self.source_title.setTextFormat(Qt.TextFormat.PlainText)

        cloze = card.kind is CardKind.CLOZE
        self.front_edit = QPlainTextEdit(card.front)
        self.front_edit.setTabChangesFocus(True)
        self.back_edit = QPlainTextEdit(card.back)
        self.back_edit.setTabChangesFocus(True)
        self.tags_edit = QLineEdit(" ".join(card.tags))
        self.unsuspend_check = QCheckBox("Study it again (unsuspend) after saving")
        self.unsuspend_check.setChecked(card.suspended)
        self.unsuspend_check.setVisible(card.suspended)
        self._was_suspended = card.suspended
        self.error_label = QLabel()
        self.error_label.setObjectName("inlineError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Text" if cloze else "Question", self.front_edit)
        form.addRow("Extra" if cloze else "Answer", self.back_edit)
        form.addRow("Tags", self.tags_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.source_title)
        layout.addWidget(self.source_view)
        layout.addWidget(self.article_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form, 1)
        layout.addWidget(self.unsuspend_check)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.article_button.clicked.connect(self._on_article_button_clicked)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.save)
        self.front_edit.setFocus()

    def save(self) -> None:
        try:
            self._services.cards.edit(
                self._card_id,
                front=self.front_edit.toPlainText(),
                back=self.back_edit.toPlainText(),
                tags=tuple(self.tags_edit.text().split()),
            )
            if self._was_suspended and self.unsuspend_check.isChecked():
                self._services.reviews.set_suspended([self._card_id], False)
        except StudyAppError as error:
            self.error_label.setText(error.message)
            return
        self.card_edited.emit(int(self._card_id))
        self.accept()

    def _on_article_button_clicked(self) -> None:
        if self._source is None:
            return
        self.article_dialog = SourceDialog(self._source, self)
        self.article_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.article_dialog.open()
