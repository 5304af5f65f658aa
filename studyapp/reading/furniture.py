"""News furniture around an article: bylines and datelines at the top, agency sign-offs at the end.

Whatever the format, a line that is a byline or a dateline never becomes part of
a paragraph (a dateline is not a subject; a byline is not a fact), and a
dateline's date becomes the article's published date.
"""

from __future__ import annotations

from dataclasses import replace

from studyapp.domain.article import BlockKind
from studyapp.reading.credits import is_byline, strip_sign_offs
from studyapp.reading.datelines import date_line, split_dateline
from studyapp.reading.structure import Piece, Reading

_TOP_PIECES = 4
_BOTTOM_PIECES = 3


def strip_furniture(reading: Reading) -> Reading:
    pieces = list(reading.pieces)
    published = reading.published
    paragraphs = [i for i, piece in enumerate(pieces) if piece.kind is BlockKind.PARAGRAPH]
    for i in paragraphs[:_TOP_PIECES]:
        kept = []
        for line in pieces[i].text.split("\n"):
            dated = date_line(line)
            if dated is not None:
                published = published or dated
            elif not is_byline(line):
                kept.append(line)
        pieces[i] = replace(pieces[i], text="\n".join(kept))
    first = next((i for i in paragraphs if pieces[i].text.strip()), None)
    if first is not None:
        rest, dated = split_dateline(pieces[first].text + "\n")
        pieces[first] = replace(pieces[first], text=rest.strip())
        published = published or dated
    for i in reversed(paragraphs[-_BOTTOM_PIECES:]):
        text = strip_sign_offs(pieces[i].text)
        pieces[i] = replace(pieces[i], text=text)
        if text.strip():
            break
    return Reading(_non_empty(pieces), reading.title, published)


def _non_empty(pieces: list[Piece]) -> list[Piece]:
    return [piece for piece in pieces if piece.text.strip()]
