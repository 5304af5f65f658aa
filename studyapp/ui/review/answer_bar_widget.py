"""The bar under the card: Show answer, then the four ratings, each with the interval it would give."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from studyapp.domain.scheduling import Rating

RATING_COLORS = {Rating.AGAIN: "#c62828", Rating.HARD: "#8a6d00", Rating.GOOD: "#2e8b57", Rating.EASY: "#2f6fde"}


class AnswerBarWidget(QStackedWidget):
    """Buttons only: keys are the review view's; no button takes focus from it."""

    show_answer_clicked = Signal()
    rating_clicked = Signal(int)  # Rating

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_answer_button = QPushButton("Show answer")
        self.show_answer_button.setObjectName("primaryButton")
        self.show_answer_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_answer_button.setToolTip("Space or Enter")
        self.show_answer_button.setMinimumWidth(220)
        self.show_answer_button.clicked.connect(self.show_answer_clicked)
        self.rating_buttons: dict[Rating, QPushButton] = {}
        self.interval_labels: dict[Rating, QLabel] = {}
        ratings = QWidget()
        ratings_row = QHBoxLayout(ratings)
        ratings_row.setContentsMargins(0, 0, 0, 0)
        ratings_row.addStretch(1)
        for number, rating in enumerate(Rating, start=1):
            column = QVBoxLayout()
            column.setSpacing(2)
            interval = QLabel()
            interval.setAlignment(Qt.AlignmentFlag.AlignCenter)
            interval.setTextFormat(Qt.TextFormat.PlainText)
            button = QPushButton(rating.name.title())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(f"Key {number}")
            button.setMinimumWidth(96)
            button.setStyleSheet(f"QPushButton {{ color: {RATING_COLORS[rating]}; font-weight: 600; padding: 6px; }}")
            button.clicked.connect(lambda _checked=False, r=rating: self.rating_clicked.emit(int(r)))
            column.addWidget(interval)
            column.addWidget(button)
            ratings_row.addLayout(column)
            self.rating_buttons[rating] = button
            self.interval_labels[rating] = interval
        ratings_row.addStretch(1)
        show_page = QWidget()
        show_row = QHBoxLayout(show_page)
        show_row.setContentsMargins(0, 0, 0, 0)
        show_row.addStretch(1)
        show_row.addWidget(self.show_answer_button)
        show_row.addStretch(1)
        self.addWidget(show_page)
        self.addWidget(ratings)
        self.setFixedHeight(72)

    def show_question_buttons(self, intervals: Mapping[Rating, str]) -> None:
        """Show answer, with the intervals ready for when the ratings show."""
        for rating, label in self.interval_labels.items():
            label.setText(intervals.get(rating, ""))
        self.setCurrentIndex(0)

    def show_rating_buttons(self) -> None:
        self.setCurrentIndex(1)
