"""The one byte decoder: a file mixing UTF-8 and Windows-1252 lines is decoded line by line, never garbled."""

from __future__ import annotations

from pathlib import Path

from studyapp.reading import read_article


def test_mixed_encoding_lines_are_each_decoded_in_their_own_encoding(tmp_path: Path) -> None:
    utf8 = "A café au lait is made with strong coffee and hot milk in equal parts.".encode()
    legacy = "The naïve visitor orders it after lunch, which surprises the waiter.".encode("cp1252")
    path = tmp_path / "mixed.txt"
    path.write_bytes(utf8 + b"\n" + legacy + b"\n")
    text = read_article(path).text
    assert "café au lait" in text and "naïve visitor" in text
    assert "Ã" not in text and "\ufffd" not in text


def test_a_whole_windows_1252_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("The café on the ground floor will be run by a charity – for a year.".encode("cp1252"))
    assert "café on the ground floor" in read_article(path).text
