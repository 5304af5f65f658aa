"""An article as read from a file: the text every card's provenance points into."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Article:
    """Clean article text plus what the reader recognised around it.

    ``text`` is the body that cards quote; spans in a ``CardDraft`` are
    offsets into it.  ``published`` comes from a leading dateline, if any.
    """

    title: str
    text: str
    origin: str = ""
    published: date | None = None

    @property
    def content_hash(self) -> str:
        """Identity of the text, so importing the same article twice is detected."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def word_count(self) -> int:
        return len(self.text.split())
