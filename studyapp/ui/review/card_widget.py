"""The card as the review shows it: its context line, the question, then the answer below a line.

Card text is always plain text: a card saying ``<b>x</b>`` shows exactly that.
The one markup is ours: on a cloze's answer side the filled-in words are bold
in the palette's link colour (readable in light and dark), the card's own text
escaped around them.  The card scrolls inside; the window never resizes to fit
a long card.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from studyapp.domain.cards import CardKind
from studyapp.domain.cloze import cloze_parts
from studyapp.services.reviews import ReviewCard
from studyapp.ui.context_label import ContextLabel
from studyapp.ui.queue_colors import NEW_COLOR


def _card_label(point_scale: float) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    font = QFont(label.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * point_scale)
    label.setFont(font)
    return label


class CardWidget(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context_label = ContextLabel(point_scale=1.1)
        self.context_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.question_label = _card_label(1.8)
        self.question_label.setObjectName("questionLabel")
        self.divider = QFrame()
        self.divider.setFrameShape(QFrame.Shape.HLine)
        self.divider.setFrameShadow(QFrame.Shadow.Sunken)
        self.answer_label = _card_label(1.8)
        self.answer_label.setObjectName("answerLabel")
        self.answer_label.setStyleSheet(f"color: {NEW_COLOR};")
        self.extra_label = _card_label(1.15)
        self.extra_label.setObjectName("extraLabel")
        card_body = QWidget()
        card_body.setObjectName("cardBody")
        body = QVBoxLayout(card_body)
        body.setContentsMargins(48, 32, 48, 16)  # a full card fits 900×600 without a scroll bar
        body.setSpacing(14)
        body.addWidget(self.context_label)
        body.addWidget(self.question_label)
        body.addWidget(self.divider)
        body.addWidget(self.answer_label)
        body.addWidget(self.extra_label)
        body.addStretch(1)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(card_body)

    def show_question(self, card: ReviewCard) -> None:
        self.context_label.set_context(card.card.context)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        self.question_label.setText(card.question)
        self.answer_label.clear()
        self.extra_label.clear()
        self.divider.hide()
        self.answer_label.hide()
        self.extra_label.hide()

    def show_answer(self, card: ReviewCard) -> None:
        self.context_label.set_context(card.card.context)
        if card.card.kind is CardKind.CLOZE:
            # Anki's cloze back: the sentence filled in; below the line, what was hidden.
            self.question_label.setTextFormat(Qt.TextFormat.RichText)
            self.question_label.setText(self._filled_in_html(card.card.front))
            self.answer_label.setText(card.answer)
            self.extra_label.setText(card.card.back.strip())
        else:
            self.answer_label.setText(card.answer)
            self.extra_label.setText("")
        self.divider.show()
        self.answer_label.show()
        self.extra_label.setVisible(bool(self.extra_label.text()))

    def _filled_in_html(self, cloze: str) -> str:
        """The sentence filled in, the answer bold in the link colour; everything else escaped, spacing kept."""
        color = self.palette().color(QPalette.ColorRole.Link).name()
        pieces = [
            f'<b style="color:{color}">{escape(part)}</b>' if active else escape(part)
            for part, active in cloze_parts(cloze.strip())
        ]
        return f'<span style="white-space:pre-wrap">{"".join(pieces)}</span>'
