"""The selected draft as it will read: context line, question and answer with rewritten words marked.

The table shows one line per card; here the user reads the whole card, sees
what the generator changed from the article (highlighted; the tooltip and the
"Changed" line say what each phrase was and which sentence it came from) and
what it was unsure of.  All article text is escaped before it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from studyapp.domain.cards import CardDraft
from studyapp.domain.wording import rewrite_note
from studyapp.ui.context_label import ContextLabel
from studyapp.ui.import_preview.check_words import explain
from studyapp.ui.rewrite_marks import hovered_rewrite, marked_html
from studyapp.ui.theme import is_dark


def _text_label(rich: bool, point_scale: float = 1.0) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    if point_scale != 1.0:
        font = QFont(label.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * point_scale)
        label.setFont(font)
    return label


class DraftDetailWidget(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftDetail")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.context_label = ContextLabel()
        self.question_label = _text_label(rich=True, point_scale=1.15)
        self.question_label.setObjectName("draftQuestion")
        self.answer_label = _text_label(rich=True)
        self.answer_label.setObjectName("draftAnswer")
        self.changes_label = _text_label(rich=False, point_scale=0.9)
        self.changes_label.setObjectName("hintLabel")
        self.checks_label = _text_label(rich=False, point_scale=0.9)
        self.checks_label.setObjectName("hintLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        for label in (self.context_label, self.question_label, self.answer_label, self.changes_label):
            layout.addWidget(label)
        layout.addWidget(self.checks_label)
        self._draft: CardDraft | None = None
        for label in (self.question_label, self.answer_label):
            label.setTextInteractionFlags(label.textInteractionFlags() | Qt.TextInteractionFlag.LinksAccessibleByMouse)
            label.linkHovered.connect(lambda link, shown=label: self._on_label_link_hovered(shown, link))
        self.show_draft(None)

    def show_draft(self, draft: CardDraft | None) -> None:
        self._draft = draft
        if draft is None:
            self.context_label.set_context("")
            self.question_label.setText("")
            self.answer_label.setText("")
            self.changes_label.hide()
            self.checks_label.hide()
            return
        dark = is_dark(self.palette())
        self.context_label.set_context(draft.context)
        self.question_label.setText(marked_html(draft.question, draft.rewrites, dark=dark))
        self.answer_label.setText("Answer: " + marked_html(draft.answer, draft.rewrites, dark=dark))
        notes = [rewrite_note(r) for r in draft.rewrites]
        self.question_label.setToolTip(self._all_rewrites())
        self.answer_label.setToolTip(self._all_rewrites())
        self.changes_label.setText("\n".join(f"Changed: {note}" for note in notes))
        self.changes_label.setVisible(bool(notes))
        doubts = [warning.value for warning in draft.warnings]
        self.checks_label.setText("\n".join(f"Unsure: {check} — {explain(check)}" for check in doubts))
        self.checks_label.setVisible(bool(doubts))

    def _all_rewrites(self) -> str:
        return "\n".join(rewrite_note(r) for r in self._draft.rewrites) if self._draft is not None else ""

    def _on_label_link_hovered(self, label: QLabel, link: str) -> None:
        """Over a marked phrase the tooltip says what that phrase was; elsewhere it lists every change."""
        rewrite = hovered_rewrite(link, self._draft.rewrites) if self._draft is not None else None
        label.setToolTip(rewrite_note(rewrite) if rewrite is not None else self._all_rewrites())
