"""New, rename and delete deck, from the main window's Decks menu.

Deleting a deck with cards takes a backup first, in the background; if the
backup fails, nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import DeckId
from studyapp.domain.progress import CancelToken, Progress
from studyapp.ui.deck_tree_view import DeckTreeView
from studyapp.ui.errors import error_shower, show_error
from studyapp.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services pull in SQLAlchemy: loaded only once the window has painted (see ui.app)
    from studyapp.services.app import Services


class DeckActions(QObject):
    """Asks for a name or a confirmation, changes the deck, and says what changed."""

    deck_named = Signal(int)  # DeckId: created or renamed
    deck_deleted = Signal(str, bool)  # name, whether it had cards (then they can be restored)

    def __init__(
        self,
        parent: QWidget,
        runner: TaskRunner,
        deck_view: DeckTreeView,
        *,
        services: Callable[[], Services],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._runner = runner
        self._deck_view = deck_view
        self._services = services

    def new_deck(self) -> QInputDialog:
        return self._ask_deck_name(
            "New deck", "Name of the new deck (use :: for a subdeck, e.g. History::Asia):", "", self._on_new_deck_named
        )

    def rename_deck(self) -> QInputDialog | None:
        name = self._deck_view.current_deck_name()
        if not name:
            return None
        return self._ask_deck_name("Rename deck", "New name:", name, self._on_rename_deck_named)

    def delete_deck(self) -> QMessageBox | None:
        deck_id, name = self._deck_view.current_deck_id(), self._deck_view.current_deck_name()
        if deck_id is None:
            return None
        total = self._deck_view.current_card_total()
        cards = f"its {total} card{'s' if total != 1 else ''}" if total else "no cards"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Delete deck",
            f"Delete the deck “{name}” with {cards}? Its subdecks are deleted too.",
            QMessageBox.StandardButton.Cancel,
            self._parent,
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

    def _delete_deck(self, deck_id: DeckId, name: str, cards: int) -> None:
        """With cards, a backup is taken first (in the background); if it fails, nothing is deleted."""
        services = self._services()
        if not cards:
            try:
                services.decks.delete(deck_id)
            except StudyAppError as error:
                show_error(self._parent, error)
                return
            self.deck_deleted.emit(name, False)
            return

        def work(progress: Progress, _cancel: CancelToken) -> str:
            progress(0, 0, "Backing up before deleting…")
            services.backups.before_destructive(f"before deleting deck {name}")
            progress(0, 0, f"Deleting “{name}”…")
            services.decks.delete(deck_id)
            return name

        self._runner.run(
            work,
            on_done=lambda deleted: self.deck_deleted.emit(deleted, True),
            on_error=error_shower(self._parent),
            progress_parent=self._parent,
            title="Deleting",
        )

    def _ask_deck_name(self, title: str, label: str, value: str, done: Callable[[str], None]) -> QInputDialog:
        dialog = QInputDialog(self._parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(value)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(done)
        dialog.open()
        return dialog

    def _on_new_deck_named(self, name: str) -> None:
        if not name.strip():
            return
        try:
            deck_id = self._services().decks.create(name)
        except StudyAppError as error:
            show_error(self._parent, error)
            return
        self.deck_named.emit(deck_id)

    def _on_rename_deck_named(self, name: str) -> None:
        deck_id = self._deck_view.current_deck_id()
        if deck_id is None or not name.strip() or name == self._deck_view.current_deck_name():
            return
        try:
            self._services().decks.rename(deck_id, name)
        except StudyAppError as error:
            show_error(self._parent, error)
            return
        self.deck_named.emit(deck_id)
