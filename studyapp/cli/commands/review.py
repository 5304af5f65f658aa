"""``studyapp review --deck NAME``: study in the terminal.

On a terminal: the question is shown, Enter shows the answer, then 1-4 rate
(each button with its next interval), ``u`` undoes, ``s`` suspends, ``b``
buries, ``q`` quits.  When standard input is not a terminal, each line is one
command for the next card in queue order (1-4 or again/hard/good/easy, ``u``,
``s``, ``b``, ``q``), and one line is printed per card *after* its answer is
committed, so a script (or a crash test) knows exactly what was stored.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, TextIO

from studyapp.cli.common import services
from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import CardId
from studyapp.domain.scheduling import Rating

if TYPE_CHECKING:  # the services (and SQLAlchemy) load only when a command runs
    from studyapp.services.reviews import QueueCounts, ReviewCard, ReviewService, ReviewSession

NAME = "review"

RATING_WORDS = {r.name.lower(): r for r in Rating} | {str(int(r)): r for r in Rating}
ACTIONS = {"u": "undo", "undo": "undo", "s": "suspend", "suspend": "suspend", "b": "bury", "bury": "bury"}
QUIT = {"q", "quit"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="study a deck in the terminal",
        description="Study the cards due in a deck (with its subdecks). On a terminal: Enter shows the answer, "
        "1-4 rate (Again, Hard, Good, Easy), u undoes, s suspends, b buries, q quits. With piped input, each "
        "line answers the next card (1-4 or again/hard/good/easy; u, s, b, q) and one line is printed per answer.",
    )
    parser.add_argument("--deck", required=True, metavar="NAME", help="the deck to study")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with services(args) as app:
        session = app.reviews.start(app.decks.id_of(args.deck))
        if sys.stdin.isatty():
            return Terminal(session, app.reviews, sys.stdin, sys.stdout).run()
        return Piped(session, app.reviews, sys.stdin, sys.stdout).run()


def buttons(card: ReviewCard) -> str:
    """``1 Again (1m)  2 Hard (6m)  3 Good (10m)  4 Easy (4d)``."""
    return "  ".join(f"{int(r)} {r.name.title()} ({card.intervals[r]})" for r in Rating)


def counts_text(counts: QueueCounts) -> str:
    return f"New {counts.new} · Learn {counts.learning} · Due {counts.review}"


class _Loop:
    """What both modes share: the session, card actions and the summary at the end."""

    def __init__(self, session: ReviewSession, reviews: ReviewService, stdin: TextIO, stdout: TextIO) -> None:
        self.session = session
        self.reviews = reviews
        self.stdin = stdin
        self.out = stdout

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def act(self, action: str, card_id: CardId) -> str:
        """Undo (``card_id`` unused), suspend or bury; returns what to tell the user."""
        if action == "undo":
            undone = self.session.undo()
            return "nothing to undo" if undone is None else f"undone {undone}"
        if action == "suspend":
            self.reviews.set_suspended([card_id], True)
            return f"suspended {card_id}"
        self.reviews.bury([card_id])
        return f"buried {card_id}"

    def finish(self, finished: bool) -> int:
        if finished:
            self.say(f"Nothing more is due in '{self.session.deck_name}' today.")
        self.say(self.session.summary.describe())
        buried = self.session.summary.describe_buried()
        if buried:
            self.say(buried)
        return 0


class Piped(_Loop):
    """One command per input line, in queue order; stops at end of input or when nothing is due."""

    def run(self) -> int:
        for number, raw in enumerate(self.stdin, 1):
            word = raw.strip().lower()
            if not word:
                continue
            if word in QUIT:
                return self.finish(False)
            if ACTIONS.get(word) == "undo":
                self.say(self.act("undo", CardId(0)))
                continue
            card = self.session.next_card()
            if card is None:
                return self.finish(True)
            if word in RATING_WORDS:
                outcome = self.session.answer(card.card.id, RATING_WORDS[word])
                leech = " (leech)" if outcome.leech else ""
                self.say(f"answered {outcome.card_id} {outcome.rating.name.lower()} -> {outcome.interval}{leech}")
            elif word in ACTIONS:
                self.say(self.act(ACTIONS[word], card.card.id))
            else:
                raise UserInputError(
                    f"line {number}: {raw.strip()!r} is not a rating (1-4, again, hard, good, easy) or u, s, b, q."
                )
        return self.finish(self.session.next_card() is None)


class Terminal(_Loop):
    """Question, Enter, answer, rating: the loop a person uses."""

    def ask(self, prompt: str) -> str | None:
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        return None if not line else line.strip().lower()

    def run(self) -> int:
        try:
            return self._loop()
        except KeyboardInterrupt:
            self.say("")
            return self.finish(False)

    def _loop(self) -> int:
        while True:
            card = self.session.next_card()
            if card is None:
                return self.finish(True)
            shown = time.monotonic()
            self.say(f"\n[{counts_text(card.counts)}]")
            if card.card.context:
                self.say(f"Context: {card.card.context}")
            self.say(f"Q: {card.question}")
            command = self.ask("Enter: show answer · s suspend · b bury · u undo · q quit > ")
            if command is None or command in QUIT:
                return self.finish(False)
            if command in ACTIONS:
                self.say(self.act(ACTIONS[command], card.card.id))
                continue
            self.say(f"A: {card.answer}")
            if card.full_text != card.answer:
                self.say(f"   {card.full_text}")
            while True:
                command = self.ask(f"{buttons(card)}  (u undo, q quit) > ")
                if command is None or command in QUIT:
                    return self.finish(False)
                if command in RATING_WORDS:
                    duration = round((time.monotonic() - shown) * 1000)
                    outcome = self.session.answer(card.card.id, RATING_WORDS[command], duration)
                    leech = " — a leech, tagged 'leech'" if outcome.leech else ""
                    self.say(f"{outcome.rating.name.title()}: next in {outcome.interval}{leech}")
                    break
                if command in ACTIONS:
                    self.say(self.act(ACTIONS[command], card.card.id))
                    break
                self.say("Type 1, 2, 3 or 4 (or u, s, b, q).")
