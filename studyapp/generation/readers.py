"""Reading an article from a file or pasted text, refusing what cannot make cards.

Every refusal is a ``UserInputError`` with one sentence the user can act on;
size and binary checks look at the file's size and first bytes before
reading the rest.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

import charset_normalizer

from studyapp.domain.article import Article
from studyapp.domain.errors import UserInputError
from studyapp.generation.markup import html_to_text, markdown_to_text
from studyapp.generation.text_cleanup import CleanText, clean_article_text, prettify_stem, title_from_words

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
_SNIFF_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CONTROL_SHARE = 0.02


def read_article(path: Path) -> Article:
    """Read a .txt, .md, .html/.htm or .pdf file into a clean ``Article``."""
    size = _check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        clean = _read_pdf(path)
    else:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
            _refuse_binary_head(head, path)
            data = head + handle.read(size)
        text = _decode(data, path)
        if suffix in (".md", ".markdown"):
            title, body = markdown_to_text(text)
            clean = clean_article_text(body, origin=path.name, title=title, detect_title=not title)
        elif suffix in (".html", ".htm"):
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


def _check_file(path: Path) -> int:
    """Refuse missing, folder, unsupported, empty and huge files from their metadata alone."""
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


def _bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _refuse_binary_head(head: bytes, path: Path) -> None:
    """NUL bytes without a UTF-16/32 byte-order mark mean a binary file."""
    if _bom_encoding(head) is None and b"\x00" in head and not _looks_like_utf16(head):
        raise UserInputError(f"{path.name} is a binary file, not readable text.")


def _looks_like_utf16(head: bytes) -> bool:
    """ASCII text in UTF-16 without a BOM has a NUL in every other byte."""
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 4:
        return False
    return sample[1::2].count(0) > 0.9 * len(sample) / 2 or sample[0::2].count(0) > 0.9 * len(sample) / 2


def _decode(data: bytes, path: Path) -> str:
    """BOM first, then strict UTF-8, then charset-normalizer's best guess."""
    encoding = _bom_encoding(data)
    if encoding is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(data).best()
            if best is None:
                raise UserInputError(f"{path.name} is a binary file, not readable text.") from None
            log.debug("%s decoded as %s", path.name, best.encoding)
            text = str(best)
    else:
        text = data.decode(encoding, errors="replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f")
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise UserInputError(f"{path.name} is a binary file, not readable text.")
    return text


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


def _read_pdf(path: Path) -> CleanText:
    """The PDF's text layer; a scanned PDF without one is refused, not OCR'd."""
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
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, *PDF_DAMAGE) as error:
        raise UserInputError(f"{path.name} could not be read as a PDF ({error}).") from error
    text = "\n\n".join(_reflow_pdf_page(page) for page in pages)
    if not text.strip():
        raise UserInputError(
            f"{path.name} has no text layer (it looks like scanned images); export it with text or paste the text."
        )
    return clean_article_text(text, origin=path.name)


def _reflow_pdf_page(page: str) -> str:
    """Join the hard-wrapped lines of a PDF page back into paragraphs."""
    page = re.sub(r"(\w)-\n(\w)", r"\1\2", page)
    return re.sub(r"(?<!\n)\n(?!\n)", " ", page)
