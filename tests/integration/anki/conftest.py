"""Fixtures for checking packages with the real Anki library."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from anki.collection import Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ExportLimit

AnkiFactory = Callable[[], Collection]


@pytest.fixture
def anki_collection(tmp_path: Path) -> Iterator[AnkiFactory]:
    """Fresh, empty Anki collections in tmp_path; closed after the test."""
    opened: list[Collection] = []
    counter = itertools.count()

    def make() -> Collection:
        folder = tmp_path / f"anki{next(counter)}"
        folder.mkdir()
        col = Collection(str(folder / "collection.anki2"))
        opened.append(col)
        return col

    yield make
    for col in opened:
        col.close()


def import_into_anki(col: Collection, package: Path, *, with_scheduling: bool = False) -> None:
    options = ImportAnkiPackageOptions(with_scheduling=with_scheduling, merge_notetypes=True)
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))


def export_from_anki(col: Collection, out: Path, *, legacy: bool) -> Path:
    options = ExportAnkiPackageOptions(with_scheduling=False, with_media=True, legacy=legacy)
    col.export_anki_package(out_path=str(out), options=options, limit=ExportLimit())
    return out
