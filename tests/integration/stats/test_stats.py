"""Statistics after a scripted study history, on a real collection with a fixed clock."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.ids import CardId
from studyapp.domain.scheduling import Rating
from studyapp.scheduling.study_day import study_day
from studyapp.services.app import Services, open_services


def add_cards(services: Services, count: int, deck: str) -> list[CardId]:
    return [services.cards.add(deck, CardKind.BASIC, f"{deck} question {i}?", f"Answer {i}") for i in range(count)]


def answer(services: Services, deck: str, card_id: CardId, rating: Rating, duration_ms: int = 0) -> None:
    services.reviews.start(services.decks.id_of(deck)).answer(card_id, rating, duration_ms)


def test_reviews_per_day_count_each_rating_on_its_study_day(services: Services, clock: FixedClock) -> None:
    a, b, c = add_cards(services, 3, "D")
    first_day = study_day(clock.now())
    for card_id in (a, b, c):
        answer(services, "D", card_id, Rating.EASY, duration_ms=2000)
    clock.advance(timedelta(days=2))
    answer(services, "D", a, Rating.AGAIN, duration_ms=5000)
    answer(services, "D", b, Rating.GOOD)

    summary = services.stats.summary(days=7)

    assert len(summary.reviews) == 7 and summary.reviews[-1].day == study_day(clock.now())
    by_day = {row.day: row for row in summary.reviews if row.total}
    assert set(by_day) == {first_day, first_day + timedelta(days=2)}
    assert (by_day[first_day].easy, by_day[first_day].total, by_day[first_day].seconds) == (3, 3, 6.0)
    today = by_day[first_day + timedelta(days=2)]
    assert (today.again, today.good, today.total) == (1, 1, 2)
    assert (summary.totals.reviews_today, summary.totals.seconds_today, summary.totals.cards) == (2, 5.0, 3)
    assert [c.reviews for c in summary.calendar if c.reviews] == [3, 2]


def test_true_retention_counts_only_review_cards_and_splits_young_from_mature(
    services: Services, clock: FixedClock
) -> None:
    young, mature = add_cards(services, 2, "D")
    answer(services, "D", young, Rating.AGAIN)  # learning answers do not count
    clock.advance(timedelta(minutes=2))
    answer(services, "D", young, Rating.EASY)
    answer(services, "D", mature, Rating.EASY)
    while True:  # grow the second card's interval past 21 days
        card = services.cards.get(mature)
        assert card.due is not None and card.last_review is not None
        if card.due - card.last_review >= timedelta(days=21):
            break
        clock.set(card.due)
        answer(services, "D", mature, Rating.EASY)
    growth_answers = services.stats.summary().retention[3].young_passed
    clock.set(card.due)
    answer(services, "D", young, Rating.GOOD)
    answer(services, "D", mature, Rating.AGAIN)

    year = next(r for r in services.stats.summary().retention if r.period == "year")

    assert (year.young_passed, year.young_failed) == (growth_answers + 1, 0)
    assert (year.mature_passed, year.mature_failed) == (0, 1)
    assert year.mature == 0.0 and year.young == 1.0
    assert year.total == pytest.approx((growth_answers + 1) / (growth_answers + 2))


def test_forecast_counts_overdue_today_and_future_reviews_on_their_day(services: Services, clock: FixedClock) -> None:
    a, b, _c = add_cards(services, 3, "D")
    answer(services, "D", a, Rating.EASY)
    answer(services, "D", b, Rating.GOOD)  # learning step: due later today
    due_a = services.cards.get(a).due
    assert due_a is not None

    forecast = services.stats.summary().forecast

    assert len(forecast) == 30 and forecast[0].day == study_day(clock.now())
    assert (forecast[0].reviews, forecast[0].learning) == (0, 1)
    assert [(f.day, f.reviews) for f in forecast if f.reviews] == [(study_day(due_a), 1)]
    clock.set(due_a + timedelta(days=3))  # three days overdue: counted today
    assert services.stats.summary().forecast[0].reviews == 1


def test_counts_by_state_and_deck_filter_include_subdecks(services: Services, clock: FixedClock) -> None:
    a, b, c, d = add_cards(services, 4, "D")
    add_cards(services, 1, "D::Sub")
    add_cards(services, 2, "Other")
    answer(services, "D", a, Rating.EASY)
    answer(services, "D", b, Rating.GOOD)
    services.reviews.set_suspended([c], True)
    services.reviews.bury([d])

    states = services.stats.summary("D").states

    assert (states.new, states.learning, states.review, states.relearning) == (1, 1, 1, 0)
    assert (states.suspended, states.buried, states.total) == (1, 1, 5)
    assert services.stats.summary().states.new == 3
    assert services.stats.summary("D::Sub").totals.cards == 1


def test_retrievability_falls_into_lower_bins_as_time_passes(services: Services, clock: FixedClock) -> None:
    (card_id,) = add_cards(services, 1, "D")
    answer(services, "D", card_id, Rating.EASY)
    bins = services.stats.summary().retrievability
    assert [(r.low, r.high) for r in bins] == [(10 * i, 10 * i + 10) for i in range(10)]
    assert bins[-1].cards == 1 and sum(r.cards for r in bins) == 1
    clock.advance(timedelta(days=400))
    later = services.stats.summary().retrievability
    assert later[-1].cards == 0 and sum(r.cards for r in later) == 1


def test_unknown_deck_is_a_user_error(services: Services) -> None:
    from studyapp.domain.errors import UserInputError

    with pytest.raises(UserInputError, match="no deck named"):
        services.stats.summary("Nope")


def test_stats_command_prints_json_series_and_a_text_report(
    capsys: pytest.CaptureFixture[str], collection_path: Path, clock: FixedClock
) -> None:
    app = open_services(collection_path, clock=clock)
    ids = add_cards(app, 3, "D")
    for card_id in ids:
        answer(app, "D", card_id, Rating.GOOD, duration_ms=3000)
    app.close()
    clock.advance(timedelta(minutes=5))  # the same study day, whatever the time zone

    assert main(["--collection", str(collection_path), "stats", "--deck", "D", "--json"], clock=clock) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"] == {"cards": 3, "reviews_today": 3, "seconds_today": 9.0}
    assert data["states"]["learning"] == 3
    assert len(data["reviews"]) == 30 and data["reviews"][-1]["good"] == 3
    assert len(data["forecast"]) == 30 and data["forecast"][0]["learning"] == 3
    assert len(data["calendar"]) == 365 and len(data["retrievability"]) == 10
    assert {r["period"] for r in data["retention"]} == {"today", "week", "month", "year"}

    assert main(["--collection", str(collection_path), "stats"], clock=clock) == 0
    text = capsys.readouterr().out
    assert "Cards: 3   Today: 3 reviews in under a minute" in text
    assert "learning 3" in text and "True retention" in text
