"""Opening a file the user handed us: regular files only, and the size decided before anything is read.

A FIFO named ``.csv`` would block the first read forever, a symlink to
``/dev/zero`` would never end, and a 1 GB spreadsheet would be read whole
before being found too big.  So the file type is checked first (``stat``
never blocks), the file is opened without blocking and checked again on the
open descriptor (the name may have changed in between), and its size is
compared with the cap for its format.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from studyapp.domain.errors import UserInputError
from studyapp.storage.file_check import file_kind

MB = 1024**2
MAX_TABLE_BYTES = 100 * MB
MAX_PACKAGE_BYTES = 2 * 1024 * MB


def describe_size(size: int) -> str:
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} GB"
    return f"{size / MB:,.0f} MB" if size >= MB else f"{size / 1024:,.0f} KB"


def check_regular(path: Path) -> os.stat_result:
    """Refuse at once anything but a regular file (a symlink counts as what it points to)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserInputError(f"{path}: no such file.") from None
    except PermissionError:
        raise UserInputError(f"{path} cannot be read: permission denied.") from None
    except OSError as error:
        raise UserInputError(f"{path} cannot be read ({error.strerror or error}).") from None
    what = file_kind(info.st_mode)
    if what is not None:
        raise UserInputError(f"{path} is {what}, not a file; StudyApp reads only regular files.")
    return info


def open_input(path: Path, *, limit: int | None, kind: str) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file of at most ``limit`` bytes (``kind`` names the cap)."""
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise UserInputError(f"{path} cannot be read: permission denied.") from None
    except OSError as error:
        raise UserInputError(f"{path} cannot be read ({error.strerror or error}).") from None
    try:
        info = os.fstat(fd)
        what = file_kind(info.st_mode)
        if what is not None:
            raise UserInputError(f"{path} is {what}, not a file; StudyApp reads only regular files.")
        if limit is not None and info.st_size > limit:
            raise UserInputError(
                f"{path.name} is {describe_size(info.st_size)}; {kind} files of up to "
                f"{describe_size(limit)} can be imported."
            )
        if sys.platform != "win32":
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
