"""Which files are articles, and the checks made from a file's metadata before any byte is read.

Only regular files are read: a FIFO would block forever and a device never
ends, so both are refused by their file type at once; the size cap is decided
from the size the file system reports, before reading.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from studyapp.domain.errors import UserInputError

SUPPORTED_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
WEB_PAGE_SUFFIXES = frozenset({".html", ".htm"})
MAX_FILE_BYTES = 20 * 1024 * 1024
# A page's main content is found over its whole element tree, the slowest read per byte (about 3 s a MB
# on two busy cores, and worse than linear past 5 MB); a saved article page is rarely over 2 MB.
MAX_WEB_PAGE_BYTES = 5 * 1024 * 1024
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_file(path: Path) -> int:
    """Refuse missing, special, unreadable, unsupported, empty and huge files; return the size to read."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise UserInputError(f"File not found: {path}.") from None
    except OSError as error:
        raise UserInputError(f"{path} cannot be read ({os_error_reason(error)}).") from None
    if stat.S_ISDIR(status.st_mode):
        raise UserInputError(f"{path} is a folder; choose a file inside it.")
    for is_kind, kind in _NOT_REGULAR:
        if is_kind(status.st_mode):
            raise UserInputError(f"{path.name} is {kind}, not a file; only regular files can be read.")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        shown = path.suffix or "without an extension"
        raise UserInputError(f"Files of type {shown} are not supported; use .txt, .md, .html or .pdf ({path.name}).")
    if status.st_size == 0:
        raise UserInputError(f"{path.name} is empty.")
    web_page = path.suffix.lower() in WEB_PAGE_SUFFIXES
    cap = MAX_WEB_PAGE_BYTES if web_page else MAX_FILE_BYTES
    if status.st_size > cap:
        megabytes = status.st_size / (1024 * 1024)
        kind = "web pages" if web_page else "articles"
        raise UserInputError(
            f"{path.name} is {megabytes:.0f} MB; {kind} larger than {cap // (1024 * 1024)} MB are not supported."
        )
    try:
        os.close(os.open(path, os.O_RDONLY))  # a regular file: opening it cannot block
    except OSError as error:
        raise UserInputError(f"{path.name} cannot be read ({os_error_reason(error)}).") from None
    return status.st_size


def os_error_reason(error: OSError) -> str:
    """Why the system refused a file, in a few words for the user."""
    if isinstance(error, PermissionError):
        return "permission denied"
    return (error.strerror or type(error).__name__).lower()
