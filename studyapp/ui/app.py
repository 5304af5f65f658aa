"""The window's composition root: services, preferences, theme and views, wired once.

``run_app`` is the process entry (QApplication, the bug hook, the event loop);
``build_main_window`` builds the same window for tests, without global hooks.
Nothing here is global: everything is passed down from these two functions.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studyapp.domain.errors import CollectionLocked, StudyAppError
from studyapp.services.app import Services, open_services
from studyapp.settings import COLLECTION_ENV, COLLECTION_FILE, data_dir, seed_article_path
from studyapp.ui.errors import install_exception_hook
from studyapp.ui.main_window import MainWindow
from studyapp.ui.preferences import APPLICATION, ORGANISATION, Preferences, user_settings
from studyapp.ui.resources import icon
from studyapp.ui.review.wiring import install_study_views
from studyapp.ui.theme import ThemeManager

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
    )
    window.theme_manager = themes  # type: ignore[attr-defined]
    return window


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
    try:
        try:
            services = open_services(path)
        except StudyAppError as error:
            log.warning("cannot open %s: %s", path, error.message)
            open_failure_box(error).exec()
            return EXIT_OPEN_FAILED
        try:
            window = build_main_window(services, settings)
            install_study_views(window)
            window.show()
            if file is not None:
                QTimer.singleShot(0, lambda: window.import_file(file))
            with _closing_on_signals(window.close):
                log.info("window shown for %s", path)
                return int(app.exec())
        finally:
            services.close()  # takes the closing backup (services.backups.on_close) and releases the lock
    finally:
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


def choose_collection_path(requested: Path, preferences: Preferences) -> Path:
    """The collection picked in Settings, unless ``--collection`` or the environment chose one."""
    chosen = preferences.collection_path
    is_default = requested == data_dir() / COLLECTION_FILE and not os.environ.get(COLLECTION_ENV, "").strip()
    return chosen if chosen is not None and is_default else requested


def open_failure_box(error: StudyAppError) -> QMessageBox:
    """The dialog shown when the collection cannot be opened; the process then exits non-zero."""
    if isinstance(error, CollectionLocked):
        title, text = "StudyApp is already open", error.message
        more = "Switch to the StudyApp window that is already open. Only one window can use a collection at a time."
    else:
        title, text = "Cannot open the collection", error.message
        more = "Nothing was changed. Choose another collection with --collection, or restore the file from a backup."
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Close)
    box.setInformativeText(more)
    return box
