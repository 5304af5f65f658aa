"""The article beside the preview, read-only, with the selected card's sentence marked.

Text goes in with ``setPlainText`` only: an article is data, never markup.
Offsets in drafts count Python characters; Qt counts UTF-16 units, so both
directions are converted (an emoji is one character but two units).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from studyapp.ui.theme import is_dark


class ArticleView(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(self.textInteractionFlags() | self.textInteractionFlags().TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setObjectName("articleView")
        self._text = ""
        self._highlight: tuple[int, int] | None = None

    def set_article_text(self, text: str) -> None:
        self._text = text
        self.setPlainText(text)
        self._highlight = None

    def article_text(self) -> str:
        return self._text

    def highlight(self, start: int, end: int) -> None:
        """Mark ``text[start:end]`` and scroll it into view."""
        start, end = max(0, min(start, len(self._text))), max(0, min(end, len(self._text)))
        self._highlight = (start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(_to_utf16(self._text, start))
        cursor.setPosition(_to_utf16(self._text, end), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = self._highlight_format()
        self.setExtraSelections([selection])
        view = QTextCursor(self.document())
        view.setPosition(_to_utf16(self._text, end))
        self.setTextCursor(view)
        view.setPosition(_to_utf16(self._text, start))
        self.setTextCursor(view)
        self.centerCursor()

    def highlighted_span(self) -> tuple[int, int] | None:
        return self._highlight

    def highlighted_text(self) -> str:
        return self._text[self._highlight[0] : self._highlight[1]] if self._highlight else ""

    def selected_span(self) -> tuple[int, int] | None:
        """The user's selection as Python offsets into the article, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return _from_utf16(self._text, cursor.selectionStart()), _from_utf16(self._text, cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(_to_utf16(self._text, start))
        cursor.setPosition(_to_utf16(self._text, end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _highlight_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        dark = is_dark(self.palette())
        fmt.setBackground(QColor("#5c4b12") if dark else QColor("#fff0a6"))
        fmt.setForeground(QColor("#fff6d5") if dark else QColor("#1a1a1a"))
        return fmt


def _to_utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def _from_utf16(text: str, units: int) -> int:
    if text.isascii():
        return units
    return len(text.encode("utf-16-le")[: units * 2].decode("utf-16-le", errors="ignore"))
