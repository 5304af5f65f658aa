"""Inspect a collection file's header before SQLite touches it.

Reading the 100-byte header tells "not SQLite", "someone else's SQLite
database" and "written by a newer StudyApp" apart without opening, and so
without modifying, the file.
"""

from __future__ import annotations

import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from studyapp.domain.errors import CollectionCorrupt, CollectionTooNew, UserInputError

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x53545944
SCHEMA_VERSION = 7  # PRAGMA user_version written by the newest migration we ship
HEAD_REVISION = "0007"  # its Alembic revision; a test checks both against the migrations


@dataclass(frozen=True, slots=True)
class FileHeader:
    exists: bool
    empty: bool
    application_id: int = 0
    user_version: int = 0
    page_count: int = 0


PARTIAL_SUFFIX = ".partial"
"""Ends the hidden name of a collection or backup being written, renamed into place when complete."""


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_header(path: Path) -> FileHeader:
    try:
        kind = file_kind(path.stat().st_mode)  # a FIFO or a device would block or never end if opened
    except FileNotFoundError:
        return FileHeader(exists=False, empty=True)
    except OSError as exc:
        raise UserInputError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    if kind is not None:
        raise UserInputError(f"{path} is {kind}, not a collection file.")
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except PermissionError as exc:
        raise UserInputError(f"{path} cannot be read: permission denied.") from exc
    if not head:
        return FileHeader(exists=True, empty=True)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise CollectionCorrupt(f"{path} is not a StudyApp collection (it is not an SQLite database).")
    (page_count,) = struct.unpack(">I", head[28:32])
    (user_version,) = struct.unpack(">I", head[60:64])
    (application_id,) = struct.unpack(">I", head[68:72])
    return FileHeader(True, False, application_id, user_version, page_count)


def check_header(path: Path) -> FileHeader:
    """Refuse files that are not ours or too new; never writes."""
    header = read_header(path)
    if header.empty:
        return header
    if header.application_id not in (0, APPLICATION_ID):
        raise CollectionCorrupt(f"{path} is an SQLite database of another program, not a StudyApp collection.")
    if header.application_id == 0 and header.page_count > 1:
        raise CollectionCorrupt(f"{path} is an SQLite database, but not a StudyApp collection.")
    if header.user_version > SCHEMA_VERSION:
        raise CollectionTooNew(
            f"{path} was written by a newer version of StudyApp (schema {header.user_version}, "
            f"this version understands up to {SCHEMA_VERSION}); please update StudyApp."
        )
    return header
