""" "Show in article": the card's source article with its sentence highlighted (plain text, never HTML)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from studyapp.services.browse import SourceContext

HIGHLIGHT = QColor("#ffe58a")


def show_highlighted(editor: QTextEdit, text: str, start: int, end: int) -> None:
    """Put ``text`` in ``editor`` as plain text, mark ``text[start:end]`` (an overlay) and scroll to it."""
    editor.setPlainText(text)
    if end <= start:
        editor.setExtraSelections([])
        return
    cursor = QTextCursor(editor.document())
    cursor.setPosition(min(start, len(text)))
    cursor.setPosition(min(end, len(text)), QTextCursor.MoveMode.KeepAnchor)
    marked = QTextEdit.ExtraSelection()
    marked.cursor = cursor
    fmt = QTextCharFormat()
    fmt.setBackground(HIGHLIGHT)
    fmt.setForeground(QColor("#1b1b1b"))
    fmt.setFontWeight(QFont.Weight.DemiBold)
    marked.format = fmt
    editor.setExtraSelections([marked])
    caret = QTextCursor(editor.document())
    caret.setPosition(min(end, len(text)))
    editor.setTextCursor(caret)
    editor.ensureCursorVisible()
    caret.setPosition(min(start, len(text)))
    editor.setTextCursor(caret)
    editor.ensureCursorVisible()


def excerpt(context: SourceContext, around: int = 300) -> tuple[str, int, int]:
    """A window of the article around the sentence, with the sentence's offsets inside it."""
    begin = max(0, context.start - around)
    stop = min(len(context.text), context.end + around)
    while begin > 0 and not context.text[begin - 1].isspace():
        begin += 1
    prefix = "… " if begin > 0 else ""
    suffix = " …" if stop < len(context.text) else ""
    text = prefix + context.text[begin:stop] + suffix
    offset = len(prefix) - begin
    return text, context.start + offset, context.end + offset


class SourceDialog(QDialog):
    """The whole article, scrolled to the highlighted sentence the card was made from."""

    def __init__(self, context: SourceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Source: {context.title}" if context.title else "Source article")
        self.resize(720, 560)
        self.title_label = QLabel(context.title or "Untitled article")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.text_browser = QTextBrowser()
        self.text_browser.setOpenLinks(False)
        self.text_browser.setObjectName("sourceText")
        show_highlighted(self.text_browser, context.text, context.start, context.end)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_browser, 1)
        layout.addWidget(buttons)

    def highlighted_text(self) -> str:
        """The sentence that is marked (what a test or a screen reader checks)."""
        return marked_text(self.text_browser)


def marked_text(editor: QTextEdit) -> str:
    """The text shown highlighted in ``editor``."""
    return "".join(sel.cursor.selectedText() for sel in editor.extraSelections()).replace("\u2029", "\n")
