"""What a new collection shows: one sentence of what to do, and the sample to try."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyStateWidget(QWidget):
    sample_requested = Signal()
    import_requested = Signal()
    paste_requested = Signal()
    add_card_requested = Signal()

    def __init__(self, *, has_sample: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel("Turn what you read into cards you remember")
        self.title_label.setObjectName("emptyTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setWordWrap(True)
        self.body_label = QLabel(
            "Open an article and StudyApp proposes flashcards from it, each linked to the sentence it came from. "
            "You keep the good ones, fix or drop the rest, and review them on a schedule that "
            "adapts to your memory."
        )
        self.body_label.setObjectName("emptyBody")
        self.body_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body_label.setWordWrap(True)
        self.body_label.setMaximumWidth(600)
        self.body_label.setMinimumWidth(480)
        self.sample_button = QPushButton("Try the sample article")
        self.sample_button.setObjectName("primaryButton")
        self.sample_button.setVisible(has_sample)
        self.import_button = QPushButton("Open an article…")
        self.paste_button = QPushButton("Paste text…")
        self.add_button = QPushButton("Write a card")
        self.drop_label = QLabel("…or drop a .txt, .md, .html or .pdf file anywhere on this window.")
        self.drop_label.setObjectName("hintLabel")
        self.drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.sample_button, self.import_button, self.paste_button, self.add_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        body = QHBoxLayout()
        body.addStretch(1)
        body.addWidget(self.body_label)
        body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title_label)
        layout.addSpacing(8)
        layout.addLayout(body)
        layout.addSpacing(20)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addWidget(self.drop_label)
        layout.addStretch(3)

        self.sample_button.clicked.connect(self.sample_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.paste_button.clicked.connect(self.paste_requested)
        self.add_button.clicked.connect(self.add_card_requested)
