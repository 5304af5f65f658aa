"""Plain text (a .txt file or pasted text): a title line, then paragraphs separated by blank lines."""

from __future__ import annotations

import re

from studyapp.domain.article import BlockKind
from studyapp.reading.structure import Piece, Reading
from studyapp.reading.titles import split_title_line


def normalise_whitespace(raw: str) -> str:
    """One space between words, one blank line between paragraphs, no BOM."""
    text = raw.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    paragraphs = re.split(r"\n\s*\n", text)
    cleaned = (re.sub(r"[ \t\f\v]+", " ", p).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def read_plain_text(raw: str) -> Reading:
    """Paragraphs as PARAGRAPH pieces; a short first line without final punctuation is the title."""
    title, text = split_title_line(normalise_whitespace(raw))
    return Reading([Piece(BlockKind.PARAGRAPH, paragraph) for paragraph in text.split("\n\n")], title)
