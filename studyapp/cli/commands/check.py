"""``studyapp check``: integrity and consistency; exit 0 only when healthy. ``--repair`` salvages a damaged one."""

from __future__ import annotations

import argparse

from studyapp.cli.common import collection_path, services
from studyapp.domain.wording import plural

NAME = "check"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="check the collection's integrity (exit status 0 only when healthy)",
        description="Run SQLite's integrity check and StudyApp's own consistency checks. With --repair, "
        "a damaged collection is replaced by everything SQLite can still read from it (the damaged file is kept).",
    )
    parser.add_argument(
        "--repair", action="store_true", help="salvage what is readable from a damaged collection into a new file"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.repair:
        from studyapp.services.health import repair_collection

        print(repair_collection(collection_path(args)).describe())
        return 0
    with services(args, readonly=True) as app:  # checking never writes, and works beside the window
        report = app.health.check()
    if report.healthy:
        print(f"Collection is healthy: {plural(report.cards, 'card')} in {plural(report.decks, 'deck')}.")
        return 0
    print(f"Found {len(report.problems)} problem(s):")
    for problem in report.problems:
        print(f"  - {problem}")
    if any(problem.startswith("SQLite") for problem in report.problems):
        from studyapp.services.backups import recovery_advice

        print(recovery_advice(collection_path(args)))
    return 1
