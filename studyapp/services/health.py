"""``studyapp check``: SQLite's integrity check plus the app's own consistency rules."""

from __future__ import annotations

from studyapp.services.context import ServiceContext
from studyapp.services.rows import HealthReport


class HealthService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def check(self) -> HealthReport:
        problems = self._ctx.store.integrity_problems()
        with self._ctx.store.unit_of_work() as uow:
            problems.extend(uow.consistency.problems())
            cards = uow.cards.count()
            decks = len(uow.decks.names())
        return HealthReport(problems=problems, cards=cards, decks=decks)
