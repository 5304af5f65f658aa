"""The main window's actions, and the menus and toolbar that show them.

Single-key shortcuts (A, B, S, Shift+S) belong to the deck list only: in the
review or the browser the same keys mean something else, or are typed.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QSizePolicy, QToolBar, QWidget

from studyapp.ui.resources import icon
from studyapp.ui.shortcut_sheet import key_text


class ViewHook(enum.Enum):
    """Views provided by other parts of the app, plugged in by the composition root."""

    REVIEW = "review"
    BROWSE = "browse"
    STATISTICS = "statistics"
    EXPORT = "export"
    CUSTOM_STUDY = "custom study"


class MainActions:
    """Every action of the main window, built once; the window connects them to what they do."""

    def __init__(self, parent: QObject) -> None:
        self._parent = parent
        self.import_article = self._action("&Import article…", "import", ["Ctrl+I"], "Import an article")
        self.import_article.setIconText("Import")
        self.paste = self._action("&Paste text…", "paste", ["Ctrl+Shift+V"], "Make cards from pasted text")
        self.paste.setIconText("Paste text")
        self.add_card = self._action("&Add card…", "add", ["A", "Ctrl+N"], "Write a card by hand")
        self.add_card.setIconText("Add card")
        self.settings = self._action("&Settings…", "settings", ["Ctrl+,"])
        self.settings.setIconText("Settings")
        self.quit = self._action("&Quit", "quit", ["Ctrl+Q"])
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.new_deck = self._action("&New deck…", "deck", ["Ctrl+Shift+N"])
        self.rename_deck = self._action("&Rename deck…", "rename", ["F2"])
        self.delete_deck = self._action("&Delete deck…", "delete", ["Delete"])
        self.about = self._action("&About StudyApp", "about", [])
        self.shortcut_sheet = self._action("&Keyboard shortcuts", "keyboard", ["Ctrl+/"], "Every key the window knows")
        self.review = self._action("&Study deck", "review", ["S"], "Study the selected deck")
        self.review.setIconText("Study")
        self.custom_study = self._action(
            "&Custom study…", "review", ["C"], "More new cards today, review ahead, or study what you forgot"
        )
        self.browse = self._action("&Browse cards", "browse", ["B"], "Find and edit cards")
        self.browse.setIconText("Browse")
        self.statistics = self._action("S&tatistics", "statistics", ["Shift+S"], "Statistics")
        self.statistics.setIconText("Statistics")
        self.export = self._action("&Export…", "export", ["Ctrl+E"], "Export to Anki")
        self.export.setIconText("Export")
        self.backup_now = self._action("Back &up now", "backup", [], "Back up the collection now")
        self.backups = self._action("&Backups…", "backups", [], "See backups and restore one")
        self.restore_deleted = self._action("Restore &deleted cards…", "undelete", [], "Bring deleted cards back")
        self.for_view = {
            ViewHook.REVIEW: self.review,
            ViewHook.BROWSE: self.browse,
            ViewHook.STATISTICS: self.statistics,
            ViewHook.EXPORT: self.export,
            ViewHook.CUSTOM_STUDY: self.custom_study,
        }
        for hooked in self.for_view.values():
            hooked.setVisible(False)
            hooked.setEnabled(False)
        self._needing_collection = (  # off while the collection is opening; quit and about always work
            self.import_article,
            self.paste,
            self.add_card,
            self.settings,
            self.new_deck,
            self.backup_now,
            self.backups,
            self.restore_deleted,
        )
        self._deck_list_keys = {
            act: [k for k in act.shortcuts() if _is_single_key(k)]
            for act in (self.add_card, self.browse, self.review, self.custom_study, self.statistics)
        }

    def all(self) -> list[QAction]:
        """Every action, in the order they were made (the shortcut sheet lists them so)."""
        return [value for value in vars(self).values() if isinstance(value, QAction)]

    def keys_of(self, action: QAction) -> list[str]:
        """All keys of ``action`` for the shortcut sheet, the deck list's single keys marked as such."""
        single = self._deck_list_keys.get(action, [])
        keys = [f"{key_text(key)} (deck list)" for key in single]
        return keys + [key_text(key) for key in action.shortcuts() if key not in single]

    def set_collection_enabled(self, enabled: bool) -> None:
        """The actions that need an open collection."""
        for act in self._needing_collection:
            act.setEnabled(enabled)

    def set_deck_list_keys_enabled(self, enabled: bool) -> None:
        """Single-key shortcuts only while the deck list (or the empty state) is shown."""
        for act, single in self._deck_list_keys.items():
            others = [k for k in act.shortcuts() if k not in single]
            act.setShortcuts(single + others if enabled else others)

    def _action(self, text: str, name: str, shortcuts: list[str], tip: str = "") -> QAction:
        act = QAction(icon(name), text, self._parent)
        act.setShortcuts([QKeySequence(s) for s in shortcuts])
        act.setToolTip(f"{tip or text.rstrip('…')} ({' / '.join(shortcuts)})" if shortcuts else tip or text)
        act.setObjectName(f"{name}Action")
        return act


def build_menus(menu_bar: QMenuBar, actions: MainActions) -> None:
    file_menu = menu_bar.addMenu("&File")
    file_menu.addActions([actions.import_article, actions.paste])
    file_menu.addSeparator()
    file_menu.addAction(actions.export)
    file_menu.addSeparator()
    file_menu.addActions([actions.backup_now, actions.backups, actions.restore_deleted])
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    deck_menu = menu_bar.addMenu("&Decks")
    deck_menu.addActions([actions.review, actions.custom_study])
    deck_menu.addSeparator()
    deck_menu.addActions([actions.new_deck, actions.rename_deck, actions.delete_deck])
    card_menu = menu_bar.addMenu("&Cards")
    card_menu.addActions([actions.add_card, actions.browse])
    tools_menu = menu_bar.addMenu("&Tools")  # Settings lives here only, as Anki's Preferences does
    tools_menu.addActions([actions.statistics, actions.settings])
    help_menu = menu_bar.addMenu("&Help")
    help_menu.addActions([actions.shortcut_sheet, actions.about])


def build_toolbar(actions: MainActions) -> QToolBar:
    toolbar = QToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([actions.review, actions.import_article, actions.paste, actions.add_card])
    toolbar.addSeparator()
    toolbar.addActions([actions.browse, actions.statistics, actions.export])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, spacer.sizePolicy().verticalPolicy())
    toolbar.addWidget(spacer)
    toolbar.addAction(actions.settings)
    return toolbar


def _is_single_key(sequence: QKeySequence) -> bool:
    """A key without Ctrl/Alt/Meta (Shift+S counts: it is a capital letter in a text field)."""
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    if sequence.count() != 1 or text in ("Del", "F2"):
        return False
    return not any(f"{name}+" in text for name in ("Ctrl", "Alt", "Meta"))
