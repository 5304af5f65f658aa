"""Study days roll over at 4 a.m. local wall time, through DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from studyapp.scheduling.study_day import day_start, next_day_start, study_day, today_bounds

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def local(tz: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz).astimezone(UTC)


def test_before_rollover_counts_as_previous_day() -> None:
    assert study_day(local(BERLIN, 2024, 6, 10, 3, 59), tz=BERLIN) == date(2024, 6, 9)
    assert study_day(local(BERLIN, 2024, 6, 10, 4, 0), tz=BERLIN) == date(2024, 6, 10)


def test_rollover_hour_is_configurable() -> None:
    moment = local(BERLIN, 2024, 6, 10, 1, 30)
    assert study_day(moment, rollover_hour=0, tz=BERLIN) == date(2024, 6, 10)
    assert study_day(moment, rollover_hour=2, tz=BERLIN) == date(2024, 6, 9)


def test_next_day_start_is_utc_rollover_of_following_day() -> None:
    start = next_day_start(local(BERLIN, 2024, 6, 10, 22, 0), tz=BERLIN)
    assert start == datetime(2024, 6, 11, 2, 0, tzinfo=UTC)  # 04:00 CEST
    assert start.tzinfo is UTC


def test_study_day_spanning_spring_forward_is_23_hours() -> None:
    # Berlin jumps 02:00 -> 03:00 on 2024-03-31.
    start, end = today_bounds(local(BERLIN, 2024, 3, 30, 12, 0), tz=BERLIN)
    assert start == datetime(2024, 3, 30, 3, 0, tzinfo=UTC)  # 04:00 CET
    assert end == datetime(2024, 3, 31, 2, 0, tzinfo=UTC)  # 04:00 CEST
    assert end - start == timedelta(hours=23)


def test_study_day_spanning_fall_back_is_25_hours() -> None:
    # New York repeats 01:00-02:00 on 2024-11-03.
    start, end = today_bounds(local(NEW_YORK, 2024, 11, 2, 20, 0), tz=NEW_YORK)
    assert end - start == timedelta(hours=25)
    assert study_day(end - timedelta(seconds=1), tz=NEW_YORK) == date(2024, 11, 2)
    assert study_day(end, tz=NEW_YORK) == date(2024, 11, 3)


def test_rollover_in_spring_forward_gap_starts_when_the_gap_ends() -> None:
    # 02:00 does not exist in New York on 2024-03-10; the day starts at 03:00 EDT.
    assert day_start(date(2024, 3, 10), rollover_hour=2, tz=NEW_YORK) == datetime(2024, 3, 10, 7, 0, tzinfo=UTC)


def test_rollover_in_repeated_hour_takes_first_occurrence() -> None:
    # 01:00 happens twice in New York on 2024-11-03; the first is EDT (UTC-4).
    assert day_start(date(2024, 11, 3), rollover_hour=1, tz=NEW_YORK) == datetime(2024, 11, 3, 5, 0, tzinfo=UTC)


def test_now_is_inside_today_bounds_across_a_dst_week() -> None:
    moment = datetime(2024, 3, 28, 0, 0, tzinfo=UTC)
    while moment < datetime(2024, 4, 3, tzinfo=UTC):
        start, end = today_bounds(moment, tz=BERLIN)
        assert start <= moment < end
        assert next_day_start(moment, tz=BERLIN) == end
        moment += timedelta(minutes=37)


def test_naive_time_and_bad_hour_are_rejected() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        study_day(datetime(2024, 1, 1, 12, 0))
    with pytest.raises(ValueError, match="0-23"):
        study_day(datetime(2024, 1, 1, 12, 0, tzinfo=UTC), rollover_hour=24)


def test_the_rollover_hour_may_be_midnight_or_23_and_nothing_else() -> None:
    moment = datetime(2024, 6, 10, 23, 30, tzinfo=UTC)
    assert study_day(moment, rollover_hour=0, tz=UTC) == date(2024, 6, 10)
    assert study_day(moment, rollover_hour=23, tz=UTC) == date(2024, 6, 10)
    assert study_day(moment - timedelta(hours=1), rollover_hour=23, tz=UTC) == date(2024, 6, 9)
    assert day_start(date(2024, 6, 10), rollover_hour=0, tz=UTC) == datetime(2024, 6, 10, tzinfo=UTC)
    assert day_start(date(2024, 6, 10), rollover_hour=23, tz=UTC) == datetime(2024, 6, 10, 23, tzinfo=UTC)
    for hour in (-1, 24):
        with pytest.raises(ValueError) as refused:
            day_start(date(2024, 6, 10), rollover_hour=hour, tz=UTC)
        assert str(refused.value) == f"rollover hour must be 0-23, got {hour}"
        with pytest.raises(ValueError) as refused:
            study_day(moment, rollover_hour=hour, tz=UTC)
        assert str(refused.value) == f"rollover hour must be 0-23, got {hour}"
    with pytest.raises(ValueError) as refused:
        study_day(datetime(2024, 1, 1, 12, 0))
    assert str(refused.value) == "study-day arithmetic needs a timezone-aware datetime"


def test_today_bounds_in_utc_are_4am_to_4am() -> None:
    assert today_bounds(datetime(2024, 6, 10, 3, 0, tzinfo=UTC), tz=UTC) == (
        datetime(2024, 6, 9, 4, 0, tzinfo=UTC),
        datetime(2024, 6, 10, 4, 0, tzinfo=UTC),
    )
    assert next_day_start(datetime(2024, 6, 10, 4, 0, tzinfo=UTC), tz=UTC) == datetime(2024, 6, 11, 4, 0, tzinfo=UTC)
