"""Turning raw article text into the clean body that cards quote.

Readers of every format end here, so datelines, sign-offs, titles and the
English check behave the same for a .txt file, a web page and pasted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from studyapp.domain.errors import UserInputError
from studyapp.reading.credits import strip_sign_offs
from studyapp.reading.datelines import split_dateline
from studyapp.reading.language import has_words, require_english
from studyapp.reading.titles import split_title_line


@dataclass(frozen=True, slots=True)
class CleanText:
    """The body with what was recognised around it."""

    text: str
    title: str
    published: date | None


def normalise_whitespace(raw: str) -> str:
    """One space between words, one blank line between paragraphs, no BOM."""
    text = raw.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    paragraphs = re.split(r"\n\s*\n", text)
    cleaned = (re.sub(r"[ \t\f\v]+", " ", p).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def clean_article_text(raw: str, *, origin: str, title: str = "", detect_title: bool = True) -> CleanText:
    """Normalise, take off title line, dateline and sign-offs, then check the result is usable."""
    text = normalise_whitespace(raw)
    if detect_title and not title:
        title, text = split_title_line(text)
    text, published = split_dateline(text)
    text = strip_sign_offs(text)
    if not has_words(text):
        raise UserInputError(f"{origin} contains no text to make cards from.")
    require_english(text, origin)
    return CleanText(text=text, title=title, published=published)
