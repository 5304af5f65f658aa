"""Helpers shared by commands: opening the collection, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.domain.errors import UserInputError
from studyapp.settings import resolve_collection_path

if TYPE_CHECKING:  # the services (and SQLAlchemy) load only when a command runs
    from studyapp.services.app import Services


def collection_path(args: argparse.Namespace) -> Path:
    return resolve_collection_path(args.collection)


@contextmanager
def services(args: argparse.Namespace, *, readonly: bool = False) -> Iterator[Services]:
    """Open the collection for one command and always close it (releasing the lock)."""
    from studyapp.services.app import open_services

    opened = open_services(collection_path(args), readonly=readonly, clock=args.clock)
    try:
        yield opened
    finally:
        opened.close()


def existing_file(text: str) -> Path:
    """A regular file the user named: a folder, FIFO, device or socket is refused at once."""
    from studyapp.services.input_files import check_regular

    path = Path(text).expanduser()
    if not path.exists():
        raise UserInputError(f"{path}: no such file.")
    if path.is_dir():
        raise UserInputError(f"{path} is a folder, not a file.")
    check_regular(path)
    return path


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
