"""Column types: times are stored as UTC epoch milliseconds (fast to index and compare)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Dialect
from sqlalchemy.types import TypeDecorator

from studyapp.storage.millis import from_millis, to_millis


class UtcMillis(TypeDecorator[datetime]):
    """Aware ``datetime`` in Python, integer milliseconds since the epoch in SQLite."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass UTC-aware times")
        return to_millis(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return from_millis(int(value))


__all__ = ["UtcMillis", "from_millis", "to_millis"]
