"""Imported articles, identified by the hash of their text."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.domain.article import Article
from studyapp.domain.ids import SourceId
from studyapp.storage.records import SourceRecord


class SourceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, content_hash: str) -> SourceRecord | None:
        return self._session.scalar(select(SourceRecord).where(SourceRecord.content_hash == content_hash))

    def get(self, source_id: SourceId) -> SourceRecord | None:
        return self._session.get(SourceRecord, source_id)

    def add_or_get(self, article: Article, now: datetime) -> tuple[SourceRecord, bool]:
        """The stored source for this text, and whether it was new."""
        existing = self.find(article.content_hash)
        if existing is not None:
            return existing, False
        record = SourceRecord(
            title=article.title,
            text=article.text,
            content_hash=article.content_hash,
            origin=article.origin,
            published=article.published.isoformat() if article.published else None,
            imported_at=now,
        )
        self._session.add(record)
        self._session.flush()
        return record, True
