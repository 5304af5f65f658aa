"""An article as read from a file: the text every card's provenance points into, and its structure."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import date


class BlockKind(enum.StrEnum):
    """What a stretch of the article text is, as its reader saw it.

    Only prose (paragraphs, and list items that read as statements) is parsed for
    sentences; headings are context, never card text; definitions and table rows
    carry their parts so cards are phrased from them rather than from glued text.
    """

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list item"
    DEFINITION = "definition"
    TABLE_ROW = "table row"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of ``Article.text``: ``text[start:end]``, under the headings in ``headings`` (outermost first).

    ``term`` is the defined term of a DEFINITION (its definition is ``body``) and the
    row header of a TABLE_ROW; ``cells`` pairs each other column's header with its cell.
    """

    kind: BlockKind
    start: int
    end: int
    headings: tuple[str, ...] = ()
    term: str = ""
    body: str = ""
    cells: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """Clean article text plus what the reader recognised around it.

    ``text`` is the body that cards quote; spans in a ``CardDraft`` are
    offsets into it.  ``published`` comes from a leading dateline, if any.
    ``blocks`` is the text's structure in reading order (plain text gets
    PARAGRAPH blocks); empty means the whole text is one run of prose, as
    pasted text is.  ``title_made_up`` says the reader found no title and made
    one from the first words, which names nothing a card could be shown under.
    """

    title: str
    text: str
    origin: str = ""
    published: date | None = None
    blocks: tuple[Block, ...] = ()
    title_made_up: bool = False

    @property
    def content_hash(self) -> str:
        """Identity of the text, so importing the same article twice is detected."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def word_count(self) -> int:
        return len(self.text.split())
