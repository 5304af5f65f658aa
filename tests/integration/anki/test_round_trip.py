"""Identity across round trips: Anki → StudyApp → Anki, our own packages re-imported, .colpkg."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki.collection import Collection
from sqlalchemy import select

from studyapp.domain.clock import FixedClock
from studyapp.domain.ids import CardId
from studyapp.services.app import Services, open_services
from studyapp.storage.records import CardRecord
from tests.integration.anki.conftest import AnkiFactory, export_from_anki, import_into_anki


def _cards(services: Services) -> list[tuple[str, str, str]]:
    with services.context.store.unit_of_work() as uow:
        rows = uow.session.scalars(select(CardRecord).order_by(CardRecord.position))
        return [(r.guid, r.deck.name, r.front) for r in rows]


def _anki_notes(col: Collection) -> dict[str, tuple[str, list[int]]]:
    """Note GUID → (first field, ordinals of its cards)."""
    notes = (col.get_note(nid) for nid in col.find_notes(""))
    return {n.guid: (n.fields[0], sorted(c.ord for c in n.cards())) for n in notes}


def _cloze_package(anki_collection: AnkiFactory, tmp_path: Path) -> tuple[Path, str]:
    col = anki_collection()
    note = col.new_note(col.models.by_name("Cloze"))
    note["Text"] = "{{c1::Paris}} is the capital of {{c2::France}} since {{c3::508}}."
    col.add_note(note, col.decks.id("Geo"))
    basic = col.new_note(col.models.by_name("Basic"))
    basic["Front"], basic["Back"] = "Capital of Italy?", "Rome"
    col.add_note(basic, col.decks.id("Geo"))
    return export_from_anki(col, tmp_path / "geo.apkg", legacy=False), note.guid


def test_round_trip_through_a_fresh_collection_keeps_every_identity(
    services: Services, clock: FixedClock, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    package, note_guid = _cloze_package(anki_collection, tmp_path)
    services.imports.import_file(package)
    first = tmp_path / "first.apkg"
    services.exports.export("Geo", first)

    fresh = open_services(tmp_path / "fresh.studyapp", clock=clock)
    try:
        assert fresh.imports.import_file(first).added == 4
        assert _cards(fresh) == _cards(services)
        second = tmp_path / "second.apkg"
        fresh.exports.export("Geo", second)
    finally:
        fresh.close()

    col = anki_collection()
    import_into_anki(col, first)
    import_into_anki(col, second)
    notes = _anki_notes(col)
    assert len(notes) == 2
    assert notes[note_guid] == ("{{c1::Paris}} is the capital of {{c2::France}} since {{c3::508}}.", [0, 1, 2])


def test_reimporting_our_export_into_the_same_collection_adds_nothing(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    package, _ = _cloze_package(anki_collection, tmp_path)
    services.imports.import_file(package)
    before = _cards(services)
    for suffix in (".apkg", ".csv"):
        out = tmp_path / f"ours{suffix}"
        services.exports.export("Geo", out)
        assert services.imports.import_file(out).added == 0
        assert _cards(services) == before


def test_deleting_the_first_sibling_keeps_the_note_guid_and_the_other_ordinals(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    package, note_guid = _cloze_package(anki_collection, tmp_path)
    services.imports.import_file(package)
    first = tmp_path / "first.apkg"
    services.exports.export("Geo", first)
    with services.context.store.unit_of_work() as uow:
        first_sibling = uow.session.scalar(select(CardRecord.id).where(CardRecord.guid == note_guid))
    assert first_sibling is not None
    services.cards.delete([CardId(first_sibling)])
    second = tmp_path / "second.apkg"
    services.exports.export("Geo", second)

    col = anki_collection()
    import_into_anki(col, first)
    import_into_anki(col, second)
    notes = _anki_notes(col)
    assert len(notes) == 2
    # Still one note under the same GUID; c2 and c3 keep their ordinals (and so their schedules in Anki).
    # A deletion edits no remaining card, so the note is not newer and Anki keeps its c1 card.
    assert notes[note_guid][1] == [0, 1, 2]

    fresh_col = anki_collection()
    import_into_anki(fresh_col, second)
    assert _anki_notes(fresh_col)[note_guid] == ("Paris is the capital of {{c2::France}} since {{c3::508}}.", [1, 2])


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy", "modern"])
def test_colpkg_from_anki_imports_every_deck(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path, legacy: bool
) -> None:
    col = anki_collection()
    for deck, front in (("Geo", "Capital of Spain?"), ("Geo::Rivers", "Longest river?")):
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = front, "x"
        col.add_note(note, col.decks.id(deck))
    out = tmp_path / "whole.colpkg"
    col.export_collection_package(str(out), include_media=True, legacy=legacy)
    col.reopen()

    summary = services.imports.import_file(out)
    assert summary.added == 2
    assert sorted((deck, front) for _, deck, front in _cards(services)) == [
        ("Geo", "Capital of Spain?"),
        ("Geo::Rivers", "Longest river?"),
    ]
    assert services.imports.import_file(out).added == 0
