"""Times are stored as UTC epoch milliseconds (fast to index and compare); plain Python, no SQLAlchemy."""

from __future__ import annotations

from datetime import UTC, datetime


def to_millis(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def from_millis(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1000, UTC)
