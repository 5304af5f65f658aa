"""Packages we export, as the real Anki library reads them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from anki.collection import Collection

from studyapp.domain.cards import CardKind, CardState
from studyapp.domain.clock import FixedClock
from studyapp.domain.scheduling import Rating
from studyapp.services.app import Services
from studyapp.services.exporting import anki_deck_id
from studyapp.storage.repositories.cards import NewCard
from tests.integration.anki.conftest import AnkiFactory, import_into_anki


def _notes(col: Collection) -> dict[str, list[str]]:
    return {col.get_note(nid).guid: col.get_note(nid).fields for nid in col.find_notes("")}


def _export(services: Services, out: Path, **options: bool) -> Path:
    services.exports.export("Science", out, **options)
    return out


def test_package_opens_in_anki_with_fields_decks_tags_and_order(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    first = services.cards.add("Science::Physics", CardKind.BASIC, "Speed of light?", "299,792 km/s", tags=("physics",))
    services.cards.add("Science", CardKind.BASIC, "Boiling point of water?", "100 °C")
    services.cards.add("Other", CardKind.BASIC, "Not exported", "x")
    col = anki_collection()
    import_into_anki(col, _export(services, tmp_path / "science.apkg"))

    notes = _notes(col)
    assert len(notes) == 2
    assert notes[services.cards.get(first).guid][:2] == ["Speed of light?", "299,792 km/s"]
    cards = sorted((col.get_card(cid) for cid in col.find_cards("")), key=lambda c: c.due)
    assert [c.note().fields[0] for c in cards] == ["Speed of light?", "Boiling point of water?"]
    assert {col.decks.name(c.did) for c in cards} == {"Science", "Science::Physics"}
    assert cards[0].note().tags == ["physics"]
    assert cards[0].note().note_type()["name"] == "StudyApp Basic v2"


def test_text_is_escaped_and_siblings_of_one_anki_note_share_a_note_again(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    services.cards.add("Science", CardKind.BASIC, "Is <script>alert(1)</script> & 1 < 2?", "yes\nreally")
    with services.context.store.unit_of_work() as uow:
        now = services.context.now()
        deck = uow.decks.get_or_create("Science", now)
        # as imported from one Anki note "n1": its c1 card keeps the note's GUID, c2 gets "n1#c2"
        for guid, text in [("n1", "{{c1::Water}} boils at 100 °C."), ("n1#c2", "Water boils at {{c1::100 °C}}.")]:
            uow.cards.add(NewCard(deck.id, CardKind.CLOZE, text, "", guid=guid, fact="n1"), now, 10)
        uow.commit()
    col = anki_collection()
    import_into_anki(col, _export(services, tmp_path / "science.apkg"))

    notes = _notes(col)
    assert len(notes) == 2
    assert notes["n1"][0] == "{{c1::Water}} boils at {{c2::100 °C}}."
    cloze_cards = sorted((col.get_card(cid) for cid in col.find_cards("note:StudyApp*Cloze*")), key=lambda c: c.ord)
    assert [c.ord for c in cloze_cards] == [0, 1]
    basic = next(col.get_card(cid) for cid in col.find_cards("note:StudyApp*Basic*"))
    assert "<script>" not in basic.question()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 1 &lt; 2?" in basic.question()
    assert basic.note().fields[1] == "yes<br>really"


def test_guids_are_stable_so_a_second_export_updates_the_edited_note(
    services: Services, clock: FixedClock, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    card_id = services.cards.add("Science", CardKind.BASIC, "Atomic number of carbon?", "6")
    services.cards.add("Science", CardKind.BASIC, "Atomic number of oxygen?", "8")
    first = _export(services, tmp_path / "first.apkg")
    clock.advance(timedelta(minutes=5))
    services.cards.edit(card_id, back="6 (six)")
    second = _export(services, tmp_path / "second.apkg")

    col = anki_collection()
    import_into_anki(col, first)
    import_into_anki(col, second)
    notes = _notes(col)
    assert len(notes) == 2
    assert notes[services.cards.get(card_id).guid][1] == "6 (six)"
    assert anki_deck_id("Science") == anki_deck_id("Science")
    assert 1 < anki_deck_id("Science") < 2**31


def test_with_scheduling_anki_continues_where_the_user_left_off(
    services: Services, clock: FixedClock, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    ids = [services.cards.add("Science", CardKind.BASIC, f"Question {n}?", f"Answer {n}") for n in range(3)]
    session = services.reviews.start(services.decks.id_of("Science"))
    session.answer(ids[0], Rating.EASY)
    session.answer(ids[1], Rating.GOOD)
    studied = [services.cards.get(i) for i in ids]
    review_count = sum(c.state is CardState.REVIEW for c in studied)
    assert review_count >= 1

    col = anki_collection()
    import_into_anki(col, _export(services, tmp_path / "progress.apkg", with_scheduling=True), with_scheduling=True)

    assert len(col.find_cards("is:review")) == review_count
    assert len(col.find_cards("is:new")) == sum(c.state is CardState.NEW for c in studied)
    assert col.db.scalar("select count() from revlog") == 2
    easy = col.get_card(
        col.db.scalar("select c.id from cards c join notes n on n.id = c.nid where n.guid = ?", studied[0].guid)
    )
    assert easy.memory_state is not None
    assert abs(easy.memory_state.stability - (studied[0].stability or 0)) < 0.01
    assert studied[0].due is not None
    expected_days = (studied[0].due - datetime.now(UTC)).days  # Anki counts "today" from the real clock
    assert abs((easy.due - col.sched.today) - expected_days) <= 1
