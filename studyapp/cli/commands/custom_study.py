"""``studyapp custom-study --deck NAME (--more-new N | --ahead DAYS | --forgotten DAYS)``: Anki's custom study.

``--more-new`` raises today's new-card limit of the deck (it lapses
tomorrow).  ``--ahead`` and ``--forgotten`` start a study session in the
terminal, as ``studyapp review`` does, on the review cards due in the next
DAYS days or the cards answered Again in the last DAYS days; answers are
scheduled as usual.
"""

from __future__ import annotations

import argparse
import sys

from studyapp.cli.commands.review import Piped, Terminal
from studyapp.cli.common import services
from studyapp.domain.scheduling import CustomStudy, CustomStudyKind
from studyapp.services.custom_study import describe_more_new

NAME = "custom-study"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="study beyond today's queue: more new cards, review ahead, cards you forgot",
        description="Anki's custom study. --more-new N adds N new cards to today's limit of the deck. "
        "--ahead DAYS studies the review cards due in the next DAYS days; --forgotten DAYS the cards you "
        "answered Again in the last DAYS days (both in the terminal, like 'studyapp review').",
    )
    parser.add_argument("--deck", required=True, metavar="NAME", help="the deck (with its subdecks)")
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--more-new", type=int, metavar="N", help="N more new cards today")
    kind.add_argument("--ahead", type=int, metavar="DAYS", help="review cards due in the next DAYS days")
    kind.add_argument("--forgotten", type=int, metavar="DAYS", help="cards answered Again in the last DAYS days")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with services(args) as app:
        deck_id = app.decks.id_of(args.deck)
        if args.more_new is not None:
            total = app.reviews.extend_new_today(deck_id, args.more_new)
            print(describe_more_new(args.deck, total))
            return 0
        if args.ahead is not None:
            custom = CustomStudy(CustomStudyKind.REVIEW_AHEAD, args.ahead)
        else:
            custom = CustomStudy(CustomStudyKind.FORGOTTEN, args.forgotten)
        session = app.reviews.start(deck_id, custom)
        loop = Terminal if sys.stdin.isatty() else Piped
        return loop(session, app.reviews, sys.stdin, sys.stdout).run()
