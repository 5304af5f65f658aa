"""Plugs the review, browser and statistics views into the main window's central stack.

``install_study_views(window)`` registers one opener per view with
``MainWindow.register_view``; each view's ``finished`` goes back to the
deck list (``refresh_decks`` also brings the counts up to date).  The
browser and the statistics are built on first use: the statistics import
pyqtgraph only then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from studyapp.domain.ids import DeckId
from studyapp.services.search_query import DeckTerm, to_text
from studyapp.ui.browser.browser_view import BrowserView
from studyapp.ui.main_window import MainWindow, ViewHook
from studyapp.ui.review.review_view import ReviewView

if TYPE_CHECKING:
    from studyapp.ui.stats.stats_view import StatsView


@dataclass
class StudyViews:
    window: MainWindow
    review: ReviewView
    browser: BrowserView | None = None
    stats: StatsView | None = None

    def back_to_decks(self) -> None:
        self.window.refresh_decks()
        self.window.deck_view.setFocus()

    def open_review(self, deck_id: DeckId | None) -> None:
        if deck_id is None:
            return
        self._show(self.review)
        self.review.start(deck_id)

    def open_browser(self, deck_id: DeckId | None) -> None:
        if self.browser is None:
            self.browser = BrowserView(self.window.services)
            self.browser.finished.connect(self.back_to_decks)
            self.window.pages.addWidget(self.browser)
        name = self.window.current_deck_name() if deck_id is not None else ""
        self.browser.search(to_text(DeckTerm(name)) if name else "")
        self._show(self.browser)

    def open_stats(self, deck_id: DeckId | None) -> None:
        if self.stats is None:
            from studyapp.ui.stats.stats_view import StatsView  # pyqtgraph is loaded only here

            self.stats = StatsView(self.window.services)
            self.stats.finished.connect(self.back_to_decks)
            self.window.pages.addWidget(self.stats)
        self._show(self.stats)

    def _show(self, view: QWidget) -> None:
        self.window.pages.setCurrentWidget(view)
        view.setFocus()


def install_study_views(window: MainWindow) -> StudyViews:
    """Register Study (Enter / double-click / S), Browse (B) and Statistics (Shift+S) on ``window``."""
    review = ReviewView(window.services)
    window.pages.addWidget(review)
    views = StudyViews(window, review)
    review.finished.connect(views.back_to_decks)
    window.register_view(ViewHook.REVIEW, views.open_review)
    window.register_view(ViewHook.BROWSE, views.open_browser)
    window.register_view(ViewHook.STATISTICS, views.open_stats)
    return views
