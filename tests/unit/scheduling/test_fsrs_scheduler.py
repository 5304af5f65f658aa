"""FsrsScheduler against py-fsrs used directly, plus what it adds (reps, lapses, seeded fuzz)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import fsrs
import pytest

from studyapp.domain.cards import CardState
from studyapp.domain.scheduling import DeckOptions, Rating, SchedulingState
from studyapp.scheduling.fsrs_scheduler import DEFAULT_PARAMETERS, FsrsScheduler, interval_text
from studyapp.scheduling.fuzz import fuzz_range, fuzzed_days

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
NO_FUZZ = DeckOptions(enable_fuzz=False)
CARD = 1001


def replay(scheduler: FsrsScheduler, answers: list[tuple[Rating, datetime]]) -> list[SchedulingState]:
    state = SchedulingState()
    states = []
    for rating, when in answers:
        state = scheduler.review(CARD, state, rating, when).after
        states.append(state)
    return states


def test_scripted_sequence_matches_py_fsrs_exactly() -> None:
    scheduler = FsrsScheduler(NO_FUZZ)
    reference = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(card_id=CARD, due=T0)
    script = [Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY]
    state = SchedulingState()
    now = T0
    for rating in script:
        card, _ = reference.review_card(card, fsrs.Rating(int(rating)), review_datetime=now)
        state = scheduler.review(CARD, state, rating, now).after
        assert state.due == card.due
        assert state.stability == card.stability
        assert state.difficulty == card.difficulty
        assert state.step == card.step
        assert int(state.state) == int(card.state)
        now = card.due  # answer each card when it falls due
    assert state.reps == len(script)


@pytest.mark.parametrize(
    "options",
    [NO_FUZZ, DeckOptions(learning_steps=(60,), relearning_steps=(300, 1200), enable_fuzz=False)],
    ids=["default-steps", "custom-steps"],
)
def test_fixed_times_including_same_day_match_py_fsrs(options: DeckOptions) -> None:
    script = [
        (Rating.GOOD, T0),
        (Rating.GOOD, T0 + timedelta(minutes=12)),
        (Rating.AGAIN, T0 + timedelta(days=3)),
        (Rating.HARD, T0 + timedelta(days=3, minutes=15)),
        (Rating.EASY, T0 + timedelta(days=10)),
        (Rating.GOOD, T0 + timedelta(days=10, hours=5)),
    ]
    reference = fsrs.Scheduler(
        learning_steps=[timedelta(seconds=s) for s in options.learning_steps],
        relearning_steps=[timedelta(seconds=s) for s in options.relearning_steps],
        enable_fuzzing=False,
    )
    card = fsrs.Card(card_id=CARD, due=T0)
    states = replay(FsrsScheduler(options), script)
    for (rating, when), state in zip(script, states, strict=True):
        card, _ = reference.review_card(card, fsrs.Rating(int(rating)), review_datetime=when)
        assert (state.due, state.stability, state.difficulty, state.step) == (
            card.due,
            card.stability,
            card.difficulty,
            card.step,
        )
        assert int(state.state) == int(card.state)


def test_new_card_again_is_one_minute_good_is_ten_minutes() -> None:
    preview = FsrsScheduler(NO_FUZZ).preview(CARD, SchedulingState(), T0)
    assert preview[Rating.AGAIN] == timedelta(minutes=1)
    assert preview[Rating.HARD] == timedelta(minutes=5, seconds=30)
    assert preview[Rating.GOOD] == timedelta(minutes=10)
    assert preview[Rating.EASY] >= timedelta(days=1)


def test_new_card_becomes_learning_at_the_next_step() -> None:
    result = FsrsScheduler(NO_FUZZ).review(CARD, SchedulingState(), Rating.GOOD, T0, duration_ms=4200)
    assert result.before == SchedulingState()
    assert result.after.state is CardState.LEARNING
    assert result.after.step == 1
    assert result.after.due == T0 + timedelta(minutes=10)
    assert result.after.last_review == T0
    assert (result.elapsed_days, result.scheduled_days, result.duration_ms) == (0, 0, 4200)


def test_graduated_card_reports_whole_day_intervals() -> None:
    scheduler = FsrsScheduler(NO_FUZZ)
    learning = scheduler.review(CARD, SchedulingState(), Rating.GOOD, T0).after
    result = scheduler.review(CARD, learning, Rating.GOOD, T0 + timedelta(minutes=10))
    assert result.after.state is CardState.REVIEW
    assert result.scheduled_days >= 1
    assert result.interval == timedelta(days=result.scheduled_days)
    later = scheduler.review(CARD, result.after, Rating.GOOD, result.after.due or T0)
    assert later.elapsed_days == result.scheduled_days


def test_again_on_review_card_relearns_and_counts_a_lapse() -> None:
    scheduler = FsrsScheduler(NO_FUZZ)
    review = replay(scheduler, [(Rating.EASY, T0)])[-1]
    assert review.state is CardState.REVIEW
    when = review.due or T0
    lapse = scheduler.review(CARD, review, Rating.AGAIN, when).after
    assert lapse.state is CardState.RELEARNING
    assert lapse.step == 0
    assert lapse.due == when + timedelta(minutes=10)
    assert (lapse.reps, lapse.lapses) == (2, 1)
    back = scheduler.review(CARD, lapse, Rating.GOOD, lapse.due or when).after
    assert back.state is CardState.REVIEW
    assert back.lapses == 1


def test_again_in_learning_is_not_a_lapse() -> None:
    states = replay(FsrsScheduler(NO_FUZZ), [(Rating.AGAIN, T0), (Rating.AGAIN, T0 + timedelta(minutes=1))])
    assert (states[-1].reps, states[-1].lapses) == (2, 0)


def test_maximum_interval_is_respected() -> None:
    scheduler = FsrsScheduler(DeckOptions(maximum_interval=30))
    state = SchedulingState()
    now = T0
    for _ in range(8):
        result = scheduler.review(CARD, state, Rating.EASY, now)
        assert result.scheduled_days <= 30
        state = result.after
        now = state.due or now
    assert result.scheduled_days == 30


def test_preview_matches_actual_answer_with_fuzz_off() -> None:
    scheduler = FsrsScheduler(NO_FUZZ)
    state = replay(scheduler, [(Rating.GOOD, T0), (Rating.GOOD, T0 + timedelta(minutes=10))])[-1]
    when = (state.due or T0) + timedelta(days=2)
    preview = scheduler.preview(CARD, state, when)
    actual = scheduler.review(CARD, state, Rating.GOOD, when)
    assert preview[Rating.GOOD] == actual.interval
    assert preview[Rating.AGAIN] < preview[Rating.HARD] < preview[Rating.GOOD] < preview[Rating.EASY]


@pytest.mark.parametrize("card_id", range(2000, 2020))
def test_preview_matches_actual_answer_with_fuzz_on(card_id: int) -> None:
    scheduler = FsrsScheduler(DeckOptions(enable_fuzz=True))
    state = SchedulingState()
    now = T0
    for rating in (Rating.EASY, Rating.GOOD, Rating.GOOD):
        preview = scheduler.preview(card_id, state, now)
        result = scheduler.review(card_id, state, rating, now)
        assert preview[rating] == result.interval
        state, now = result.after, result.after.due or now


def test_fuzz_spreads_cards_over_the_whole_anki_range_and_no_further() -> None:
    fuzzed = FsrsScheduler(DeckOptions(enable_fuzz=True))
    review = SchedulingState(
        state=CardState.REVIEW, stability=40.0, difficulty=5.0, due=T0, last_review=T0 - timedelta(days=40)
    )
    reference = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(
        card_id=CARD,
        state=fsrs.State.Review,
        stability=40.0,
        difficulty=5.0,
        due=T0,
        last_review=T0 - timedelta(days=40),
    )
    assert reference.review_card(card, fsrs.Rating.Good, review_datetime=T0)[0].due == T0 + timedelta(days=110)
    assert FsrsScheduler(NO_FUZZ).review(CARD, review, Rating.GOOD, T0).scheduled_days == 110
    # Anki's fuzz for 110 days: 1 + 0.15*4.5 + 0.10*13 + 0.05*90 = 7.475 days either side -> 103..117
    days = {fuzzed.review(card_id, review, Rating.GOOD, T0).scheduled_days for card_id in range(200)}
    assert days == set(range(103, 118))


@pytest.mark.parametrize(
    ("interval", "maximum", "expected"),
    [
        (1, 36500, (1, 1)),  # below 2.5 days: no fuzz
        (2, 36500, (2, 2)),
        (3, 36500, (2, 4)),  # delta 1 + 0.15*0.5 = 1.075, never below 2 days
        (5, 36500, (4, 6)),  # delta 1.375
        (6, 36500, (4, 8)),  # delta 1.525
        (7, 36500, (5, 9)),  # delta 1.675
        (10, 36500, (8, 12)),  # delta 1 + 0.675 + 0.3 = 1.975
        (16, 36500, (13, 19)),  # delta 1 + 0.675 + 0.9 = 2.575
        (20, 36500, (17, 23)),  # delta 2.975
        (31, 36500, (27, 35)),  # delta 2.975 + 0.55 = 3.525
        (40, 36500, (36, 44)),  # delta 3.975
        (100, 36500, (93, 107)),  # delta 6.975
        (30, 30, (27, 30)),  # capped by the maximum interval
        (40, 30, (30, 30)),  # the whole range above the maximum: the maximum
    ],
)
def test_fuzz_range_is_ankis(interval: int, maximum: int, expected: tuple[int, int]) -> None:
    assert fuzz_range(interval, maximum) == expected


def test_fuzz_is_the_same_for_one_card_and_rep_and_moves_between_reps() -> None:
    draws = [fuzzed_days(40, card_id=7, reps=reps, maximum_interval=36500) for reps in range(1, 30)]
    assert draws == [fuzzed_days(40, card_id=7, reps=reps, maximum_interval=36500) for reps in range(1, 30)]
    assert set(draws) <= set(range(36, 45)) and len(set(draws)) > 3
    assert fuzzed_days(2, card_id=7, reps=1, maximum_interval=36500) == 2
    assert fuzzed_days(40, card_id=7, reps=1, maximum_interval=30) == 30


def test_retrievability_is_none_for_new_and_falls_with_time() -> None:
    scheduler = FsrsScheduler(NO_FUZZ)
    assert scheduler.retrievability(SchedulingState(), T0) is None
    state = replay(scheduler, [(Rating.GOOD, T0), (Rating.GOOD, T0 + timedelta(minutes=10))])[-1]
    reviewed = state.last_review or T0
    same_day = scheduler.retrievability(state, reviewed + timedelta(hours=23))
    soon = scheduler.retrievability(state, reviewed + timedelta(days=1))
    late = scheduler.retrievability(state, reviewed + timedelta(days=30))
    assert soon is not None and late is not None
    assert same_day == 1.0  # py-fsrs counts whole elapsed days
    assert 0 < late < soon < 1


def test_non_utc_aware_times_are_accepted_and_naive_rejected() -> None:
    scheduler = FsrsScheduler(NO_FUZZ)
    berlin = T0.astimezone(ZoneInfo("Europe/Berlin"))
    result = scheduler.review(CARD, SchedulingState(), Rating.GOOD, berlin)
    assert result.reviewed_at == T0 and result.reviewed_at.tzinfo is UTC
    with pytest.raises(ValueError, match="timezone-aware"):
        scheduler.review(CARD, SchedulingState(), Rating.GOOD, T0.replace(tzinfo=None))


def test_review_card_without_memory_state_is_refused() -> None:
    broken = SchedulingState(state=CardState.REVIEW, due=T0, last_review=T0 - timedelta(days=3))
    with pytest.raises(ValueError, match="no FSRS memory state"):
        FsrsScheduler(NO_FUZZ).review(CARD, broken, Rating.GOOD, T0)


def test_same_options_share_one_py_fsrs_scheduler() -> None:
    assert FsrsScheduler(NO_FUZZ)._fsrs is FsrsScheduler(DeckOptions(enable_fuzz=False))._fsrs


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=0), "<1m"),
        (timedelta(seconds=59), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=5, seconds=30), "6m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=1), "1h"),
        (timedelta(hours=23), "23h"),
        (timedelta(days=1), "1d"),
        (timedelta(days=12), "12d"),
        (timedelta(days=30), "30d"),
        (timedelta(days=31), "1mo"),
        (timedelta(days=97), "3.2mo"),
        (timedelta(days=400), "1.1y"),
        (timedelta(days=365), "1y"),
    ],
)
def test_interval_text_like_anki(delta: timedelta, text: str) -> None:
    assert interval_text(delta) == text


def test_a_presets_retention_parameters_and_maximum_reach_py_fsrs() -> None:
    parameters = tuple(w * 1.05 if i < 4 else w for i, w in enumerate(DEFAULT_PARAMETERS))
    options = DeckOptions(desired_retention=0.8, maximum_interval=20, enable_fuzz=False, fsrs_parameters=parameters)
    reference = fsrs.Scheduler(parameters=parameters, desired_retention=0.8, maximum_interval=20, enable_fuzzing=False)
    card = fsrs.Card(card_id=CARD, due=T0)
    state, now = SchedulingState(), T0
    for rating in (Rating.GOOD, Rating.GOOD, Rating.EASY, Rating.GOOD):
        card, _ = reference.review_card(card, fsrs.Rating(int(rating)), review_datetime=now)
        state = FsrsScheduler(options).review(CARD, state, rating, now).after
        assert (state.due, state.stability, state.difficulty) == (card.due, card.stability, card.difficulty)
        now = card.due
    assert state.due is not None and state.last_review is not None
    assert (state.due - state.last_review).days == 20  # capped by the preset's maximum


def test_parameters_given_explicitly_win_over_the_presets() -> None:
    preset = DeckOptions(fsrs_parameters=tuple(w * 1.05 for w in DEFAULT_PARAMETERS))
    assert FsrsScheduler(preset, DEFAULT_PARAMETERS).parameters == DEFAULT_PARAMETERS
    assert FsrsScheduler(preset).parameters == preset.fsrs_parameters
    assert FsrsScheduler().parameters == DEFAULT_PARAMETERS


def test_retrievability_is_py_fsrss_and_needs_a_last_review() -> None:
    scheduler = FsrsScheduler(NO_FUZZ)
    state = SchedulingState(
        state=CardState.REVIEW, stability=10.0, difficulty=5.0, due=T0, last_review=T0 - timedelta(days=10)
    )
    reference = fsrs.Scheduler().get_card_retrievability(
        fsrs.Card(state=fsrs.State.Review, stability=10.0, difficulty=5.0, last_review=T0 - timedelta(days=10)),
        current_datetime=T0,
    )
    assert scheduler.retrievability(state, T0) == pytest.approx(reference, abs=1e-12)
    assert scheduler.retrievability(state, T0) == pytest.approx(0.9, abs=0.001)  # due: at the desired retention
    assert scheduler.retrievability(SchedulingState(stability=10.0, difficulty=5.0), T0) is None


def test_a_relearning_card_without_a_step_starts_at_the_first_step() -> None:
    relearning = SchedulingState(
        state=CardState.RELEARNING, step=None, stability=3.0, difficulty=6.0, due=T0, last_review=T0
    )
    result = FsrsScheduler(DeckOptions(relearning_steps=(600, 3600), enable_fuzz=False)).review(
        CARD, relearning, Rating.GOOD, T0 + timedelta(minutes=10)
    )
    assert result.after.state is CardState.RELEARNING and result.after.step == 1
    assert result.interval == timedelta(hours=1)
    assert (result.elapsed_days, result.scheduled_days, result.after.reps, result.after.lapses) == (0, 0, 1, 0)
