"""``studyapp backups``: the collection's backups, newest first, with size and card count."""

from __future__ import annotations

import argparse

from studyapp.cli.common import collection_path, print_json

NAME = "backups"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="list backups, newest first, with size and card count",
        description="List the collection's backups (newest first); restore one with 'studyapp restore FILE'.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studyapp.services.backups import backup_folder, list_backups

    collection = collection_path(args)  # never opened: backups must be listed even when it is damaged
    rows = list_backups(collection)
    folder = backup_folder(collection)
    if args.json:
        print_json(
            [
                {"path": str(r.path), "taken_at": r.taken_at.isoformat(), "bytes": r.size_bytes, "cards": r.cards}
                for r in rows
            ]
        )
        return 0
    if not rows:
        print(f"No backups yet in {folder}. Make one with: studyapp backup")
        return 0
    for row in rows:
        print(row.describe())
    return 0
