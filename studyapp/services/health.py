"""``studyapp check``: SQLite's integrity check plus the app's own consistency rules; ``--repair`` salvages."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from studyapp.domain.clock import Clock, SystemClock
from studyapp.domain.errors import CollectionCorrupt
from studyapp.domain.wording import plural
from studyapp.services.backups import damaged_copy_name, recovery_advice
from studyapp.services.context import ServiceContext
from studyapp.services.rows import HealthReport
from studyapp.services.temp_files import tracked
from studyapp.storage.backup import install_replacement, keep_aside, partial_beside, readable_fingerprint
from studyapp.storage.file_check import check_header
from studyapp.storage.lock import CollectionLock
from studyapp.storage.salvage import salvage

log = logging.getLogger(__name__)


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


@dataclass(frozen=True, slots=True)
class RepairOutcome:
    """What ``repair_collection`` did; ``kept_aside`` is None when there was nothing to repair."""

    cards: int
    decks: int
    reviews: int
    kept_aside: Path | None
    unreadable: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.kept_aside is None:
            return "SQLite finds nothing damaged in the collection; nothing was changed."
        text = (
            f"Salvaged {plural(self.cards, 'card')} in {plural(self.decks, 'deck')} "
            f"and {plural(self.reviews, 'review')} into a new collection."
        )
        if self.unreadable:
            text += f" Rows of {', '.join(self.unreadable)} beyond a damaged page could not be reached."
        return text + f" The damaged file is kept as {self.kept_aside}."


def repair_collection(collection: Path, clock: Clock | None = None) -> RepairOutcome:
    """Replace a damaged collection by everything SQLite can still read from it, keeping the damaged file.

    A collection SQLite reads without complaint is left alone.  Nothing
    readable at all is refused with the restore advice, and nothing changes.
    """
    collection = collection.expanduser()
    check_header(collection)  # not ours, or too new: not ours to rewrite
    now = (clock or SystemClock()).now()
    lock = CollectionLock(collection)
    lock.acquire()
    try:
        if readable_fingerprint(collection) is not None:
            return RepairOutcome(0, 0, 0, None)
        partial = partial_beside(collection)
        nothing = f"Nothing could be salvaged from {collection}; nothing was changed. {recovery_advice(collection)}"
        with tracked(partial):
            try:
                report = salvage(collection, partial, int(now.timestamp() * 1000))
            except CollectionCorrupt as unreadable:  # not even the list of tables: the advice is the same
                raise CollectionCorrupt(nothing) from unreadable
            if report.copied.get("cards", 0) == 0 and report.copied.get("decks", 0) == 0:
                raise CollectionCorrupt(nothing)
            aside = keep_aside(collection, damaged_copy_name(collection, now))
            install_replacement(partial, collection)
    finally:
        lock.release()
    log.info("repaired %s: %s", collection, report.copied)
    return RepairOutcome(
        cards=report.copied.get("cards", 0),
        decks=report.copied.get("decks", 0),
        reviews=report.copied.get("reviews", 0),
        kept_aside=aside,
        unreadable=tuple(report.unreadable_tables),
    )
