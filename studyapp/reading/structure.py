"""Building an article's text and blocks from what a format reader found, with the offsets cards point into.

Every reader hands over ``Piece`` objects in reading order; ``assemble`` lays their
texts out one block to a paragraph ("\\n\\n" between blocks) and records each one's
span and the heading path above it, so ``text[block.start:block.end]`` is the
block's text for every block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from studyapp.domain.article import Block, BlockKind

PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.DEFINITION})
_SECTION_NUMBER = re.compile(r"^\s*(?:§\s*)?(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,2}\.?|[IVXLC]{1,6}\.)\s+(?=\S)")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u200b]+")
# "Term: definition", "Term – definition", "Term — definition", "Term - definition" (a short term only).
_TERM_AND_BODY = re.compile(
    r"^(?P<term>[^\s:.!?;][^:.!?;]{0,48}?)\s*(?::\s|\s[–—-]\s|[–—]\s?)\s*(?P<body>\S.*)$", re.DOTALL
)
_MAX_TERM_WORDS = 6
_MAX_NOTE_TERM_WORDS = 4  # a paragraph is read as notes only with short terms


@dataclass(frozen=True, slots=True)
class Piece:
    """One block as a reader found it, before it has a place in the text; ``level`` ranks a heading (1 = top)."""

    kind: BlockKind
    text: str
    level: int = 0
    term: str = ""
    body: str = ""
    cells: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Reading:
    """What a format reader found: the title it saw (if any), a date, and the pieces in order."""

    pieces: list[Piece] = field(default_factory=list)
    title: str = ""
    published: date | None = None


def tidy(text: str) -> str:
    """One space between words, lines trimmed, no blank lines inside a block."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def heading_name(heading: str) -> str:
    """A heading as context: numbered section prefixes ("7.2.2", "IV.") dropped."""
    return _SECTION_NUMBER.sub("", " ".join(heading.split()))


def definition_or_item(text: str, kind: BlockKind = BlockKind.LIST_ITEM, *, term: str = "") -> Piece:
    """A list item (or one-line note) that reads "Term: definition" becomes a DEFINITION; ``term`` if already known.

    ``term`` is given when markup marked it ("**Term** – definition"); the separator
    after it is then dropped from the body.
    """
    text = tidy(text)
    if term:
        rest = text[len(term) :] if text.startswith(term) else text
        body = re.sub(r"^\s*[:–—-]\s*", "", rest).strip()
        if body and body != text:
            return Piece(BlockKind.DEFINITION, text, term=term, body=body)
    found = _TERM_AND_BODY.match(text)
    if found and "\n" not in found["term"] and len(found["term"].split()) <= _MAX_TERM_WORDS:
        return Piece(BlockKind.DEFINITION, text, term=found["term"].strip(), body=found["body"].strip())
    return Piece(kind, text)


def definition(term: str, body: str) -> Piece:
    """A definition-list entry, written out as "Term: definition"."""
    term, body = " ".join(term.split()), " ".join(body.split())
    return Piece(BlockKind.DEFINITION, f"{term}: {body}", term=term, body=body)


def notes_or_paragraph(text: str) -> list[Piece]:
    """A paragraph whose every line reads "Term: definition" is that many DEFINITIONs; otherwise one PARAGRAPH."""
    lines = tidy(text).split("\n")
    pieces = [definition_or_item(line, BlockKind.PARAGRAPH) for line in lines]
    if all(piece.kind is BlockKind.DEFINITION and len(piece.term.split()) <= _MAX_NOTE_TERM_WORDS for piece in pieces):
        return pieces
    return [Piece(BlockKind.PARAGRAPH, text)]


def table_rows(header: list[str], rows: Iterable[list[str]]) -> list[Piece]:
    """Each row a TABLE_ROW: its first cell is the term, the others paired with their column headers."""
    pieces = []
    for row in rows:
        cells = [tidy(cell).replace("\n", " ") for cell in row]
        if not any(cells):
            continue
        term, others = cells[0], cells[1:]
        names = [tidy(name).replace("\n", " ") for name in header[1:]] + [""] * len(others)
        paired = tuple((name, cell) for name, cell in zip(names, others, strict=False) if cell)
        shown = "; ".join(f"{name}: {cell}" if name else cell for name, cell in paired)
        lead = f"{tidy(header[0])}: {term}" if header and tidy(header[0]) and term else term
        text = f"{lead} — {shown}" if lead and shown else lead or shown
        pieces.append(Piece(BlockKind.TABLE_ROW, text, term=term, cells=paired))
    return pieces


def assemble(pieces: Iterable[Piece]) -> tuple[str, tuple[Block, ...]]:
    """The article text (blocks separated by a blank line) and its blocks with offsets and heading paths."""
    parts: list[str] = []
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []
    offset = 0
    for piece in pieces:
        text = tidy(piece.text)
        if not text:
            continue
        if parts:
            offset += 2
        if piece.kind is BlockKind.HEADING:
            path = [(level, name) for level, name in path if level < piece.level]
        headings = tuple(name for _, name in path)
        if piece.kind is BlockKind.HEADING:
            path.append((piece.level, heading_name(text)))
        blocks.append(Block(piece.kind, offset, offset + len(text), headings, piece.term, piece.body, piece.cells))
        parts.append(text)
        offset += len(text)
    return "\n\n".join(parts), tuple(blocks)
