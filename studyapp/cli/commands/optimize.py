"""``studyapp optimize [--deck NAME] [--evaluate]``: fit FSRS to your own reviews, per preset."""

from __future__ import annotations

import argparse

from studyapp.cli.common import services
from studyapp.domain.errors import UserInputError

NAME = "optimize"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="fit the FSRS parameters to your review history (as Anki's Optimize)",
        description="Fit the FSRS parameters of a deck's options preset (or of every preset in use) to the "
        "answers given to its cards. The fitted parameters are kept only if they predict your answers better "
        "than the current ones; with fewer than 400 reviews the current ones are kept.",
    )
    parser.add_argument("--deck", metavar="NAME", help="only the preset this deck uses")
    parser.add_argument(
        "--evaluate", action="store_true", help="only report how well the current parameters predict your answers"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.evaluate and not args.deck:
        raise UserInputError("--evaluate needs --deck NAME.")
    with services(args, readonly=args.evaluate) as app:
        deck_id = app.decks.id_of(args.deck) if args.deck else None
        if args.evaluate:
            assert deck_id is not None
            result = app.optimizer.evaluate(deck_id)
            print(f"Log loss {result.log_loss:.4f}, RMSE {result.rmse:.4f} ({result.items} reviews).")
            return 0
        for done in app.optimizer.optimize(deck_id):
            print(f"{done.preset}: {done.outcome.describe()}")
    return 0
