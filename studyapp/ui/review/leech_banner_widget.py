"""The non-blocking banner over a card that keeps being forgotten: rewrite it, or dismiss."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from studyapp.domain.ids import CardId
from studyapp.services.reviews import ReviewCard


class LeechBannerWidget(QFrame):
    """``card_id`` is the leech the banner speaks of, None while it is hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_id: CardId | None = None
        self.setObjectName("noticeBar")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.rewrite_button = QPushButton("Rewrite card…")
        self.rewrite_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        banner = QHBoxLayout(self)
        banner.addWidget(self.label, 1)
        banner.addWidget(self.rewrite_button)
        banner.addWidget(self.dismiss_button)
        self.hide()

    def show_leech(self, card: ReviewCard, *, suspended: bool) -> None:
        self.card_id = card.card.id
        question = card.question if len(card.question) <= 80 else card.question[:77] + "…"
        self.label.setText(
            f"Leech: “{question}” keeps being forgotten"
            + (" and was suspended." if suspended else ".")
            + " Rewrite it beside its source sentence?"
        )
        self.show()

    def dismiss(self) -> None:
        self.card_id = None
        self.hide()
