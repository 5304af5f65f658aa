"""Which files are articles, and the checks made from a file's metadata before any byte is read."""

from __future__ import annotations

from pathlib import Path

from studyapp.domain.errors import UserInputError

SUPPORTED_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
WEB_PAGE_SUFFIXES = frozenset({".html", ".htm"})
MAX_FILE_BYTES = 20 * 1024 * 1024


def check_file(path: Path) -> int:
    """Refuse missing, folder, unsupported, empty and huge files from their metadata alone; return the size."""
    if not path.exists():
        raise UserInputError(f"File not found: {path}.")
    if path.is_dir():
        raise UserInputError(f"{path} is a folder; choose a file inside it.")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        shown = path.suffix or "without an extension"
        raise UserInputError(f"Files of type {shown} are not supported; use .txt, .md, .html or .pdf ({path.name}).")
    size = path.stat().st_size
    if size == 0:
        raise UserInputError(f"{path.name} is empty.")
    if size > MAX_FILE_BYTES:
        megabytes = size / (1024 * 1024)
        raise UserInputError(f"{path.name} is {megabytes:.0f} MB; articles larger than 20 MB are not supported.")
    return size
