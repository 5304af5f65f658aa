"""Milliseconds per review, StudyApp beside the real Anki backend, on equal work.

One review = fetch the next card with both sides' text and its four button
labels, answer it, commit.

- StudyApp: ``session.next_card()`` (question, answer) + ``card.intervals``
  (all four labels) + ``session.answer()``.
- Anki: ``get_queued_cards()`` + ``card.question()``/``card.answer()`` +
  ``describe_next_states()`` + ``answer_card()``.

Both pay one durable commit per answer (WAL, ``synchronous=FULL``; Anki's
backend commits every operation itself).  On a disk whose fsync takes
milliseconds that commit is most of the wall time, so the process's CPU
time per review (Anki's Rust backend runs in-process, so it is counted
too) is printed as well: the work itself, without the wait for the disk.  The two sides run in lockstep, one
answer each in turn, so a busy disk or CPU slows both alike.

Equal work, checked rather than assumed:

- the same cards on both sides (``synthetic_collections``): ``plain``
  (imported, no siblings) and ``generated`` (made from articles, with their
  source and sibling groups: one Anki Cloze note per sentence), each
  ``fresh`` (all new) and with ``history`` (reviews due today);
- limits lifted on both sides (``LIFTED`` new and reviews per day, and
  Anki's "new cards ignore review limit" on, as StudyApp counts them);
  sibling burying on in both (Anki's "bury new/review siblings");
- due dates in whole study days from today's start and no review today, so
  the queue does not depend on the time of day;
- each side's queue mix (new, learning, review) is printed before the run,
  and the kinds of cards answered after it; the benchmark fails (exit 1)
  when they differ.

Also timed: the deck list's counts (``services.decks.list()``) beside
Anki's ``deck_due_tree()``, with both sides' counts for the top deck.

Built collections are cached under ``benchmarks/out/`` (per study day) and
copied before each run.

Run: ``.venv/bin/python benchmarks/review_latency.py [--cards 10000 100000] [--reviews 500]
[--style plain generated] [--history fresh history]``
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_collections import DECK, DUE_HOUR, SyntheticCard, build_collection, queue_mix, synthetic_cards

from studyapp.domain.cards import CardState
from studyapp.domain.scheduling import DeckOptions, Rating
from studyapp.scheduling.study_day import today_bounds
from studyapp.services.app import Services, open_services
from studyapp.storage.file_check import HEAD_REVISION

T = TypeVar("T")
OUT = Path(__file__).resolve().parent / "out"
LIFTED = 9_999  # the most Anki accepts
OPTIONS = DeckOptions(new_per_day=LIFTED, reviews_per_day=LIFTED)
GOAL_RATIO = 1.0
KIND = {CardState.NEW: "new", CardState.LEARNING: "learning", CardState.RELEARNING: "learning"}
KIND[CardState.REVIEW] = "review"


class WorkDiffers(Exception):
    """The two sides would not be timed on the same work."""


@dataclass(frozen=True, slots=True)
class Run:
    """One side's run: milliseconds per review, the queue before it and the kinds of card answered."""

    times_ms: list[float]
    cpu_ms: list[float]  # the process's CPU time per review (Anki's backend runs in-process): no disk wait
    mix: tuple[int, int, int]  # new, learning, review
    answered: Counter[str]


def ratings(count: int, seed: int = 1) -> list[Rating]:
    rng = random.Random(seed)
    return rng.choices(list(Rating), weights=(10, 5, 80, 5), k=count)


def cached(name: str, builder: Callable[[Path], None]) -> Path:
    """Build once per study day and parameters; later runs reuse the file."""
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_name(path.name + ".partial")
        for stale in OUT.glob(path.name + ".partial*"):
            stale.unlink()
        builder(partial)
        partial.rename(path)
        print(f"  built {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def summarise(label: str, times_ms: Sequence[float]) -> float:
    ordered = sorted(times_ms)
    median = statistics.median(ordered)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"  {label:<30} median {median:7.3f} ms   mean {statistics.fmean(ordered):7.3f}   p95 {p95:7.3f}")
    return median


# StudyApp ---------------------------------------------------------------------------------------------------


def studyapp_reviews(path: Path, answers: Sequence[Rating]) -> Generator[None, None, Run]:
    app = open_services(path)
    try:
        session = app.reviews.start(app.decks.id_of(DECK))
        counts = session.counts()
        times, cpu, answered = [], [], Counter[str]()
        for rating in answers:
            yield
            started, started_cpu = time.perf_counter(), time.process_time()
            card = session.next_card()
            if card is None:
                break
            labels = [card.intervals[r] for r in Rating]
            session.answer(card.card.id, rating)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert len(labels) == 4 and card.question and card.answer
            answered[KIND[card.card.state]] += 1
        return Run(times, cpu, (counts.new, counts.learning, counts.review), answered)
    finally:
        app.close()


def studyapp_deck_list(path: Path, repeat: int = 20) -> Generator[None, None, tuple[list[float], tuple[int, int, int]]]:
    app: Services = open_services(path)
    try:
        rows = app.decks.list()  # warm the page cache, as an open window would have
        top = next(row for row in rows if row.name == DECK)
        times = []
        for _ in range(repeat):
            yield
            started = time.perf_counter()
            app.decks.list()
            times.append((time.perf_counter() - started) * 1000)
        return times, (top.new, top.learning, top.due)
    finally:
        app.close()


# Anki -------------------------------------------------------------------------------------------------------


def build_anki(path: Path, plan: Sequence[SyntheticCard]) -> None:
    """The plan as Anki notes: Basic for plain cards, one Cloze note per sentence for generated ones."""
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(path))
    try:
        col.set_config("fsrs", True)
        col.set_config("newCardsIgnoreReviewLimit", True)  # as StudyApp: the review limit does not cap new cards
        config = col.decks.get_config(1)
        assert config is not None
        config["new"]["perDay"] = OPTIONS.new_per_day
        config["rev"]["perDay"] = OPTIONS.reviews_per_day
        config["new"]["bury"] = config["rev"]["bury"] = True
        config["desiredRetention"] = OPTIONS.desired_retention
        col.decks.update_config(config)
        basic, cloze = col.models.by_name("Basic"), col.models.by_name("Cloze")
        assert basic is not None and cloze is not None
        deck_ids = {name: col.decks.id(name) for name in sorted({c.deck for c in plan})}
        notes: dict[int, list[SyntheticCard]] = {}
        for card in plan:
            notes.setdefault(card.note, []).append(card)
        requests = []
        for siblings in notes.values():
            first = siblings[0]
            if first.source is None:
                note = col.new_note(basic)
                note["Front"], note["Back"] = first.front, first.back
            else:
                note = col.new_note(cloze)
                note["Text"] = " ".join(f"{{{{c{n}::{c.back}}}}} is {c.front}" for n, c in enumerate(siblings, 1))
            requests.append(AddNoteRequest(note=note, deck_id=deck_ids[first.deck]))
        col.add_notes(requests)
        # Notes were added in plan order and a note's cards by cloze number, as the plan lists them.
        card_ids = col.db.list("select id from cards order by nid, ord")
        today, day_start = col.sched.today, col.sched.day_cutoff - 86_400
        rows = []
        for card_id, card in zip(card_ids, plan, strict=True):
            if card.state is not CardState.REVIEW:
                continue
            assert card.due_day is not None
            last_review = day_start + (card.due_day - card.interval) * 86_400 + int(DUE_HOUR.total_seconds())
            data = {"s": card.stability, "d": card.difficulty, "dr": OPTIONS.desired_retention, "lrt": last_review}
            rows.append((today + card.due_day, card.interval, card.reps, card.lapses, json.dumps(data), card_id))
        col.db.executemany(
            "update cards set type=2, queue=2, due=?, ivl=?, factor=2500, reps=?, lapses=?, data=? where id=?", rows
        )
        col.decks.select(col.decks.id(DECK))
    finally:
        col.close()


def anki_reviews(path: Path, answers: Sequence[Rating]) -> Generator[None, None, Run]:
    # anki.collection must be imported before anki.cards (they import each other).
    from anki.collection import Collection  # noqa: I001
    from anki.cards import Card
    from anki.scheduler.v3 import CardAnswer, QueuedCards

    buttons = {Rating.AGAIN: CardAnswer.AGAIN, Rating.HARD: CardAnswer.HARD, Rating.GOOD: CardAnswer.GOOD}
    buttons[Rating.EASY] = CardAnswer.EASY
    kinds = {QueuedCards.NEW: "new", QueuedCards.LEARNING: "learning", QueuedCards.REVIEW: "review"}
    col = Collection(str(path))
    try:
        col.decks.select(col.decks.id(DECK))
        first = col.sched.get_queued_cards(fetch_limit=1)
        mix = (first.new_count, first.learning_count, first.review_count)
        times, cpu, answered = [], [], Counter[str]()
        for rating in answers:
            yield
            started, started_cpu = time.perf_counter(), time.process_time()
            queued = col.sched.get_queued_cards(fetch_limit=1)
            if not queued.cards:
                break
            top = queued.cards[0]
            card = Card(col)
            card._load_from_backend_card(top.card)
            question, answer = card.question(), card.answer()
            labels = col.sched.describe_next_states(top.states)
            card.start_timer()
            col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=buttons[rating]))
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert len(labels) == 4 and question and answer
            answered[kinds[top.queue]] += 1
        return Run(times, cpu, mix, answered)
    finally:
        col.close()


def anki_deck_tree(path: Path, repeat: int = 20) -> Generator[None, None, tuple[list[float], tuple[int, int, int]]]:
    from anki.collection import Collection

    col = Collection(str(path))
    try:
        tree = col.sched.deck_due_tree()
        top = next(child for child in tree.children if child.name == DECK)
        times = []
        for _ in range(repeat):
            yield
            started = time.perf_counter()
            col.sched.deck_due_tree()
            times.append((time.perf_counter() - started) * 1000)
        return times, (top.new_count, top.learn_count, top.review_count)
    finally:
        col.close()


# -----------------------------------------------------------------------------------------------------------


def lockstep(ours: Generator[None, None, T], theirs: Generator[None, None, T]) -> tuple[T, T]:
    """Run both sides a step at a time, alternately, so both meet the same load on a shared machine."""
    done: dict[int, T] = {}
    runs = {0: ours, 1: theirs}
    while runs:
        for side, run in list(runs.items()):
            try:
                next(run)
            except StopIteration as stop:
                done[side] = stop.value
                del runs[side]
    return done[0], done[1]


def same_work(what: str, ours: object, theirs: object) -> None:
    print(f"  {what:<30} StudyApp {ours}   Anki {theirs}")
    if ours != theirs:
        raise WorkDiffers(f"{what} differs: StudyApp {ours}, Anki {theirs}")


def scenario(cards: int, style: str, history: str, args: argparse.Namespace, now: datetime) -> list[str]:
    """Run one scenario; returns the lines of the closing table."""
    plan = synthetic_cards(cards, style=style, history=history == "history", seed=args.seed)  # type: ignore[arg-type]
    day_start, _ = today_bounds(now)
    stamp = f"{cards}-{style}-{history}-{args.seed}-{day_start.date().isoformat()}-schema{HEAD_REVISION}"
    new, due = queue_mix(plan)
    print(f"\n== {cards} {style} cards, {history}: {len(plan)} cards in {len({c.note for c in plan})} sibling groups;")
    print(f"   expected queue, one card per sibling group: {min(new, LIFTED)} new, {min(due, LIFTED)} reviews due")
    build_ours = lambda p: build_collection(p, plan, OPTIONS, day_start=day_start)  # noqa: E731
    ours_cached = cached(f"studyapp-{stamp}.studyapp", build_ours)
    anki_cached = cached(f"anki-{stamp}.anki2", lambda p: build_anki(p, plan))
    answers = ratings(args.reviews)
    with tempfile.TemporaryDirectory(dir=OUT) as work:
        ours_path, anki_path = Path(work) / "ours.studyapp", Path(work) / "anki.anki2"
        shutil.copy(ours_cached, ours_path)
        shutil.copy(anki_cached, anki_path)
        ours, theirs = lockstep(studyapp_reviews(ours_path, answers), anki_reviews(anki_path, answers))
        same_work("queue before (new, lrn, rev)", ours.mix, theirs.mix)
        same_work("cards answered by kind", dict(sorted(ours.answered.items())), dict(sorted(theirs.answered.items())))
        print(f"  reviews (fetch + text + 4 labels + answer + commit), {len(ours.times_ms)} answers:")
        ours_ms = summarise("StudyApp", ours.times_ms)
        anki_ms = summarise("Anki 26.9.3", theirs.times_ms)
        review_ratio = ours_ms / anki_ms
        print("  CPU time of the same reviews (without waiting for the disk's fsync):")
        ours_cpu = summarise("StudyApp", ours.cpu_ms)
        anki_cpu = summarise("Anki 26.9.3", theirs.cpu_ms)

        shutil.copy(ours_cached, ours_path)
        shutil.copy(anki_cached, anki_path)
        (ours_list, ours_top), (anki_list, anki_top) = lockstep(
            studyapp_deck_list(ours_path), anki_deck_tree(anki_path)
        )
        same_work(f"deck list counts for '{DECK}'", ours_top, anki_top)
        list_ratio = summarise("StudyApp decks.list()", ours_list) / summarise("Anki deck_due_tree()", anki_list)
    verdict = {True: "meets", False: "MISSES"}
    return [
        f"{cards:>7} {style:<9} {history:<7} {'per review':<11} {ours_ms:7.3f} {anki_ms:7.3f} {review_ratio:6.2f}"
        f"  {verdict[review_ratio <= GOAL_RATIO]}",
        f"{cards:>7} {style:<9} {history:<7} {'review CPU':<11} {ours_cpu:7.3f} {anki_cpu:7.3f}"
        f" {ours_cpu / anki_cpu:6.2f}  {verdict[ours_cpu <= GOAL_RATIO * anki_cpu]}",
        f"{cards:>7} {style:<9} {history:<7} {'deck list':<11} {statistics.median(ours_list):7.3f}"
        f" {statistics.median(anki_list):7.3f} {list_ratio:6.2f}  {verdict[list_ratio <= GOAL_RATIO]}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--style", nargs="+", choices=("plain", "generated"), default=["plain", "generated"])
    parser.add_argument("--history", nargs="+", choices=("fresh", "history"), default=["fresh", "history"])
    parser.add_argument("--reviews", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    now = datetime.now(UTC)
    table = []
    try:
        for cards in args.cards:
            for style in args.style:
                for history in args.history:
                    table += scenario(cards, style, history, args, now)
    except WorkDiffers as error:
        print(f"\nFAILED: the two sides did different work: {error}", file=sys.stderr)
        return 1
    print(f"\nMedians in ms; ratio StudyApp/Anki, goal ≤ {GOAL_RATIO}")
    print(f"{'cards':>7} {'style':<9} {'history':<7} {'measure':<11} {'ours':>7} {'Anki':>7} {'ratio':>6}")
    print("\n".join(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
