"""Whether an article can make cards: it has words, it has sentences, and they are English.

Each check says what is wrong: a file of one word repeated, or of single-word
lines, is told so rather than called "not English"; tables and headings are not
prose, so a table-heavy note is not refused for its cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from studyapp.domain.errors import UserInputError
from studyapp.reading.structure import PROSE_KINDS, Piece

_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "most",
        "no",
        "not",
        "of",
        "on",
        "one",
        "or",
        "our",
        "out",
        "over",
        "she",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "up",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MIN_WORDS_FOR_LANGUAGE_CHECK = 20
_MIN_STOPWORD_SHARE = 0.15
# Terse notes ("Lithosphere = crust + uppermost mantle") drop most little words; other languages still fall far below.
_MIN_STOPWORD_SHARE_NOTES = 0.08
_MIN_STATEMENT_WORDS = 4
_SAMPLE_CHARS = 20_000
_MAX_REPEATED_VOCABULARY = 3


def require_cards_possible(pieces: Sequence[Piece], origin: str) -> None:
    """Refuse, with the reason, an article that has no words, no sentences, or no English."""
    if not any(_WORD.search(piece.text) for piece in pieces):
        raise UserInputError(f"{origin} contains no text to make cards from.")
    prose = [piece.text for piece in pieces if piece.kind in PROSE_KINDS]
    opening = _opening("\n".join(prose))
    refuse_repetition(opening, origin)
    structured = any(piece.kind not in PROSE_KINDS for piece in pieces)
    if prose and not structured and not any(_has_statement(text) for text in prose):
        lines = sum(text.count("\n") + 1 for text in prose)
        shown = "its only line is" if lines == 1 else f"its {lines:,} lines are"
        raise UserInputError(f"{origin} has no sentences to make cards from: {shown} single words or short fragments.")
    require_english(opening, origin, least_share=_MIN_STOPWORD_SHARE_NOTES if structured else _MIN_STOPWORD_SHARE)


def refuse_repetition(text: str, origin: str) -> None:
    """Refuse text that opens with the same word or two over and over (a test file, a stuck export)."""
    sample = [word.lower() for word in _WORD.findall(_opening(text))]
    vocabulary = set(sample)
    if len(sample) >= _MIN_WORDS_FOR_LANGUAGE_CHECK and len(vocabulary) <= _MAX_REPEATED_VOCABULARY:
        shown = " and ".join(f"'{word}'" for word in sorted(vocabulary))
        raise UserInputError(f"{origin} is {shown} repeated over and over; there are no sentences to make cards from.")


def _opening(text: str) -> str:
    """The first ``_SAMPLE_CHARS`` characters, cut between words."""
    return text if len(text) <= _SAMPLE_CHARS else text[:_SAMPLE_CHARS].rsplit(None, 1)[0]


def _has_statement(text: str) -> bool:
    return any(len(_WORD.findall(line)) >= _MIN_STATEMENT_WORDS for line in text.split("\n"))


def require_english(text: str, origin: str, least_share: float = _MIN_STOPWORD_SHARE) -> None:
    """Refuse text whose share of common English words is far too low to be English."""
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE_CHECK:
        return
    share = sum(w in _STOPWORDS for w in words) / len(words)
    if share < least_share:
        raise UserInputError(f"{origin} does not look like English text; only English articles are supported.")
