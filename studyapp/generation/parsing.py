"""Splitting an article into parsed sentences whose offsets point into ``article.text``.

Text is parsed in chunks of whole paragraphs with ``nlp.pipe`` so a book
reports progress, can be cancelled, and never becomes one giant ``Doc``; a
paragraph too long for one chunk (a book pasted without blank lines) is cut at
sentence ends, so parsing time stays linear and spaCy's ``max_length`` is never
reached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.domain.progress import CancelToken, Progress

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

CHUNK_CHARS = 5_000
MAX_CHUNK_CHARS = 4 * CHUNK_CHARS
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A parsed sentence and where it sits in the article text; ``opens_paragraph`` marks a topic sentence."""

    index: int
    span: Span
    start: int
    end: int
    text: str
    ents: tuple[Span, ...]
    noun_chunks: tuple[Span, ...]
    opens_paragraph: bool = False


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, text) pieces of whole paragraphs, each about ``CHUNK_CHARS`` long and at most
    ``MAX_CHUNK_CHARS``."""
    chunks: list[tuple[int, str]] = []
    chunk_start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        if brk.start() - chunk_start >= CHUNK_CHARS:
            chunks.extend(_bounded(text, chunk_start, brk.start()))
            chunk_start = brk.end()
    if chunk_start < len(text):
        chunks.extend(_bounded(text, chunk_start, len(text)))
    return chunks


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """``text[start:end]`` as one piece, or, when longer than ``MAX_CHUNK_CHARS``, as pieces of about
    ``CHUNK_CHARS`` cut after the last sentence end in the second half of each (else at a space, else anywhere)."""
    while end - start > MAX_CHUNK_CHARS:
        low, high = start + CHUNK_CHARS // 2, start + CHUNK_CHARS
        cut = _last_end(_SENTENCE_END, text, low, high) or _last_end(_SPACE, text, low, high) or high
        yield start, text[start:cut]
        start = cut
    yield start, text[start:end]


def _lines_start_sentences(doc: Doc) -> Doc:
    """Mark the first word after a line break as a sentence start; the parser keeps marks set before it."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


def _last_end(pattern: re.Pattern[str], text: str, low: int, high: int) -> int | None:
    """Where the last match of ``pattern`` inside ``text[low:high]`` ends, or None."""
    last = None
    for found in pattern.finditer(text, low, high):
        last = found.end()
    return last


def _by_sentence(spans: Iterable[Span]) -> dict[int, tuple[Span, ...]]:
    """Group a doc's entities or noun chunks by sentence start once, instead of rescanning per sentence."""
    grouped: dict[int, list[Span]] = {}
    for span in spans:
        grouped.setdefault(span[0].sent.start, []).append(span)
    return {key: tuple(value) for key, value in grouped.items()}


def parse_sentences(
    nlp: Language, text: str, *, progress: Progress, cancel: CancelToken | None, lines_end_sentences: bool = False
) -> Iterator[Sentence]:
    """Yield the article's sentences in order, reporting progress once per chunk.

    ``lines_end_sentences`` is for text a structure reader laid out one block per line (a list item, a
    paragraph): a sentence never runs on from one line into the next, even without a full stop.
    """
    chunks = _chunks(text)
    index = 0
    previous_end = 0
    pieces = (piece for _, piece in chunks)
    docs = nlp.pipe(
        (_lines_start_sentences(nlp.make_doc(p)) for p in pieces) if lines_end_sentences else pieces, batch_size=4
    )
    for number, ((offset, _), doc) in enumerate(zip(chunks, docs, strict=True), start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        ents = _by_sentence(doc.ents)
        noun_chunks = _by_sentence(doc.noun_chunks)
        for span in doc.sents:
            stripped = span.text.strip()
            if not stripped:
                continue
            start = offset + span.start_char + (len(span.text) - len(span.text.lstrip()))
            key = span.start
            opens = index == 0 or "\n" in text[previous_end:start]
            yield Sentence(
                index,
                span,
                start,
                start + len(stripped),
                stripped,
                ents.get(key, ()),
                noun_chunks.get(key, ()),
                opens,
            )
            index += 1
            previous_end = start + len(stripped)
        progress(number, len(chunks), "Reading sentences")
