"""``studyapp restore BACKUP`` and ``studyapp restore --deleted``: bring back what was lost."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from studyapp.cli.common import collection_path, existing_file, services
from studyapp.domain.errors import UserInputError

NAME = "restore"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="replace the collection with a backup, or add deleted cards again (--deleted)",
        description="Restore BACKUP (see 'studyapp backups'): it is checked first, the current state is backed "
        "up (or, if it is damaged, copied aside), then the collection is replaced in one step. "
        "StudyApp must not have the collection open. "
        "With --deleted, cards from the deletion log are added again instead.",
    )
    parser.add_argument("backup", nargs="?", metavar="BACKUP", help="the backup file to restore")
    parser.add_argument("--deleted", action="store_true", help="add deleted cards again from the deletion log")
    parser.add_argument("--since", metavar="DATE", help="with --deleted: only cards deleted on or after DATE (UTC)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.deleted == (args.backup is not None):
        raise UserInputError("Give either a BACKUP file or --deleted.")
    if args.since and not args.deleted:
        raise UserInputError("--since goes with --deleted.")
    if args.deleted:
        since = _date(args.since) if args.since else None
        with services(args) as app:
            undeleted = app.backups.restore_deleted(since=since)
        print(undeleted.describe())
        return 0
    from studyapp.services.backups import restore_collection

    backup = existing_file(args.backup)
    outcome = restore_collection(collection_path(args), backup)  # works even when the collection is damaged
    print(outcome.describe())
    return 0


def _date(text: str) -> datetime:
    try:
        day = datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise UserInputError(f"--since {text!r}: use a date like 2026-03-01.") from None
    return day.replace(tzinfo=UTC)
