"""Anki's custom study on a real collection: more new cards today, review ahead, forgotten cards."""

from __future__ import annotations

import io
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind, CardState
from studyapp.domain.clock import FixedClock
from studyapp.domain.errors import UserInputError
from studyapp.domain.scheduling import CustomStudy, CustomStudyKind, DeckOptions, Rating
from studyapp.services.app import Services, open_services

AHEAD = CustomStudy(CustomStudyKind.REVIEW_AHEAD, 30)


def add(services: Services, count: int) -> list[int]:
    return [services.cards.add("D", CardKind.BASIC, f"Question {i}?", f"Answer {i}") for i in range(count)]


def test_more_new_cards_today_raises_the_limit_for_today_only(services: Services, clock: FixedClock) -> None:
    add(services, 6)
    deck_id = services.decks.id_of("D")
    services.decks.set_options(deck_id, DeckOptions(new_per_day=2))
    assert services.reviews.start(deck_id).counts().new == 2
    assert services.reviews.extend_new_today(deck_id, 2) == 2
    assert services.reviews.extend_new_today(deck_id, 1) == 3
    assert services.reviews.start(deck_id).counts().new == 5
    assert [row.new for row in services.decks.list()] == [5]
    clock.advance(timedelta(days=1))
    assert services.reviews.start(deck_id).counts().new == 2
    assert [row.new for row in services.decks.list()] == [2]


def test_review_ahead_shows_cards_due_in_the_coming_days(services: Services, clock: FixedClock) -> None:
    (card_id,) = add(services, 1)
    deck_id = services.decks.id_of("D")
    first = services.reviews.start(deck_id)
    first.answer(card_id, Rating.EASY)  # graduates: due in a few days
    assert services.reviews.start(deck_id).next_card() is None
    ahead = services.reviews.start(deck_id, AHEAD)
    card = ahead.next_card()
    assert card is not None and card.card.id == card_id and card.counts.review == 1
    due_before = card.card.due
    outcome = ahead.answer(card_id, Rating.GOOD)  # scheduled as an early review, from today
    assert due_before is not None and outcome.next_due != due_before and outcome.interval == "6d"
    assert ahead.next_card() is None


def test_forgotten_cards_are_the_ones_answered_again_lately(services: Services, clock: FixedClock) -> None:
    forgot, knew = add(services, 2)
    deck_id = services.decks.id_of("D")
    session = services.reviews.start(deck_id)
    session.answer(forgot, Rating.AGAIN)
    session.answer(knew, Rating.EASY)
    clock.advance(timedelta(minutes=2))
    session.answer(forgot, Rating.EASY)
    assert services.reviews.start(deck_id).next_card() is None
    forgotten = services.reviews.start(deck_id, CustomStudy(CustomStudyKind.FORGOTTEN, 1))
    card = forgotten.next_card()
    assert card is not None and card.card.id == forgot and card.card.state is CardState.REVIEW
    forgotten.answer(forgot, Rating.GOOD)
    assert forgotten.next_card() is None
    clock.advance(timedelta(days=2))
    assert services.reviews.start(deck_id, CustomStudy(CustomStudyKind.FORGOTTEN, 1)).next_card() is None


def test_custom_study_amounts_are_checked(services: Services) -> None:
    add(services, 1)
    deck_id = services.decks.id_of("D")
    with pytest.raises(UserInputError, match="between 1 and 9999"):
        services.reviews.extend_new_today(deck_id, 0)
    with pytest.raises(UserInputError, match="between 1 and 9999"):
        services.reviews.start(deck_id, CustomStudy(CustomStudyKind.REVIEW_AHEAD, -3))


def test_custom_study_from_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, collection_path: Path
) -> None:
    services = open_services(collection_path)  # the command reads the real clock: so does this answer
    try:
        (card_id,) = add(services, 1)
        services.reviews.start(services.decks.id_of("D")).answer(card_id, Rating.EASY)
    finally:
        services.close()
    path = str(collection_path)
    assert main(["--collection", path, "custom-study", "--deck", "D", "--more-new", "3"]) == 0
    assert capsys.readouterr().out == "'D' may show 3 more new cards today.\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO("good\n"))
    assert main(["--collection", path, "custom-study", "--deck", "D", "--ahead", "30"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"answered {card_id} good -> ") and "Studied 1 card" in out
    assert main(["--collection", path, "custom-study", "--deck", "D", "--forgotten", "0"]) == 2
    assert "between 1 and 9999" in capsys.readouterr().err
