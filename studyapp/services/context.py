"""What every service needs: the open store, the clock, and the study day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from studyapp.domain.clock import Clock
from studyapp.scheduling.study_day import today_bounds
from studyapp.storage.store import Store

ROLLOVER_KEY = "rollover_hour"
DEFAULT_ROLLOVER_HOUR = 4


@dataclass(frozen=True, slots=True)
class ServiceContext:
    store: Store
    clock: Clock

    def now(self) -> datetime:
        return self.clock.now()

    def rollover_hour(self) -> int:
        with self.store.unit_of_work() as uow:
            return int(uow.settings.get(ROLLOVER_KEY, str(DEFAULT_ROLLOVER_HOUR)))

    def study_day_bounds(self, now: datetime, rollover_hour: int | None = None) -> tuple[datetime, datetime]:
        """Start and end (UTC) of the study day containing ``now``."""
        return today_bounds(now, self.rollover_hour() if rollover_hour is None else rollover_hour)
