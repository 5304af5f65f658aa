"""The injected clock: always timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from studyapp.domain.clock import FixedClock, SystemClock


def test_a_fixed_clock_reports_utc_and_moves_only_when_told() -> None:
    tokyo = timezone(timedelta(hours=9))
    clock = FixedClock(datetime(2026, 1, 2, 18, 0, tzinfo=tokyo))
    assert clock.now() == datetime(2026, 1, 2, 9, 0, tzinfo=UTC) and clock.now().tzinfo is UTC
    clock.advance(timedelta(minutes=90))
    assert clock.now() == datetime(2026, 1, 2, 10, 30, tzinfo=UTC)
    clock.set(datetime(2026, 1, 3, 1, 0, tzinfo=tokyo))
    assert clock.now() == datetime(2026, 1, 2, 16, 0, tzinfo=UTC) and clock.now().tzinfo is UTC


def test_a_fixed_clock_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError) as refused:
        FixedClock(datetime(2026, 1, 2))
    assert str(refused.value) == "FixedClock needs a timezone-aware datetime"


def test_the_system_clock_is_aware_utc() -> None:
    assert SystemClock().now().tzinfo is UTC
