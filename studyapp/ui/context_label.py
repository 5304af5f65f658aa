"""The context line above a card's question: what the card is about when its text does not say.

One widget for the preview, the review and the browser, so the line looks the
same wherever a card is shown: muted, smaller than the card text, plain text
(it comes from the article), and hidden when the card has no context.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget


class ContextLabel(QLabel):
    def __init__(self, point_scale: float = 0.95, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contextLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * point_scale)
        self.setFont(font)
        self.setToolTip("Context: what this card is about, shown above the question")
        self.hide()

    def set_context(self, context: str) -> None:
        self.setText(context.strip())
        self.setVisible(bool(self.text()))
