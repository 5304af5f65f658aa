"""Our CSV/TSV exports as the real Anki's text importer reads them, and back."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from anki.collection import ImportCsvRequest

from studyapp.domain.cards import CardKind
from studyapp.services.app import Services
from studyapp.storage.repositories.cards import NewCard
from tests.integration.anki.conftest import AnkiFactory


def _add_cloze_note(services: Services, deck: str, guid: str, texts: list[str]) -> None:
    """Cards as imported from one Anki cloze note: ``guid`` for c1, ``guid#cN`` for the others."""
    with services.context.store.unit_of_work() as uow:
        now = services.context.now()
        deck_id = uow.decks.get_or_create(deck, now).id
        position = uow.cards.next_position()
        for ordinal, text in enumerate(texts, 1):
            card_guid = guid if ordinal == 1 else f"{guid}#c{ordinal}"
            new = NewCard(deck_id, CardKind.CLOZE, text, "", guid=card_guid, fact=guid, tags=("chem",))
            uow.cards.add(new, now, position + ordinal)
        uow.commit()


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_anki_imports_our_text_export_with_decks_tags_and_guids(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path, suffix: str
) -> None:
    basic = services.cards.add("Lang::German", CardKind.BASIC, "Hund, der", 'dog; "the" dog', tags=("noun",))
    _add_cloze_note(services, "Lang", "note-1", ["{{c1::Salt}} is NaCl.", "Salt is {{c1::NaCl}}."])
    out = tmp_path / f"lang{suffix}"
    services.exports.export("Lang", out)

    col = anki_collection()
    metadata = col.get_csv_metadata(str(out), None)
    col.import_csv(ImportCsvRequest(path=str(out), metadata=metadata))

    notes = {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}
    assert set(notes) == {services.cards.get(basic).guid, "note-1"}
    dog = notes[services.cards.get(basic).guid]
    assert dog.note_type()["name"] == "Basic"
    assert [html.unescape(f) for f in dog.fields] == ["Hund, der", 'dog; "the" dog']  # #html:false: Anki escapes
    assert dog.tags == ["noun"]
    assert {col.decks.name(c.did) for c in dog.cards()} == {"Lang::German"}
    salt = notes["note-1"]
    assert salt.note_type()["name"] == "Cloze"
    assert salt.fields[0] == "{{c1::Salt}} is {{c2::NaCl}}."
    assert sorted(c.ord for c in salt.cards()) == [0, 1]
    assert {col.decks.name(c.did) for c in salt.cards()} == {"Lang"}
    assert salt.tags == ["chem"]

    # Importing the same file again changes nothing in Anki either.
    col.import_csv(ImportCsvRequest(path=str(out), metadata=col.get_csv_metadata(str(out), None)))
    assert len(col.find_notes("")) == 2
