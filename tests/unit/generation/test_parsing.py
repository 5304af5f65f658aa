"""Splitting an article for the parser: whole paragraphs, and long paragraphs cut at sentence ends."""

from __future__ import annotations

from studyapp.domain.progress import no_progress
from studyapp.generation.nlp import get_nlp
from studyapp.generation.parsing import CHUNK_CHARS, MAX_CHUNK_CHARS, _chunks, parse_sentences

_SENTENCE = "The committee met in Geneva on 4 May 1921 and agreed on seven points. "


def _tiles(text: str, chunks: list[tuple[int, str]]) -> bool:
    position = 0
    for offset, piece in chunks:
        if offset != position or text[offset : offset + len(piece)] != piece:
            return False
        position = offset + len(piece)
    return position == len(text)


def test_a_single_paragraph_of_a_book_is_cut_at_sentence_ends_into_bounded_chunks() -> None:
    text = _SENTENCE * (1_200_000 // len(_SENTENCE))  # 1.2 MB, no blank line: one Doc would exceed max_length
    chunks = _chunks(text)
    assert _tiles(text, chunks)
    assert all(len(piece) <= MAX_CHUNK_CHARS for _, piece in chunks)
    assert all(piece.endswith("points. ") for _, piece in chunks)
    assert len(chunks) <= 2 * len(text) // CHUNK_CHARS + 1


def test_text_without_sentence_ends_or_spaces_is_still_bounded() -> None:
    for text in ("word " * 100_000, "x" * 300_000):
        chunks = _chunks(text)
        assert _tiles(text, chunks) and all(len(piece) <= MAX_CHUNK_CHARS for _, piece in chunks)


def test_paragraphs_within_the_bound_are_not_cut() -> None:
    text = "\n\n".join(_SENTENCE * 40 for _ in range(6))  # six paragraphs of about 2,800 characters
    chunks = _chunks(text)
    assert [piece.count("\n\n") for _, piece in chunks] == [1, 1, 1]  # two whole paragraphs a chunk


def test_sentences_of_a_cut_paragraph_point_into_the_article() -> None:
    text = _SENTENCE * ((MAX_CHUNK_CHARS + CHUNK_CHARS) // len(_SENTENCE))
    sentences = list(parse_sentences(get_nlp(), text, progress=no_progress, cancel=None))
    assert len(sentences) == text.count("points.")
    assert all(text[s.start : s.end] == s.text for s in sentences)
