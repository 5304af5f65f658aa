"""A PDF's text layer (pypdf), reflowed into paragraphs; scanned and damaged PDFs are refused."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from studyapp.domain.errors import UserInputError

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


def pdf_text(path: Path) -> str:
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
    return text


def _reflow_pdf_page(page: str) -> str:
    """Join the hard-wrapped lines of a PDF page back into paragraphs."""
    page = re.sub(r"(\w)-\n(\w)", r"\1\2", page)
    return re.sub(r"(?<!\n)\n(?!\n)", " ", page)
