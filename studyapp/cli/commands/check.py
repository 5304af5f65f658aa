"""``studyapp check``: integrity and consistency; exit 0 only when healthy."""

from __future__ import annotations

import argparse

from studyapp.cli.common import services
from studyapp.domain.wording import plural

NAME = "check"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="check the collection's integrity (exit status 0 only when healthy)",
        description="Run SQLite's integrity check and StudyApp's own consistency checks.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with services(args, readonly=True) as app:  # checking never writes, and works beside the window
        report = app.health.check()
    if report.healthy:
        print(f"Collection is healthy: {plural(report.cards, 'card')} in {plural(report.decks, 'deck')}.")
        return 0
    print(f"Found {len(report.problems)} problem(s):")
    for problem in report.problems:
        print(f"  - {problem}")
    return 1
