"""A PDF's text layer (pypdf) as paragraphs and headings, without its running headers, footers and page numbers.

A line is page furniture when it sits at a page's top or bottom edge and is a
bare page number ("12", "Page 3 of 10", "- iv -") or repeats, digits aside, on
most pages. Wrapped lines are joined into paragraphs (hyphenated breaks
mended); a paragraph ends where a line ends a sentence well short of the
page's line width, and a short line without final punctuation between
paragraphs is a heading.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.domain.article import BlockKind
from studyapp.domain.errors import UserInputError
from studyapp.reading.structure import Piece, Reading, notes_or_paragraph

if TYPE_CHECKING:
    from pypdf import PdfReader

# pypdf fails on damaged files with its own errors and, deeper in its parser, with
# whatever Python raised there; all of them mean "this PDF cannot be read".
PDF_DAMAGE = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
    ZeroDivisionError,
    RecursionError,
    OSError,
)
MAX_PAGES = 2_000  # pypdf takes tens of milliseconds a page
_EDGE_LINES = 2
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—·|]*(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s+(?:of|/)\s+\d{1,4})?[\s\-–—·|]*$", re.I
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_SHORT_LINE = 0.8
_HEADING_LINE = 0.7
_MAX_HEADING_WORDS = 12
_MAX_TITLE_WORDS = 16


def read_pdf(path: Path) -> Reading:
    """The PDF's pieces; a scanned PDF without a text layer is refused, not OCR'd."""
    lines = _page_lines(path)
    pieces = _paragraphs(_without_furniture(lines))
    if not pieces:
        raise UserInputError(
            f"{path.name} has no text layer (it looks like scanned images); export it with text or paste the text."
        )
    return Reading(pieces, _title(pieces))


def _title(pieces: list[Piece]) -> str:
    """The headings that open the document, while they read as one title (a title may wrap over lines)."""
    words: list[str] = []
    while pieces and pieces[0].kind is BlockKind.HEADING:
        more = pieces[0].text.split()
        if words and len(words) + len(more) > _MAX_TITLE_WORDS:
            break
        words += more
        pieces.pop(0)
    return " ".join(words)


def _page_lines(path: Path) -> list[list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise UserInputError(f"{path.name} is not a valid PDF file.")
    # pypdf logs each flaw of a damaged file (some of its messages even fail to format);
    # the user gets one sentence from us instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UserInputError(
                f"{path.name}: This PDF is password-protected; save an unprotected copy and import that."
            )
        if len(reader.pages) > MAX_PAGES:
            raise UserInputError(
                f"{path.name} has {len(reader.pages):,} pages; PDFs longer than {MAX_PAGES:,} pages are not supported."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, *PDF_DAMAGE) as error:
        raise UserInputError(f"{path.name} could not be read as a PDF ({error}).") from error
    return [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in pages]


def _opens_without_password(reader: PdfReader) -> bool:
    """Many PDFs are encrypted only against editing: they open with an empty password."""
    from pypdf import PasswordType
    from pypdf.errors import PyPdfError

    try:
        return reader.decrypt("") is not PasswordType.NOT_DECRYPTED
    except (PyPdfError, NotImplementedError):  # pypdf raises DependencyError when AES needs `cryptography`
        return False


def _without_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Each page's lines without the running header, footer and page number at its edges."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]})
    repeated = {shape for shape, count in counts.items() if len(pages) > 1 and count > len(pages) / 2}

    def furniture(line: str) -> bool:
        return bool(_PAGE_NUMBER.match(line)) or _shape(line) in repeated

    cleaned = []
    for lines in pages:
        top, bottom = 0, len(lines)
        while top < min(_EDGE_LINES, bottom) and furniture(lines[top]):
            top += 1
        while bottom > max(top, len(lines) - _EDGE_LINES) and furniture(lines[bottom - 1]):
            bottom -= 1
        cleaned.append(lines[top:bottom])
    return cleaned


def _shape(line: str) -> str:
    """A line with its numbers blanked, so "Page 3 of 9" and "Page 4 of 9" repeat."""
    return re.sub(r"\d+", "#", line.casefold())


def _paragraphs(pages: list[list[str]]) -> list[Piece]:
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    widths = sorted(len(line) for line in lines)
    width = widths[int(len(widths) * 0.9)]
    pieces: list[Piece] = []
    current: list[str] = []

    def close() -> None:
        if current:
            pieces.extend(notes_or_paragraph(_join(current)))
            current.clear()

    for line in lines:
        if (not current or _SENTENCE_END.search(current[-1])) and _looks_like_heading(line, width):
            close()
            pieces.append(Piece(BlockKind.HEADING, line, level=1))
            continue
        current.append(line)
        if _SENTENCE_END.search(line) and len(line) < _SHORT_LINE * width:
            close()
    close()
    return pieces


def _looks_like_heading(line: str, width: int) -> bool:
    return (
        len(line) < _HEADING_LINE * width
        and len(line.split()) <= _MAX_HEADING_WORDS
        and not _SENTENCE_END.search(line)
        and (line[:1].isupper() or line[:1].isdigit())
    )


def _join(lines: list[str]) -> str:
    """Wrapped lines as one paragraph: a word broken by a hyphen at a line end is mended."""
    text = lines[0]
    for line in lines[1:]:
        mended = re.search(r"[^\W\d_]-$", text) and line[:1].islower()
        text = text[:-1] + line if mended else f"{text} {line}"
    return text
