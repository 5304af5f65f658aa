"""Undoable browser changes, one ``QUndoCommand`` each: edit a field, move, tag, suspend.

Each change is applied once by the browser (so an error can be shown before
anything is put on the stack); ``redo`` after an undo applies it again.
Deleting is not here: it asks first instead (deleted cards go to the
deletion log, from which they can be imported again).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from studyapp.domain.errors import StudyAppError
from studyapp.domain.ids import CardId, DeckId
from studyapp.services.browse import BrowseService
from studyapp.services.cards import CardService
from studyapp.services.reviews import ReviewService


class RowsModel(Protocol):
    """What a command needs from the table: repaint changed rows, show an error."""

    def refresh_cards(self, card_ids: list[CardId]) -> None: ...

    def report_error(self, message: str) -> None: ...


class BrowserCommand(QUndoCommand):
    """Runs ``apply``/``revert`` against the services and repaints the affected rows."""

    def __init__(self, text: str, model: RowsModel, card_ids: list[CardId]) -> None:
        super().__init__(text)
        self._model = model
        self._card_ids = card_ids
        self._applied = False
        self.error = ""

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def apply_first(self) -> bool:
        """Apply now; False (and ``error`` set, reported) if the service refused."""
        if not self._run(self.apply):
            return False
        self._applied = True
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False  # the first redo comes from push(): already done
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, action: Callable[[], None]) -> bool:
        try:
            action()
        except StudyAppError as error:
            self.error = error.message
            self.setObsolete(True)
            self._model.report_error(error.message)
            return False
        finally:
            self._model.refresh_cards(self._card_ids)
        return True


class EditFieldCommand(BrowserCommand):
    def __init__(self, cards: CardService, model: RowsModel, card_id: CardId, field: str, old: str, new: str) -> None:
        super().__init__("Edit question" if field == "front" else "Edit answer", model, [card_id])
        self._cards = cards
        self._card_id = card_id
        self._field = field
        self._old = old
        self._new = new

    def _set(self, value: str) -> None:
        if self._field == "front":
            self._cards.edit(self._card_id, front=value)
        else:
            self._cards.edit(self._card_id, back=value)

    def apply(self) -> None:
        self._set(self._new)

    def revert(self) -> None:
        self._set(self._old)


class MoveCardsCommand(BrowserCommand):
    def __init__(self, browse: BrowseService, model: RowsModel, card_ids: list[CardId], deck: str) -> None:
        super().__init__(f"Move {len(card_ids)} card{'s' if len(card_ids) != 1 else ''} to {deck}", model, card_ids)
        self._browse = browse
        self._deck = deck
        self._previous: dict[CardId, DeckId] = {}

    def apply(self) -> None:
        self._previous = self._browse.move_cards(self._card_ids, self._deck)

    def revert(self) -> None:
        self._browse.restore_decks(self._previous)


class ChangeTagsCommand(BrowserCommand):
    def __init__(
        self,
        browse: BrowseService,
        model: RowsModel,
        card_ids: list[CardId],
        add: tuple[str, ...],
        remove: tuple[str, ...],
    ) -> None:
        super().__init__("Change tags", model, card_ids)
        self._browse = browse
        self._add = add
        self._remove = remove
        self._previous: dict[CardId, tuple[str, ...]] = {}

    def apply(self) -> None:
        self._previous = self._browse.change_tags(self._card_ids, add=self._add, remove=self._remove)

    def revert(self) -> None:
        self._browse.restore_tags(self._previous)


class SuspendCommand(BrowserCommand):
    def __init__(
        self,
        reviews: ReviewService,
        browse: BrowseService,
        model: RowsModel,
        card_ids: list[CardId],
        suspend: bool,
    ) -> None:
        super().__init__("Suspend" if suspend else "Unsuspend", model, card_ids)
        self._reviews = reviews
        self._browse = browse
        self._suspend = suspend
        self._previous: dict[CardId, bool] = {}

    def apply(self) -> None:
        self._previous = self._browse.suspended_of(self._card_ids)
        self._reviews.set_suspended(self._card_ids, self._suspend)

    def revert(self) -> None:
        was = [cid for cid, suspended in self._previous.items() if suspended]
        was_not = [cid for cid, suspended in self._previous.items() if not suspended]
        if was:
            self._reviews.set_suspended(was, True)
        if was_not:
            self._reviews.set_suspended(was_not, False)
