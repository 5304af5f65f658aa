"""Temporary files that never outlive their process for long, even when it is killed.

Exports write a hidden ``.<name>-XXXX.studyapp.part`` beside the target and
build packages in a ``studyapp-apkg-*`` temporary folder; imports unpack into
``studyapp-import-*``; restore and repair build the new collection as a
hidden ``.<name>.<pid>.partial`` beside it.  Each is removed on any exit Python sees (errors,
Ctrl-C, SIGTERM).  Against SIGKILL and power loss, each is also listed in a
small registry entry that its process keeps locked: at the next start,
``remove_stale`` deletes whatever an unlocked entry names (its owner died).
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from studyapp.storage.file_check import PARTIAL_SUFFIX
from studyapp.storage.lock import HeldFile

log = logging.getLogger(__name__)

PART_SUFFIX = ".studyapp.part"
FOLDER_PREFIX = "studyapp-"
YOUNG_ENTRY_SECONDS = 60  # an entry this new may be between its creation and its lock


def registry_folder() -> Path:
    uid = getattr(os, "getuid", lambda: 0)()
    return Path(tempfile.gettempdir()) / f".studyapp-temporary-{uid}"


@contextmanager
def tracked(path: Path) -> Iterator[None]:
    """While the block runs ``path`` is in use; if the process dies inside it, the next start removes ``path``."""
    folder = registry_folder()
    held: HeldFile | None = None
    entry = folder / f"{os.getpid()}-{secrets.token_hex(6)}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        held = HeldFile.take(entry, create=True)
        if held is not None:
            held.write(str(path.resolve()))
    except OSError as error:  # no registry (a read-only temp folder): clean-up on exit still happens
        log.info("temporary file %s not registered: %s", path, error)
    try:
        yield
    finally:
        _remove(path)
        if held is not None:
            with suppress(OSError):
                entry.unlink()
            held.release()


@contextmanager
def private_folder(kind: str) -> Iterator[Path]:
    """A fresh ``studyapp-<kind>-*`` temporary folder, removed on any exit (see ``tracked``)."""
    folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{kind}-"))
    with tracked(folder):
        yield folder


def new_part_file(out: Path) -> Path:
    """An empty hidden file beside ``out`` to write it under; created 0666 less the umask, like any new file."""
    while True:
        part = out.with_name(f".{out.stem}-{secrets.token_hex(4)}{PART_SUFFIX}")
        try:
            os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return part


def remove_stale() -> int:
    """Delete what killed StudyApp processes left behind; returns how many were removed."""
    folder = registry_folder()
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        with suppress(OSError):
            if time.time() - entry.stat().st_mtime < YOUNG_ENTRY_SECONDS:
                continue
        held = HeldFile.take(entry)
        if held is None:
            continue  # its process is alive
        try:
            target = Path(held.read().strip())
            if _ours(target):
                _remove(target)
                removed += 1
            with suppress(OSError):
                entry.unlink()
        finally:
            held.release()
    if removed:
        log.info("removed %d temporary file(s) left by a stopped StudyApp", removed)
    return removed


def _ours(path: Path) -> bool:
    """Only names StudyApp makes are ever removed, whatever an entry says."""
    if path.name.startswith(".") and path.name.endswith((PART_SUFFIX, PARTIAL_SUFFIX)):
        return True
    return path.name.startswith(FOLDER_PREFIX) and path.parent == Path(tempfile.gettempdir()).resolve()


def _remove(path: Path) -> None:
    """The file or folder, and whatever SQLite left beside a file (a partial collection's journal)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
        return
    with suppress(OSError):
        for name in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
            name.unlink(missing_ok=True)
