"""Optimize and Evaluate through the service and the command line, on real collection files."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.errors import UserInputError
from studyapp.domain.scheduling import Rating
from studyapp.scheduling.fsrs_scheduler import DEFAULT_PARAMETERS, FsrsScheduler
from studyapp.services.app import Services


def preset_parameters(path: Path) -> str:
    with sqlite3.connect(path) as db:
        (value,) = db.execute("SELECT fsrs_parameters FROM presets WHERE id = 1").fetchone()
    db.close()
    return str(value)


def test_optimize_fits_the_preset_to_its_history_and_new_answers_use_it(
    services: Services, review_log_collection: str
) -> None:
    deck_id = services.decks.id_of(review_log_collection)
    before = services.optimizer.evaluate(deck_id)
    (done,) = services.optimizer.optimize(deck_id)
    assert done.preset == "Default" and done.outcome.fitted
    saved = services.decks.options(deck_id).fsrs_parameters
    assert saved == done.outcome.parameters and len(saved) == len(DEFAULT_PARAMETERS)
    assert preset_parameters(services.path) == " ".join(repr(w) for w in saved)
    after = services.optimizer.evaluate(deck_id)
    assert after.log_loss < before.log_loss and after.items == before.items

    session = services.reviews.start(deck_id)
    assert FsrsScheduler(session.options).parameters == saved


def test_optimizing_twice_never_makes_the_parameters_worse(services: Services, review_log_collection: str) -> None:
    deck_id = services.decks.id_of(review_log_collection)
    services.optimizer.optimize(deck_id)
    first = services.optimizer.evaluate(deck_id)
    services.optimizer.optimize(deck_id)
    assert services.optimizer.evaluate(deck_id).log_loss <= first.log_loss


def test_too_little_history_keeps_the_defaults(services: Services, clock: FixedClock) -> None:
    card_id = services.cards.add("D", CardKind.BASIC, "Capital of Peru?", "Lima")
    session = services.reviews.start(services.decks.id_of("D"))
    for _ in range(3):
        session.answer(card_id, Rating.GOOD)
        clock.advance(timedelta(days=3))
    (done,) = services.optimizer.optimize()
    assert not done.outcome.fitted
    assert done.outcome.describe() == "Kept the current parameters: 2 reviews to learn from, 400 needed."
    assert preset_parameters(services.path) == ""


def test_evaluate_without_history_is_a_clear_error(services: Services) -> None:
    services.cards.add("D", CardKind.BASIC, "Capital of Peru?", "Lima")
    with pytest.raises(UserInputError, match="no reviews"):
        services.optimizer.evaluate(services.decks.id_of("D"))


def test_cli_optimize_and_evaluate(
    capsys: pytest.CaptureFixture[str], services: Services, review_log_collection: str
) -> None:
    path = str(services.path)
    services.close()
    assert main(["--collection", path, "optimize", "--deck", review_log_collection, "--evaluate"]) == 0
    evaluated = capsys.readouterr().out
    assert evaluated.startswith("Log loss 0.45") and "reviews)." in evaluated

    assert main(["--collection", path, "optimize", "--deck", review_log_collection]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Default: Fitted to ") and "log loss 0.45" in out
    assert preset_parameters(Path(path)) != ""

    assert main(["--collection", path, "optimize", "--deck", "Nope"]) == 2
    assert "Nope" in capsys.readouterr().err
    assert main(["--collection", path, "optimize", "--evaluate"]) == 2
    assert capsys.readouterr().err.strip().endswith("--evaluate needs --deck NAME.")
