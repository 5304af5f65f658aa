"""Start-up loads only what a command uses: help and the reading commands never load the heavy libraries.

Each command runs as ``python -m studyapp`` does, in a fresh interpreter that
then names the heavy libraries it finds loaded.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.domain.cards import CardKind
from studyapp.services.app import open_services

HEAVY = ("spacy", "sqlalchemy", "alembic", "fsrs", "fsrs_rs_python", "genanki", "anki", "PySide6", "pyqtgraph")
PROBE = (
    "import runpy, sys\n"
    "sys.argv = ['studyapp', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('studyapp', run_name='__main__', alter_sys=True)\n"
    "except SystemExit as stop:\n"
    "    code = stop.code\n"
    f"print('LOADED', code, sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
)


def loaded_by(*args: str) -> tuple[str, str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("LOADED"), result.stderr
    return last, result.stdout


@pytest.fixture
def collection(collection_path: Path) -> Path:
    app = open_services(collection_path)
    try:
        app.cards.add("Languages::French", CardKind.BASIC, "Bonjour?", "Hello")
    finally:
        app.close()
    return collection_path


def test_help_loads_none_of_the_heavy_libraries() -> None:
    loaded, out = loaded_by("--help")
    assert loaded == "LOADED 0 []"
    assert "decks" in out


@pytest.mark.parametrize("command", [["decks"], ["decks", "--json"], ["backups"]])
def test_reading_commands_load_none_of_the_heavy_libraries(collection: Path, command: list[str]) -> None:
    loaded, out = loaded_by("--collection", str(collection), *command)
    assert loaded == "LOADED 0 []"
    assert ("French" in out) if command[0] == "decks" else ("backups" in out or "collection-" in out)
