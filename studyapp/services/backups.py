"""Nothing lost: automatic backups, thinning, restore, and undeleting from the deletion log.

Backups live in ``<collection folder>/backups/`` as
``<stem>-YYYYMMDD-HHMMSS.studyapp`` (UTC, from the injected clock).  One is
taken on close when the collection changed since the newest backup, at
most every ``interval`` while the app runs (``maybe_backup`` after
actions), and before anything destructive (``before_destructive``).  The
number kept is bounded by ``BackupPolicy`` with Anki's daily/weekly/monthly
thinning.
"""

from __future__ import annotations

import builtins
import logging
import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from studyapp.domain.cards import CardKind
from studyapp.domain.clock import Clock, SystemClock
from studyapp.domain.cloze import cloze_question
from studyapp.domain.errors import (
    CollectionCorrupt,
    CollectionError,
    CollectionReadOnly,
    StudyAppError,
    UserInputError,
)
from studyapp.services.context import ServiceContext
from studyapp.services.temp_files import tracked
from studyapp.storage.backup import (
    count_cards,
    file_fingerprint,
    fingerprint,
    inspect_backup,
    keep_aside,
    partial_beside,
    readable_fingerprint,
    remove_stale_partials,
    replace_collection,
    restore_backup,
    write_backup,
    write_file_backup,
)
from studyapp.storage.file_check import file_kind
from studyapp.storage.lock import CollectionLock

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
BACKUP_SUFFIX = ".studyapp"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.studyapp$")
PARTIAL_MAX_AGE = timedelta(hours=1)
SETTING_PREFIX = "backup_"
POLICY_FIELDS = ("today", "daily", "weekly", "monthly", "interval_minutes")


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """How many backups to keep, and how often to take one while the app runs.

    Kept: up to ``today`` from the current UTC day, then the newest backup of
    each of the ``daily`` next days that have one, then of ``weekly`` weeks,
    then of ``monthly`` months (counted like Anki: days with backups, not
    calendar days, so irregular study keeps its history).
    """

    today: int = 24
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    interval_minutes: int = 30

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.interval_minutes)

    @property
    def limit(self) -> int:
        """Backups kept at most; the newest is kept on top of this if no quota takes it."""
        return self.today + self.daily + self.weekly + self.monthly


def backups_to_keep(stamps: Iterable[datetime], now: datetime, policy: BackupPolicy) -> set[datetime]:
    """The backups thinning keeps; a pure function so it is tested without files.

    Newest first: every backup from today (up to ``today``), then the newest
    of each older day until ``daily`` days are kept, then of each older week,
    then of each older month.  The newest backup is always kept, so thinning
    never removes the only copy of the latest state.
    """
    today = now.astimezone(UTC).date()
    last = {"daily": _day(today), "weekly": _week(today), "monthly": _month(today)}
    unit = {"daily": _day, "weekly": _week, "monthly": _month}
    left = {"today": policy.today, "daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly}
    kept: set[datetime] = set()
    for stamp in sorted(set(stamps), reverse=True):
        day = stamp.astimezone(UTC).date()
        stage = "today" if day >= today else next((s for s in ("daily", "weekly", "monthly") if left[s]), None)
        fresh = stage == "today" or (stage is not None and unit[stage](day) < last[stage])
        if stage is not None and fresh and left[stage]:
            left[stage] -= 1
        elif kept:
            continue
        kept.add(stamp)
        last = {name: min(last[name], unit[name](day)) for name in last}
    return kept


def _day(day: date) -> tuple[int, int]:
    return day.toordinal(), 0


def _week(day: date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


@dataclass(frozen=True, slots=True)
class BackupRow:
    """A backup in the list the user picks from."""

    path: Path
    taken_at: datetime
    size_bytes: int
    cards: int | None = None

    def describe(self) -> str:
        cards = "unreadable" if self.cards is None else f"{self.cards} card{'s' if self.cards != 1 else ''}"
        return f"{self.taken_at:%Y-%m-%d %H:%M:%S} UTC  {_size(self.size_bytes):>9}  {cards:>12}  {self.path}"


@dataclass(frozen=True, slots=True)
class RestoreOutcome:
    """``safety_backup`` holds the previous state when it was readable; ``kept_aside`` the damaged file."""

    restored: Path
    cards: int
    safety_backup: BackupRow | None
    kept_aside: Path | None = None

    def describe(self) -> str:
        text = f"Restored {self.restored.name} ({self.cards} card{'s' if self.cards != 1 else ''})."
        if self.safety_backup is not None:
            text += f" The previous state is kept in {self.safety_backup.path}."
        if self.kept_aside is not None:
            text += f" The damaged collection is kept as {self.kept_aside}."
        return text


@dataclass(frozen=True, slots=True)
class UndeleteOutcome:
    restored: int
    already_present: int

    def describe(self) -> str:
        text = f"Restored {self.restored} deleted card{'s' if self.restored != 1 else ''}."
        if self.already_present:
            text += f" {self.already_present} were already back in the collection."
        return text


@dataclass(frozen=True, slots=True)
class DeletedCardRow:
    """A card in the deletion log, as the restore list shows it; ``id`` is what ``restore_deleted(ids=...)`` takes."""

    id: int
    deleted_at: datetime
    deck: str
    question: str
    kind: CardKind


@dataclass(frozen=True, slots=True)
class DeletedCardsListing:
    """The newest deletions, and how many the log holds in all (the list may be cut at ``limit``)."""

    rows: list[DeletedCardRow]
    total: int


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def backup_folder(collection: Path) -> Path:
    return collection.parent / BACKUP_FOLDER


def parse_backup_name(name: str, stem: str) -> datetime | None:
    """When the backup called ``name`` was taken, if it is a backup of the collection ``stem``."""
    match = NAME_RE.match(name)
    if match is None or match["stem"] != stem:
        return None
    return datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)


def list_backups(collection: Path, *, with_cards: bool = True) -> list[BackupRow]:
    """The backups of ``collection``, newest first; the collection itself is never opened."""
    folder = backup_folder(collection)
    rows: list[BackupRow] = []
    if not folder.is_dir():
        return rows
    for path in folder.iterdir():
        taken = parse_backup_name(path.name, collection.stem)
        if taken is None or not path.is_file():
            continue
        rows.append(BackupRow(path, taken, path.stat().st_size, count_cards(path) if with_cards else None))
    rows.sort(key=lambda row: (row.taken_at, len(row.path.name), row.path.name), reverse=True)
    return rows


def _free_name(collection: Path, now: datetime) -> Path:
    folder = backup_folder(collection)
    base = f"{collection.stem}-{now.astimezone(UTC):{STAMP_FORMAT}}"
    target = folder / f"{base}{BACKUP_SUFFIX}"
    counter = 1
    while target.exists():
        target = folder / f"{base}-{counter}{BACKUP_SUFFIX}"
        counter += 1
    return target


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise CollectionError(f"Cannot create the backup folder {folder}: {error.strerror or error}.") from error


def recovery_advice(collection: Path) -> str:
    """The commands that bring a damaged collection back, naming its newest readable backup."""
    option = f"studyapp --collection {shlex.quote(str(collection))}"
    repair = f"salvage what is still readable with: {option} check --repair"
    newest = next((row for row in list_backups(collection) if row.cards is not None), None)
    if newest is None:
        return f"There is no readable backup to restore; {repair}"
    return f"Restore the newest backup with: {option} restore {shlex.quote(str(newest.path))} (or {repair})"


def damaged_copy_name(collection: Path, now: datetime) -> Path:
    """Where a damaged collection is kept before it is replaced (not a backup: never listed or thinned)."""
    return collection.with_name(f"{collection.name}.damaged-{now.astimezone(UTC):{STAMP_FORMAT}}")


def restore_collection(collection: Path, backup: Path, clock: Clock | None = None) -> RestoreOutcome:
    """Restore ``backup`` over ``collection`` whatever state the collection is in.

    The collection is never opened through the app (it may be damaged, too
    new, or not ours): under its lock, a readable one is backed up first, an
    unreadable one is copied aside byte for byte; then the checked backup
    replaces the file.  Old backups are not thinned here: the policy lives in
    the collection, and thinning waits until it is open again.
    """
    collection = collection.expanduser()
    kind = file_kind(collection.stat().st_mode) if collection.exists() else None
    if kind is not None:  # a folder, FIFO or device where the collection should be is not replaced
        raise UserInputError(f"{collection} is {kind}, not a collection file; nothing was restored.")
    facts = inspect_backup(backup)
    now = (clock or SystemClock()).now()
    lock = CollectionLock(collection)
    lock.acquire()
    try:
        safety: BackupRow | None = None
        aside: Path | None = None
        if collection.is_file() and collection.stat().st_size > 0:
            current = readable_fingerprint(collection)
            if current is None:
                aside = keep_aside(collection, damaged_copy_name(collection, now))
            else:
                safety = _file_safety_backup(collection, current, now)
        partial = partial_beside(collection)
        with tracked(partial):
            replace_collection(collection, backup, partial)
    finally:
        lock.release()
    log.info("restored %s over %s (%d cards)", backup, collection, facts.cards)
    return RestoreOutcome(restored=backup, cards=facts.cards, safety_backup=safety, kept_aside=aside)


def _file_safety_backup(collection: Path, current: str, now: datetime) -> BackupRow:
    rows = list_backups(collection, with_cards=False)
    if rows and file_fingerprint(rows[0].path) == current:
        return rows[0]
    _make_folder(backup_folder(collection))
    target = _free_name(collection, now)
    write_file_backup(collection, target)
    log.info("backup %s written (before restoring)", target.name)
    return BackupRow(target, now.replace(microsecond=0), target.stat().st_size)


class BackupService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._fingerprints: dict[Path, str] = {}

    @property
    def folder(self) -> Path:
        return backup_folder(self._ctx.store.path)

    def policy(self) -> BackupPolicy:
        """The stored policy; a missing or unreadable value falls back to the default."""
        defaults = BackupPolicy()
        values: dict[str, int] = {}
        with self._ctx.store.unit_of_work() as uow:
            for name in POLICY_FIELDS:
                text = uow.settings.get(SETTING_PREFIX + name, "")
                values[name] = int(text) if text.isdigit() else getattr(defaults, name)
        return BackupPolicy(**values)

    def set_policy(self, policy: BackupPolicy) -> None:
        """Stored in the collection, so the policy travels with it."""
        with self._ctx.store.unit_of_work() as uow:
            for name in POLICY_FIELDS:
                uow.settings.set(SETTING_PREFIX + name, str(getattr(policy, name)))
            uow.commit()

    def list(self, *, with_cards: bool = True) -> list[BackupRow]:
        """This collection's backups, newest first."""
        return list_backups(self._ctx.store.path, with_cards=with_cards)

    def backup_now(self) -> BackupRow:
        """A backup the user asked for: always written, then old ones thinned."""
        return self._create("manual")

    def maybe_backup(self) -> BackupRow | None:
        """Call after actions and on a timer: backs up when ``interval`` has passed and something changed.

        A failure is logged, not raised: an automatic backup must never
        interrupt studying.
        """
        if self._ctx.store.readonly:
            return None
        newest = self._newest()
        if newest is not None and timedelta(0) <= self._ctx.now() - newest.taken_at < self.policy().interval:
            return None
        return self._automatic("periodic", newest)

    def on_close(self) -> BackupRow | None:
        """Back up what this session changed; called by ``Services.close`` before the lock is released.

        Whether anything changed since the newest backup is known from the
        store's commit count, so closing costs the copy only, never a
        fingerprint of the whole collection.
        """
        if self._ctx.store.readonly or not self._ctx.store.changed:
            return None
        return self._automatic("close", self._newest())

    def before_destructive(self, reason: str) -> BackupRow:
        """Make sure a backup holds the current state; raises if none can be written, so the caller stops."""
        if self._ctx.store.readonly:
            raise CollectionReadOnly("The collection is open read-only; nothing can be changed.")
        newest = self._newest()
        if newest is not None and self._holds_current_state(newest):
            return newest
        return self._create(reason)

    def restore(self, backup: Path) -> RestoreOutcome:
        """Validate ``backup``, back up the current state, then replace the collection in one transaction."""
        if self._ctx.store.readonly:
            raise CollectionReadOnly("Restoring needs the collection open for writing.")
        facts = inspect_backup(backup)
        aside: Path | None = None
        try:
            safety = self._safety_backup(backup)
        except CollectionCorrupt:  # a damaged collection cannot be backed up through SQLite: keep its bytes
            safety, aside = (
                None,
                keep_aside(self._ctx.store.path, damaged_copy_name(self._ctx.store.path, self._ctx.now())),
            )
        restore_backup(self._ctx.store.engine, self._ctx.store.path, backup)
        self._ctx.store.backup_mark = None  # the content changed without a commit: fingerprints tell again
        self._thin()
        log.info("restored %s (%d cards)", backup, facts.cards)
        return RestoreOutcome(restored=backup, cards=facts.cards, safety_backup=safety, kept_aside=aside)

    def deleted_cards(self, limit: int = 1000) -> builtins.list[DeletedCardRow]:
        """The deletion log, newest first, at most ``limit`` entries (a cloze shows its question, not its markup)."""
        return self.deleted_cards_listing(limit).rows

    def deleted_cards_listing(self, limit: int = 1000) -> DeletedCardsListing:
        """``deleted_cards`` plus the log's full size, read in one transaction."""
        with self._ctx.store.unit_of_work() as uow:
            entries = uow.deletion_log.newest(limit)
            total = uow.deletion_log.count()
        rows = [
            DeletedCardRow(
                id=entry.id,
                deleted_at=entry.deleted_at,
                deck=entry.deck,
                question=cloze_question(entry.front) if entry.kind is CardKind.CLOZE else entry.front,
                kind=entry.kind,
            )
            for entry in entries
        ]
        return DeletedCardsListing(rows=rows, total=total)

    def restore_deleted(self, ids: Sequence[int] | None = None, since: datetime | None = None) -> UndeleteOutcome:
        """Add cards from the deletion log again (new scheduling; the log keeps no history).

        All of them unless ``ids`` (log entry ids) or ``since`` narrow it; a
        card whose GUID is in the collection again is left alone.
        """
        now = self._ctx.now()
        with self._ctx.store.unit_of_work() as uow:
            entries = uow.deletion_log.entries(ids, since)
            latest = {entry.guid: entry for entry in entries}  # oldest first, so the last deletion wins
            present = uow.cards.existing_guids(list(latest))
            position = uow.cards.next_position()
            restored = [entry for guid, entry in latest.items() if guid not in present]
            for offset, entry in enumerate(restored):
                deck = uow.decks.get_or_create(entry.deck, now)
                uow.cards.add(entry.as_new_card(deck.id), now, position + offset)
            restored_guids = {entry.guid for entry in restored}
            uow.deletion_log.forget([entry.id for entry in entries if entry.guid in restored_guids])
            uow.commit()
        return UndeleteOutcome(restored=len(restored), already_present=len(latest) - len(restored))

    def _safety_backup(self, restoring: Path) -> BackupRow | None:
        """The pre-restore backup; thinning waits until after the restore so it cannot delete ``restoring``."""
        newest = self._newest()
        if newest is not None and self._holds_current_state(newest):
            return newest
        return self._create(f"before restoring {restoring.name}", thin=False)

    def _automatic(self, reason: str, newest: BackupRow | None) -> BackupRow | None:
        try:
            if newest is not None and self._holds_current_state(newest):
                return None
            return self._create(reason)
        except StudyAppError as error:
            log.warning("automatic backup skipped: %s", error.message)
            return None

    def _holds_current_state(self, newest: BackupRow) -> bool:
        """Whether the newest backup holds what the collection holds now.

        While the store is open only it commits (it holds the lock), so a
        backup it wrote or matched holds the state until its next commit, and
        after a commit no backup from before the open can.  A backup another
        process wrote meanwhile (``studyapp backup`` reads the open collection)
        is not the marked one, so it costs at most one more copy, never a
        missed one.  Only an untouched store compares fingerprints (once: a
        match sets the mark).
        """
        store = self._ctx.store
        if store.backup_mark is not None and store.backup_mark[1] == newest.path:
            return store.backup_mark[0] == store.commits
        if store.changed:
            return False
        commits = store.commits
        if self._fingerprint_of(newest) != fingerprint(store.engine):
            return False
        store.backup_mark = (commits, newest.path)
        return True

    def _newest(self) -> BackupRow | None:
        rows = self.list(with_cards=False)
        return rows[0] if rows else None

    def _fingerprint_of(self, row: BackupRow) -> str | None:
        if row.path not in self._fingerprints:
            found = file_fingerprint(row.path)
            if found is None:
                return None
            self._fingerprints[row.path] = found
        return self._fingerprints[row.path]

    def _create(self, reason: str, *, thin: bool = True) -> BackupRow:
        now = self._ctx.now()
        _make_folder(self.folder)
        target = _free_name(self._ctx.store.path, now)
        commits = self._ctx.store.commits  # read first: a commit during the copy makes the next backup due
        write_backup(self._ctx.store.engine, target)
        self._ctx.store.backup_mark = (commits, target)
        log.info("backup %s written (%s)", target.name, reason)
        row = BackupRow(target, now.replace(microsecond=0), target.stat().st_size)
        if thin:
            self._thin(protect=target)
        return row

    def _thin(self, protect: Path | None = None) -> None:
        """Drop backups the policy no longer keeps; ``protect`` (the one just written) always stays."""
        now = self._ctx.now()
        rows = self.list(with_cards=False)
        keep = backups_to_keep((row.taken_at for row in rows), now, self.policy())
        seen: set[datetime] = set()
        for row in rows:  # newest first: of several backups in one second, the newest stays
            if row.path == protect:
                seen.add(row.taken_at)
                continue
            if row.taken_at in keep and row.taken_at not in seen:
                seen.add(row.taken_at)
                continue
            row.path.unlink(missing_ok=True)
            self._fingerprints.pop(row.path, None)
        remove_stale_partials(self.folder, PARTIAL_MAX_AGE)


def before_destructive(context: ServiceContext, reason: str) -> BackupRow:
    """For services that hold only a context (imports, bulk deletes): back up before changing things."""
    return BackupService(context).before_destructive(reason)
