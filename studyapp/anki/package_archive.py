"""Opening an .apkg/.colpkg safely: limits first, then only the members we need.

Packages come from strangers.  Nothing is extracted by its own name (so
path traversal cannot write anywhere), but such packages are refused
outright; entry count, total size and compression ratio are limited, and
zstd-compressed members (``collection.anki21b``, modern media) are
decompressed as a stream with the same budget.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

import zstandard

from studyapp.anki.protowire import fields, first_int
from studyapp.domain.errors import UserInputError

MAX_ENTRIES = 100_000
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024
CHUNK = 1024 * 1024
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
META_VERSION_LATEST = 3


@dataclass(frozen=True, slots=True)
class Limits:
    entries: int = MAX_ENTRIES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_RATIO


class AnkiArchive:
    """An opened package: where its collection was copied, and its media by name."""

    def __init__(self, archive: zipfile.ZipFile, label: str, limits: Limits) -> None:
        self._zip = archive
        self._label = label
        self._budget = limits.total_bytes
        self._modern = False
        self._modern = self._is_modern()
        self.media_map = self._read_media_map()

    def _refuse(self, why: str) -> UserInputError:
        return UserInputError(f"{self._label} was refused: {why}.")

    def _is_modern(self) -> bool:
        if "meta" not in self._zip.namelist():
            return False
        try:
            return first_int(self._read("meta"), 1) >= META_VERSION_LATEST
        except ValueError as error:
            raise self._refuse("its metadata is damaged") from error

    def _stream(self, name: str) -> Iterator[bytes]:
        """A member's bytes, zstd-decompressed when the package is modern, within the size budget."""
        with self._zip.open(name) as raw:
            source: IO[bytes] = raw
            if self._modern or name.endswith(".anki21b"):
                source = zstandard.ZstdDecompressor().stream_reader(raw)
            while chunk := source.read(CHUNK):
                self._budget -= len(chunk)
                if self._budget < 0:
                    raise self._refuse("it unpacks to more than the size limit (a zip bomb?)")
                yield chunk

    def _read(self, name: str) -> bytes:
        try:
            return b"".join(self._stream(name))
        except (zipfile.BadZipFile, zstandard.ZstdError, zlib.error, OSError, EOFError) as error:
            raise self._refuse(f"its member {name} is damaged ({error})") from error

    def copy_collection(self, target: Path) -> None:
        names = set(self._zip.namelist())
        name = next((n for n in COLLECTIONS if n in names), None)
        if name is None:
            raise UserInputError(f"{self._label} is not an Anki package: it holds no collection.")
        try:
            with target.open("wb") as out:
                for chunk in self._stream(name):
                    out.write(chunk)
        except (zipfile.BadZipFile, zstandard.ZstdError, zlib.error, OSError, EOFError) as error:
            raise self._refuse(f"its collection is damaged ({error})") from error

    def _read_media_map(self) -> dict[str, str]:
        """File name → zip member; legacy JSON ``{"0": "a.png"}`` or modern protobuf entries."""
        if "media" not in self._zip.namelist():
            return {}
        data = self._read("media")
        try:
            if not self._modern:
                mapping = json.loads(data.decode("utf-8") or "{}")
                return {str(name): str(member) for member, name in mapping.items()}
            entries = [v for n, v in fields(data) if n == 1 and isinstance(v, bytes)]
            found: dict[str, str] = {}
            for index, entry in enumerate(entries):
                name = next((v for n, v in fields(entry) if n == 1 and isinstance(v, bytes)), b"")
                found[name.decode("utf-8")] = str(index)
            return found
        except (ValueError, UnicodeDecodeError, AttributeError) as error:
            raise self._refuse("its media list is damaged") from error

    def media(self, name: str) -> bytes | None:
        member = self.media_map.get(name)
        if member is None or member not in self._zip.namelist():
            return None
        return self._read(member)


def _check_members(archive: zipfile.ZipFile, label: str, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.entries:
        raise UserInputError(f"{label} was refused: it has more than {limits.entries:,} files.")
    total = 0
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise UserInputError(f"{label} was refused: it contains an unsafe path ({info.filename!r}).")
        total += info.file_size
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > limits.ratio * max(1, info.compress_size):
            raise UserInputError(f"{label} was refused: {info.filename} is compressed suspiciously well (a zip bomb?).")
    if total > limits.total_bytes:
        raise UserInputError(f"{label} was refused: it unpacks to more than {limits.total_bytes // 1024**2:,} MB.")


@contextmanager
def open_anki_archive(stream: BinaryIO, label: str, limits: Limits | None = None) -> Iterator[AnkiArchive]:
    """The package in ``stream`` (opened and size-checked by the caller); ``label`` names it in errors."""
    limits = limits or Limits()
    try:
        with zipfile.ZipFile(stream) as archive:
            _check_members(archive, label, limits)
            yield AnkiArchive(archive, label, limits)
    except zipfile.BadZipFile as error:
        raise UserInputError(f"{label} is not an Anki package (not a valid zip file).") from error
