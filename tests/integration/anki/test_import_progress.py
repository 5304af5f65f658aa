"""Importing an Anki collection keeps its progress: schedules, memory states, suspensions, burials, the review log.

The collection is made by the real Anki library with FSRS on: cards answered
by Anki's scheduler, moved in time with Anki's own "set due date", lapsed,
suspended, buried and pulled into a filtered deck; Anki's exporters write the
.apkg and .colpkg.  StudyApp imports them into a real SQLite file, and each
card must be where Anki had it: same state, due the same number of days from
today, same interval, memory state, review count and review-log rows (with
Anki's ids, so importing again adds none).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from anki.cards import FSRSMemoryState
from anki.collection import Collection, ExportAnkiPackageOptions
from anki.import_export_pb2 import ExportLimit
from sqlalchemy import select

from studyapp.cli.main import main
from studyapp.domain.cards import CardState
from studyapp.domain.clock import FixedClock
from studyapp.domain.ids import CardId, DeckId
from studyapp.domain.scheduling import DeckOptions, Rating
from studyapp.scheduling.fsrs_scheduler import FsrsScheduler
from studyapp.scheduling.fuzz import fuzz_range
from studyapp.scheduling.study_day import study_day
from studyapp.services.app import Services, open_services
from studyapp.storage.records import CardRecord, ReviewRecord
from tests.integration.anki.conftest import AnkiFactory

NAMES = ("learning", "review", "lapsed", "filtered", "suspended", "buried", "new", "due")
DAY_SECONDS = 86_400


@dataclass(frozen=True)
class AnkiView:
    """What Anki shows of one card: its state, due in days from today (review cards), interval and memory."""

    type: int
    days_due: int | None
    interval: int
    reps: int
    lapses: int
    stability: float | None
    difficulty: float | None


def _answer(col: Collection, card_id: int, ease: int) -> None:
    card = col.get_card(card_id)
    card.start_timer()
    col.sched.answerCard(card, ease)


def _studied(col: Collection) -> dict[str, int]:
    """One Basic note per name in deck Lang, each card brought to the state its name says; returns card ids."""
    col.set_config("fsrs", True)
    deck = col.decks.id("Lang")
    col.decks.select(deck)
    ids: dict[str, int] = {}
    for name in NAMES:
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = f"{name}?", name
        col.add_note(note, deck)
        ids[name] = note.cards()[0].id
    _answer(col, ids["learning"], 3)  # Good on a new card: its second learning step, due in minutes
    for name in ("review", "lapsed", "filtered", "suspended"):
        _answer(col, ids[name], 4)  # Easy: graduates to review
    col.sched.set_due_date([ids["review"]], "12!")  # due in 12 days, interval 12 (a "Manual" revlog row)
    col.sched.set_due_date([ids["lapsed"]], "0")
    _answer(col, ids["lapsed"], 1)  # Again on a review card: a lapse, relearning
    _answer(col, ids["due"], 4)
    due = col.get_card(ids["due"])  # as if its last answer were 12 days ago, interval 12: due today
    due.due, due.ivl, due.last_review_time = col.sched.today, 12, int(time.time()) - 12 * DAY_SECONDS
    due.memory_state = FSRSMemoryState(stability=12.0, difficulty=5.0)
    col.update_card(due)
    col.sched.suspend_cards([ids["suspended"]])
    col.sched.bury_cards([ids["buried"]])
    filtered = col.sched.get_or_create_filtered_deck(deck_id=0)
    filtered.name = "Custom Study Session"
    filtered.config.search_terms[0].search = f"cid:{ids['filtered']}"
    filtered.config.reschedule = True
    col.sched.add_or_update_filtered_deck(filtered)
    assert col.get_card(ids["filtered"]).odid == deck  # it sits in the filtered deck now
    return ids


def _anki_view(col: Collection, card_id: int) -> AnkiView:
    card = col.get_card(card_id)
    due = card.odue if card.odid else card.due
    memory = card.memory_state
    return AnkiView(
        type=card.type,
        days_due=due - col.sched.today if card.type == 2 else None,
        interval=card.ivl,
        reps=card.reps,
        lapses=card.lapses,
        stability=memory.stability if memory else None,
        difficulty=memory.difficulty if memory else None,
    )


@dataclass(frozen=True)
class Exported:
    apkg: Path
    colpkg: Path
    ids: dict[str, int]
    views: dict[str, AnkiView]
    answers: set[int]
    """Revlog ids of the answers (rows with an ease; "set due date" rows have none)."""
    queues: dict[str, int]
    next_states: dict[Rating, tuple[int, float]]
    """Anki's FSRS interval and stability for the "due" card answered now, by rating (Hard, Good, Easy)."""


@pytest.fixture
def exported(anki_collection: AnkiFactory, tmp_path: Path) -> Exported:
    col = anki_collection()
    ids = _studied(col)
    views = {name: _anki_view(col, card_id) for name, card_id in ids.items()}
    queues = {name: col.get_card(card_id).queue for name, card_id in ids.items()}
    answers = {int(i) for i in col.db.list("SELECT id FROM revlog WHERE ease > 0")}
    states = col._backend.get_scheduling_states(ids["due"])
    next_states = {
        rating: (choice.normal.review.scheduled_days, choice.normal.review.memory_state.stability)
        for rating, choice in ((Rating.HARD, states.hard), (Rating.GOOD, states.good), (Rating.EASY, states.easy))
    }
    apkg = tmp_path / "progress.apkg"
    options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True, legacy=False)
    col.export_anki_package(out_path=str(apkg), options=options, limit=ExportLimit())
    colpkg = tmp_path / "progress.colpkg"
    col.export_collection_package(str(colpkg), include_media=True, legacy=False)  # closes the collection
    col.reopen()
    return Exported(apkg, colpkg, ids, views, answers, queues, next_states)


@pytest.fixture
def now_services(collection_path: Path) -> Iterator[Services]:
    """Services whose clock says what Anki's did: Anki's "today" is the computer's."""
    opened = open_services(collection_path, clock=FixedClock(datetime.now(UTC)))
    yield opened
    opened.close()


def _cards(services: Services) -> dict[str, CardRecord]:
    with services.context.store.unit_of_work() as uow:
        records = uow.session.scalars(select(CardRecord)).all()
        for record in records:
            _ = record.deck.name  # loaded while the session is open
        uow.session.expunge_all()
        return {record.back: record for record in records}


def _anki_ids(services: Services) -> list[int]:
    with services.context.store.unit_of_work() as uow:
        return [i for i in uow.session.scalars(select(ReviewRecord.anki_id)) if i is not None]


def _check_progress(services: Services, exported: Exported) -> None:
    cards = _cards(services)
    today = study_day(services.context.now())
    for name, view in exported.views.items():
        card = cards[name]
        assert card.deck.name == "Lang", name  # the filtered card is back in its home deck
        assert card.state == view.type, name
        assert (card.reps, card.lapses) == (view.reps, view.lapses), name
        if view.stability is not None:
            assert card.stability == pytest.approx(view.stability, abs=1e-3), name
            assert card.difficulty == pytest.approx(view.difficulty, abs=1e-3), name
        if view.days_due is not None:
            assert card.due is not None and card.last_review is not None
            assert (study_day(card.due) - today).days == view.days_due, name
            assert (study_day(card.due) - study_day(card.last_review)).days == view.interval, name
    assert cards["learning"].state == CardState.LEARNING and cards["learning"].due is not None
    assert cards["lapsed"].state == CardState.RELEARNING
    assert cards["new"].state == CardState.NEW and cards["new"].due is None
    assert cards["suspended"].suspended and cards["suspended"].state == CardState.REVIEW
    assert cards["buried"].buried_until is not None and cards["buried"].buried_until > services.context.now()
    assert not any(cards[name].suspended or cards[name].buried_until for name in (*NAMES[:4], "new", "due"))
    assert sorted(_anki_ids(services)) == sorted(exported.answers)


def test_the_anki_collection_is_as_anki_had_it(exported: Exported) -> None:
    """The fixture's collection has each state the import must keep (so the other tests check something)."""
    assert [exported.views[n].type for n in NAMES] == [1, 2, 3, 2, 2, 0, 0, 2]
    assert (exported.views["review"].days_due, exported.views["due"].days_due) == (12, 0)
    assert exported.queues["suspended"] == -1 and exported.queues["buried"] == -3
    assert len(exported.answers) == 7


@pytest.mark.parametrize("package", ["apkg", "colpkg"])
def test_import_keeps_schedules_suspensions_burials_and_the_review_log(
    now_services: Services, exported: Exported, package: str
) -> None:
    path = exported.apkg if package == "apkg" else exported.colpkg
    summary = now_services.imports.import_file(path)

    _check_progress(now_services, exported)
    assert (summary.added, summary.kept_schedules, summary.reviews) == (8, 7, 7)
    text = summary.describe()
    assert "7 cards kept their schedule." in text
    assert "Imported 7 review-log rows." in text
    assert "Left out 2 review-log row(s) that record no answer" in text
    assert "Custom Study Session" not in summary.deck


def test_a_second_import_adds_no_review_log_row_and_keeps_the_schedules(
    now_services: Services, exported: Exported
) -> None:
    now_services.imports.import_file(exported.apkg)
    again = now_services.imports.import_file(exported.colpkg)

    assert (again.added, again.reviews) == (0, 0)
    assert "7 review-log row(s) were in the collection already." in again.describe()
    _check_progress(now_services, exported)


def test_imported_answers_are_the_cards_history_and_not_an_answer_to_undo(
    now_services: Services, exported: Exported
) -> None:
    now_services.imports.import_file(exported.apkg)
    cards = _cards(now_services)
    info = now_services.browse.card_info(CardId(cards["lapsed"].id))
    assert [(row.rating, row.state_before) for row in info.history] == [
        (Rating.EASY, CardState.NEW),
        (Rating.AGAIN, CardState.REVIEW),
    ]
    session = now_services.reviews.start(DeckId(cards["lapsed"].deck_id))
    assert session.undo() is None


def test_the_cli_says_what_progress_came_in(
    capsys: pytest.CaptureFixture[str], collection_path: Path, exported: Exported
) -> None:
    code = main(["--collection", str(collection_path), "import", str(exported.colpkg)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "7 cards kept their schedule. Imported 7 review-log rows." in out


def test_the_scheduler_continues_where_anki_left_off(now_services: Services, exported: Exported) -> None:
    """Answered when due, the imported card's memory moves as in Anki's FSRS, and its intervals follow.

    Anki's intervals are fuzzed with a seed from its card id (a time), so they are compared
    with the range both programs fuzz within; the stabilities, which are not fuzzed, closely.
    """
    now_services.imports.import_file(exported.apkg)
    card_id = _cards(now_services)["due"].id
    with now_services.context.store.unit_of_work() as uow:
        state = uow.cards.scheduling_state(CardId(card_id))
    options = DeckOptions(enable_fuzz=False)
    scheduler = FsrsScheduler(options)
    now = datetime.now(UTC)  # Anki's "now" was later than the services' clock: the card was set up after it
    for rating, (anki_days, anki_stability) in exported.next_states.items():
        after = scheduler.review(card_id, state, rating, now).after
        assert after.stability == pytest.approx(anki_stability, rel=0.01), rating
        ours = round(scheduler.preview(card_id, state, now)[rating].total_seconds() / DAY_SECONDS)
        low, high = fuzz_range(ours, options.maximum_interval)
        assert low - 1 <= anki_days <= high + 1, (rating, ours, anki_days)  # a day more: Anki keeps Hard < Good < Easy
