"""The main window: the deck list, importing, and doors to the other views.

Views that other parts of the app provide (review, browser, statistics,
export) are plugged in by the composition root with ``register_view``; until
then their actions are hidden, never dead buttons.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.domain.errors import StudyAppError, UserInputError
from studyapp.domain.ids import DeckId
from studyapp.domain.progress import CancelToken, Progress
from studyapp.services.rows import DeckRow, ImportSummary
from studyapp.ui.deck_tree_model import CARD_TOTAL_ROLE, DECK_ID_ROLE, DECK_NAME_ROLE, DeckTreeModel
from studyapp.ui.deck_tree_view import DeckTreeView
from studyapp.ui.empty_state_widget import EmptyStateWidget
from studyapp.ui.errors import show_error
from studyapp.ui.preferences import Preferences
from studyapp.ui.resources import icon
from studyapp.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services pull in SQLAlchemy: loaded only once the window has painted (see ui.app)
    from studyapp.services.app import Services
    from studyapp.services.backups import BackupRow, RestoreOutcome, UndeleteOutcome
    from studyapp.ui.card_editor import CardEditorDialog
    from studyapp.ui.import_preview.import_dialog import ImportDialog
    from studyapp.ui.import_preview.paste_text_dialog import PasteTextDialog
    from studyapp.ui.settings_dialog import AppearanceChanged, SettingsDialog

log = logging.getLogger(__name__)

DEFAULT_DECK = "Default"
BACKUP_CHECK_MS = 5 * 60 * 1000
"""How often the window asks for an automatic backup; the policy's interval decides whether one is taken."""
BULK_DELETE_BACKUP = 50
"""Deleting more cards than this at once takes a backup first."""
OPENING_TEXT = "Opening collection…"


def article_suffixes() -> frozenset[str]:
    """Files whose cards are generated and previewed (from the import service, loaded on first use)."""
    from studyapp.services.importing import ARTICLE_SUFFIXES

    return ARTICLE_SUFFIXES


def card_file_suffixes() -> frozenset[str]:
    """Files that already hold cards (Anki packages, CSV/TSV): imported directly, no preview."""
    from studyapp.services.importing import PACKAGE_SUFFIXES, TABLE_SUFFIXES

    return PACKAGE_SUFFIXES | TABLE_SUFFIXES


def import_filter() -> str:
    def patterns(suffixes: frozenset[str]) -> str:
        return " ".join(f"*{s}" for s in sorted(suffixes))

    everything = article_suffixes() | card_file_suffixes()
    return (
        f"Everything StudyApp imports ({patterns(everything)});;Articles ({patterns(article_suffixes())});;"
        f"Anki packages and CSV/TSV ({patterns(card_file_suffixes())});;All files (*)"
    )


ViewOpener = Callable[[DeckId | None], None]
"""Opens a view for the selected deck (None when no deck is selected)."""

Generated = tuple[Article, list[CardDraft]]


class ViewHook(enum.Enum):
    """Views provided by other parts of the app, plugged in by the composition root."""

    REVIEW = "review"
    BROWSE = "browse"
    STATISTICS = "statistics"
    EXPORT = "export"


class MainWindow(QMainWindow):
    study_requested = Signal(int)  # DeckId: Enter/double-click on a deck, or Study
    collection_changed = Signal()  # cards or decks were added, renamed or deleted here
    import_dialog_opened = Signal(object)  # ImportDialog
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
        self._seed_article = seed_article
        self._on_appearance_changed = on_appearance_changed
        self._openers: dict[ViewHook, ViewOpener] = {}
        self.runner = TaskRunner(self)
        self.import_dialog: ImportDialog | None = None
        self._auto_backup_running = False
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

        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_central()
        self.statusBar().addPermanentWidget(self.path_label)
        self._connect()
        self._restore_geometry()
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self._on_backup_timer_timeout)
        if services is not None:
            self.attach_services(services)
        else:
            self.pages.setCurrentWidget(self.opening_page)
            for act in self._collection_actions:
                act.setEnabled(False)

    def attach_services(self, services: Services) -> None:
        """The collection is open: fill the deck list, enable what needs it, start the backup timer."""
        self._services = services
        self.path_label.setText(display_path(services.path))
        for act in self._collection_actions:
            act.setEnabled(True)
        for hook in self._openers:
            self._hook_actions[hook].setEnabled(True)
        self.refresh_decks()
        self._select_last_deck()
        self.backup_timer.start()
        self.collection_opened.emit()

    @property
    def is_open(self) -> bool:
        return self._services is not None

    # hooks for other views
    def register_view(self, hook: ViewHook, opener: ViewOpener) -> None:
        """Show the action for ``hook``; triggering it calls ``opener(selected deck id)``."""
        self._openers[hook] = opener
        self._hook_actions[hook].setVisible(True)
        self._hook_actions[hook].setEnabled(self.is_open)
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

    # public
    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("the collection is not open yet")
        return self._services

    def current_deck_id(self) -> DeckId | None:
        index = self.deck_view.currentIndex()
        value = index.siblingAtColumn(0).data(DECK_ID_ROLE) if index.isValid() else None
        return DeckId(int(value)) if value is not None else None

    def current_deck_name(self) -> str:
        index = self.deck_view.currentIndex()
        value = index.siblingAtColumn(0).data(DECK_NAME_ROLE) if index.isValid() else None
        return str(value) if value is not None else ""

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
        """Reload the deck list keeping the selection and open branches; call after any change."""
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
        empty = sum(r.total for r in rows) == 0 and all(r.name == DEFAULT_DECK for r in rows)
        self.pages.setCurrentWidget(self.empty_state if empty else self.deck_page)
        self._update_deck_actions()

    def show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_frame.setVisible(bool(text))
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        if layout is not None:
            layout.activate()  # no stale band where a dismissed notice was, even before the next event loop turn

    def import_file(self, path: Path) -> None:
        """Articles: propose cards in the background, then open the preview; card files: import them."""
        suffix = path.suffix.lower()
        if suffix in card_file_suffixes():
            self._import_card_file(path)
            return
        if suffix not in article_suffixes():
            show_error(
                self,
                UserInputError(
                    f"{path.name}: files of type '{suffix or 'without extension'}' cannot be imported; "
                    "use .txt, .md, .html, .pdf, .apkg, .colpkg, .csv or .tsv."
                ),
            )
            return
        imports = self.services.imports

        def work(progress: Progress, cancel: CancelToken) -> Generated:
            progress(0, 0, f"Reading {path.name}…")
            article = imports.read(path)
            cancel.raise_if_cancelled()
            progress(0, 0, "Finding facts and writing cards…")
            return article, imports.propose(article, progress=progress, cancel=cancel)

        self._generate(work, f"Reading {path.name}…")

    def _import_card_file(self, path: Path) -> None:
        """An Anki package or CSV/TSV: imported as it is, all or nothing, with a backup first for packages."""
        imports = self.services.imports

        def work(progress: Progress, cancel: CancelToken) -> ImportSummary:
            progress(0, 0, f"Importing {path.name}…")
            return imports.import_file(path)

        self.runner.run(
            work,
            on_done=self._on_card_file_imported,
            on_error=self._on_task_failed,
            progress_parent=self,
            label=f"Importing {path.name}…",
            title="Importing",
        )

    def _on_card_file_imported(self, summary: ImportSummary) -> None:
        self.refresh_decks()
        self.show_notice(summary.describe())

    def import_text(self, text: str) -> None:
        imports = self.services.imports

        def work(progress: Progress, cancel: CancelToken) -> Generated:
            article = imports.read_text(text)
            progress(0, 0, "Finding facts and writing cards…")
            return article, imports.propose(article, progress=progress, cancel=cancel)

        self._generate(work, "Finding facts and writing cards…")

    def import_sample(self) -> None:
        if self._seed_article is not None:
            self.import_file(self._seed_article)

    def choose_article(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Import", "", import_filter())
        if name:
            self.import_file(Path(name))

    def paste_text(self) -> PasteTextDialog:
        from studyapp.ui.import_preview.paste_text_dialog import PasteTextDialog

        dialog = PasteTextDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.import_text(dialog.text()))
        dialog.open()
        return dialog

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
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh_decks)
        dialog.open()
        return dialog

    def new_deck(self) -> QInputDialog:
        return self._ask_deck_name(
            "New deck", "Name of the new deck (use :: for a subdeck, e.g. History::Asia):", "", self._on_new_deck_named
        )

    def rename_deck(self) -> QInputDialog | None:
        name = self.current_deck_name()
        if not name:
            return None
        return self._ask_deck_name("Rename deck", "New name:", name, self._on_rename_deck_named)

    def delete_deck(self) -> QMessageBox | None:
        index = self.deck_view.currentIndex()
        deck_id, name = self.current_deck_id(), self.current_deck_name()
        if deck_id is None:
            return None
        total = int(index.siblingAtColumn(0).data(CARD_TOTAL_ROLE) or 0)
        cards = f"its {total} card{'s' if total != 1 else ''}" if total else "no cards"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Delete deck",
            f"Delete the deck “{name}” with {cards}? Its subdecks are deleted too.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            "A backup is taken first; File → Restore deleted cards… brings the cards back as new cards."
            if total
            else "The deck is empty."
        )
        delete_button = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def on_finished(_result: int) -> None:
            if box.clickedButton() is delete_button:
                self._delete_deck(deck_id, name, total)

        box.finished.connect(on_finished)
        box.open()
        return box

    # backups
    def back_up_now(self) -> None:
        """A backup the user asked for, in the background; the notice says where it went."""
        backups = self.services.backups

        def work(progress: Progress, _cancel: CancelToken) -> BackupRow:
            progress(0, 0, "Backing up the collection…")
            return backups.backup_now()

        self.runner.run(
            work, on_done=self._on_backup_done, on_error=self._on_task_failed, progress_parent=self, title="Backing up"
        )

    def open_backups(self) -> QWidget:
        from studyapp.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.services.backups, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._on_backups_dialog_restored)
        dialog.open()
        return dialog

    def open_restore_deleted(self) -> QWidget:
        from studyapp.ui.backups_dialog import RestoreDeletedDialog

        dialog = RestoreDeletedDialog(self.services.backups, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._on_restore_deleted_dialog_restored)
        dialog.open()
        return dialog

    def check_backup(self) -> None:
        """The timer's job: a periodic backup in the background if the policy says one is due."""
        if self._auto_backup_running or self._services is None or self._services.context.store.readonly:
            return
        self._auto_backup_running = True
        backups = self.services.backups
        self.runner.run(
            lambda _progress, _cancel: backups.maybe_backup(),
            on_done=self._on_auto_backup_done,
            on_error=self._on_auto_backup_failed,
        )

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
        if self.is_open and _dropped_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event.mimeData().urls())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_file(path)

    # building
    def _build_actions(self) -> None:
        def action(text: str, name: str, shortcuts: list[str], tip: str = "") -> QAction:
            act = QAction(icon(name), text, self)
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
            act.setToolTip(f"{tip or text.rstrip('…')} ({' / '.join(shortcuts)})" if shortcuts else tip or text)
            act.setObjectName(f"{name}Action")
            return act

        self.import_action = action("&Import article…", "import", ["Ctrl+I"], "Import an article")
        self.import_action.setIconText("Import")
        self.paste_action = action("&Paste text…", "paste", ["Ctrl+Shift+V"], "Make cards from pasted text")
        self.paste_action.setIconText("Paste text")
        self.add_action = action("&Add card…", "add", ["A", "Ctrl+N"], "Write a card by hand")
        self.add_action.setIconText("Add card")
        self.settings_action = action("&Settings…", "settings", ["Ctrl+,"])
        self.settings_action.setIconText("Settings")
        self.quit_action = action("&Quit", "quit", ["Ctrl+Q"])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.new_deck_action = action("&New deck…", "deck", ["Ctrl+Shift+N"])
        self.rename_deck_action = action("&Rename deck…", "rename", ["F2"])
        self.delete_deck_action = action("&Delete deck…", "delete", ["Delete"])
        self.about_action = action("&About StudyApp", "about", [])
        self.review_action = action("&Study deck", "review", ["S"], "Study the selected deck")
        self.review_action.setIconText("Study")
        self.browse_action = action("&Browse cards", "browse", ["B"], "Find and edit cards")
        self.browse_action.setIconText("Browse")
        self.statistics_action = action("S&tatistics", "statistics", ["Shift+S"], "Statistics")
        self.statistics_action.setIconText("Statistics")
        self.export_action = action("&Export…", "export", ["Ctrl+E"], "Export to Anki")
        self.export_action.setIconText("Export")
        self.backup_now_action = action("Back &up now", "backup", [], "Back up the collection now")
        self.backups_action = action("&Backups…", "backups", [], "See backups and restore one")
        self.restore_deleted_action = action("Restore &deleted cards…", "undelete", [], "Bring deleted cards back")
        self._hook_actions = {
            ViewHook.REVIEW: self.review_action,
            ViewHook.BROWSE: self.browse_action,
            ViewHook.STATISTICS: self.statistics_action,
            ViewHook.EXPORT: self.export_action,
        }
        for hooked in self._hook_actions.values():
            hooked.setVisible(False)
            hooked.setEnabled(False)
        self._collection_actions = (  # off while the collection is opening; quit and about always work
            self.import_action,
            self.paste_action,
            self.add_action,
            self.settings_action,
            self.new_deck_action,
            self.backup_now_action,
            self.backups_action,
            self.restore_deleted_action,
        )
        # Single keys belong to the deck list: in the review or browser they mean something else (or are typed).
        self._deck_list_keys = {
            act: [k for k in act.shortcuts() if _is_single_key(k)]
            for act in (self.add_action, self.browse_action, self.review_action, self.statistics_action)
        }

    def _build_menus_and_toolbar(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&File")
        file_menu.addActions([self.import_action, self.paste_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addActions([self.backup_now_action, self.backups_action, self.restore_deleted_action])
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        deck_menu = menu_bar.addMenu("&Decks")
        deck_menu.addAction(self.review_action)
        deck_menu.addSeparator()
        deck_menu.addActions([self.new_deck_action, self.rename_deck_action, self.delete_deck_action])
        card_menu = menu_bar.addMenu("&Cards")
        card_menu.addActions([self.add_action, self.browse_action])
        tools_menu = menu_bar.addMenu("&Tools")
        tools_menu.addActions([self.statistics_action, self.settings_action])
        help_menu = menu_bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions([self.review_action, self.import_action, self.paste_action, self.add_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.browse_action, self.statistics_action, self.export_action])
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy())
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.settings_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

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
        self.import_action.triggered.connect(self.choose_article)
        self.paste_action.triggered.connect(self.paste_text)
        self.add_action.triggered.connect(self.add_card)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action.triggered.connect(self.close)
        self.new_deck_action.triggered.connect(self.new_deck)
        self.rename_deck_action.triggered.connect(self.rename_deck)
        self.delete_deck_action.triggered.connect(self.delete_deck)
        self.about_action.triggered.connect(self._on_about_action_triggered)
        self.review_action.triggered.connect(self._on_review_action_triggered)
        self.browse_action.triggered.connect(lambda: self.open_view(ViewHook.BROWSE))
        self.statistics_action.triggered.connect(lambda: self.open_view(ViewHook.STATISTICS))
        self.export_action.triggered.connect(lambda: self.open_view(ViewHook.EXPORT))
        self.backup_now_action.triggered.connect(self.back_up_now)
        self.backups_action.triggered.connect(self.open_backups)
        self.restore_deleted_action.triggered.connect(self.open_restore_deleted)
        self.deck_view.deck_activated.connect(self._on_deck_view_deck_activated)
        self.deck_view.selectionModel().currentChanged.connect(self._on_deck_view_current_changed)
        self.pages.currentChanged.connect(lambda _index: self._update_deck_actions())  # views in the stack
        self.empty_state.sample_requested.connect(self.import_sample)
        self.empty_state.import_requested.connect(self.choose_article)
        self.empty_state.paste_requested.connect(self.paste_text)
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
        for row in self.deck_model_rows():
            if row.name == last:
                self.select_deck(row.id)
                return

    def deck_model_rows(self) -> list[DeckRow]:
        rows: list[DeckRow] = []
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for r in range(self.deck_model.rowCount(parent)):
                index = self.deck_model.index(r, 0, parent)
                row = self.deck_model.row_at(index)
                if row is not None:
                    rows.append(row)
                stack.append(index)
        return rows

    # work
    def _generate(self, work: Callable[[Progress, CancelToken], Generated], label: str) -> None:
        self.import_action.setEnabled(False)
        self.runner.run(
            work,
            on_done=self._on_generation_done,
            on_error=self._on_generation_failed,
            on_cancelled=self._on_generation_cancelled,
            progress_parent=self,
            label=label,
            title="Making cards",
        )

    def _on_generation_done(self, result: Generated) -> None:
        self.import_action.setEnabled(True)
        article, drafts = result
        if not drafts:
            show_error(self, UserInputError(f"No cards could be made from “{article.title}”; try a longer article."))
            return
        from studyapp.ui.import_preview.import_dialog import ImportDialog

        dialog = ImportDialog(
            self.services.imports,
            self.runner,
            article,
            drafts,
            deck_names=self.deck_model.deck_names(),
            default_deck=deck_name_for(article.title) or self._prefs.last_deck or DEFAULT_DECK,
            parent=self,
        )
        dialog.cards_added.connect(self._on_import_dialog_cards_added)
        dialog.finished.connect(self._on_import_dialog_finished)
        self.import_dialog = dialog
        dialog.open()
        self.import_dialog_opened.emit(dialog)

    def _on_generation_failed(self, error: BaseException) -> None:
        self.import_action.setEnabled(True)
        show_error(self, error)

    def _on_generation_cancelled(self) -> None:
        self.import_action.setEnabled(True)
        self.statusBar().showMessage("Import cancelled; nothing was changed.", 8000)

    def _delete_deck(self, deck_id: DeckId, name: str, cards: int) -> None:
        """With cards, a backup is taken first (in the background); if it fails, nothing is deleted."""
        if not cards:
            try:
                self.services.decks.delete(deck_id)
            except StudyAppError as error:
                show_error(self, error)
                return
            self._on_deck_deleted(name)
            return
        services = self.services

        def work(progress: Progress, _cancel: CancelToken) -> str:
            progress(0, 0, "Backing up before deleting…")
            services.backups.before_destructive(f"before deleting deck {name}")
            progress(0, 0, f"Deleting “{name}”…")
            services.decks.delete(deck_id)
            return name

        self.runner.run(
            work,
            on_done=lambda deleted: self._on_deck_deleted(deleted, with_cards=True),
            on_error=self._on_task_failed,
            progress_parent=self,
            title="Deleting",
        )

    def _on_deck_deleted(self, name: str, *, with_cards: bool = False) -> None:
        self.refresh_decks()
        more = " File → Restore deleted cards… brings its cards back." if with_cards else ""
        self.show_notice(f"Deleted the deck “{name}”.{more}")
        self.collection_changed.emit()

    def _ask_deck_name(self, title: str, label: str, value: str, done: Callable[[str], None]) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(value)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(done)
        dialog.open()
        return dialog

    def _expanded_ids(self) -> list[DeckId]:
        return [row.id for row in self.deck_model_rows() if self.deck_view.isExpanded(self.deck_model.index_of(row.id))]

    def _update_deck_actions(self) -> None:
        on_deck_list = self.pages.currentWidget() in (self.deck_page, self.empty_state)
        for act, single in self._deck_list_keys.items():
            others = [k for k in act.shortcuts() if k not in single]
            act.setShortcuts(single + others if on_deck_list else others)
        has_deck = self.current_deck_id() is not None and self.pages.currentWidget() is self.deck_page
        for act in (self.rename_deck_action, self.delete_deck_action):
            act.setEnabled(has_deck)
        if self.is_registered(ViewHook.REVIEW):
            self.review_action.setEnabled(has_deck)

    # slots
    def _on_new_deck_named(self, name: str) -> None:
        if not name.strip():
            return
        try:
            deck_id = self.services.decks.create(name)
        except StudyAppError as error:
            show_error(self, error)
            return
        self.refresh_decks()
        self.select_deck(deck_id)
        self.collection_changed.emit()

    def _on_rename_deck_named(self, name: str) -> None:
        deck_id = self.current_deck_id()
        if deck_id is None or not name.strip() or name == self.current_deck_name():
            return
        try:
            self.services.decks.rename(deck_id, name)
        except StudyAppError as error:
            show_error(self, error)
            return
        self.refresh_decks()
        self.select_deck(deck_id)
        self.collection_changed.emit()

    def _on_card_editor_card_added(self, _card_id: int) -> None:
        self.refresh_decks()
        self.collection_changed.emit()

    def _on_import_dialog_cards_added(self, summary: ImportSummary) -> None:
        self._prefs.last_deck = summary.deck
        self.refresh_decks()
        for row in self.deck_model_rows():
            if row.name == summary.deck:
                self.select_deck(row.id)
        self.show_notice(summary.describe())
        self.collection_changed.emit()

    def _on_import_dialog_finished(self, _result: int) -> None:
        dialog = self.import_dialog
        self.import_dialog = None
        if dialog is not None:
            dialog.deleteLater()

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

    def _on_task_failed(self, error: BaseException) -> None:
        show_error(self, error)

    def _on_backup_done(self, row: BackupRow) -> None:
        self.show_notice(f"Backed up the collection to {row.path}.")

    def _on_backups_dialog_restored(self, outcome: RestoreOutcome) -> None:
        self.refresh_decks()
        self.show_notice(outcome.describe())
        self.collection_changed.emit()

    def _on_restore_deleted_dialog_restored(self, outcome: UndeleteOutcome) -> None:
        self.refresh_decks()
        self.show_notice(outcome.describe())
        self.collection_changed.emit()

    def _on_backup_timer_timeout(self) -> None:
        self.check_backup()

    def _on_auto_backup_done(self, row: BackupRow | None) -> None:
        self._auto_backup_running = False
        if row is not None:
            log.info("automatic backup %s", row.path.name)

    def _on_auto_backup_failed(self, error: BaseException) -> None:
        """An automatic backup never interrupts studying: a bug is logged, not shown."""
        self._auto_backup_running = False
        log.error("automatic backup failed", exc_info=(type(error), error, error.__traceback__))

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


def deck_name_for(title: str, max_words: int = 6) -> str:
    """A deck name from an article title: a headline, not a paragraph."""
    words = title.replace("…", " ").replace("::", " ").split()
    short = " ".join(words[:max_words])
    return short.rstrip(" ,;:.-–—") if len(words) > max_words else short


def _is_single_key(sequence: QKeySequence) -> bool:
    """A key without Ctrl/Alt/Meta (Shift+S counts: it is a capital letter in a text field)."""
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    if sequence.count() != 1 or text in ("Del", "F2"):
        return False
    return not any(f"{name}+" in text for name in ("Ctrl", "Alt", "Meta"))


def _dropped_file(urls: Sequence[QUrl]) -> Path | None:
    for url in urls:
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_file() and path.suffix.lower() in article_suffixes() | card_file_suffixes():
            return path
    return None
