"""One module per command; each has ``NAME`` and ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from studyapp.cli.commands import check, decks, export, generate, import_file, review, stats

COMMANDS: list[ModuleType] = [import_file, export, generate, decks, review, stats, check]
