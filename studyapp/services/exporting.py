"""Exporting a deck (with its subdecks) as an Anki package or an Anki text file.

All or nothing: the file is written beside the target under a temporary
name and renamed into place only when complete.
"""

from __future__ import annotations

import enum
import hashlib
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import genanki

from studyapp.anki.field_html import to_field_html
from studyapp.anki.note_types import basic_model, cloze_model
from studyapp.anki.notes import PlannedNote, plan_notes
from studyapp.anki.package_writing import CardPlace, NoteRow, PackageDatabase, zip_package
from studyapp.anki.review_log import revlog
from studyapp.anki.schedule import new_card, scheduled_card
from studyapp.anki.text_files import write_delimited
from studyapp.domain.cards import CardKind
from studyapp.domain.deck_names import SEPARATOR
from studyapp.domain.errors import UserInputError
from studyapp.services.context import ServiceContext
from studyapp.services.rows import ExportSummary
from studyapp.services.temp_files import new_part_file, private_folder, tracked
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


def _structure(deck_names: set[str]) -> genanki.Package:
    """Decks and note types only: notes and cards are written in bulk (``PackageDatabase``)."""
    decks = [genanki.Deck(anki_deck_id(name), name) for name in _with_parents(deck_names)]
    for model in (basic_model(), cloze_model()):
        decks[0].add_model(model)
    return genanki.Package(decks)


def _note_rows(notes: list[PlannedNote], first_id: int) -> Iterator[NoteRow]:
    basic_id, cloze_id = basic_model().model_id, cloze_model().model_id
    for note_id, note in enumerate(notes, first_id):
        fields = [to_field_html(f) for f in note.fields]
        tags = f" {' '.join(note.tags)} " if note.tags else ""
        model_id = cloze_id if note.kind is CardKind.CLOZE else basic_id
        yield note_id, note.guid, model_id, note.mod, tags, "\x1f".join(fields), fields[0]


def _places(notes: list[PlannedNote], first_note_id: int, first_card_id: int) -> list[tuple[ExportCard, CardPlace]]:
    """Card ``i`` of a note sits at Anki's template ordinal ``ordinals[i] - 1`` (cloze ``c{ordinal}``)."""
    card_ids = itertools.count(first_card_id)
    deck_ids: dict[str, int] = {}
    placed: list[tuple[ExportCard, CardPlace]] = []
    for note_id, note in enumerate(notes, first_note_id):
        for item, ordinal in zip(note.cards, note.ordinals, strict=True):
            deck_id = deck_ids.get(item.deck_name)
            if deck_id is None:
                deck_id = deck_ids[item.deck_name] = anki_deck_id(item.deck_name)
            placed.append((item, CardPlace(next(card_ids), note_id, deck_id, ordinal - 1)))
    return placed


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
            deck_name = uow.decks.require(deck).name
            items = uow.export.cards(deck)
            reviews = uow.export.reviews([i.id for i in items]) if with_scheduling else []
        notes = plan_notes(items)
        if fmt is ExportFormat.APKG:
            _atomic_write(out, lambda tmp: self._write_apkg(deck_name, notes, reviews, tmp, with_scheduling))
        else:
            _atomic_write(out, lambda tmp: write_delimited(notes, tmp, "\t" if fmt is ExportFormat.TSV else ","))
        return ExportSummary(deck=deck_name, path=str(out), cards=len(items), notes=len(notes), reviews=len(reviews))

    def _write_apkg(
        self, deck: str, notes: list[PlannedNote], reviews: list[ExportReview], out: Path, with_scheduling: bool
    ) -> None:
        timestamp = self._ctx.now().timestamp()
        first_note_id = int(timestamp * 1000)
        places = _places(notes, first_note_id, first_note_id + len(notes))
        with private_folder("apkg") as folder:
            database = PackageDatabase(folder / "collection.anki2")
            try:
                package = _structure({deck} | {item.deck_name for item, _ in places})
                database.fill(lambda cursor: package.write_to_db(cursor, timestamp, itertools.count(first_note_id)))
                database.add_notes(_note_rows(notes, first_note_id))
                if with_scheduling:
                    created = database.created()
                    database.add_cards(scheduled_card(item, place, created) for item, place in places)
                    database.add_reviews(revlog(reviews, {int(item.id): place.id for item, place in places}))
                else:
                    database.add_cards(new_card(item, place) for item, place in places)
            finally:
                database.close()
            zip_package(database.path, out)


def _atomic_write(out: Path, write: Callable[[Path], object]) -> None:
    """Write under a hidden name beside ``out``, then rename; the file gets the usual 0666-less-umask mode."""
    out = out.expanduser()
    if not out.parent.is_dir():
        raise UserInputError(f"The folder {out.parent} does not exist.")
    try:
        tmp = new_part_file(out)
    except OSError as error:
        raise UserInputError(f"Cannot write in {out.parent}: {error.strerror}.") from error
    with tracked(tmp):
        write(tmp)
        tmp.replace(out)
