"""``studyapp backup``: take a backup now, even while the window has the collection open."""

from __future__ import annotations

import argparse

from studyapp.cli.common import services

NAME = "backup"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="back up the collection now (into the backups folder beside it)",
        description="Write a consistent copy of the collection to <collection folder>/backups/ "
        "(SQLite's online backup, so it works while StudyApp is open), then thin old backups.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with services(args, readonly=True) as app:
        row = app.backups.backup_now()
    print(f"Backed up to {row.path} ({row.size_bytes:,} bytes).")
    return 0
