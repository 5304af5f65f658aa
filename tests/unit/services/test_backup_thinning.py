"""Backup thinning over timestamps: today all, then one a day, a week, a month, bounded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.services.backups import BackupPolicy, backups_to_keep

NOW = datetime(2026, 3, 18, 15, 0, tzinfo=UTC)  # a Wednesday


def test_every_backup_from_today_is_kept() -> None:
    stamps = [NOW - timedelta(minutes=30 * i) for i in range(20)]  # 05:30 .. 15:00 today
    assert backups_to_keep(stamps, NOW, BackupPolicy()) == set(stamps)


def test_today_is_capped_keeping_the_newest() -> None:
    stamps = [NOW - timedelta(minutes=10 * i) for i in range(30)]
    kept = backups_to_keep(stamps, NOW, BackupPolicy(today=5))
    assert kept == set(stamps[:5])


def test_one_per_day_keeps_the_newest_of_each_day_for_seven_days() -> None:
    stamps = [NOW - timedelta(days=d, hours=h) for d in range(1, 12) for h in (0, 2, 4)]
    kept = backups_to_keep(stamps, NOW, BackupPolicy(weekly=0, monthly=0))
    assert sorted(kept, reverse=True) == [NOW - timedelta(days=d) for d in range(1, 8)]


def test_older_backups_thin_to_one_per_week_then_one_per_month() -> None:
    stamps = [NOW - timedelta(days=d) for d in range(1, 200)]  # one backup a day for half a year
    kept = sorted(backups_to_keep(stamps, NOW, BackupPolicy(daily=7, weekly=4, monthly=3)), reverse=True)
    days = [(NOW - stamp).days for stamp in kept]
    assert days[:7] == list(range(1, 8))  # the last 7 days
    weeks = kept[7:11]
    assert len({stamp.isocalendar()[:2] for stamp in weeks}) == 4  # four different, older weeks
    assert all(stamp < kept[6] for stamp in weeks)
    months = kept[11:]
    assert len(months) == 3 and len({(s.year, s.month) for s in months}) == 3
    assert len(kept) == 7 + 4 + 3


def test_irregular_study_keeps_history_counted_in_days_with_backups() -> None:
    stamps = [NOW - timedelta(days=d) for d in (3, 40, 41, 90)]
    assert backups_to_keep(stamps, NOW, BackupPolicy()) == set(stamps)


@settings(max_examples=200, deadline=None)
@given(
    offsets=st.lists(st.integers(min_value=0, max_value=5 * 365 * 24 * 60), max_size=300),
    today=st.integers(0, 30),
    daily=st.integers(0, 10),
    weekly=st.integers(0, 10),
    monthly=st.integers(0, 24),
)
def test_thinning_is_bounded_keeps_the_newest_and_only_existing_stamps(
    offsets: list[int], today: int, daily: int, weekly: int, monthly: int
) -> None:
    policy = BackupPolicy(today=today, daily=daily, weekly=weekly, monthly=monthly)
    stamps = [NOW - timedelta(minutes=m) for m in offsets]
    kept = backups_to_keep(stamps, NOW, policy)
    assert kept <= set(stamps)
    assert len(kept) <= policy.limit + 1  # the newest may be kept beyond the quotas
    if stamps:
        assert max(stamps) in kept
    assert backups_to_keep(kept, NOW, policy) == kept  # thinning again removes nothing more
