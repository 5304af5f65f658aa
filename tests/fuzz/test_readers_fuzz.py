"""Article readers on arbitrary and mutated bytes: a clear ``UserInputError`` or an article, never a crash.

A PDF whose object refers to itself once let pypdf's ``LimitReachedError`` escape; it is pinned below.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.domain.errors import UserInputError
from studyapp.reading import read_article

TEXT_SUFFIXES = [".txt", ".md", ".html", ".htm"]


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer, offsets computed, so mutations start from a valid file."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF = minimal_pdf("The Danube flows through ten countries. It is 2,850 kilometres long.")
HTML = b"<html><head><title>Rivers</title></head><body><h1>Rivers</h1><p>The Danube flows east.</p></body></html>"


def read(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        try:
            article = read_article(path)
        except UserInputError as error:
            assert error.message.strip()
            return
        assert isinstance(article.text, str) and article.text.strip()


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """The original with a few bytes flipped, cut, or inserted: what a damaged download looks like."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(TEXT_SUFFIXES))
def test_arbitrary_bytes_are_read_or_refused_clearly(data: bytes, suffix: str) -> None:
    read(data, suffix)


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(max_size=500),
    suffix=st.sampled_from(TEXT_SUFFIXES),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]),
)
def test_arbitrary_text_in_any_encoding_is_read_or_refused_clearly(text: str, suffix: str, encoding: str) -> None:
    read(text.encode(encoding, "replace"), suffix)


@settings(max_examples=120, deadline=None)
@given(data=mutated(PDF))
def test_damaged_pdfs_are_refused_clearly(data: bytes) -> None:
    read(data, ".pdf")


@settings(max_examples=60, deadline=None)
@given(data=mutated(HTML))
def test_damaged_html_is_read_or_refused_clearly(data: bytes) -> None:
    read(data, ".html")


def test_the_unmutated_pdf_is_readable() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rivers.pdf"
        path.write_bytes(PDF)
        assert "Danube" in read_article(path).text


def test_a_pdf_whose_object_refers_to_itself_is_refused_clearly() -> None:
    damaged = PDF.replace(b"<< /Type /Catalog", b"<< /\x00ype /Catalog").replace(b"5 0 obj\n", b"5 0 obj\x01")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "loop.pdf"
        path.write_bytes(damaged)
        with pytest.raises(UserInputError):
            read_article(path)
