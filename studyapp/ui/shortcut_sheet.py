"""Help → Keyboard shortcuts: every key the window registers, read from its actions, never listed by hand.

Each section reads the ``QAction``s and ``QShortcut``s of one part of the window
(the main window's actions, then each view's own), so a key added to a view
shows up here by itself and a removed one disappears.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

KeysOf = Callable[[QAction], Sequence[str]]
"""The keys of an action as the sheet shows them (the main window adds "in the deck list" to single keys)."""


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    keys: str
    what: str


@dataclass(frozen=True, slots=True)
class ShortcutSection:
    title: str
    rows: tuple[ShortcutRow, ...]


def key_text(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def action_keys(action: QAction) -> list[str]:
    return [key_text(key) for key in action.shortcuts() if not key.isEmpty()]


def shortcut_rows(owner: QWidget, actions: Sequence[QAction] = (), keys_of: KeysOf = action_keys) -> list[ShortcutRow]:
    """The keys of ``actions`` (default: the actions added to ``owner``) and of the QShortcuts under ``owner``."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()
    for action in actions or owner.actions():
        if id(action) in seen:
            continue
        seen.add(id(action))
        keys = keys_of(action)
        if keys:
            rows.append(ShortcutRow(" / ".join(keys), _what(action.text() or action.toolTip())))
    for shortcut in owner.findChildren(QShortcut):
        if not shortcut.key().isEmpty():
            rows.append(ShortcutRow(key_text(shortcut.key()), _what(shortcut.whatsThis())))
    return rows


def _what(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class ShortcutSheetDialog(QDialog):
    def __init__(self, sections: Sequence[ShortcutSection], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(620, 640)
        intro = QLabel("The keys StudyApp's window answers to, part by part.")
        intro.setObjectName("hintLabel")
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutSheet")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Keys", "What they do"])
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(14)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a sheet to read: Esc closes it, nothing to select
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        for section in sections:
            heading = QTreeWidgetItem([section.title, ""])
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFirstColumnSpanned(True)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(heading)
            for row in section.rows:
                item = QTreeWidgetItem([row.keys, row.what])
                item.setToolTip(1, row.what)
                heading.addChild(item)
            heading.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def rows(self) -> dict[str, list[tuple[str, str]]]:
        """Section title → (keys, what) as shown."""
        shown: dict[str, list[tuple[str, str]]] = {}
        for index in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(index)
            if heading is None:
                continue
            children = [heading.child(i) for i in range(heading.childCount())]
            shown[heading.text(0)] = [(item.text(0), item.text(1)) for item in children if item is not None]
        return shown
