"""The card browser: search box, card table, side panel, and bulk actions with undo.

Keys: Ctrl+F search, Delete delete (asks first), Ctrl+D move to deck,
Ctrl+Shift+T tags, Ctrl+J suspend/unsuspend, Ctrl+Z / Ctrl+Shift+Z undo and
redo (edits, moves, tags, suspensions).  Double-click or F2 edits a question
or answer in place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.errors import StudyAppError, UserInputError
from studyapp.domain.ids import CardId
from studyapp.services.app import Services
from studyapp.ui.browser.browser_dialogs import MoveDeckDialog, TagsDialog
from studyapp.ui.browser.card_detail_widget import CardDetailWidget
from studyapp.ui.browser.card_table_model import CardTableModel, Column
from studyapp.ui.browser.commands import ChangeTagsCommand, MoveCardsCommand, SuspendCommand
from studyapp.ui.errors import show_error
from studyapp.ui.multiline_delegate import MultiLineDelegate
from studyapp.ui.review.card_info_dialog import CardInfoDialog
from studyapp.ui.review.source_dialog import SourceDialog

SEARCH_HINT = 'Search: missile   deck:"World History"   tag:taiwan   is:due   -is:suspended   a or b'
COLUMN_WIDTHS = {
    Column.QUESTION: 260,
    Column.ANSWER: 140,
    Column.DECK: 160,
    Column.DUE: 96,
    Column.INTERVAL: 70,
    Column.STATE: 90,
    Column.REPS: 64,
    Column.LAPSES: 64,
    Column.TAGS: 100,
    Column.CREATED: 96,
    Column.MODIFIED: 96,
    Column.CONTEXT: 130,
}
HIDDEN_BY_DEFAULT = (Column.STATE, Column.REPS, Column.LAPSES, Column.CREATED, Column.MODIFIED)
"""Shown again from the header's context menu; hidden so the question keeps room without sideways scrolling.

At 900 px the question, answer and deck fit beside the side pane; a wider window gives its room to the
question (``_fit_question_column``), not to the last column."""
BACKUP_BEFORE_DELETING = 50
"""Deleting more cards than this at once takes a backup first (``before_destructive``)."""


class BrowserView(QWidget):
    """Browse and edit every card; the main window shows it in its central stack (or its own window)."""

    cards_changed = Signal()  # something was edited, moved, tagged, suspended or deleted
    finished = Signal()  # "Back to decks"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setObjectName("browserView")
        self.undo_stack = QUndoStack(self)
        self._pending_delete: list[CardId] = []
        self.model = CardTableModel(services.browse, services.cards, self.undo_stack, self)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("browserSearch")
        self.search_edit.setPlaceholderText(SEARCH_HINT)
        self.search_edit.setClearButtonEnabled(True)
        self.search_error_label = QLabel()
        self.search_error_label.setObjectName("inlineError")
        self.search_error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.search_error_label.hide()
        self.count_label = QLabel()
        self.count_label.setObjectName("hintLabel")

        self.table = QTableView()
        self.table.setObjectName("cardTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measures 100k rows
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        # Every column (the question too) keeps its width and can be dragged, as in Anki; a narrow
        # window scrolls sideways instead of squeezing the question to a few letters.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSortIndicator(Column.CREATED, Qt.SortOrder.AscendingOrder)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        for column in HIDDEN_BY_DEFAULT:
            self.table.setColumnHidden(column, True)
        header.moveSection(header.visualIndex(Column.CONTEXT), header.visualIndex(Column.ANSWER) + 1)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.column_actions: dict[Column, QAction] = {}
        for column in Column:
            if column is Column.QUESTION:
                continue
            toggle = QAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)), header)
            toggle.setCheckable(True)
            toggle.setChecked(column not in HIDDEN_BY_DEFAULT)
            toggle.toggled.connect(lambda _shown, c=column: self._show_column_if_wanted(c))
            header.addAction(toggle)
            self.column_actions[column] = toggle
        self.column_actions[Column.CONTEXT].setToolTip("Shown when a card in the list has a context line")
        self.table.setSortingEnabled(True)
        self.table.viewport().installEventFilter(self)
        self._text_editor = MultiLineDelegate(self.table)
        for column in (Column.QUESTION, Column.ANSWER):
            self.table.setItemDelegateForColumn(column, self._text_editor)

        self.detail = CardDetailWidget(services)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        detail_scroll = QScrollArea()  # a short window scrolls the pane instead of squashing its wrapped text
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setMinimumWidth(self.detail.minimumWidth() + detail_scroll.verticalScrollBar().sizeHint().width())
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 280])

        # Actions: shortcuts active while the browser (or a child) has focus.
        self.search_action = self._action("Search", "Ctrl+F", self._on_search_action_triggered)
        self.delete_action = self._action("Delete…", QKeySequence.StandardKey.Delete, self._on_delete_action_triggered)
        self.move_action = self._action("Move to deck…", "Ctrl+D", self._on_move_action_triggered)
        self.tags_action = self._action("Tags…", "Ctrl+Shift+T", self._on_tags_action_triggered)
        self.suspend_action = self._action("Suspend / unsuspend", "Ctrl+J", self._on_suspend_action_triggered)
        self.undo_action = self.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        self.back_button = QToolButton()
        self.back_button.setText("Back to decks")
        self.back_button.setToolTip("Back to the deck list")
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        tools = QHBoxLayout()
        tools.addWidget(self.back_button)
        tools.addWidget(self.search_edit, 1)
        for action in (
            self.move_action,
            self.tags_action,
            self.suspend_action,
            self.delete_action,
            self.undo_action,
            self.redo_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.search_error_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)

        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.model.searched.connect(self._on_model_searched)
        # Queued: a block fetched while painting may be the first with a context; the column shows after the paint.
        self.model.context_seen_changed.connect(self._on_model_context_seen_changed, Qt.ConnectionType.QueuedConnection)
        self.model.edit_failed.connect(self._on_model_edit_failed)
        self.model.dataChanged.connect(self._on_model_data_changed)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._on_selection_changed)
        self.detail.source_requested.connect(self._on_detail_source_requested)
        self.detail.info_requested.connect(self._on_detail_info_requested)
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)

        self.confirm_box: QMessageBox | None = None
        self.move_dialog: MoveDeckDialog | None = None
        self.tags_dialog: TagsDialog | None = None
        self.source_dialog: SourceDialog | None = None
        self.info_dialog: CardInfoDialog | None = None
        self.search("")

    def _action(self, text: str, keys: str | QKeySequence.StandardKey, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text.rstrip('…')} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # ----------------------------------------------------------------- public

    def search(self, text: str) -> bool:
        """Run a search as if typed; False (and the reason shown under the box) if it is malformed."""
        if self.search_edit.text() != text:
            self.search_edit.setText(text)
        try:
            self.model.search(text)
        except UserInputError as error:
            self.search_error_label.setText(error.message)
            self.search_error_label.show()
            return False
        self.search_error_label.hide()
        self._show_column_if_wanted(Column.CONTEXT)
        if self.model.rowCount() > 0:
            self._select_row(0)
        else:
            self.detail.show_card(None)
        return True

    def refresh(self) -> None:
        """Search again, e.g. when the browser is shown after a review."""
        self.search(self.model.search_text)

    def selected_ids(self) -> list[CardId]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.card_id(row) for row in rows]

    def select_card(self, card_id: CardId) -> None:
        row = self.model.row_of(card_id)
        if row is not None:
            self._select_row(row)

    def _select_row(self, row: int) -> None:
        """Select exactly this row (whatever modifier keys are held) and make it current."""
        index = self.model.index(row, Column.QUESTION)
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(index)

    # ---------------------------------------------------------------- actions

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        count = len(ids)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete cards",
            f"Delete {count} card{'s' if count != 1 else ''}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        backup = " A backup is taken first." if count > BACKUP_BEFORE_DELETING else ""
        box.setInformativeText(
            "Their review history is lost. The card text is kept in the collection's deletion log: "
            "File → Restore deleted cards… brings them back as new cards, and importing the same article "
            f"again will not bring them back by accident.{backup}"
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound slot, not a lambda: a lambda on a box that deletes itself on close crashed PySide6 in ~QObject.
        self._pending_delete = ids
        box.finished.connect(self._on_confirm_box_finished)
        self.confirm_box = box
        box.open()

    def move_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        dialog = MoveDeckDialog(self._services.browse.deck_names(), len(ids), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._move(ids, dialog.deck()))
        self.move_dialog = dialog
        dialog.open()

    def change_tags_of_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        dialog = TagsDialog(len(ids), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._change_tags(ids, dialog.to_add(), dialog.to_remove()))
        self.tags_dialog = dialog
        dialog.open()

    def toggle_suspend_selected(self) -> None:
        """Suspend the selected cards, or unsuspend them if all are suspended (Anki's Ctrl+J)."""
        ids = self.selected_ids()
        if not ids:
            return
        suspended = self._services.browse.suspended_of(ids)
        suspend = not all(suspended.values())
        command = SuspendCommand(self._services.reviews, self._services.browse, self.model, ids, suspend)
        self._push(command)

    # -------------------------------------------------------------- internals

    def _move(self, ids: list[CardId], deck: str) -> None:
        if not deck:
            return
        self._push(MoveCardsCommand(self._services.browse, self.model, ids, deck))

    def _change_tags(self, ids: list[CardId], add: tuple[str, ...], remove: tuple[str, ...]) -> None:
        if add or remove:
            self._push(ChangeTagsCommand(self._services.browse, self.model, ids, add, remove))

    def _show_column_if_wanted(self, column: Column) -> None:
        """A column shows when ticked in the header's menu; Context only while some card shown has one."""
        wanted = self.column_actions[column].isChecked()
        if column is Column.CONTEXT:
            wanted = wanted and self.model.context_seen
        if self.table.isColumnHidden(column) == wanted:
            self.table.setColumnHidden(column, not wanted)
            self._fit_question_column()

    def _fit_question_column(self) -> None:
        """The question takes the room the other shown columns leave, never less than its own default."""
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c) for c in Column if c is not Column.QUESTION and not header.isSectionHidden(c)
        )
        spare = self.table.viewport().width() - others
        header.resizeSection(Column.QUESTION, max(COLUMN_WIDTHS[Column.QUESTION], spare))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_question_column()
        return super().eventFilter(watched, event)

    def _push(self, command: MoveCardsCommand | ChangeTagsCommand | SuspendCommand) -> None:
        if command.apply_first():
            self.undo_stack.push(command)
        self._show_current()

    def _show_current(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.detail.show_card(ids[0])
        elif ids:
            self.detail.show_selection(len(ids))
        else:
            self.detail.show_card(None)

    # ------------------------------------------------------------------ slots

    def _on_back_button_clicked(self) -> None:
        self.finished.emit()

    def _on_search_edit_return_pressed(self) -> None:
        self.search(self.search_edit.text())

    def _on_search_edit_text_changed(self, text: str) -> None:
        if not text:  # the clear button (or deleting everything) shows every card again, without Enter
            self.search("")

    def _on_model_searched(self, count: int) -> None:
        self.count_label.setText(f"{count:,} card{'s' if count != 1 else ''} shown")

    def _on_model_context_seen_changed(self, _seen: bool) -> None:
        self._show_column_if_wanted(Column.CONTEXT)

    def _on_model_edit_failed(self, message: str) -> None:
        show_error(self, UserInputError(message))

    def _on_model_data_changed(self, *_args: object) -> None:
        self.cards_changed.emit()

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_current()

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self._show_current()

    def _on_search_action_triggered(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_delete_action_triggered(self) -> None:
        self.delete_selected()

    def _on_move_action_triggered(self) -> None:
        self.move_selected()

    def _on_tags_action_triggered(self) -> None:
        self.change_tags_of_selected()

    def _on_suspend_action_triggered(self) -> None:
        self.toggle_suspend_selected()

    def _on_confirm_box_finished(self, result: int) -> None:
        self.confirm_box = None
        ids, self._pending_delete = self._pending_delete, []
        if result != QMessageBox.StandardButton.Yes:
            return
        try:
            if len(ids) > BACKUP_BEFORE_DELETING:
                # If no backup can be written this raises, and nothing is deleted.
                self.setCursor(Qt.CursorShape.WaitCursor)
                try:
                    self._services.backups.before_destructive(f"before deleting {len(ids)} cards")
                finally:
                    self.unsetCursor()
            self._services.cards.delete(ids)
        except StudyAppError as error:
            show_error(self, error)
            return
        self.model.remove_cards(ids)
        # Earlier steps may refer to the deleted cards; a deletion cannot be undone, so neither can they.
        self.undo_stack.clear()
        self._on_model_searched(self.model.rowCount())
        self._show_current()
        self.cards_changed.emit()

    def _on_detail_source_requested(self, card_id: int) -> None:
        context = self._services.browse.source_context(CardId(card_id))
        if context is None:
            return
        self.source_dialog = SourceDialog(context, self)
        self.source_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.source_dialog.open()

    def _on_detail_info_requested(self, card_id: int) -> None:
        self.info_dialog = CardInfoDialog(self._services.browse.card_info(CardId(card_id)), self)
        self.info_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.info_dialog.open()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, Column.QUESTION))
        self.table.setFocus()

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()
