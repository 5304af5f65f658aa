"""``studyapp export --deck NAME --out FILE``: a deck and its subdecks as .apkg, .csv or .tsv."""

from __future__ import annotations

import argparse
from pathlib import Path

from studyapp.cli.common import services

NAME = "export"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="export a deck (with subdecks) as an Anki package or a CSV/TSV file",
        description="Write a deck and its subdecks to FILE. The format follows the extension unless --format is given.",
    )
    parser.add_argument("--deck", required=True, help="the deck to export (its subdecks are included)")
    parser.add_argument("--out", required=True, metavar="FILE", help="the file to write (.apkg, .csv or .tsv)")
    parser.add_argument("--format", choices=["apkg", "csv", "tsv"], help="apkg, csv or tsv")
    parser.add_argument(
        "--with-scheduling",
        action="store_true",
        help="include due dates, FSRS memory state and review history (.apkg only)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studyapp.services.exporting import ExportFormat

    fmt = ExportFormat(args.format) if args.format else None
    with services(args, readonly=True) as app:
        summary = app.exports.export(args.deck, Path(args.out), fmt=fmt, with_scheduling=args.with_scheduling)
    print(summary.describe())
    return 0
