"""Spaced-repetition scheduling: FSRS-6 via the fsrs package (no Qt, no SQL)."""

from studyapp.scheduling.fsrs_scheduler import FsrsScheduler, ReviewResult, interval_text
from studyapp.scheduling.queue import QueueCandidate, order_queue
from studyapp.scheduling.study_day import day_start, next_day_start, study_day, today_bounds

__all__ = [
    "FsrsScheduler",
    "QueueCandidate",
    "ReviewResult",
    "day_start",
    "interval_text",
    "next_day_start",
    "order_queue",
    "study_day",
    "today_bounds",
]
