"""Importing from the main window: choose, paste or drop a file, then preview or import it.

Articles (and pasted text) have cards proposed in the background and open in
the import preview; files that already hold cards (Anki packages, CSV/TSV)
are imported as they are, with the summary in the notice bar.

Pasted text is kept until its cards are added: when no cards can be made, an
error stops it or the user cancels, the paste dialog comes back with the text
and the reason; cancelling the preview keeps it for the next "Paste text…".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.domain.errors import StudyAppError, UserInputError
from studyapp.domain.progress import CancelToken, Progress
from studyapp.services.importing import suggested_deck
from studyapp.services.rows import ImportSummary
from studyapp.ui.deck_tree_model import DEFAULT_DECK
from studyapp.ui.errors import error_shower, show_error
from studyapp.ui.preferences import Preferences
from studyapp.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services pull in SQLAlchemy: loaded only once the window has painted (see ui.app)
    from studyapp.services.app import Services
    from studyapp.ui.import_preview.import_dialog import ImportDialog
    from studyapp.ui.import_preview.paste_text_dialog import PasteTextDialog

Generated = tuple[Article, list[CardDraft]]


def article_suffixes() -> frozenset[str]:
    """Files whose cards are generated and previewed (the reading package loads on first use)."""
    from studyapp.reading import SUPPORTED_SUFFIXES

    return SUPPORTED_SUFFIXES


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


def dropped_file(urls: Sequence[QUrl]) -> Path | None:
    """The first dropped local file StudyApp can import."""
    for url in urls:
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_file() and path.suffix.lower() in article_suffixes() | card_file_suffixes():
            return path
    return None


class ImportFlow(QObject):
    """From a file or text to cards in the collection; the window reacts to what was added.

    ``import_action`` is off while cards are being generated, so a second import cannot start.
    """

    preview_opened = Signal(object)  # ImportDialog
    preview_cards_added = Signal(object)  # ImportSummary: the user added cards from the preview
    card_file_imported = Signal(object)  # ImportSummary: an Anki package or CSV/TSV went in as it was

    def __init__(
        self,
        window: QMainWindow,
        runner: TaskRunner,
        preferences: Preferences,
        *,
        import_action: QAction,
        services: Callable[[], Services],
        deck_names: Callable[[], list[str]],
        seed_article: Path | None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        self._prefs = preferences
        self._import_action = import_action
        self._services = services
        self._deck_names = deck_names
        self._seed_article = seed_article
        self._pasted_text = ""  # what the user pasted, until its cards are added
        self._from_paste = False  # the generation (and then the preview) under way started from pasted text
        self.import_dialog: ImportDialog | None = None
        self.paste_dialog: PasteTextDialog | None = None

    def import_file(self, path: Path) -> None:
        """Articles: propose cards in the background, then open the preview; card files: import them."""
        suffix = path.suffix.lower()
        if suffix in card_file_suffixes():
            self._import_card_file(path)
            return
        if suffix not in article_suffixes():
            show_error(
                self._window,
                UserInputError(
                    f"{path.name}: files of type '{suffix or 'without extension'}' cannot be imported; "
                    "use .txt, .md, .html, .pdf, .apkg, .colpkg, .csv or .tsv."
                ),
            )
            return
        imports = self._services().imports

        def work(progress: Progress, cancel: CancelToken) -> Generated:
            progress(0, 0, f"Reading {path.name}…")
            article = imports.read(path)
            cancel.raise_if_cancelled()
            progress(0, 0, "Finding facts and writing cards…")
            return article, imports.propose(article, progress=progress, cancel=cancel)

        self._generate(work, f"Reading {path.name}…", from_paste=False)

    def import_text(self, text: str) -> None:
        """Cards from pasted text; until they are added the text is kept (see ``paste_text``)."""
        self._pasted_text = text
        imports = self._services().imports

        def work(progress: Progress, cancel: CancelToken) -> Generated:
            article = imports.read_text(text)
            progress(0, 0, "Finding facts and writing cards…")
            return article, imports.propose(article, progress=progress, cancel=cancel)

        self._generate(work, "Finding facts and writing cards…", from_paste=True)

    def import_sample(self) -> None:
        if self._seed_article is not None:
            self.import_file(self._seed_article)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self._window, "Import", "", import_filter())
        if name:
            self.import_file(Path(name))

    def paste_text(self) -> PasteTextDialog:
        """The paste dialog, holding the text pasted before if its cards were never added."""
        return self._open_paste_dialog("")

    def _open_paste_dialog(self, message: str, *, error: bool = False) -> PasteTextDialog:
        from studyapp.ui.import_preview.paste_text_dialog import PasteTextDialog

        dialog = PasteTextDialog(self._window, text=self._pasted_text, message=message, error=error)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_paste_dialog_finished)
        self.paste_dialog = dialog
        dialog.open()
        return dialog

    def _import_card_file(self, path: Path) -> None:
        """An Anki package or CSV/TSV: imported as it is, all or nothing, with a backup first for packages."""
        imports = self._services().imports

        def work(progress: Progress, cancel: CancelToken) -> ImportSummary:
            progress(0, 0, f"Importing {path.name}…")
            return imports.import_file(path)

        self._runner.run(
            work,
            on_done=self.card_file_imported.emit,
            on_error=error_shower(self._window),
            progress_parent=self._window,
            label=f"Importing {path.name}…",
            title="Importing",
        )

    def _generate(self, work: Callable[[Progress, CancelToken], Generated], label: str, *, from_paste: bool) -> None:
        self._import_action.setEnabled(False)
        self._from_paste = from_paste
        self._runner.run(
            work,
            on_done=self._on_generation_done,
            on_error=self._on_generation_failed,
            on_cancelled=self._on_generation_cancelled,
            progress_parent=self._window,
            label=label,
            title="Making cards",
        )

    def _on_generation_done(self, result: Generated) -> None:
        self._import_action.setEnabled(True)
        article, drafts = result
        if not drafts:
            if self._from_paste:
                self._open_paste_dialog("No cards could be made from this text; add to it, or paste more.", error=True)
                return
            show_error(
                self._window, UserInputError(f"No cards could be made from “{article.title}”; try a longer article.")
            )
            return
        from studyapp.ui.import_preview.import_dialog import ImportDialog

        dialog = ImportDialog(
            self._services().imports,
            self._runner,
            article,
            drafts,
            deck_names=self._deck_names(),
            default_deck=suggested_deck(article) or self._prefs.last_deck or DEFAULT_DECK,
            parent=self._window,
        )
        dialog.cards_added.connect(self._on_import_dialog_cards_added)
        dialog.finished.connect(self._on_import_dialog_finished)
        self.import_dialog = dialog
        dialog.open()
        self.preview_opened.emit(dialog)

    def _on_generation_failed(self, error: BaseException) -> None:
        self._import_action.setEnabled(True)
        if self._from_paste and isinstance(error, StudyAppError):
            self._open_paste_dialog(error.message, error=True)
            return
        show_error(self._window, error)  # a bug: reported; a pasted text is still kept for the next paste

    def _on_generation_cancelled(self) -> None:
        self._import_action.setEnabled(True)
        self._window.statusBar().showMessage("Import cancelled; nothing was changed.", 8000)
        if self._from_paste:
            self._open_paste_dialog("Making cards was cancelled; your text is still here.")

    def _on_paste_dialog_finished(self, result: int) -> None:
        dialog, self.paste_dialog = self.paste_dialog, None
        if dialog is None:
            return
        self._pasted_text = dialog.text()  # kept even when the user cancels: typed text is never lost
        if result == QDialog.DialogCode.Accepted:
            self.import_text(self._pasted_text)

    def _on_import_dialog_cards_added(self, summary: ImportSummary) -> None:
        if self._from_paste:
            self._pasted_text = ""
        self.preview_cards_added.emit(summary)

    def _on_import_dialog_finished(self, _result: int) -> None:
        dialog = self.import_dialog
        self.import_dialog = None
        if dialog is not None:
            dialog.deleteLater()
