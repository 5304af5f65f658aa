"""Collection settings read in plain SQL on the study connection (the ORM's ``SettingsRepository`` writes them)."""

from __future__ import annotations

import sqlite3

_SETTING_SQL = "SELECT value FROM settings WHERE key = ?"
_PREFIX_SQL = "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?"


class SettingsReader:
    """Reads inside the caller's open transaction; the deck list needs these without loading the ORM."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def _cursor(self) -> sqlite3.Cursor:
        return self._connection.cursor()

    def setting(self, key: str, default: str) -> str:
        row = self._cursor().execute(_SETTING_SQL, (key,)).fetchone()
        return default if row is None else str(row[0])

    def settings_with_prefix(self, prefix: str) -> dict[str, str]:
        rows = self._cursor().execute(_PREFIX_SQL, (len(prefix), prefix))
        return {str(key): str(value) for key, value in rows}
