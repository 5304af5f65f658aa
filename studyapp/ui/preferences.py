"""The window's own preferences, kept in QSettings (never in the collection).

Wraps one injected ``QSettings`` so tests pass a file in ``tmp_path`` and the
app passes the user's (organisation "StudyApp").
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "StudyApp"
APPLICATION = "StudyApp"

DEFAULT_FONT_SIZE = 0  # 0: the system's size
MIN_FONT_SIZE = 8
MAX_FONT_SIZE = 24


class Theme(enum.StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {"system": "Follow system", "light": "Light", "dark": "Dark"}[self.value]


def user_settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


class Preferences:
    """Typed access to the keys the window uses."""

    def __init__(self, store: QSettings) -> None:
        self._store = store

    @property
    def store(self) -> QSettings:
        return self._store

    def sync(self) -> None:
        self._store.sync()

    # window geometry
    def window_geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, state: QByteArray) -> None:
        self._store.setValue("window/state", state)

    # decks
    @property
    def last_deck(self) -> str:
        return str(self._store.value("decks/last", "") or "")

    @last_deck.setter
    def last_deck(self, name: str) -> None:
        self._store.setValue("decks/last", name)

    # appearance
    @property
    def theme(self) -> Theme:
        value = str(self._store.value("appearance/theme", Theme.SYSTEM.value))
        try:
            return Theme(value)
        except ValueError:
            return Theme.SYSTEM

    @theme.setter
    def theme(self, theme: Theme) -> None:
        self._store.setValue("appearance/theme", theme.value)

    @property
    def font_size(self) -> int:
        """Point size of the interface font; 0 follows the system."""
        try:
            size = int(str(self._store.value("appearance/font_size", DEFAULT_FONT_SIZE)))
        except ValueError:
            return DEFAULT_FONT_SIZE
        return size if MIN_FONT_SIZE <= size <= MAX_FONT_SIZE else DEFAULT_FONT_SIZE

    @font_size.setter
    def font_size(self, size: int) -> None:
        self._store.setValue("appearance/font_size", size)

    # collection
    @property
    def collection_path(self) -> Path | None:
        """A collection the user picked in Settings; used from the next start."""
        value = str(self._store.value("collection/path", "") or "")
        return Path(value) if value else None

    @collection_path.setter
    def collection_path(self, path: Path | None) -> None:
        self._store.setValue("collection/path", str(path) if path else "")
