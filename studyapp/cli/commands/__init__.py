"""One module per command; each has ``NAME`` and ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from studyapp.cli.commands import check, decks, generate, import_file

COMMANDS: list[ModuleType] = [import_file, generate, decks, check]
