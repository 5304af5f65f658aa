"""``studyapp decks [--json]``: the deck list with its counts."""

from __future__ import annotations

import argparse

from studyapp.cli.common import collection_path, print_json, services

NAME = "decks"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="list decks with card, new, learning and due counts",
        description="List decks (subdecks indented) with total cards and today's new/learning/due counts.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read-only: works while the window has the collection open, and on read-only media."""
    if collection_path(args).exists():
        with services(args, readonly=True) as app:
            rows = app.decks.list()
    else:
        rows = []
    if args.json:
        print_json([row.to_json() for row in rows])
        return 0
    if not rows:
        print("No decks yet. Import an article: studyapp import FILE --deck NAME")
        return 0
    width = max(len("Deck"), *(len("  " * r.depth + r.short_name) for r in rows))
    print(f"{'Deck':<{width}}  {'Cards':>6}  {'New':>5}  {'Learn':>5}  {'Due':>5}")
    for r in rows:
        label = "  " * r.depth + r.short_name
        print(f"{label:<{width}}  {r.total:>6}  {r.new:>5}  {r.learning:>5}  {r.due:>5}")
    return 0
