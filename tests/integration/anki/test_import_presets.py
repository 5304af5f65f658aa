"""Anki's deck options presets come along with a package: limits, steps, retention, FSRS, burying, leeches."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki.collection import Collection, ExportAnkiPackageOptions
from anki.import_export_pb2 import ExportLimit

from studyapp.domain.scheduling import DeckOptions
from studyapp.scheduling.fsrs_scheduler import DEFAULT_PARAMETERS
from studyapp.services.app import Services
from tests.integration.anki.conftest import AnkiFactory

SHARED_PARAMETERS = (*DEFAULT_PARAMETERS[:20], 0.25)  # FSRS-6 with a decay of its own
SHARED = DeckOptions(
    desired_retention=0.85,
    learning_steps=(120, 1800, 86_400),
    relearning_steps=(300, 3600),
    maximum_interval=1000,
    new_per_day=7,
    reviews_per_day=77,
    leech_threshold=5,
    leech_suspend=True,
    fsrs_parameters=SHARED_PARAMETERS,
    bury_new=True,
    bury_reviews=False,
)
SOLO = DeckOptions(
    desired_retention=0.95,
    learning_steps=(600,),
    relearning_steps=(),
    maximum_interval=365,
    new_per_day=3,
    reviews_per_day=33,
    leech_threshold=12,
    leech_suspend=False,
    fsrs_parameters=(),
    bury_new=False,
    bury_reviews=True,
)


def _configure(col: Collection, name: str, options: DeckOptions, *, interday: bool = False) -> int:
    config = col.decks.add_config(name)
    config["desiredRetention"] = options.desired_retention
    config["new"]["delays"] = [s / 60 for s in options.learning_steps]
    config["lapse"]["delays"] = [s / 60 for s in options.relearning_steps]
    config["rev"]["maxIvl"] = options.maximum_interval
    config["new"]["perDay"] = options.new_per_day
    config["rev"]["perDay"] = options.reviews_per_day
    config["lapse"]["leechFails"] = options.leech_threshold
    config["lapse"]["leechAction"] = 0 if options.leech_suspend else 1
    config["fsrsParams6"] = list(options.fsrs_parameters)
    config["new"]["bury"] = options.bury_new
    config["rev"]["bury"] = options.bury_reviews
    config["buryInterdayLearning"] = interday
    col.decks.update_config(config)
    return int(config["id"])


def _collection(col: Collection) -> None:
    """Two decks share "Shared", one has "Solo"; one card in each."""
    shared = _configure(col, "Shared", SHARED, interday=True)
    solo = _configure(col, "Solo", SOLO)
    for deck_name, config_id in (("Lang::French", shared), ("Lang::German", shared), ("History", solo)):
        deck_id = col.decks.id(deck_name)
        deck = col.decks.get(deck_id)
        deck["conf"] = config_id
        col.decks.save(deck)
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = f"Q {deck_name}", "A"
        col.add_note(note, deck_id)


def _export(col: Collection, out: Path, kind: str) -> Path:
    if kind == "colpkg":
        col.export_collection_package(str(out), include_media=True, legacy=False)  # closes the collection
        col.reopen()
        return out
    # Anki exports a preset's FSRS parameters only with scheduling (seen with anki 26.9: without it they are empty)
    options = ExportAnkiPackageOptions(
        with_scheduling=True, with_deck_configs=True, with_media=True, legacy=kind == "legacy"
    )
    col.export_anki_package(out_path=str(out), options=options, limit=ExportLimit())
    return out


def _close(options: DeckOptions, expected: DeckOptions) -> None:
    assert options.fsrs_parameters == pytest.approx(expected.fsrs_parameters, abs=1e-6)
    assert options.desired_retention == pytest.approx(expected.desired_retention, abs=1e-6)
    exact = ("learning_steps", "relearning_steps", "maximum_interval", "new_per_day", "reviews_per_day")
    exact += ("leech_threshold", "leech_suspend", "bury_new", "bury_reviews")
    assert {k: getattr(options, k) for k in exact} == {k: getattr(expected, k) for k in exact}


@pytest.mark.parametrize("kind", ["modern", "legacy", "colpkg"])
def test_presets_keep_every_mapped_option_and_which_decks_share_them(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path, kind: str
) -> None:
    col = anki_collection()
    _collection(col)
    package = _export(col, tmp_path / f"presets.{'colpkg' if kind == 'colpkg' else 'apkg'}", kind)

    summary = services.imports.import_file(package)

    ids = {row.name: row.id for row in services.decks.list()}
    for deck in ("Lang::French", "Lang::German"):
        assert services.decks.preset(ids[deck]) == ("Shared", 2)
        _close(services.decks.options(ids[deck]), SHARED)
    assert services.decks.preset(ids["History"]) == ("Solo", 1)
    _close(services.decks.options(ids["History"]), SOLO)
    assert services.decks.options(ids["Lang::French"]).fsrs_parameters[20] == pytest.approx(0.25)  # FSRS-6 decay
    text = summary.describe()
    assert "bury interday learning siblings" in text  # set on "Shared", and StudyApp has no such option
    assert "Preset 'Solo'" not in text  # nothing of "Solo" was left out


def test_reimport_updates_the_presets_and_a_name_clash_gets_the_file_name(
    services: Services, anki_collection: AnkiFactory, tmp_path: Path
) -> None:
    col = anki_collection()
    _collection(col)
    package = _export(col, tmp_path / "presets.apkg", "modern")
    services.imports.import_file(package)
    before = sorted((row.name, row.decks) for row in services.decks.presets())

    again = services.imports.import_file(package)

    assert sorted((row.name, row.decks) for row in services.decks.presets()) == before
    assert again.added == 0
    names = [row.name for row in services.decks.presets()]
    assert names.count("Shared") == 1 and names.count("Solo") == 1

    other = anki_collection()
    _configure(other, "Solo", SHARED)
    deck_id = other.decks.id("Elsewhere")
    deck = other.decks.get(deck_id)
    deck["conf"] = max(c["id"] for c in other.decks.all_config())
    other.decks.save(deck)
    note = other.new_note(other.models.by_name("Basic"))
    note["Front"], note["Back"] = "Q elsewhere", "A"
    other.add_note(note, deck_id)
    summary = services.imports.import_file(_export(other, tmp_path / "other.apkg", "modern"))

    elsewhere = {row.name: row.id for row in services.decks.list()}["Elsewhere"]
    assert services.decks.preset(elsewhere) == ("Solo (other.apkg)", 1)
    _close(services.decks.options(elsewhere), SHARED)
    assert "'Solo (other.apkg)' (named 'Solo' in the file)" in summary.describe()
