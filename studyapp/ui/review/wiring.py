"""Plugs the review, browser and statistics views into the main window's central stack, and Export.

``install_study_views(window)`` registers one opener per view with
``MainWindow.register_view``; each view's ``finished`` goes back to the
deck list (``show_deck_list`` also brings the counts up to date).  Every
view is built on first use (the statistics import pyqtgraph only then), so
the window paints before their modules are even imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import DeckId
from studyapp.services.custom_study import describe_more_new
from studyapp.services.rows import ExportSummary
from studyapp.ui.errors import show_error
from studyapp.ui.main_actions import ViewHook
from studyapp.ui.main_window import MainWindow

if TYPE_CHECKING:
    from studyapp.ui.browser.browser_view import BrowserView
    from studyapp.ui.export_dialog import ExportDialog
    from studyapp.ui.review.custom_study_dialog import CustomStudyDialog
    from studyapp.ui.review.review_view import ReviewView
    from studyapp.ui.stats.stats_view import StatsView


@dataclass
class StudyViews:
    window: MainWindow
    _review: ReviewView | None = None
    browser: BrowserView | None = None
    stats: StatsView | None = None
    export_dialog: ExportDialog | None = None
    custom_study_dialog: CustomStudyDialog | None = None

    @property
    def review(self) -> ReviewView:
        """The review view, built the first time it is needed."""
        if self._review is None:
            from studyapp.ui.review.review_view import ReviewView

            self._review = ReviewView(self.window.services)
            self._review.finished.connect(self.back_to_decks)
            self.window.pages.addWidget(self._review)
        return self._review

    def back_to_decks(self) -> None:
        self.window.show_deck_list()

    def open_review(self, deck_id: DeckId | None) -> None:
        if deck_id is None:
            return
        review = self.review
        self._show(review)
        review.start(deck_id)

    def built_browser(self) -> BrowserView:
        """The browser view, built the first time it is needed (to browse, or to list its keys)."""
        if self.browser is None:
            from studyapp.ui.browser.browser_view import BrowserView

            self.browser = BrowserView(self.window.services)
            self.browser.finished.connect(self.back_to_decks)
            self.window.pages.addWidget(self.browser)
        return self.browser

    def open_browser(self, deck_id: DeckId | None) -> None:
        browser = self.built_browser()
        from studyapp.domain.search import DeckTerm
        from studyapp.services.search_query import to_text

        name = self.window.current_deck_name() if deck_id is not None else ""
        browser.search(to_text(DeckTerm(name)) if name else "")
        self._show(browser)

    def open_stats(self, deck_id: DeckId | None) -> None:
        if self.stats is None:
            from studyapp.ui.stats.stats_view import StatsView  # pyqtgraph is loaded only here

            self.stats = StatsView(self.window.services)
            self.stats.finished.connect(self.back_to_decks)
            self.window.pages.addWidget(self.stats)
        self._show(self.stats)

    def open_custom_study(self, deck_id: DeckId | None) -> None:
        """Anki's Custom Study on the selected deck; accepted, it raises today's limit or starts the session."""
        name = self.window.current_deck_name()
        if deck_id is None or not name:
            return
        from studyapp.ui.review.custom_study_dialog import CustomStudyDialog

        dialog = CustomStudyDialog(name, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_custom_study_dialog_accepted(dialog, deck_id, name))
        dialog.destroyed.connect(self._on_custom_study_dialog_destroyed)
        self.custom_study_dialog = dialog
        dialog.open()

    def _on_custom_study_dialog_accepted(self, dialog: CustomStudyDialog, deck_id: DeckId, name: str) -> None:
        choice = dialog.choice()
        try:
            if isinstance(choice, int):
                total = self.window.services.reviews.extend_new_today(deck_id, choice)
                self.window.refresh_decks()
                self.window.show_notice(describe_more_new(name, total))
                return
            review = self.review
            self._show(review)
            review.start(deck_id, choice)
        except StudyAppError as error:
            show_error(self.window, error)

    def open_export(self, deck_id: DeckId | None) -> None:
        from studyapp.ui.export_dialog import ExportDialog

        window = self.window
        dialog = ExportDialog(
            window.services.exports,
            window.runner,
            deck_names=window.deck_model.deck_names(),
            current_deck=window.current_deck_name() if deck_id is not None else "",
            parent=window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self._on_export_dialog_exported)
        dialog.destroyed.connect(self._on_export_dialog_destroyed)
        self.export_dialog = dialog
        dialog.open()

    def _show(self, view: QWidget) -> None:
        self.window.pages.setCurrentWidget(view)
        view.setFocus()

    def _on_export_dialog_exported(self, summary: ExportSummary) -> None:
        self.window.show_notice(summary.describe())

    def _on_custom_study_dialog_destroyed(self) -> None:
        self.custom_study_dialog = None

    def _on_export_dialog_destroyed(self) -> None:
        self.export_dialog = None


def install_study_views(window: MainWindow) -> StudyViews:
    """Register Study (Enter / double-click / S), Custom study (C), Browse (B), Statistics (Shift+S), Export
    (Ctrl+E)."""
    views = StudyViews(window)
    window.register_view(ViewHook.REVIEW, views.open_review)
    window.register_view(ViewHook.BROWSE, views.open_browser)
    window.register_view(ViewHook.STATISTICS, views.open_stats)
    window.register_view(ViewHook.EXPORT, views.open_export)
    window.register_view(ViewHook.CUSTOM_STUDY, views.open_custom_study)
    window.register_shortcuts("Review", lambda: views.review)
    window.register_shortcuts("Browser", views.built_browser)
    return views
