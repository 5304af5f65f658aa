"""The review screen: question, Show answer, four ratings with their intervals, and Anki's keys.

Keys: Space/Enter show the answer (then mean Good), 1–4 rate, Ctrl+Z undoes
the last answer, bury or suspend, ``e`` edits the card beside its source,
``i`` shows card info, ``s`` shows the sentence in its article, ``-`` buries,
``@`` suspends, Escape goes back to the decks.  Card text is always plain
text: a card saying ``<b>x</b>`` shows exactly that.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.cards import CardState
from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import CardId, DeckId
from studyapp.domain.scheduling import CustomStudy, Rating
from studyapp.services.app import Services
from studyapp.services.reviews import QueueCounts, ReviewCard, ReviewSession
from studyapp.ui.errors import show_error
from studyapp.ui.queue_colors import LEARN_COLOR, NEW_COLOR, REVIEW_COLOR
from studyapp.ui.review.answer_bar_widget import AnswerBarWidget
from studyapp.ui.review.card_info_dialog import CardInfoDialog
from studyapp.ui.review.card_widget import CardWidget
from studyapp.ui.review.leech_banner_widget import LeechBannerWidget
from studyapp.ui.review.rewrite_dialog import CardRewriteDialog
from studyapp.ui.review.source_dialog import SourceDialog

log = logging.getLogger(__name__)


class _Undo(enum.Enum):
    ANSWER = "answer"
    BURY = "bury"
    SUSPEND = "suspend"


@dataclass(frozen=True, slots=True)
class _Step:
    kind: _Undo
    card_id: CardId


def counts_html(counts: QueueCounts, current: CardState | None) -> str:
    """New · Learning · Review counts, coloured like Anki's; the current card's queue is underlined.

    Only numbers go into this markup, never card or deck text.
    """

    def part(value: int, color: str, underline: bool) -> str:
        style = f"color:{color};font-weight:600;" + ("text-decoration:underline;" if underline else "")
        return f'<span style="{style}">{int(value)}</span>'

    learning = current in (CardState.LEARNING, CardState.RELEARNING)
    return " &nbsp; ".join(
        (
            part(counts.new, NEW_COLOR, current is CardState.NEW),
            part(counts.learning, LEARN_COLOR, learning),
            part(counts.review, REVIEW_COLOR, current is CardState.REVIEW),
        )
    )


def _flat_button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setFlat(True)
    button.setToolTip(tip)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class ReviewView(QWidget):
    """One study session on one deck; the main window shows it in its central stack.

    ``finished`` asks to go back to the decks; ``completed`` fires when the
    deck is done for today and the summary is shown.
    """

    card_answered = Signal(int, int)  # CardId, Rating
    card_edited = Signal(int)  # CardId
    completed = Signal()
    finished = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._session: ReviewSession | None = None
        self._current: ReviewCard | None = None
        self._revealed = False
        self._timer = QElapsedTimer()
        self._undo: list[_Step] = []
        self.setObjectName("reviewView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        # Header: deck name, counts, card actions.
        self.deck_label = QLabel()
        self.deck_label.setTextFormat(Qt.TextFormat.PlainText)
        deck_font = QFont(self.deck_label.font())
        deck_font.setBold(True)
        self.deck_label.setFont(deck_font)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setToolTip("New · Learning · Review cards left today")
        self.source_button = _flat_button("Show in article", "The sentence this card came from, in its article (S)")
        self.info_button = _flat_button("Card info", "Review history and memory state (I)")
        self.edit_button = _flat_button("Edit", "Edit this card beside its source sentence (E)")
        self.bury_button = _flat_button("Bury", "Hide this card until tomorrow (-)")
        self.suspend_button = _flat_button("Suspend", "Stop showing this card until unsuspended (@)")
        self.undo_button = _flat_button("Undo", "Undo the last answer, bury or suspend (Ctrl+Z)")
        header = QHBoxLayout()
        header.addWidget(self.deck_label)
        header.addSpacing(12)
        header.addWidget(self.counts_label)
        header.addStretch(1)
        for button in (
            self.source_button,
            self.info_button,
            self.edit_button,
            self.bury_button,
            self.suspend_button,
            self.undo_button,
        ):
            header.addWidget(button)

        self.leech_banner = LeechBannerWidget()
        self.card_widget = CardWidget()
        self.answer_bar = AnswerBarWidget()
        self.status_label = QLabel()
        self.status_label.setObjectName("hintLabel")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        card_page = QWidget()
        card_layout = QVBoxLayout(card_page)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addWidget(self.card_widget, 1)
        card_layout.addWidget(self.answer_bar)
        card_layout.addWidget(self.status_label)

        # Done page: the session's summary.
        self.done_title = QLabel("Congratulations! You have finished this deck for now.")
        self.done_title.setObjectName("emptyTitle")
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_title.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("emptyBody")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_label.setWordWrap(True)
        self.back_button = QPushButton("Back to decks")
        self.back_button.setObjectName("primaryButton")
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        done_page = QWidget()
        done = QVBoxLayout(done_page)
        done.addStretch(1)
        done.addWidget(self.done_title)
        done.addWidget(self.summary_label)
        done.addSpacing(16)
        done.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignCenter)
        done.addStretch(2)

        self.pages = QStackedWidget()
        self.pages.addWidget(card_page)
        self.pages.addWidget(done_page)

        layout = QVBoxLayout(self)
        # The card scrolls inside; the window never resizes to fit a long card.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(header)
        layout.addWidget(self.leech_banner)
        layout.addWidget(self.pages, 1)

        self.answer_bar.show_answer_clicked.connect(self._on_answer_bar_show_answer_clicked)
        self.answer_bar.rating_clicked.connect(self._on_answer_bar_rating_clicked)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.source_button.clicked.connect(self._on_source_button_clicked)
        self.info_button.clicked.connect(self._on_info_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.bury_button.clicked.connect(self._on_bury_button_clicked)
        self.suspend_button.clicked.connect(self._on_suspend_button_clicked)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.leech_banner.rewrite_button.clicked.connect(self._on_leech_banner_rewrite_clicked)
        self.leech_banner.dismiss_button.clicked.connect(self._on_leech_banner_dismiss_clicked)

        self.source_dialog: SourceDialog | None = None
        self.info_dialog: CardInfoDialog | None = None
        self.edit_dialog: CardRewriteDialog | None = None
        self._install_keys()

    # ----------------------------------------------------------------- public

    def start(self, deck_id: DeckId, custom: CustomStudy | None = None) -> None:
        """Begin a session on ``deck_id`` (with subdecks), or a custom study session, and show its first card."""
        self._session = self._services.reviews.start(deck_id, custom)
        self._undo.clear()
        self.leech_banner.dismiss()
        self.deck_label.setText(self._session.deck_name)
        self.status_label.clear()
        self._show_next()
        self.setFocus()

    @property
    def session(self) -> ReviewSession | None:
        return self._session

    @property
    def current_card(self) -> ReviewCard | None:
        return self._current

    @property
    def revealed(self) -> bool:
        return self._revealed

    def reveal(self) -> None:
        """Show the answer side."""
        card = self._current
        if card is None or self._revealed:
            return
        self._revealed = True
        self.source_button.setEnabled(card.card.source_id is not None)
        self.card_widget.show_answer(card)
        self.answer_bar.show_rating_buttons()

    def answer(self, rating: Rating) -> None:
        """Rate the shown card; the time from question to rating is recorded."""
        card, session = self._current, self._session
        if card is None or session is None or not self._revealed:
            return
        duration = int(self._timer.elapsed()) if self._timer.isValid() else 0
        try:
            outcome = session.answer(card.card.id, rating, duration)
        except StudyAppError as error:
            show_error(self, error)
            return
        self._undo.append(_Step(_Undo.ANSWER, card.card.id))
        self.status_label.setText(f"Previous card: {rating.name.title()}, next in {outcome.interval}. Ctrl+Z to undo.")
        self.card_answered.emit(int(card.card.id), int(rating))
        if outcome.leech:
            self.leech_banner.show_leech(card, suspended=session.options.leech_suspend)
        self._show_next()

    def undo(self) -> None:
        """Take back this session's newest answer, bury or suspend, and show that card again."""
        session = self._session
        if session is None or not self._undo:
            self.status_label.setText("Nothing to undo.")
            return
        step = self._undo.pop()
        try:
            if step.kind is _Undo.ANSWER:
                undone = session.undo()
                if undone is None:
                    return
                session.put_back(undone)  # the undone card is shown next, even if it was still queued further on
                if self.leech_banner.card_id == undone:
                    self.leech_banner.dismiss()
                self.status_label.setText("Answer undone.")
            elif step.kind is _Undo.BURY:
                self._services.browse.unbury([step.card_id])
                session.put_back(step.card_id)
                self.status_label.setText("Bury undone.")
            else:
                self._services.reviews.set_suspended([step.card_id], False)
                session.put_back(step.card_id)
                self.status_label.setText("Suspend undone.")
        except StudyAppError as error:
            show_error(self, error)
            return
        self.pages.setCurrentIndex(0)
        self._show_next()

    def bury_current(self) -> None:
        card = self._current
        if card is None:
            return
        self._services.reviews.bury([card.card.id])
        self._undo.append(_Step(_Undo.BURY, card.card.id))
        self.status_label.setText("Card buried until tomorrow. Ctrl+Z to undo.")
        self._show_next()

    def suspend_current(self) -> None:
        card = self._current
        if card is None:
            return
        self._services.reviews.set_suspended([card.card.id], True)
        self._undo.append(_Step(_Undo.SUSPEND, card.card.id))
        self.status_label.setText("Card suspended. Ctrl+Z to undo.")
        self._show_next()

    def edit_current(self) -> None:
        card = self._current
        if card is not None:
            self._open_editor(card.card.id, leech=False)

    def show_source(self) -> None:
        card = self._current
        if card is None:
            return
        if not self._revealed:  # the source sentence holds the answer
            self.status_label.setText("Show the answer first: the article gives it away.")
            return
        context = self._services.browse.source_context(card.card.id)
        if context is None:
            self.status_label.setText("This card was written by hand; it has no source article.")
            return
        self.source_dialog = SourceDialog(context, self)
        self.source_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.source_dialog.destroyed.connect(self._on_source_dialog_destroyed)
        self.source_dialog.open()

    def show_card_info(self) -> None:
        card = self._current
        if card is None:
            return
        self.info_dialog = CardInfoDialog(self._services.browse.card_info(card.card.id), self)
        self.info_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.info_dialog.destroyed.connect(self._on_info_dialog_destroyed)
        self.info_dialog.open()

    # ------------------------------------------------------------------- keys

    def _install_keys(self) -> None:
        """Anki's review keys, as actions of this view: the shortcut sheet lists them from here."""
        keys: list[tuple[str, list[str], Callable[[], object]]] = [
            ("Show the answer, then Good", ["Space", "Return", "Enter"], self._on_space_key),
            *((rating.name.title(), [str(int(rating))], partial(self._on_rating_key, rating)) for rating in Rating),
            ("Undo the last answer, bury or suspend", ["Ctrl+Z"], self.undo),
            ("Bury the card until tomorrow", ["-"], self.bury_current),
            ("Suspend the card", ["@"], self.suspend_current),
            ("Edit the card beside its source", ["E"], self.edit_current),
            ("Card info", ["I"], self.show_card_info),
            ("Show the sentence in its article", ["S"], self.show_source),
            ("Back to the decks", ["Escape"], self.finished.emit),
        ]
        for text, sequences, slot in keys:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(sequence) for sequence in sequences])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, run=slot: run())
            self.addAction(action)

    def _on_space_key(self) -> None:
        if self.pages.currentIndex() == 1:
            self.finished.emit()  # the end screen: Space/Enter mean "Back to decks"
        elif self._revealed:
            self.answer(Rating.GOOD)
        else:
            self.reveal()

    def _on_rating_key(self, rating: Rating) -> None:
        if self.pages.currentIndex() == 0:
            self.answer(rating)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()

    # -------------------------------------------------------------- internals

    def _show_next(self) -> None:
        session = self._session
        if session is None:
            return
        try:
            card = session.next_card()
        except StudyAppError as error:
            show_error(self, error)
            card = None
        self._current = card
        if card is None:
            self._show_summary()
            return
        self.pages.setCurrentIndex(0)
        self._render(card, revealed=False)
        self._timer.start()

    def _render(self, card: ReviewCard, *, revealed: bool) -> None:
        self._revealed = False
        self.counts_label.setText(counts_html(card.counts, card.card.state))
        self.card_widget.show_question(card)
        self.answer_bar.show_question_buttons(card.intervals)
        self.source_button.setEnabled(False)  # until the answer is shown
        self.undo_button.setEnabled(bool(self._undo))
        if revealed:
            self.reveal()

    def _show_summary(self) -> None:
        session = self._session
        assert session is not None
        lines = [session.summary.describe(), session.learning_later(), session.summary.describe_buried()]
        self.summary_label.setText("\n".join(line for line in lines if line))
        self.counts_label.setText(counts_html(QueueCounts(0, 0, 0), None))
        self.pages.setCurrentIndex(1)
        self.undo_button.setEnabled(bool(self._undo))
        self.completed.emit()

    def _open_editor(self, card_id: CardId, *, leech: bool) -> None:
        self.edit_dialog = CardRewriteDialog(self._services, card_id, leech=leech, parent=self)
        self.edit_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.edit_dialog.card_edited.connect(self._on_edit_dialog_card_edited)
        self.edit_dialog.destroyed.connect(self._on_edit_dialog_destroyed)
        self.edit_dialog.open()

    # ------------------------------------------------------------------ slots

    def _on_answer_bar_show_answer_clicked(self) -> None:
        self.reveal()

    def _on_answer_bar_rating_clicked(self, rating: int) -> None:
        self.answer(Rating(rating))

    def _on_back_button_clicked(self) -> None:
        self.finished.emit()

    def _on_source_button_clicked(self) -> None:
        self.show_source()

    def _on_info_button_clicked(self) -> None:
        self.show_card_info()

    def _on_edit_button_clicked(self) -> None:
        self.edit_current()

    def _on_bury_button_clicked(self) -> None:
        self.bury_current()

    def _on_suspend_button_clicked(self) -> None:
        self.suspend_current()

    def _on_undo_button_clicked(self) -> None:
        self.undo()

    def _on_leech_banner_rewrite_clicked(self) -> None:
        if self.leech_banner.card_id is not None:
            self._open_editor(self.leech_banner.card_id, leech=True)

    def _on_leech_banner_dismiss_clicked(self) -> None:
        self.leech_banner.dismiss()
        self.setFocus()

    def _on_edit_dialog_card_edited(self, card_id: int) -> None:
        self.card_edited.emit(card_id)
        if self.leech_banner.card_id == card_id:
            self.leech_banner.dismiss()
        current, session = self._current, self._session
        if current is not None and session is not None and current.card.id == card_id:
            session.put_back(current.card.id)
            refreshed = session.next_card()
            if refreshed is not None and refreshed.card.id == card_id:
                self._current = refreshed
                self._render(refreshed, revealed=self._revealed)
        elif current is None and session is not None and self.pages.currentIndex() == 1:
            self._show_next()  # an unsuspended leech may be due again
        self.setFocus()

    def _on_edit_dialog_destroyed(self) -> None:
        self.edit_dialog = None
        self.setFocus()

    def _on_source_dialog_destroyed(self) -> None:
        self.source_dialog = None
        self.setFocus()

    def _on_info_dialog_destroyed(self) -> None:
        self.info_dialog = None
        self.setFocus()
