"""Reading an article from a file or pasted text, refusing what cannot make cards.

Every refusal is a ``UserInputError`` with one sentence the user can act on;
size and binary checks look at the file's size and first bytes before
reading the rest.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.domain.article import Article
from studyapp.domain.errors import UserInputError
from studyapp.reading.decoding import read_text_file
from studyapp.reading.files import MARKDOWN_SUFFIXES, WEB_PAGE_SUFFIXES, check_file
from studyapp.reading.markdown import markdown_to_text
from studyapp.reading.pdf import pdf_text
from studyapp.reading.plain_text import CleanText, clean_article_text
from studyapp.reading.titles import prettify_stem, title_from_words
from studyapp.reading.web_page import html_to_text


def read_article(path: Path) -> Article:
    """Read a .txt, .md, .html/.htm or .pdf file into a clean ``Article``."""
    size = check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        clean = clean_article_text(pdf_text(path), origin=path.name)
    else:
        text = read_text_file(path, size)
        if suffix in MARKDOWN_SUFFIXES:
            title, body = markdown_to_text(text)
            clean = clean_article_text(body, origin=path.name, title=title, detect_title=not title)
        elif suffix in WEB_PAGE_SUFFIXES:
            title, body = html_to_text(text)
            clean = clean_article_text(body, origin=path.name, title=title, detect_title=not title)
        else:
            clean = clean_article_text(text, origin=path.name)
    return _article(clean, origin=str(path), fallback_title=prettify_stem(path.stem))


def read_article_text(text: str, origin: str = "pasted text") -> Article:
    """Make an ``Article`` from text the user pasted."""
    if "\x00" in text:
        raise UserInputError(f"The {origin} contains binary data, not readable text.")
    clean = clean_article_text(text, origin=f"The {origin}" if origin == "pasted text" else origin)
    return _article(clean, origin=origin, fallback_title="Pasted text")


def _article(clean: CleanText, *, origin: str, fallback_title: str) -> Article:
    title = clean.title or title_from_words(clean.text, fallback_title)
    return Article(title=title, text=clean.text, origin=origin, published=clean.published)
