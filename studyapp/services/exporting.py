"""Exporting a deck (with its subdecks) as an Anki package or an Anki text file.

All or nothing: the file is written beside the target under a temporary
name and renamed into place only when complete.
"""

from __future__ import annotations

import enum
import hashlib
import itertools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import genanki

from studyapp.domain.cards import CardKind
from studyapp.domain.errors import UserInputError
from studyapp.services.anki_note_types import basic_model, cloze_model
from studyapp.services.anki_notes import PlannedNote, plan_notes
from studyapp.services.anki_schedule import new_card, revlog, scheduled_card
from studyapp.services.anki_text import to_field_html
from studyapp.services.context import ServiceContext
from studyapp.services.delimited import write_delimited
from studyapp.services.rows import ExportSummary
from studyapp.storage.anki_package import CardKey, PackageDatabase, zip_package
from studyapp.storage.repositories.decks import SEPARATOR
from studyapp.storage.repositories.export import ExportCard, ExportReview


class ExportFormat(enum.StrEnum):
    APKG = "apkg"
    CSV = "csv"
    TSV = "tsv"

    @classmethod
    def for_path(cls, path: Path) -> ExportFormat:
        suffix = path.suffix.lower().lstrip(".")
        try:
            return cls(suffix)
        except ValueError:
            raise UserInputError(
                f"{path.name}: cannot tell the format from the extension; use .apkg, .csv or .tsv, or give --format."
            ) from None


def anki_deck_id(name: str) -> int:
    """Stable per name, positive, 31-bit and never Anki's Default deck (1)."""
    digest = hashlib.sha1(name.encode("utf-8")).digest()
    return (int.from_bytes(digest[:4], "big") & 0x3FFF_FFFF) | 0x4000_0000


def _with_parents(names: set[str]) -> list[str]:
    """Anki shows ``A::B`` under ``A``; naming every level keeps the ids stable too."""
    levels = {SEPARATOR.join(n.split(SEPARATOR)[:depth]) for n in names for depth in range(1, n.count(SEPARATOR) + 2)}
    return sorted(levels)


def _genanki_note(note: PlannedNote) -> genanki.Note:
    model = cloze_model() if note.kind is CardKind.CLOZE else basic_model()
    return genanki.Note(
        model=model, fields=[to_field_html(f) for f in note.fields], tags=list(note.tags), guid=note.guid
    )


def _package(notes: list[PlannedNote]) -> genanki.Package:
    decks = {name: genanki.Deck(anki_deck_id(name), name) for name in _with_parents({n.deck for n in notes})}
    for note in notes:
        decks[note.deck].add_note(_genanki_note(note))
    return genanki.Package(list(decks.values()))


def _card_keys(notes: list[PlannedNote]) -> list[tuple[ExportCard, CardKey]]:
    """Card ``i`` of a note is Anki's template ordinal ``i`` (cloze ``c{i+1}``)."""
    return [(item, (note.guid, ordinal)) for note in notes for ordinal, item in enumerate(note.cards)]


class ExportService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def export(
        self, deck: str, out: Path, *, fmt: ExportFormat | None = None, with_scheduling: bool = False
    ) -> ExportSummary:
        fmt = fmt or ExportFormat.for_path(out)
        if with_scheduling and fmt is not ExportFormat.APKG:
            raise UserInputError("Scheduling can only be exported in an .apkg package.")
        with self._ctx.store.unit_of_work() as uow:
            items = uow.export.cards(deck)
            deck_name = uow.decks.require(deck).name
            reviews = uow.export.reviews([i.card.id for i in items]) if with_scheduling else []
        notes = plan_notes(items)
        if fmt is ExportFormat.APKG:
            _atomic_write(out, lambda tmp: self._write_apkg(notes, reviews, tmp, with_scheduling))
        else:
            _atomic_write(out, lambda tmp: write_delimited(notes, tmp, "\t" if fmt is ExportFormat.TSV else ","))
        return ExportSummary(deck=deck_name, path=str(out), cards=len(items), notes=len(notes), reviews=len(reviews))

    def _write_apkg(
        self, notes: list[PlannedNote], reviews: list[ExportReview], out: Path, with_scheduling: bool
    ) -> None:
        timestamp = self._ctx.now().timestamp()
        with tempfile.TemporaryDirectory(prefix="studyapp-apkg-") as folder:
            database = PackageDatabase(Path(folder) / "collection.anki2")
            try:
                package = _package(notes)
                database.fill(
                    lambda cursor: package.write_to_db(cursor, timestamp, itertools.count(int(timestamp * 1000)))
                )
                created = database.created()
                keyed = _card_keys(notes)
                database.set_note_mods((n.guid, n.mod) for n in notes)
                if with_scheduling:
                    database.set_cards(scheduled_card(item, key, created) for item, key in keyed)
                    keys: dict[int, CardKey] = {int(item.card.id): key for item, key in keyed}
                    database.add_reviews(revlog(reviews, keys))
                else:
                    database.set_cards(new_card(item, key) for item, key in keyed)
            finally:
                database.close()
            zip_package(database.path, out)


def _atomic_write(out: Path, write: Callable[[Path], object]) -> None:
    out = out.expanduser()
    if not out.parent.is_dir():
        raise UserInputError(f"The folder {out.parent} does not exist.")
    try:
        handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}-", suffix=".part")
    except OSError as error:
        raise UserInputError(f"Cannot write in {out.parent}: {error.strerror}.") from error
    os.close(handle)
    tmp = Path(name)
    try:
        write(tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
