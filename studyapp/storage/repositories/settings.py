"""Collection-wide settings stored in the collection itself (they travel with it)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from studyapp.storage.records import SettingRecord


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str, default: str) -> str:
        record = self._session.get(SettingRecord, key)
        return record.value if record is not None else default

    def set(self, key: str, value: str) -> None:
        record = self._session.get(SettingRecord, key)
        if record is None:
            self._session.add(SettingRecord(key=key, value=value))
        else:
            record.value = value
