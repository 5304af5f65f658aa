"""Reading an article from a file or pasted text, refusing what cannot make cards.

Each format's reader finds the pieces (headings, paragraphs, list items,
definitions, table rows); then, for every format alike, news furniture is taken
off, the result is checked to be English prose, and the text and blocks are laid
out. Every refusal is a ``UserInputError`` with one sentence the user can act on.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.domain.article import Article, BlockKind
from studyapp.domain.errors import UserInputError
from studyapp.reading.decoding import read_text_file
from studyapp.reading.files import MARKDOWN_SUFFIXES, WEB_PAGE_SUFFIXES, check_file
from studyapp.reading.furniture import strip_furniture
from studyapp.reading.language import refuse_repetition, require_cards_possible
from studyapp.reading.markdown import read_markdown
from studyapp.reading.pdf import read_pdf
from studyapp.reading.plain_text import read_plain_text
from studyapp.reading.structure import Reading, assemble
from studyapp.reading.titles import prettify_stem, title_from_words
from studyapp.reading.web_page import read_web_page


def read_article(path: Path) -> Article:
    """Read a .txt, .md, .html/.htm or .pdf file into an ``Article`` with its blocks."""
    size = check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        reading = read_pdf(path)
    else:
        text = read_text_file(path, size)
        if suffix in WEB_PAGE_SUFFIXES:
            reading = read_web_page(text)
        else:
            refuse_repetition(text, path.name)  # before parsing: a file of one word is told so at once
            reading = read_markdown(text, path.name) if suffix in MARKDOWN_SUFFIXES else read_plain_text(text)
    return _article(reading, name=path.name, origin=str(path), fallback_title=prettify_stem(path.stem))


def read_article_text(text: str, origin: str = "pasted text") -> Article:
    """Make an ``Article`` from text the user pasted."""
    if "\x00" in text:
        raise UserInputError(f"The {origin} contains binary data, not readable text.")
    name = f"The {origin}" if origin == "pasted text" else origin
    return _article(read_plain_text(text), name=name, origin=origin, fallback_title="Pasted text")


def _article(reading: Reading, *, name: str, origin: str, fallback_title: str) -> Article:
    reading = strip_furniture(reading)
    require_cards_possible(reading.pieces, name)
    text, blocks = assemble(reading.pieces)
    first = next((p.text for p in reading.pieces if p.kind is BlockKind.PARAGRAPH), text)
    made_up = title_from_words(first, fallback_title)
    title = reading.title or made_up
    return Article(
        title=title,
        text=text,
        origin=origin,
        published=reading.published,
        blocks=blocks,
        title_made_up=not reading.title and made_up != fallback_title,
    )
