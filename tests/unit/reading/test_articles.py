"""Reading files and pasted text: encodings, formats and clear refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfWriter

from studyapp.domain.errors import UserInputError
from studyapp.reading import read_article, read_article_text

BODY = (
    "The committee met in the old town hall on Tuesday. It agreed that the new library would open in the "
    "spring, and that the café on the ground floor would be run by a local charity for the first year."
)


def test_utf8_text_with_title_line(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(f"Library Plans Agreed\n\n{BODY}\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Library Plans Agreed"
    assert article.text == BODY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_common_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "encoded.txt"
    path.write_bytes(BODY.encode(encoding))
    assert "café" in read_article(path).text


def test_leading_dateline_becomes_published_date_and_sign_off_is_dropped() -> None:
    article = read_article_text(f" date 2021-04-20 TAIPEI • {BODY}\n\nREUTERS")
    assert article.published == date(2021, 4, 20)
    assert article.text == BODY


def test_reuters_style_dateline_and_reporting_credit() -> None:
    article = read_article_text(f"LONDON, April 20, 2021 (Reuters) - {BODY}\n\n(Reporting by A; Editing by B)")
    assert article.published == date(2021, 4, 20)
    assert article.text == BODY


def test_markdown_syntax_is_stripped_and_heading_is_title(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(f"# The **New** Library\n\n- {BODY}\n\nSee [the plan](http://x.example).\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "The New Library"
    assert "See the plan." in article.text
    assert "**" not in article.text and "http" not in article.text and not article.text.startswith("-")


def test_html_keeps_main_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Library | Town News</title><style>p{color:red}</style>"
        "<script>var x = 1;</script></head><body><nav>Home Sport Weather</nav><header>Town News</header>"
        f"<article><h1>Library plans agreed</h1><p>{BODY}</p></article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.title == "Library plans agreed"
    assert article.text == BODY


def _pdf_with_text(path: Path, text: str) -> None:
    """A one-page PDF whose content stream draws ``text`` with a standard font."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    escaped = text.replace("(", r"\(").replace(")", r"\)")
    stream.set_data(f"BT /F1 10 Tf 20 700 Td ({escaped}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    with path.open("wb") as handle:
        writer.write(handle)


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    _pdf_with_text(path, BODY.replace("é", "e"))
    assert "new library would open" in read_article(path).text


def test_image_only_pdf_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UserInputError, match="no text layer"):
        read_article(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="not found"):
        read_article(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(UserInputError, match="folder"):
        read_article(folder)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  "])
def test_empty_or_blank_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(UserInputError, match=r"empty|no text"):
        read_article(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(UserInputError, match="binary"):
        read_article(path)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(UserInputError, match="20 MB"):
        read_article(path)


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UserInputError, match="not supported"):
        read_article(path)


def test_non_english_text_is_refused() -> None:
    french = (
        "Le conseil municipal s'est réuni mardi dans l'ancienne mairie. Il a décidé que la nouvelle "
        "bibliothèque ouvrirait au printemps et que le café du rez-de-chaussée serait géré par une "
        "association locale pendant la première année."
    )
    with pytest.raises(UserInputError, match="English"):
        read_article_text(french)
