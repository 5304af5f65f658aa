"""The window's composition root: services, preferences, theme and views, wired once.

``run_app`` is the process entry (QApplication, the bug hook, the event loop);
``build_main_window`` builds the same window for tests, without global hooks.
Nothing here is global: everything is passed down from these functions.

Start-up paints first: ``start_window`` shows the real main window (menus,
toolbar, "Opening collection…") before the services — and SQLAlchemy with
them — are even imported, then opens the collection on the GUI thread right
after the first paint and fills the deck list.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from studyapp.domain.errors import CollectionLocked, StudyAppError
from studyapp.settings import COLLECTION_ENV, COLLECTION_FILE, data_dir, seed_article_path
from studyapp.ui.errors import install_exception_hook
from studyapp.ui.main_window import MainWindow
from studyapp.ui.preferences import APPLICATION, ORGANISATION, Preferences, user_settings
from studyapp.ui.resources import icon
from studyapp.ui.review.wiring import install_study_views
from studyapp.ui.single_instance import InstanceServer, ask_running_instance
from studyapp.ui.theme import ThemeManager

if TYPE_CHECKING:
    from studyapp.services.app import Services

log = logging.getLogger(__name__)

EXIT_OPEN_FAILED = 2

_SEED = object()


def build_main_window(
    services: Services,
    settings_store: QSettings | None = None,
    *,
    seed_article: Path | object | None = _SEED,
) -> MainWindow:
    """Build the main window over open ``services`` (tests call this too).

    ``settings_store`` defaults to the user's QSettings; tests pass one in tmp_path.
    """
    return _build(services, None, settings_store, seed_article)


def build_opening_window(
    collection_path: Path,
    settings_store: QSettings | None = None,
    *,
    seed_article: Path | object | None = _SEED,
) -> MainWindow:
    """The real main window before the collection is open ("Opening collection…"); see ``attach_services``."""
    return _build(None, collection_path, settings_store, seed_article)


def _build(
    services: Services | None,
    collection_path: Path | None,
    settings_store: QSettings | None,
    seed_article: Path | object | None,
) -> MainWindow:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("build_main_window needs a QApplication")
    preferences = Preferences(settings_store if settings_store is not None else user_settings())
    themes = ThemeManager(app)
    themes.apply(preferences.theme, preferences.font_size)
    seed = seed_article_path() if seed_article is _SEED else seed_article
    window = MainWindow(
        services,
        preferences,
        seed_article=seed if isinstance(seed, Path) else None,
        on_appearance_changed=themes.apply,
        collection_path=collection_path,
    )
    window.theme_manager = themes  # type: ignore[attr-defined]
    return window


ServicesOpener = Callable[[Path], "Services"]


def _open_services(path: Path) -> Services:
    from studyapp.services.app import open_services  # SQLAlchemy loads here, after the first paint

    return open_services(path)


@dataclass
class Startup:
    """What ``start_window`` set going: the window, then the services or the error that stopped them."""

    window: MainWindow
    path: Path
    services: Services | None = None
    failure: StudyAppError | None = None
    started: bool = False


FailureHandler = Callable[[StudyAppError], "Path | None"]
"""Told why opening failed; returns the collection to try next (the same one after a restore), or None to stop."""


class _FirstPaint(QObject):
    """Calls ``callback`` once, on the event loop turn after the window's first paint."""

    def __init__(self, window: MainWindow, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


FIRST_PAINT_FALLBACK_MS = 1000
"""Open the collection anyway if no paint came (a minimised start, a platform that never exposes)."""


def start_window(
    collection_path: Path,
    settings: QSettings | None,
    file: Path | None,
    *,
    on_failed: FailureHandler,
    opener: ServicesOpener = _open_services,
    seed_article: Path | object | None = _SEED,
) -> Startup:
    """Show the window now; open ``collection_path`` right after it painted, then import ``file`` if given.

    Opening runs on the GUI thread, as every other use of the services'
    unit of work starts there. ``on_failed`` gets a known error (locked, too
    new, corrupt, read-only) and may name a collection to try instead; a bug
    propagates to the exception hook.
    """
    window = build_opening_window(collection_path, settings, seed_article=seed_article)
    install_study_views(window)
    startup = Startup(window, collection_path)

    def open_now() -> None:
        if startup.started:
            return
        startup.started = True
        while True:
            try:
                services = opener(startup.path)
                break
            except StudyAppError as error:
                startup.failure = error
                retry = on_failed(error)
                if retry is None:
                    return
                startup.path, startup.failure = retry, None
        startup.services = services
        window.attach_services(services)
        server = InstanceServer(startup.path, window)
        server.activation_requested.connect(lambda wanted: bring_forward(window, wanted))
        if file is not None:
            QTimer.singleShot(0, lambda: window.import_flow.import_file(file))

    _FirstPaint(window, open_now)
    QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, open_now)
    window.show()
    return startup


def run_app(collection_path: Path, file: Path | None) -> int:
    """Open the window on ``collection_path`` (importing ``file`` straight away if given)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(icon("app"))
    settings = user_settings()
    path = choose_collection_path(collection_path, Preferences(settings))
    previous_hook = install_exception_hook(data_dir() / "studyapp.log")
    quit_on_close = app.quitOnLastWindowClosed()
    startup: Startup | None = None
    handed_over: list[Path] = []

    def on_failed(error: StudyAppError) -> Path | None:
        failing.append(1)
        try:
            return ask_after_failure(error)
        finally:
            failing.pop()

    def ask_after_failure(error: StudyAppError) -> Path | None:
        wanted = startup.path if startup is not None else path
        log.warning("cannot open %s: %s", wanted, error.message)
        while not stopping:
            box = open_failure_box(error)
            box.exec()
            clicked = box.clickedButton()
            if stopping:
                break
            if clicked is not None and clicked is box.property("restore_backup"):
                if restore_backup_over(wanted, startup.window if startup is not None else None):
                    return wanted
                continue
            if clicked is not None and clicked is box.property("open_another"):
                other = choose_other_collection(startup.window if startup is not None else None, wanted)
                if other is not None:
                    return other
                continue
            if clicked is not None and clicked is box.property("bring_forward"):
                if ask_running_instance(wanted, file):
                    handed_over.append(wanted)
                else:
                    QMessageBox.warning(
                        None,
                        "StudyApp is already open",
                        "The other StudyApp window did not answer; switch to it yourself.",
                    )
            break
        app.setQuitOnLastWindowClosed(False)  # hiding the window must not end the loop with code 0
        if startup is not None:
            startup.window.hide()
        app.exit(EXIT_OPEN_FAILED)
        return None

    stopping: list[int] = []  # a signal came: every dialog is closed and nothing new is asked
    failing: list[int] = []  # the open-failure box (or what it opened) is up; it ends the app itself

    def stop() -> None:
        stopping.append(1)
        close_dialogs()
        if startup is not None and not failing:  # closing the window then would quit the loop twice
            startup.window.close()

    try:
        startup = start_window(path, settings, file, on_failed=on_failed)
        try:
            with _closing_on_signals(stop):
                log.info("window shown for %s", path)
                code = int(app.exec())
            if handed_over:
                return 0  # the window already open took over
            return EXIT_OPEN_FAILED if startup.failure is not None else code
        finally:
            if startup.services is not None:
                startup.services.close()  # takes the closing backup (services.backups.on_close), releases the lock
            startup.window.deleteLater()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
        sys.excepthook = previous_hook


@contextmanager
def _closing_on_signals(close: Callable[[], object]) -> Iterator[None]:
    """SIGTERM/SIGINT close the window like the user would: preferences saved, backup taken, lock released.

    Python runs signal handlers only between bytecodes, so a timer lets it in
    while Qt's event loop runs.
    """
    wanted = [s for s in (signal.SIGTERM, signal.SIGINT) if s is not None]
    previous = {number: signal.getsignal(number) for number in wanted}
    for number in wanted:
        signal.signal(number, lambda _number, _frame: QTimer.singleShot(0, close))
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
    try:
        yield
    finally:
        heartbeat.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)


def close_dialogs() -> None:
    """End every open dialog (as Cancel would), so a signal can stop the app while one is up."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def restore_backup_over(collection: Path, parent: QWidget | None) -> bool:
    """The "Restore a backup…" of the open-failure box; True once a backup is in place."""
    from studyapp.ui.backups_dialog import RestoreBackupDialog  # loads the services (SQLAlchemy)

    dialog = RestoreBackupDialog(collection, parent)
    restored = dialog.exec() == QDialog.DialogCode.Accepted and dialog.outcome is not None
    if restored and dialog.outcome is not None:
        log.info("%s", dialog.outcome.describe())
    dialog.deleteLater()
    return restored


def choose_other_collection(parent: QWidget | None, current: Path) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Open another collection", str(current.parent), "StudyApp collections (*.studyapp);;All files (*)"
    )
    return Path(chosen) if chosen else None


def choose_collection_path(requested: Path, preferences: Preferences) -> Path:
    """The collection picked in Settings, unless ``--collection`` or the environment chose one."""
    chosen = preferences.collection_path
    is_default = requested == data_dir() / COLLECTION_FILE and not os.environ.get(COLLECTION_ENV, "").strip()
    return chosen if chosen is not None and is_default else requested


def open_failure_box(error: StudyAppError) -> QMessageBox:
    """The dialog shown when the collection cannot be opened; the process then exits.

    When another window holds the collection, the box offers to bring that
    window forward (its button is the box's ``bring_forward`` property).
    """
    if isinstance(error, CollectionLocked):
        box = QMessageBox(QMessageBox.Icon.Information, "StudyApp is already open", error.message)
        box.setInformativeText("Only one window can use a collection at a time.")
        forward = box.addButton("Bring it forward", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(forward)
        box.setProperty("bring_forward", forward)
        return box
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open the collection", error.message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        "Nothing was changed. Put a backup in its place (the file is kept beside it), or open another collection."
    )
    restore = box.addButton("Restore a backup…", QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton("Open another collection…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setProperty("restore_backup", restore)
    box.setProperty("open_another", other)
    return box


def bring_forward(window: MainWindow, file: Path | None) -> None:
    """Another StudyApp started on this collection: show this window instead (and import its file)."""
    window.showNormal()
    window.raise_()
    window.activateWindow()
    if file is not None:
        window.import_flow.import_file(file)
