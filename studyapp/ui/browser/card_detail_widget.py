"""The browser's side panel: the selected card's context line, fields, rewrites and the sentence it came from.

A card reads as in the review: a cloze shows its question with ``[...]``, the
answer, then its Extra field; the raw ``{{c1::…}}`` text is for the editor.
Every field wraps, long words too, so nothing runs out of the narrow pane.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from studyapp.domain.cards import CardKind
from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import CardId
from studyapp.domain.wording import rewrite_note
from studyapp.services.app import Services
from studyapp.services.reviews import card_sides
from studyapp.ui.context_label import ContextLabel
from studyapp.ui.review.source_dialog import excerpt, show_highlighted
from studyapp.ui.wrapping_label import WrappingLabel


def _field_label() -> QLabel:
    label = WrappingLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def _caption(text: str) -> QLabel:
    """A field's name, muted so the card's own text stands out."""
    caption = QLabel(text)
    caption.setObjectName("hintLabel")
    return caption


class CardDetailWidget(QWidget):
    """Shows one card (or how many are selected); buttons ask for the article and card info."""

    source_requested = Signal(int)  # CardId
    info_requested = Signal(int)  # CardId

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._card_id: CardId | None = None
        self.setMinimumWidth(260)
        self.heading_label = QLabel("No card selected")
        font = self.heading_label.font()
        font.setBold(True)
        self.heading_label.setFont(font)
        self.context_label = ContextLabel()
        self.question_label = _field_label()
        self.answer_label = _field_label()
        self.extra_label = _field_label()
        self.changes_label = _field_label()
        self.changes_label.setObjectName("hintLabel")
        self.deck_label = _field_label()
        self.tags_label = _field_label()
        self.source_title_label = _field_label()
        self.source_view = QTextBrowser()
        self.source_view.setOpenLinks(False)
        self.source_view.setMinimumHeight(120)
        self.article_button = QPushButton("Show in article")
        self.info_button = QPushButton("Card info")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(_caption("Question"), self.question_label)
        form.addRow(_caption("Answer"), self.answer_label)
        form.addRow(_caption("Extra"), self.extra_label)
        self._form = form
        form.addRow(self.changes_label)
        form.addRow(_caption("Deck"), self.deck_label)
        form.addRow(_caption("Tags"), self.tags_label)
        form.addRow(_caption("Source"), self.source_title_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading_label)
        layout.addWidget(self.context_label)
        layout.addLayout(form)
        layout.addWidget(self.source_view, 1)
        layout.addWidget(self.article_button)
        layout.addWidget(self.info_button)
        self.article_button.clicked.connect(self._on_article_button_clicked)
        self.info_button.clicked.connect(self._on_info_button_clicked)
        self.show_card(None)

    @property
    def card_id(self) -> CardId | None:
        return self._card_id

    def show_selection(self, count: int) -> None:
        self.show_card(None)
        self.heading_label.setText(f"{count} cards selected")

    def show_card(self, card_id: CardId | None) -> None:
        self._card_id = card_id
        card = None
        if card_id is not None:
            try:
                card = self._services.cards.get(card_id)
            except StudyAppError:
                card = None  # deleted meanwhile
        fields = (
            self.question_label,
            self.answer_label,
            self.extra_label,
            self.deck_label,
            self.tags_label,
            self.source_title_label,
        )
        if card is None:
            self._card_id = None
            self.heading_label.setText("No card selected")
            for label in fields:
                label.clear()
            self.context_label.set_context("")
            self._form.setRowVisible(self.extra_label, False)
            self.changes_label.hide()
            self.source_view.clear()
            self.article_button.setEnabled(False)
            self.info_button.setEnabled(False)
            return
        cloze = card.kind is CardKind.CLOZE
        self.heading_label.setText("Cloze card" if cloze else "Basic card")
        self.context_label.set_context(card.context)
        question, answer, _full = card_sides(card)
        self.question_label.setText(question)
        self.answer_label.setText(answer or "—")
        self.extra_label.setText(card.back.strip() if cloze else "")
        self._form.setRowVisible(self.extra_label, bool(self.extra_label.text()))
        self.changes_label.setText("\n".join(f"Changed: {rewrite_note(r)}" for r in card.rewrites))
        self.changes_label.setVisible(bool(card.rewrites))
        self.deck_label.setText(card.deck_name)
        self.tags_label.setText(" ".join(card.tags) or "—")
        context = self._services.browse.source_context(card.id)
        if context is None:
            self.source_title_label.setText("Written by hand")
            self.source_view.setPlainText(card.source_sentence)
            self.source_view.setVisible(bool(card.source_sentence.strip()))  # no empty box under "Written by hand"
        else:
            self.source_title_label.setText(context.title)
            text, start, end = excerpt(context, around=160)
            show_highlighted(self.source_view, text, start, end)
            self.source_view.show()
        self.article_button.setEnabled(context is not None)
        self.info_button.setEnabled(True)

    def _on_article_button_clicked(self) -> None:
        if self._card_id is not None:
            self.source_requested.emit(int(self._card_id))

    def _on_info_button_clicked(self) -> None:
        if self._card_id is not None:
            self.info_requested.emit(int(self._card_id))
