"""Milliseconds per review on a 100k-card collection: StudyApp beside the real Anki backend.

One review = fetch the next card (with its four button intervals) + answer
it + commit.  StudyApp: ``session.next_card()`` + ``session.answer()`` (one
SQLite transaction per answer, WAL, ``synchronous=FULL``).  Anki:
``get_queued_cards()`` + ``describe_next_states()`` + ``build_answer()`` +
``answer_card()``; Anki's backend commits every operation itself (checked:
the revlog row survives ``os._exit`` right after ``answer_card``), with WAL
and ``synchronous=FULL`` as well, so both pay one durable commit per answer.

Both collections hold the same plan (``synthetic_collections.synthetic_cards``): new
cards plus review cards with FSRS memory states, some overdue; FSRS is on in
Anki; daily limits are 20 new / 9999 reviews in both, so the queue never runs
dry.  Ratings come from one seeded sequence (mostly Good, some Again).  Built
collections are cached under ``benchmarks/out/`` (per day, since due dates are
relative to today) and copied before each run.

Also timed: the deck list's counts (``services.decks.list()``, goal ≤ 20 ms)
beside Anki's ``deck_due_tree()``.

Run: ``.venv/bin/python benchmarks/review_latency.py [--cards 100000] [--reviews 500]``
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
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_collections import DECK, SyntheticCard, build_collection, synthetic_cards

from studyapp.domain.cards import CardState
from studyapp.domain.scheduling import DeckOptions, Rating
from studyapp.scheduling.study_day import study_day
from studyapp.services.app import Services, open_services

OUT = Path(__file__).resolve().parent / "out"
OPTIONS = DeckOptions(new_per_day=20, reviews_per_day=9999)
GOAL_RATIO = 1.0
GOAL_DECK_LIST_MS = 20.0


def ratings(count: int, seed: int = 1) -> list[Rating]:
    rng = random.Random(seed)
    return rng.choices(list(Rating), weights=(10, 5, 80, 5), k=count)


def cached(name: str, builder: Callable[[Path], None]) -> Path:
    """Build once per day and parameters; later runs reuse the file."""
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
    mean = statistics.fmean(ordered)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"  {label:<28} mean {mean:7.2f} ms   median {statistics.median(ordered):7.2f}   p95 {p95:7.2f}")
    return mean


# StudyApp ---------------------------------------------------------------------------------------------------


def studyapp_reviews(path: Path, answers: Sequence[Rating]) -> list[float]:
    app = open_services(path)
    try:
        session = app.reviews.start(app.decks.id_of(DECK))
        times = []
        for rating in answers:
            started = time.perf_counter()
            card = session.next_card()
            if card is None:
                break
            session.answer(card.card.id, rating)
            times.append((time.perf_counter() - started) * 1000)
        return times
    finally:
        app.close()


def studyapp_deck_list(path: Path, repeat: int = 20) -> list[float]:
    app: Services = open_services(path)
    try:
        app.decks.list()  # warm the page cache, as an open window would have
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            app.decks.list()
            times.append((time.perf_counter() - started) * 1000)
        return times
    finally:
        app.close()


# Anki -------------------------------------------------------------------------------------------------------


def build_anki(path: Path, plan: Sequence[SyntheticCard], now: datetime) -> None:
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(path))
    try:
        col.set_config("fsrs", True)
        config = col.decks.get_config(1)
        assert config is not None
        config["new"]["perDay"] = OPTIONS.new_per_day
        config["rev"]["perDay"] = OPTIONS.reviews_per_day
        config["desiredRetention"] = OPTIONS.desired_retention
        col.decks.update_config(config)
        basic = col.models.by_name("Basic")
        assert basic is not None
        deck_ids = {name: col.decks.id(name) for name in sorted({c.deck for c in plan})}
        requests = []
        for card in plan:
            note = col.new_note(basic)
            note["Front"], note["Back"] = card.front, card.back
            requests.append(AddNoteRequest(note=note, deck_id=deck_ids[card.deck]))
        col.add_notes(requests)
        # Notes were added in plan order, so card ids sort in plan order too.
        card_ids = col.db.list("select id from cards order by id")
        today_anki, today = col.sched.today, study_day(now)
        rows = []
        for card_id, card in zip(card_ids, plan, strict=True):
            if card.state is not CardState.REVIEW:
                continue
            assert card.due is not None and card.last_review is not None
            due_day = today_anki + (study_day(card.due) - today).days
            interval = max(1, (card.due - card.last_review).days)
            data = {"s": card.stability, "d": card.difficulty, "dr": OPTIONS.desired_retention,
                    "lrt": int(card.last_review.timestamp())}  # fmt: skip
            rows.append((due_day, interval, card.reps, card.lapses, json.dumps(data), card_id))
        col.db.executemany(
            "update cards set type=2, queue=2, due=?, ivl=?, factor=2500, reps=?, lapses=?, data=? where id=?", rows
        )
        col.decks.select(col.decks.id(DECK))
    finally:
        col.close()


def anki_reviews(path: Path, answers: Sequence[Rating]) -> list[float]:
    # anki.collection must be imported before anki.cards (they import each other).
    from anki.collection import Collection  # noqa: I001
    from anki.cards import Card
    from anki.scheduler.v3 import CardAnswer

    buttons = {Rating.AGAIN: CardAnswer.AGAIN, Rating.HARD: CardAnswer.HARD, Rating.GOOD: CardAnswer.GOOD}
    buttons[Rating.EASY] = CardAnswer.EASY
    col = Collection(str(path))
    try:
        col.decks.select(col.decks.id(DECK))
        times = []
        for rating in answers:
            started = time.perf_counter()
            queued = col.sched.get_queued_cards(fetch_limit=1)
            if not queued.cards:
                break
            top = queued.cards[0]
            col.sched.describe_next_states(top.states)  # the button labels, as our next_card() makes
            card = Card(col)
            card._load_from_backend_card(top.card)
            card.start_timer()
            col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=buttons[rating]))
            times.append((time.perf_counter() - started) * 1000)
        return times
    finally:
        col.close()


def anki_deck_tree(path: Path, repeat: int = 20) -> list[float]:
    from anki.collection import Collection

    col = Collection(str(path))
    try:
        col.sched.deck_due_tree()
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            col.sched.deck_due_tree()
            times.append((time.perf_counter() - started) * 1000)
        return times
    finally:
        col.close()


# -----------------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-anki", action="store_true")
    args = parser.parse_args(argv)

    now = datetime.now(UTC)
    stamp = f"{args.cards}-{args.seed}-{date.today().isoformat()}"
    plan = synthetic_cards(args.cards, seed=args.seed, now=now)
    due = sum(1 for c in plan if c.due is not None and c.due <= now)
    print(f"{args.cards} cards: {sum(1 for c in plan if c.state is CardState.REVIEW)} in review, {due} due now")
    ours_cached = cached(f"studyapp-{stamp}.studyapp", lambda p: build_collection(p, plan, OPTIONS))
    answers = ratings(args.reviews)

    with tempfile.TemporaryDirectory(dir=OUT) as work:
        ours = Path(work) / "ours.studyapp"
        shutil.copy(ours_cached, ours)
        print(f"\nReviews (fetch + answer + commit), {args.reviews} answers:")
        ours_times = studyapp_reviews(ours, answers)
        ours_mean = summarise(f"StudyApp ({len(ours_times)} done)", ours_times)
        anki_mean = None
        if not args.skip_anki:
            anki_cached = cached(f"anki-{stamp}.anki2", lambda p: build_anki(p, plan, now))
            theirs = Path(work) / "anki.anki2"
            shutil.copy(anki_cached, theirs)
            anki_times = anki_reviews(theirs, answers)
            anki_mean = summarise(f"Anki 26.9.3 ({len(anki_times)} done)", anki_times)
            ratio = ours_mean / anki_mean
            verdict = "meets" if ratio <= GOAL_RATIO else "misses"
            print(f"  ratio StudyApp/Anki: {ratio:.2f} ({verdict} the goal ≤ {GOAL_RATIO})")

        print("\nDeck list with due counts:")
        shutil.copy(ours_cached, ours)
        deck_mean = summarise("StudyApp decks.list()", studyapp_deck_list(ours))
        print(f"  goal ≤ {GOAL_DECK_LIST_MS:.0f} ms: {'met' if deck_mean <= GOAL_DECK_LIST_MS else 'missed'}")
        if anki_mean is not None:
            summarise("Anki deck_due_tree()", anki_deck_tree(Path(work) / "anki.anki2"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
