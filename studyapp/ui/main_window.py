"""The main window: the deck list, and doors to importing, decks, backups and the other views.

The window composes its parts: ``actions`` (menus and toolbar), ``import_flow``,
``deck_actions`` and ``backup_actions``; it keeps the deck list and the
notice bar up to date with what they report.  Views that other parts of the
app provide (review, browser, statistics, export) are plugged in by the
composition root with ``register_view``; until then their actions are hidden,
never dead buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import DeckId
from studyapp.services.rows import DeckRow, ImportSummary
from studyapp.ui.backup_actions import BackupActions
from studyapp.ui.deck_actions import DeckActions
from studyapp.ui.deck_tree_model import DEFAULT_DECK, DeckTreeModel
from studyapp.ui.deck_tree_view import DeckTreeView
from studyapp.ui.empty_state_widget import EmptyStateWidget
from studyapp.ui.import_flow import ImportFlow, dropped_file
from studyapp.ui.main_actions import MainActions, ViewHook, build_menus, build_toolbar
from studyapp.ui.preferences import Preferences
from studyapp.ui.resources import icon
from studyapp.ui.shortcut_sheet import ShortcutSection, ShortcutSheetDialog, shortcut_rows
from studyapp.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services pull in SQLAlchemy: loaded only once the window has painted (see ui.app)
    from studyapp.services.app import Services
    from studyapp.services.backups import BackupRow, RestoreOutcome, UndeleteOutcome
    from studyapp.ui.card_editor import CardEditorDialog
    from studyapp.ui.settings_dialog import AppearanceChanged, SettingsDialog

OPENING_TEXT = "Opening collection…"

ViewOpener = Callable[[DeckId | None], None]
"""Opens a view for the selected deck (None when no deck is selected)."""


class MainWindow(QMainWindow):
    study_requested = Signal(int)  # DeckId: Enter/double-click on a deck, or Study
    collection_changed = Signal()  # cards or decks were added, renamed or deleted here
    collection_opened = Signal()  # services attached, deck list filled

    def __init__(
        self,
        services: Services | None,
        preferences: Preferences,
        *,
        seed_article: Path | None,
        on_appearance_changed: AppearanceChanged,
        collection_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """With ``services`` None the window shows "Opening collection…" until ``attach_services``.

        That lets the app paint its real window before SQLAlchemy is even imported.
        """
        super().__init__(parent)
        self._services: Services | None = None
        self._prefs = preferences
        self._on_appearance_changed = on_appearance_changed
        self._openers: dict[ViewHook, ViewOpener] = {}
        self._shortcut_owners: list[tuple[str, Callable[[], QWidget]]] = []
        self.runner = TaskRunner(self)
        self.setWindowTitle("StudyApp")
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.resize(900, 600)

        self.deck_model = DeckTreeModel(parent=self)
        self.deck_view = DeckTreeView()
        self.deck_view.set_deck_model(self.deck_model)
        self.empty_state = EmptyStateWidget(has_sample=seed_article is not None)
        self.notice_label = QLabel()
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        path = services.path if services is not None else collection_path
        self.path_label = QLabel(display_path(path) if path is not None else "")
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label.setToolTip("The collection file this window uses")
        self.today_label = QLabel()
        self.today_label.setTextFormat(Qt.TextFormat.PlainText)
        self.today_label.setToolTip("Answers given today in every deck; buried cards come back tomorrow")

        self.main_actions = MainActions(self)
        build_menus(self.menuBar(), self.main_actions)
        self.toolbar = build_toolbar(self.main_actions)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self._build_central()
        self.statusBar().addWidget(self.today_label, 1)
        self.statusBar().addPermanentWidget(self.path_label)
        self.import_flow = ImportFlow(
            self,
            self.runner,
            preferences,
            import_action=self.main_actions.import_article,
            services=lambda: self.services,
            deck_names=self.deck_model.deck_names,
            seed_article=seed_article,
        )
        self.deck_actions = DeckActions(self, self.runner, self.deck_view, services=lambda: self.services)
        self.backup_actions = BackupActions(self, self.runner, services=lambda: self.services)
        self._connect()
        self._restore_geometry()
        if services is not None:
            self.attach_services(services)
        else:
            self.pages.setCurrentWidget(self.opening_page)
            self.main_actions.set_collection_enabled(False)

    def attach_services(self, services: Services) -> None:
        """The collection is open: fill the deck list, enable what needs it, start the backup timer."""
        self._services = services
        self.path_label.setText(display_path(services.path))
        self.main_actions.set_collection_enabled(True)
        for hook in self._openers:
            self.main_actions.for_view[hook].setEnabled(True)
        self.refresh_decks()
        self._select_last_deck()
        self.backup_actions.timer.start()
        self.collection_opened.emit()

    @property
    def is_open(self) -> bool:
        return self._services is not None

    # hooks for other views
    def register_view(self, hook: ViewHook, opener: ViewOpener) -> None:
        """Show the action for ``hook``; triggering it calls ``opener(selected deck id)``."""
        self._openers[hook] = opener
        self.main_actions.for_view[hook].setVisible(True)
        self.main_actions.for_view[hook].setEnabled(self.is_open)
        if hook is ViewHook.REVIEW:
            self.study_requested.connect(self._on_self_study_requested)
        self._update_deck_actions()

    def open_view(self, hook: ViewHook) -> None:
        opener = self._openers.get(hook)
        if opener is None:
            return
        opener(self.current_deck_id())

    def is_registered(self, hook: ViewHook) -> bool:
        return hook in self._openers

    def register_shortcuts(self, title: str, owner: Callable[[], QWidget]) -> None:
        """A view whose own actions (``owner().actions()``) the shortcut sheet lists under ``title``."""
        self._shortcut_owners.append((title, owner))

    def shortcut_sections(self) -> list[ShortcutSection]:
        """The sheet's contents: this window's actions, then each registered view's, read from the actions."""
        actions = self.main_actions
        sections = [ShortcutSection("Main window", tuple(shortcut_rows(self, actions.all(), actions.keys_of)))]
        for title, owner in self._shortcut_owners if self.is_open else ():  # views are built on an open collection
            sections.append(ShortcutSection(title, tuple(shortcut_rows(owner()))))
        return [section for section in sections if section.rows]

    def open_shortcut_sheet(self) -> ShortcutSheetDialog:
        dialog = ShortcutSheetDialog(self.shortcut_sections(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # public
    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("the collection is not open yet")
        return self._services

    def current_deck_id(self) -> DeckId | None:
        return self.deck_view.current_deck_id()

    def current_deck_name(self) -> str:
        return self.deck_view.current_deck_name()

    def select_deck(self, deck_id: DeckId) -> None:
        index = self.deck_model.index_of(deck_id)
        if index.isValid():
            self.deck_view.setCurrentIndex(index)
            self.deck_view.scrollTo(index)

    def deck_rows(self) -> list[DeckRow]:
        """The decks as shown: an empty Default deck is hidden once other decks exist, as in Anki."""
        rows = self.services.decks.list()
        if len(rows) > 1:
            rows = [r for r in rows if not (r.name == DEFAULT_DECK and r.total == 0)]
        return rows

    def refresh_decks(self) -> None:
        """Reload the deck list keeping the selection and open branches; call after any change.

        A view in front (a review, the browser, statistics) stays in front: adding a card
        or changing settings from there must not drop the user back on the deck list.
        """
        selected = self.current_deck_id()
        expanded = self._expanded_ids()
        rows = self.deck_rows()
        self.deck_model.set_rows(rows)
        for deck_id in expanded:
            self.deck_view.setExpanded(self.deck_model.index_of(deck_id), True)
        if not expanded:
            self.deck_view.expandAll()
        if selected is not None and self.deck_model.index_of(selected).isValid():
            self.select_deck(selected)
        elif self.deck_model.rowCount() > 0:
            self.deck_view.setCurrentIndex(self.deck_model.index(0, 0))
        if self.pages.currentWidget() in (self.opening_page, self.empty_state, self.deck_page):
            empty = sum(r.total for r in rows) == 0 and all(r.name == DEFAULT_DECK for r in rows)
            self.pages.setCurrentWidget(self.empty_state if empty else self.deck_page)
        self._update_deck_actions()
        QTimer.singleShot(0, self._update_today)  # after the deck list has painted: off the start-up path

    def _update_today(self) -> None:
        if self._services is None:
            return
        try:
            self.today_label.setText(self._services.stats.today().describe())
        except StudyAppError:
            self.today_label.clear()  # a status line never interrupts; the deck list shows the real error

    def show_deck_list(self) -> None:
        """Leave the view in front for the deck list (or the empty state), with fresh counts."""
        self.pages.setCurrentWidget(self.deck_page)
        self.refresh_decks()
        self.deck_view.setFocus()

    def show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_frame.setVisible(bool(text))
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        if layout is not None:
            layout.activate()  # no stale band where a dismissed notice was, even before the next event loop turn

    def add_card(self) -> CardEditorDialog:
        from studyapp.ui.card_editor import CardEditorDialog

        rows = self.deck_model.deck_names()
        dialog = CardEditorDialog(
            self.services.cards,
            deck_names=rows,
            default_deck=self.current_deck_name() or self._prefs.last_deck or DEFAULT_DECK,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.card_added.connect(self._on_card_editor_card_added)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        from studyapp.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.services.decks,
            self._prefs,
            deck_rows=self.services.decks.list(),
            current_deck=self.current_deck_id(),
            collection_path=self.services.path,
            on_appearance_changed=self._on_appearance_changed,
            optimizer=self.services.optimizer,
            runner=self.runner,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh_decks)
        dialog.open()
        return dialog

    # Qt overrides
    def closeEvent(self, event: QCloseEvent) -> None:
        self._prefs.set_window_geometry(self.saveGeometry())
        self._prefs.set_window_state(self.saveState())
        name = self.current_deck_name()
        if name:
            self._prefs.last_deck = name
        self._prefs.sync()
        self.runner.shutdown()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.is_open and dropped_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData().urls())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_flow.import_file(path)

    # building
    def _build_central(self) -> None:
        self.notice_frame = QFrame()
        self.notice_frame.setObjectName("noticeBar")
        close_button = QToolButton()
        close_button.setText("✕")
        close_button.setAutoRaise(True)
        close_button.setToolTip("Dismiss")
        close_button.clicked.connect(self._on_notice_close_clicked)
        notice_layout = QHBoxLayout(self.notice_frame)
        notice_layout.setContentsMargins(10, 4, 4, 4)
        notice_layout.addWidget(self.notice_label, 1)
        notice_layout.addWidget(close_button)
        self.notice_frame.setVisible(False)

        self.deck_page = QWidget()
        deck_layout = QVBoxLayout(self.deck_page)
        deck_layout.setContentsMargins(0, 0, 0, 0)
        deck_layout.addWidget(self.deck_view, 1)
        hint = QLabel(
            "Enter studies the selected deck · A adds a card · Ctrl+I imports an article · "
            "drop a file here to import it"
        )
        hint.setObjectName("hintLabel")
        self.deck_hint_label = hint
        deck_layout.addWidget(hint)

        self.opening_page = QLabel(OPENING_TEXT)
        self.opening_page.setObjectName("emptyBody")
        self.opening_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.opening_page)
        self.pages.addWidget(self.empty_state)
        self.pages.addWidget(self.deck_page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addWidget(self.notice_frame)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        actions, imports = self.main_actions, self.import_flow
        actions.import_article.triggered.connect(imports.choose_file)
        actions.paste.triggered.connect(imports.paste_text)
        actions.add_card.triggered.connect(self.add_card)
        actions.settings.triggered.connect(self.open_settings)
        actions.quit.triggered.connect(self.close)
        actions.new_deck.triggered.connect(self.deck_actions.new_deck)
        actions.rename_deck.triggered.connect(self.deck_actions.rename_deck)
        actions.delete_deck.triggered.connect(self.deck_actions.delete_deck)
        actions.about.triggered.connect(self._on_about_action_triggered)
        actions.shortcut_sheet.triggered.connect(self.open_shortcut_sheet)
        actions.review.triggered.connect(self._on_review_action_triggered)
        actions.browse.triggered.connect(lambda: self.open_view(ViewHook.BROWSE))
        actions.statistics.triggered.connect(lambda: self.open_view(ViewHook.STATISTICS))
        actions.custom_study.triggered.connect(lambda: self.open_view(ViewHook.CUSTOM_STUDY))
        actions.export.triggered.connect(lambda: self.open_view(ViewHook.EXPORT))
        actions.backup_now.triggered.connect(self.backup_actions.back_up_now)
        actions.backups.triggered.connect(self.backup_actions.open_backups)
        actions.restore_deleted.triggered.connect(self.backup_actions.open_restore_deleted)
        imports.preview_cards_added.connect(self._on_import_flow_preview_cards_added)
        imports.card_file_imported.connect(self._on_import_flow_card_file_imported)
        self.deck_actions.deck_named.connect(self._on_deck_actions_deck_named)
        self.deck_actions.deck_deleted.connect(self._on_deck_actions_deck_deleted)
        self.backup_actions.backed_up.connect(self._on_backup_actions_backed_up)
        self.backup_actions.restored.connect(self._on_backup_actions_restored)
        self.deck_view.deck_activated.connect(self._on_deck_view_deck_activated)
        self.deck_view.selectionModel().currentChanged.connect(self._on_deck_view_current_changed)
        self.pages.currentChanged.connect(self._on_pages_current_changed)  # views in the stack
        self.empty_state.sample_requested.connect(imports.import_sample)
        self.empty_state.import_requested.connect(imports.choose_file)
        self.empty_state.paste_requested.connect(imports.paste_text)
        self.empty_state.add_card_requested.connect(self.add_card)

    def _restore_geometry(self) -> None:
        geometry = self._prefs.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self._prefs.window_state()
        if state is not None:
            self.restoreState(state)

    def _select_last_deck(self) -> None:
        last = self._prefs.last_deck
        for row in self.deck_model.all_rows():
            if row.name == last:
                self.select_deck(row.id)
                return

    def _expanded_ids(self) -> list[DeckId]:
        return [
            row.id for row in self.deck_model.all_rows() if self.deck_view.isExpanded(self.deck_model.index_of(row.id))
        ]

    def _update_deck_actions(self) -> None:
        self.main_actions.set_deck_list_keys_enabled(self.pages.currentWidget() in (self.deck_page, self.empty_state))
        has_deck = self.current_deck_id() is not None and self.pages.currentWidget() is self.deck_page
        for act in (self.main_actions.rename_deck, self.main_actions.delete_deck):
            act.setEnabled(has_deck)
        for hook in (ViewHook.REVIEW, ViewHook.CUSTOM_STUDY):
            if self.is_registered(hook):
                self.main_actions.for_view[hook].setEnabled(has_deck)

    def _changed(self, notice: str) -> None:
        """Something here changed the collection: refresh the deck list, say what, tell the other views."""
        self.refresh_decks()
        self.show_notice(notice)
        self.collection_changed.emit()

    # slots
    def _on_pages_current_changed(self, _index: int) -> None:
        self._update_deck_actions()
        if self.pages.currentWidget() not in (self.deck_page, self.empty_state):
            self.show_notice("")  # a notice is about the deck list: studying, browsing or statistics hide it

    def _on_deck_actions_deck_named(self, deck_id: int) -> None:
        self.refresh_decks()
        self.select_deck(DeckId(deck_id))
        self.collection_changed.emit()

    def _on_deck_actions_deck_deleted(self, name: str, with_cards: bool) -> None:
        more = " File → Restore deleted cards… brings its cards back." if with_cards else ""
        self._changed(f"Deleted the deck “{name}”.{more}")

    def _on_card_editor_card_added(self, _card_id: int) -> None:
        self.refresh_decks()
        self.collection_changed.emit()

    def _on_import_flow_preview_cards_added(self, summary: ImportSummary) -> None:
        self._prefs.last_deck = summary.deck
        self.refresh_decks()
        for row in self.deck_model.all_rows():
            if row.name == summary.deck:
                self.select_deck(row.id)
        self.show_notice(summary.describe())
        self.collection_changed.emit()

    def _on_import_flow_card_file_imported(self, summary: ImportSummary) -> None:
        self.refresh_decks()
        self.show_notice(summary.describe())

    def _on_deck_view_deck_activated(self, deck_id: int) -> None:
        self.study_requested.emit(deck_id)

    def _on_deck_view_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_deck_actions()

    def _on_review_action_triggered(self) -> None:
        deck_id = self.current_deck_id()
        if deck_id is not None:
            self.study_requested.emit(int(deck_id))

    def _on_self_study_requested(self, deck_id: int) -> None:
        opener = self._openers.get(ViewHook.REVIEW)
        if opener is not None:
            opener(DeckId(deck_id))

    def _on_backup_actions_backed_up(self, row: BackupRow) -> None:
        self.show_notice(f"Backed up the collection to {row.path}.")

    def _on_backup_actions_restored(self, outcome: RestoreOutcome | UndeleteOutcome) -> None:
        self._changed(outcome.describe())

    def _on_notice_close_clicked(self) -> None:
        self.show_notice("")

    def _on_about_action_triggered(self) -> None:
        QMessageBox.about(
            self,
            "About StudyApp",
            "StudyApp turns what you read into flashcards you remember.\n\n"
            "Cards are made on your computer, scheduled with FSRS, and can be exported to Anki.",
        )


def display_path(path: Path) -> str:
    """``/home/ana/StudyApp/x.studyapp`` → ``~/StudyApp/x.studyapp``: shorter, and no user name on screenshots."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
