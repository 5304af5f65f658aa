"""``studyapp deck-options``: show and change a deck's options, pick its preset; bad input changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from studyapp.cli.main import main
from studyapp.domain.cards import CardKind
from studyapp.services.app import open_services


@pytest.fixture
def collection(collection_path: Path) -> str:
    app = open_services(collection_path)
    try:
        app.cards.add("Spanish", CardKind.BASIC, "hola", "hello")
        app.cards.add("French", CardKind.BASIC, "bonjour", "hello")
    finally:
        app.close()
    return str(collection_path)


def presets(path: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT p.name, p.new_per_day, p.desired_retention, p.bury_new, p.leech_suspend, group_concat(d.name)"
            " FROM presets AS p LEFT JOIN decks AS d ON d.preset_id = p.id GROUP BY p.id ORDER BY p.id"
        ).fetchall()
    db.close()
    return rows


def test_deck_options_shows_the_presets_options(capsys: pytest.CaptureFixture[str], collection: str) -> None:
    assert main(["--collection", collection, "deck-options", "--deck", "Spanish"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Deck 'Spanish' uses preset 'Default' (shared by 2 decks)."
    assert "  new-per-day        20" in out and "  bury-new           on" in out


def test_set_changes_the_preset_and_a_new_preset_leaves_the_old_one_alone(
    capsys: pytest.CaptureFixture[str], collection: str
) -> None:
    code = main(
        ["--collection", collection, "deck-options", "--deck", "Spanish", "--preset", "Languages",
         "--set", "new-per-day=35", "--set", "desired-retention=0.85", "--set", "bury-new=off",
         "--set", "leech-action=tag", "--json"]
    )  # fmt: skip
    assert code == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["preset"] == "Languages" and shown["decks_sharing"] == 1
    assert shown["options"]["new-per-day"] == "35" and shown["options"]["bury-new"] == "off"
    assert presets(collection) == [("Default", 20, 0.9, 1, 1, "French"), ("Languages", 35, 0.85, 0, 0, "Spanish")]


def test_a_bad_value_is_one_line_and_saves_nothing(capsys: pytest.CaptureFixture[str], collection: str) -> None:
    before = presets(collection)
    code = main(
        ["--collection", collection, "deck-options", "--deck", "Spanish", "--set", "new-per-day=40",
         "--set", "desired-retention=2"]
    )  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err == "studyapp: error: desired-retention must be between 0.70 and 0.99."
    assert presets(collection) == before
    assert main(["--collection", collection, "deck-options", "--deck", "Nope"]) == 2
    assert "Nope" in capsys.readouterr().err
