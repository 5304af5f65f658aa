"""The preview of an import: triage the proposed cards beside the article, then add them."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.domain.errors import StudyAppError
from studyapp.domain.progress import CancelToken, Progress
from studyapp.services.importing import ImportService
from studyapp.services.rows import ImportSummary
from studyapp.ui.errors import show_error
from studyapp.ui.import_preview.article_view import ArticleView
from studyapp.ui.import_preview.draft_detail_widget import DraftDetailWidget
from studyapp.ui.import_preview.draft_edits import draft_from_selection
from studyapp.ui.import_preview.draft_table_model import DraftTableModel
from studyapp.ui.import_preview.draft_table_view import DraftTableView
from studyapp.ui.tasks import TaskRunner

KEYS_HINT = "Space keep/skip · Y keep · X reject · E edit · J/K next/previous"


class ImportDialog(QDialog):
    """Owns nothing but the drafts: cards are stored only by "Add N cards"."""

    cards_added = Signal(object)  # ImportSummary

    def __init__(
        self,
        imports: ImportService,
        runner: TaskRunner,
        article: Article,
        drafts: list[CardDraft],
        *,
        deck_names: list[str],
        default_deck: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._imports = imports
        self._runner = runner
        self._article = article
        self.setWindowTitle(f"Import: {article.title or 'Untitled article'}")
        self.resize(1180, 720)

        self.model = DraftTableModel(drafts, self)
        self.table_view = DraftTableView()
        self.table_view.set_draft_model(self.model)
        self.article_view = ArticleView()
        self.article_view.set_article_text(article.text)
        self.detail_widget = DraftDetailWidget()

        self.title_label = QLabel(article.title or "Untitled article")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setObjectName("dialogTitle")
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.keys_label = QLabel(KEYS_HINT)
        self.keys_label.setObjectName("hintLabel")
        self.message_label = QLabel()
        self.message_label.setObjectName("inlineError")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)

        self.keep_all_button = QPushButton("Keep all")
        self.keep_none_button = QPushButton("Keep none")
        self.from_selection_button = QPushButton("Card from selection")
        self.from_selection_button.setToolTip("Select words in the article, then make a cloze card from them (Ctrl+L)")
        self.from_selection_button.setEnabled(False)
        self.deck_combo = QComboBox()
        self.deck_combo.setEditable(True)
        self.deck_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.deck_combo.setMinimumWidth(360)
        self.deck_combo.addItems(deck_names)
        self.deck_combo.setEditText(default_deck)
        self.add_button = QPushButton()
        self.add_button.setObjectName("primaryButton")
        self.add_button.setDefault(False)
        self.add_button.setAutoDefault(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAutoDefault(False)
        for button in (self.keep_all_button, self.keep_none_button, self.from_selection_button):
            button.setAutoDefault(False)

        self._layout()
        self._connect()
        self._on_model_accepted_count_changed(self.model.accepted_count())
        self._show_draft(self.table_view.current_row())
        self.table_view.setFocus()

    # public
    @property
    def article(self) -> Article:
        return self._article

    def deck_name(self) -> str:
        return self.deck_combo.currentText().strip()

    def make_card_from_selection(self) -> None:
        span = self.article_view.selected_span()
        if span is None:
            self._say("Select some words in the article first.", error=True)
            return
        try:
            draft = draft_from_selection(self._article.text, *span)
        except StudyAppError as error:
            self._say(error.message, error=True)
            return
        row = self.model.append(draft)
        self.table_view.select_row(row)
        self.table_view.setFocus()
        self._say("Card added to the list; edit it with E or F2.", error=False)

    def add_cards(self) -> None:
        drafts, deck = self.model.accepted_drafts(), self.deck_name()
        if not drafts or not deck:
            return
        self._set_busy(True)
        imports, article = self._imports, self._article

        def work(_progress: Progress, _cancel: CancelToken) -> ImportSummary:
            return imports.add_drafts(article, drafts, deck)

        self._runner.run(work, on_done=self._on_add_done, on_error=self._on_add_failed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Scrolling to the sentence needs the final size, known only once shown.
        QTimer.singleShot(0, lambda: self._show_draft(self.table_view.current_row()))

    # layout
    def _layout(self) -> None:
        header = QVBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.summary_label)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table_view, 1)
        triage = QHBoxLayout()
        triage.addWidget(self.keep_all_button)
        triage.addWidget(self.keep_none_button)
        triage.addStretch(1)
        triage.addWidget(self.keys_label)
        left_layout.addLayout(triage)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail_widget)
        source_label = QLabel("Article: the selected card's sentence is marked")
        source_label.setObjectName("hintLabel")
        right_layout.addWidget(source_label)
        right_layout.addWidget(self.article_view, 1)
        selection_row = QHBoxLayout()
        selection_row.addStretch(1)
        selection_row.addWidget(self.from_selection_button)
        right_layout.addLayout(selection_row)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        footer = QHBoxLayout()
        deck_label = QLabel("&Deck:")
        deck_label.setBuddy(self.deck_combo)
        footer.addWidget(deck_label)
        footer.addWidget(self.deck_combo)
        footer.addStretch(1)
        footer.addWidget(self.cancel_button)
        footer.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(footer)

    def _connect(self) -> None:
        self.model.accepted_count_changed.connect(self._on_model_accepted_count_changed)
        self.model.edit_rejected.connect(self._on_model_edit_rejected)
        self.model.dataChanged.connect(self._on_model_data_changed)
        self.table_view.current_row_changed.connect(self._on_table_view_current_row_changed)
        self.article_view.selectionChanged.connect(self._on_article_view_selection_changed)
        self.deck_combo.currentTextChanged.connect(self._on_deck_combo_current_text_changed)
        self.keep_all_button.clicked.connect(self._on_keep_all_button_clicked)
        self.keep_none_button.clicked.connect(self._on_keep_none_button_clicked)
        self.from_selection_button.clicked.connect(self.make_card_from_selection)
        self.add_button.clicked.connect(self.add_cards)
        self.cancel_button.clicked.connect(self.reject)
        add_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        add_shortcut.activated.connect(self.add_cards)
        selection_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        selection_shortcut.activated.connect(self.make_card_from_selection)

    # slots
    def _on_model_accepted_count_changed(self, count: int) -> None:
        total = self.model.rowCount()
        self.summary_label.setText(
            f"{total} proposed card{'s' if total != 1 else ''} · {count} kept · {self._article.word_count} words"
        )
        self._update_add_button()

    def _say(self, message: str, *, error: bool) -> None:
        """A one-line message under the table: red only when something went wrong."""
        self.message_label.setObjectName("inlineError" if error else "hintLabel")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(message)

    def _on_model_edit_rejected(self, message: str) -> None:
        self._say(message, error=True)

    def _on_model_data_changed(self, *_args: object) -> None:
        self._show_draft(self.table_view.current_row())

    def _on_table_view_current_row_changed(self, row: int) -> None:
        self.message_label.clear()
        self._show_draft(row)

    def _on_article_view_selection_changed(self) -> None:
        self.from_selection_button.setEnabled(self.article_view.selected_span() is not None)

    def _on_deck_combo_current_text_changed(self, _text: str) -> None:
        self._update_add_button()

    def _on_keep_all_button_clicked(self) -> None:
        self.model.set_all_accepted(True)

    def _on_keep_none_button_clicked(self) -> None:
        self.model.set_all_accepted(False)

    def _on_add_done(self, summary: ImportSummary) -> None:
        self._set_busy(False)
        self.cards_added.emit(summary)
        self.accept()

    def _on_add_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_error(self, error)

    # internals
    def _show_draft(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            draft = self.model.draft(row)
            self.detail_widget.show_draft(draft)
            self.article_view.highlight(draft.start, draft.end)
        else:
            self.detail_widget.show_draft(None)

    def _update_add_button(self) -> None:
        count, deck = self.model.accepted_count(), self.deck_name()
        cards = f"{count} card{'s' if count != 1 else ''}"
        text = f"Add {cards} to deck “{deck}”" if deck else f"Add {cards}: choose a deck"
        self.add_button.setText(text.replace("&", "&&"))
        self.add_button.setEnabled(count > 0 and bool(deck))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.add_button, self.cancel_button, self.table_view, self.deck_combo):
            widget.setEnabled(not busy)
        if not busy:
            self._update_add_button()
