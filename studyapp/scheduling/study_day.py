"""The study day: like Anki, a day ends at a rollover hour (4 a.m.) local time, not at midnight.

Times are stored in UTC; the day is reckoned on the local wall clock, so a
late-night session counts towards the evening's day and DST changes move the
rollover with the clock.  ``tz=None`` means the computer's local time zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

DEFAULT_ROLLOVER_HOUR = 4


def study_day(now_utc: datetime, rollover_hour: int = DEFAULT_ROLLOVER_HOUR, tz: tzinfo | None = None) -> date:
    """The study day that ``now_utc`` belongs to."""
    _check(now_utc, rollover_hour)
    local = now_utc.astimezone(tz)
    # Subtract on the wall clock: on a DST day 03:59 local is still yesterday.
    return (local.replace(tzinfo=None) - timedelta(hours=rollover_hour)).date()


def day_start(day: date, rollover_hour: int = DEFAULT_ROLLOVER_HOUR, tz: tzinfo | None = None) -> datetime:
    """The UTC instant study day ``day`` begins.

    A rollover hour skipped by a spring-forward transition resolves to the
    instant just after the gap; a repeated one to its first occurrence.
    """
    if not 0 <= rollover_hour <= 23:
        raise ValueError(f"rollover hour must be 0-23, got {rollover_hour}")
    wall = datetime.combine(day, time(rollover_hour))
    local = wall.astimezone() if tz is None else wall.replace(tzinfo=tz)
    return local.astimezone(UTC)


def next_day_start(now_utc: datetime, rollover_hour: int = DEFAULT_ROLLOVER_HOUR, tz: tzinfo | None = None) -> datetime:
    """When today's study day ends (UTC): the cut-off for "due today" and for daily limits."""
    return day_start(study_day(now_utc, rollover_hour, tz) + timedelta(days=1), rollover_hour, tz)


def today_bounds(
    now_utc: datetime, rollover_hour: int = DEFAULT_ROLLOVER_HOUR, tz: tzinfo | None = None
) -> tuple[datetime, datetime]:
    """``[start, end)`` of today's study day in UTC, for counting today's reviews in the log."""
    today = study_day(now_utc, rollover_hour, tz)
    return day_start(today, rollover_hour, tz), day_start(today + timedelta(days=1), rollover_hour, tz)


def _check(now_utc: datetime, rollover_hour: int) -> None:
    if now_utc.tzinfo is None:
        raise ValueError("study-day arithmetic needs a timezone-aware datetime")
    if not 0 <= rollover_hour <= 23:
        raise ValueError(f"rollover hour must be 0-23, got {rollover_hour}")
