"""Fault injection: real ``python -m studyapp`` processes killed with SIGKILL at random moments.

Each lane owns a collection and runs one process at a time: mostly piped
reviews, plus CSV imports, article imports (spaCy), exports, backups and
restores.  After every kill the collection is reopened for writing (so a
stale lock would show) and checked: SQLite's integrity check and the app's
own consistency rules (what ``studyapp check`` runs; the real command runs
every few kills and at the end), every acknowledged answer stored in order,
imports all-or-nothing, killed exports and restores leaving the collection
as it was, and every backup file healthy.  Used by
``test_kill9.py`` and ``benchmarks/fault_injection.py``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path

from studyapp.domain.clock import SystemClock
from studyapp.domain.scheduling import DeckOptions
from studyapp.services.app import open_services
from studyapp.services.context import ServiceContext
from studyapp.services.health import HealthService
from studyapp.storage.backup import fingerprint, inspect_backup
from studyapp.storage.store import Store

ROOT = Path(__file__).resolve().parents[3]
DECK = "Crash"
SEED_CARDS = 1500
RATINGS = ("1", "2", "3", "3", "3", "4", "again", "good", "u")
OPERATIONS = {"review": 60, "import_csv": 14, "import_article": 4, "export": 8, "backup": 9, "restore": 5}
CHECK_EVERY = 15  # run the real ``studyapp check`` every this many cycles per lane

ARTICLE = (
    "{name} is a river in {land}. It is {km} kilometres long. The river was first mapped in {year}. "
    "Its largest port is {port}, which handles {tons} million tonnes of cargo a year. "
    "In {year2}, engineers built a dam near {port} that produces {mw} megawatts of electricity."
)


class HarnessFailure(AssertionError):
    """A killed process lost or damaged something."""


@dataclass
class Figures:
    """What a run did; printed by the benchmark and asserted by the test."""

    cycles: int = 0
    kills: int = 0
    completed: int = 0
    acknowledged_answers: int = 0
    acknowledged_undos: int = 0
    acknowledged_imports: int = 0
    killed_imports_all_or_nothing: int = 0
    acknowledged_backups: int = 0
    acknowledged_restores: int = 0
    killed_restores_atomic: int = 0
    exports_checked: int = 0
    integrity_checks: int = 0
    check_commands: int = 0
    backup_files_checked: int = 0
    seconds: float = 0.0
    kills_by_operation: dict[str, int] = field(default_factory=dict)

    def add(self, other: Figures) -> None:
        for f in fields(self):
            if f.name == "kills_by_operation":
                for name, count in other.kills_by_operation.items():
                    self.kills_by_operation[name] = self.kills_by_operation.get(name, 0) + count
            elif f.name != "seconds":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def describe(self) -> str:
        by_op = ", ".join(f"{name} {count}" for name, count in sorted(self.kills_by_operation.items()))
        return (
            f"{self.kills} SIGKILLs survived in {self.cycles} processes ({by_op}) in {self.seconds:.0f} s; "
            f"{self.completed} processes finished on their own.\n"
            f"verified: {self.acknowledged_answers} acknowledged answers and {self.acknowledged_undos} undos, "
            f"{self.acknowledged_imports} acknowledged imports, {self.killed_imports_all_or_nothing} killed imports "
            f"all-or-nothing, {self.acknowledged_backups} acknowledged backups, {self.acknowledged_restores} "
            f"restores done and {self.killed_restores_atomic} killed restores atomic, {self.exports_checked} exports; "
            f"{self.integrity_checks} integrity checks, {self.check_commands} 'studyapp check' runs, "
            f"{self.backup_files_checked} backup files checked. Nothing lost."
        )


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    killed: bool


class Lane:
    """One collection and the sequence of processes run and killed against it."""

    def __init__(self, folder: Path, rng: random.Random, min_delay: float, max_delay: float) -> None:
        self.folder = folder
        self.path = folder / "collection.studyapp"
        self.rng = rng
        self.min_delay = min_delay
        self.max_delay = max_delay
        self.figures = Figures()
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "STUDYAPP_COLLECTION"},
            "XDG_DATA_HOME": str(folder / "xdg-data"),
            "XDG_STATE_HOME": str(folder / "xdg-state"),
            "XDG_CONFIG_HOME": str(folder / "xdg-config"),
        }
        self.serial = 0

    def seed(self) -> None:
        """A deck with enough new cards that reviews never run dry, and no daily limit in the way."""
        self.folder.mkdir(parents=True, exist_ok=True)
        seed_csv = self.folder / "seed.csv"
        seed_csv.write_text("".join(f"Seed question {i}?,Seed answer {i}\n" for i in range(SEED_CARDS)))
        app = open_services(self.path)
        try:
            app.imports.import_file(seed_csv, DECK)
            app.decks.set_options(app.decks.id_of(DECK), DeckOptions(new_per_day=100_000, reviews_per_day=100_000))
        finally:
            app.close()

    def cycle(self) -> None:
        operation = self.rng.choices(list(OPERATIONS), weights=list(OPERATIONS.values()))[0]
        self.serial += 1
        getattr(self, f"_{operation}")()
        self.figures.cycles += 1
        self._verify_collection(run_check_command=self.figures.cycles % CHECK_EVERY == 0)

    # --- operations -------------------------------------------------------------------------------

    def _review(self) -> None:
        expected = self._reviews()  # undo takes back the newest answer in the collection, even an older one
        lines = "".join(self.rng.choice(RATINGS) + "\n" for _ in range(self.rng.randint(20, 150)))
        run = self._spawn("review", ["review", "--deck", DECK], stdin=lines)
        for line in run.stdout.splitlines():
            words = line.split()
            if words[:1] == ["answered"]:
                expected.append((int(words[1]), words[2]))
                self.figures.acknowledged_answers += 1
            elif words[:1] == ["undone"]:
                if not expected or expected.pop()[0] != int(words[1]):
                    raise HarnessFailure(f"{self.path}: undo took back a card that was not the newest answer")
                self.figures.acknowledged_undos += 1
        stored = self._reviews()
        in_flight = [expected, expected[:-1]] + ([[*expected, stored[-1]]] if stored else [])  # one unprinted commit
        if stored not in in_flight:
            raise HarnessFailure(f"{self.path}: stored reviews differ from the acknowledged ones (killed={run.killed})")

    def _import_csv(self) -> None:
        guids = [uuid.uuid4().hex for _ in range(self.rng.randint(20, 400))]
        file = self.folder / f"import-{self.serial}.csv"
        file.write_text(
            "#separator:comma\n#guid column:1\n" + "".join(f"{g},Imported {g}?,Answer {g}\n" for g in guids)
        )
        run = self._spawn("import_csv", ["import", str(file), "--deck", DECK])
        stored = self._count_guids(guids)
        self._check_all_or_nothing(run, stored, len(guids), file.name)

    def _import_article(self) -> None:
        name = f"Riv{self.serial}x{self.rng.randint(100, 999)}"
        file = self.folder / f"article-{self.serial}.txt"
        file.write_text(
            f"The {name} River\n\n"
            + ARTICLE.format(
                name=name,
                land=self.rng.choice(["Norway", "Chile", "Kenya", "Peru"]),
                km=self.rng.randint(100, 3000),
                year=self.rng.randint(1500, 1900),
                port=f"Port {name}",
                tons=self.rng.randint(2, 90),
                year2=self.rng.randint(1901, 2020),
                mw=self.rng.randint(10, 900),
            )
        )
        deck = f"Articles::{name}"
        run = self._spawn("import_article", ["import", str(file), "--deck", deck, "--max-cards", "8"])
        with _db(self.path) as db:
            exists = db.execute("SELECT count(*) FROM decks WHERE name = ?", (deck,)).fetchone()[0]
            cards = db.execute(
                "SELECT count(*) FROM cards JOIN decks ON decks.id = cards.deck_id WHERE decks.name = ?", (deck,)
            ).fetchone()[0]
        if run.returncode == 0 and not run.killed:
            added = int(run.stdout.split()[1])
            if not exists or cards != added:
                raise HarnessFailure(f"{file.name}: acknowledged {added} cards, stored {cards}")
            self.figures.acknowledged_imports += 1
        elif exists and cards == 0:
            raise HarnessFailure(f"{file.name}: a killed import left its deck without cards")
        elif run.killed:
            self.figures.killed_imports_all_or_nothing += 1

    def _export(self) -> None:
        before = self._fingerprint()
        out = self.folder / f"export-{self.serial}.apkg"
        run = self._spawn("export", ["export", "--deck", DECK, "--out", str(out)])
        if self._fingerprint() != before:
            raise HarnessFailure(f"{self.path}: an export changed the collection")
        if out.exists():
            with zipfile.ZipFile(out) as archive:
                if archive.testzip() is not None:
                    raise HarnessFailure(f"{out.name}: a damaged package was left under its final name")
            out.unlink()
        elif run.returncode == 0 and not run.killed:
            raise HarnessFailure(f"{out.name}: acknowledged but missing")
        self.figures.exports_checked += 1

    def _backup(self) -> None:
        run = self._spawn("backup", ["backup"])
        if run.returncode == 0 and not run.killed:
            path = Path(run.stdout.split("Backed up to ", 1)[1].rsplit(" (", 1)[0])
            inspect_backup(path)
            self.figures.acknowledged_backups += 1
        self._check_backup_files()

    def _restore(self) -> None:
        backups = sorted((self.folder / "backups").glob("*.studyapp"))
        if not backups:
            return self._backup()
        chosen = self.rng.choice(backups)
        target = inspect_backup(chosen).fingerprint
        before = self._fingerprint()
        run = self._spawn("restore", ["restore", str(chosen)])
        after = self._fingerprint()
        if run.returncode == 0 and not run.killed:
            if after != target:
                raise HarnessFailure(f"restore of {chosen.name} acknowledged but not in the collection")
            self.figures.acknowledged_restores += 1
        elif after not in (before, target):
            raise HarnessFailure(f"a killed restore of {chosen.name} left a mixture")
        elif run.killed:
            self.figures.killed_restores_atomic += 1
        return None

    # --- running and checking ---------------------------------------------------------------------

    def _spawn(self, operation: str, argv: list[str], stdin: str = "") -> Run:
        """Start the command, kill it after a random delay unless it finished, and collect its output."""
        process = subprocess.Popen(
            [sys.executable, "-m", "studyapp", "--collection", str(self.path), *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        assert process.stdin is not None
        process.stdin.write(stdin)  # small: fits the pipe buffer, so this never blocks
        process.stdin.close()
        killed = False
        try:
            process.wait(timeout=self.rng.uniform(self.min_delay, self.max_delay))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            killed = True
        stdout = process.stdout.read() if process.stdout else ""
        stderr = process.stderr.read() if process.stderr else ""
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        if killed and process.returncode != -signal.SIGKILL:
            killed = False  # it finished between the timeout and the signal
        if killed:
            self.figures.kills += 1
            self.figures.kills_by_operation[operation] = self.figures.kills_by_operation.get(operation, 0) + 1
        else:
            self.figures.completed += 1
            if process.returncode != 0:
                raise HarnessFailure(f"studyapp {' '.join(argv)} failed ({process.returncode}): {stderr.strip()}")
        return Run(process.returncode, stdout, stderr, killed)

    def _verify_collection(self, *, run_check_command: bool) -> None:
        """Reopen for writing (a stale lock would refuse) and run what ``studyapp check`` runs."""
        store = Store.open(self.path)
        try:
            report = HealthService(ServiceContext(store, SystemClock())).check()
        finally:
            store.close()
        if not report.healthy:
            raise HarnessFailure(f"{self.path}: {report.problems}")
        with _db(self.path) as db:
            reps, reviews = db.execute(
                "SELECT (SELECT sum(reps) FROM cards), (SELECT count(*) FROM reviews)"
            ).fetchone()
        if reps != reviews:
            raise HarnessFailure(f"{self.path}: cards count {reps} repetitions but {reviews} reviews are stored")
        self.figures.integrity_checks += 1
        if run_check_command:
            result = subprocess.run(
                [sys.executable, "-m", "studyapp", "--collection", str(self.path), "check"],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env=self.env,
                timeout=120,
            )
            if result.returncode != 0:
                raise HarnessFailure(f"studyapp check failed: {result.stdout}{result.stderr}")
            self.figures.check_commands += 1
            self._check_backup_files()

    def _check_backup_files(self) -> None:
        for path in sorted((self.folder / "backups").glob("*.studyapp")):
            inspect_backup(path)
            self.figures.backup_files_checked += 1

    def _check_all_or_nothing(self, run: Run, stored: int, total: int, name: str) -> None:
        if run.returncode == 0 and not run.killed:
            if stored != total:
                raise HarnessFailure(f"{name}: acknowledged, but {stored} of {total} cards stored")
            self.figures.acknowledged_imports += 1
        elif stored not in (0, total):
            raise HarnessFailure(f"{name}: a killed import stored {stored} of {total} cards")
        else:
            self.figures.killed_imports_all_or_nothing += 1

    def _reviews(self) -> list[tuple[int, str]]:
        names = {1: "again", 2: "hard", 3: "good", 4: "easy"}
        with _db(self.path) as db:
            return [
                (card, names[rating]) for card, rating in db.execute("SELECT card_id, rating FROM reviews ORDER BY id")
            ]

    def _count_guids(self, guids: list[str]) -> int:
        with _db(self.path) as db:
            marks = ",".join("?" * len(guids))
            return int(db.execute(f"SELECT count(*) FROM cards WHERE guid IN ({marks})", guids).fetchone()[0])

    def _fingerprint(self) -> str:
        store = Store.open(self.path, readonly=True)
        try:
            return fingerprint(store.engine)
        finally:
            store.close()


class _db:
    """A short read-only sqlite3 connection (recovers a hot WAL like any reader would)."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def __enter__(self) -> sqlite3.Connection:
        return self._connection

    def __exit__(self, *_exc: object) -> None:
        self._connection.close()


def run(
    workdir: Path,
    *,
    seed: int = 7,
    min_kills: int = 100,
    budget_seconds: float | None = 150.0,
    lanes: int = 2,
    min_delay: float = 0.15,
    max_delay: float = 1.4,
    report: Callable[[str], None] | None = None,
) -> Figures:
    """Kill processes until ``min_kills`` were survived or the time budget (if any) is used up.

    Tests pass no budget, so a slow or busy machine makes them slower, never wrong; benchmarks pass one.

    Raises ``HarnessFailure`` at the first lost acknowledgement or damaged file.
    """
    started = time.monotonic()
    workers = [Lane(workdir / f"lane{n}", random.Random(f"{seed}-{n}"), min_delay, max_delay) for n in range(lanes)]
    for lane in workers:
        lane.seed()
    stop = threading.Event()

    def drive(lane: Lane) -> None:
        while not stop.is_set():
            out_of_time = budget_seconds is not None and time.monotonic() - started > budget_seconds
            if sum(w.figures.kills for w in workers) >= min_kills or out_of_time:
                stop.set()
                break
            try:
                lane.cycle()
            except BaseException:
                stop.set()
                raise
            if report is not None and lane.figures.cycles % 25 == 0:
                report(f"{lane.folder.name}: {lane.figures.cycles} processes, {lane.figures.kills} kills")

    with ThreadPoolExecutor(max_workers=lanes) as pool:
        for future in [pool.submit(drive, lane) for lane in workers]:
            future.result()
    for lane in workers:
        lane._verify_collection(run_check_command=True)
    total = Figures()
    for lane in workers:
        total.add(lane.figures)
    total.seconds = time.monotonic() - started
    return total
