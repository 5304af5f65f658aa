"""A plain-text label that wraps everything, even a word longer than its width.

QLabel wraps only at spaces: a URL or a long chemical name sets the label's
minimum width, and a narrow pane then cuts the text off.  Long runs get
zero-width break opportunities on screen; ``text()`` stays the card's text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

BREAK_EVERY = 16
"""Characters of an unbroken run between two break opportunities."""
_LONG_RUN = re.compile(rf"\S{{{BREAK_EVERY + 1},}}")
_ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """``text`` with a zero-width space every ``BREAK_EVERY`` characters of a long unbroken run."""

    def split(run: re.Match[str]) -> str:
        word = run.group(0)
        return _ZERO_WIDTH_SPACE.join(word[i : i + BREAK_EVERY] for i in range(0, len(word), BREAK_EVERY))

    return _LONG_RUN.sub(split, text)


class WrappingLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._text = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self._text = text
        super().setText(breakable(text))

    def text(self) -> str:
        return self._text

    def clear(self) -> None:
        self.setText("")
