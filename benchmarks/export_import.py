"""Export 10k cards vs raw genanki; import 100k cards (CSV, .apkg) vs the real Anki importer on the same file.

Run: .venv/bin/python benchmarks/export_import.py [--export-cards N] [--import-cards N] [--runs R]
Goals: export ratio <= 1.3, import ratios <= 1.0.  Each figure is the median of R runs
(the machine may be shared), both sides measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import genanki
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest, ImportCsvRequest

from studyapp.anki.foreign_cards import ForeignDeck
from studyapp.anki.note_types import basic_model
from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.domain.foreign import ForeignCard
from studyapp.services.app import Services, open_services
from studyapp.services.card_import import store_foreign


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _fill(services: Services, count: int) -> None:
    cards = [
        ForeignCard(
            guid=f"g{n}",
            kind=CardKind.BASIC,
            front=f"Question number {n}?",
            back=f"Answer {n}",
            deck="Bench",
            tags=("bench",),
        )
        for n in range(count)
    ]
    store_foreign(services.context, ForeignDeck(cards=cards), "Bench")


def _raw_genanki(count: int, out: Path) -> None:
    deck = genanki.Deck(1_500_000_000, "Bench")
    for n in range(count):
        note = genanki.Note(
            model=basic_model(), fields=[f"Question number {n}?", f"Answer {n}", "", ""], tags=["bench"]
        )
        note.guid = f"g{n}"
        deck.add_note(note)
    genanki.Package(deck).write_to_file(out)


def _anki_import(path: Path, folder: Path) -> float:
    """Anki's own importer for this file: the package importer, or the CSV importer with its metadata."""
    col = Collection(str(folder / "anki.anki2"))
    try:
        if path.suffix == ".apkg":
            request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
            return _timed(lambda: col.import_anki_package(request))
        return _timed(
            lambda: col.import_csv(ImportCsvRequest(path=str(path), metadata=col.get_csv_metadata(str(path), None)))
        )
    finally:
        col.close()


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--export-cards", type=int, default=10_000)
    parser.add_argument("--import-cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    clock = FixedClock(datetime(2026, 3, 2, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = open_services(folder / "source.studyapp", clock=clock)
        _fill(source, args.export_cards)
        ours = _median([_timed(lambda: source.exports.export("Bench", folder / "ours.apkg")) for _ in range(args.runs)])
        raw = _median([_timed(lambda: _raw_genanki(args.export_cards, folder / "raw.apkg")) for _ in range(args.runs)])
        print(
            f"export {args.export_cards:,} cards: studyapp {ours:.2f}s, raw genanki {raw:.2f}s, ratio {ours / raw:.2f}"
        )

        big = open_services(folder / "big.studyapp", clock=clock)
        _fill(big, args.import_cards)
        big.exports.export("Bench", folder / "big.apkg")
        big.exports.export("Bench", folder / "big.csv")
        big.close()
        source.close()
        for name in ("big.apkg", "big.csv"):
            path = folder / name
            ours_runs, anki_runs = [], []
            for run in range(args.runs):
                target = open_services(folder / f"into-{run}-{name}.studyapp", clock=clock)
                ours_runs.append(_timed(lambda: target.imports.import_file(path)))  # noqa: B023 (called right here)
                target.close()
                anki_runs.append(_anki_import(path, Path(tempfile.mkdtemp(dir=folder))))
            ours, anki = _median(ours_runs), _median(anki_runs)
            print(
                f"import {args.import_cards:,} cards from {name}: studyapp {ours:.2f}s, "
                f"Anki importing the same file {anki:.2f}s, ratio {ours / anki:.2f}"
            )


if __name__ == "__main__":
    main()
