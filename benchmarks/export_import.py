"""Export 10k cards vs raw genanki; import 100k cards (CSV, .apkg) vs the real Anki importer.

Run: .venv/bin/python benchmarks/export_import.py [--export-cards N] [--import-cards N]
Goals: export ratio <= 1.3, import ratios <= 1.0.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import genanki
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from studyapp.domain.cards import CardKind
from studyapp.domain.clock import FixedClock
from studyapp.services.anki_note_types import basic_model
from studyapp.services.app import Services, open_services
from studyapp.services.card_import import store_foreign
from studyapp.services.foreign_cards import ForeignCard, ForeignDeck


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _fill(services: Services, count: int) -> None:
    cards = [
        ForeignCard(f"g{n}", CardKind.BASIC, f"Question number {n}?", f"Answer {n}", "Bench", ("bench",))
        for n in range(count)
    ]
    store_foreign(services.context, ForeignDeck(cards=cards), "Bench")


def _raw_genanki(count: int, out: Path) -> None:
    deck = genanki.Deck(1_500_000_000, "Bench")
    for n in range(count):
        note = genanki.Note(model=basic_model(), fields=[f"Question number {n}?", f"Answer {n}", ""], tags=["bench"])
        note.guid = f"g{n}"
        deck.add_note(note)
    genanki.Package(deck).write_to_file(out)


def _anki_import(package: Path, folder: Path) -> float:
    col = Collection(str(folder / "anki.anki2"))
    try:
        request = ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
        return _timed(lambda: col.import_anki_package(request))
    finally:
        col.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--export-cards", type=int, default=10_000)
    parser.add_argument("--import-cards", type=int, default=100_000)
    args = parser.parse_args()
    clock = FixedClock(datetime(2026, 3, 2, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = open_services(folder / "source.studyapp", clock=clock)
        _fill(source, args.export_cards)
        ours = _timed(lambda: source.exports.export("Bench", folder / "ours.apkg"))
        raw = _timed(lambda: _raw_genanki(args.export_cards, folder / "raw.apkg"))
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
            target = open_services(folder / f"into-{name}.studyapp", clock=clock)
            path = folder / name
            ours = _timed(lambda: target.imports.import_file(path))  # noqa: B023 (called right here)
            target.close()
            anki = _anki_import(folder / "big.apkg", Path(tempfile.mkdtemp(dir=folder)))
            print(
                f"import {args.import_cards:,} cards from {name}: studyapp {ours:.2f}s, "
                f"Anki importing the .apkg {anki:.2f}s, ratio {ours / anki:.2f}"
            )


if __name__ == "__main__":
    main()
