"""The context line as Anki sees it: a field of StudyApp's note types, shown above the question; and back."""

from __future__ import annotations

from pathlib import Path

import genanki
import pytest
from anki.collection import ImportCsvRequest

from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft
from studyapp.services.app import Services, open_services
from tests.integration.anki.conftest import AnkiFactory, import_into_anki


def _export(services: Services, article: Article, drafts: list[CardDraft], out: Path) -> Path:
    services.imports.add_drafts(article, drafts, "Space")
    services.exports.export("Space", out)
    return out


def test_anki_reads_the_context_field_and_shows_it_above_the_question_on_both_sides(
    services: Services,
    anki_collection: AnkiFactory,
    tmp_path: Path,
    webb_article: Article,
    webb_drafts: list[CardDraft],
) -> None:
    col = anki_collection()
    import_into_anki(col, _export(services, webb_article, webb_drafts, tmp_path / "space.apkg"))

    notes = [col.get_note(nid) for nid in col.find_notes("")]
    by_context = {note["Context"]: note for note in notes}
    assert set(by_context) == {"Astronomy › Space telescopes", "James Webb Space Telescope, as of 2023", ""}
    orbit = by_context["Astronomy › Space telescopes"]
    assert orbit.note_type()["name"] == "StudyApp Basic v2"
    assert [f["name"] for f in orbit.note_type()["flds"]] == ["Front", "Back", "Source", "Context"]
    card = orbit.cards()[0]
    question, answer = card.question(), card.answer()
    assert '<div class="studyapp-context">Astronomy › Space telescopes</div>' in question
    assert question.index("Astronomy › Space telescopes") < question.index("How far from Earth")
    assert answer.index("Astronomy › Space telescopes") < answer.index("How far from Earth")

    mirror = by_context["James Webb Space Telescope, as of 2023"]
    assert mirror.note_type()["name"] == "StudyApp Cloze v2"
    cloze = mirror.cards()[0]
    for side in (cloze.question(), cloze.answer()):
        assert side.index("as of 2023") < side.index("primary mirror")

    plain = by_context[""].cards()[0]
    assert 'class="studyapp-context"' not in plain.question()  # an empty context shows nothing
    assert 'class="studyapp-context"' not in plain.answer()


def test_our_package_imported_again_restores_the_context(
    services: Services, tmp_path: Path, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    package = _export(services, webb_article, webb_drafts, tmp_path / "space.apkg")
    other = open_services(tmp_path / "other.studyapp")
    try:
        other.imports.import_file(package, "Copy")
        contexts = {other.cards.get(i).context for i in other.browse.search("")}
    finally:
        other.close()
    assert contexts == {"Astronomy › Space telescopes", "James Webb Space Telescope, as of 2023", ""}


def test_an_older_export_without_the_context_field_still_imports(services: Services, tmp_path: Path) -> None:
    """Version 1 of our note types had Front, Back, Source (and Text, Extra, Source): no Context."""
    basic = genanki.Model(
        1_742_318_001,
        "StudyApp Basic",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )
    cloze = genanki.Model(
        1_742_319_001,
        "StudyApp Cloze",
        fields=[{"name": "Text"}, {"name": "Extra"}, {"name": "Source"}],
        templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}"}],
        model_type=genanki.Model.CLOZE,
    )
    deck = genanki.Deck(2_000_000_001, "Old")
    deck.add_note(genanki.Note(model=basic, fields=["Capital of Peru?", "Lima", "Lima is the capital."], guid="b1"))
    deck.add_note(genanki.Note(model=cloze, fields=["{{c1::Lima}} is in Peru.", "", "Peru"], guid="c1"))
    package = tmp_path / "old.apkg"
    genanki.Package(deck).write_to_file(package)

    summary = services.imports.import_file(package)
    assert summary.added == 2
    cards = [services.cards.get(i) for i in services.browse.search("deck:Old")]
    assert [(c.front, c.source_sentence, c.context) for c in cards] == [
        ("Capital of Peru?", "Lima is the capital.", ""),
        ("{{c1::Lima}} is in Peru.", "Peru", ""),
    ]


def test_reimporting_a_file_without_context_keeps_the_cards_context(
    services: Services, tmp_path: Path, webb_article: Article, webb_drafts: list[CardDraft]
) -> None:
    """Anki's stock note types have no Context field: an update from them must not wipe ours."""
    services.imports.add_drafts(webb_article, webb_drafts[:1], "Space")
    card = services.cards.get(services.browse.search("deck:Space")[0])
    table = tmp_path / "edited.csv"
    table.write_text(
        f"#separator:comma\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
        f"{card.guid},Basic,Space,{card.front},1.5 million km,\n",
        encoding="utf-8",
    )
    services.imports.import_file(table)
    updated = services.cards.get(card.id)
    assert (updated.back, updated.context) == ("1.5 million km", "Astronomy › Space telescopes")


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_text_exports_carry_the_context_column_which_anki_ignores_and_we_read_back(
    services: Services,
    anki_collection: AnkiFactory,
    tmp_path: Path,
    webb_article: Article,
    webb_drafts: list[CardDraft],
    suffix: str,
) -> None:
    out = _export(services, webb_article, webb_drafts, tmp_path / f"space{suffix}")
    lines = out.read_text(encoding="utf-8").splitlines()
    separator = "\t" if suffix == ".tsv" else ","
    assert lines[6] == "#columns:" + separator.join(["GUID", "Notetype", "Deck", "Front", "Back", "Tags", "Context"])
    assert any(line.endswith(separator + "Astronomy › Space telescopes") for line in lines)

    col = anki_collection()
    col.import_csv(ImportCsvRequest(path=str(out), metadata=col.get_csv_metadata(str(out), None)))
    fields = sorted(col.get_note(nid).fields[0] for nid in col.find_notes(""))
    assert len(fields) == 3
    assert not any("Astronomy" in f for nid in col.find_notes("") for f in col.get_note(nid).fields)

    other = open_services(tmp_path / "other.studyapp")
    try:
        other.imports.import_file(out, "Copy")
        contexts = {other.cards.get(i).context for i in other.browse.search("")}
    finally:
        other.close()
    assert contexts == {"Astronomy › Space telescopes", "James Webb Space Telescope, as of 2023", ""}
