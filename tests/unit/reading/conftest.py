"""Reading tests: files the tests write themselves, and an article whose every block is checked against its text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from studyapp.domain.article import Article, Block, BlockKind
from studyapp.reading import read_article


def block_text(article: Article, block: Block) -> str:
    return article.text[block.start : block.end]


def texts(article: Article, kind: BlockKind) -> list[str]:
    return [block_text(article, block) for block in article.blocks if block.kind is kind]


def checked(article: Article) -> Article:
    """Every block is a non-empty stretch of the text, in order, and the blocks tile the text's paragraphs."""
    previous_end = 0
    for block in article.blocks:
        text = block_text(article, block)
        assert text and text == text.strip(), block
        assert block.start >= previous_end, block
        previous_end = block.end
    assert "\n\n".join(block_text(article, b) for b in article.blocks) == article.text
    return article


@pytest.fixture
def read(tmp_path: Path) -> Callable[[str, str], Article]:
    """Write ``content`` to a file called ``name`` and read it, checking its blocks' offsets."""

    def read_file(name: str, content: str) -> Article:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return checked(read_article(path))

    return read_file


def write_pdf(path: Path, pages: list[list[str]], *, password: str = "") -> None:
    """A PDF with one text line per entry, top to bottom, each page's lines 14 points apart."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    font_ref = writer._add_object(font)
    for lines in pages:
        page = writer.add_blank_page(width=612, height=792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
        shown = " ".join(
            "({}) Tj 0 -14 Td".format(line.replace("\\", "\\\\").replace("(", r"\(").replace(")", r"\)"))
            for line in lines
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 10 Tf 40 760 Td 14 TL {shown} ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password:
        writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
