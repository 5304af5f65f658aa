"""``studyapp import FILE --deck NAME``: turn a file into stored cards."""

from __future__ import annotations

import argparse
import sys

from studyapp.cli.common import existing_file, services
from studyapp.domain.errors import CollectionNotTidied

NAME = "import"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="import an article (.txt, .md, .html, .pdf), an Anki package (.apkg, .colpkg) or a CSV/TSV file",
        description="Generate cards from an article and store them with the article in a deck.",
    )
    parser.add_argument("file", help="the file to import")
    parser.add_argument(
        "--deck", help="deck for the cards (default: the article's title); for a package or table, its decks' parent"
    )
    parser.add_argument("--max-cards", type=int, metavar="N", help="keep at most N cards")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = existing_file(args.file)
    try:
        with services(args) as app:
            summary = app.imports.import_file(path, args.deck, max_cards=args.max_cards)
            print(summary.describe(), file=sys.stdout)  # before closing: what closing may fail at is after the commit
    except CollectionNotTidied as error:
        print(f"studyapp: warning: the import is in; {error.detail}", file=sys.stderr)
    return 0
