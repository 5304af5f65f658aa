"""One module per command; each has ``NAME`` and ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from studyapp.cli.commands import (
    backup,
    backups,
    check,
    custom_study,
    deck_options,
    decks,
    export,
    generate,
    import_file,
    optimize,
    restore,
    review,
    stats,
)

COMMANDS: list[ModuleType] = [
    import_file,
    export,
    generate,
    decks,
    deck_options,
    review,
    custom_study,
    optimize,
    stats,
    backup,
    backups,
    restore,
    check,
]
